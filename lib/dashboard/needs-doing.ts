// "What needs doing today" for coordinators: each list counted in full and its first items shown, each
// item linking to its record (likely duplicate people link to their comparison). Uses the organisation's follow-up settings (stale cases, unanswered letters).
import "server-only";
import type { Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DashboardQuery } from "@/lib/validations/dashboard";
import { findOpenDuplicatePairs, type DuplicatePairItem } from "@/lib/people/duplicate-pairs";
import { daysBefore, listHref, type DashboardSettings } from "./internal";

export const NEEDS_DOING_ITEMS = 8;

export interface TodoItem {
  id: string;
  href: string;
  /** the case reference, when the item belongs to a case */
  reference: string | null;
  /** the case's subject, the person of a police action, or the task's title */
  label: string;
  /** the date that puts it on the list (YYYY-MM-DD, or an ISO time for hearings) */
  date: string | null;
  /** police-action type, advocacy recipient */
  detail: string | null;
}

export interface TodoList {
  count: number;
  items: TodoItem[];
  /** the full list, where a list page shows exactly these */
  href: string | null;
}

export interface NeedsDoing {
  staleCases: TodoList;
  tasksDue: TodoList;
  hearingsSoon: TodoList;
  hearingsWithoutOutcome: TodoList;
  unassignedCases: TodoList;
  unansweredAdvocacy: TodoList;
  /** likely duplicate people not yet reviewed (for those who may merge people), each linking to the comparison */
  likelyDuplicates: {
    /** at most DUPLICATE_PAIRS_COUNTED (lib/people/duplicate-pairs.ts); `countCapped` when there are more */
    count: number;
    countCapped: boolean;
    items: DuplicatePairItem[];
    /** when all of the organisation's people were last compared (ISO time); null: not yet */
    checkedAt: string | null;
  };
}

type TodoPart = "stale" | "unassigned" | "tasks" | "soon" | "passed" | "advocacy";

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

interface Row {
  id: string;
  total: number;
  reference: string | null;
  label: string;
  date: Date | null;
  detail: string | null;
  caseId: string | null;
}

function toList(rows: Row[], hrefOf: (row: Row) => string, href: string | null, isoTime = false): TodoList {
  return {
    count: rows[0]?.total ?? 0,
    items: rows.map((row) => ({
      id: row.id,
      href: hrefOf(row),
      reference: row.reference,
      label: row.label,
      date: row.date ? (isoTime ? row.date.toISOString() : day(row.date)) : null,
      detail: row.detail,
    })),
    href,
  };
}

