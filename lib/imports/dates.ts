// A date cell as the forms' date text ("2018", "2018-03", "2018-03-12" or ""): typed text is read by
// the one typed-date reader of the forms; spreadsheet cells add real dates and Excel serial numbers.
import type { Locale } from "@/lib/i18n/config";
import { parseTypedDate } from "@/lib/validations/typed-date";
import type { Cell } from "./read-sheet";

// Excel's day 0 in the 1900 date system is 30 December 1899 (its phantom 29 February 1900 included)
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serial numbers from 1 January 1850 to 31 December 2200 (cells outside are not dates) */
const SERIAL_MIN = -18_262;
const SERIAL_MAX = 110_940;

export type DateCell = { ok: true; text: string } | { ok: false; error: string };

const day = (date: Date) => date.toISOString().slice(0, 10);

/** An Excel serial date (whole days; a time of day is dropped) as "YYYY-MM-DD". */
export function excelSerialToDay(serial: number): string {
  return day(new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS));
}

export function readDateCell(cell: Cell, locale: Locale): DateCell {
  if (cell === null) return { ok: true, text: "" };
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { ok: false, error: "invalidDate" } : { ok: true, text: day(cell) };
  if (typeof cell === "number") {
    // a year typed into a number cell, or a date the spreadsheet keeps as a serial number
    if (Number.isInteger(cell) && cell >= 1850 && cell <= 2200) return { ok: true, text: String(cell) };
    if (cell >= SERIAL_MIN && cell <= SERIAL_MAX && cell !== 0) return { ok: true, text: excelSerialToDay(cell) };
    return { ok: false, error: "invalidDate" };
  }
  const typed = parseTypedDate(cell, locale);
  return typed.ok ? { ok: true, text: typed.text } : { ok: false, error: typed.error };
}
