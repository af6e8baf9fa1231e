// Reading an uploaded spreadsheet: CSV (UTF-8, UTF-8 with a byte-order mark or Windows-1251, detected;
// "," or ";" delimited) or XLSX (every sheet). Both are read as a stream of rows, never as a whole sheet of
// cells: a first pass (readWorkbook) finds each sheet's header, counts its rows and keeps its first rows;
// a later pass (readSheetRows) hands one sheet's rows on in batches. Formulas give their cached result;
// the header row is the first row that looks like one, not necessarily the first.
import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { readMergedRanges, type MergedRange } from "./merged-cells";

export type Cell = string | number | Date | null;

/** A data row: its 1-based row number as the spreadsheet program shows it, and its cells. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

export interface Sheet {
  name: string;
  /** the 1-based row number of the header as the spreadsheet program shows it */
  headerRow: number;
  headers: string[];
  /** data rows after the header, without rows that are entirely empty */
  rowCount: number;
  /** the first data rows (at most SAMPLE_ROWS), so the member recognises the sheet */
  sample: SheetRow[];
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

/** Rows beyond this are refused: the whole file is committed in one transaction. */
export const MAX_ROWS = 50_000;
/** Rows kept from the first pass for the upload's and the preview's tables. */
export const SAMPLE_ROWS = 200;
/** Rows handed on at once by readSheetRows. */
export const ROW_BATCH = 2_000;
const MAX_COLUMNS = 200;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Decoded and parsed this many bytes at a time. */
const CHUNK_BYTES = 1 << 20;

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

const csvSheetName = (fileName: string) => fileName.replace(/\.[^.]+$/, "") || "CSV";

/** The first pass over the file: every sheet's header, row count, first rows and notes, no sheet held whole. */
export async function readWorkbook(fileName: string, bytes: Buffer, options: ReadOptions = {}): Promise<Workbook> {
  if (bytes.length === 0) throw invalidFile("importEmptyFile");
  const format = detectFormat(fileName, bytes);
  if (format === "xlsx") {
    const merges = await readMergedRanges(bytes);
    const sheets: Sheet[] = [];
    for await (const { name, rows, formulas } of xlsxSheets(bytes)) {
      const sheet = await scanSheet(name, rows);
      if (!sheet) continue;
      if (formulas.n) sheet.notes.unshift({ key: "importFormulasRead", values: { n: formulas.n } });
      const merged = merges.get(name) ?? [];
      if (merged.length) sheet.notes.push({ key: "importMergedCells", values: { n: merged.length, ranges: merged.slice(0, 10).map((range) => range.ref).join(", ") } });
      sheets.push({ ...sheet, merged });
    }
    if (sheets.length === 0) throw invalidFile("importEmptyFile");
    return { format, encoding: null, sheets };
  }
  const encoding = options.encoding ?? detectEncoding(bytes);
  const sheet = await scanSheet(csvSheetName(fileName), csvRows(bytes, encoding));
  return { format, encoding, sheets: [sheet ?? { name: csvSheetName(fileName), headerRow: 1, headers: [], rowCount: 0, sample: [], notes: [] }] };
}

/** The data rows of one sheet (as readWorkbook found its header), in batches of ROW_BATCH, read again from the file. */
export async function* readSheetRows(fileName: string, bytes: Buffer, sheetName: string, options: ReadOptions = {}): AsyncGenerator<SheetRow[]> {
  if (detectFormat(fileName, bytes) === "csv") {
    yield* inBatches(csvRows(bytes, options.encoding ?? detectEncoding(bytes)));
    return;
  }
  for await (const sheet of xlsxSheets(bytes)) {
    // the sheets before the wanted one are read past (a streamed workbook has no index of its sheets)
    if (sheet.name === sheetName) {
      yield* inBatches(sheet.rows);
      return;
    }
    for await (const _row of sheet.rows) void _row;
  }
}

