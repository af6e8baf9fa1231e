// One rule per kind of date field, shared by every schema (forms, server actions and the API alike):
// what a real calendar date looks like, and which dates can be true for that kind of field.
// Messages are keys in the "validation" message area.
import "@/lib/security/zod-no-eval";
import { z } from "zod";
import type { DatePrecision } from "@/lib/generated/prisma/enums";
import { calendarDay } from "./calendar";
import { parseTypedDate } from "./typed-date";

export { calendarDay };

/**
 * - pastEvent: something that happened (an arrest, a police action, an outcome, an appeal sent, a consent
 *   given): not in the future, not before 1900.
 * - upcoming: something that may still be ahead (a hearing, a planned protest, a task's due date): from
 *   1900, at most two years ahead.
 * - birth: a birth or a death: from 1850, not in the future.
 * - filter: a date typed into a list's filter: any real calendar date from 1850 to 2200.
 */
export type DateKind = "pastEvent" | "upcoming" | "birth" | "filter";

const DAY_MS = 86_400_000;
/** "Today" is today somewhere: a day stored as midnight UTC may already have begun east of Greenwich. */
const TODAY_SLACK_MS = DAY_MS;

const RULES: Record<DateKind, { earliest: number; latest: () => number; tooLate: string }> = {
  pastEvent: { earliest: Date.UTC(1900, 0, 1), latest: () => Date.now() + TODAY_SLACK_MS, tooLate: "dateInFuture" },
  upcoming: { earliest: Date.UTC(1900, 0, 1), latest: () => Date.now() + 2 * 366 * DAY_MS, tooLate: "dateTooFarAhead" },
  birth: { earliest: Date.UTC(1850, 0, 1), latest: () => Date.now() + TODAY_SLACK_MS, tooLate: "dateInFuture" },
  filter: { earliest: Date.UTC(1850, 0, 1), latest: () => Date.UTC(2201, 0, 1) - 1, tooLate: "invalidDate" },
};

/** The message key for a real date that cannot be true for this kind of field, or null when it can. */
export function dateRuleProblem(kind: DateKind, date: Date): string | null {
  const rule = RULES[kind];
  if (date.getTime() < rule.earliest) return kind === "filter" ? "invalidDate" : "dateTooEarly";
  if (date.getTime() > rule.latest()) return rule.tooLate;
  return null;
}

/** "YYYY-MM-DD" (two-digit month and day) as midnight UTC; null unless it is a real calendar day. */
export function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? calendarDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/**
 * A date and time as a form ("2026-03-12T14:00", the browser's local-time field) or an API client
 * ("2026-03-12T14:00:00+05:00", "…Z") sends it; null unless every part is real (no 30 February, no hour 25).
 */
export function parseDateTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))?$/.exec(value);
  if (!match) return null;
  if (!calendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) return null;
  if (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6] ?? 0) > 59) return null;
  if (match[7] && match[7] !== "Z" && (Number(match[8]) > 14 || Number(match[9]) > 59)) return null;
  const date = new Date(value.replace(" ", "T"));
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface UncertainDate {
  date: Date | null;
  precision: DatePrecision;
}

/**
 * An uncertain date as people write it: "2017", "2018-03" or "2018-03-12", read as the first day of the
 * period at the precision given. Empty → unknown; null when it is not a real date.
 */
export function parseUncertainDate(value: string | null | undefined): UncertainDate | null {
  if (!value) return { date: null, precision: "UNKNOWN" };
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!match) return null;
  const date = calendarDay(Number(match[1]), match[2] ? Number(match[2]) : 1, match[3] ? Number(match[3]) : 1);
  if (!date) return null;
  return { date, precision: match[3] ? "DAY" : match[2] ? "MONTH" : "YEAR" };
}

/**
 * A day as a person or a client writes it: "2018-03-12", "12.03.2018", "12 наурыз 2018 ж." (./typed-date);
 * null unless it names one real day.
 */
export function parseTypedDay(value: string): Date | null {
  const typed = parseTypedDate(value);
  return typed.ok && typed.value.precision === "DAY" ? typed.value.date : null;
}

/** The message key for a typed day that is no day, or no day this kind of field can hold; null when it is fine. */
function dayProblem(kind: DateKind, value: string): string | null {
  const typed = parseTypedDate(value);
  if (!typed.ok) return typed.error;
  // "March 2018" is a date, but this field needs the day
  if (!typed.value.date || typed.value.precision !== "DAY") return typed.value.date ? "dateNeedsDay" : "invalidDate";
  return dateRuleProblem(kind, typed.value.date);
}

function dateTimeProblem(kind: DateKind, value: string): string | null {
  const date = parseDateTime(value);
  return date ? dateRuleProblem(kind, date) : "invalidDate";
}

