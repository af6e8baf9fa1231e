// The one small-cell rule for every published count (dashboard for analysts, protest statistics,
// statistics reports). A count of one or two people in a cell can name them, so:
// - a count below the organisation's threshold is published as "fewer than N" (primary suppression);
// - a total is published only when no hidden cell can be worked out from it by subtraction: the hidden
//   cells of a group must leave each of them at least two possible values, otherwise the next smallest
//   counts are hidden as well (complementary suppression), and when nothing is left to hide the total
//   itself is published as "fewer than N" or "hidden". Cross-tables protect every row and column this way.
// A hidden count never leaves this module: the published cell carries no value.

import { solve } from "yalps";

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

// ─────────────────────────────── figures published together ───────────────────────────────
// Tables set side by side in one report (cases by status, by year, by status × year, by gender…) count
// the same people, so a reader can combine them: a hidden cell safe in its own table may follow from
// another table's totals. The report's figures are therefore protected together: every published figure
// is a sum of unknown "atoms" (the finest counts behind the report), figures known to be the same number
// are linked, and a reader's best arithmetic on everything published is worked out by linear programming
// (the least and the most each hidden figure can be). While some hidden figure is left a single possible
// value, the smallest figure beside it is hidden as well.

export interface LinkedFigure {
  /** the finest counts this figure adds up */
  atoms: readonly string[];
}

/** The arithmetic of one report: figures over atoms, and groups of figures that are the same count. */
export interface LinkedReport<F extends string = string> {
  figures: Record<F, LinkedFigure>;
  /** e.g. [["total:byStatus", "total:byGender"]]: the same people counted two ways */
  same?: readonly (readonly F[])[];
}

/**
 * What a reader learns of a figure: its value, or the range a hidden one must lie in. A report shows
 * either every zero or none (see publishLinked): "fewer than N" is at least one only where a zero shows.
 */
function figureBounds(count: PublishedCount, threshold: number, smallMayBeZero: boolean): { equal?: number; min?: number; max?: number } {
  if (count.hidden === "small") return { min: smallMayBeZero ? 0 : 1, max: threshold - 1 };
  // only a count of at least the threshold is ever hidden as "complementary" (a hidden zero or small count is "small")
  if (count.hidden === "complementary") return { min: threshold };
  return { equal: count.value ?? 0 };
}

/**
 * The attacker's audit: the hidden figures of a published report that everything published leaves a
 * single whole-number value, computed from the report's shape and its published figures alone.
 */
export function exposedFigures<F extends string>(report: LinkedReport<F>, published: Record<F, PublishedCount>, threshold: number): F[] {
  const limit = effectiveThreshold(threshold);
  const keys = Object.keys(report.figures) as F[];
  const constraints = new Map<string, { equal?: number; min?: number; max?: number }>();
  const columns = new Map<string, Map<string, number>>();
  const add = (atom: string, constraint: string, coefficient: number) => {
    let column = columns.get(atom);
    if (!column) columns.set(atom, (column = new Map()));
    column.set(constraint, (column.get(constraint) ?? 0) + coefficient);
  };
  const smallMayBeZero = !keys.some((key) => published[key].hidden === undefined && published[key].value === 0);
  for (const key of keys) {
    constraints.set(`f:${key}`, figureBounds(published[key], limit, smallMayBeZero));
    for (const atom of report.figures[key].atoms) add(atom, `f:${key}`, 1);
  }
  (report.same ?? []).forEach((group, g) => {
    const [first, ...rest] = group;
    if (!first) return;
    rest.forEach((other, i) => {
      const name = `s:${g}:${i}`;
      constraints.set(name, { equal: 0 });
      for (const atom of report.figures[first].atoms) add(atom, name, 1);
      for (const atom of report.figures[other].atoms) add(atom, name, -1);
    });
  });
  const exposed: F[] = [];
  for (const key of keys) {
    if (published[key].hidden === undefined) continue;
    const objective = new Set(report.figures[key].atoms);
    const extreme = (direction: "minimize" | "maximize") => {
      const variables = [...columns].map(([atom, column]) => [atom, [...column, ...(objective.has(atom) ? [["objective", 1] as const] : [])]] as const);
      const solution = solve({ direction, objective: "objective", constraints, variables }, { precision: 1e-9 });
      if (solution.status === "unbounded") return Number.POSITIVE_INFINITY;
      return solution.status === "optimal" ? solution.result : Number.NaN;
    };
    const least = extreme("minimize");
    const most = extreme("maximize");
    if (!Number.isFinite(least)) continue;
    // whole numbers only: [3.2, 3.9] leaves 4 alone… and nothing else
    if (Math.floor(most + 1e-6) - Math.ceil(least - 1e-6) < 1) exposed.push(key);
  }
  return exposed;
}

