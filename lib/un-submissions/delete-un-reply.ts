// Removing a government reply from the follow-up log (entered twice, or on the wrong submission); its
// reminder ends. Soft, like events: the row stays for the audit trail. `version` as last read.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { versionOnlySchema } from "@/lib/validations/case";
import { loadReply, loadSubmission, toReplyView } from "./shared";
import { parseInput, staleVersion } from "@/lib/service-kit";

export async function deleteUnReply(ctx: Ctx, caseId: string, submissionId: string, replyId: string, input: unknown): Promise<void> {
  authorize(ctx, "unSubmissions.manage");
  const data = parseInput(versionOnlySchema, input);
  await withTenant(ctx, async (tx) => {
    await loadSubmission(tx, ctx, caseId, submissionId);
    const current = await loadReply(tx, submissionId, replyId);
    const result = await tx.unSubmissionReply.updateMany({
      where: { id: replyId, version: data.version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (result.count !== 1) throw staleVersion("reply", { ...toReplyView(current) });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "un.reply.delete",
      entityType: "UnSubmissionReply",
      entityId: replyId,
      changedFields: ["deletedAt"],
      metadata: { caseId, submissionId },
      ipHash: ctx.ipHash,
    });
  });
}
