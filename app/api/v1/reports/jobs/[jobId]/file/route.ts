import { fileResponse } from "@/lib/api/file-response";
import { apiHandler } from "@/lib/api/route";
import { downloadJobReport } from "@/lib/reports/request-report";

type Params = { jobId: string };

// GET /api/v1/reports/jobs/{jobId}/file — download a finished report (audited)
export const GET = apiHandler<Params>(async ({ ctx, params }) => fileResponse(await downloadJobReport(ctx, params.jobId)), { permission: "reports.anonymised" });

// POST /api/v1/reports/jobs/{jobId}/file — the same file inside a password-protected ZIP ({ zipPassword })
export const POST = apiHandler<Params>(
  async ({ ctx, params, body }) => fileResponse(await downloadJobReport(ctx, params.jobId, body)),
  { permission: "reports.anonymised" },
);
