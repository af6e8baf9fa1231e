// Uncertain dates as people type them in Kazakh, Russian or English: "12.03.2018", "2018", "March 2018",
// "наурыз 2018", "марта 2018", "2018-03", "12 March 2018", "2018 ж. 12 наурыз". One reader for the forms,
// the API and the importers, giving the stored shape (first day of the period + precision) or a message key
// of the "validation" area. Pure: usable in server and client code. Which dates can be true for a field
// (not in the future, not before 1900 …) is decided afterwards by the rules in ./dates.
import type { DatePrecision } from "@/lib/generated/prisma/enums";
import type { Locale } from "@/lib/i18n/config";
import { calendarDay } from "./calendar";
import type { UncertainDate } from "./dates";

/** Message keys (area "validation") for text that is not a date. */
export type TypedDateError = "invalidDate" | "dateNeedsYear" | "dateYearInFull";

export type TypedDate =
  /** `text` is the canonical form the schemas store and send: "2018", "2018-03", "2018-03-12" or "" (unknown). */
  | { ok: true; value: UncertainDate; text: string }
  | { ok: false; error: TypedDateError };

type MonthNames = readonly (readonly string[])[];

// Each month's full names and the inflected forms people write ("12 марта", "в марте"); Kazakh adds its
// endings to the unchanged name ("наурызда", "наурыздың"), so a Kazakh name is also read as a prefix.
const MONTHS: Record<Locale, MonthNames> = {
  kk: [["қаңтар"], ["ақпан"], ["наурыз"], ["сәуір"], ["мамыр"], ["маусым"], ["шілде"], ["тамыз"], ["қыркүйек"], ["қазан"], ["қараша"], ["желтоқсан"]],
  ru: [
    ["январь", "января", "январе"],
    ["февраль", "февраля", "феврале"],
    ["март", "марта", "марте"],
    ["апрель", "апреля", "апреле"],
    ["май", "мая", "мае"],
    ["июнь", "июня", "июне"],
    ["июль", "июля", "июле"],
    ["август", "августа", "августе"],
    ["сентябрь", "сентября", "сентябре"],
    ["октябрь", "октября", "октябре"],
    ["ноябрь", "ноября", "ноябре"],
    ["декабрь", "декабря", "декабре"],
  ],
  en: [["january"], ["february"], ["march"], ["april"], ["may"], ["june"], ["july"], ["august"], ["september"], ["october"], ["november"], ["december"]],
};
const LOCALE_ORDER: readonly Locale[] = ["kk", "ru", "en"];

// Words around a date that carry no part of it: year markers ("2018 ж.", "2018 г.", "2018 жылғы"),
// prepositions ("в марте 2018", "in March 2018", "the 12th of March").
const FILLER = new Set([
  "ж", "ж.", "жыл", "жылы", "жылғы", "жылдың", "г", "г.", "гг", "гг.", "год", "года", "году",
  "в", "во", "in", "of", "the", "on", "y", "y.", "year",
]);
// "Unknown", typed instead of leaving the field empty.
const UNKNOWN = new Set(["?", "-", "—", "белгісіз", "неизвестно", "неизв.", "н/д", "unknown", "n/a"]);

/** The month (1–12) a word names, or null: a full or inflected name, or an abbreviation of three letters or more that names one month only. */
function monthOf(word: string, locale: Locale): number | null {
  const bare = word.replace(/\.$/, "");
  if (bare.length < 3) return null;
  // the reader's language first, so an abbreviation shared by two languages reads as they mean it
  const languages = [locale, ...LOCALE_ORDER.filter((other) => other !== locale)];
  for (const language of languages) {
    const months = MONTHS[language];
    const exact = months.findIndex((forms) => forms.includes(bare) || (language === "kk" && bare.startsWith(forms[0] as string)));
    if (exact >= 0) return exact + 1;
  }
  for (const language of languages) {
    const matches = MONTHS[language].flatMap((forms, index) => (forms.some((form) => form.startsWith(bare)) ? [index + 1] : []));
    if (matches.length === 1) return matches[0] as number;
  }
  return null;
}

