import { apiHandler } from "@/lib/api/route";
import { getImportJob } from "@/lib/imports/request-import";

type Params = { jobId: string };

// GET /api/v1/imports/jobs/{jobId} — an import's state, progress and, when done, what it created, linked and skipped
export const GET = apiHandler<Params>(async ({ ctx, params }) => getImportJob(ctx, params.jobId), { permission: "imports.run" });
