import { apiHandler } from "@/lib/api/route";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { uploadAttachment } from "@/lib/files/attachments";

type Params = { caseId: string };

// multipart framing around the file; the file itself is checked against MAX_UPLOAD_MB by the service
const MULTIPART_OVERHEAD = 64 * 1024;

// POST /api/v1/cases/{caseId}/attachments — attach a file (multipart field "file", optional "caseEventId")
export async function POST(request: Request, context: { params: Promise<Params> }): Promise<Response> {
  const handler = apiHandler<Params>(
    async ({ request: limited, ctx, params }) => {
      let form: FormData;
      try {
        form = await limited.formData();
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError("INVALID", "Send the file as multipart/form-data in the field \"file\".", { fieldErrors: { file: ["required"] } });
      }
      const file = form.get("file");
      if (!(file instanceof File)) throw new AppError("INVALID", "Send the file in the field \"file\".", { fieldErrors: { file: ["required"] } });
      const caseEventId = form.get("caseEventId");
      return uploadAttachment(ctx, {
        caseId: params.caseId,
        caseEventId: typeof caseEventId === "string" && caseEventId ? caseEventId : null,
        fileName: file.name,
        bytes: Buffer.from(await file.arrayBuffer()),
      });
    },
    { status: 201, maxBodyBytes: getEnv().MAX_UPLOAD_MB * 1024 * 1024 + MULTIPART_OVERHEAD },
  );
  return handler(request, context);
}
