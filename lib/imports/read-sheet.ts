// Reading an uploaded spreadsheet into sheets of cells: CSV (UTF-8, UTF-8 with a byte-order mark or
// Windows-1251, detected; "," or ";" delimited) or XLSX (every sheet, read streamed). Formulas give their
// cached result; the header row is the first row that looks like one, not necessarily the first.
import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { readMergedRanges, type MergedRange } from "./merged-cells";

export type Cell = string | number | Date | null;

export interface Sheet {
  name: string;
  /** the 1-based row number of the header as the spreadsheet program shows it */
  headerRow: number;
  headers: string[];
  /** data rows after the header, without rows that are entirely empty; `row` is the 1-based row number */
  rows: { row: number; cells: Cell[] }[];
  /** notes about the sheet: formulas read as their results, skipped empty rows, merged cells */
  notes: { key: string; values?: Record<string, string | number> }[];
  /** merged cell ranges (XLSX): only the first cell of each holds the value */
  merged?: MergedRange[];
}

export type Encoding = "utf-8" | "windows-1251";

export interface ReadOptions {
  /** the encoding the member confirmed; detected when absent */
  encoding?: Encoding;
}

export interface Workbook {
  format: "csv" | "xlsx";
  encoding: Encoding | null;
  sheets: Sheet[];
}

/** Rows beyond this are refused: the preview and the job keep one sheet in memory. */
export const MAX_ROWS = 50_000;
const MAX_COLUMNS = 200;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const invalidFile = (key: string, values?: Record<string, string | number>) => new AppError("INVALID", "This file cannot be imported.", { key, values });

export function detectFormat(fileName: string, bytes: Uint8Array): "csv" | "xlsx" {
  const zip = ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
  const lower = fileName.toLowerCase();
  if (zip) {
    if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) return "xlsx";
    throw invalidFile("importWrongType");
  }
  // an old binary .xls, a PDF, an image: none of them is text
  if (lower.endsWith(".xls")) throw invalidFile("importOldExcel");
  if (!lower.endsWith(".csv") && !lower.endsWith(".txt") && !lower.endsWith(".tsv")) throw invalidFile("importWrongType");
  if (bytes.subarray(0, 8192).includes(0)) throw invalidFile("importWrongType");
  return "csv";
}

export async function readWorkbook(fileName: string, bytes: Buffer, options: ReadOptions = {}): Promise<Workbook> {
  if (bytes.length === 0) throw invalidFile("importEmptyFile");
  const format = detectFormat(fileName, bytes);
  if (format === "xlsx") return { format, encoding: null, sheets: await readXlsx(bytes) };
  const encoding = options.encoding ?? detectEncoding(bytes);
  const text = decode(bytes, encoding);
  const name = fileName.replace(/\.[^.]+$/, "") || "CSV";
  return { format, encoding, sheets: [toSheet(name, parseCsv(text), [])] };
}

/** UTF-8 when the bytes are valid UTF-8 (with or without a byte-order mark); otherwise Windows-1251. */
export function detectEncoding(bytes: Uint8Array): Encoding {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "windows-1251";
  }
}

function decode(bytes: Buffer, encoding: Encoding): string {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw invalidFile("importBrokenEncoding");
  }
}

/** The delimiter of the first non-empty line: the one of ";", "," and tab that splits it most (outside quotes). */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  let best = ",";
  let bestCount = 0;
  for (const candidate of [";", ",", "\t"]) {
    let count = 0;
    let quoted = false;
    for (const char of firstLine) {
      if (char === '"') quoted = !quoted;
      else if (char === candidate && !quoted) count += 1;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** RFC 4180 CSV with the detected delimiter; quoted fields may hold delimiters, quotes and line breaks. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (rows.length > MAX_ROWS + 50) throw invalidFile("importTooManyRows", { max: MAX_ROWS });
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const isEmptyRow = (cells: Cell[]) => cells.every((cell) => cellText(cell) === "");

/**
 * The header is the first of the first ten non-empty rows with at least half its cells filled with
 * text (a title line above a table has one cell; a data row has numbers and dates).
 */
function findHeader(rows: Cell[][]): number {
  const candidates = rows.map((cells, index) => ({ cells, index })).filter(({ cells }) => !isEmptyRow(cells)).slice(0, 10);
  const widest = Math.max(0, ...candidates.map(({ cells }) => cells.filter((cell) => cellText(cell) !== "").length));
  for (const { cells, index } of candidates) {
    const texts = cells.filter((cell) => typeof cell === "string" && cell.trim() !== "").length;
    if (texts >= 2 && texts >= widest / 2) return index;
  }
  return candidates[0]?.index ?? 0;
}

function toSheet(name: string, allRows: Cell[][], notes: Sheet["notes"], rowNumbers?: number[]): Sheet {
  const headerIndex = findHeader(allRows);
  const headerCells = allRows[headerIndex] ?? [];
  if (headerCells.length > MAX_COLUMNS) throw invalidFile("importTooManyColumns", { max: MAX_COLUMNS });
  const headers = headerCells.map(cellText);
  const rows: Sheet["rows"] = [];
  let skipped = 0;
  for (let index = headerIndex + 1; index < allRows.length; index += 1) {
    const cells = allRows[index]!;
    if (isEmptyRow(cells)) {
      skipped += 1;
      continue;
    }
    rows.push({ row: rowNumbers?.[index] ?? index + 1, cells });
  }
  if (rows.length > MAX_ROWS) throw invalidFile("importTooManyRows", { max: MAX_ROWS });
  const headerRow = rowNumbers?.[headerIndex] ?? headerIndex + 1;
  if (headerRow > 1) notes.push({ key: "importHeaderNotFirst", values: { row: headerRow } });
  if (skipped > 0) notes.push({ key: "importEmptyRowsSkipped", values: { n: skipped } });
  return { name, headerRow, headers, rows, notes };
}

type ExcelValue = ExcelJS.CellValue;

function fromExcel(value: ExcelValue, formulas: { n: number }): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) {
      formulas.n += 1;
      const result = (value as { result?: ExcelValue }).result;
      return result === undefined || (typeof result === "object" && result !== null && "error" in result) ? null : fromExcel(result, formulas);
    }
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return null;
  }
  return null;
}

async function readXlsx(bytes: Buffer): Promise<Sheet[]> {
  const sheets: Sheet[] = [];
  const merges = await readMergedRanges(bytes);
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "emit" });
    for await (const worksheet of reader) {
      const rows: Cell[][] = [];
      const rowNumbers: number[] = [];
      const formulas = { n: 0 };
      for await (const row of worksheet) {
        const values = (row.values as ExcelValue[]).slice(1, MAX_COLUMNS + 2);
        rows.push(values.map((value) => fromExcel(value, formulas)));
        rowNumbers.push(row.number);
        if (rows.length > MAX_ROWS + 50) throw invalidFile("importTooManyRows", { max: MAX_ROWS });
      }
      const notes: Sheet["notes"] = formulas.n ? [{ key: "importFormulasRead", values: { n: formulas.n } }] : [];
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${sheets.length + 1}`;
      const merged = merges.get(name) ?? [];
      if (merged.length) notes.push({ key: "importMergedCells", values: { n: merged.length, ranges: merged.slice(0, 10).map((range) => range.ref).join(", ") } });
      if (rows.length) sheets.push({ ...toSheet(name, rows, notes, rowNumbers), merged });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidFile("importUnreadableXlsx");
  }
  if (sheets.length === 0) throw invalidFile("importEmptyFile");
  return sheets;
}

export { cellText };
