import { streamedFileResponse } from "@/lib/api/file-response";
import { apiHandler } from "@/lib/api/route";
import { downloadImportIssues } from "@/lib/imports/download-issues";

type Params = { uploadId: string };

// POST /api/v1/imports/{uploadId}/issues — every problem of the sheet with this mapping as CSV, streamed; nothing is written
export const POST = apiHandler<Params>(
  async ({ ctx, params, body }) => streamedFileResponse(await downloadImportIssues(ctx, { ...(body as Record<string, unknown>), uploadId: params.uploadId } as Parameters<typeof downloadImportIssues>[1])),
  { permission: "imports.run", idempotency: false },
);
