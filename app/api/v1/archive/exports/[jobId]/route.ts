import { apiHandler } from "@/lib/api/route";
import { getArchiveExport } from "@/lib/archive/export-archive";

type Params = { jobId: string };

// GET /api/v1/archive/exports/{jobId} — one archive export's state and progress
export const GET = apiHandler<Params>(async ({ ctx, params }) => getArchiveExport(ctx, params.jobId), { permission: "archive.export" });
