"use server";
// Thin server actions for the case page's UN submission follow-up log (coordinators and admins).
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions";
import { addUnReply } from "@/lib/un-submissions/add-un-reply";
import { answerUnReply } from "@/lib/un-submissions/answer-un-reply";
import { createUnSubmission } from "@/lib/un-submissions/create-un-submission";
import { deleteUnReply } from "@/lib/un-submissions/delete-un-reply";
import { deleteUnSubmission } from "@/lib/un-submissions/delete-un-submission";
import type { UnReplyView, UnSubmissionView } from "@/lib/un-submissions/shared";
import { updateUnSubmission } from "@/lib/un-submissions/update-un-submission";

const refresh = (caseId: string) => revalidatePath(`/cases/${caseId}`);

// start a WGEID or WGAD submission for the case
export async function createUnSubmissionAction(caseId: string, input: unknown): Promise<ActionResult<UnSubmissionView>> {
  const result = await runAction((ctx) => createUnSubmission(ctx, caseId, input), { permission: "unSubmissions.manage" });
  if (result.ok) refresh(caseId);
  return result;
}

// edit a submission or record its sending (date sent, the UN's reference)
export async function updateUnSubmissionAction(caseId: string, submissionId: string, input: unknown): Promise<ActionResult<UnSubmissionView>> {
  const result = await runAction((ctx) => updateUnSubmission(ctx, caseId, submissionId, input), { permission: "unSubmissions.manage" });
  if (result.ok) refresh(caseId);
  return result;
}

// record a government reply transmitted by the Working Group
export async function addUnReplyAction(caseId: string, submissionId: string, input: unknown): Promise<ActionResult<UnReplyView>> {
  const result = await runAction((ctx) => addUnReply(ctx, caseId, submissionId, input), { permission: "unSubmissions.manage" });
  if (result.ok) refresh(caseId);
  return result;
}

// record that our comments on a reply were sent
export async function answerUnReplyAction(caseId: string, submissionId: string, replyId: string, input: unknown): Promise<ActionResult<UnReplyView>> {
  const result = await runAction((ctx) => answerUnReply(ctx, caseId, submissionId, replyId, input), { permission: "unSubmissions.manage" });
  if (result.ok) refresh(caseId);
  return result;
}

// remove a submission (and its replies) from the follow-up log, after the page asked for confirmation
export async function deleteUnSubmissionAction(caseId: string, submissionId: string, input: unknown): Promise<ActionResult<void>> {
  const result = await runAction((ctx) => deleteUnSubmission(ctx, caseId, submissionId, input), { permission: "unSubmissions.manage" });
  if (result.ok) refresh(caseId);
  return result;
}

// remove a government reply from the log, after the page asked for confirmation
export async function deleteUnReplyAction(caseId: string, submissionId: string, replyId: string, input: unknown): Promise<ActionResult<void>> {
  const result = await runAction((ctx) => deleteUnReply(ctx, caseId, submissionId, replyId, input), { permission: "unSubmissions.manage" });
  if (result.ok) refresh(caseId);
  return result;
}