export async function computeNeedsDoing(
  tx: Tx,
  ctx: Ctx,
  {
    query,
    where,
    today,
    now,
    staleBefore,
    settings,
    caseCounts,
  }: { query: DashboardQuery; where: Prisma.Sql; today: string; now: Date; staleBefore: string; settings: DashboardSettings; caseCounts: { stale: number; unassigned: number } },
): Promise<NeedsDoing> {
  const org = ctx.organizationId;
  const weekAhead = new Date(now.getTime() + 7 * 86_400_000);
  const unansweredBefore = daysBefore(today, settings.unansweredAdvocacyDays);
  const limit = NEEDS_DOING_ITEMS;
  const caseHref = (row: Row) => `/cases/${row.caseId ?? row.id}`;

  // All six lists in one statement, each part its own first rows in index order: count(*) OVER () gives
  // a part's full count beside them; the case lists take theirs from the summaries (caseCounts). Dates
  // of date columns come as UTC midnight, so every part returns the same column types.
  // hearings without an outcome, counted and their first rows taken from police_actions alone (an index
  // range), before their people and cases are joined to those few rows
  const hearings = (range: Prisma.Sql) => Prisma.sql`
    SELECT a.id, count(*) OVER ()::int AS total, a."personId", a."caseId", a."hearingAt", a.type
      FROM police_actions a
     WHERE a."organizationId" = ${org}::uuid AND a."deletedAt" IS NULL AND a.outcome IS NULL AND ${range}
     ORDER BY a."hearingAt" ASC, a.id LIMIT ${limit}`;
  const utc = (column: Prisma.Sql) => Prisma.sql`(${column}::timestamp AT TIME ZONE 'UTC')`;
  const rows = await tx.$queryRaw<(Row & { list: TodoPart; position: number })[]>`
    (SELECT 'stale' AS list, row_number() OVER (ORDER BY c."updatedAt", c.id)::int AS position,
            c.id, ${caseCounts.stale}::int AS total, c.reference, s."displayName" AS label, c."updatedAt" AS date, NULL::text AS detail, c.id AS "caseId"
       FROM (SELECT c.id, c.reference, c."subjectPersonId", c."updatedAt" FROM cases c
              WHERE ${where} AND c."closedAt" IS NULL AND c."updatedAt" < ${staleBefore}::date
              ORDER BY c."updatedAt" ASC, c.id LIMIT ${limit}) AS c
       JOIN people s ON s.id = c."subjectPersonId")
    UNION ALL
    (SELECT 'unassigned', row_number() OVER (ORDER BY c."openedAt", c.id)::int,
            c.id, ${caseCounts.unassigned}::int, c.reference, s."displayName", c."openedAt", NULL::text, c.id
       FROM (SELECT c.id, c.reference, c."subjectPersonId", c."openedAt" FROM cases c
              WHERE ${where} AND c."closedAt" IS NULL AND c."assignedToId" IS NULL
              ORDER BY c."openedAt" ASC, c.id LIMIT ${limit}) AS c
       JOIN people s ON s.id = c."subjectPersonId")
    UNION ALL
    (SELECT 'tasks', row_number() OVER (ORDER BY t."dueDate", t.id)::int,
            t.id, count(*) OVER ()::int, c.reference, t.title, ${utc(Prisma.sql`t."dueDate"`)}, NULL::text, t."caseId"
       FROM tasks t LEFT JOIN cases c ON c.id = t."caseId" AND c."deletedAt" IS NULL
      WHERE t."organizationId" = ${org}::uuid AND t."deletedAt" IS NULL AND t.status = 'OPEN' AND t."dueDate" <= ${today}::date + 7
        AND (t."caseId" IS NULL OR (c.id IS NOT NULL AND ${where}))
      ORDER BY t."dueDate" ASC, t.id LIMIT ${limit})
    UNION ALL
    (SELECT 'soon', row_number() OVER (ORDER BY a."hearingAt", a.id)::int,
            a.id, a.total, c.reference, p."displayName", a."hearingAt", a.type::text, a."caseId"
       FROM (${hearings(Prisma.sql`a."hearingAt" >= ${now} AND a."hearingAt" < ${weekAhead}`)}) AS a
       JOIN people p ON p.id = a."personId" LEFT JOIN cases c ON c.id = a."caseId")
    UNION ALL
    (SELECT 'passed', row_number() OVER (ORDER BY a."hearingAt", a.id)::int,
            a.id, a.total, c.reference, p."displayName", a."hearingAt", a.type::text, a."caseId"
       FROM (${hearings(Prisma.sql`a."hearingAt" < ${now}`)}) AS a
       JOIN people p ON p.id = a."personId" LEFT JOIN cases c ON c.id = a."caseId")
    UNION ALL
    (SELECT 'advocacy', row_number() OVER (ORDER BY a.date, a.id)::int,
            a.id, count(*) OVER ()::int, c.reference, s."displayName", ${utc(Prisma.sql`a.date`)}, a.recipient, a."caseId"
       FROM advocacy_actions a JOIN cases c ON c.id = a."caseId" JOIN people s ON s.id = c."subjectPersonId"
      WHERE a."organizationId" = ${org}::uuid AND a."deletedAt" IS NULL AND a."responseDate" IS NULL AND a.date < ${unansweredBefore}::date AND ${where}
      ORDER BY a.date ASC, a.id LIMIT ${limit})`;
  const part = (name: TodoPart) => rows.filter((row) => row.list === name).sort((x, y) => x.position - y.position);
  const stale = part("stale");
  const unassigned = part("unassigned");
  const tasks = part("tasks");
  const soon = part("soon");
  const passed = part("passed");
  const advocacy = part("advocacy");

  const actionHref = (row: Row) => `/police-actions/${row.id}`;
  return {
    staleCases: toList(stale, caseHref, listHref("/cases", query, { updatedBefore: staleBefore, sort: "updated", dir: "asc" })),
    tasksDue: toList(tasks, (row) => (row.caseId ? `/cases/${row.caseId}` : "/cases"), null),
    hearingsSoon: toList(soon, actionHref, listHref("/police-actions/upcoming", null, { days: "7" }), true),
    hearingsWithoutOutcome: toList(passed, actionHref, listHref("/police-actions/upcoming", null, { days: "7" }), true),
    unassignedCases: toList(unassigned, caseHref, listHref("/cases", query, { assignee: "none", sort: "opened", dir: "asc" })),
    unansweredAdvocacy: toList(advocacy, caseHref, null),
    likelyDuplicates: { ...(await findOpenDuplicatePairs(tx, ctx, limit)), checkedAt: settings.duplicatesScannedAt?.toISOString() ?? null },
  };
}
