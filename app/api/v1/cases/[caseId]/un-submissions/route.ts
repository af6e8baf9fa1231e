import { apiHandler } from "@/lib/api/route";
import { createUnSubmission } from "@/lib/un-submissions/create-un-submission";
import { findUnSubmissions } from "@/lib/un-submissions/find-un-submissions";

type Params = { caseId: string };

// GET /api/v1/cases/{caseId}/un-submissions — the follow-up log: submissions with their replies
export const GET = apiHandler<Params>(async ({ ctx, params }) => ({ items: await findUnSubmissions(ctx, params.caseId) }), {
  permission: "unSubmissions.manage",
});

// POST /api/v1/cases/{caseId}/un-submissions — start a submission (WGEID or WGAD)
export const POST = apiHandler<Params>(async ({ ctx, params, body }) => createUnSubmission(ctx, params.caseId, body), {
  permission: "unSubmissions.manage",
  status: 201,
});
