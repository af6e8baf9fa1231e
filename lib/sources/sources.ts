// Sources cited by a case or one of its events, with a reliability grade.
import "server-only";
import { randomUUID } from "node:crypto";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, caseEventScope, sourceLinkScope } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { sourceDescriptionContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { loadWritableCase } from "@/lib/cases/internal";
import { sourceSchema } from "@/lib/validations/case";
import { isUuid, parseInput } from "@/lib/service-kit";

/** Records a source and cites it on the case (or on one of its events). */
export async function addCaseSource(ctx: Ctx, caseId: string, input: unknown): Promise<{ sourceId: string; linkId: string }> {
  authorize(ctx, "cases.update");
  const data = parseInput(sourceSchema, input);
  return withTenant(ctx, async (tx) => {
    await loadWritableCase(tx, ctx, caseId);
    if (data.caseEventId) {
      const event = await tx.caseEvent.findFirst({ where: { ...caseEventScope(ctx), id: data.caseEventId, caseId }, select: { id: true } });
      if (!event) throw notFound("event");
    }
    const sourceId = randomUUID();
    await tx.source.create({
      data: {
        id: sourceId,
        organizationId: ctx.organizationId,
        kind: data.kind,
        title: data.title,
        url: data.url,
        reliability: data.reliability,
        publishedAt: data.publishedAt,
        descriptionEnc: encryptField(data.description, sourceDescriptionContext(sourceId)),
        createdById: ctx.userId,
      },
    });
    const link = await tx.sourceLink.create({
      data: {
        organizationId: ctx.organizationId,
        sourceId,
        ...(data.caseEventId ? { caseEventId: data.caseEventId } : { caseId }),
      },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.source.add",
      entityType: "Source",
      entityId: sourceId,
      metadata: { caseId, caseEventId: data.caseEventId, reliability: data.reliability },
      ipHash: ctx.ipHash,
    });
    return { sourceId, linkId: link.id };
  });
}

/** Removes one citation from the case or its events (the source record stays for other citations). */
export async function removeCaseSourceLink(ctx: Ctx, caseId: string, linkId: string): Promise<void> {
  authorize(ctx, "cases.update");
  if (!isUuid(linkId)) throw notFound("source");
  await withTenant(ctx, async (tx) => {
    await loadWritableCase(tx, ctx, caseId);
    const removed = await tx.sourceLink.deleteMany({ where: { ...sourceLinkScope(ctx), id: linkId, OR: [{ caseId }, { caseEvent: { caseId } }] } });
    if (removed.count !== 1) throw notFound("source");
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "case.source.remove",
      entityType: "SourceLink",
      entityId: linkId,
      metadata: { caseId },
      ipHash: ctx.ipHash,
    });
  });
}
