// What each kind of background job does. A kind checks its permission (again at run time, as the
// owner), names its filter for the audit without values that identify anyone, and runs.
import "server-only";
import { authorize, type Ctx } from "@/lib/authz";
import { auditedFilter, type ReportFile } from "@/lib/reports/common";
import { generateReport, parseReportRequest } from "@/lib/reports/generate-report";
import { importAuditedFilter, runImport } from "@/lib/imports/commit-import";
import { runArchiveExport } from "@/lib/archive/run-export";
import { archiveImportAuditedFilter, discardArchiveImport, runArchiveImport } from "@/lib/archive/run-import";
import type { Tx } from "@/lib/db";

export interface JobRunContext {
  jobId: string;
  /** records done so far (and the total when it becomes known); throws when the job was cancelled */
  progress: (done: number, total?: number) => Promise<void>;
}

/** A finished file still on disk (too large to hold): the queue encrypts it into storage, then calls cleanup. */
export interface JobFileOnDisk {
  path: string;
  fileName: string;
  mimeType: string;
  records: number;
  cleanup: () => Promise<void>;
}

/** A job whose outcome is a report in counts, without a file. */
export interface JobOutcome {
  result: Record<string, unknown>;
  records: number;
}

export type JobOutput = ReportFile | JobFileOnDisk | JobOutcome;

export interface JobKindSpec {
  authorize: (ctx: Ctx) => void;
  auditedFilter: (payload: Record<string, unknown>) => Record<string, unknown>;
  run: (ctx: Ctx, payload: Record<string, unknown>, run: JobRunContext) => Promise<JobOutput>;
  /** what a job cancelled before it ran leaves behind, removed (in the cancel's transaction) */
  discard?: (tx: Tx, organizationId: string, jobId: string, payload: Record<string, unknown>) => Promise<void>;
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
  archiveImport: {
    authorize: (ctx) => authorize(ctx, "archive.import"),
    auditedFilter: archiveImportAuditedFilter,
    run: runArchiveImport,
    discard: discardArchiveImport,
  },
} satisfies Record<string, JobKindSpec>;

export type JobKind = keyof typeof jobKinds;
