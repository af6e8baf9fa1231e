// Whether a case holds what a UN Working Group needs before it will transmit it, as pure functions over
// the case's data. Each missing element names the form field that fills it, so the case page can link
// there. The same rules are kept by the database for the case list's filter (the case_un_readiness
// table, recomputed by triggers whenever a row they read changes); a test holds the two equal element by
// element after every kind of change.
import type { CaseEventType, DatePrecision, WarrantShown } from "@/lib/generated/prisma/enums";

export const UN_SUBMISSION_TYPES = ["WGEID", "WGAD"] as const;
export type UnSubmissionKind = (typeof UN_SUBMISSION_TYPES)[number];

/** The Working Group on Enforced or Involuntary Disappearances' six elements, then the family's consent. */
export const WGEID_ELEMENTS = ["identity", "disappearanceDate", "place", "forces", "familySteps", "submitter", "consent"] as const;
/** What the Working Group on Arbitrary Detention asks for, then the family's consent. */
export const WGAD_ELEMENTS = [
  "identity",
  "arrestDate",
  "arrestPlace",
  "arrestingForces",
  "arrestWarrant",
  "detentionPlace",
  "arbitrariness",
  "domesticSteps",
  "submitter",
  "consent",
] as const;
export type WgeidElement = (typeof WGEID_ELEMENTS)[number];
export type WgadElement = (typeof WGAD_ELEMENTS)[number];
export type UnElement = WgeidElement | WgadElement;

/** The case list's readiness filter values. */
export const UN_READINESS_FILTERS = ["wgeid-ready", "wgeid-missing", "wgad-ready", "wgad-missing"] as const;
export type UnReadinessFilter = (typeof UN_READINESS_FILTERS)[number];

export const ELEMENTS_BY_TYPE: Record<UnSubmissionKind, readonly UnElement[]> = { WGEID: WGEID_ELEMENTS, WGAD: WGAD_ELEMENTS };

/** The events that mark a disappearance (WGEID) and an arrest (WGAD); the earliest dated one counts. */
export const DISAPPEARANCE_EVENT_TYPES = ["DISAPPEARED", "DETAINED", "SENT_TO_CAMP", "CONTACT_LOST"] as const satisfies readonly CaseEventType[];
export const ARREST_EVENT_TYPES = ["DETAINED", "SENT_TO_CAMP", "HOUSE_ARREST"] as const satisfies readonly CaseEventType[];
/** Events that say where the relative is held. */
export const DETENTION_EVENT_TYPES = ["DETAINED", "TRANSFERRED", "SENTENCED", "SENT_TO_CAMP", "HOUSE_ARREST"] as const satisfies readonly CaseEventType[];
/** The Working Group on Arbitrary Detention's categories: no legal basis; exercise of rights; fair trial. */
export const ARBITRARY_CATEGORIES = ["I", "II", "III"] as const;
export type ArbitraryCategory = (typeof ARBITRARY_CATEGORIES)[number];

export interface ReadinessEvent {
  id: string;
  type: CaseEventType;
  date: Date | null;
  datePrecision: DatePrecision;
  placeText: string | null;
  placeId: string | null;
  facility: string | null;
  authority: string | null;
  /** at an arrest: whether a warrant or other decision was shown; null when nobody recorded it */
  warrantShown: WarrantShown | null;
  createdAt: Date;
}

export interface ReadinessInput {
  caseId: string;
  subject: {
    id: string;
    displayName: string;
    birthDate: Date | null;
    birthDatePrecision: DatePrecision;
    hometownText: string | null;
    hometownPlaceId: string | null;
  };
  consentGivenBy: string | null;
  consentGivenAt: Date | null;
  consentScope: string | null;
  /** the case's events that are not deleted */
  events: ReadinessEvent[];
  /** advocacy actions on the case that are not deleted: the steps taken by the family or others */
  advocacyActionCount: number;
  /** the most recent submission of each type, when one was started */
  submissions: Partial<Record<UnSubmissionKind, { submitterName: string | null; arbitraryCategories: string[]; arbitraryReasons: boolean } | null>>;
}

