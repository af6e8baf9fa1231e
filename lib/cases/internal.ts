// The case area's own pieces: loading a case as this context may read or edit it, and the rules that
// keep a timeline consistent. (Parsing input, ids and stale saves: lib/service-kit.ts.)
import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { caseScope, caseWriteScope, type Ctx } from "@/lib/authz";
import { AppError, notFound } from "@/lib/errors";
import type { CaseEventType, CaseStatus, DatePrecision } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/service-kit";
import { scopeSql } from "@/lib/scope-sql";

/** The case as this context may read it, or NOT_FOUND (also for other organisations' cases). */
export async function loadReadableCase(tx: Tx, ctx: Ctx, caseId: string, options: { includeDeleted?: boolean } = {}) {
  if (!isUuid(caseId)) throw notFound("case");
  const found = await tx.case.findFirst({ where: { id: caseId, ...caseScope(ctx, options) } });
  if (!found) throw notFound("case");
  return found;
}

/**
 * `caseScope(ctx)` as SQL conditions on the cases table aliased `alias`, for statements written by hand,
 * so the rule stays decided in one place. A scope it cannot express throws rather than read too much.
 */
export function caseScopeSql(ctx: Ctx, options: { includeDeleted?: boolean } = {}, alias = "c"): Prisma.Sql {
  return scopeSql(caseScope(ctx, options), alias);
}

/**
 * The case as this context may edit it. A case one may read but not edit is FORBIDDEN (the volunteer
 * knows it exists from the list); a case one may not read is NOT_FOUND.
 */
export async function loadWritableCase(tx: Tx, ctx: Ctx, caseId: string) {
  const readable = await loadReadableCase(tx, ctx, caseId);
  const writable = await tx.case.findFirst({ where: { id: caseId, ...caseWriteScope(ctx) }, select: { id: true } });
  if (!writable) throw new AppError("FORBIDDEN", "You may edit only cases assigned to or created by you.");
  return readable;
}

/** Which status each event type leaves the relative in; types missing here do not change the status. */
export const STATUS_BY_EVENT: Partial<Record<CaseEventType, CaseStatus>> = {
  DISAPPEARED: "MISSING",
  CONTACT_LOST: "MISSING",
  DETAINED: "DETAINED",
  TRANSFERRED: "DETAINED",
  SENTENCED: "SENTENCED",
  SENT_TO_CAMP: "IN_CAMP",
  HOUSE_ARREST: "HOUSE_ARREST",
  RELEASED: "RELEASED_IN_CHINA",
  RETURNED: "RETURNED_TO_KAZAKHSTAN",
  DIED: "DECEASED",
};

interface TimelineEvent {
  id: string;
  type: CaseEventType;
  date: Date | null;
  datePrecision: DatePrecision;
  createdAt: Date;
}

const PRECISION_RANK: Record<DatePrecision, number> = { DAY: 0, MONTH: 1, YEAR: 2, UNKNOWN: 3 };

/** Truncates a date to the coarser of two precisions, so "2018" vs "12 March 2018" compare as years. */
function truncated(date: Date, precision: DatePrecision): number {
  if (precision === "YEAR") return Date.UTC(date.getUTCFullYear(), 0, 1);
  if (precision === "MONTH") return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  return date.getTime();
}

/** -1, 0 or 1 comparing two uncertain dates at the coarser of their precisions. */
export function compareUncertain(a: Date, ap: DatePrecision, b: Date, bp: DatePrecision): number {
  const precision = PRECISION_RANK[ap] >= PRECISION_RANK[bp] ? ap : bp;
  const left = truncated(a, precision);
  const right = truncated(b, precision);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Latest dated event that changes the status (ties: the one recorded later). */
export function deriveStatus(events: TimelineEvent[]): { status: CaseStatus | null; lastEventDate: Date | null } {
  const dated = events.filter((event): event is TimelineEvent & { date: Date } => event.date !== null);
  const ordered = [...dated].sort((a, b) => a.date.getTime() - b.date.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
  let status: CaseStatus | null = null;
  for (const event of ordered) status = STATUS_BY_EVENT[event.type] ?? status;
  const last = ordered.at(-1);
  return { status, lastEventDate: last ? last.date : null };
}

/**
 * Date rules across the whole timeline: a release or return cannot precede the first detention or
 * sentence; a death cannot precede the subject's birth. Returns the offending event, if any.
 */
export function findImpossibleDate(
  events: TimelineEvent[],
  birth: { date: Date | null; precision: DatePrecision },
): { eventId: string; reason: "releaseBeforeDetention" | "deathBeforeBirth" } | null {
  const custody = events.filter((e) => (e.type === "DETAINED" || e.type === "SENTENCED") && e.date);
  const firstCustody = custody.reduce<TimelineEvent | null>(
    (first, e) => (!first || (e.date as Date) < (first.date as Date) ? e : first),
    null,
  );
  for (const event of events) {
    if (!event.date) continue;
    if ((event.type === "RELEASED" || event.type === "RETURNED") && firstCustody?.date) {
      if (compareUncertain(event.date, event.datePrecision, firstCustody.date, firstCustody.datePrecision) < 0)
        return { eventId: event.id, reason: "releaseBeforeDetention" };
    }
    if (event.type === "DIED" && birth.date && birth.precision !== "UNKNOWN") {
      if (compareUncertain(event.date, event.datePrecision, birth.date, birth.precision) < 0) return { eventId: event.id, reason: "deathBeforeBirth" };
    }
  }
  return null;
}

const IMPOSSIBLE_MESSAGES = {
  releaseBeforeDetention: "A release or return cannot be dated before the detention or sentence it ends.",
  deathBeforeBirth: "A death cannot be dated before the person's birth.",
} as const;

/**
 * Re-checks the timeline after a change and brings the case's status and last event date in line.
 * Runs inside the changing transaction, so an impossible timeline rolls the whole change back.
 */
export async function settleTimeline(tx: Tx, caseId: string): Promise<void> {
  const found = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: { statusOverridden: true, status: true, subject: { select: { birthDate: true, birthDatePrecision: true } } },
  });
  const events = await tx.caseEvent.findMany({
    where: { caseId, deletedAt: null },
    select: { id: true, type: true, date: true, datePrecision: true, createdAt: true },
  });
  const impossible = findImpossibleDate(events, { date: found.subject.birthDate, precision: found.subject.birthDatePrecision });
  if (impossible) {
    throw new AppError("INVALID", IMPOSSIBLE_MESSAGES[impossible.reason], {
      fieldErrors: { date: ["dateOrder"] },
      details: { reason: impossible.reason },
      key: "invalid",
    });
  }
  const derived = deriveStatus(events);
  await tx.case.update({
    where: { id: caseId },
    data: {
      lastEventDate: derived.lastEventDate,
      ...(found.statusOverridden || derived.status === null ? {} : { status: derived.status }),
    },
  });
}
