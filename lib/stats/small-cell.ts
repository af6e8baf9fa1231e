// The one small-cell rule for every published count (dashboard for analysts, protest statistics,
// statistics reports). A count of one or two people in a cell can name them, so:
// - a count below the organisation's threshold is published as "fewer than N" (primary suppression);
// - a total is published only when no hidden cell can be worked out from it by subtraction: the hidden
//   cells of a group must leave each of them at least two possible values, otherwise the next smallest
//   counts are hidden as well (complementary suppression), and when nothing is left to hide the total
//   itself is published as "fewer than N" or "hidden". Cross-tables protect every row and column this way.
// A hidden count never leaves this module: the published cell carries no value.

/** The smallest threshold any organisation may set; lower counts identify people too easily. */
export const MIN_SMALL_CELL_THRESHOLD = 3;
export const DEFAULT_SMALL_CELL_THRESHOLD = 5;

export type PublishedCount =
  | { value: number; hidden?: undefined }
  /** "small": below the threshold; "complementary": hidden so that a small one cannot be recovered */
  | { value?: undefined; hidden: "small" | "complementary" };

export interface PublishedGroup<K extends string> {
  cells: Record<K, PublishedCount>;
  total: PublishedCount;
  /** the threshold applied, for the "fewer than N" wording */
  threshold: number;
}

export function effectiveThreshold(threshold: number | null | undefined): number {
  if (threshold == null || !Number.isFinite(threshold)) return DEFAULT_SMALL_CELL_THRESHOLD;
  return Math.max(MIN_SMALL_CELL_THRESHOLD, Math.floor(threshold));
}

const shown = (value: number): PublishedCount => ({ value });

/** Which cells of one group must be hidden, and whether its total may be published. */
function suppressionPlan(counts: readonly number[], threshold: number, hiddenAlready: ReadonlySet<number> = new Set()) {
  const hidden = new Map<number, "small" | "complementary">();
  counts.forEach((count, index) => {
    if (count > 0 && count < threshold) hidden.set(index, "small");
    else if (hiddenAlready.has(index)) hidden.set(index, "complementary");
  });
  const unsafe = () => hidden.size > 0 && someHiddenCellIsDetermined(counts, hidden, threshold);
  while (unsafe()) {
    // hide the smallest count still shown (zeros reveal nothing and hiding them protects nothing)
    let next = -1;
    counts.forEach((count, index) => {
      if (count > 0 && !hidden.has(index) && (next < 0 || count < (counts[next] ?? 0))) next = index;
    });
    if (next < 0) break;
    hidden.set(next, "complementary");
  }
  const total = counts.reduce((sum, count) => sum + count, 0);
  const totalSafe = !unsafe();
  return { hidden, total, totalSafe };
}

/**
 * What a reader knows of a hidden cell: a "small" one lies in 1…threshold−1, a "complementary" one is at
 * least the threshold, and together they make up the total less the shown cells. A cell is exposed
 * when that leaves it a single possible value.
 */
function someHiddenCellIsDetermined(counts: readonly number[], hidden: ReadonlyMap<number, "small" | "complementary">, threshold: number): boolean {
  const bounds = [...hidden].map(([index, reason]) => ({
    value: counts[index] ?? 0,
    low: reason === "small" ? 1 : threshold,
    high: reason === "small" ? threshold - 1 : Number.POSITIVE_INFINITY,
  }));
  const hiddenSum = bounds.reduce((sum, cell) => sum + cell.value, 0);
  return bounds.some((cell, i) => {
    const others = bounds.filter((_, j) => j !== i);
    const othersLow = others.reduce((sum, other) => sum + other.low, 0);
    const othersHigh = others.reduce((sum, other) => sum + other.high, 0);
    const least = Math.max(cell.low, hiddenSum - othersHigh);
    const most = Math.min(cell.high, hiddenSum - othersLow);
    return most <= least;
  });
}

function publishTotal(total: number, safe: boolean, threshold: number): PublishedCount {
  // an unsafe total is hidden without a bound: "fewer than N" would itself pin the hidden cells down
  if (!safe) return { hidden: "complementary" };
  if (total > 0 && total < threshold) return { hidden: "small" };
  return shown(total);
}

