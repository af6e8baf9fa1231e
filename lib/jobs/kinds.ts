// What each kind of background job does. A kind checks its permission (again at run time, as the
// owner), names its filter for the audit without values that identify anyone, and runs.
import "server-only";
import { authorize, type Ctx } from "@/lib/authz";
import { auditedFilter, type ReportFile } from "@/lib/reports/common";
import { generateReport, parseReportRequest } from "@/lib/reports/generate-report";
import { importAuditedFilter, runImport } from "@/lib/imports/commit-import";
import { runArchiveExport } from "@/lib/archive/run-export";

export interface JobRunContext {
  jobId: string;
  /** records done so far (and the total when it becomes known); throws when the job was cancelled */
  progress: (done: number, total?: number) => Promise<void>;
}

export interface JobKindSpec {
  authorize: (ctx: Ctx) => void;
  auditedFilter: (payload: Record<string, unknown>) => Record<string, unknown>;
  run: (ctx: Ctx, payload: Record<string, unknown>, run: JobRunContext) => Promise<ReportFile>;
}

export const jobKinds = {
  report: {
    authorize: (ctx) => authorize(ctx, "reports.anonymised"),
    auditedFilter: (payload) => auditedFilter(parseReportRequest(payload)),
    run: (ctx, payload, run) => generateReport(ctx, payload, { jobId: run.jobId, onProgress: (done) => run.progress(done) }),
  },
  import: {
    authorize: (ctx) => authorize(ctx, "imports.run"),
    auditedFilter: importAuditedFilter,
    run: runImport,
  },
  archive: {
    authorize: (ctx) => authorize(ctx, "archive.export"),
    auditedFilter: () => ({}),
    run: runArchiveExport,
  },
} satisfies Record<string, JobKindSpec>;

export type JobKind = keyof typeof jobKinds;
