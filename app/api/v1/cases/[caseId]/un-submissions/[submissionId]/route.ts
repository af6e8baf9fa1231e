import { apiHandler, versionOf } from "@/lib/api/route";
import { deleteUnSubmission } from "@/lib/un-submissions/delete-un-submission";
import { updateUnSubmission } from "@/lib/un-submissions/update-un-submission";

type Params = { caseId: string; submissionId: string };

// PATCH /api/v1/cases/{caseId}/un-submissions/{submissionId} — edit it or record its sending; `version` as last read
export const PATCH = apiHandler<Params>(
  async ({ ctx, params, body }) => updateUnSubmission(ctx, params.caseId, params.submissionId, body),
  { permission: "unSubmissions.manage" },
);

// DELETE /api/v1/cases/{caseId}/un-submissions/{submissionId} — remove it and its replies from the follow-up log; `version` in the body or query
export const DELETE = apiHandler<Params>(
  async ({ ctx, params, body, query }) => {
    await deleteUnSubmission(ctx, params.caseId, params.submissionId, versionOf({ body, query }));
  },
  { permission: "unSubmissions.manage" },
);
