// The dashboard's case counts, read from the summaries the database keeps current in the same transaction
// as every change (migration 20261202020000_dashboard_summaries): the organisation's sums
// (dashboard_counts), or, with a case filter, the facts of the filtered cases (dashboard_case_facts).
// Either way a view sums a few summary rows per figure; no view groups the cases or their events.
import "server-only";
import type { Ctx } from "@/lib/authz";
import { Prisma } from "@/lib/generated/prisma/client";
import { CaseStatus } from "@/lib/generated/prisma/enums";
import { CASE_STATUS_CODES } from "@/lib/cases/status-code";
import type { DashboardQuery } from "@/lib/validations/dashboard";
import { caseWhere, hasCaseFilter } from "./internal";
import type { Period } from "./period";

/** The status changes the headline counts: cases that had such an event in the period. */
export const STATUS_CHANGES = ["RELEASED", "RETURNED", "SENTENCED", "DIED", "CONTACT_LOST"] as const;
export type StatusChange = (typeof STATUS_CHANGES)[number];
export type Bucket = "current" | "previous";

const STATUS_BY_CODE = new Map(Object.entries(CASE_STATUS_CODES).map(([status, code]) => [String(code), status as CaseStatus]));
const CASE_STATUSES = Object.values(CaseStatus);
const NO_DAY = "1970-01-01";

export interface CaseSummary {
  open: Record<CaseStatus, number>;
  /** open cases without a volunteer, and open cases with no change since the stale day */
  unassigned: number;
  stale: number;
  byAssignee: Map<string, { open: number; stale: number }>;
  newCases: Record<Bucket, number>;
  /** null when a period does not run over whole months: the caller counts the events themselves */
  statusChanges: Record<Bucket, Record<StatusChange, number>> | null;
  /** per chart month (YYYY-MM) */
  openedByMonth: Map<string, number>;
  releasedByMonth: Map<string, number>;
  /** cases in each status at the end of each chart month */
  statusByMonth: Map<string, Record<CaseStatus, number>>;
  hometown: { place: string | null; n: number }[];
  family: { place: string | null; n: number }[];
  years: { years: number; n: number }[];
  /** open cases, and open cases ready for each UN Working Group (kept readiness) */
  openTotal: number;
  unReady: { WGEID: number; WGAD: number };
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const monthOf = (day: string) => day.slice(0, 7);
const isFirstOfMonth = (day: string) => day.endsWith("-01");
const isLastOfMonth = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).getUTCDate() === 1;

/** Whether a period and the one before it run over whole months, as the event counts are kept. */
export function wholeMonths(period: Period): boolean {
  return [period.from, period.previous.from].every(isFirstOfMonth) && [period.to, period.previous.to].every(isLastOfMonth);
}

/** One row of the dashboard's figures statement: a part's name, up to three keys and four numbers. */
export interface FigureRow {
  part: string;
  k1: string | null;
  k2: string | null;
  k3: string | null;
  a: number;
  b: number;
  c: number;
  d: number;
}

/**
 * The case parts of the dashboard's figures statement, and how to read them back; the caller sends them
 * with the other figures' parts as one statement (./figures.ts).
 */
