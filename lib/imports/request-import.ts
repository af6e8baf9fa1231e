// Asking for an import: the upload and the sheet are checked, then the work is queued as a background
// job (./commit-import.ts) that checks every row again before it writes.
import "server-only";
import { authorize, type Ctx } from "@/lib/authz";
import { audit } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import { cancelJob, enqueueJob, getJob, readJobFile, type JobFile, type JobView } from "@/lib/jobs/queue";
import { importCommitSchema, type ImportCommitInput } from "@/lib/validations/import";
import { pickSheet } from "./preview-import";
import { loadUpload } from "./upload-import";
import { parseInput } from "@/lib/service-kit";

/** Queues the import; the job checks everything again before it writes. */
export async function requestImport(ctx: Ctx, input: ImportCommitInput): Promise<JobView> {
  authorize(ctx, "imports.run");
  const mapping = parseInput(importCommitSchema, input);
  const { workbook } = await loadUpload(ctx, mapping.uploadId, { encoding: mapping.encoding });
  const sheet = pickSheet(workbook, mapping.sheet);
  return enqueueJob(ctx, { kind: "import", payload: { ...mapping, sheet: sheet.name }, total: sheet.rowCount });
}


/** The final report of one's own finished import (a CSV of every row and what became of it), audited. */
export async function downloadImportReport(ctx: Ctx, jobId: string): Promise<JobFile> {
  authorize(ctx, "imports.run");
  return readJobFile(ctx, jobId, async (tx, job) => {
    if (job.kind !== "import") throw notFound("job");
    await audit(tx, { organizationId: ctx.organizationId, actorUserId: ctx.userId, action: "import.report.download", entityType: "Job", entityId: job.id, metadata: { records: job.recordCount }, ipHash: ctx.ipHash });
  });
}

/** One's own import job: its state, progress and, when finished, what it did. */
export async function getImportJob(ctx: Ctx, jobId: string): Promise<JobView> {
  authorize(ctx, "imports.run");
  const job = await getJob(ctx, jobId);
  if (job.kind !== "import") throw notFound("job");
  return job;
}

export async function cancelImportJob(ctx: Ctx, jobId: string): Promise<JobView> {
  await getImportJob(ctx, jobId);
  return cancelJob(ctx, jobId);
}
