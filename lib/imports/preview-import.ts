// The preview: what an import of this sheet with this mapping would write, with every problem by row
// and column, before anything is written.
import "server-only";
import { authorize, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { importCommitSchema, type ImportCommitInput } from "@/lib/validations/import";
import { prepareImport, type Prepared } from "./prepare";
import type { Sheet, Workbook } from "./read-sheet";
import { loadUpload } from "./upload-import";
import { parseInput } from "@/lib/service-kit";

/** Rows shown in the preview table; the counts and every issue cover the whole sheet. */
export const PREVIEW_ROWS = 200;

export interface PreviewView extends Omit<Prepared, "rows" | "existingProtests"> {
  uploadId: string;
  fileName: string;
  /** the first rows with their state and cells as text */
  sample: { row: number; state: Prepared["rows"][number]["state"]; cells: string[] }[];
}

export function pickSheet(workbook: Workbook, name: string): Sheet {
  const sheet = name ? workbook.sheets.find((candidate) => candidate.name === name) : workbook.sheets[0];
  if (!sheet) throw new AppError("INVALID", "The sheet was not found in the file.", { key: "importSheetMissing", fieldErrors: { sheet: ["invalidChoice"] } });
  return sheet;
}

export async function previewImport(ctx: Ctx, input: ImportCommitInput): Promise<PreviewView> {
  authorize(ctx, "imports.run");
  const mapping = parseInput(importCommitSchema, input);
  const { upload, workbook } = await loadUpload(ctx, mapping.uploadId, { encoding: mapping.encoding });
  const sheet = pickSheet(workbook, mapping.sheet);
  const prepared = await withTenant(ctx, (tx) => prepareImport({ ctx, tx, sheet, mapping }), { timeout: 60_000 });
  const { rows, existingProtests: _existingProtests, ...rest } = prepared;
  const text = (cell: unknown) => (cell === null || cell === undefined ? "" : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell));
  return {
    ...rest,
    uploadId: upload.id,
    fileName: upload.fileName,
    sample: rows.slice(0, PREVIEW_ROWS).map((row, index) => ({ row: row.row, state: row.state, cells: sheet.headers.map((_, column) => text(sheet.rows[index]?.cells[column]).slice(0, 200)) })),
  };
}
