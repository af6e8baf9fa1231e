// The coordinator's (and the analyst's) dashboard: headline figures for a period against the one before,
// the charts' numbers, and, for coordinators and admins, what needs doing today and the workload.
// Case figures come from the summaries the database keeps current (./summary.ts); the smaller tables are
// counted by PostgreSQL; no row is loaded to be counted. Analysts get the same figures through the small-cell rule and nothing that names anyone.
import "server-only";
import { authorize, can, type Ctx } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { CaseStatus, PoliceActionType, PoliceOutcome } from "@/lib/generated/prisma/enums";
import { countPublisher, type PublishedCount, type PublishedGroup, type PublishedTable } from "@/lib/stats/small-cell";
import { dashboardQuerySchema, type DashboardQuery } from "@/lib/validations/dashboard";
import { computeCharts, type DashboardCharts } from "./charts";
import { Prisma } from "@/lib/generated/prisma/client";
import { caseWhere, daysBefore, listHref, loadSettings, rowOfCase, type DashboardSettings } from "./internal";
import { resolvePeriod, type Period } from "./period";
import { readCaseSummary, STATUS_CHANGES, type Bucket, type StatusChange } from "./summary";
import { computeNeedsDoing, type NeedsDoing } from "./needs-doing";
import { computeWorkload, type WorkloadRow } from "./workload";
import { findUnSubmissionsTodo, type UnSubmissionsTodo } from "./un-submissions-todo";
import { parseInput } from "@/lib/service-kit";

export { STATUS_CHANGES, type StatusChange } from "./summary";
export const ADVOCACY_STATES = ["answered", "unanswered"] as const;
export type AdvocacyState = (typeof ADVOCACY_STATES)[number];

export interface Figure {
  current: PublishedCount;
  /** the same figure in the previous period; null for figures that are a state now (e.g. overdue) */
  previous: PublishedCount | null;
  href: string | null;
}

export interface GroupFigure<K extends string> {
  current: PublishedGroup<K>;
  previous: PublishedGroup<K> | null;
  /** the list each cell counts ("total" for the whole group); null when the reader may not open it */
  hrefs: Partial<Record<K | "total", string>> | null;
}