export function caseSummaryQuery(ctx: Ctx, query: DashboardQuery, period: Period, staleBefore: string): { sql: Prisma.Sql; read: (rows: FigureRow[]) => CaseSummary } {
  const org = ctx.organizationId;
  const source = hasCaseFilter(query)
    ? Prisma.sql`(SELECT f.kind, f.key, f.day, f.n FROM dashboard_case_facts f
                   WHERE f."organizationId" = ${org}::uuid AND f."caseId" IN (SELECT c.id FROM cases c WHERE ${caseWhere(ctx, query)})) AS s`
    : Prisma.sql`(SELECT d.kind, d.key, d.day, d.n FROM dashboard_counts d WHERE d."organizationId" = ${org}::uuid) AS s`;
  const { from, to, previous } = period;
  const chartStart = `${period.months[0] ?? monthOf(from)}-01`;
  const lastMonth = `${period.months.at(-1) ?? monthOf(to)}-01`;
  const earliest = previous.from < chartStart ? previous.from : chartStart;

  // five parts (each a few summary rows):
  //   state:  open cases by status and volunteer, by places and years, and those ready for a UN
  //           Working Group, as they are now
  //   recent: open cases changed since the stale day, per volunteer (the rest have gone quiet)
  //   opened: cases opened per month, in each period and in the chart's months
  //   event:  an event row counts a case in its month; in a run of months only where the case had none in
  //           the months of the run before it (the key carries the previous month with such an event)
  //   status: the change in each status per month; before the chart's first month summed into one start
  const sql = Prisma.sql`
    SELECT 'state' AS part, s.kind AS k1, s.key AS k2, '' AS k3, sum(s.n)::int AS a, 0 AS b, 0 AS c, 0 AS d FROM ${source}
     WHERE s.kind IN ('open', 'hometown', 'family', 'years', 'un') AND s.day = ${NO_DAY}::date
     GROUP BY s.kind, s.key
    UNION ALL
    SELECT 'recent', s.kind, s.key, '', sum(s.n)::int, 0, 0, 0 FROM ${source}
     WHERE s.kind = 'quiet' AND s.day >= ${staleBefore}::date
     GROUP BY s.kind, s.key
    UNION ALL
    SELECT 'opened', s.kind, '', to_char(s.day, 'YYYY-MM'),
           coalesce(sum(s.n) FILTER (WHERE s.day >= ${from}::date AND s.day <= ${to}::date), 0)::int,
           coalesce(sum(s.n) FILTER (WHERE s.day >= ${previous.from}::date AND s.day <= ${previous.to}::date), 0)::int,
           coalesce(sum(s.n) FILTER (WHERE s.day >= ${chartStart}::date), 0)::int, 0
      FROM ${source}
     WHERE s.kind = 'opened' AND s.day >= ${earliest}::date AND s.day <= ${to}::date
     GROUP BY s.kind, to_char(s.day, 'YYYY-MM')
    UNION ALL
    SELECT 'event', s.kind, split_part(s.key, '|', 1), to_char(s.day, 'YYYY-MM'),
           coalesce(sum(s.n) FILTER (WHERE s.day >= ${from}::date AND split_part(s.key, '|', 2) < ${monthOf(from)}), 0)::int,
           coalesce(sum(s.n) FILTER (WHERE s.day <= ${previous.to}::date AND split_part(s.key, '|', 2) < ${monthOf(previous.from)}), 0)::int,
           sum(s.n)::int, 0
      FROM ${source}
     WHERE s.kind = 'event' AND s.day >= ${`${monthOf(earliest)}-01`}::date AND s.day <= ${to}::date
     GROUP BY s.kind, split_part(s.key, '|', 1), to_char(s.day, 'YYYY-MM')
    UNION ALL
    SELECT 'status', s.kind, s.key, CASE WHEN s.day < ${chartStart}::date THEN '' ELSE to_char(s.day, 'YYYY-MM') END, sum(s.n)::int, 0, 0, 0
      FROM ${source}
     WHERE s.kind = 'status' AND s.day <= ${lastMonth}::date
     GROUP BY s.kind, s.key, 4`;
  return { sql, read: (rows) => readRows(rows, period) };
}

