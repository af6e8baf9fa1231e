// Edits a police action (all fields, including its outcome) with optimistic locking.
import "server-only";
import { audit, changedFieldNames } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { decryptField, encryptField } from "@/lib/crypto";
import { policeDescriptionContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { policeActionUpdateSchema, type PoliceActionUpdateInput } from "@/lib/validations/police-action";
import { assertLinksVisible, auditableFields, loadEditablePoliceAction, toPoliceActionView } from "./shared";
import { decimalToNumber, isUuid, parseInput, staleVersion } from "@/lib/service-kit";

export async function updatePoliceAction(ctx: Ctx, actionId: string, input: PoliceActionUpdateInput): Promise<{ id: string; version: number }> {
  authorize(ctx, "protests.write");
  if (!isUuid(actionId)) throw notFound("police action");
  const data = parseInput(policeActionUpdateSchema, input);
  return withTenant(ctx, async (tx) => {
    const current = await loadEditablePoliceAction(tx, ctx, actionId);
    await assertLinksVisible(tx, ctx, data);
    const { version, description, ...fields } = data;
    const appealResult = fields.appealResult ?? (fields.outcome === "APPEALED" ? "PENDING" : null);
    const updated = await tx.policeAction.updateMany({
      where: { id: actionId, version, deletedAt: null },
      data: {
        ...fields,
        appealResult,
        descriptionEnc: encryptField(description, policeDescriptionContext(actionId)),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw staleVersion("police action", toPoliceActionView(ctx, current, false) as unknown as Record<string, unknown>);
    const before = auditableFields({
      ...current,
      fineAmount: decimalToNumber(current.fineAmount),
      outcomeFineAmount: decimalToNumber(current.outcomeFineAmount),
      description: decryptField(current.descriptionEnc, policeDescriptionContext(actionId)),
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "policeAction.update",
      entityType: "PoliceAction",
      entityId: actionId,
      changedFields: changedFieldNames(before, auditableFields({ ...fields, appealResult, description })),
      ipHash: ctx.ipHash ?? null,
    });
    return { id: actionId, version: current.version + 1 };
  });
}
