// The organisation's audit log, for admins (all events) and coordinators (one case's activity).
// Events hold field names and ids, never values; the viewer adds members' names and nothing decrypted.
import "server-only";
import { z } from "zod";
import { audit } from "../audit";
import { authorize, type Ctx, membershipScope, auditEventScope } from "../authz";
import { oneAtATime, withTenant, type Tx } from "../db";
import { toCsv } from "../csv";
import type { Prisma } from "../generated/prisma/client";
import { startsWithText } from "@/lib/search/like";
import { filterBoundDay } from "@/lib/validations/dates";
import { parseInput } from "@/lib/service-kit";

/** A form left empty sends "", which means "no filter". */
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const dayOnly = /^\d{4}-\d{2}-\d{2}$/;

export const auditQuerySchema = z.object({
  action: z.preprocess(blank, z.string().trim().max(100, "tooLong").optional()),
  actorUserId: z.preprocess(blank, z.uuid("invalidChoice").optional()),
  entityType: z.preprocess(blank, z.string().trim().max(50, "tooLong").optional()),
  entityId: z.preprocess(blank, z.string().trim().max(100, "tooLong").optional()),
  // a day, a month or a year typed as people say it reads as its first day ("from") or its last ("to")
  from: z.preprocess((value) => filterBoundDay(blank(value), "from"), z.coerce.date("invalidDate").optional()),
  // a day given alone ("2026-11-23") means up to the end of that day
  to: z.preprocess(
    (value) => filterBoundDay(blank(value), "to"),
    z
      .string()
      .trim()
      .max(40)
      .transform((value, context) => {
        const date = new Date(dayOnly.test(value) ? `${value}T00:00:00Z` : value);
        if (Number.isNaN(date.getTime())) {
          context.addIssue({ code: "custom", message: "invalidDate" });
          return z.NEVER;
        }
        return dayOnly.test(value) ? new Date(date.getTime() + 86_400_000) : new Date(date.getTime() + 1);
      })
      .optional(),
  ),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)),
  pageSize: z.preprocess(blank, z.coerce.number().int().min(1).max(200).default(50)),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;
type ParsedQuery = z.output<typeof auditQuerySchema>;

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

function parseQuery(input: AuditQuery): ParsedQuery {
  return parseInput(auditQuerySchema, input);
}

function whereFor(ctx: Ctx, query: ParsedQuery): Prisma.AuditEventWhereInput {
  return {
    ...auditEventScope(ctx),
    ...(query.action ? { action: startsWithText(query.action) } : {}),
    ...(query.actorUserId ? { actorUserId: query.actorUserId } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: query.to } : {}) } } : {}),
  };
}

async function load(tx: Tx, ctx: Ctx, query: ParsedQuery, take: number, skip: number) {
  const where = whereFor(ctx, query);
  const [rows, total] = await oneAtATime([
    () => tx.auditEvent.findMany({ where, orderBy: { id: "desc" }, take, skip }),
    () => tx.auditEvent.count({ where }),
  ]);
  const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => Boolean(id)))];
  const actors = actorIds.length ? await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
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
}

/** A page of the audit log with filters (admins only). */
export async function findAuditEvents(ctx: Ctx, input: AuditQuery) {
  authorize(ctx, "audit.read");
  const query = parseQuery(input);
  const { events, total } = await withTenant(ctx, (tx) => load(tx, ctx, query, query.pageSize, (query.page - 1) * query.pageSize));
  return { events, total, page: query.page, pageSize: query.pageSize };
}

export interface AuditFilterOptions {
  /** members of the organisation (also former ones), for the actor filter */
  actors: { id: string; name: string }[];
  /** entity types that occur in this organisation's log */
  entityTypes: string[];
}

/** What the viewer's filters can offer: the organisation's members and the kinds of records in its log. */
export async function findAuditFilterOptions(ctx: Ctx): Promise<AuditFilterOptions> {
  authorize(ctx, "audit.read");
  return withTenant(ctx, async (tx) => {
    const [memberships, types] = await oneAtATime([
      () => tx.membership.findMany({ where: membershipScope(ctx), select: { user: { select: { id: true, name: true } } } }),
      () => tx.auditEvent.groupBy({ by: ["entityType"], where: { ...auditEventScope(ctx), entityType: { not: null } } }),
    ]);
    return {
      actors: memberships.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name)),
      entityTypes: types.map((t) => t.entityType).filter((t): t is string => Boolean(t)).sort(),
    };
  });
}

const EXPORT_LIMIT = 100_000;

/** The filtered log as CSV (admins only); the export is audited in the same transaction that reads it. */
export async function exportAuditEventsCsv(ctx: Ctx, input: AuditQuery): Promise<string> {
  authorize(ctx, "audit.read");
  const query = parseQuery(input);
  const events = await withTenant(ctx, async (tx) => {
    const { events: rows } = await load(tx, ctx, query, EXPORT_LIMIT, 0);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "audit.export",
      metadata: {
        rows: rows.length,
        // which filters were used, so a reviewer can tell a full dump from a narrow look-up
        filters: (["action", "actorUserId", "entityType", "entityId", "from", "to"] as const).filter((key) => query[key] !== undefined),
      },
      ipHash: ctx.ipHash ?? null,
    });
    return rows;
  });
  return toCsv(
    ["id", "time", "action", "actor", "actor_id", "entity_type", "entity_id", "changed_fields"],
    events.map((e) => [e.id, e.createdAt, e.action, e.actorName, e.actorUserId, e.entityType, e.entityId, e.changedFields]),
  );
}
