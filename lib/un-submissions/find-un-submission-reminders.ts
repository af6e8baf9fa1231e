// Government replies whose six-month answer deadline is near or past and that we have not answered:
// for the case page (one case) and the coordinator dashboard (the whole organisation). Ids, references,
// types and dates only: no names, no free text.
import "server-only";
import { authorize, caseScope, type Ctx, unSubmissionReplyScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { REMINDER_LEAD_DAYS, utcDay } from "./readiness";
import { isUuid } from "@/lib/service-kit";

export interface UnReminder {
  replyId: string;
  submissionId: string;
  caseId: string;
  caseReference: string;
  type: "WGEID" | "WGAD";
  unReference: string | null;
  receivedAt: string;
  respondBy: string;
  overdue: boolean;
}

export async function findUnSubmissionReminders(ctx: Ctx, options: { caseId?: string; limit?: number } = {}, now: Date = new Date()): Promise<UnReminder[]> {
  authorize(ctx, "unSubmissions.manage");
  if (options.caseId !== undefined && !isUuid(options.caseId)) return [];
  const today = utcDay(now);
  const horizon = new Date(today.getTime() + REMINDER_LEAD_DAYS * 86_400_000);
  return withTenant(ctx, async (tx) => {
    const rows = await tx.unSubmissionReply.findMany({
      where: {
        ...unSubmissionReplyScope(ctx),
        answeredAt: null,
        respondBy: { lte: horizon },
        submission: { deletedAt: null, ...(options.caseId ? { caseId: options.caseId } : {}), case: caseScope(ctx) },
      },
      orderBy: [{ respondBy: "asc" }, { id: "asc" }],
      take: Math.min(options.limit ?? 50, 200),
      select: {
        id: true,
        receivedAt: true,
        respondBy: true,
        submission: { select: { id: true, type: true, unReference: true, case: { select: { id: true, reference: true } } } },
      },
    });
    return rows.map((row) => ({
      replyId: row.id,
      submissionId: row.submission.id,
      caseId: row.submission.case.id,
      caseReference: row.submission.case.reference,
      type: row.submission.type,
      unReference: row.submission.unReference,
      receivedAt: row.receivedAt.toISOString().slice(0, 10),
      respondBy: row.respondBy.toISOString().slice(0, 10),
      overdue: row.respondBy.getTime() < today.getTime(),
    }));
  });
}
