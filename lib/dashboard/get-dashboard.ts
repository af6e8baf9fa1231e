// The coordinator's (and the analyst's) dashboard: headline figures for a period against the one before,
// the charts' numbers, and, for coordinators and admins, what needs doing today and the workload.
// Case figures come from the summaries the database keeps current (./summary.ts); the smaller tables are
// counted by PostgreSQL; no row is loaded to be counted. Analysts get the same figures through the small-cell rule and nothing that names anyone.
import "server-only";
import { authorize, can, type Ctx, membershipScope } from "@/lib/authz";
import { withTenantReadOnly } from "@/lib/db-replica";
import { notFound } from "@/lib/errors";
import { CaseStatus, PoliceActionType, PoliceOutcome } from "@/lib/generated/prisma/enums";
import { countPublisher, type PublishedCount, type PublishedGroup, type PublishedTable } from "@/lib/stats/small-cell";
import { dashboardQuerySchema, type DashboardQuery } from "@/lib/validations/dashboard";
import { activityQuery } from "./activity";
import { computeCharts, type DashboardCharts } from "./charts";
import { Prisma } from "@/lib/generated/prisma/client";
import { caseWhere, daysBefore, hasCaseFilter, listHref, loadSettings, rowOfCase, type DashboardSettings } from "./internal";
import { resolvePeriod, type Period } from "./period";
import { caseSummaryQuery, STATUS_CHANGES, type Bucket, type FigureRow, type StatusChange } from "./summary";
import { computeNeedsDoing, type NeedsDoing } from "./needs-doing";
import { computeWorkload, type WorkloadRow } from "./workload";
import type { UnReadinessSummary } from "@/lib/un-submissions/find-un-readiness-summary";
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

  // the UN figures come from the UN services' own transactions (under their own permission), read on
  // their own connections while the figures are read: the view waits for the longer of the two. Without
  // a case filter the readiness counts are taken from the summaries the figures read (counted as the UN
  // service counts them: the organisation's open cases); with one, the UN service counts them itself.
  let readinessFromSummary: { resolve: (value: UnReadinessSummary) => void; reject: (error: unknown) => void } | undefined;
  const readiness = hasCaseFilter(query)
    ? undefined
    : new Promise<UnReadinessSummary>((resolve, reject) => (readinessFromSummary = { resolve, reject }));
  readiness?.catch(() => {});
  const unSubmissions = findUnSubmissionsTodo(ctx, now, readiness);
  // a failure of the figures is the one reported; the UN read's outcome is then not wanted
  unSubmissions.catch(() => {});
  const figures = withTenantReadOnly(ctx, async (tx): Promise<Omit<DashboardData, "unSubmissions">> => {
    const settings = await loadSettings(tx, ctx);
    if (query.assignee && query.assignee !== "none") {
      // a volunteer filter names a member of this organisation; anyone else is simply not found
      const member = await tx.membership.findFirst({ where: { ...membershipScope(ctx), userId: query.assignee }, select: { id: true } });
      if (!member) throw notFound();
    }
    const publish = countPublisher(can(ctx, "stats.exact"), settings.smallCellThreshold);
    const staleBefore = daysBefore(today, settings.staleCaseDays);

    // cases: from the summaries kept by the database (no pass over the cases or their events); protests,
    // police actions, hearings, advocacy and tasks (./activity.ts): all in one statement
    const coordinating = can(ctx, "stats.exact") && seesCases;
    const chartStart = `${period.months[0] ?? from.slice(0, 7)}-01`;
    const caseParts = caseSummaryQuery(ctx, query, period, staleBefore);
    const activityParts = activityQuery(ctx, { query, period, now, today, chartStart, withAssigneeTasks: coordinating });
    const figureRows = await tx.$queryRaw<FigureRow[]>`${caseParts.sql}
    UNION ALL
    ${activityParts.sql}`;
    const summary = caseParts.read(figureRows);
    const activity = activityParts.read(figureRows);
    const ready = (kind: "WGEID" | "WGAD") => ({ ready: summary.unReady[kind], missing: summary.openTotal - summary.unReady[kind] });
    readinessFromSummary?.resolve({ WGEID: ready("WGEID"), WGAD: ready("WGAD") });
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

    const byType: Record<Bucket, Record<PoliceActionType, number>> = { current: zeros(POLICE_TYPES), previous: zeros(POLICE_TYPES) };
    const byOutcome: Record<Bucket, Record<PoliceOutcome, number>> = { current: zeros(POLICE_OUTCOMES), previous: zeros(POLICE_OUTCOMES) };
    for (const row of activity.police) {
      for (const bucket of ["current", "previous"] as const) {
        byType[bucket][row.type] += row[bucket];
        if (row.outcome) byOutcome[bucket][row.outcome] += row[bucket];
      }
    }
    const advocacy = activity.advocacy;
    const protestRow = { protestsCurrent: activity.protests.current, protestsPrevious: activity.protests.previous, peopleCurrent: activity.participants.current, peoplePrevious: activity.participants.previous };
    const hearingRow = { n: activity.pendingHearings };
    const taskRow = activity.tasks;

    const charts = await computeCharts(tx, { period, publish, summary, police: activity.police });
    const needsDoing = coordinating ? await computeNeedsDoing(tx, ctx, { query, where, today, now, staleBefore, settings, caseCounts }) : null;
    const workload = coordinating ? computeWorkload({ byAssignee, tasksByAssignee: activity.tasksByAssignee, members: activity.members }) : null;

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
  // the UN figures wait for the summary; if the figures fail before it, the UN read ends too
  figures.catch((error: unknown) => readinessFromSummary?.reject(error));
  return { ...(await figures), unSubmissions: await unSubmissions };
}

export type { PublishedTable };
