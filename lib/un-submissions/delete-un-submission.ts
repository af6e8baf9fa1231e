// Removing a submission from the follow-up log (a draft started by mistake, a duplicate). Soft, like
// events and cases: the row stays for the audit trail, every read and the readiness skip it, and the
// case's readiness falls back to the previous submission of that type. `version` as last read.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { versionOnlySchema } from "@/lib/validations/case";
import { loadSubmission, toSubmissionView } from "./shared";
import { parseInput, staleVersion } from "@/lib/service-kit";

export async function deleteUnSubmission(ctx: Ctx, caseId: string, submissionId: string, input: unknown): Promise<void> {
  authorize(ctx, "unSubmissions.manage");
  const data = parseInput(versionOnlySchema, input);
  await withTenant(ctx, async (tx) => {
    const current = await loadSubmission(tx, ctx, caseId, submissionId);
    const deletedAt = new Date();
    const result = await tx.unSubmission.updateMany({
      where: { id: submissionId, version: data.version, deletedAt: null },
      data: { deletedAt, version: { increment: 1 } },
    });
    if (result.count !== 1) throw staleVersion("submission", { ...toSubmissionView({ ...current, replies: [] }) });
    // its replies leave the log and the reminders with it
    await tx.unSubmissionReply.updateMany({ where: { submissionId, deletedAt: null }, data: { deletedAt, version: { increment: 1 } } });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "un.submission.delete",
      entityType: "UnSubmission",
      entityId: submissionId,
      changedFields: ["deletedAt"],
      metadata: { caseId, type: current.type },
      ipHash: ctx.ipHash,
    });
  });
}
