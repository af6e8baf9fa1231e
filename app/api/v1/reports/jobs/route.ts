import { apiHandler } from "@/lib/api/route";
import { findMyJobs } from "@/lib/jobs/queue";

// GET /api/v1/reports/jobs — the caller's background reports with state and progress
export const GET = apiHandler(async ({ ctx }) => ({ items: await findMyJobs(ctx) }), { permission: "reports.anonymised" });
