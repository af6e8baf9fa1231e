// THE disclosure projection: what one reader may see of one case record. Every report, export and
// dashboard panel is built from its output, never from raw rows.
//
// API (small on purpose):
//   visibilityFor(reader, level)            → "full" | "pseudonymised" | "counted"
//   projectCase(reader, key, record)        → ProjectedCase (one of the three shapes below)
//   projectPoliceAction(reader, key, row)   → ProjectedPoliceAction | null (null: counted only)
//   pseudonym(key, kind, id)                → "K7Q2-9XF", stable per organisation, not reversible
//   ageBand(birthDate, precision, at)       → "30–39" style band, or null
//   appliedRules(reader)                    → rule keys a report prints ("reports.rules.<key>")
// The key comes from pseudonymKey(organizationId) in ./key.ts (server-only).
//
// Rules:
// - Readers holding reports.export (coordinators, admins) see every level in full. Contact details only with
//   `contactsVisible` (contacts.read and, for volunteers, their own case).
// - Anyone else: PUBLIC in full (no contact details); ANONYMISED under the pseudonym with only
//   non-identifying facts; PRIVATE counted only (facets for aggregate counts, nothing else).
// - Pseudonymised facts: status, gender, birth year as an age band, hometown prefecture, event types
//   with dates to the month, charges and sentence length, advocacy types, dates and recipients.
//   Withheld: names in every script, reference, contacts, relatives' names, exact birth date, every free
//   text (summary, descriptions, notes, testimony, responses, source titles), places finer than a
//   prefecture (place text, facility names, authorities, which name counties and towns), lawyers.
// - Pseudonymised police actions: dates (action, hearing, outcome) to the month, the protest's place as
//   its region (a Kazakh oblast or city of republican significance, a Xinjiang prefecture) instead of the
//   town, the authority as its level (national, regional, city, district) instead of its name.
import { createHmac } from "node:crypto";
import { can } from "@/lib/authz";
import type { Role } from "@/lib/generated/prisma/enums";

export type DisclosureLevel = "PRIVATE" | "ANONYMISED" | "PUBLIC";
export type Visibility = "full" | "pseudonymised" | "counted";
export type DatePrecision = "DAY" | "MONTH" | "YEAR" | "UNKNOWN";

/** Who reads. `contactsVisible` is decided by the caller per case (contacts.read, own case). */
export interface Reader {
  role: Role;
}

/** The organisation's pseudonym key (see ./key.ts); a branded buffer so a raw secret cannot slip in. */
export type PseudonymKey = Buffer & { readonly __pseudonymKey: true };

export function visibilityFor(reader: Reader, level: DisclosureLevel): Visibility {
  if (readsIdentifying(reader)) return "full";
  if (level === "PUBLIC") return "full";
  if (level === "ANONYMISED") return "pseudonymised";
  return "counted";
}

/** Whether this reader sees every level in full (the report is then marked by its most sensitive record). */
export function readsIdentifying(reader: Reader): boolean {
  // decided by the permission table, not a second list of roles
  return can(reader, "reports.export");
}

// Crockford's base32 without I, L, O, U: readable aloud, no confusable letters.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A stable, non-reversible code for one record of one organisation: "K7Q2-9XF". */
export function pseudonym(key: PseudonymKey, kind: "case" | "person", id: string): string {
  const digest = createHmac("sha256", key).update(`${kind}:${id}`).digest();
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 7) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= 7) break;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** Derives an organisation's key from the installation secret; different organisations never share codes. */
export function derivePseudonymKey(secret: string, organizationId: string): PseudonymKey {
  return createHmac("sha256", secret).update(`qamqor.pseudonym.v1:${organizationId}`).digest() as PseudonymKey;
}

