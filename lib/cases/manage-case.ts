// Coordinator actions on a case: reassign, override the status, soft delete and restore.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, can, type Ctx } from "@/lib/authz";
import { withTenant, type Tx } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assignCaseSchema, statusOverrideSchema, versionOnlySchema } from "@/lib/validations/case";
import { deriveStatus, loadReadableCase } from "./internal";
import { requireAssignableMember } from "./members";
import { isUuid, parseInput, staleVersion } from "@/lib/service-kit";

async function bump(tx: Tx, caseId: string, version: number, data: Record<string, unknown>, current: () => Promise<Record<string, unknown>>) {
  const result = await tx.case.updateMany({ where: { id: caseId, version }, data: { ...data, version: { increment: 1 } } });
  if (result.count !== 1) throw staleVersion("case", await current());
}

export async function assignCase(ctx: Ctx, caseId: string, input: unknown): Promise<{ version: number }> {
  authorize(ctx, "cases.updateAny");
  const data = parseInput(assignCaseSchema, input);
  return withTenant(ctx, async (tx) => {
    const current = await loadReadableCase(tx, ctx, caseId);
    if (data.assignedToId) await requireAssignableMember(tx, ctx, data.assignedToId);
    const snapshot = async () => ({ version: current.version, assignedToId: current.assignedToId });
    if (current.version !== data.version) throw staleVersion("case", await snapshot());
    await bump(tx, caseId, data.version, { assignedToId: data.assignedToId }, snapshot);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.assign",
      entityType: "Case",
      entityId: caseId,
      changedFields: ["assignedToId"],
      metadata: { assignedToId: data.assignedToId },
      ipHash: ctx.ipHash,
    });
    return { version: data.version + 1 };
  });
}

/** Sets the status by hand, or (status null) hands it back to the timeline. */
export async function setStatusOverride(ctx: Ctx, caseId: string, input: unknown): Promise<{ version: number }> {
  authorize(ctx, "cases.updateAny");
  const data = parseInput(statusOverrideSchema, input);
  return withTenant(ctx, async (tx) => {
    const current = await loadReadableCase(tx, ctx, caseId);
    const snapshot = async () => ({ version: current.version, status: current.status, statusOverridden: current.statusOverridden });
    if (current.version !== data.version) throw staleVersion("case", await snapshot());
    let status = data.status;
    if (status === null) {
      const events = await tx.caseEvent.findMany({
        where: { caseId, deletedAt: null },
        select: { id: true, type: true, date: true, datePrecision: true, createdAt: true },
      });
      status = deriveStatus(events).status ?? "UNKNOWN";
    }
    await bump(tx, caseId, data.version, { status, statusOverridden: data.status !== null }, snapshot);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: data.status === null ? "case.status.derive" : "case.status.override",
      entityType: "Case",
      entityId: caseId,
      changedFields: ["status", "statusOverridden"],
      ipHash: ctx.ipHash,
    });
    return { version: data.version + 1 };
  });
}

export async function deleteCase(ctx: Ctx, caseId: string, input: unknown): Promise<{ version: number }> {
  authorize(ctx, "cases.delete");
  const data = parseInput(versionOnlySchema, input);
  return withTenant(ctx, async (tx) => {
    const current = await loadReadableCase(tx, ctx, caseId);
    const snapshot = async () => ({ version: current.version, deletedAt: null });
    if (current.version !== data.version) throw staleVersion("case", await snapshot());
    await bump(tx, caseId, data.version, { deletedAt: new Date() }, snapshot);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.delete",
      entityType: "Case",
      entityId: caseId,
      changedFields: ["deletedAt"],
      ipHash: ctx.ipHash,
    });
    return { version: data.version + 1 };
  });
}

export async function restoreCase(ctx: Ctx, caseId: string): Promise<{ version: number }> {
  authorize(ctx, "cases.delete");
  if (!can(ctx, "cases.delete") || !isUuid(caseId)) throw notFound("case");
  return withTenant(ctx, async (tx) => {
    const current = await loadReadableCase(tx, ctx, caseId, { includeDeleted: true });
    if (!current.deletedAt) throw new AppError("CONFLICT", "This case is not deleted.", { details: { current: { version: current.version, deletedAt: null } } });
    await tx.case.update({ where: { id: caseId }, data: { deletedAt: null, version: { increment: 1 } } });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.restore",
      entityType: "Case",
      entityId: caseId,
      changedFields: ["deletedAt"],
      ipHash: ctx.ipHash,
    });
    return { version: current.version + 1 };
  });
}
