import { apiHandler } from "@/lib/api/route";
import { updateUnSubmission } from "@/lib/un-submissions/update-un-submission";

type Params = { caseId: string; submissionId: string };

// PATCH /api/v1/cases/{caseId}/un-submissions/{submissionId} — edit it or record its sending; `version` as last read
export const PATCH = apiHandler<Params>(
  async ({ ctx, params, body }) => updateUnSubmission(ctx, params.caseId, params.submissionId, body),
  { permission: "unSubmissions.manage" },
);
