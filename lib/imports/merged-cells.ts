// Merged cells of an XLSX workbook, per sheet name. ExcelJS's streaming reader skips them, and a merged
// range holds its value only in its first cell: "Ербол" across rows 3–5 reads as one filled cell and two
// empty ones. The preview names every range so the member knows which cells read as empty. A sheet's XML
// is scanned as it is unzipped, a piece at a time: only the ranges found are kept.
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, configure, type Entry } from "@zip.js/zip.js";

// no web workers on the server: zip.js would try to spawn them from a URL
configure({ useWebWorkers: false });

export interface MergedRange {
  /** as the spreadsheet names it, "B3:B5" */
  ref: string;
  /** 1-based first and last rows and columns */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Only the first ranges of a sheet are kept: a sheet laid out as a form may merge thousands. */
const MAX_RANGES = 200;

function columnNumber(letters: string): number {
  return [...letters].reduce((sum, letter) => sum * 26 + (letter.charCodeAt(0) - 64), 0);
}

export function parseRange(ref: string): MergedRange | null {
  const match = /^([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})$/.exec(ref);
  if (!match) return null;
  return { ref, left: columnNumber(match[1]!), top: Number(match[2]), right: columnNumber(match[3]!), bottom: Number(match[4]) };
}

const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
const unescapeXml = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The merged ranges of a sheet's XML, read as a stream: a tag cut between two pieces is carried over. */
async function scanMergedRanges(entry: Entry | undefined): Promise<MergedRange[]> {
  const ranges: MergedRange[] = [];
  if (!entry || entry.directory) return ranges;
  const decoder = new TextDecoder();
  let carry = "";
  const scan = (text: string, last: boolean) => {
    const joined = carry + text;
    let consumed = 0;
    for (const match of joined.matchAll(/<mergeCell\b[^>]*>/g)) {
      consumed = match.index + match[0].length;
      const range = parseRange(attribute(match[0], "ref") ?? "");
      if (range && ranges.length < MAX_RANGES) ranges.push(range);
    }
    // keep only what could be the start of a tag cut off by the end of this piece
    const rest = joined.slice(consumed);
    const open = rest.lastIndexOf("<");
    carry = last || open < 0 || rest.length - open > 512 ? "" : rest.slice(open);
  };
  await entry.getData!(
    new WritableStream<Uint8Array>({
      write: (chunk) => scan(decoder.decode(chunk, { stream: true }), false),
      close: () => scan(decoder.decode(), true),
    }),
  );
  return ranges;
}

/** Sheet name → its merged ranges (sheets without any are left out); empty when the file cannot be read this way. */
export async function readMergedRanges(bytes: Buffer): Promise<Map<string, MergedRange[]>> {
  const merged = new Map<string, MergedRange[]>();
  const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)));
  try {
    const entries = new Map((await reader.getEntries()).map((entry) => [entry.filename, entry]));
    const text = async (name: string) => {
      const entry = entries.get(name);
      return entry && !entry.directory ? new TextDecoder().decode(await entry.getData(new Uint8ArrayWriter())) : "";
    };
    const targets = new Map<string, string>();
    for (const tag of (await text("xl/_rels/workbook.xml.rels")).match(/<Relationship\b[^>]*>/g) ?? []) {
      const id = attribute(tag, "Id");
      const target = attribute(tag, "Target");
      if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    }
    for (const tag of (await text("xl/workbook.xml")).match(/<sheet\b[^>]*>/g) ?? []) {
      const name = attribute(tag, "name");
      const path = targets.get(attribute(tag, "r:id") ?? "");
      if (!name || !path) continue;
      const ranges = await scanMergedRanges(entries.get(path));
      if (ranges.length) merged.set(unescapeXml(name), ranges);
    }
  } catch {
    // the sheet itself is read by ExcelJS, which names what is wrong with the file
  } finally {
    await reader.close().catch(() => undefined);
  }
  return merged;
}