export const AGE_BANDS = ["0-17", "18-29", "30-39", "40-49", "50-59", "60-69", "70+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The age band at `at`, from the birth year alone (so a day-precise date leaks nothing more). */
export function ageBand(birthDate: Date | null, precision: DatePrecision, at: Date = new Date()): AgeBand | null {
  if (!birthDate || precision === "UNKNOWN") return null;
  const age = at.getUTCFullYear() - birthDate.getUTCFullYear();
  if (age < 0) return null;
  if (age < 18) return "0-17";
  if (age < 30) return "18-29";
  if (age >= 70) return "70+";
  return AGE_BANDS[Math.floor(age / 10) - 1] ?? null;
}

// ─────────────────────────────── the record as loaded ───────────────────────────────

export interface CaseRecord {
  id: string;
  reference: string;
  disclosureLevel: DisclosureLevel;
  status: string;
  openedAt: Date;
  summary: string | null;
  tags: string[];
  subject: {
    id: string;
    displayName: string;
    names: { value: string; script: string }[];
    gender: string;
    birthDate: Date | null;
    birthDatePrecision: DatePrecision;
    /** the hometown's prefecture in the reader's language (a county or town never goes here) */
    hometownPrefecture: string | null;
    /** the hometown as recorded: a town, county or free text */
    hometown: string | null;
    citizenships: string[];
    ethnicity: string | null;
  };
  /** family contacts; `contact` is decrypted only when the caller may show it */
  contacts: { displayName: string; relationship: string; contact: Record<string, string> | null }[];
  events: {
    type: string;
    date: Date | null;
    datePrecision: DatePrecision;
    place: string | null;
    placePrefecture: string | null;
    facility: string | null;
    authority: string | null;
    charges: string | null;
    sentenceMonths: number | null;
    description: string | null;
  }[];
  advocacy: {
    type: string;
    date: Date;
    recipient: string;
    theirReference: string | null;
    description: string | null;
    response: string | null;
    responseDate: Date | null;
  }[];
  sources: { kind: string; title: string; url: string | null; publishedAt: Date | null; description: string | null }[];
  policeActions: PoliceActionRecord[];
}

/** The facts of a police action, the same in the record read and in a full or pseudonymised projection. */
export interface PoliceActionFacts {
  type: string;
  date: Date;
  city: string | null;
  authority: string | null;
  legalBasis: string | null;
  hearingAt: Date | null;
  durationHours: number | null;
  arrestDays: number | null;
  fineAmount: number | null;
  currency: string;
  lawyer: string | null;
  status: string;
  outcome: string | null;
  outcomeDate: Date | null;
  outcomeFineAmount: number | null;
  outcomeDaysServed: number | null;
  description: string | null;
}

export interface PoliceActionRecord extends PoliceActionFacts {
  id: string;
  /** the region-level unit the protest's place lies in, in the reader's language; never a town */
  region: string | null;
  personId: string;
  personName: string;
  /** the disclosure level of the case the action is tied to; null when none (treated as PRIVATE) */
  caseLevel: DisclosureLevel | null;
  caseId: string | null;
  caseReference: string | null;
}

/** What every projection carries for aggregate counts: never an id or a name. */
export interface CaseFacets {
  level: DisclosureLevel;
  status: string;
  openedYear: number;
  gender: string;
  ageBand: AgeBand | null;
  hometownPrefecture: string | null;
}

interface Common {
  facets: CaseFacets;
}

export interface FullCase extends Common {
  visibility: "full";
  /** how the report names the case: its reference */
  label: string;
  record: CaseRecord;
  contactsShown: boolean;
}

export interface PseudonymisedCase extends Common {
  visibility: "pseudonymised";
  /** the pseudonym, e.g. "K7Q2-9XF" */
  label: string;
  status: string;
  gender: string;
  ageBand: AgeBand | null;
  hometownPrefecture: string | null;
  events: { type: string; date: Date | null; datePrecision: DatePrecision; placePrefecture: string | null; charges: string | null; sentenceMonths: number | null }[];
  advocacy: { type: string; date: Date; recipient: string; answered: boolean; responseDate: Date | null }[];
  /** how many family members speak for the case (their names are withheld) */
  contactCount: number;
  sourceCount: number;
  policeActions: ProjectedPoliceAction[];
}

export interface CountedCase extends Common {
  visibility: "counted";
}

export type ProjectedCase = FullCase | PseudonymisedCase | CountedCase;

/** Reduces a date to its month: a day-precise date can be matched against a news report. */
function monthOnly(date: Date | null, precision: DatePrecision): { date: Date | null; datePrecision: DatePrecision } {
  if (!date || precision === "UNKNOWN") return { date: null, datePrecision: "UNKNOWN" };
  if (precision === "YEAR") return { date: new Date(Date.UTC(date.getUTCFullYear(), 0, 1)), datePrecision: "YEAR" };
  return { date: new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)), datePrecision: "MONTH" };
}

