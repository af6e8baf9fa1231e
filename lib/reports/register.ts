// The register of police actions for a date range and filters: its columns, its rows as text in the
// reader's language, and the CSV (streamed in batches over HTTP). The XLSX and PDF files are made in
// ./register-files from the same batches (./register-rows). Each row passes the disclosure projection;
// rows the reader may only count are counted. Nothing here loads the spreadsheet or PDF libraries, so a
// server streaming a CSV register does not hold them.
import "server-only";
import { csvRow } from "@/lib/csv";
import { appliedRules, type ProjectedPoliceAction } from "@/lib/disclosure";
import type { ReportRequest } from "@/lib/validations/report";
import { formatters, reportFileName, ruleLines, type ReportFile, type ReportSetting } from "./common";
import { registerBatches } from "./register-rows";

/** Rows per file: a spreadsheet past this is unwieldy, a PDF past this is a book. */
export const REGISTER_CAP = { xlsx: 100_000, pdf: 2_000 } as const;

export function registerHeader(setting: ReportSetting): string[] {
  const keys = ["date", "person", "case", "type", "city", "authority", "legalBasis", "hearing", "durationHours", "arrestDays", "fine", "lawyer", "status", "outcome", "outcomeDate", "outcomeFine", "daysServed"];
  return keys.map((key) => setting.t(`reports.register.${key}`));
}

/**
 * One row as text in the reader's language. A register repeats the same few words, days and amounts
 * thousands of times, so each is formatted once per report and remembered (per setting, bounded).
 */
export function registerCells(setting: ReportSetting, row: ProjectedPoliceAction): string[] {
  const { word, day, month, number, money } = cellText(setting);
  // a pseudonymised row's dates are months, and say so ("June 2026", never "01.06.2026")
  const date = row.datePrecision === "MONTH" ? month : day;
  return [
    date(row.date),
    row.visibility === "full" ? row.personLabel : setting.t("reports.personPseudonym", { code: row.personLabel }),
    row.caseLabel ? (row.visibility === "full" ? row.caseLabel : setting.t("reports.pseudonym", { code: row.caseLabel })) : "",
    word(`police.type.${row.type}`),
    row.city ?? "",
    row.authorityLevel ? word(`reports.authorityLevel.${row.authorityLevel}`) : (row.authority ?? ""),
    row.legalBasis ?? "",
    date(row.hearingAt),
    row.durationHours === null ? "" : number(row.durationHours),
    row.arrestDays === null ? "" : number(row.arrestDays),
    money(row.fineAmount, row.currency),
    row.lawyer ?? "",
    word(`police.status.${row.status}`),
    row.outcome ? word(`police.outcome.${row.outcome}`) : "",
    date(row.outcomeDate),
    money(row.outcomeFineAmount, row.currency),
    row.outcomeDaysServed === null ? "" : number(row.outcomeDaysServed),
  ];
}

interface CellText {
  word: (key: string) => string;
  day: (value: Date | null) => string;
  month: (value: Date | null) => string;
  number: (value: number) => string;
  money: (value: number | null, currency: string) => string;
}

const cellTexts = new WeakMap<ReportSetting, CellText>();
// distinct days, months and amounts of one report: thousands at most; the bound is a guard
const CELL_CACHE_LIMIT = 20_000;

function remembered<K, V>(make: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= CELL_CACHE_LIMIT) cache.clear();
      value = make(key);
      cache.set(key, value);
    }
    return value;
  };
}

function cellText(setting: ReportSetting): CellText {
  let text = cellTexts.get(setting);
  if (!text) {
    const f = formatters(setting);
    const word = remembered((key: string) => setting.t(key));
    const day = remembered((time: number) => f.date(new Date(time)));
    const month = remembered((time: number) => f.uncertain(new Date(time), "MONTH"));
    const number = remembered((value: number) => f.number(value));
    const money = remembered((key: string) => {
      const [currency = "", value = ""] = key.split(" ");
      return f.money(Number(value), currency);
    });
    text = {
      word,
      day: (value) => (value ? day(value.getTime()) : ""),
      month: (value) => (value ? month(value.getTime()) : ""),
      number,
      money: (value, currency) => (value === null ? "" : money(`${currency} ${value}`)),
    };
    cellTexts.set(setting, text);
  }
  return text;
}

export interface RegisterProgress {
  (done: number): Promise<void> | void;
}

/**
 * The CSV as a stream of chunks: the rules first (as comment-like rows), the header, then one batch at a
 * time, all read from one snapshot; the next batch is read while this one is sent, and no further.
 */
export async function* registerCsvChunks(setting: ReportSetting, request: ReportRequest, progress?: RegisterProgress): AsyncGenerator<string> {
  const rules = ruleLines(setting, appliedRules(setting.ctx, { contactsShown: false }));
  yield "\uFEFF" + rules.map((line) => csvRow([line])).join("\r\n") + "\r\n" + csvRow(registerHeader(setting)) + "\r\n";
  let counted = 0;
  let done = 0;
  for await (const batch of registerBatches(setting, request)) {
    counted += batch.counted;
    done += batch.loaded;
    if (batch.rows.length) {
      let text = "";
      for (const row of batch.rows) text += csvRow(registerCells(setting, row)) + "\r\n";
      yield text;
    }
    await progress?.(done);
  }
  if (counted) yield csvRow([setting.t("reports.register.counted", { n: counted })]) + "\r\n";
}

/** Every row the reader may see, up to `cap`, and how many more there were or were only counted. */
export async function collectRows(setting: ReportSetting, request: ReportRequest, cap: number, progress?: RegisterProgress) {
  const rows: ProjectedPoliceAction[] = [];
  let counted = 0;
  let done = 0;
  let capped = false;
  for await (const batch of registerBatches(setting, request)) {
    counted += batch.counted;
    done += batch.loaded;
    for (const row of batch.rows) {
      if (rows.length >= cap) capped = true;
      else rows.push(row);
    }
    await progress?.(done);
  }
  return { rows, counted, capped };
}

export async function registerCsv(setting: ReportSetting, request: ReportRequest, progress?: RegisterProgress): Promise<ReportFile> {
  const parts: string[] = [];
  let records = 0;
  for await (const chunk of registerCsvChunks(setting, request, async (done) => {
    records = done;
    await progress?.(done);
  }))
    parts.push(chunk);
  return { bytes: Buffer.from(parts.join(""), "utf8"), fileName: reportFileName("register", setting.organization.slug, setting.now, "csv"), mimeType: "text/csv; charset=utf-8", records };
}