/** One issue with the right message: the reader's own for what is no date, the kind's rule for a date that cannot be. */
function checked(kind: DateKind, problemOf: (kind: DateKind, text: string) => string | null) {
  return (value: string, context: z.RefinementCtx) => {
    // an empty required date already says "required"
    if (value === "") return;
    const problem = problemOf(kind, value);
    // `continue: false`: a record's cross-field rules must not run on a date that is not one
    if (problem) context.addIssue({ code: "custom", message: problem, continue: false });
  };
}

const text = z.string({ message: "invalidDate" }).trim();
const empty = (value: string | null | undefined): value is "" | null | undefined => value === "" || value === null || value === undefined;

/** A required calendar day of this kind, typed as people write it, as a Date at midnight UTC. */
export function daySchema(kind: DateKind) {
  return z
    .string({ message: "required" })
    .trim()
    .min(1, "required")
    .superRefine(checked(kind, dayProblem))
    .transform((value) => parseTypedDay(value) as Date);
}

/** An optional calendar day of this kind; "" and null mean none. */
export function optionalDaySchema(kind: DateKind) {
  return z
    .union([text, z.null()], { message: "invalidDate" })
    .optional()
    .superRefine((value, context) => (empty(value) ? undefined : checked(kind, dayProblem)(value, context)))
    .transform((value) => (empty(value) ? null : parseTypedDay(value)));
}

/** A required date and time of this kind. */
export function dateTimeSchema(kind: DateKind) {
  return z
    .string({ message: "required" })
    .trim()
    .min(1, "required")
    .superRefine(checked(kind, dateTimeProblem))
    .transform((value) => parseDateTime(value) as Date);
}

/** An optional date and time of this kind; "" and null mean none. */
export function optionalDateTimeSchema(kind: DateKind) {
  return z
    .union([text, z.null()], { message: "invalidDate" })
    .optional()
    .superRefine((value, context) => (empty(value) ? undefined : checked(kind, dateTimeProblem)(value, context)))
    .transform((value) => (empty(value) ? null : parseDateTime(value)));
}

/**
 * An uncertain date of this kind as people type it ("2017", "наурыз 2018", "12.03.2018", "" for unknown),
 * given on as its canonical text ("2017", "2018-03", "2018-03-12", "") for `parseUncertainDate`.
 */
export function uncertainDateSchema(kind: DateKind) {
  return text
    .superRefine((value, context) => {
      const typed = parseTypedDate(value);
      const problem = !typed.ok ? typed.error : typed.value.date ? dateRuleProblem(kind, typed.value.date) : null;
      if (problem) context.addIssue({ code: "custom", message: problem, continue: false });
    })
    .transform((value) => {
      const typed = parseTypedDate(value);
      return typed.ok ? typed.text : value;
    });
}

/**
 * A list filter's bound typed at any precision ("2018", "наурыз 2018", "2018-03", "12.03.2018") as the day
 * it stands for: the first day of the period for "from", the last for "to" (up to "March 2018" means up to
 * 31 March). Anything else is given back unchanged for the field's own schema to judge.
 */
export function filterBoundDay(value: unknown, bound: "from" | "to"): unknown {
  if (typeof value !== "string" || value.trim() === "") return value;
  const typed = parseTypedDate(value);
  if (!typed.ok || !typed.value.date) return value;
  const start = typed.value.date;
  const year = start.getUTCFullYear();
  const last =
    typed.value.precision === "YEAR"
      ? calendarDay(year, 12, 31)
      : typed.value.precision === "MONTH"
        ? // day 0 of the next month is the last day of this one
          calendarDay(year, start.getUTCMonth() + 1, new Date(Date.UTC(year, start.getUTCMonth() + 1, 0)).getUTCDate())
        : start;
  return ((bound === "from" ? start : last) ?? start).toISOString().slice(0, 10);
}

/** A filter bound's schema: what people type (see filterBoundDay) read as a day first, then judged by `schema`. */
export function filterBound<T extends z.ZodType>(bound: "from" | "to", schema: T) {
  return z.preprocess((value) => filterBoundDay(value, bound), schema);
}

/** A filter's optional day, as "YYYY-MM-DD": a malformed or impossible one is ignored rather than refused (links must not break). */
export const filterDaySchema = z
  .string()
  .optional()
  .transform((value) => {
    const day = value ? parseTypedDay(value) : null;
    return day && !dateRuleProblem("filter", day) ? day.toISOString().slice(0, 10) : undefined;
  });

/**
 * The same rule as `min` / `max` for a browser's date field ("YYYY-MM-DD") or date-and-time field
 * ("YYYY-MM-DDTHH:MM"), so the picker offers only days the server will accept (the forms are `noValidate`:
 * the server's per-field message is what a person reads).
 */
export function dateInputBounds(kind: DateKind, type: "date" | "datetime-local" = "date"): { min: string; max: string } {
  const rule = RULES[kind];
  const latest = rule.latest();
  const format = (ms: number) => (type === "date" ? new Date(ms).toISOString().slice(0, 10) : `${new Date(ms).toISOString().slice(0, 10)}T23:59`);
  return { min: format(rule.earliest).replace(/T23:59$/, "T00:00"), max: format(latest) };
}
