// The numbers behind the dashboard's charts, counted by PostgreSQL per month or per place, published
// through the same small-cell rule as the figures (cross-tables protect every row and column).
import "server-only";
import type { Ctx } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { PoliceActionType } from "@/lib/generated/prisma/enums";
import type { CountPublisher, PublishedGroup, PublishedTable } from "@/lib/stats/small-cell";
import type { DashboardQuery } from "@/lib/validations/dashboard";
import { rowOfCase } from "./internal";
import type { Period } from "./period";

/** How long the slow-changing counts (by place, years) are reused before they are counted again. */
export const SLOW_COUNTS_TTL_MS = 10 * 60_000;

/** The events that change where a person is or what is known of them, as the status chart stacks them. */
export const CHART_EVENTS = ["DISAPPEARED", "DETAINED", "SENTENCED", "SENT_TO_CAMP", "HOUSE_ARREST", "RELEASED", "RETURNED", "CONTACT_LOST", "DIED"] as const;
export type ChartEvent = (typeof CHART_EVENTS)[number];
export const FLOW_SERIES = ["opened", "released"] as const;
export type FlowSeries = (typeof FLOW_SERIES)[number];
export const YEAR_BUCKETS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10+"] as const;
export type YearBucket = (typeof YEAR_BUCKETS)[number];
/** cases whose place is not in the gazetteer's Xinjiang (or Kazakhstan) list, or unknown */
export const OTHER_PLACE = "other";

export interface PlaceLabel {
  key: string;
  nameEn: string;
  nameKk: string | null;
  nameRu: string | null;
}

export interface DashboardCharts {
  months: string[];
  /** cases with a status-changing event, per month and kind of event */
  statusChangesByMonth: PublishedTable<string, ChartEvent>;
  /** cases opened, and cases released or returned, per month */
  flowByMonth: PublishedTable<string, FlowSeries>;
  policeByMonth: PublishedTable<string, PoliceActionType>;
  /** open cases by the subject's hometown prefecture in Xinjiang */
  byPrefecture: { places: PlaceLabel[]; counts: PublishedGroup<string> };
  /** cases by the Kazakh region the family (first contact) lives in */
  byFamilyRegion: { places: PlaceLabel[]; counts: PublishedGroup<string> };
  /** cases by whole years from the first detention (or disappearance) to the last lost contact */
  detentionToLastContact: PublishedGroup<YearBucket>;
  /** when the counts by place and by years were counted (they are reused for a few minutes) */
  slowCountsAt: string;
}

interface SlowCounts {
  hometown: { place: string | null; n: number }[];
  family: { place: string | null; n: number }[];
  years: { years: number; n: number }[];
}

interface PlaceRow {
  id: string;
  kind: string;
  country: string;
  parentId: string | null;
  nameEn: string;
  nameKk: string | null;
  nameRu: string | null;
}

/** The prefecture-level unit of a Xinjiang place: itself or the nearest prefecture, or a unit right under the region. */
function prefectureOf(place: PlaceRow | undefined, byId: Map<string, PlaceRow>): PlaceRow | null {
  for (let current = place, steps = 0; current && current.country === "CN" && steps < 10; steps++) {
    if (current.kind === "PREFECTURE" || current.kind === "AUTONOMOUS_PREFECTURE") return current;
    const parent = current.parentId ? byId.get(current.parentId) : undefined;
    if (!parent || current.kind === "REGION" || current.kind === "COUNTRY") return null;
    if (parent.kind === "REGION") return current;
    current = parent;
  }
  return null;
}

/** The Kazakh region of a place: itself, its region, or a city of republican significance (right under the country). */
function regionOf(place: PlaceRow | undefined, byId: Map<string, PlaceRow>): PlaceRow | null {
  for (let current = place, steps = 0; current && current.country === "KZ" && steps < 10; steps++) {
    if (current.kind === "REGION") return current;
    const parent = current.parentId ? byId.get(current.parentId) : undefined;
    if (!parent || current.kind === "COUNTRY") return null;
    if (parent.kind === "COUNTRY") return current;
    current = parent;
  }
  return null;
}

