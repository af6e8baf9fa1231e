// The UN part of "what needs doing today", for those who keep the UN submissions: how many open cases
// are ready for each Working Group or still miss elements (each linking to the case list that shows
// exactly those), and the government replies whose answer is due soon or overdue, each linking to its case.
// Counts for the whole organisation: the dashboard's case filters do not apply, so the lists match them.
import "server-only";
import { can, type Ctx } from "@/lib/authz";
import { findUnReadinessSummary, type UnReadinessSummary } from "@/lib/un-submissions/find-un-readiness-summary";
import { findUnSubmissionReminders, type UnReminder } from "@/lib/un-submissions/find-un-submission-reminders";
import type { UnSubmissionKind } from "@/lib/un-submissions/readiness";
import { listHref } from "./internal";

export interface UnReadinessFigure {
  count: number;
  href: string;
}

export interface UnSubmissionsTodo {
  readiness: Record<UnSubmissionKind, { ready: UnReadinessFigure; missing: UnReadinessFigure }>;
  reminders: (UnReminder & { href: string })[];
}

/**
 * null for roles without unSubmissions.manage, so their dashboard carries nothing of it. `readiness`: the
 * counts when the caller has them already (the dashboard's summaries), awaited beside the reminders;
 * without it they are counted here.
 */
export async function findUnSubmissionsTodo(ctx: Ctx, now: Date = new Date(), readiness?: Promise<UnReadinessSummary>): Promise<UnSubmissionsTodo | null> {
  if (!can(ctx, "unSubmissions.manage")) return null;
  // transactions of their own, read at once
  const [summary, reminders] = await Promise.all([readiness ?? findUnReadinessSummary(ctx), findUnSubmissionReminders(ctx, {}, now)]);
  const figure = (count: number, un: string): UnReadinessFigure => ({ count, href: listHref("/cases", null, { un }) });
  return {
    readiness: {
      WGEID: { ready: figure(summary.WGEID.ready, "wgeid-ready"), missing: figure(summary.WGEID.missing, "wgeid-missing") },
      WGAD: { ready: figure(summary.WGAD.ready, "wgad-ready"), missing: figure(summary.WGAD.missing, "wgad-missing") },
    },
    reminders: reminders.map((reminder) => ({ ...reminder, href: `/cases/${reminder.caseId}#un-submissions` })),
  };
}
