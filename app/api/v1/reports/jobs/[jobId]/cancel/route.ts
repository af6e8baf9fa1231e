import { apiHandler } from "@/lib/api/route";
import { cancelJob } from "@/lib/jobs/queue";

type Params = { jobId: string };

// POST /api/v1/reports/jobs/{jobId}/cancel — stop a waiting or running report
export const POST = apiHandler<Params>(async ({ ctx, params }) => cancelJob(ctx, params.jobId), { permission: "reports.anonymised" });
