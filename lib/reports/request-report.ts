// Asking for a report: small ones are made at once, larger ones become a background job. Downloading a
// finished job's file is audited like an immediate download (who, which report, filter, records).
import "server-only";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { enqueueJob, readJobFile, type JobView } from "@/lib/jobs/queue";
import { zipPasswordSchema } from "@/lib/validations/report";
import { auditReport, storedRequest, type ReportFile } from "./common";
import { IMMEDIATE_LIMIT, countReportRecords, generateReport, parseReportRequest, streamRegisterCsv, streamsAtOnce, type ReportStream } from "./generate-report";
import { parseInput } from "@/lib/service-kit";

export type ReportAnswer = { file: ReportFile } | { stream: ReportStream } | { job: JobView };

export async function requestReport(ctx: Ctx, input: unknown, options: { allowJob: boolean }): Promise<ReportAnswer> {
  authorize(ctx, "reports.anonymised");
  const request = parseReportRequest(input);
  // a plain CSV register streams at once at any size: it never holds more than one batch
  if (streamsAtOnce(request)) return { stream: await streamRegisterCsv(ctx, input) };
  const records = request.kind === "dossier" ? 1 : await countReportRecords(ctx, request);
  if (records <= IMMEDIATE_LIMIT || !options.allowJob) {
    const file = await generateReport(ctx, input, { immediate: true });
    await auditDownload(ctx, input, file.records);
    return { file };
  }
  // the ZIP password is never stored: a job's file is zipped when it is downloaded
  const job = await enqueueJob(ctx, { kind: "report", payload: storedRequest(request), total: records });
  return { job };
}

async function auditDownload(ctx: Ctx, input: unknown, records: number, jobId?: string): Promise<void> {
  await withTenant(ctx, (tx) => auditReport(tx, ctx, { action: "report.download", request: parseReportRequest(input), records, jobId }));
}

export async function downloadJobReport(ctx: Ctx, jobId: string, input: unknown = {}): Promise<ReportFile> {
  authorize(ctx, "reports.anonymised");
  const { zipPassword } = parseInput(zipPasswordSchema, input ?? {});
  const file = await readJobFile(ctx, jobId, (tx, job) => auditReport(tx, ctx, { action: "report.download", request: parseReportRequest(job.filter), records: job.recordCount ?? 0, jobId }));
  const plain: ReportFile = { bytes: file.bytes, fileName: file.fileName, mimeType: file.mimeType, records: file.job.recordCount ?? 0 };
  // the ZIP library is loaded only when a ZIP is asked for
  return zipPassword ? (await import("./zip")).zipWithPassword(plain, zipPassword) : plain;
}