/** Applies the rule to one group of counts that add up to a published total (e.g. cases by status). */
export function publishCounts<K extends string>(counts: Record<K, number>, threshold: number): PublishedGroup<K> {
  const limit = effectiveThreshold(threshold);
  const keys = Object.keys(counts) as K[];
  const values = keys.map((key) => Math.max(0, Math.trunc(counts[key] ?? 0)));
  const { hidden, total, totalSafe } = suppressionPlan(values, limit);
  const cells = Object.fromEntries(
    keys.map((key, index) => {
      const reason = hidden.get(index);
      return [key, reason ? { hidden: reason } : shown(values[index] ?? 0)];
    }),
  ) as Record<K, PublishedCount>;
  return { cells, total: publishTotal(total, totalSafe, limit), threshold: limit };
}

/** A single published figure with no breakdown beside it (e.g. "people taking part"). */
export function publishCount(count: number, threshold: number): PublishedCount {
  const limit = effectiveThreshold(threshold);
  const value = Math.max(0, Math.trunc(count));
  return value > 0 && value < limit ? { hidden: "small" } : shown(value);
}

export interface PublishedTable<R extends string, C extends string> {
  cells: Record<R, Record<C, PublishedCount>>;
  rowTotals: Record<R, PublishedCount>;
  columnTotals: Record<C, PublishedCount>;
  total: PublishedCount;
  threshold: number;
}

/**
 * Applies the rule to a cross-table (e.g. cases by year and status) with row and column totals: every
 * row and every column is protected like a group, repeated until hiding in one no longer exposes another.
 */
export function publishTable<R extends string, C extends string>(counts: Record<R, Record<C, number>>, columns: readonly C[], threshold: number): PublishedTable<R, C> {
  const limit = effectiveThreshold(threshold);
  const rows = Object.keys(counts) as R[];
  const value = (r: number, c: number) => Math.max(0, Math.trunc(counts[rows[r] as R]?.[columns[c] as C] ?? 0));
  const hidden = new Map<string, "small" | "complementary">();
  const cellKey = (r: number, c: number) => `${r}:${c}`;
  const rowSafe = rows.map(() => true);
  const columnSafe = columns.map(() => true);
  for (let pass = 0, changed = true; changed && pass < 50; pass += 1) {
    changed = false;
    rows.forEach((_, r) => {
      const line = columns.map((_c, c) => value(r, c));
      const already = new Set(columns.flatMap((_c, c) => (hidden.has(cellKey(r, c)) ? [c] : [])));
      const plan = suppressionPlan(line, limit, already);
      rowSafe[r] = plan.totalSafe;
      for (const [c, reason] of plan.hidden) {
        if (!hidden.has(cellKey(r, c))) {
          hidden.set(cellKey(r, c), reason);
          changed = true;
        }
      }
    });
    columns.forEach((_, c) => {
      const line = rows.map((_r, r) => value(r, c));
      const already = new Set(rows.flatMap((_r, r) => (hidden.has(cellKey(r, c)) ? [r] : [])));
      const plan = suppressionPlan(line, limit, already);
      columnSafe[c] = plan.totalSafe;
      for (const [r, reason] of plan.hidden) {
        if (!hidden.has(cellKey(r, c))) {
          hidden.set(cellKey(r, c), reason);
          changed = true;
        }
      }
    });
  }
  const rowSums = rows.map((_, r) => columns.reduce((sum, _c, c) => sum + value(r, c), 0));
  const columnSums = columns.map((_, c) => rows.reduce((sum, _r, r) => sum + value(r, c), 0));
  const grand = rowSums.reduce((sum, n) => sum + n, 0);
  // the grand total is safe when the row totals it adds up are themselves publishable as a group
  const rowTotalsGroup = publishCounts(Object.fromEntries(rows.map((row, r) => [row, rowSafe[r] ? (rowSums[r] ?? 0) : 0])), limit);
  const anyUnsafe = rowSafe.some((ok) => !ok) || columnSafe.some((ok) => !ok);
  return {
    cells: Object.fromEntries(
      rows.map((row, r) => [
        row,
        Object.fromEntries(columns.map((column, c) => {
          const reason = hidden.get(cellKey(r, c));
          return [column, reason ? { hidden: reason } : shown(value(r, c))];
        })),
      ]),
    ) as Record<R, Record<C, PublishedCount>>,
    rowTotals: Object.fromEntries(rows.map((row, r) => [row, publishTotal(rowSums[r] ?? 0, rowSafe[r] ?? false, limit)])) as Record<R, PublishedCount>,
    columnTotals: Object.fromEntries(columns.map((column, c) => [column, publishTotal(columnSums[c] ?? 0, columnSafe[c] ?? false, limit)])) as Record<C, PublishedCount>,
    total: publishTotal(grand, !anyUnsafe && rowTotalsGroup.total.hidden === undefined, limit),
    threshold: limit,
  };
}

