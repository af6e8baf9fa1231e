import { fileResponse } from "@/lib/api/file-response";
import { apiHandler } from "@/lib/api/route";
import { downloadArchive } from "@/lib/archive/export-archive";

type Params = { jobId: string };

// POST /api/v1/archive/exports/{jobId}/file — download the finished archive once, encrypted with { passphrase } (audited)
export const POST = apiHandler<Params>(async ({ ctx, params, body }) => fileResponse(await downloadArchive(ctx, params.jobId, body)), { permission: "archive.export" });
