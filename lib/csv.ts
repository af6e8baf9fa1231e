// CSV that is safe to open in a spreadsheet: cells that a spreadsheet would run as a formula
// (starting with = + - @ |, tab or carriage return) are prefixed with an apostrophe.
const FORMULA_START = /^[=+\-@|\t\r]/;

/** Text a spreadsheet will not run as a formula (also used for XLSX cells). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = neutraliseFormula(value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join("; ") : String(value));
  return /[",\n\r;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(",");
}

/** Whole document with a byte-order mark, so spreadsheet programs read Cyrillic and Chinese correctly. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return "\uFEFF" + [csvRow(header), ...rows.map(csvRow)].join("\r\n") + "\r\n";
}
