// Editing a submission and recording its sending (date sent, the UN's reference), with optimistic
// locking. Recording the sending is audited as its own event.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { unSubmissionCommentsContext, unSubmissionReasonsContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { unSubmissionUpdateSchema, type UnSubmissionUpdateInput } from "@/lib/validations/un-submission";
import { loadSubmission, toSubmissionView, type UnSubmissionView } from "./shared";
import { parseInput, staleVersion } from "@/lib/service-kit";

export async function updateUnSubmission(
  ctx: Ctx,
  caseId: string,
  submissionId: string,
  input: UnSubmissionUpdateInput | unknown,
): Promise<UnSubmissionView> {
  authorize(ctx, "unSubmissions.manage");
  const data = parseInput(unSubmissionUpdateSchema, input);
  return withTenant(ctx, async (tx) => {
    const current = await loadSubmission(tx, ctx, caseId, submissionId);
    const before = toSubmissionView({ ...current, replies: [] });
    if (current.version !== data.version) throw staleVersion("submission", { ...before });
    const { version, arbitraryReasons, comments, ...plain } = data;
    const changes = {
      ...plain,
      ...(arbitraryReasons !== undefined ? { arbitraryReasonsEnc: encryptField(arbitraryReasons, unSubmissionReasonsContext(submissionId)) } : {}),
      ...(comments !== undefined ? { commentsEnc: encryptField(comments, unSubmissionCommentsContext(submissionId)) } : {}),
    };
    const result = await tx.unSubmission.updateMany({ where: { id: submissionId, version }, data: { ...changes, version: { increment: 1 } } });
    if (result.count !== 1) throw staleVersion("submission", { ...before });
    const row = await tx.unSubmission.findUniqueOrThrow({ where: { id: submissionId }, include: { replies: { where: { deletedAt: null }, orderBy: { receivedAt: "asc" } } } });
    const after = toSubmissionView(row);
    const compared = ["submitterName", "confidentialElements", "arbitraryCategories", "arbitraryReasons", "sentAt", "unReference", "comments"] as const;
    const changedFields = compared.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
    const sending = changedFields.includes("sentAt") || changedFields.includes("unReference");
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: sending ? "un.submission.sent" : "un.submission.update",
      entityType: "UnSubmission",
      entityId: submissionId,
      changedFields: [...changedFields],
      metadata: { caseId, type: current.type },
      ipHash: ctx.ipHash,
    });
    return after;
  });
}