/** Where the value is typed: which form, and which field in it (the field's element id). */
export type FieldTarget =
  | { form: "person"; personId: string; field: "birthDate" }
  | { form: "caseEdit"; field: "edit-consent-by" | "edit-consent-at" | "edit-consent-scope" }
  | { form: "event"; eventId: string; field: "date" | "place" | "authority" | "facility" | "warrant" }
  | { form: "newEvent"; eventType: CaseEventType; field: "type" }
  | { form: "advocacy"; field: "type" }
  | { form: "submission"; type: UnSubmissionKind; field: "submitter" | "categories" };

export interface MissingElement {
  element: UnElement;
  target: FieldTarget;
}

export interface Readiness {
  type: UnSubmissionKind;
  ready: boolean;
  missing: MissingElement[];
  /** WGEID: the disappearance is under three months old, so the urgent procedure applies */
  urgent: boolean;
  /** the family's recorded consent: who, when and to what */
  consent: boolean;
  /** the event the draft reads the disappearance or arrest from */
  keyEventId: string | null;
}

const blank = (value: string | null | undefined) => !value || value.trim() === "";

/** The same day `months` later, clamped to the month's end (31 January + 1 month = 28/29 February), in UTC. */
export function addMonthsUtc(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/** Midnight UTC of the calendar day of `now`, the way @db.Date columns are stored. */
export function utcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Earliest dated event of these types first (undated last, then by entry), as the SQL filter orders them. */
export function earliestEvent(events: ReadinessEvent[], types: readonly CaseEventType[]): ReadinessEvent | null {
  const candidates = events.filter((event) => types.includes(event.type));
  candidates.sort((a, b) => {
    if (a.date && b.date && a.date.getTime() !== b.date.getTime()) return a.date.getTime() - b.date.getTime();
    if (a.date && !b.date) return -1;
    if (!a.date && b.date) return 1;
    if (a.createdAt.getTime() !== b.createdAt.getTime()) return a.createdAt.getTime() - b.createdAt.getTime();
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return candidates[0] ?? null;
}

/** Full name and at least one identifying datum (birth date or hometown). */
function hasIdentity(input: ReadinessInput): boolean {
  const { subject } = input;
  if (blank(subject.displayName)) return false;
  const birth = subject.birthDate !== null && subject.birthDatePrecision !== "UNKNOWN";
  return birth || !blank(subject.hometownText) || subject.hometownPlaceId !== null;
}

function consentTarget(input: ReadinessInput): FieldTarget | null {
  if (blank(input.consentGivenBy)) return { form: "caseEdit", field: "edit-consent-by" };
  if (!input.consentGivenAt) return { form: "caseEdit", field: "edit-consent-at" };
  if (blank(input.consentScope)) return { form: "caseEdit", field: "edit-consent-scope" };
  return null;
}

/** A WGEID case under three months old goes to the urgent procedure: `now` before the date + 3 months. */
export function isUrgent(disappearedOn: Date | null, precision: DatePrecision, now: Date): boolean {
  if (!disappearedOn || precision !== "DAY") return false;
  return utcDay(now).getTime() < addMonthsUtc(disappearedOn, 3).getTime();
}

export function wgeidReadiness(input: ReadinessInput, now: Date = new Date()): Readiness {
  const missing: MissingElement[] = [];
  const event = earliestEvent(input.events, DISAPPEARANCE_EVENT_TYPES);
  const eventField = (field: "date" | "place" | "authority"): FieldTarget =>
    event ? { form: "event", eventId: event.id, field } : { form: "newEvent", eventType: "DISAPPEARED", field: "type" };

  if (!hasIdentity(input)) missing.push({ element: "identity", target: { form: "person", personId: input.subject.id, field: "birthDate" } });
  // the Working Group asks for the year, month and day
  if (!event?.date || event.datePrecision !== "DAY") missing.push({ element: "disappearanceDate", target: eventField("date") });
  if (!event || (blank(event.placeText) && !event.placeId)) missing.push({ element: "place", target: eventField("place") });
  if (!event || blank(event.authority)) missing.push({ element: "forces", target: eventField("authority") });
  if (input.advocacyActionCount === 0) missing.push({ element: "familySteps", target: { form: "advocacy", field: "type" } });
  if (blank(input.submissions.WGEID?.submitterName)) missing.push({ element: "submitter", target: { form: "submission", type: "WGEID", field: "submitter" } });
  const consent = consentTarget(input);
  if (consent) missing.push({ element: "consent", target: consent });

  return {
    type: "WGEID",
    ready: missing.length === 0,
    missing,
    urgent: event ? isUrgent(event.date, event.datePrecision, now) : false,
    consent: consent === null,
    keyEventId: event?.id ?? null,
  };
}

export function wgadReadiness(input: ReadinessInput): Readiness {
  const missing: MissingElement[] = [];
  const arrest = earliestEvent(input.events, ARREST_EVENT_TYPES);
  const arrestField = (field: "date" | "place" | "authority" | "facility" | "warrant"): FieldTarget =>
    arrest ? { form: "event", eventId: arrest.id, field } : { form: "newEvent", eventType: "DETAINED", field: "type" };
  const heldAt = input.events.some((event) => (DETENTION_EVENT_TYPES as readonly CaseEventType[]).includes(event.type) && !blank(event.facility));
  const submission = input.submissions.WGAD;

  if (!hasIdentity(input)) missing.push({ element: "identity", target: { form: "person", personId: input.subject.id, field: "birthDate" } });
  // an arrest known at least to the month
  if (!arrest?.date || (arrest.datePrecision !== "DAY" && arrest.datePrecision !== "MONTH")) missing.push({ element: "arrestDate", target: arrestField("date") });
  if (!arrest || (blank(arrest.placeText) && !arrest.placeId)) missing.push({ element: "arrestPlace", target: arrestField("place") });
  if (!arrest || blank(arrest.authority)) missing.push({ element: "arrestingForces", target: arrestField("authority") });
  // "yes", "no" and "unknown" are all answers the Working Group accepts; only no answer is missing
  if (!arrest?.warrantShown) missing.push({ element: "arrestWarrant", target: arrestField("warrant") });
  if (!heldAt) missing.push({ element: "detentionPlace", target: arrestField("facility") });
  if (!submission || submission.arbitraryCategories.length === 0 || !submission.arbitraryReasons)
    missing.push({ element: "arbitrariness", target: { form: "submission", type: "WGAD", field: "categories" } });
  if (input.advocacyActionCount === 0) missing.push({ element: "domesticSteps", target: { form: "advocacy", field: "type" } });
  if (blank(submission?.submitterName)) missing.push({ element: "submitter", target: { form: "submission", type: "WGAD", field: "submitter" } });
  const consent = consentTarget(input);
  if (consent) missing.push({ element: "consent", target: consent });

  return { type: "WGAD", ready: missing.length === 0, missing, urgent: false, consent: consent === null, keyEventId: arrest?.id ?? null };
}

export function readiness(type: UnSubmissionKind, input: ReadinessInput, now: Date = new Date()): Readiness {
  return type === "WGEID" ? wgeidReadiness(input, now) : wgadReadiness(input);
}

/** The link that opens the form with the field that fills the element. */
export function targetHref(caseId: string, target: FieldTarget): string {
  switch (target.form) {
    case "person":
      return `/people/${target.personId}/edit#${target.field}`;
    case "caseEdit":
      return `/cases/${caseId}/edit#${target.field}`;
    case "event":
      return `/cases/${caseId}?editEvent=${target.eventId}#event-${target.eventId}-${target.field}`;
    case "newEvent":
      return `/cases/${caseId}?addEvent=${target.eventType}#event-new-${target.field}`;
    case "advocacy":
      return `/cases/${caseId}?addAdvocacy=1#advocacy-new-${target.field}`;
    case "submission":
      return `/cases/${caseId}?unForm=${target.type}#un-${target.type}-${target.field}`;
  }
}

/** The date by which comments on a government reply are due: six months after it was received. */
export function replyDeadline(receivedAt: Date): Date {
  return addMonthsUtc(receivedAt, 6);
}

/** Days before the deadline from which the reminder shows. */
export const REMINDER_LEAD_DAYS = 30;

/** A reply's reminder is due from a month before its deadline until our comments are recorded. */
export function reminderDue(reply: { respondBy: Date; answeredAt: Date | null }, now: Date = new Date()): boolean {
  if (reply.answeredAt) return false;
  return utcDay(now).getTime() >= reply.respondBy.getTime() - REMINDER_LEAD_DAYS * 86_400_000;
}