const ok = (year: number, month: number | null, day: number | null): TypedDate => {
  const date = calendarDay(year, month ?? 1, day ?? 1);
  if (!date) return { ok: false, error: "invalidDate" };
  const precision: DatePrecision = day !== null ? "DAY" : month !== null ? "MONTH" : "YEAR";
  const pad = (n: number) => String(n).padStart(2, "0");
  const text = [String(year).padStart(4, "0"), month !== null ? pad(month) : null, day !== null ? pad(day) : null].filter(Boolean).join("-");
  return { ok: true, value: { date, precision }, text };
};

// All-digit dates: year first (ISO "2018-03-12", "2018.03"), or day first as written in all three languages
// ("12.03.2018", "12/03/2018", "03.2018").
const YEAR_FIRST = /^(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?$/;
const DAY_FIRST = /^(?:(\d{1,2})[-./])?(\d{1,2})[-./](\d{4})$/;
const SHORT_YEAR = /^(?:\d{1,2}[-./])?\d{1,2}[-./]\d{2}$/;

function numeric(text: string): TypedDate | null {
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) return ok(Number(yearFirst[1]), yearFirst[2] ? Number(yearFirst[2]) : null, yearFirst[3] ? Number(yearFirst[3]) : null);
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return ok(Number(dayFirst[3]), Number(dayFirst[2]), dayFirst[1] ? Number(dayFirst[1]) : null);
  if (SHORT_YEAR.test(text)) return { ok: false, error: "dateYearInFull" };
  return null;
}

/** "12th", "12-ші", "12-го", "12-е" → "12" (ordinal endings on a day). */
const ORDINAL = /^(\d{1,2})(?:st|nd|rd|th|-?ші|-?шы|-?сі|-?сы|-?ое|-?го|-?е)$/;

/**
 * Reads a date as a person typed it. Numbers are read day first ("03.04.2018" is 3 April) or year first when
 * the year leads; month names are read in any of the three languages, in any order around the day and year.
 * A two-digit year or a month without a year is refused with its own message rather than guessed.
 */
export function parseTypedDate(input: string | null | undefined, locale: Locale = "kk"): TypedDate {
  const text = (input ?? "").normalize("NFC").trim().toLocaleLowerCase();
  if (text === "" || UNKNOWN.has(text)) return { ok: true, value: { date: null, precision: "UNKNOWN" }, text: "" };

  const words = text
    .replace(/[,]/g, " ")
    // "2018ж.", "2018г", "12марта": a number glued to a word
    .replace(/(\d)(?!(?:st|nd|rd|th)\b)(?=\p{L})/gu, "$1 ")
    .replace(/(\p{L})(?=\d)/gu, "$1 ")
    .split(/\s+/)
    .filter((word) => word !== "" && !FILLER.has(word));

  if (words.length === 1) {
    const all = numeric(words[0] as string);
    if (all) return all;
  }

  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  let shortYear = false;
  for (const word of words) {
    const ordinal = ORDINAL.exec(word);
    const digits = /^\d+$/.test(word) ? word : ordinal?.[1];
    if (digits !== undefined && digits.length === 4 && !ordinal && year === null) year = Number(digits);
    else if (digits !== undefined && digits.length <= 2 && day === null) day = Number(digits);
    // "12 March 18": a second short number can only be a year not written in full
    else if (digits !== undefined && digits.length === 2 && !ordinal && !shortYear) shortYear = true;
    else if (digits === undefined && month === null && monthOf(word, locale) !== null) month = monthOf(word, locale);
    else return { ok: false, error: "invalidDate" };
  }
  if (month === null || (shortYear && year !== null)) return { ok: false, error: "invalidDate" };
  if (shortYear) return { ok: false, error: "dateYearInFull" };
  if (year === null) return { ok: false, error: "dateNeedsYear" };
  return ok(year, month, day);
}
