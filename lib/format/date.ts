// Dates in the reader's language, including dates known only to the year or month
// ("2017 ж.", "наурыз 2018 ж.", "March 2018"). The one formatter of dates for pages, reports and forms:
// Kazakh dates read day first everywhere ("1 желтоқсан 2026 ж."). Pure: usable in server and client components.
import type { DatePrecision } from "@/lib/generated/prisma/enums";
import type { Locale } from "@/lib/i18n/config";
import { dateTimeFormat, relativeTimeFormat } from "./intl";

/** Intl locale tags: British English gives day-month-year order. */
export const INTL_LOCALE: Record<Locale, string> = { kk: "kk-KZ", ru: "ru-RU", en: "en-GB" };

const UNKNOWN: Record<Locale, string> = { kk: "белгісіз", ru: "неизвестно", en: "unknown" };
// The year-marker Kazakh and Russian put after a year standing alone or ending a full date.
const YEAR_SUFFIX: Record<Locale, string> = { kk: " ж.", ru: " г.", en: "" };

// Kazakh month names written out: browsers ship ICU without Kazakh month names ("m03"), and the same
// page must read the same on the server and in the browser.
const KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"] as const;

/** Year, month (1–12) and day of a moment in a time zone. */
function calendarParts(date: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = dateTimeFormat("en-GB", { year: "numeric", month: "numeric", day: "numeric", timeZone }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day") };
}

function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

// Calendar dates are stored as midnight UTC (@db.Date); reading them in UTC keeps the day right.
function part(locale: Locale, date: Date, options: Intl.DateTimeFormatOptions): string {
  return dateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: "UTC" }).format(date);
}

/** A month known to the month: "наурыз 2018 ж.", "март 2018 г.", "March 2018". */
export function formatMonth(date: Date | string | null, locale: Locale): string {
  return formatUncertainDate(date, "MONTH", locale);
}

export function formatUncertainDate(date: Date | string | null, precision: DatePrecision, locale: Locale): string {
  const value = toDate(date);
  if (!value || precision === "UNKNOWN") return UNKNOWN[locale];
  const year = String(value.getUTCFullYear());
  switch (precision) {
    case "YEAR":
      return `${year}${YEAR_SUFFIX[locale]}`;
    case "MONTH": {
      if (locale === "kk") return `${KK_MONTHS[value.getUTCMonth()]} ${year}${YEAR_SUFFIX.kk}`;
      const month = part(locale, value, { month: "long" });
      // Stand-alone month names: lower case in Kazakh and Russian, capitalised in English.
      return `${locale === "en" ? month : month.toLocaleLowerCase(INTL_LOCALE[locale])} ${year}${YEAR_SUFFIX[locale]}`;
    }
    case "DAY":
      return formatDate(value, locale);
  }
}

/** A full calendar date, day-month-year: "12 наурыз 2018 ж.", "12 марта 2018 г.", "12 March 2018". */
export function formatDate(date: Date | string | null, locale: Locale, timeZone = "UTC"): string {
  const value = toDate(date);
  if (!value) return UNKNOWN[locale];
  if (locale === "kk") {
    // ICU writes Kazakh dates year first; groups we serve write them day first.
    const { year, month, day } = calendarParts(value, timeZone);
    return `${day} ${KK_MONTHS[month - 1]} ${year}${YEAR_SUFFIX.kk}`;
  }
  return dateTimeFormat(INTL_LOCALE[locale], { day: "numeric", month: "long", year: "numeric", timeZone }).format(value);
}

/**
 * Date and time of an event in the organisation's time zone (default Asia/Almaty), the date written as
 * `formatDate` writes it: "29 қараша 2026 ж., 15:05", "29 ноября 2026 г., 15:05", "29 November 2026, 15:05".
 */
export function formatDateTime(date: Date | string | null, locale: Locale, timeZone = "Asia/Almaty"): string {
  const value = toDate(date);
  if (!value) return UNKNOWN[locale];
  const time = dateTimeFormat(INTL_LOCALE[locale], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(value);
  return `${formatDate(value, locale, timeZone)}, ${time}`;
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** "3 күн бұрын", "3 дня назад", "3 days ago". */
export function formatRelative(date: Date | string, locale: Locale, now: Date = new Date()): string {
  const value = toDate(date);
  if (!value) return UNKNOWN[locale];
  const seconds = Math.round((value.getTime() - now.getTime()) / 1000);
  const format = relativeTimeFormat(INTL_LOCALE[locale], { numeric: "auto" });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "second");
}
