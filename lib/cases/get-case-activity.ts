// "Who viewed or changed this case": the case's audit trail for coordinators (field names only, never values).
import "server-only";
import { authorize, type Ctx, auditEventScope } from "@/lib/authz";
import { oneAtATime, withTenant } from "@/lib/db";
import { loadReadableCase } from "./internal";

export interface CaseActivityItem {
  id: string;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  changedFields: string[];
  createdAt: string;
}

export async function getCaseActivity(ctx: Ctx, caseId: string, options: { limit?: number } = {}): Promise<CaseActivityItem[]> {
  authorize(ctx, "audit.readCase");
  return withTenant(ctx, async (tx) => {
    await loadReadableCase(tx, ctx, caseId, { includeDeleted: true });
    const [eventIds, noteIds, taskIds] = await oneAtATime([
      () => tx.caseEvent.findMany({ where: { caseId }, select: { id: true } }),
      () => tx.note.findMany({ where: { caseId }, select: { id: true } }),
      () => tx.task.findMany({ where: { caseId }, select: { id: true } }),
    ]);
    const attachmentIds = await tx.attachment.findMany({ where: { OR: [{ caseId }, { caseEvent: { caseId } }] }, select: { id: true } });
    const rows = await tx.auditEvent.findMany({
      where: {
        ...auditEventScope(ctx),
        OR: [
          { entityType: "Case", entityId: caseId },
          { entityType: "CaseEvent", entityId: { in: eventIds.map((e) => e.id) } },
          { entityType: "Note", entityId: { in: noteIds.map((e) => e.id) } },
          { entityType: "Task", entityId: { in: taskIds.map((e) => e.id) } },
          { entityType: "Attachment", entityId: { in: attachmentIds.map((e) => e.id) } },
        ],
      },
      orderBy: { id: "desc" },
      take: Math.min(options.limit ?? 100, 500),
      select: { id: true, action: true, actorUserId: true, changedFields: true, createdAt: true },
    });
    const actorIds = Array.from(new Set(rows.map((row) => row.actorUserId).filter((id): id is string => id !== null)));
    const actors = actorIds.length ? await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
    const names = new Map(actors.map((actor) => [actor.id, actor.name]));
    return rows.map((row) => ({
      id: row.id.toString(),
      action: row.action,
      actorUserId: row.actorUserId,
      actorName: row.actorUserId ? (names.get(row.actorUserId) ?? null) : null,
      changedFields: row.changedFields,
      createdAt: row.createdAt.toISOString(),
    }));
  });
}