/**
 * Applies the rule to every figure of one report at once: small counts hidden, then complementary
 * suppression until no hidden figure can be worked out from anything else the report publishes.
 * Figures linked in `same` are always published alike. When a figure is still exposed and every figure
 * left is zero (four cases of one under a total of four: each "fewer than 5" is at least one, so each is
 * one), the report's zeros all read "fewer than N" too: none shows, so no hidden figure is known to be
 * more than nothing.
 */
export function publishLinked<F extends string>(report: LinkedReport<F>, values: Record<F, number>, threshold: number): Record<F, PublishedCount> {
  const limit = effectiveThreshold(threshold);
  const keys = Object.keys(report.figures) as F[];
  const value = (key: F) => Math.max(0, Math.trunc(values[key] ?? 0));
  const linked = new Map<F, F[]>(keys.map((key) => [key, [key]]));
  for (const group of report.same ?? []) for (const key of group) linked.set(key, [...group]);
  const hidden = new Map<F, "small" | "complementary">();
  const hide = (key: F, reason: "small" | "complementary") => {
    for (const twin of linked.get(key) ?? [key]) if (!hidden.has(twin)) hidden.set(twin, reason);
  };
  for (const key of keys) if (value(key) > 0 && value(key) < limit) hide(key, "small");
  const publish = (): Record<F, PublishedCount> =>
    Object.fromEntries(keys.map((key) => [key, hidden.has(key) ? { hidden: hidden.get(key) } : { value: value(key) }])) as Record<F, PublishedCount>;
  const atomsOf = new Map(keys.map((key) => [key, new Set(report.figures[key].atoms)]));
  const contains = (outer: F, inner: F) => [...(atomsOf.get(inner) ?? [])].every((atom) => atomsOf.get(outer)?.has(atom));
  for (let round = 0; round <= keys.length; round += 1) {
    const exposed = exposedFigures(report, publish(), limit);
    if (exposed.length === 0) break;
    // one more figure beside every exposed one per round: each round re-solves every hidden figure
    let added = 0;
    for (const target of exposed) {
      // the figures beside it: those sharing a margin (a figure adding up both), smallest margin first
      const margins = keys.filter((key) => key !== target && contains(key, target)).sort((a, b) => (atomsOf.get(a)?.size ?? 0) - (atomsOf.get(b)?.size ?? 0));
      const shownBeside = (margin: F) => keys.filter((key) => !hidden.has(key) && value(key) > 0 && key !== margin && contains(margin, key) && !contains(key, target));
      let next: F | undefined;
      for (const margin of margins) {
        next = shownBeside(margin).sort((a, b) => value(a) - value(b) || (atomsOf.get(a)?.size ?? 0) - (atomsOf.get(b)?.size ?? 0))[0];
        if (next) break;
      }
      // nothing beside it is left to hide: hide its margins, then the smallest figure still shown
      next ??= margins.find((key) => !hidden.has(key) && value(key) > 0) ?? keys.filter((key) => !hidden.has(key) && value(key) > 0).sort((a, b) => value(a) - value(b))[0];
      if (!next) continue;
      hide(next, "complementary");
      added += 1;
    }
    if (added > 0) continue;
    const zeros = keys.filter((key) => !hidden.has(key) && value(key) === 0);
    if (zeros.length === 0) break;
    for (const key of zeros) hide(key, "small");
  }
  return publish();
}
