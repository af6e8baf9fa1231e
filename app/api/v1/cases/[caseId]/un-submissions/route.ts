import { apiHandler } from "@/lib/api/route";
import { createUnSubmission } from "@/lib/un-submissions/create-un-submission";
import { findUnSubmissions } from "@/lib/un-submissions/find-un-submissions";
import { readJson } from "../../_json";

type Params = { caseId: string };

// GET /api/v1/cases/{caseId}/un-submissions — the follow-up log: submissions with their replies
export const GET = apiHandler<Params>(async ({ ctx, params }) => ({ items: await findUnSubmissions(ctx, params.caseId) }), {
  permission: "unSubmissions.manage",
});

// POST /api/v1/cases/{caseId}/un-submissions — start a submission (WGEID or WGAD)
export const POST = apiHandler<Params>(async ({ request, ctx, params }) => createUnSubmission(ctx, params.caseId, await readJson(request)), {
  permission: "unSubmissions.manage",
  status: 201,
});
