// Edits an advocacy action, or records the response that came back, with optimistic locking.
import "server-only";
import { audit, changedFieldNames } from "@/lib/audit";
import { authorize, type Ctx, advocacyActionScope } from "@/lib/authz";
import { decryptField, encryptField } from "@/lib/crypto";
import { advocacyDescriptionContext, advocacyResponseContext } from "@/lib/crypto-contexts";
import { withTenant, type Tx } from "@/lib/db";
import { invalid, notFound } from "@/lib/errors";
import {
  advocacyResponseSchema,
  advocacyUpdateSchema,
  type AdvocacyResponseInput,
  type AdvocacyUpdateInput,
} from "@/lib/validations/advocacy-action";
import { advocacyInclude, toAdvocacyView, writableCase } from "./shared";
import { isUuid, parseInput, parseVersion, staleVersion } from "@/lib/service-kit";

async function loadForEdit(tx: Tx, ctx: Ctx, actionId: string) {
  const current = await tx.advocacyAction.findFirst({
    where: { ...advocacyActionScope(ctx), id: actionId },
    include: advocacyInclude,
  });
  if (!current) throw notFound("advocacy action");
  await writableCase(tx, ctx, current.caseId);
  const before = {
    type: current.type,
    date: current.date,
    recipient: current.recipient,
    theirReference: current.theirReference,
    description: decryptField(current.descriptionEnc, advocacyDescriptionContext(current.id)),
    response: decryptField(current.responseEnc, advocacyResponseContext(current.id)),
    responseDate: current.responseDate,
  };
  return { current, before };
}

export async function updateAdvocacyAction(ctx: Ctx, actionId: string, input: AdvocacyUpdateInput): Promise<{ id: string; version: number }> {
  authorize(ctx, "cases.update");
  if (!isUuid(actionId)) throw notFound("advocacy action");
  const data = parseInput(advocacyUpdateSchema, input);
  return withTenant(ctx, async (tx) => {
    const { current, before } = await loadForEdit(tx, ctx, actionId);
    const { version, ...after } = data;
    const updated = await tx.advocacyAction.updateMany({
      where: { id: actionId, version, deletedAt: null },
      data: {
        type: after.type,
        date: after.date,
        recipient: after.recipient,
        theirReference: after.theirReference,
        descriptionEnc: encryptField(after.description, advocacyDescriptionContext(actionId)),
        responseEnc: encryptField(after.response, advocacyResponseContext(actionId)),
        responseDate: after.responseDate,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw staleVersion("advocacy action", toAdvocacyView(current, true) as unknown as Record<string, unknown>);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "advocacy.update",
      entityType: "AdvocacyAction",
      entityId: actionId,
      changedFields: changedFieldNames(before, after),
      metadata: { caseId: current.caseId },
      ipHash: ctx.ipHash ?? null,
    });
    return { id: actionId, version: current.version + 1 };
  });
}

export async function recordAdvocacyResponse(ctx: Ctx, actionId: string, input: AdvocacyResponseInput): Promise<{ id: string; version: number }> {
  authorize(ctx, "cases.update");
  if (!isUuid(actionId)) throw notFound("advocacy action");
  const data = parseInput(advocacyResponseSchema, input);
  return withTenant(ctx, async (tx) => {
    const { current, before } = await loadForEdit(tx, ctx, actionId);
    if (data.responseDate < current.date) throw invalid("The response cannot predate the action.", { responseDate: ["responseBeforeAction"] });
    const updated = await tx.advocacyAction.updateMany({
      where: { id: actionId, version: data.version, deletedAt: null },
      data: {
        responseEnc: encryptField(data.response, advocacyResponseContext(actionId)),
        responseDate: data.responseDate,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw staleVersion("advocacy action", toAdvocacyView(current, true) as unknown as Record<string, unknown>);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "advocacy.response",
      entityType: "AdvocacyAction",
      entityId: actionId,
      changedFields: changedFieldNames(
        { response: before.response, responseDate: before.responseDate },
        { response: data.response, responseDate: data.responseDate },
      ),
      metadata: { caseId: current.caseId },
      ipHash: ctx.ipHash ?? null,
    });
    return { id: actionId, version: current.version + 1 };
  });
}

export async function deleteAdvocacyAction(ctx: Ctx, actionId: string, versionInput: unknown): Promise<void> {
  authorize(ctx, "cases.update");
  const version = parseVersion(versionInput);
  if (!isUuid(actionId)) throw notFound("advocacy action");
  await withTenant(ctx, async (tx) => {
    const { current } = await loadForEdit(tx, ctx, actionId);
    const updated = await tx.advocacyAction.updateMany({
      where: { id: actionId, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion("advocacy action", { version: current.version, updatedAt: current.updatedAt.toISOString() });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "advocacy.delete",
      entityType: "AdvocacyAction",
      entityId: actionId,
      changedFields: ["deletedAt"],
      metadata: { caseId: current.caseId },
      ipHash: ctx.ipHash ?? null,
    });
  });
}
