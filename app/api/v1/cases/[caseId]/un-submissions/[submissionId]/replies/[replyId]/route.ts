import { apiHandler, versionOf } from "@/lib/api/route";
import { answerUnReply } from "@/lib/un-submissions/answer-un-reply";
import { deleteUnReply } from "@/lib/un-submissions/delete-un-reply";

type Params = { caseId: string; submissionId: string; replyId: string };

// PATCH /api/v1/cases/{caseId}/un-submissions/{submissionId}/replies/{replyId} — record that we answered the reply
export const PATCH = apiHandler<Params>(
  async ({ ctx, params, body }) => answerUnReply(ctx, params.caseId, params.submissionId, params.replyId, body),
  { permission: "unSubmissions.manage" },
);

// DELETE /api/v1/cases/{caseId}/un-submissions/{submissionId}/replies/{replyId} — remove a reply from the log; `version` in the body or query
export const DELETE = apiHandler<Params>(
  async ({ ctx, params, body, query }) => {
    await deleteUnReply(ctx, params.caseId, params.submissionId, params.replyId, versionOf({ body, query }));
  },
  { permission: "unSubmissions.manage" },
);
