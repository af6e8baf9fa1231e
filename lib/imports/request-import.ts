// Asking for an import: the upload and the sheet are checked, then the work is queued as a background
// job (./commit-import.ts) that checks every row again before it writes.
import "server-only";
import { authorize, type Ctx } from "@/lib/authz";
import { enqueueJob, type JobView } from "@/lib/jobs/queue";
import { importCommitSchema, type ImportCommitInput } from "@/lib/validations/import";
import { parseInput } from "@/lib/validations/parse";
import { pickSheet } from "./preview-import";
import { loadUpload } from "./upload-import";

/** Queues the import; the job checks everything again before it writes. */
export async function requestImport(ctx: Ctx, input: ImportCommitInput): Promise<JobView> {
  authorize(ctx, "imports.run");
  const mapping = parseInput(importCommitSchema, input);
  const { workbook } = await loadUpload(ctx, mapping.uploadId, { encoding: mapping.encoding });
  const sheet = pickSheet(workbook, mapping.sheet);
  return enqueueJob(ctx, { kind: "import", payload: { ...mapping, sheet: sheet.name }, total: sheet.rows.length });
}

