// Recording that our comments on a government reply were sent: the reminder for it ends.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { unReplyAnswerSchema, type UnReplyAnswerInput } from "@/lib/validations/un-submission";
import { loadReply, loadSubmission, toReplyView, type UnReplyView } from "./shared";
import { parseInput, staleVersion } from "@/lib/service-kit";

export async function answerUnReply(
  ctx: Ctx,
  caseId: string,
  submissionId: string,
  replyId: string,
  input: UnReplyAnswerInput | unknown,
): Promise<UnReplyView> {
  authorize(ctx, "unSubmissions.manage");
  const data = parseInput(unReplyAnswerSchema, input);
  return withTenant(ctx, async (tx) => {
    await loadSubmission(tx, ctx, caseId, submissionId);
    const current = await loadReply(tx, submissionId, replyId);
    if (current.version !== data.version) throw staleVersion("reply", { ...toReplyView(current) });
    const result = await tx.unSubmissionReply.updateMany({
      where: { id: replyId, version: data.version },
      data: { answeredAt: data.answeredAt, version: { increment: 1 } },
    });
    if (result.count !== 1) throw staleVersion("reply", { ...toReplyView(current) });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "un.reply.answer",
      entityType: "UnSubmissionReply",
      entityId: replyId,
      changedFields: ["answeredAt"],
      metadata: { caseId, submissionId },
      ipHash: ctx.ipHash,
    });
    return toReplyView(await tx.unSubmissionReply.findUniqueOrThrow({ where: { id: replyId } }));
  });
}
