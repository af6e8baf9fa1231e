// Starting a UN submission for a case: who submits (and what is to stay confidential), for WGAD the
// categories and why; a sending already made can be recorded at once.
import "server-only";
import { randomUUID } from "node:crypto";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { unSubmissionCommentsContext, unSubmissionReasonsContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { loadReadableCase } from "@/lib/cases/internal";
import { unSubmissionCreateSchema, type UnSubmissionCreateInput } from "@/lib/validations/un-submission";
import { toSubmissionView, type UnSubmissionView } from "./shared";
import { parseInput } from "@/lib/service-kit";

export async function createUnSubmission(ctx: Ctx, caseId: string, input: UnSubmissionCreateInput | unknown): Promise<UnSubmissionView> {
  authorize(ctx, "unSubmissions.manage");
  const data = parseInput(unSubmissionCreateSchema, input);
  return withTenant(ctx, async (tx) => {
    await loadReadableCase(tx, ctx, caseId);
    const id = randomUUID();
    const row = await tx.unSubmission.create({
      data: {
        id,
        organizationId: ctx.organizationId,
        caseId,
        type: data.type,
        submitterName: data.submitterName,
        confidentialElements: data.confidentialElements,
        arbitraryCategories: data.arbitraryCategories,
        arbitraryReasonsEnc: encryptField(data.arbitraryReasons, unSubmissionReasonsContext(id)),
        sentAt: data.sentAt,
        unReference: data.unReference,
        commentsEnc: encryptField(data.comments, unSubmissionCommentsContext(id)),
        createdById: ctx.userId,
      },
      include: { replies: true },
    });
    const changedFields = Object.entries(data)
      .filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0))
      .map(([key]) => key);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "un.submission.create",
      entityType: "UnSubmission",
      entityId: id,
      changedFields,
      metadata: { caseId, type: data.type },
      ipHash: ctx.ipHash,
    });
    if (data.sentAt) {
      await audit(tx, {
        organizationId: ctx.organizationId,
        actorUserId: ctx.userId,
        action: "un.submission.sent",
        entityType: "UnSubmission",
        entityId: id,
        changedFields: ["sentAt", ...(data.unReference ? ["unReference"] : [])],
        metadata: { caseId, type: data.type },
        ipHash: ctx.ipHash,
      });
    }
    return toSubmissionView(row);
  });
}
