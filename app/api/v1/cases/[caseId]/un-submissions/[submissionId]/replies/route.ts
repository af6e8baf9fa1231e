import { apiHandler } from "@/lib/api/route";
import { addUnReply } from "@/lib/un-submissions/add-un-reply";
import { readJson } from "../../../../_json";

type Params = { caseId: string; submissionId: string };

// POST /api/v1/cases/{caseId}/un-submissions/{submissionId}/replies — record a government reply (deadline: six months)
export const POST = apiHandler<Params>(
  async ({ request, ctx, params }) => addUnReply(ctx, params.caseId, params.submissionId, await readJson(request)),
  { permission: "unSubmissions.manage", status: 201 },
);
