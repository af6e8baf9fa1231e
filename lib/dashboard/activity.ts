// The dashboard's figures that do not come from the case summaries (protests and the people at them,
// police actions by type, outcome and month, hearings still to come, advocacy answered or not, tasks done
// and overdue, and open tasks per member with the members themselves): parts of the one statement a view sends for its figures (with
// the case summary's parts), instead of seven. The people at protests and the police actions are read
// from their summaries over whole months; the rest are index ranges of the period.
import "server-only";
import type { Ctx } from "@/lib/authz";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PoliceActionType, PoliceOutcome } from "@/lib/generated/prisma/enums";
import type { DashboardQuery } from "@/lib/validations/dashboard";
import { rowOfCase } from "./internal";
import { wholeMonths, type FigureRow } from "./summary";
import type { Period } from "./period";

export interface ActivityCounts {
  protests: { current: number; previous: number };
  participants: { current: number; previous: number };
  /** police actions per month, type and outcome: in the period, in the previous one, and from the charts' first month */
  police: { month: string; type: PoliceActionType; outcome: PoliceOutcome | null; current: number; previous: number; chart: number }[];
  pendingHearings: number;
  advocacy: { current: { answered: number; unanswered: number }; previous: { answered: number; unanswered: number } };
  tasks: { doneCurrent: number; donePrevious: number; overdue: number };
  /** open and overdue tasks per assignee, and the members who can work on cases (only when asked for: the workload) */
  tasksByAssignee: Map<string, { open: number; overdue: number }>;
  members: { userId: string; role: string; name: string }[];
}

