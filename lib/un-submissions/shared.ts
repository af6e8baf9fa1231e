// What the follow-up log services share: the submission as the case page and the API show it, and
// loading one within the reader's scope (another organisation's id is simply not found).
import "server-only";
import type { Ctx } from "@/lib/authz";
import { decryptField } from "@/lib/crypto";
import { unReplySummaryContext, unSubmissionCommentsContext, unSubmissionReasonsContext } from "@/lib/crypto-contexts";
import type { Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { loadReadableCase } from "@/lib/cases/internal";
import type { UnSubmission, UnSubmissionReply } from "@/lib/generated/prisma/client";
import { reminderDue } from "./readiness";
import { isUuid } from "@/lib/service-kit";
import { unSubmissionScope } from "@/lib/authz";

const iso = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export interface UnReplyView {
  id: string;
  receivedAt: string;
  respondBy: string;
  answeredAt: string | null;
  summary: string | null;
  reminderDue: boolean;
  version: number;
}

export interface UnSubmissionView {
  id: string;
  caseId: string;
  type: "WGEID" | "WGAD";
  submitterName: string | null;
  confidentialElements: string[];
  arbitraryCategories: string[];
  arbitraryReasons: string | null;
  sentAt: string | null;
  unReference: string | null;
  comments: string | null;
  createdAt: string;
  version: number;
  replies: UnReplyView[];
}

export function toReplyView(row: UnSubmissionReply, now: Date = new Date()): UnReplyView {
  return {
    id: row.id,
    receivedAt: iso(row.receivedAt)!,
    respondBy: iso(row.respondBy)!,
    answeredAt: iso(row.answeredAt),
    summary: decryptField(row.summaryEnc, unReplySummaryContext(row.id)),
    reminderDue: reminderDue(row, now),
    version: row.version,
  };
}

export function toSubmissionView(row: UnSubmission & { replies: UnSubmissionReply[] }, now: Date = new Date()): UnSubmissionView {
  return {
    id: row.id,
    caseId: row.caseId,
    type: row.type,
    submitterName: row.submitterName,
    confidentialElements: row.confidentialElements,
    arbitraryCategories: row.arbitraryCategories,
    arbitraryReasons: decryptField(row.arbitraryReasonsEnc, unSubmissionReasonsContext(row.id)),
    sentAt: iso(row.sentAt),
    unReference: row.unReference,
    comments: decryptField(row.commentsEnc, unSubmissionCommentsContext(row.id)),
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    replies: row.replies.map((reply) => toReplyView(reply, now)),
  };
}

/** The submission of this case, when the case is readable and the submission is its own. */
export async function loadSubmission(tx: Tx, ctx: Ctx, caseId: string, submissionId: string) {
  await loadReadableCase(tx, ctx, caseId);
  if (!isUuid(submissionId)) throw notFound("submission");
  const found = await tx.unSubmission.findFirst({ where: { ...unSubmissionScope(ctx), id: submissionId, caseId } });
  if (!found) throw notFound("submission");
  return found;
}

/** A reply of that submission that was not removed from the log. */
export async function loadReply(tx: Tx, submissionId: string, replyId: string) {
  if (!isUuid(replyId)) throw notFound("reply");
  const found = await tx.unSubmissionReply.findFirst({ where: { id: replyId, submissionId, deletedAt: null } });
  if (!found) throw notFound("reply");
  return found;
}
