import { apiHandler } from "@/lib/api/route";
import { requestImport } from "@/lib/imports/request-import";

type Params = { uploadId: string };

// POST /api/v1/imports/{uploadId}/commit — import the sheet as a background job, all rows or none (202 with the job)
export const POST = apiHandler<Params>(
  async ({ ctx, params, body }) => {
    return requestImport(ctx, { ...(body as Record<string, unknown>), uploadId: params.uploadId } as Parameters<typeof requestImport>[1]);
  },
  { permission: "imports.run", status: 202 },
);
