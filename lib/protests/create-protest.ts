// Records a protest with its participants (known or new people) and sources, all or nothing.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { protestDescriptionContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { protestCreateSchema, type ProtestCreateInput } from "@/lib/validations/protest";
import { addParticipantsInTx } from "./participants-in-tx";
import { parseInput } from "@/lib/service-kit";

export async function createProtest(ctx: Ctx, input: ProtestCreateInput): Promise<{ id: string }> {
  authorize(ctx, "protests.write");
  const data = parseInput(protestCreateSchema, input);
  return withTenant(ctx, async (tx) => {
    if (data.placeId && !(await tx.place.findUnique({ where: { id: data.placeId }, select: { id: true } }))) {
      throw invalid("Unknown place.", { placeId: ["invalidChoice"] });
    }
    const id = crypto.randomUUID();
    await tx.protest.create({
      data: {
        id,
        organizationId: ctx.organizationId,
        startsAt: data.startsAt,
        city: data.city,
        location: data.location,
        placeId: data.placeId,
        kind: data.kind,
        organiser: data.organiser,
        descriptionEnc: encryptField(data.description, protestDescriptionContext(id)),
        createdById: ctx.userId,
      },
    });
    for (const source of data.sources) {
      const created = await tx.source.create({
        data: {
          organizationId: ctx.organizationId,
          kind: source.url ? "MEDIA_REPORT" : "OTHER",
          title: source.title,
          url: source.url,
          createdById: ctx.userId,
        },
      });
      await tx.sourceLink.create({ data: { organizationId: ctx.organizationId, sourceId: created.id, protestId: id } });
    }
    const personIds = await addParticipantsInTx(tx, ctx, id, data.participants, (index) => `participants.${index}`);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "protest.create",
      entityType: "Protest",
      entityId: id,
      changedFields: ["startsAt", "city", "location", "placeId", "kind", "organiser", "description"].filter(
        (field) => data[field as keyof typeof data] !== null,
      ),
      metadata: {
        participants: personIds.length,
        newPeople: data.participants.filter((p) => !p.personId).length,
        sources: data.sources.length,
      },
      ipHash: ctx.ipHash ?? null,
    });
    return { id };
  });
}
