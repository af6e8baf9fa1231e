// A person's activism in one chronological view: the protests they joined, the police actions they faced
// with their outcomes and appeals, and the cases of relatives they speak for. Used by the person page.
import "server-only";
import { authorize, caseScope, can, personScope, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type {
  AppealResult,
  CaseStatus,
  ParticipationRole,
  PoliceActionStatus,
  PoliceActionType,
  PoliceOutcome,
  ProtestKind,
  Relationship,
} from "@/lib/generated/prisma/enums";
import { decimalToNumber, isUuid, isoDay } from "@/lib/service-kit";

export interface PersonProtestEntry {
  kind: "protest";
  /** sort key: ISO date-time */
  at: string;
  protestId: string;
  protestKind: ProtestKind;
  city: string;
  location: string | null;
  role: ParticipationRole;
  caseId: string | null;
  caseReference: string | null;
}

export interface PersonPoliceActionEntry {
  kind: "policeAction";
  at: string;
  policeActionId: string;
  type: PoliceActionType;
  date: string;
  authority: string | null;
  protestId: string | null;
  hearingAt: string | null;
  status: PoliceActionStatus;
  outcome: PoliceOutcome | null;
  outcomeDate: string | null;
  outcomeFineAmount: number | null;
  outcomeDaysServed: number | null;
  currency: string;
  appealResult: AppealResult | null;
  appealResultDate: string | null;
}

/** The outcome of an action (and an appeal's result) as its own point in time. */
export interface PersonOutcomeEntry {
  kind: "outcome" | "appealResult";
  at: string;
  policeActionId: string;
  type: PoliceActionType;
  outcome: PoliceOutcome | null;
  outcomeFineAmount: number | null;
  outcomeDaysServed: number | null;
  currency: string;
  appealResult: AppealResult | null;
}

export interface PersonRelativeCaseEntry {
  kind: "relativeCase";
  at: string;
  caseId: string;
  caseReference: string;
  status: CaseStatus;
  relationship: Relationship;
  subjectName: string;
}

export type PersonActivityEntry = PersonProtestEntry | PersonPoliceActionEntry | PersonOutcomeEntry | PersonRelativeCaseEntry;

export interface PersonActivity {
  personId: string;
  /** the person's display name, for a page of its own */
  personName: string;
  /** oldest first */
  entries: PersonActivityEntry[];
  protestCount: number;
  policeActionCount: number;
  pendingPoliceActionCount: number;
}

export async function getPersonActivity(ctx: Ctx, personId: string): Promise<PersonActivity> {
  authorize(ctx, "protests.read");
  if (!isUuid(personId)) throw notFound("person");
  return withTenant(ctx, async (tx) => {
    const person = await tx.person.findFirst({ where: { ...personScope(ctx), id: personId }, select: { id: true, displayName: true } });
    if (!person) throw notFound("person");
    // one query at a time: Prisma runs sibling `include`s concurrently, and a transaction has one connection
    const participations = await tx.protestParticipation.findMany({
      where: { personId, protest: { deletedAt: null } },
      include: { protest: true },
    });
    const caseIds = [...new Set(participations.flatMap((p) => (p.caseId ? [p.caseId] : [])))];
    const cases = caseIds.length
      ? await tx.case.findMany({ where: { id: { in: caseIds }, deletedAt: null }, select: { id: true, reference: true } })
      : [];
    const caseReference = new Map(cases.map((c) => [c.id, c.reference]));
    const actions = await tx.policeAction.findMany({ where: { personId, deletedAt: null } });
    const contacts = can(ctx, "cases.read")
      ? await tx.caseContact.findMany({
          where: { personId, case: caseScope(ctx) },
          include: { case: { select: { id: true, reference: true, status: true, openedAt: true, subject: { select: { displayName: true } } } } },
        })
      : [];

    const entries: PersonActivityEntry[] = [];
    for (const p of participations) {
      const reference = p.caseId ? caseReference.get(p.caseId) : undefined;
      entries.push({
        kind: "protest",
        at: p.protest.startsAt.toISOString(),
        protestId: p.protestId,
        protestKind: p.protest.kind,
        city: p.protest.city,
        location: p.protest.location,
        role: p.role,
        caseId: reference ? p.caseId : null,
        caseReference: reference ?? null,
      });
    }
    for (const a of actions) {
      const common = {
        policeActionId: a.id,
        type: a.type,
        outcome: a.outcome,
        outcomeFineAmount: decimalToNumber(a.outcomeFineAmount),
        outcomeDaysServed: a.outcomeDaysServed,
        currency: a.currency,
        appealResult: a.appealResult,
      };
      entries.push({
        kind: "policeAction",
        at: a.date.toISOString(),
        ...common,
        date: isoDay(a.date) as string,
        authority: a.authority,
        protestId: a.protestId,
        hearingAt: a.hearingAt?.toISOString() ?? null,
        status: a.status,
        outcomeDate: isoDay(a.outcomeDate),
        appealResultDate: isoDay(a.appealResultDate),
      });
      if (a.outcome && a.outcomeDate) entries.push({ kind: "outcome", at: a.outcomeDate.toISOString(), ...common });
      if (a.appealResult && a.appealResult !== "PENDING" && a.appealResultDate) {
        entries.push({ kind: "appealResult", at: a.appealResultDate.toISOString(), ...common });
      }
    }
    for (const c of contacts) {
      entries.push({
        kind: "relativeCase",
        at: c.case.openedAt.toISOString(),
        caseId: c.case.id,
        caseReference: c.case.reference,
        status: c.case.status,
        relationship: c.relationship,
        subjectName: c.case.subject.displayName,
      });
    }
    // within one instant, an action comes before its outcome
    const order = { relativeCase: 0, protest: 1, policeAction: 2, outcome: 3, appealResult: 4 } as const;
    entries.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : order[x.kind] - order[y.kind]));
    return {
      personId,
      personName: person.displayName,
      entries,
      protestCount: participations.length,
      policeActionCount: actions.length,
      pendingPoliceActionCount: actions.filter((a) => a.status === "PENDING").length,
    };
  });
}