function facetsOf(record: CaseRecord, at: Date): CaseFacets {
  return {
    level: record.disclosureLevel,
    status: record.status,
    openedYear: record.openedAt.getUTCFullYear(),
    gender: record.subject.gender,
    ageBand: ageBand(record.subject.birthDate, record.subject.birthDatePrecision, at),
    hometownPrefecture: record.subject.hometownPrefecture,
  };
}

export function projectCase(
  reader: Reader,
  key: PseudonymKey,
  record: CaseRecord,
  options: { contactsVisible?: boolean; at?: Date } = {},
): ProjectedCase {
  const at = options.at ?? new Date();
  const facets = facetsOf(record, at);
  const visibility = visibilityFor(reader, record.disclosureLevel);
  if (visibility === "counted") return { visibility, facets };
  if (visibility === "full") {
    const contactsShown = Boolean(options.contactsVisible);
    const policeActions = record.policeActions.map((action) => ({ ...action }));
    return {
      visibility,
      facets,
      label: record.reference,
      contactsShown,
      record: {
        ...record,
        contacts: record.contacts.map((contact) => ({ ...contact, contact: contactsShown ? contact.contact : null })),
        policeActions,
      },
    };
  }
  return {
    visibility,
    facets,
    label: pseudonym(key, "case", record.id),
    status: record.status,
    gender: record.subject.gender,
    ageBand: facets.ageBand,
    hometownPrefecture: record.subject.hometownPrefecture,
    events: record.events.map((event) => ({
      type: event.type,
      ...monthOnly(event.date, event.datePrecision),
      placePrefecture: event.placePrefecture,
      charges: event.charges,
      sentenceMonths: event.sentenceMonths,
    })),
    advocacy: record.advocacy.map((action) => ({
      type: action.type,
      date: monthOnly(action.date, "DAY").date ?? action.date,
      recipient: action.recipient,
      answered: Boolean(action.response || action.responseDate),
      responseDate: action.responseDate ? (monthOnly(action.responseDate, "DAY").date ?? null) : null,
    })),
    contactCount: record.contacts.length,
    sourceCount: record.sources.length,
    policeActions: record.policeActions.flatMap((action) => {
      const projected = projectPoliceAction(reader, key, { ...action, caseLevel: action.caseLevel ?? record.disclosureLevel });
      return projected ? [projected] : [];
    }),
  };
}

// ─────────────────────────────── police actions ───────────────────────────────

export interface ProjectedPoliceAction extends PoliceActionFacts {
  visibility: "full" | "pseudonymised";
  /** DAY in full; MONTH when pseudonymised: every date of the action is then the first of its month */
  datePrecision: "DAY" | "MONTH";
  /** pseudonymised only: the level of the authority whose name is withheld */
  authorityLevel: AuthorityLevel | null;
  /** the level the action is treated at (its case's, PRIVATE when none), for the report's marking */
  level: DisclosureLevel;
  /** the person's name (full) or their pseudonym */
  personLabel: string;
  /** the case's reference (full) or its pseudonym; null when not tied to a case */
  caseLabel: string | null;
}

/**
 * A police action is as sensitive as the case it is tied to; one tied to no case is treated as PRIVATE
 * (the person may be a relative in hiding). Returns null when the reader may only count it.
 * Pseudonymised: the person and case by pseudonym; no lawyer, description or exact hearing time.
 */
