// The preview: what an import of this sheet with this mapping would write, with every problem by row
// and column, before anything is written. The counts cover the whole sheet; the issues and the rows with
// likely duplicates come a page at a time, so the answer (and the server's memory) stays small whatever
// the sheet's size.
import "server-only";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { importPreviewSchema, type ImportPreviewInput } from "@/lib/validations/import";
import { createPreparer, type Prepared, type PreparedRow } from "./prepare";
import { SAMPLE_ROWS, type Sheet, type Workbook } from "./read-sheet";
import { loadUpload } from "./upload-import";
import { parseInput } from "@/lib/service-kit";

/** Rows shown in the preview table; the counts and the totals cover the whole sheet. */
export const PREVIEW_ROWS = SAMPLE_ROWS;

export interface PreviewView extends Prepared {
  uploadId: string;
  fileName: string;
  /** the page of `issues` (of `issueTotal`) and of `duplicates` (of `duplicateTotal`) answered */
  issuesPage: number;
  issuesPageSize: number;
  duplicatesPage: number;
  duplicatesPageSize: number;
  /** the first rows with their state and cells as text */
  sample: { row: number; state: PreparedRow["state"]; cells: string[] }[];
}

export function pickSheet(workbook: Workbook, name: string): Sheet {
  const sheet = name ? workbook.sheets.find((candidate) => candidate.name === name) : workbook.sheets[0];
  if (!sheet) throw new AppError("INVALID", "The sheet was not found in the file.", { key: "importSheetMissing", fieldErrors: { sheet: ["invalidChoice"] } });
  return sheet;
}

/**
 * The file is read twice (once for its headers and counts, once for its rows) and never held as cells:
 * only the first rows' states are kept, and of the issues and duplicates the pages up to the one asked for.
 */
export async function previewImport(ctx: Ctx, input: ImportPreviewInput): Promise<PreviewView> {
  authorize(ctx, "imports.run");
  const mapping = parseInput(importPreviewSchema, input);
  const issuesFrom = (mapping.issuesPage - 1) * mapping.issuesPageSize;
  const duplicatesFrom = (mapping.duplicatesPage - 1) * mapping.duplicatesPageSize;
  const keep = { issues: issuesFrom + mapping.issuesPageSize, duplicates: duplicatesFrom + mapping.duplicatesPageSize };
  const loaded = await loadUpload(ctx, mapping.uploadId, { encoding: mapping.encoding });
  const sheet = pickSheet(loaded.workbook, mapping.sheet);
  const states = new Map<number, PreparedRow["state"]>();
  const { prepared, invalidated } = await withTenant(
    ctx,
    async (tx) => {
      const preparer = await createPreparer({ ctx, tx, sheet, mapping, keep });
      for await (const batch of loaded.rows(sheet.name)) {
        const rows = await preparer.add(batch);
        for (const row of rows) if (states.size < PREVIEW_ROWS) states.set(row.row, row.state);
      }
      return preparer.finish();
    },
    // a sheet of 50 000 rows on a busy server takes longer than an ordinary request
    { timeout: 180_000 },
  );
  for (const row of invalidated) if (states.has(row)) states.set(row, "invalid");
  const text = (cell: unknown) => (cell === null || cell === undefined ? "" : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell));
  return {
    ...prepared,
    issues: prepared.issues.slice(issuesFrom),
    duplicates: prepared.duplicates.slice(duplicatesFrom),
    uploadId: loaded.upload.id,
    fileName: loaded.upload.fileName,
    issuesPage: mapping.issuesPage,
    issuesPageSize: mapping.issuesPageSize,
    duplicatesPage: mapping.duplicatesPage,
    duplicatesPageSize: mapping.duplicatesPageSize,
    sample: sheet.sample.slice(0, PREVIEW_ROWS).map((row) => ({ row: row.row, state: states.get(row.row) ?? "invalid", cells: sheet.headers.map((_, column) => text(row.cells[column]).slice(0, 200)) })),
  };
}
