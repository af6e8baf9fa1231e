import { apiHandler } from "@/lib/api/route";
import { previewImport } from "@/lib/imports/preview-import";

type Params = { uploadId: string };

// POST /api/v1/imports/{uploadId}/preview — every row checked with this mapping and these decisions; nothing is written
export const POST = apiHandler<Params>(
  async ({ request, ctx, params }) => {
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
    return previewImport(ctx, { ...body, uploadId: params.uploadId } as Parameters<typeof previewImport>[1]);
  },
  { permission: "imports.run", idempotency: false },
);
