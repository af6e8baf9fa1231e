import { streamedFileResponse } from "@/lib/api/file-response";
import { apiHandler } from "@/lib/api/route";
import { downloadArchive } from "@/lib/archive/export-archive";

type Params = { jobId: string };

// POST /api/v1/archive/exports/{jobId}/file — download the finished archive once, encrypted with { passphrase } as it is sent (audited)
export const POST = apiHandler<Params>(async ({ ctx, params, body }) => streamedFileResponse(await downloadArchive(ctx, params.jobId, body)), { permission: "archive.export" });
