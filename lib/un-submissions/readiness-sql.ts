// The readiness rules of readiness.ts as one SQL condition on `cases c`, for the case list's filter
// ("ready for a WGEID submission" / "missing elements") and the dashboard's counts. Each element is
// a few index look-ups by case id (case_events by caseId and date, advocacy_actions by caseId,
// un_submissions by caseId, type and date), evaluated only for the cases the list reads. A test
// (tests/integration/un-submissions.test.ts) holds this and the TypeScript rules equal element by element.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  ARREST_EVENT_TYPES,
  DETENTION_EVENT_TYPES,
  DISAPPEARANCE_EVENT_TYPES,
  type UnElement,
  type UnReadinessFilter,
  type UnSubmissionKind,
} from "./readiness";

const types = (list: readonly string[]) => Prisma.sql`ARRAY[${Prisma.join(list.map((t) => Prisma.sql`${t}`))}]::"CaseEventType"[]`;
const present = (column: Prisma.Sql) => Prisma.sql`btrim(coalesce(${column}, '')) <> ''`;

/** The earliest dated event of these types, ordered as earliestEvent() orders them. */
const keyEvent = (list: readonly string[]) => Prisma.sql`(
  SELECT e.date, e."datePrecision", e."placeText", e."placeId", e.authority FROM case_events e
   WHERE e."caseId" = c.id AND e."deletedAt" IS NULL AND e.type = ANY(${types(list)})
   ORDER BY e.date ASC NULLS LAST, e."createdAt" ASC, e.id ASC LIMIT 1)`;
const onKeyEvent = (list: readonly string[], condition: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM ${keyEvent(list)} d WHERE ${condition})`;
const latestSubmission = (type: UnSubmissionKind, column: Prisma.Sql) => Prisma.sql`(
  SELECT ${column} FROM un_submissions s WHERE s."caseId" = c.id AND s.type = ${type}::"UnSubmissionType"
   ORDER BY s."createdAt" DESC, s.id DESC LIMIT 1)`;

const identity = Prisma.sql`EXISTS (SELECT 1 FROM people p WHERE p.id = c."subjectPersonId" AND ${present(Prisma.sql`p."displayName"`)}
  AND ((p."birthDate" IS NOT NULL AND p."birthDatePrecision" <> 'UNKNOWN') OR ${present(Prisma.sql`p."hometownText"`)} OR p."hometownPlaceId" IS NOT NULL))`;
const steps = Prisma.sql`EXISTS (SELECT 1 FROM advocacy_actions a WHERE a."caseId" = c.id AND a."deletedAt" IS NULL)`;
const consent = Prisma.sql`(${present(Prisma.sql`c."consentGivenBy"`)} AND c."consentGivenAt" IS NOT NULL AND ${present(Prisma.sql`c."consentScope"`)})`;
const place = Prisma.sql`(${present(Prisma.sql`d."placeText"`)} OR d."placeId" IS NOT NULL)`;
const forces = present(Prisma.sql`d.authority`);

/** Each element's condition: true when the case holds it. */
export const ELEMENT_SQL: Record<UnSubmissionKind, Partial<Record<UnElement, Prisma.Sql>>> = {
  WGEID: {
    identity,
    disappearanceDate: onKeyEvent(DISAPPEARANCE_EVENT_TYPES, Prisma.sql`d.date IS NOT NULL AND d."datePrecision" = 'DAY'`),
    place: onKeyEvent(DISAPPEARANCE_EVENT_TYPES, place),
    forces: onKeyEvent(DISAPPEARANCE_EVENT_TYPES, forces),
    familySteps: steps,
    submitter: present(latestSubmission("WGEID", Prisma.sql`s."submitterName"`)),
    consent,
  },
  WGAD: {
    identity,
    arrestDate: onKeyEvent(ARREST_EVENT_TYPES, Prisma.sql`d.date IS NOT NULL AND d."datePrecision" IN ('DAY', 'MONTH')`),
    arrestPlace: onKeyEvent(ARREST_EVENT_TYPES, place),
    arrestingForces: onKeyEvent(ARREST_EVENT_TYPES, forces),
    detentionPlace: Prisma.sql`EXISTS (SELECT 1 FROM case_events e WHERE e."caseId" = c.id AND e."deletedAt" IS NULL
      AND e.type = ANY(${types(DETENTION_EVENT_TYPES)}) AND ${present(Prisma.sql`e.facility`)})`,
    arbitrariness: Prisma.sql`coalesce(${latestSubmission("WGAD", Prisma.sql`cardinality(s."arbitraryCategories") > 0 AND s."arbitraryReasonsEnc" IS NOT NULL`)}, false)`,
    domesticSteps: steps,
    submitter: present(latestSubmission("WGAD", Prisma.sql`s."submitterName"`)),
    consent,
  },
};

// Cheapest first: inside an expression (the dashboard's FILTER) PostgreSQL evaluates AND from the left
// and stops at the first false, and most cases fail on a column of their own row (the consent).
const EVALUATION_ORDER: UnElement[] = ["consent", "submitter", "arbitrariness", "familySteps", "domesticSteps", "identity"];

/** True for a case that holds every element (and the consent) for this Working Group. */
export function unReadySql(type: UnSubmissionKind): Prisma.Sql {
  const entries = Object.entries(ELEMENT_SQL[type]) as [UnElement, Prisma.Sql][];
  const rank = (element: UnElement) => (EVALUATION_ORDER.includes(element) ? EVALUATION_ORDER.indexOf(element) : EVALUATION_ORDER.length);
  entries.sort(([a], [b]) => rank(a) - rank(b));
  return Prisma.sql`(${Prisma.join(entries.map(([, condition]) => condition), " AND ")})`;
}

/** The case list's condition for a readiness filter. */
export function unReadinessFilterSql(filter: UnReadinessFilter): Prisma.Sql {
  const type: UnSubmissionKind = filter.startsWith("wgeid") ? "WGEID" : "WGAD";
  return filter.endsWith("ready") ? unReadySql(type) : Prisma.sql`NOT ${unReadySql(type)}`;
}