async function* inBatches(source: AsyncIterable<RawRow>): AsyncGenerator<SheetRow[]> {
  let batch: SheetRow[] = [];
  for await (const event of sheetEvents(source)) {
    if (event.kind !== "row") continue;
    batch.push(event.row);
    if (batch.length >= ROW_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** UTF-8 when the bytes are valid UTF-8 (with or without a byte-order mark); otherwise Windows-1251. Decoded piece by piece, nothing kept. */
export function detectEncoding(bytes: Uint8Array): Encoding {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for (let start = 0; start < bytes.length; start += CHUNK_BYTES) decoder.decode(bytes.subarray(start, start + CHUNK_BYTES), { stream: true });
    decoder.decode();
    return "utf-8";
  } catch {
    return "windows-1251";
  }
}

/** The text of the file, a piece at a time (a character split between pieces is carried over by the decoder). */
function* decodeChunks(bytes: Uint8Array, encoding: Encoding): Generator<string> {
  // the byte-order mark is dropped by the decoder
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for (let start = 0; start < bytes.length; start += CHUNK_BYTES) yield decoder.decode(bytes.subarray(start, start + CHUNK_BYTES), { stream: true });
    yield decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) throw invalidFile("importBrokenEncoding");
    throw error;
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

/**
 * RFC 4180 CSV with a given delimiter, fed a piece of text at a time; quoted fields may hold delimiters,
 * quotes and line breaks, also across pieces. Gives back the rows each piece completes.
 */
export class CsvParser {
  private row: Cell[] = [];
  private field = "";
  private quoted = false;
  /** a quote inside a quoted field, not yet known to be an escaped quote or the field's end */
  private quoteSeen = false;
  /** a carriage return ended the row: a line feed right after it belongs to it */
  private afterCr = false;

  constructor(private readonly delimiter: string) {}

  push(text: string): Cell[][] {
    const rows: Cell[][] = [];
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i]!;
      if (this.afterCr) {
        this.afterCr = false;
        if (char === "\n") continue;
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (char === '"') {
          this.field += '"';
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        if (char === '"') this.quoteSeen = true;
        else this.field += char;
      } else if (char === '"' && this.field === "") this.quoted = true;
      else if (char === this.delimiter) {
        this.row.push(this.field);
        this.field = "";
      } else if (char === "\n" || char === "\r") {
        this.afterCr = char === "\r";
        this.row.push(this.field);
        rows.push(this.row);
        this.row = [];
        this.field = "";
      } else this.field += char;
    }
    return rows;
  }

  end(): Cell[][] {
    if (this.field === "" && this.row.length === 0) return [];
    this.row.push(this.field);
    const last = this.row;
    this.row = [];
    this.field = "";
    return [last];
  }
}

/** A whole text at once (tests, small inputs). */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): Cell[][] {
  const parser = new CsvParser(delimiter);
  return [...parser.push(text), ...parser.end()];
}

/** A row as read, empty or not, with its 1-based row number. */
interface RawRow {
  number: number;
  cells: Cell[];
}

async function* csvRows(bytes: Uint8Array, encoding: Encoding): AsyncGenerator<RawRow> {
  let parser: CsvParser | null = null;
  let number = 0;
  for (const text of decodeChunks(bytes, encoding)) {
    // the delimiter is the first line's: the first piece holds it
    parser ??= new CsvParser(detectDelimiter(text.slice(0, 65_536)));
    for (const cells of parser.push(text)) yield { number: (number += 1), cells };
  }
  for (const cells of parser?.end() ?? []) yield { number: (number += 1), cells };
}

function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const isEmptyRow = (cells: Cell[]) => cells.every((cell) => cellText(cell) === "");

/** How many of the first non-empty rows are looked at for the header. */
const HEADER_CANDIDATES = 10;

/**
 * The header is the first of the first ten non-empty rows with at least half its cells filled with
 * text (a title line above a table has one cell; a data row has numbers and dates).
 */
function findHeader(candidates: RawRow[]): number {
  const widest = Math.max(0, ...candidates.map(({ cells }) => cells.filter((cell) => cellText(cell) !== "").length));
  for (let index = 0; index < candidates.length; index += 1) {
    const texts = candidates[index]!.cells.filter((cell) => typeof cell === "string" && cell.trim() !== "").length;
    if (texts >= 2 && texts >= widest / 2) return index;
  }
  return 0;
}

