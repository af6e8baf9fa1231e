import { apiHandler } from "@/lib/api/route";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { uploadImport } from "@/lib/imports/upload-import";

// multipart framing around the file; the file itself is checked against MAX_UPLOAD_MB by the service
const MULTIPART_OVERHEAD = 64 * 1024;

// POST /api/v1/imports — upload a spreadsheet (multipart field "file"): its sheets, headers and suggested mapping; nothing is imported yet
export async function POST(request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> {
  const handler = apiHandler(
    async ({ request: limited, ctx }) => {
      let form: FormData;
      try {
        form = await limited.formData();
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError("INVALID", "Send the file as multipart/form-data in the field \"file\".", { fieldErrors: { file: ["required"] } });
      }
      const file = form.get("file");
      if (!(file instanceof File)) throw new AppError("INVALID", "Send the file in the field \"file\".", { fieldErrors: { file: ["required"] } });
      return uploadImport(ctx, { fileName: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
    },
    { status: 201, permission: "imports.run", idempotency: false, maxBodyBytes: getEnv().MAX_UPLOAD_MB * 1024 * 1024 + MULTIPART_OVERHEAD },
  );
  return handler(request, context);
}
