import { apiHandler } from "@/lib/api/route";
import { previewImport } from "@/lib/imports/preview-import";

type Params = { uploadId: string };

// POST /api/v1/imports/{uploadId}/preview — every row checked with this mapping and these decisions; nothing is written
export const POST = apiHandler<Params>(
  async ({ ctx, params, body }) => {
    return previewImport(ctx, { ...(body as Record<string, unknown>), uploadId: params.uploadId } as Parameters<typeof previewImport>[1]);
  },
  { permission: "imports.run", idempotency: false },
);