function byPlace(rows: { place: string | null; n: number }[], places: PlaceRow[], unitOf: (place: PlaceRow | undefined, byId: Map<string, PlaceRow>) => PlaceRow | null) {
  const byId = new Map(places.map((place) => [place.id, place]));
  const counts = new Map<string, number>();
  const labels = new Map<string, PlaceLabel>();
  for (const row of rows) {
    const unit = unitOf(row.place ? byId.get(row.place) : undefined, byId);
    const key = unit ? unit.id : OTHER_PLACE;
    if (unit) labels.set(key, { key, nameEn: unit.nameEn, nameKk: unit.nameKk, nameRu: unit.nameRu });
    counts.set(key, (counts.get(key) ?? 0) + row.n);
  }
  const sorted = [...labels.values()].sort((a, b) => (counts.get(b.key) ?? 0) - (counts.get(a.key) ?? 0) || a.nameEn.localeCompare(b.nameEn));
  const record: Record<string, number> = Object.fromEntries(sorted.map((label) => [label.key, counts.get(label.key) ?? 0]));
  record[OTHER_PLACE] = counts.get(OTHER_PLACE) ?? 0;
  return { labels: sorted, record };
}

function monthTable<C extends string>(months: string[], columns: readonly C[], rows: { month: string; key: string; n: number }[]): Record<string, Record<C, number>> {
  const table: Record<string, Record<C, number>> = Object.fromEntries(months.map((month) => [month, Object.fromEntries(columns.map((c) => [c, 0])) as Record<C, number>]));
  for (const row of rows) {
    const line = table[row.month];
    if (line && (columns as readonly string[]).includes(row.key)) line[row.key as C] += row.n;
  }
  return table;
}

export async function computeCharts(
  tx: Tx,
  ctx: Ctx,
  {
    query,
    period,
    where,
    publish,
    now,
    openedByMonth,
  }: { query: DashboardQuery; period: Period; where: Prisma.Sql; publish: CountPublisher; now: Date; openedByMonth: { month: string; n: number }[] },
): Promise<DashboardCharts> {
  const org = ctx.organizationId;
  const start = `${period.months[0] ?? period.from.slice(0, 7)}-01`;
  const end = period.to;

  const eventRows = await tx.$queryRaw<{ month: string; key: string; n: number }[]>`
    SELECT to_char(e.date, 'YYYY-MM') AS month, e.type::text AS key, count(DISTINCT e."caseId")::int AS n
      FROM case_events e
     WHERE e."organizationId" = ${org}::uuid AND e."deletedAt" IS NULL AND e.date >= ${start}::date AND e.date <= ${end}::date
       AND ${rowOfCase(ctx, query, Prisma.sql`e."caseId"`)}
     GROUP BY 1, 2`;
  const releasedRows = await tx.$queryRaw<{ month: string; n: number }[]>`
    SELECT to_char(e.date, 'YYYY-MM') AS month, count(DISTINCT e."caseId")::int AS n
      FROM case_events e
     WHERE e."organizationId" = ${org}::uuid AND e."deletedAt" IS NULL AND e.date >= ${start}::date AND e.date <= ${end}::date
       AND e.type::text IN ('RELEASED', 'RETURNED') AND ${rowOfCase(ctx, query, Prisma.sql`e."caseId"`)}
     GROUP BY 1`;
  const policeRows = await tx.$queryRaw<{ month: string; key: string; n: number }[]>`
    SELECT to_char(a.date, 'YYYY-MM') AS month, a.type::text AS key, count(*)::int AS n
      FROM police_actions a
     WHERE a."organizationId" = ${org}::uuid AND a."deletedAt" IS NULL AND a.date >= ${start}::date AND a.date <= ${end}::date
     GROUP BY 1, 2`;
  const slow = await slowCounts(tx, ctx, query, where, now);
  const places = await tx.place.findMany({ select: { id: true, kind: true, country: true, parentId: true, nameEn: true, nameKk: true, nameRu: true } });

  const flowRows = [...openedByMonth.map((row) => ({ ...row, key: "opened" })), ...releasedRows.map((row) => ({ ...row, key: "released" }))];
  const prefectures = byPlace(slow.counts.hometown, places, prefectureOf);
  const regions = byPlace(slow.counts.family, places, regionOf);
  const years = Object.fromEntries(YEAR_BUCKETS.map((bucket) => [bucket, 0])) as Record<YearBucket, number>;
  for (const row of slow.counts.years) years[(row.years >= 10 ? "10+" : String(Math.max(0, row.years))) as YearBucket] += row.n;

  return {
    months: period.months,
    statusChangesByMonth: publish.table(monthTable(period.months, CHART_EVENTS, eventRows), CHART_EVENTS),
    flowByMonth: publish.table(monthTable(period.months, FLOW_SERIES, flowRows), FLOW_SERIES),
    policeByMonth: publish.table(monthTable(period.months, Object.values(PoliceActionType), policeRows), Object.values(PoliceActionType)),
    byPrefecture: { places: prefectures.labels, counts: publish.group(prefectures.record) },
    byFamilyRegion: { places: regions.labels, counts: publish.group(regions.record) },
    detentionToLastContact: publish.group(years),
    slowCountsAt: slow.computedAt.toISOString(),
  };
}