type SheetEvent = { kind: "header"; headerRow: number; headers: string[] } | { kind: "row"; row: SheetRow } | { kind: "end"; skipped: number; rowCount: number };

/**
 * A sheet's rows as read, turned into its header and its data rows: the first non-empty rows are held
 * until the header is found among them, then every row is handed on as it comes. Empty rows after the
 * header are counted and left out; a sheet with more than MAX_ROWS data rows is refused.
 */
async function* sheetEvents(source: AsyncIterable<RawRow>): AsyncGenerator<SheetEvent> {
  const held: RawRow[] = [];
  let header: RawRow | null = null;
  let skipped = 0;
  let rowCount = 0;
  const data = function* (raw: RawRow): Generator<SheetEvent> {
    if (isEmptyRow(raw.cells)) {
      skipped += 1;
      return;
    }
    rowCount += 1;
    if (rowCount > MAX_ROWS) throw invalidFile("importTooManyRows", { max: MAX_ROWS });
    yield { kind: "row", row: { row: raw.number, cells: raw.cells.slice(0, MAX_COLUMNS + 1) } };
  };
  const settle = function* (): Generator<SheetEvent> {
    const candidates = held.filter((raw) => !isEmptyRow(raw.cells));
    header = candidates[findHeader(candidates)] ?? held[0] ?? { number: 1, cells: [] };
    if (header.cells.length > MAX_COLUMNS) throw invalidFile("importTooManyColumns", { max: MAX_COLUMNS });
    yield { kind: "header", headerRow: header.number, headers: header.cells.map(cellText) };
    const after = held.filter((raw) => raw.number > header!.number);
    held.length = 0;
    for (const raw of after) yield* data(raw);
  };
  let nonEmpty = 0;
  for await (const raw of source) {
    if (header) {
      yield* data(raw);
      continue;
    }
    held.push(raw);
    if (!isEmptyRow(raw.cells)) nonEmpty += 1;
    if (nonEmpty >= HEADER_CANDIDATES) yield* settle();
  }
  if (!header && held.length) yield* settle();
  yield { kind: "end", skipped, rowCount };
}

/** One pass over a sheet: its header, its row count, its first rows and notes; null for a sheet with no rows at all. */
async function scanSheet(name: string, source: AsyncIterable<RawRow>): Promise<Sheet | null> {
  let sheet: Sheet | null = null;
  for await (const event of sheetEvents(source)) {
    if (event.kind === "header") sheet = { name, headerRow: event.headerRow, headers: event.headers, rowCount: 0, sample: [], notes: [] };
    else if (event.kind === "row") {
      if (sheet && sheet.sample.length < SAMPLE_ROWS) sheet.sample.push(event.row);
    } else if (sheet) {
      sheet.rowCount = event.rowCount;
      if (sheet.headerRow > 1) sheet.notes.push({ key: "importHeaderNotFirst", values: { row: sheet.headerRow } });
      if (event.skipped > 0) sheet.notes.push({ key: "importEmptyRowsSkipped", values: { n: event.skipped } });
    }
  }
  return sheet;
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

/** The workbook's sheets in order, each with its rows as a stream (to be read, or read past, before the next). */
async function* xlsxSheets(bytes: Buffer): AsyncGenerator<{ name: string; rows: AsyncIterable<RawRow>; formulas: { n: number } }> {
  let index = 0;
  try {
    // shared strings and styles are cached (they are the workbook's, not a sheet's); the rows are not
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "emit" });
    for await (const worksheet of reader) {
      index += 1;
      const formulas = { n: 0 };
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${index}`;
      const rows = (async function* (): AsyncGenerator<RawRow> {
        try {
          for await (const row of worksheet) {
            const values = (row.values as ExcelValue[]).slice(1, MAX_COLUMNS + 2);
            yield { number: row.number, cells: values.map((value) => fromExcel(value, formulas)) };
          }
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw invalidFile("importUnreadableXlsx");
        }
      })();
      yield { name, rows, formulas };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidFile("importUnreadableXlsx");
  }
}

export { cellText };
