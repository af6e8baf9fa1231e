import { apiHandler } from "@/lib/api/route";
import { retryJob } from "@/lib/jobs/queue";

type Params = { jobId: string };

// POST /api/v1/reports/jobs/{jobId}/retry — queue a failed or cancelled report again
export const POST = apiHandler<Params>(async ({ ctx, params }) => retryJob(ctx, params.jobId), { permission: "reports.anonymised" });