/** The activity parts of the dashboard's figures statement (./figures.ts), and how to read them back. */
export function activityQuery(
  ctx: Ctx,
  { query, period, now, today, chartStart, withAssigneeTasks }: { query: DashboardQuery; period: Period; now: Date; today: string; chartStart: string; withAssigneeTasks: boolean },
): { sql: Prisma.Sql; read: (rows: FigureRow[]) => ActivityCounts } {
  const org = ctx.organizationId;
  const { from, to, previous } = period;
  // timestamp columns are compared with UTC midnights as timestamptz values, not dates: a date cast to
  // timestamptz depends on the session's zone, so the planner could not estimate the range and chose
  // a nested loop over every protest (ten times the buffers)
  const midnight = (day: string) => `${day}T00:00:00Z`;
  const fromTs = midnight(from);
  const previousTs = midnight(previous.from);
  const afterTo = midnight(new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
  const assigneeTasks = withAssigneeTasks
    ? Prisma.sql`
    UNION ALL
    SELECT 'assignee', t."assigneeId"::text, NULL, NULL, count(*)::int, count(*) FILTER (WHERE t."dueDate" < ${today}::date)::int, 0, 0
      FROM tasks t
     WHERE t."organizationId" = ${org}::uuid AND t."deletedAt" IS NULL AND t.status = 'OPEN' AND t."assigneeId" IS NOT NULL
     GROUP BY t."assigneeId"
    UNION ALL
    SELECT 'member', m."userId"::text, m.role::text, u.name, 0, 0, 0, 0
      FROM memberships m JOIN users u ON u.id = m."userId"
     WHERE m."organizationId" = ${org}::uuid AND m."deactivatedAt" IS NULL AND m.role::text IN ('ADMIN', 'COORDINATOR', 'VOLUNTEER')`
    : Prisma.empty;
  // Over whole months (the periods offered, and custom ones that run over whole months) the people at
  // protests and the police actions come from the summaries the database keeps current at commit
  // (migration 20261204010000): a few rows per month. The people of a run of months are the rows in those
  // months whose previous month with a protest is before the run, each person once.
  const whole = wholeMonths(period);
  const fromSummaries = Prisma.sql`
    UNION ALL
    SELECT 'participants', NULL, NULL, NULL,
           coalesce(sum(d.n) FILTER (WHERE d.day >= ${from}::date AND d.key < ${from.slice(0, 7)}), 0)::int,
           coalesce(sum(d.n) FILTER (WHERE d.day < ${from}::date AND d.key < ${previous.from.slice(0, 7)}), 0)::int, 0, 0
      FROM dashboard_counts d
     WHERE d."organizationId" = ${org}::uuid AND d.kind = 'people' AND d.day >= ${previous.from}::date AND d.day <= ${to}::date
    UNION ALL
    SELECT 'police', to_char(d.day, 'YYYY-MM'), split_part(d.key, '|', 1), nullif(split_part(d.key, '|', 2), ''),
           CASE WHEN d.day >= ${from}::date THEN d.n ELSE 0 END,
           CASE WHEN d.day >= ${previous.from}::date AND d.day < ${from}::date THEN d.n ELSE 0 END,
           CASE WHEN d.day >= ${chartStart}::date THEN d.n ELSE 0 END, 0
      FROM dashboard_counts d
     WHERE d."organizationId" = ${org}::uuid AND d.kind = 'police'
       AND d.day >= LEAST(${previous.from}::date, ${chartStart}::date) AND d.day <= ${to}::date`;
  // any other period counts the rows themselves
  const fromRows = Prisma.sql`
    UNION ALL
    -- the people at them: one row per person (a hash aggregate), instead of a sort per distinct count
    SELECT 'participants', NULL, NULL, NULL, count(*) FILTER (WHERE x.current)::int, count(*) FILTER (WHERE x.previous)::int, 0, 0
      FROM (SELECT pp."personId", bool_or(p."startsAt" >= ${fromTs}::timestamptz) AS current, bool_or(p."startsAt" < ${fromTs}::timestamptz) AS previous
              FROM protests p JOIN protest_participations pp ON pp."protestId" = p.id
             WHERE p."organizationId" = ${org}::uuid AND p."deletedAt" IS NULL
               AND p."startsAt" >= ${previousTs}::timestamptz AND p."startsAt" < ${afterTo}::timestamptz
             GROUP BY pp."personId") AS x
    UNION ALL
    SELECT 'police', to_char(a.month, 'YYYY-MM'), a.type::text, a.outcome::text, a.current, a.previous, a.chart, 0
      FROM (
    -- grouped by the month's first day and the enums themselves: text is made once per group, not per row
    SELECT date_trunc('month', a.date) AS month, a.type, a.outcome,
           count(*) FILTER (WHERE a.date >= ${from}::date)::int AS current,
           count(*) FILTER (WHERE a.date >= ${previous.from}::date AND a.date < ${from}::date)::int AS previous,
           count(*) FILTER (WHERE a.date >= ${chartStart}::date)::int AS chart
      FROM police_actions a
     WHERE a."organizationId" = ${org}::uuid AND a."deletedAt" IS NULL
       AND a.date >= LEAST(${previous.from}::date, ${chartStart}::date) AND a.date <= ${to}::date
     GROUP BY 1, 2, 3) AS a`;
  const sql = Prisma.sql`
    SELECT 'protests' AS part, NULL::text AS k1, NULL::text AS k2, NULL::text AS k3,
           count(*) FILTER (WHERE p."startsAt" >= ${fromTs}::timestamptz)::int AS a,
           count(*) FILTER (WHERE p."startsAt" < ${fromTs}::timestamptz)::int AS b, 0 AS c, 0 AS d
      FROM protests p
     WHERE p."organizationId" = ${org}::uuid AND p."deletedAt" IS NULL
       AND p."startsAt" >= ${previousTs}::timestamptz AND p."startsAt" < ${afterTo}::timestamptz
${whole ? fromSummaries : fromRows}
    UNION ALL
    -- hearings still to come without an outcome: the days after today from their summary, today's from now
    -- on from the index of waiting hearings
    SELECT 'hearings', NULL, NULL, NULL, coalesce(sum(d.n), 0)::int, 0, 0, 0
      FROM dashboard_counts d
     WHERE d."organizationId" = ${org}::uuid AND d.kind = 'hearing' AND d.day > ${today}::date
    UNION ALL
    SELECT 'hearings', NULL, NULL, NULL, count(*)::int, 0, 0, 0
      FROM police_actions a
     WHERE a."organizationId" = ${org}::uuid AND a."deletedAt" IS NULL AND a.outcome IS NULL
       AND a."hearingAt" >= ${now} AND a."hearingAt" < ${midnight(new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10))}::timestamptz
    UNION ALL
    SELECT 'advocacy', NULL, NULL, NULL,
           count(*) FILTER (WHERE a.date >= ${from}::date AND a."responseDate" IS NOT NULL)::int,
           count(*) FILTER (WHERE a.date >= ${from}::date AND a."responseDate" IS NULL)::int,
           count(*) FILTER (WHERE a.date < ${from}::date AND a."responseDate" IS NOT NULL)::int,
           count(*) FILTER (WHERE a.date < ${from}::date AND a."responseDate" IS NULL)::int
      FROM advocacy_actions a
     WHERE a."organizationId" = ${org}::uuid AND a."deletedAt" IS NULL
       AND a.date >= ${previous.from}::date AND a.date <= ${to}::date AND ${rowOfCase(ctx, query, Prisma.sql`a."caseId"`)}
    UNION ALL
    SELECT 'tasks', NULL, NULL, NULL,
           count(*) FILTER (WHERE t.status = 'DONE' AND t."completedAt" >= ${fromTs}::timestamptz AND t."completedAt" < ${afterTo}::timestamptz)::int,
           count(*) FILTER (WHERE t.status = 'DONE' AND t."completedAt" >= ${previousTs}::timestamptz AND t."completedAt" < ${fromTs}::timestamptz)::int,
           count(*) FILTER (WHERE t.status = 'OPEN' AND t."dueDate" < ${today}::date)::int, 0
      FROM tasks t
     WHERE t."organizationId" = ${org}::uuid AND t."deletedAt" IS NULL
       AND (t."caseId" IS NULL OR ${rowOfCase(ctx, query, Prisma.sql`t."caseId"`)})${assigneeTasks}`;
  return { sql, read: readRows };
}

function readRows(rows: FigureRow[]): ActivityCounts {
  const counts: ActivityCounts = {
    protests: { current: 0, previous: 0 },
    participants: { current: 0, previous: 0 },
    police: [],
    pendingHearings: 0,
    advocacy: { current: { answered: 0, unanswered: 0 }, previous: { answered: 0, unanswered: 0 } },
    tasks: { doneCurrent: 0, donePrevious: 0, overdue: 0 },
    tasksByAssignee: new Map(),
    members: [],
  };
  for (const row of rows) {
    if (row.part === "protests") counts.protests = { current: row.a, previous: row.b };
    else if (row.part === "participants") counts.participants = { current: row.a, previous: row.b };
    else if (row.part === "police") {
      counts.police.push({ month: row.k1 ?? "", type: row.k2 as PoliceActionType, outcome: row.k3 as PoliceOutcome | null, current: row.a, previous: row.b, chart: row.c });
    } else if (row.part === "hearings") counts.pendingHearings += row.a;
    else if (row.part === "advocacy") counts.advocacy = { current: { answered: row.a, unanswered: row.b }, previous: { answered: row.c, unanswered: row.d } };
    else if (row.part === "tasks") counts.tasks = { doneCurrent: row.a, donePrevious: row.b, overdue: row.c };
    else if (row.part === "assignee" && row.k1) counts.tasksByAssignee.set(row.k1, { open: row.a, overdue: row.b });
    else if (row.part === "member" && row.k1) counts.members.push({ userId: row.k1, role: row.k2 ?? "", name: row.k3 ?? "" });
  }
  return counts;
}
