// The organisation's audit log, for admins (all events) and coordinators (one case's activity).
import "server-only";
import { z } from "zod";
import { authorize, type Ctx } from "../authz";
import { withTenant } from "../db";
import { toCsv } from "../csv";

export const auditQuerySchema = z.object({
  action: z.string().trim().max(100).optional(),
  actorUserId: z.uuid().optional(),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditEventView {
  id: string;
  createdAt: Date;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  entityType: string | null;
  entityId: string | null;
  changedFields: string[];
}

function whereFor(ctx: Ctx, query: z.output<typeof auditQuerySchema>) {
  return {
    organizationId: ctx.organizationId,
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.actorUserId ? { actorUserId: query.actorUserId } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } : {}),
  };
}

async function load(ctx: Ctx, query: z.output<typeof auditQuerySchema>, take: number, skip: number) {
  return withTenant(ctx, async (tx) => {
    const where = whereFor(ctx, query);
    const [rows, total] = await Promise.all([
      tx.auditEvent.findMany({ where, orderBy: { id: "desc" }, take, skip }),
      tx.auditEvent.count({ where }),
    ]);
    const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => Boolean(id)))];
    const actors = await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
    const names = new Map(actors.map((a) => [a.id, a.name]));
    const events: AuditEventView[] = rows.map((r) => ({
      id: r.id.toString(),
      createdAt: r.createdAt,
      action: r.action,
      actorUserId: r.actorUserId,
      actorName: r.actorUserId ? (names.get(r.actorUserId) ?? null) : null,
      entityType: r.entityType,
      entityId: r.entityId,
      changedFields: r.changedFields,
    }));
    return { events, total };
  });
}

/** A page of the audit log with filters (admins only). */
export async function findAuditEvents(ctx: Ctx, input: AuditQuery) {
  authorize(ctx, "audit.read");
  const query = auditQuerySchema.parse(input);
  const { events, total } = await load(ctx, query, query.pageSize, (query.page - 1) * query.pageSize);
  return { events, total, page: query.page, pageSize: query.pageSize };
}

/** Who viewed or changed one case (coordinators and admins). */
export async function findCaseActivity(ctx: Ctx, caseId: string, limit = 50) {
  authorize(ctx, "audit.readCase");
  const query = auditQuerySchema.parse({ entityType: "Case", entityId: caseId, pageSize: Math.min(limit, 200) });
  return (await load(ctx, query, query.pageSize, 0)).events;
}

const EXPORT_LIMIT = 100_000;

/** The filtered log as CSV (admins only); the export itself is audited. */
export async function exportAuditEventsCsv(ctx: Ctx, input: AuditQuery): Promise<string> {
  authorize(ctx, "audit.read");
  const query = auditQuerySchema.parse(input);
  const { events } = await load(ctx, query, EXPORT_LIMIT, 0);
  const { audit } = await import("../audit");
  await withTenant(ctx, (tx) =>
    audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "audit.export",
      metadata: { rows: events.length },
      ipHash: ctx.ipHash ?? null,
    }),
  );
  return toCsv(
    ["id", "time", "action", "actor", "actor_id", "entity_type", "entity_id", "changed_fields"],
    events.map((e) => [e.id, e.createdAt, e.action, e.actorName, e.actorUserId, e.entityType, e.entityId, e.changedFields]),
  );
}
