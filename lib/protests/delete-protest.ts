// Soft-deletes a protest (its police actions stay on record and keep pointing at it).
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, assertMayEditRecord, protestScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isUuid, parseVersion, staleVersion } from "@/lib/service-kit";

export async function deleteProtest(ctx: Ctx, protestId: string, versionInput: unknown): Promise<void> {
  authorize(ctx, "protests.write");
  const version = parseVersion(versionInput);
  if (!isUuid(protestId)) throw notFound("protest");
  await withTenant(ctx, async (tx) => {
    const current = await tx.protest.findFirst({ where: { ...protestScope(ctx), id: protestId } });
    if (!current) throw notFound("protest");
    assertMayEditRecord(ctx, current);
    const updated = await tx.protest.updateMany({
      where: { id: protestId, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion("protest", { version: current.version, updatedAt: current.updatedAt.toISOString() });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "protest.delete",
      entityType: "Protest",
      entityId: protestId,
      changedFields: ["deletedAt"],
      ipHash: ctx.ipHash ?? null,
    });
  });
}
