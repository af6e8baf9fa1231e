import { fileResponse } from "@/lib/api/file-response";
import { apiHandler } from "@/lib/api/route";
import { downloadImportReport } from "@/lib/imports/request-import";

type Params = { jobId: string };

// GET /api/v1/imports/jobs/{jobId}/report — the final report of a finished import as CSV (audited)
export const GET = apiHandler<Params>(async ({ ctx, params }) => fileResponse(await downloadImportReport(ctx, params.jobId)), { permission: "imports.run" });