export function projectPoliceAction(reader: Reader, key: PseudonymKey, action: PoliceActionRecord): ProjectedPoliceAction | null {
  const level = action.caseLevel ?? "PRIVATE";
  const visibility = visibilityFor(reader, level);
  if (visibility === "counted") return null;
  if (visibility === "full") {
    return {
      visibility,
      datePrecision: "DAY",
      authorityLevel: null,
      level,
      personLabel: action.personName,
      caseLabel: action.caseReference,
      type: action.type,
      date: action.date,
      city: action.city,
      authority: action.authority,
      legalBasis: action.legalBasis,
      hearingAt: action.hearingAt,
      durationHours: action.durationHours,
      arrestDays: action.arrestDays,
      fineAmount: action.fineAmount,
      currency: action.currency,
      lawyer: action.lawyer,
      status: action.status,
      outcome: action.outcome,
      outcomeDate: action.outcomeDate,
      outcomeFineAmount: action.outcomeFineAmount,
      outcomeDaysServed: action.outcomeDaysServed,
      description: action.description,
    };
  }
  const month = (date: Date | null) => (date ? (monthOnly(date, "DAY").date as Date) : null);
  return {
    visibility,
    datePrecision: "MONTH",
    authorityLevel: action.authority ? authorityLevel(action.authority) : null,
    level,
    personLabel: pseudonym(key, "person", action.personId),
    caseLabel: action.caseId ? pseudonym(key, "case", action.caseId) : null,
    type: action.type,
    date: month(action.date) as Date,
    city: action.region,
    authority: null,
    legalBasis: action.legalBasis,
    hearingAt: month(action.hearingAt),
    durationHours: action.durationHours,
    arrestDays: action.arrestDays,
    fineAmount: action.fineAmount,
    currency: action.currency,
    lawyer: null,
    status: action.status,
    outcome: action.outcome,
    outcomeDate: month(action.outcomeDate),
    outcomeFineAmount: action.outcomeFineAmount,
    outcomeDaysServed: action.outcomeDaysServed,
    description: null,
  };
}

export const AUTHORITY_LEVELS = ["NATIONAL", "REGIONAL", "CITY", "DISTRICT", "UNSPECIFIED"] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

// Words that place an authority in the hierarchy, in the languages the records are kept in; the
// finest level named wins ("Medeu district police of Almaty" is a district authority).
const AUTHORITY_WORDS: [AuthorityLevel, RegExp][] = [
  ["DISTRICT", /district|county|аудан|район|РОВД|РУВД/iu],
  ["CITY", /\bcity\b|municipal|қала|город|ГУВД|(?<!\p{L})УВД/iu],
  ["REGIONAL", /region|oblast|province|prefecture|облыс|област|департамент|department/iu],
  ["NATIONAL", /ministry|national|supreme|republic|министр|республик|жоғарғы|верховн|ҰҚК|КНБ|(?<!\p{L})(?:ҚР|РК)(?!\p{L})|генеральн|бас прокуратура/iu],
];

/** The level of an authority, from its recorded name: the name itself never leaves the projection. */
export function authorityLevel(name: string): AuthorityLevel {
  for (const [level, words] of AUTHORITY_WORDS) if (words.test(name)) return level;
  return "UNSPECIFIED";
}

// ─────────────────────────────── what a report says it applied ───────────────────────────────

export type RuleKey = "fullAccess" | "publicFull" | "anonymisedPseudonym" | "privateCounted" | "contactsWithheld" | "smallCell";

/** The rules a report applied for this reader, in the order it prints them. */
export function appliedRules(reader: Reader, options: { contactsShown?: boolean; smallCell?: boolean } = {}): RuleKey[] {
  const rules: RuleKey[] = readsIdentifying(reader) ? ["fullAccess"] : ["publicFull", "anonymisedPseudonym", "privateCounted"];
  if (!options.contactsShown) rules.push("contactsWithheld");
  if (options.smallCell) rules.push("smallCell");
  return rules;
}

/** The confidentiality marking of a report: its most sensitive identifiable record, or AGGREGATE. */
export function markingFor(levels: Iterable<Visibility | DisclosureLevel>): "PRIVATE" | "ANONYMISED" | "PUBLIC" {
  let marking: "PRIVATE" | "ANONYMISED" | "PUBLIC" = "PUBLIC";
  for (const level of levels) {
    if (level === "PRIVATE") return "PRIVATE";
    if (level === "ANONYMISED" || level === "pseudonymised") marking = "ANONYMISED";
  }
  return marking;
}
