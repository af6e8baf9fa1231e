// Records what the state did to a person: summons, detention, fine, … with its outcome when known.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { policeDescriptionContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { policeActionCreateSchema, type PoliceActionCreateInput } from "@/lib/validations/police-action";
import { assertLinksVisible } from "./shared";
import { parseInput } from "@/lib/service-kit";

export async function createPoliceAction(ctx: Ctx, input: PoliceActionCreateInput): Promise<{ id: string }> {
  authorize(ctx, "protests.write");
  const data = parseInput(policeActionCreateSchema, input);
  return withTenant(ctx, async (tx) => {
    await assertLinksVisible(tx, ctx, data);
    const id = crypto.randomUUID();
    const { description, ...fields } = data;
    await tx.policeAction.create({
      data: {
        id,
        organizationId: ctx.organizationId,
        ...fields,
        // an appeal lodged without a known result yet is pending
        appealResult: fields.appealResult ?? (fields.outcome === "APPEALED" ? "PENDING" : null),
        descriptionEnc: encryptField(description, policeDescriptionContext(id)),
        createdById: ctx.userId,
      },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "policeAction.create",
      entityType: "PoliceAction",
      entityId: id,
      changedFields: Object.entries(data)
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([key]) => key)
        .sort(),
      metadata: { type: data.type, personId: data.personId, protestId: data.protestId },
      ipHash: ctx.ipHash ?? null,
    });
    return { id };
  });
}
