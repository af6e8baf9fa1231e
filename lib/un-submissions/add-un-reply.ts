// Recording a government reply the Working Group transmitted: our comments are due six months later,
// and the reminder follows from that date.
import "server-only";
import { randomUUID } from "node:crypto";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { encryptField } from "@/lib/crypto";
import { unReplySummaryContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { unReplyCreateSchema, type UnReplyCreateInput } from "@/lib/validations/un-submission";
import { replyDeadline } from "./readiness";
import { loadSubmission, toReplyView, type UnReplyView } from "./shared";
import { parseInput } from "@/lib/service-kit";

export async function addUnReply(ctx: Ctx, caseId: string, submissionId: string, input: UnReplyCreateInput | unknown): Promise<UnReplyView> {
  authorize(ctx, "unSubmissions.manage");
  const data = parseInput(unReplyCreateSchema, input);
  return withTenant(ctx, async (tx) => {
    await loadSubmission(tx, ctx, caseId, submissionId);
    const id = randomUUID();
    const row = await tx.unSubmissionReply.create({
      data: {
        id,
        organizationId: ctx.organizationId,
        submissionId,
        receivedAt: data.receivedAt,
        respondBy: replyDeadline(data.receivedAt),
        summaryEnc: encryptField(data.summary, unReplySummaryContext(id)),
        createdById: ctx.userId,
      },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "un.reply.create",
      entityType: "UnSubmissionReply",
      entityId: id,
      changedFields: ["receivedAt", ...(data.summary ? ["summary"] : [])],
      metadata: { caseId, submissionId },
      ipHash: ctx.ipHash,
    });
    return toReplyView(row);
  });
}
