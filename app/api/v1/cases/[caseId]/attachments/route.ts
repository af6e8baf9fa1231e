import { apiHandler, uploadedFile } from "@/lib/api/route";
import { uploadAttachment } from "@/lib/files/attachments";

type Params = { caseId: string };

// POST /api/v1/cases/{caseId}/attachments — attach a file (multipart field "file", optional "caseEventId")
export const POST = apiHandler<Params>(
  async ({ request, ctx, params }) => {
    const { file, form } = await uploadedFile(request);
    const caseEventId = form.get("caseEventId");
    return uploadAttachment(ctx, {
      caseId: params.caseId,
      caseEventId: typeof caseEventId === "string" && caseEventId ? caseEventId : null,
      fileName: file.name,
      bytes: Buffer.from(await file.arrayBuffer()),
    });
  },
  { permission: "cases.update", status: 201, upload: true },
);
