// The numbers behind the dashboard's charts: the case charts from the dashboard's summaries (./summary.ts),
// police actions counted by PostgreSQL per month; published through the same small-cell rule as the
// figures (cross-tables protect every row and column).
import "server-only";
import type { Tx } from "@/lib/db";
import { CaseStatus, PoliceActionType } from "@/lib/generated/prisma/enums";
import type { CountPublisher, PublishedGroup, PublishedTable } from "@/lib/stats/small-cell";
import type { ActivityCounts } from "./activity";
import type { Period } from "./period";
import type { CaseSummary } from "./summary";

/** The statuses the status chart stacks, in the order of a case's usual course. */
export const CHART_STATUSES = Object.values(CaseStatus);
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
  /** cases in each status at the end of each month (from their timelines; live cases, open or closed) */
  statusByMonth: PublishedTable<string, CaseStatus>;
  /** cases opened, and cases released or returned, per month */
  flowByMonth: PublishedTable<string, FlowSeries>;
  policeByMonth: PublishedTable<string, PoliceActionType>;
  /** open cases by the subject's hometown prefecture in Xinjiang */
  byPrefecture: { places: PlaceLabel[]; counts: PublishedGroup<string> };
  /** cases by the Kazakh region the family (first contact) lives in */
  byFamilyRegion: { places: PlaceLabel[]; counts: PublishedGroup<string> };
  /** cases by whole years from the first detention (or disappearance) to the last lost contact */
  detentionToLastContact: PublishedGroup<YearBucket>;
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
  { period, publish, summary, police }: { period: Period; publish: CountPublisher; summary: CaseSummary; police: ActivityCounts["police"] },
): Promise<DashboardCharts> {
  const policeRows = police.filter((row) => row.chart > 0).map((row) => ({ month: row.month, key: row.type, n: row.chart }));
  const places = await tx.place.findMany({ select: { id: true, kind: true, country: true, parentId: true, nameEn: true, nameKk: true, nameRu: true } });

  const flowRows = [
    ...[...summary.openedByMonth].map(([month, n]) => ({ month, n, key: "opened" })),
    ...[...summary.releasedByMonth].map(([month, n]) => ({ month, n, key: "released" })),
  ];
  const statusRows = [...summary.statusByMonth].flatMap(([month, line]) => CHART_STATUSES.map((key) => ({ month, key, n: line[key] })));
  const prefectures = byPlace(summary.hometown, places, prefectureOf);
  const regions = byPlace(summary.family, places, regionOf);
  const years = Object.fromEntries(YEAR_BUCKETS.map((bucket) => [bucket, 0])) as Record<YearBucket, number>;
  for (const row of summary.years) years[(row.years >= 10 ? "10+" : String(Math.max(0, row.years))) as YearBucket] += row.n;

  return {
    months: period.months,
    statusByMonth: publish.table(monthTable(period.months, CHART_STATUSES, statusRows), CHART_STATUSES),
    flowByMonth: publish.table(monthTable(period.months, FLOW_SERIES, flowRows), FLOW_SERIES),
    policeByMonth: publish.table(monthTable(period.months, Object.values(PoliceActionType), policeRows), Object.values(PoliceActionType)),
    byPrefecture: { places: prefectures.labels, counts: publish.group(prefectures.record) },
    byFamilyRegion: { places: regions.labels, counts: publish.group(regions.record) },
    detentionToLastContact: publish.group(years),
  };
}
