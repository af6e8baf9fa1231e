import { apiHandler } from "@/lib/api/route";
import { getJob } from "@/lib/jobs/queue";

type Params = { jobId: string };

// GET /api/v1/reports/jobs/{jobId} — one background report's state and progress
export const GET = apiHandler<Params>(async ({ ctx, params }) => getJob(ctx, params.jobId), { permission: "reports.anonymised" });
