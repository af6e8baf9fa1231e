// A coordinator's decision on a likely duplicate pair: "not the same person". The pair is then no longer
// offered; the decision is audited. (Merging the two is the other answer, made on the merge page.)
import "server-only";
import { authorize, type Ctx, duplicatePairScope } from "@/lib/authz";
import { audit } from "@/lib/audit";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { duplicateReviewSchema, type DuplicateReviewInput } from "@/lib/validations/person";
import { parseInput } from "@/lib/service-kit";

export async function reviewDuplicatePair(ctx: Ctx, pairId: string, input: DuplicateReviewInput): Promise<{ id: string; status: "NOT_SAME" }> {
  authorize(ctx, "people.merge");
  const data = parseInput(duplicateReviewSchema, { ...input, pairId });
  return withTenant(ctx, async (tx) => {
    const pair = await tx.personDuplicatePair.findFirst({ where: { ...duplicatePairScope(ctx), id: data.pairId }, select: { id: true, status: true, personAId: true, personBId: true } });
    if (!pair) throw notFound();
    if (pair.status === data.decision) return { id: pair.id, status: data.decision };
    await tx.personDuplicatePair.update({ where: { id: pair.id }, data: { status: data.decision, reviewedById: ctx.userId, reviewedAt: new Date() } });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "person.duplicate.review",
      entityType: "PersonDuplicatePair",
      entityId: pair.id,
      changedFields: ["status"],
      metadata: { decision: data.decision, personIds: [pair.personAId, pair.personBId] },
      ipHash: ctx.ipHash ?? null,
    });
    return { id: pair.id, status: data.decision };
  });
}
