import { contentDisposition } from "@/lib/api/file-response";
import { apiHandler } from "@/lib/api/route";
import { deleteAttachment, downloadAttachment } from "@/lib/files/attachments";
import { ATTACHMENT_CONTENT_SECURITY_POLICY } from "@/lib/security/headers";

type Params = { attachmentId: string };

// GET /api/v1/attachments/{attachmentId} — download a file (audited), always as an attachment
export const GET = apiHandler<Params>(async ({ ctx, params }) => {
  const file = await downloadAttachment(ctx, params.attachmentId);
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": contentDisposition(file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      // next.config.js sends the same for this path; a header set there would win over this one
      "Content-Security-Policy": ATTACHMENT_CONTENT_SECURITY_POLICY,
    },
  });
}, { permission: "cases.read" });

// DELETE /api/v1/attachments/{attachmentId} — remove a file from its case
export const DELETE = apiHandler<Params>(async ({ ctx, params }) => {
  await deleteAttachment(ctx, params.attachmentId);
}, { permission: "cases.update" });
