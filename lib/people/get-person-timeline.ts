// Everything a person appears in (cases as subject or family contact, protests, police actions) as one
// chronological list, newest first, read in one statement through the hot reads' path.
import "server-only";
import { authorize, personScope, type Ctx } from "@/lib/authz";
import { caseScopeSql } from "@/lib/cases/internal";
import { withTenantRead } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CaseStatus, DatePrecision, ParticipationRole, PoliceActionStatus, PoliceActionType, PoliceOutcome, ProtestKind, Relationship } from "@/lib/generated/prisma/enums";
import { scopeSql } from "@/lib/scope-sql";
import { isUuid } from "./get-person";

export type TimelineItem =
  | { kind: "case"; id: string; date: string; precision: DatePrecision; reference: string; status: CaseStatus; role: "SUBJECT" | Relationship; subjectName: string }
  | { kind: "protest"; id: string; date: string; precision: DatePrecision; protestKind: ProtestKind; city: string; role: ParticipationRole; caseReference: string | null }
  | { kind: "police"; id: string; date: string; precision: DatePrecision; type: PoliceActionType; status: PoliceActionStatus; outcome: PoliceOutcome | null; authority: string | null };

type CaseRow = { id: string; date: string; reference: string; status: CaseStatus; subjectName: string };

interface TimelineJson {
  found: boolean;
  asSubject: CaseRow[];
  asContact: (CaseRow & { relationship: Relationship })[];
  protests: { id: string; date: string; protestKind: ProtestKind; city: string; role: ParticipationRole; caseReference: string | null }[];
  police: { id: string; date: string; type: PoliceActionType; status: PoliceActionStatus; outcome: PoliceOutcome | null; authority: string | null }[];
}

const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function getPersonTimeline(ctx: Ctx, personId: string): Promise<TimelineItem[]> {
  authorize(ctx, "people.read");
  if (!isUuid(personId)) throw notFound("person");
  const visibleCase = caseScopeSql(ctx);
  const row = await withTenantRead(ctx, async (tx) => {
    const [result] = await tx.query<{ data: TimelineJson }>(Prisma.sql`
      SELECT json_build_object(
        'found', EXISTS (SELECT 1 FROM people p WHERE p.id = ${personId}::uuid AND ${scopeSql(personScope(ctx, { includeDeleted: true }), "p")}),
        'asSubject', coalesce((
          SELECT json_agg(json_build_object('id', c.id, 'date', ${iso(Prisma.sql`c."openedAt"`)}, 'reference', c.reference, 'status', c.status,
                                            'subjectName', s."displayName") ORDER BY c."openedAt" DESC, c.id)
            FROM cases c JOIN people s ON s.id = c."subjectPersonId"
           WHERE c."subjectPersonId" = ${personId}::uuid AND ${visibleCase}), '[]'),
        'asContact', coalesce((
          SELECT json_agg(json_build_object('id', c.id, 'date', ${iso(Prisma.sql`c."openedAt"`)}, 'reference', c.reference, 'status', c.status,
                                            'subjectName', s."displayName", 'relationship', cc.relationship) ORDER BY c."openedAt" DESC, cc.id)
            FROM case_contacts cc JOIN cases c ON c.id = cc."caseId" JOIN people s ON s.id = c."subjectPersonId"
           WHERE cc."personId" = ${personId}::uuid AND ${visibleCase}), '[]'),
        'protests', coalesce((
          SELECT json_agg(json_build_object('id', pr.id, 'date', ${iso(Prisma.sql`pr."startsAt"`)}, 'protestKind', pr.kind, 'city', pr.city,
                                            'role', pp.role, 'caseReference', CASE WHEN pc."deletedAt" IS NULL THEN pc.reference END)
                          ORDER BY pr."startsAt" DESC, pp.id)
            FROM protest_participations pp JOIN protests pr ON pr.id = pp."protestId" LEFT JOIN cases pc ON pc.id = pp."caseId"
           WHERE pp."personId" = ${personId}::uuid AND pr."deletedAt" IS NULL), '[]'),
        'police', coalesce((
          SELECT json_agg(json_build_object('id', a.id, 'date', to_char(a.date, 'YYYY-MM-DD'), 'type', a.type, 'status', a.status,
                                            'outcome', a.outcome, 'authority', a.authority) ORDER BY a.date DESC, a.id)
            FROM police_actions a
           WHERE a."personId" = ${personId}::uuid AND a."deletedAt" IS NULL), '[]')) AS data`);
    return result?.data;
  });
  if (!row?.found) throw notFound("person");
  const items: TimelineItem[] = [
    ...row.asSubject.map((c) => ({ kind: "case" as const, id: c.id, date: c.date, precision: "DAY" as const, reference: c.reference, status: c.status, role: "SUBJECT" as const, subjectName: c.subjectName })),
    ...row.asContact.map((c) => ({ kind: "case" as const, id: c.id, date: c.date, precision: "DAY" as const, reference: c.reference, status: c.status, role: c.relationship, subjectName: c.subjectName })),
    ...row.protests.map((p) => ({ kind: "protest" as const, id: p.id, date: p.date, precision: "DAY" as const, protestKind: p.protestKind, city: p.city, role: p.role, caseReference: p.caseReference })),
    ...row.police.map((a) => ({ kind: "police" as const, id: a.id, date: a.date ?? "", precision: "DAY" as const, type: a.type, status: a.status, outcome: a.outcome, authority: a.authority })),
  ];
  return items.sort((a, b) => b.date.localeCompare(a.date));
}
