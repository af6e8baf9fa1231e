// The two draft routes (wgeid, wgad) share this: the format from `?format=` or the Accept header,
// the labels' language from `?lang=`, and the file as a download.
import { apiHandler } from "@/lib/api/route";
import { DOCX_TYPE, generateUnDraft } from "@/lib/un-submissions/generate-un-draft";
import type { UnSubmissionKind } from "@/lib/un-submissions/readiness";

function requestedFormat(request: Request): string {
  const query = new URL(request.url).searchParams.get("format");
  if (query) return query.toLowerCase();
  const accept = request.headers.get("accept") ?? "";
  if (accept.includes("application/pdf")) return "pdf";
  if (accept.includes(DOCX_TYPE)) return "docx";
  return "docx";
}

export function unDraftRoute(type: UnSubmissionKind) {
  return apiHandler<{ caseId: string }>(
    async ({ request, ctx, params }) => {
      const lang = new URL(request.url).searchParams.get("lang") ?? undefined;
      const file = await generateUnDraft(ctx, params.caseId, { type, format: requestedFormat(request) as "docx" | "pdf", lang: lang as "en" | undefined });
      return new Response(new Uint8Array(file.bytes), {
        status: 200,
        headers: {
          "content-type": file.contentType,
          "content-disposition": `attachment; filename="${file.fileName}"`,
          "cache-control": "no-store",
        },
      });
    },
    { permission: "unSubmissions.manage" },
  );
}
