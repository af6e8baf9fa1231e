import { apiHandler } from "@/lib/api/route";
import { answerUnReply } from "@/lib/un-submissions/answer-un-reply";

type Params = { caseId: string; submissionId: string; replyId: string };

// PATCH /api/v1/cases/{caseId}/un-submissions/{submissionId}/replies/{replyId} — record that we answered the reply
export const PATCH = apiHandler<Params>(
  async ({ ctx, params, body }) => answerUnReply(ctx, params.caseId, params.submissionId, params.replyId, body),
  { permission: "unSubmissions.manage" },
);
