// Dates and amounts as people read them in their language (pure, usable on server and client).
import { formatDate, formatDateTime as formatDateTimeIn } from "@/lib/format/date";
import { dateTimeFormat } from "@/lib/format/intl";
import { formatMoney as formatMoneyIn } from "@/lib/format/number";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { parseTypedDate } from "@/lib/validations/typed-date";

const asLocale = (locale: string) => (isLocale(locale) ? locale : "en");

/** A calendar day ("2026-11-29") as every page writes it (lib/format). */
export function formatDay(iso: string | null, locale: string): string {
  if (!iso) return "—";
  return formatDate(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso), asLocale(locale));
}

/** Stored instants are shown in the group's time zone (Kazakhstan), where the protests and hearings happen. */
export function formatDateTime(iso: string | null, locale: string): string {
  if (!iso) return "—";
  return formatDateTimeIn(iso, asLocale(locale));
}

/** An amount in its currency the way the rest of the app shows money (69 000 ₸ in Kazakh and Russian, ₸69,000 in English). */
export function formatMoney(amount: number | null, currency: string, locale: string): string {
  if (amount === null) return "—";
  return formatMoneyIn(amount, asLocale(locale), currency);
}

/** A stored instant in Kazakhstan time as "2026-03-12T10:00", which the forms show as a day and a time. */
export function toDateTimeLocal(iso: string | null): string {
  if (!iso) return "";
  const parts = dateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "Asia/Almaty",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour") === "24" ? "00" : get("hour")}:${get("minute")}`;
}

/** A time of day as people type it: "10:00", "9.30". */
export const TIME_OF_DAY = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/**
 * A typed day and a 24-hour time (a hearing, a protest's start) as the instant the server stores, in Kazakhstan time
 * (one offset, UTC+5, since March 2024). Text that is no day goes on as typed, for the schema to refuse.
 */
export function dayAndTimeInstant(day: string, time: string, locale: Locale): string {
  if (!day.trim()) return "";
  const typed = parseTypedDate(day, locale);
  const clock = TIME_OF_DAY.exec(time.trim());
  if (!typed.ok || typed.value.precision !== "DAY" || !clock) return day.trim();
  return `${typed.text}T${clock[1]!.padStart(2, "0")}:${clock[2]}:00+05:00`;
}

/**
 * The same, for a form whose own check reports a missing or mistyped time at the time field: until the
 * time is right a valid day stands at midnight, so the day is not marked as well (the check keeps the
 * form from being sent meanwhile).
 */
export function dayAndTimeInstantForForm(day: string, time: string, locale: Locale): string {
  return dayAndTimeInstant(day, TIME_OF_DAY.test(time.trim()) ? time : "00:00", locale);
}

export const PROTEST_KINDS = ["PICKET", "SOLO_PICKET", "RALLY", "PRESS_CONFERENCE", "ONLINE_ACTION", "OTHER"] as const;
export const PARTICIPATION_ROLES = ["PARTICIPANT", "ORGANISER", "SPEAKER"] as const;
export const POLICE_ACTION_TYPES = [
  "SUMMONS",
  "QUESTIONING",
  "WARNING",
  "DETENTION",
  "ADMINISTRATIVE_ARREST",
  "FINE",
  "ADMINISTRATIVE_CASE",
  "CRIMINAL_CASE",
  "SEARCH",
  "SURVEILLANCE",
  "TRAVEL_RESTRICTION",
  "REMOVAL_FROM_TRANSPORT",
  "OTHER",
] as const;
export const POLICE_OUTCOMES = ["DISMISSED", "WARNING", "FINED", "DETAINED", "CONVICTED", "ACQUITTED", "APPEALED", "UNKNOWN"] as const;
export const APPEAL_RESULTS = ["PENDING", "DISMISSED", "GRANTED", "PARTLY_GRANTED"] as const;
export const ADVOCACY_TYPES = [
  "APPEAL_KZ_FOREIGN_MINISTRY",
  "APPEAL_CHINESE_EMBASSY",
  "UN_SUBMISSION",
  "MEDIA_INTERVIEW",
  "PETITION",
  "LETTER",
  "LEGAL_ACTION",
  "OTHER",
] as const;
