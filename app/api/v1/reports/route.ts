import { fileResponse, streamedFileResponse } from "@/lib/api/file-response";
import { apiHandler } from "@/lib/api/route";
import { requestReport } from "@/lib/reports/request-report";

// GET /api/v1/reports?kind=…&format=… — make a report and download it at once (up to the immediate limit; a CSV register streams at any size)
export const GET = apiHandler(
  async ({ ctx, query }) => {
    const answer = await requestReport(ctx, query, { allowJob: false });
    if ("file" in answer) return fileResponse(answer.file);
    if ("stream" in answer) return streamedFileResponse(answer.stream);
    return Response.json({ job: answer.job }, { status: 202 });
  },
  { permission: "reports.anonymised" },
);

// POST /api/v1/reports — make a report: the file at once when small, otherwise 202 with the background job
export const POST = apiHandler(
  async ({ ctx, body }) => {
    const answer = await requestReport(ctx, body, { allowJob: true });
    if ("file" in answer) return fileResponse(answer.file);
    if ("stream" in answer) return streamedFileResponse(answer.stream);
    return Response.json({ job: answer.job }, { status: 202 });
  },
  { permission: "reports.anonymised" },
);
