import { apiHandler, uploadedFile } from "@/lib/api/route";
import { uploadImport } from "@/lib/imports/upload-import";

// POST /api/v1/imports — upload a spreadsheet (multipart field "file"): its sheets, headers and suggested mapping; nothing is imported yet
export const POST = apiHandler(
  async ({ request, ctx }) => {
    const { file } = await uploadedFile(request);
    return uploadImport(ctx, { fileName: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
  },
  { status: 201, permission: "imports.run", idempotency: false, upload: true },
);
