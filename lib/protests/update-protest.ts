// Edits a protest's own fields with optimistic locking; participants change through add/remove.
import "server-only";
import { audit, changedFieldNames } from "@/lib/audit";
import { authorize, type Ctx, assertMayEditRecord, protestScope } from "@/lib/authz";
import { decryptField, encryptField } from "@/lib/crypto";
import { protestDescriptionContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { invalid, notFound } from "@/lib/errors";
import { protestUpdateSchema, type ProtestUpdateInput } from "@/lib/validations/protest";
import { isUuid, parseInput, staleVersion } from "@/lib/service-kit";

export async function updateProtest(ctx: Ctx, protestId: string, input: ProtestUpdateInput): Promise<{ id: string; version: number }> {
  authorize(ctx, "protests.write");
  if (!isUuid(protestId)) throw notFound("protest");
  const data = parseInput(protestUpdateSchema, input);
  return withTenant(ctx, async (tx) => {
    const current = await tx.protest.findFirst({ where: { ...protestScope(ctx), id: protestId } });
    if (!current) throw notFound("protest");
    assertMayEditRecord(ctx, current);
    if (data.placeId && !(await tx.place.findUnique({ where: { id: data.placeId }, select: { id: true } }))) {
      throw invalid("Unknown place.", { placeId: ["invalidChoice"] });
    }
    const before = {
      startsAt: current.startsAt,
      city: current.city,
      location: current.location,
      placeId: current.placeId,
      kind: current.kind,
      organiser: current.organiser,
      description: decryptField(current.descriptionEnc, protestDescriptionContext(current.id)),
    };
    const after = {
      startsAt: data.startsAt,
      city: data.city,
      location: data.location,
      placeId: data.placeId,
      kind: data.kind,
      organiser: data.organiser,
      description: data.description,
    };
    const updated = await tx.protest.updateMany({
      where: { id: protestId, version: data.version, deletedAt: null },
      data: {
        startsAt: data.startsAt,
        city: data.city,
        location: data.location,
        placeId: data.placeId,
        kind: data.kind,
        organiser: data.organiser,
        descriptionEnc: encryptField(data.description, protestDescriptionContext(protestId)),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) {
      throw staleVersion("protest", { ...before, startsAt: current.startsAt.toISOString(), version: current.version, updatedAt: current.updatedAt.toISOString() });
    }
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "protest.update",
      entityType: "Protest",
      entityId: protestId,
      changedFields: changedFieldNames(before, after),
      ipHash: ctx.ipHash ?? null,
    });
    return { id: protestId, version: current.version + 1 };
  });
}