export interface DashboardData {
  period: Period;
  filters: DashboardQuery;
  /** exact counts (coordinators, admins) or published through the small-cell rule (analysts) */
  exact: boolean;
  threshold: number;
  settings: Pick<DashboardSettings, "staleCaseDays" | "unansweredAdvocacyDays">;
  headline: {
    openByStatus: GroupFigure<CaseStatus>;
    newCases: Figure;
    statusChanges: GroupFigure<StatusChange>;
    protests: Figure;
    participants: Figure;
    policeByType: GroupFigure<PoliceActionType>;
    policeByOutcome: GroupFigure<PoliceOutcome>;
    pendingHearings: Figure;
    advocacy: GroupFigure<AdvocacyState>;
    tasksDone: Figure;
    tasksOverdue: Figure;
  };
  charts: DashboardCharts;
  /** coordinators and admins only */
  needsDoing: NeedsDoing | null;
  workload: WorkloadRow[] | null;
  /** UN readiness counts and reply reminders; only for roles holding unSubmissions.manage */
  unSubmissions: UnSubmissionsTodo | null;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const CASE_STATUSES = Object.values(CaseStatus);
const POLICE_TYPES = Object.values(PoliceActionType);
const POLICE_OUTCOMES = Object.values(PoliceOutcome);


export async function getDashboard(ctx: Ctx, input: unknown = {}, now: Date = new Date()): Promise<DashboardData> {
  authorize(ctx, "stats.read");
  const query = parseInput(dashboardQuerySchema, input);
  const period = resolvePeriod(query, now);
  const today = now.toISOString().slice(0, 10);
  const { from, to, previous } = period;
  const seesCases = can(ctx, "cases.read");
  const seesProtests = can(ctx, "protests.read");
  const where = caseWhere(ctx, query);

  const dashboard = await withTenant(ctx, async (tx): Promise<Omit<DashboardData, "unSubmissions">> => {
    const settings = await loadSettings(tx, ctx);
    if (query.assignee && query.assignee !== "none") {
      // a volunteer filter names a member of this organisation; anyone else is simply not found
      const member = await tx.membership.findFirst({ where: { organizationId: ctx.organizationId, userId: query.assignee }, select: { id: true } });
      if (!member) throw notFound();
    }
    const publish = countPublisher(can(ctx, "stats.exact"), settings.smallCellThreshold);
    const staleBefore = daysBefore(today, settings.staleCaseDays);

    // cases: from the summaries kept by the database (no pass over the cases or their events)
    const summary = await readCaseSummary(tx, ctx, query, period, staleBefore);
    const open = summary.open;
    const newCurrent = summary.newCases.current;
    const newPrevious = summary.newCases.previous;
    const caseCounts = { stale: summary.stale, unassigned: summary.unassigned };
    const byAssignee = summary.byAssignee;

    // status changes: cases with such an event dated in each period; kept by month, so a period that does
    // not run over whole months counts its events here
    let changes = summary.statusChanges;
    if (!changes) {
      const changeRows = await tx.$queryRaw<{ type: StatusChange; bucket: Bucket; n: number }[]>`
        SELECT e.type::text AS type, CASE WHEN e.date >= ${from}::date THEN 'current' ELSE 'previous' END AS bucket, count(DISTINCT e."caseId")::int AS n
          FROM case_events e
         WHERE e."organizationId" = ${ctx.organizationId}::uuid AND e."deletedAt" IS NULL
           AND e.date >= ${previous.from}::date AND e.date <= ${to}::date
           AND e.type::text IN (${Prisma.join([...STATUS_CHANGES])})
           AND ${rowOfCase(ctx, query, Prisma.sql`e."caseId"`)}
         GROUP BY 1, 2`;
      changes = { current: zeros(STATUS_CHANGES), previous: zeros(STATUS_CHANGES) };
      for (const row of changeRows) changes[row.bucket][row.type] = row.n;
    }

    // protests and the people who took part
    const [protestRow] = await tx.$queryRaw<{ protestsCurrent: number; protestsPrevious: number; peopleCurrent: number; peoplePrevious: number }[]>`
      SELECT count(DISTINCT p.id) FILTER (WHERE p."startsAt" >= ${from}::date)::int AS "protestsCurrent",
             count(DISTINCT p.id) FILTER (WHERE p."startsAt" < ${from}::date)::int AS "protestsPrevious",
             count(DISTINCT pp."personId") FILTER (WHERE p."startsAt" >= ${from}::date)::int AS "peopleCurrent",
             count(DISTINCT pp."personId") FILTER (WHERE p."startsAt" < ${from}::date)::int AS "peoplePrevious"
        FROM protests p LEFT JOIN protest_participations pp ON pp."protestId" = p.id
       WHERE p."organizationId" = ${ctx.organizationId}::uuid AND p."deletedAt" IS NULL
         AND p."startsAt" >= ${previous.from}::date AND p."startsAt" < ${to}::date + 1`;

    // police actions by type and outcome in each period, and hearings still to come
    const policeRows = await tx.$queryRaw<{ type: PoliceActionType; outcome: PoliceOutcome | null; bucket: Bucket; n: number }[]>`
      SELECT a.type::text AS type, a.outcome::text AS outcome, CASE WHEN a.date >= ${from}::date THEN 'current' ELSE 'previous' END AS bucket, count(*)::int AS n
        FROM police_actions a
       WHERE a."organizationId" = ${ctx.organizationId}::uuid AND a."deletedAt" IS NULL
         AND a.date >= ${previous.from}::date AND a.date <= ${to}::date
       GROUP BY 1, 2, 3`;
    const byType: Record<Bucket, Record<PoliceActionType, number>> = { current: zeros(POLICE_TYPES), previous: zeros(POLICE_TYPES) };
    const byOutcome: Record<Bucket, Record<PoliceOutcome, number>> = { current: zeros(POLICE_OUTCOMES), previous: zeros(POLICE_OUTCOMES) };
    for (const row of policeRows) {
      byType[row.bucket][row.type] += row.n;
      if (row.outcome) byOutcome[row.bucket][row.outcome] += row.n;
    }
    const [hearingRow] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM police_actions a
       WHERE a."organizationId" = ${ctx.organizationId}::uuid AND a."deletedAt" IS NULL AND a."hearingAt" >= ${now} AND a.outcome IS NULL`;

    // advocacy sent in each period, answered or not; tasks done in each period and overdue now
    const advocacyRows = await tx.$queryRaw<{ bucket: Bucket; answered: number; unanswered: number }[]>`
      SELECT CASE WHEN a.date >= ${from}::date THEN 'current' ELSE 'previous' END AS bucket,
             count(*) FILTER (WHERE a."responseDate" IS NOT NULL)::int AS answered,
             count(*) FILTER (WHERE a."responseDate" IS NULL)::int AS unanswered
        FROM advocacy_actions a
       WHERE a."organizationId" = ${ctx.organizationId}::uuid AND a."deletedAt" IS NULL
         AND a.date >= ${previous.from}::date AND a.date <= ${to}::date AND ${rowOfCase(ctx, query, Prisma.sql`a."caseId"`)}
       GROUP BY 1`;
    const advocacy: Record<Bucket, Record<AdvocacyState, number>> = { current: zeros(ADVOCACY_STATES), previous: zeros(ADVOCACY_STATES) };
    for (const row of advocacyRows) advocacy[row.bucket] = { answered: row.answered, unanswered: row.unanswered };
    const [taskRow] = await tx.$queryRaw<{ doneCurrent: number; donePrevious: number; overdue: number }[]>`
      SELECT count(*) FILTER (WHERE t.status = 'DONE' AND t."completedAt" >= ${from}::date AND t."completedAt" < ${to}::date + 1)::int AS "doneCurrent",
             count(*) FILTER (WHERE t.status = 'DONE' AND t."completedAt" >= ${previous.from}::date AND t."completedAt" < ${from}::date)::int AS "donePrevious",
             count(*) FILTER (WHERE t.status = 'OPEN' AND t."dueDate" < ${today}::date)::int AS overdue
        FROM tasks t
       WHERE t."organizationId" = ${ctx.organizationId}::uuid AND t."deletedAt" IS NULL
         AND (t."caseId" IS NULL OR ${rowOfCase(ctx, query, Prisma.sql`t."caseId"`)})`;

    const charts = await computeCharts(tx, ctx, { period, publish, summary });
    const coordinating = can(ctx, "stats.exact") && seesCases;
    const needsDoing = coordinating ? await computeNeedsDoing(tx, ctx, { query, where, today, now, staleBefore, settings, caseCounts }) : null;
    const workload = coordinating ? await computeWorkload(tx, ctx, { today, byAssignee }) : null;

    const caseLink = (extra: Record<string, string | undefined>) => (seesCases ? listHref("/cases", query, extra) : null);
    const protestLink = (path: string, extra: Record<string, string | undefined>) => (seesProtests ? listHref(path, null, extra) : null);
    const periodRange = { from, to };
    const hrefsFor = <K extends string>(keys: readonly K[], link: (key: K) => string | null, total: string | null): Partial<Record<K | "total", string>> | null => {
      const entries = keys.flatMap((key) => {
        const href = link(key);
        return href ? [[key, href] as const] : [];
      });
      if (entries.length === 0 && !total) return null;
      return Object.fromEntries(total ? [...entries, ["total", total] as const] : entries) as Partial<Record<K | "total", string>>;
    };

    return {
      period,
      filters: query,
      exact: publish.exact,
      threshold: publish.threshold,
      settings: { staleCaseDays: settings.staleCaseDays, unansweredAdvocacyDays: settings.unansweredAdvocacyDays },
      headline: {
        openByStatus: {
          current: publish.group(open),
          previous: null,
          hrefs: hrefsFor(CASE_STATUSES, (status) => caseLink({ status }), caseLink({})),
        },
        newCases: {
          current: publish.count(newCurrent),
          previous: publish.count(newPrevious),
          href: caseLink({ openedFrom: from, openedTo: to, sort: "opened" }),
        },
        statusChanges: {
          current: publish.group(changes.current),
          previous: publish.group(changes.previous),
          hrefs: hrefsFor(STATUS_CHANGES, (type) => caseLink({ event: type, eventFrom: from, eventTo: to }), null),
        },
        protests: { current: publish.count(protestRow?.protestsCurrent ?? 0), previous: publish.count(protestRow?.protestsPrevious ?? 0), href: protestLink("/protests", periodRange) },
        participants: { current: publish.count(protestRow?.peopleCurrent ?? 0), previous: publish.count(protestRow?.peoplePrevious ?? 0), href: protestLink("/protests", periodRange) },
        policeByType: {
          current: publish.group(byType.current),
          previous: publish.group(byType.previous),
          hrefs: hrefsFor(POLICE_TYPES, (type) => protestLink("/police-actions", { ...periodRange, type }), protestLink("/police-actions", periodRange)),
        },
        policeByOutcome: {
          current: publish.group(byOutcome.current),
          previous: publish.group(byOutcome.previous),
          hrefs: hrefsFor(POLICE_OUTCOMES, (outcome) => protestLink("/police-actions", { ...periodRange, outcome }), null),
        },
        pendingHearings: { current: publish.count(hearingRow?.n ?? 0), previous: null, href: protestLink("/police-actions/upcoming", { days: "366" }) },
        advocacy: { current: publish.group(advocacy.current), previous: publish.group(advocacy.previous), hrefs: null },
        tasksDone: { current: publish.count(taskRow?.doneCurrent ?? 0), previous: publish.count(taskRow?.donePrevious ?? 0), href: null },
        tasksOverdue: { current: publish.count(taskRow?.overdue ?? 0), previous: null, href: null },
      },
      charts,
      needsDoing,
      workload,
    };
  });
  // read after the figures, in the UN services' own transactions and under their own permission
  return { ...dashboard, unSubmissions: await findUnSubmissionsTodo(ctx, now) };
}

export type { PublishedTable };
