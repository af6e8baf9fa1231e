// Adds people to a protest that is already recorded, or takes one off.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, assertMayEditRecord, protestScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { participantSchema, type ParticipantInput } from "@/lib/validations/protest";
import { z } from "zod";
import { addParticipantsInTx } from "./participants-in-tx";
import { isUuid, parseInput } from "@/lib/service-kit";

const participantsSchema = z.array(participantSchema).min(1, "required").max(500, "tooLong");

/** Who may add participants: anyone who records protests (a protest is a shared effort), in their organisation. */
export async function addParticipants(ctx: Ctx, protestId: string, input: ParticipantInput[]): Promise<{ personIds: string[] }> {
  authorize(ctx, "protests.write");
  if (!isUuid(protestId)) throw notFound("protest");
  const participants = parseInput(participantsSchema, input);
  return withTenant(ctx, async (tx) => {
    const protest = await tx.protest.findFirst({ where: { ...protestScope(ctx), id: protestId } });
    if (!protest) throw notFound("protest");
    const personIds = await addParticipantsInTx(tx, ctx, protestId, participants, (index) => `${index}`);
    await tx.protest.update({ where: { id: protestId }, data: { updatedAt: new Date() } });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "protest.participants.add",
      entityType: "Protest",
      entityId: protestId,
      changedFields: ["participants"],
      metadata: { personIds },
      ipHash: ctx.ipHash ?? null,
    });
    return { personIds };
  });
}

export async function removeParticipant(ctx: Ctx, protestId: string, personId: string): Promise<void> {
  authorize(ctx, "protests.write");
  if (!isUuid(protestId) || !isUuid(personId)) throw notFound("participant");
  await withTenant(ctx, async (tx) => {
    const protest = await tx.protest.findFirst({ where: { ...protestScope(ctx), id: protestId } });
    if (!protest) throw notFound("protest");
    assertMayEditRecord(ctx, protest);
    const removed = await tx.protestParticipation.deleteMany({ where: { protestId, personId } });
    if (removed.count === 0) throw notFound("participant");
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "protest.participants.remove",
      entityType: "Protest",
      entityId: protestId,
      changedFields: ["participants"],
      metadata: { personId },
      ipHash: ctx.ipHash ?? null,
    });
  });
}