/**
 * The counts that read every open case with its people, or every event: reused from dashboard_cache while
 * younger than SLOW_COUNTS_TTL_MS (per organisation and case filter), otherwise counted and stored.
 */
async function slowCounts(tx: Tx, ctx: Ctx, query: DashboardQuery, where: Prisma.Sql, now: Date): Promise<{ counts: SlowCounts; computedAt: Date }> {
  const key = `slow:${JSON.stringify([query.status ?? "", query.tag ?? "", query.hometown ?? "", query.assignee ?? ""])}`;
  const cached = await tx.dashboardCache.findUnique({ where: { organizationId_key: { organizationId: ctx.organizationId, key } }, select: { data: true, computedAt: true } });
  if (cached && now.getTime() - cached.computedAt.getTime() < SLOW_COUNTS_TTL_MS && cached.computedAt.getTime() <= now.getTime()) {
    return { counts: cached.data as unknown as SlowCounts, computedAt: cached.computedAt };
  }
  const org = ctx.organizationId;
  const hometown = await tx.$queryRaw<{ place: string | null; n: number }[]>`
    SELECT p."hometownPlaceId"::text AS place, count(*)::int AS n
      FROM cases c JOIN people p ON p.id = c."subjectPersonId"
     WHERE ${where} AND c."closedAt" IS NULL
     GROUP BY 1`;
  const family = await tx.$queryRaw<{ place: string | null; n: number }[]>`
    SELECT f.place, count(*)::int AS n FROM (
      SELECT DISTINCT ON (cc."caseId") p."hometownPlaceId"::text AS place
        FROM case_contacts cc JOIN cases c ON c.id = cc."caseId" JOIN people p ON p.id = cc."personId"
       WHERE cc."organizationId" = ${org}::uuid AND ${where} AND c."closedAt" IS NULL
       ORDER BY cc."caseId", cc."isPrimary" DESC, cc."createdAt") AS f
     GROUP BY 1`;
  const years = await tx.$queryRaw<{ years: number; n: number }[]>`
    SELECT LEAST(10, floor((s.lost - s.detained) / 365.25))::int AS years, count(*)::int AS n FROM (
      SELECT min(e.date) FILTER (WHERE e.type::text IN ('DETAINED', 'DISAPPEARED')) AS detained,
             max(e.date) FILTER (WHERE e.type::text = 'CONTACT_LOST') AS lost
        FROM case_events e
       WHERE e."organizationId" = ${org}::uuid AND e."deletedAt" IS NULL AND e.date IS NOT NULL
         AND e.type::text IN ('DETAINED', 'DISAPPEARED', 'CONTACT_LOST')
         AND ${rowOfCase(ctx, query, Prisma.sql`e."caseId"`)}
       GROUP BY e."caseId") AS s
     WHERE s.detained IS NOT NULL AND s.lost IS NOT NULL AND s.lost >= s.detained
     GROUP BY 1`;
  const counts: SlowCounts = { hometown, family, years };
  const data = counts as unknown as Prisma.InputJsonValue;
  await tx.dashboardCache.upsert({
    where: { organizationId_key: { organizationId: org, key } },
    create: { organizationId: org, key, data, computedAt: now },
    update: { data, computedAt: now },
  });
  return { counts, computedAt: now };
}
