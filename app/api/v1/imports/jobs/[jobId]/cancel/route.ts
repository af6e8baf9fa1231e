import { apiHandler } from "@/lib/api/route";
import { cancelImportJob } from "@/lib/imports/request-import";

type Params = { jobId: string };

// POST /api/v1/imports/jobs/{jobId}/cancel — stop a waiting or running import; nothing of it is kept
export const POST = apiHandler<Params>(async ({ ctx, params }) => cancelImportJob(ctx, params.jobId), { permission: "imports.run" });
