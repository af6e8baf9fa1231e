import { apiHandler } from "@/lib/api/route";
import { answerUnReply } from "@/lib/un-submissions/answer-un-reply";
import { deleteUnReply } from "@/lib/un-submissions/delete-un-reply";
import { readJson, versionFrom } from "../../../../../_json";

type Params = { caseId: string; submissionId: string; replyId: string };

// PATCH /api/v1/cases/{caseId}/un-submissions/{submissionId}/replies/{replyId} — record that we answered the reply
export const PATCH = apiHandler<Params>(
  async ({ request, ctx, params }) => answerUnReply(ctx, params.caseId, params.submissionId, params.replyId, await readJson(request)),
  { permission: "unSubmissions.manage" },
);

// DELETE /api/v1/cases/{caseId}/un-submissions/{submissionId}/replies/{replyId} — remove a reply from the log; `version` in the body or query
export const DELETE = apiHandler<Params>(
  async ({ request, ctx, params }) => {
    await deleteUnReply(ctx, params.caseId, params.submissionId, params.replyId, await versionFrom(request));
  },
  { permission: "unSubmissions.manage" },
);
