// Records an advocacy action on a case: an appeal, a UN submission, media work… and any response already in.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { advocacyDescriptionContext, advocacyResponseContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { advocacyCreateSchema, type AdvocacyCreateInput } from "@/lib/validations/advocacy-action";
import { writableCase } from "./shared";
import { parseInput } from "@/lib/service-kit";

export async function createAdvocacyAction(ctx: Ctx, input: AdvocacyCreateInput): Promise<{ id: string }> {
  authorize(ctx, "cases.update");
  const data = parseInput(advocacyCreateSchema, input);
  return withTenant(ctx, async (tx) => {
    await writableCase(tx, ctx, data.caseId);
    const id = crypto.randomUUID();
    await tx.advocacyAction.create({
      data: {
        id,
        organizationId: ctx.organizationId,
        caseId: data.caseId,
        type: data.type,
        date: data.date,
        recipient: data.recipient,
        theirReference: data.theirReference,
        descriptionEnc: encryptField(data.description, advocacyDescriptionContext(id)),
        responseEnc: encryptField(data.response, advocacyResponseContext(id)),
        responseDate: data.responseDate,
        createdById: ctx.userId,
      },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "advocacy.create",
      entityType: "AdvocacyAction",
      entityId: id,
      changedFields: Object.entries(data)
        .filter(([, value]) => value !== null && value !== undefined)
        .map(([key]) => key)
        .sort(),
      metadata: { caseId: data.caseId, type: data.type },
      ipHash: ctx.ipHash ?? null,
    });
    return { id };
  });
}
