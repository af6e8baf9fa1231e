// Making one report: THE use case behind every download, background job and API call. Checks the
// permission, reads the organisation's settings, builds the file from the disclosure projection,
// wraps it in a password ZIP when asked, and audits who made which report, with which filter and how
// many records.
import "server-only";
import { authorize, caseEventScope, type Ctx, liveCaseScope, policeActionScope } from "@/lib/authz";
import { oneAtATime, withTenant } from "@/lib/db";
import { withTenantReadOnly } from "@/lib/db-replica";
import { AppError } from "@/lib/errors";
import { reportRequestSchema, type ReportRequest } from "@/lib/validations/report";
import { auditReport, MIME, reportFileName, reportSetting, type ReportFile } from "./common";
import { registerCsv, registerCsvChunks } from "./register";
import { countRegister } from "./register-rows";
import { parseInput } from "@/lib/service-kit";

// The PDF, spreadsheet and ZIP builders are loaded when a report of their kind is first made: a server
// that only streams CSV registers never holds the PDF and spreadsheet libraries (tens of megabytes).

/** Reports over this many records are made as background jobs; smaller ones download at once. */
export const IMMEDIATE_LIMIT = 500;

export function parseReportRequest(input: unknown): ReportRequest {
  return parseInput(reportRequestSchema, input ?? {});
}

/** How many records a report would hold, to choose between an immediate download and a job. */
export async function countReportRecords(ctx: Ctx, request: ReportRequest): Promise<number> {
  authorize(ctx, "reports.anonymised");
  return withTenantReadOnly(ctx, async (tx) => {
    switch (request.kind) {
      case "dossier":
        return 1;
      case "register":
        return countRegister(tx, ctx, request);
      case "statistics":
        return tx.case.count({ where: liveCaseScope(ctx) });
      case "summary": {
        const { summaryPeriod } = await import("./summary");
        const { from, to } = summaryPeriod(request, new Date());
        const date = { gte: from, lte: to };
        const [cases, events, police] = await oneAtATime([
          () => tx.case.count({ where: { ...liveCaseScope(ctx), openedAt: { gte: from, lte: to } } }),
          () => tx.caseEvent.count({ where: { ...caseEventScope(ctx), date } }),
          () => tx.policeAction.count({ where: { ...policeActionScope(ctx, { countsOnly: true }), date } }),
        ]);
        return cases + events + police;
      }
    }
  });
}

export interface GenerateOptions {
  /** called with records done so far; may throw to stop (a cancelled job) */
  onProgress?: (done: number) => Promise<void> | void;
  /** the job this generation runs for, named in the audit */
  jobId?: string;
  /** set when the caller already chose immediate download: refuse a report too large for it */
  immediate?: boolean;
  /** the ZIP password, never stored; jobs pass it at download time instead */
  zipPassword?: string | null;
}

export async function generateReport(ctx: Ctx, input: unknown, options: GenerateOptions = {}): Promise<ReportFile> {
  authorize(ctx, "reports.anonymised");
  const request = parseReportRequest(input);
  if (options.immediate && request.kind !== "dossier" && (await countReportRecords(ctx, request)) > IMMEDIATE_LIMIT) {
    throw new AppError("PAYLOAD_TOO_LARGE", "This report is large; prepare it in the background.", { key: "reportUseJob", values: { n: IMMEDIATE_LIMIT } });
  }
  const setting = await withTenantReadOnly(ctx, (tx) => reportSetting(tx, ctx, request.locale));
  let file: ReportFile;
  switch (request.kind) {
    case "dossier":
      // the read of the case and its audit are one transaction, like opening the case page
      const { buildDossier } = await import("./dossier");
      file = await (
        await withTenant(ctx, async (tx) => {
          const made = await buildDossier(tx, setting, request.caseId as string);
          await auditReport(tx, ctx, { action: "report.generate", request, records: made.records, jobId: options.jobId });
          return made;
        })
      ).render();
      await options.onProgress?.(1);
      break;
    case "summary": {
      // read through the reports connection (a replica when configured), audited on the main one
      // before the file is handed over
      const { buildSummary } = await import("./summary");
      const made = await withTenantReadOnly(ctx, (tx) => buildSummary(tx, setting, request));
      await withTenant(ctx, (tx) => auditReport(tx, ctx, { action: "report.generate", request, records: made.records, jobId: options.jobId }));
      file = await made.render();
      await options.onProgress?.(file.records);
      break;
    }
    case "statistics": {
      const { loadFacets, statisticsCsv, statisticsXlsx } = await import("./statistics");
      const facets = await withTenantReadOnly(ctx, (tx) => loadFacets(tx, setting));
      file = request.format === "xlsx" ? await statisticsXlsx(setting, facets) : statisticsCsv(setting, facets);
      await withTenant(ctx, (tx) => auditReport(tx, ctx, { action: "report.generate", request, records: file.records, jobId: options.jobId }));
      await options.onProgress?.(file.records);
      break;
    }
    case "register": {
      const make = request.format === "csv" ? registerCsv : (await import("./register-files"))[request.format === "xlsx" ? "registerXlsx" : "registerPdf"];
      file = await make(setting, request, options.onProgress);
      await withTenant(ctx, (tx) => auditReport(tx, ctx, { action: "report.generate", request, records: file.records, jobId: options.jobId }));
      break;
    }
  }
  const password = options.zipPassword ?? request.zipPassword;
  return password ? (await import("./zip")).zipWithPassword(file, password) : file;
}


/** A report written while it is downloaded: the chunks, what to call the file, and the records counted. */
export interface ReportStream {
  chunks: AsyncGenerator<Uint8Array>;
  fileName: string;
  mimeType: string;
  records: number;
}

/** Whether a request is answered as a stream at once, whatever its size (a register as plain CSV). */
export function streamsAtOnce(request: ReportRequest): boolean {
  return request.kind === "register" && request.format === "csv" && !request.zipPassword;
}

/**
 * The register as CSV streamed over HTTP: a batch or two in memory at a time, read from one snapshot
 * as the client takes them, so 50 000 rows need no background job. Generation and download are audited before the
 * first byte leaves (with the records counted then), so an interrupted download is on record too.
 */
export async function streamRegisterCsv(ctx: Ctx, input: unknown): Promise<ReportStream> {
  authorize(ctx, "reports.anonymised");
  const request = parseReportRequest(input);
  if (!streamsAtOnce(request)) throw new AppError("INVALID", "Only a register as CSV is streamed.");
  const { setting, records } = await withTenant(ctx, async (tx) => {
    const setting = await reportSetting(tx, ctx, request.locale);
    const records = await countRegister(tx, ctx, request);
    await auditReport(tx, ctx, { action: "report.generate", request, records });
    await auditReport(tx, ctx, { action: "report.download", request, records });
    return { setting, records };
  });
  async function* encoded(): AsyncGenerator<Uint8Array> {
    for await (const chunk of registerCsvChunks(setting, request)) yield Buffer.from(chunk, "utf8");
  }
  return { chunks: encoded(), fileName: reportFileName("register", setting.organization.slug, setting.now, "csv"), mimeType: MIME.csv, records };
}