function readRows(rows: FigureRow[], period: Period): CaseSummary {
  const { from, previous } = period;
  const chartStart = `${period.months[0] ?? monthOf(from)}-01`;
  const part = (name: string) => rows.filter((row) => row.part === name).map((row) => ({ ...row, kind: row.k1 ?? "", key: row.k2 ?? "", month: row.k3 ?? "" }));
  const stateRows = part("state").map((row) => ({ kind: row.kind, key: row.key, n: row.a }));
  const recentRows = part("recent").map((row) => ({ key: row.key, n: row.a }));
  const openedRows = part("opened").map((row) => ({ month: row.month, current: row.a, previous: row.b, chart: row.c }));
  const eventRows = part("event").map((row) => ({ type: row.key, month: row.month, firstInCurrent: row.a, firstInPrevious: row.b, n: row.c }));
  const statusRows = part("status").map((row) => ({ key: row.key, month: row.month, n: row.a }));

  const open = zeros(CASE_STATUSES);
  let unassigned = 0;
  let openTotal = 0;
  const byAssignee = new Map<string, { open: number; stale: number }>();
  const hometown: CaseSummary["hometown"] = [];
  const family: CaseSummary["family"] = [];
  const years: CaseSummary["years"] = [];
  const unReady = { WGEID: 0, WGAD: 0 };
  for (const row of stateRows) {
    if (row.kind === "open") {
      const [code = "", assignee = ""] = row.key.split("|");
      const status = STATUS_BY_CODE.get(code);
      if (status) open[status] += row.n;
      openTotal += row.n;
      if (!assignee) unassigned += row.n;
      else {
        const mine = byAssignee.get(assignee) ?? { open: 0, stale: 0 };
        mine.open += row.n;
        byAssignee.set(assignee, mine);
      }
    } else if (row.kind === "un") {
      if (row.key === "WGEID" || row.key === "WGAD") unReady[row.key] += row.n;
    } else if (row.kind === "hometown") hometown.push({ place: row.key || null, n: row.n });
    else if (row.kind === "family") family.push({ place: row.key || null, n: row.n });
    else years.push({ years: Number(row.key), n: row.n });
  }
  let recentTotal = 0;
  const recentBy = new Map(recentRows.map((row) => [row.key, row.n]));
  for (const row of recentRows) recentTotal += row.n;
  for (const [assignee, mine] of byAssignee) mine.stale = mine.open - (recentBy.get(assignee) ?? 0);

  const newCases = { current: 0, previous: 0 };
  const openedByMonth = new Map<string, number>();
  for (const row of openedRows) {
    newCases.current += row.current;
    newCases.previous += row.previous;
    if (row.chart) openedByMonth.set(row.month, row.chart);
  }

  const changes: Record<Bucket, Record<StatusChange, number>> = { current: zeros(STATUS_CHANGES), previous: zeros(STATUS_CHANGES) };
  const releasedByMonth = new Map<string, number>();
  const fromMonth = monthOf(from);
  const previousFromMonth = monthOf(previous.from);
  for (const row of eventRows) {
    if (row.type === "RELEASED_OR_RETURNED") {
      if (row.month >= monthOf(chartStart)) releasedByMonth.set(row.month, row.n);
      continue;
    }
    if (!(STATUS_CHANGES as readonly string[]).includes(row.type)) continue;
    const type = row.type as StatusChange;
    if (row.month >= fromMonth) changes.current[type] += row.firstInCurrent;
    else if (row.month >= previousFromMonth) changes.previous[type] += row.firstInPrevious;
  }

  // running sums: the cases in each status at the end of each month
  const running = zeros(CASE_STATUSES);
  const deltas = new Map<string, Record<CaseStatus, number>>();
  for (const row of statusRows) {
    const status = STATUS_BY_CODE.get(row.key);
    if (!status) continue;
    if (row.month === "") running[status] += row.n;
    else {
      const line = deltas.get(row.month) ?? zeros(CASE_STATUSES);
      line[status] += row.n;
      deltas.set(row.month, line);
    }
  }
  const statusByMonth = new Map<string, Record<CaseStatus, number>>();
  for (const month of period.months) {
    const change = deltas.get(month);
    if (change) for (const status of CASE_STATUSES) running[status] += change[status];
    statusByMonth.set(month, { ...running });
  }

  return {
    open,
    unassigned,
    stale: openTotal - recentTotal,
    byAssignee,
    newCases,
    statusChanges: wholeMonths(period) ? changes : null,
    openedByMonth,
    releasedByMonth,
    statusByMonth,
    hometown,
    family,
    years,
    openTotal,
    unReady,
  };
}
