// The follow-up log of one case: every submission with its replies, newest first. Comments and reply
// summaries are free text, so the read is audited.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, unSubmissionScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { loadReadableCase } from "@/lib/cases/internal";
import { notFound } from "@/lib/errors";
import { toSubmissionView, type UnSubmissionView } from "./shared";
import { isUuid } from "@/lib/service-kit";

export async function findUnSubmissions(ctx: Ctx, caseId: string, now: Date = new Date()): Promise<UnSubmissionView[]> {
  authorize(ctx, "unSubmissions.manage");
  if (!isUuid(caseId)) throw notFound("case");
  return withTenant(ctx, async (tx) => {
    await loadReadableCase(tx, ctx, caseId);
    const rows = await tx.unSubmission.findMany({
      where: { ...unSubmissionScope(ctx), caseId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      include: { replies: { where: { deletedAt: null }, orderBy: [{ receivedAt: "asc" }, { createdAt: "asc" }] } },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "un.submissions.view",
      entityType: "Case",
      entityId: caseId,
      metadata: { count: rows.length },
      ipHash: ctx.ipHash,
    });
    return rows.map((row) => toSubmissionView(row, now));
  });
}
