// Everything a person appears in (cases as subject or family contact, protests, police actions) as one
// chronological list, newest first.
import "server-only";
import { authorize, caseScope, personScope, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { CaseStatus, DatePrecision, ParticipationRole, PoliceActionStatus, PoliceActionType, PoliceOutcome, ProtestKind, Relationship } from "@/lib/generated/prisma/enums";
import { isUuid } from "./get-person";
import { isoDate } from "./shared";

export type TimelineItem =
  | { kind: "case"; id: string; date: string; precision: DatePrecision; reference: string; status: CaseStatus; role: "SUBJECT" | Relationship; subjectName: string }
  | { kind: "protest"; id: string; date: string; precision: DatePrecision; protestKind: ProtestKind; city: string; role: ParticipationRole; caseReference: string | null }
  | { kind: "police"; id: string; date: string; precision: DatePrecision; type: PoliceActionType; status: PoliceActionStatus; outcome: PoliceOutcome | null; authority: string | null };

export async function getPersonTimeline(ctx: Ctx, personId: string): Promise<TimelineItem[]> {
  authorize(ctx, "people.read");
  if (!isUuid(personId)) throw notFound("person");
  return withTenant(ctx, async (tx) => {
    const person = await tx.person.findFirst({ where: { id: personId, ...personScope(ctx, { includeDeleted: true }) }, select: { id: true } });
    if (!person) throw notFound("person");
    const visibleCase = caseScope(ctx);
    const [asSubject, asContact, participations, policeActions] = await Promise.all([
      tx.case.findMany({
        where: { ...visibleCase, subjectPersonId: personId },
        select: { id: true, reference: true, status: true, openedAt: true, subject: { select: { displayName: true } } },
      }),
      tx.caseContact.findMany({
        where: { personId, case: visibleCase },
        select: { relationship: true, case: { select: { id: true, reference: true, status: true, openedAt: true, subject: { select: { displayName: true } } } } },
      }),
      tx.protestParticipation.findMany({
        where: { personId, protest: { deletedAt: null } },
        select: { role: true, protest: { select: { id: true, startsAt: true, kind: true, city: true } }, case: { select: { reference: true, deletedAt: true } } },
      }),
      tx.policeAction.findMany({
        where: { personId, deletedAt: null },
        select: { id: true, date: true, type: true, status: true, outcome: true, authority: true },
      }),
    ]);
    const items: TimelineItem[] = [
      ...asSubject.map((c) => ({
        kind: "case" as const,
        id: c.id,
        date: c.openedAt.toISOString(),
        precision: "DAY" as const,
        reference: c.reference,
        status: c.status,
        role: "SUBJECT" as const,
        subjectName: c.subject.displayName,
      })),
      ...asContact.map(({ relationship, case: c }) => ({
        kind: "case" as const,
        id: c.id,
        date: c.openedAt.toISOString(),
        precision: "DAY" as const,
        reference: c.reference,
        status: c.status,
        role: relationship,
        subjectName: c.subject.displayName,
      })),
      ...participations.map((p) => ({
        kind: "protest" as const,
        id: p.protest.id,
        date: p.protest.startsAt.toISOString(),
        precision: "DAY" as const,
        protestKind: p.protest.kind,
        city: p.protest.city,
        role: p.role,
        caseReference: p.case && !p.case.deletedAt ? p.case.reference : null,
      })),
      ...policeActions.map((a) => ({
        kind: "police" as const,
        id: a.id,
        date: isoDate(a.date) ?? "",
        precision: "DAY" as const,
        type: a.type,
        status: a.status,
        outcome: a.outcome,
        authority: a.authority,
      })),
    ];
    return items.sort((a, b) => b.date.localeCompare(a.date));
  });
}
