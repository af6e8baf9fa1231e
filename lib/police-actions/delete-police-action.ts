// Soft-deletes a police action recorded in error.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid, parseVersion, staleVersion } from "@/lib/service-kit";
import { loadEditablePoliceAction } from "./shared";

export async function deletePoliceAction(ctx: Ctx, actionId: string, versionInput: unknown): Promise<void> {
  authorize(ctx, "protests.write");
  const version = parseVersion(versionInput);
  if (!isUuid(actionId)) throw notFound("police action");
  await withTenant(ctx, async (tx) => {
    const current = await loadEditablePoliceAction(tx, ctx, actionId);
    const updated = await tx.policeAction.updateMany({
      where: { id: actionId, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion("police action", { version: current.version, updatedAt: current.updatedAt.toISOString() });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "policeAction.delete",
      entityType: "PoliceAction",
      entityId: actionId,
      changedFields: ["deletedAt"],
      ipHash: ctx.ipHash ?? null,
    });
  });
}
