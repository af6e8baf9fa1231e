import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveThreshold, formatPublishedCount, publishCount, publishCounts, publishTable, type PublishedCount } from "./small-cell";

/** Every assignment of the hidden cells that agrees with what was published (values up to `ceiling`). */
function consistentAssignments(published: PublishedCount[], total: PublishedCount, threshold: number, ceiling: number): number[][] {
  const ranges = published.map((cell) => {
    if (cell.hidden === "small") return range(1, threshold - 1);
    if (cell.hidden === "complementary") return range(threshold, ceiling);
    return [cell.value ?? 0];
  });
  const results: number[][] = [];
  const walk = (index: number, chosen: number[]) => {
    if (index === ranges.length) {
      const sum = chosen.reduce((a, b) => a + b, 0);
      if (total.hidden === undefined && sum !== total.value) return;
      if (total.hidden === "small" && (sum < 1 || sum >= threshold)) return;
      results.push([...chosen]);
      return;
    }
    for (const value of ranges[index] ?? []) walk(index + 1, [...chosen, value]);
  };
  walk(0, []);
  return results;
}
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

describe("the small-cell rule", () => {
  it("shows a count below the threshold as fewer than N and keeps larger counts and zeros", () => {
    const published = publishCounts({ DETAINED: 12, MISSING: 0, SENTENCED: 7, DECEASED: 2 }, 5);
    expect(published.cells.DETAINED).toEqual({ value: 12 });
    expect(published.cells.MISSING).toEqual({ value: 0 });
    expect(published.cells.DECEASED).toEqual({ hidden: "small" });
    // one hidden cell beside a total would be recovered by subtraction: the next smallest is hidden too
    expect(published.cells.SENTENCED).toEqual({ hidden: "complementary" });
    expect(published.total).toEqual({ value: 21 });
  });

  it("never carries the value of a hidden count", () => {
    const published = publishCounts({ a: 1, b: 9, c: 30 }, 5);
    expect(JSON.stringify(published)).not.toMatch(/"value":1\b/);
    expect(JSON.stringify(published)).not.toMatch(/"value":9\b/);
  });

  it("hides the total when it would reveal a small count", () => {
    expect(publishCounts({ a: 1, b: 0 }, 5).total.hidden).toBeDefined();
    expect(publishCounts({ a: 1, b: 0 }, 5).total.value).toBeUndefined();
    expect(publishCount(2, 5)).toEqual({ hidden: "small" });
    expect(publishCount(0, 5)).toEqual({ value: 0 });
  });

  it("never lets an organisation publish counts below three", () => {
    expect(effectiveThreshold(1)).toBe(3);
    expect(effectiveThreshold(undefined)).toBe(5);
    expect(publishCounts({ a: 2, b: 40, c: 40 }, 1).cells.a).toEqual({ hidden: "small" });
  });

  it("leaves every hidden count at least two possible values, whatever the counts", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 3, max: 6 }), (values, threshold) => {
        const counts = Object.fromEntries(values.map((value, i) => [`k${i}`, value]));
        const published = publishCounts(counts, threshold);
        const cells = values.map((_, i) => published.cells[`k${i}`] as PublishedCount);
        // what is shown is exact and never a small count
        cells.forEach((cell, i) => {
          if (cell.hidden === undefined) {
            expect(cell.value).toBe(values[i]);
            expect(cell.value === 0 || cell.value >= threshold).toBe(true);
          }
        });
        const possible = consistentAssignments(cells, published.total, threshold, 12);
        expect(possible).toContainEqual(values);
        cells.forEach((cell, i) => {
          if (cell.hidden) expect(new Set(possible.map((assignment) => assignment[i])).size).toBeGreaterThanOrEqual(2);
        });
      }),
      { numRuns: 400 },
    );
  });

  it("protects every row and column of a cross-table", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
        fc.integer({ min: 3, max: 5 }),
        (grid, threshold) => {
          const columns = ["x", "y", "z"] as const;
          const counts = Object.fromEntries(grid.map((row, r) => [`r${r}`, Object.fromEntries(columns.map((c, i) => [c, row[i] ?? 0]))])) as Record<string, Record<(typeof columns)[number], number>>;
          const table = publishTable(counts, columns, threshold);
          const check = (cells: PublishedCount[], total: PublishedCount, truth: number[]) => {
            const possible = consistentAssignments(cells, total, threshold, 11);
            expect(possible).toContainEqual(truth);
            cells.forEach((cell, i) => {
              if (cell.hidden) expect(new Set(possible.map((a) => a[i])).size).toBeGreaterThanOrEqual(2);
            });
          };
          grid.forEach((row, r) => check(columns.map((c) => table.cells[`r${r}`]![c]), table.rowTotals[`r${r}`]!, row));
          columns.forEach((c, i) => check(grid.map((_, r) => table.cells[`r${r}`]![c]), table.columnTotals[c], grid.map((row) => row[i] ?? 0)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("words a hidden count for the reader", () => {
    const words = { fewerThan: (n: number) => `fewer than ${n}`, hidden: "hidden", number: (v: number) => String(v) };
    expect(formatPublishedCount({ hidden: "small" }, words, 5)).toBe("fewer than 5");
    expect(formatPublishedCount({ hidden: "complementary" }, words, 5)).toBe("hidden");
    expect(formatPublishedCount({ value: 12 }, words, 5)).toBe("12");
  });
});
