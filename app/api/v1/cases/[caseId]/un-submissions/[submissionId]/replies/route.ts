import { apiHandler } from "@/lib/api/route";
import { addUnReply } from "@/lib/un-submissions/add-un-reply";

type Params = { caseId: string; submissionId: string };

// POST /api/v1/cases/{caseId}/un-submissions/{submissionId}/replies — record a government reply (deadline: six months)
export const POST = apiHandler<Params>(
  async ({ ctx, params, body }) => addUnReply(ctx, params.caseId, params.submissionId, body),
  { permission: "unSubmissions.manage", status: 201 },
);