/** The words a reader sees for a published count; `fewerThan` and `hidden` come from the "common.smallCell" messages. */
export function formatPublishedCount(
  count: PublishedCount,
  words: { fewerThan: (threshold: number) => string; hidden: string; number: (value: number) => string },
  threshold: number,
): string {
  if (count.hidden === "small") return words.fewerThan(threshold);
  if (count.hidden === "complementary") return words.hidden;
  return words.number(count.value ?? 0);
}

/** Readers who may see exact counts get the same shapes with every value shown. */
export function exactCounts<K extends string>(counts: Record<K, number>, threshold: number): PublishedGroup<K> {
  const keys = Object.keys(counts) as K[];
  const values = keys.map((key) => Math.max(0, Math.trunc(counts[key] ?? 0)));
  return {
    cells: Object.fromEntries(keys.map((key, index) => [key, shown(values[index] ?? 0)])) as Record<K, PublishedCount>,
    total: shown(values.reduce((sum, n) => sum + n, 0)),
    threshold: effectiveThreshold(threshold),
  };
}

/** The cross-table with every value shown, for readers who may see exact counts. */
export function exactTable<R extends string, C extends string>(counts: Record<R, Record<C, number>>, columns: readonly C[], threshold: number): PublishedTable<R, C> {
  const rows = Object.keys(counts) as R[];
  const value = (row: R, column: C) => Math.max(0, Math.trunc(counts[row]?.[column] ?? 0));
  return {
    cells: Object.fromEntries(rows.map((row) => [row, Object.fromEntries(columns.map((column) => [column, shown(value(row, column))]))])) as Record<R, Record<C, PublishedCount>>,
    rowTotals: Object.fromEntries(rows.map((row) => [row, shown(columns.reduce((sum, column) => sum + value(row, column), 0))])) as Record<R, PublishedCount>,
    columnTotals: Object.fromEntries(columns.map((column) => [column, shown(rows.reduce((sum, row) => sum + value(row, column), 0))])) as Record<C, PublishedCount>,
    total: shown(rows.reduce((sum, row) => sum + columns.reduce((inner, column) => inner + value(row, column), 0), 0)),
    threshold: effectiveThreshold(threshold),
  };
}

/**
 * One switch for a whole output: `exact` readers (allowed by the permission table) see every value,
 * everyone else gets the small-cell rule with the organisation's threshold.
 */
export function countPublisher(exact: boolean, threshold: number) {
  const limit = effectiveThreshold(threshold);
  return {
    exact,
    threshold: limit,
    group: <K extends string>(counts: Record<K, number>): PublishedGroup<K> => (exact ? exactCounts(counts, limit) : publishCounts(counts, limit)),
    table: <R extends string, C extends string>(counts: Record<R, Record<C, number>>, columns: readonly C[]): PublishedTable<R, C> =>
      exact ? exactTable(counts, columns, limit) : publishTable(counts, columns, limit),
    count: (count: number): PublishedCount => (exact ? shown(Math.max(0, Math.trunc(count))) : publishCount(count, limit)),
    /** a sum (fines, days served) is published only when enough records make it up */
    sum: (value: number, records: number): PublishedCount => (exact || records === 0 || records >= limit ? shown(value) : { hidden: "small" }),
  };
}
export type CountPublisher = ReturnType<typeof countPublisher>;
