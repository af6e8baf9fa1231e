// The tables of one statistics report protected together: whatever the counts, no hidden figure can be
// worked out from everything else the report publishes, combining its tables (margins, the same total
// counted by status, by year, by gender…). The attacker here is written independently of the module:
// it reads only the published figures and the report's shape, and bounds each hidden figure by linear
// programming (exact for these tables, whose margins form a transportation problem).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { solve } from "yalps";
import { publishLinked, type LinkedReport, type PublishedCount } from "./small-cell";

const THRESHOLD = 5;

/** A report shaped like the statistics report: year × status with margins, and a gender table. */
function statisticsShape(years: number, statuses: number, genders: number) {
  const figures: Record<string, { atoms: string[] }> = {};
  const cell = (y: number, s: number) => `x${y}.${s}`;
  const all: string[] = [];
  for (let y = 0; y < years; y++) for (let s = 0; s < statuses; s++) {
    figures[`cell ${y}/${s}`] = { atoms: [cell(y, s)] };
    all.push(cell(y, s));
  }
  for (let y = 0; y < years; y++) figures[`year ${y}`] = { atoms: Array.from({ length: statuses }, (_, s) => cell(y, s)) };
  for (let s = 0; s < statuses; s++) figures[`status ${s}`] = { atoms: Array.from({ length: years }, (_, y) => cell(y, s)) };
  figures.total = { atoms: all };
  for (let g = 0; g < genders; g++) figures[`gender ${g}`] = { atoms: [`g${g}`] };
  figures["gender total"] = { atoms: Array.from({ length: genders }, (_, g) => `g${g}`) };
  return { figures, same: [["total", "gender total"]] } satisfies LinkedReport;
}

function valuesOf(report: LinkedReport, atoms: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(report.figures).map(([key, figure]) => [key, figure.atoms.reduce((sum, atom) => sum + (atoms[atom] ?? 0), 0)]));
}

/** The least and most a hidden figure can be, given every published figure of the report. */
function attackerRange(report: LinkedReport, published: Record<string, PublishedCount>, target: string): [number, number] {
  const constraints: Record<string, { equal?: number; min?: number; max?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const coefficient = (atom: string, name: string, c: number) => {
    variables[atom] ??= {};
    (variables[atom] as Record<string, number>)[name] = ((variables[atom] as Record<string, number>)[name] ?? 0) + c;
  };
  // zeros show all together or not at all: where one shows, "fewer than 5" is 1–4, elsewhere 0–4
  const zeroShows = Object.values(published).some((count) => count.hidden === undefined && count.value === 0);
  for (const [key, figure] of Object.entries(report.figures)) {
    const count = published[key] as PublishedCount;
    // "hidden" is at least 5 (smaller ones read "fewer than"), a number is itself
    constraints[key] = count.hidden === "small" ? { min: zeroShows ? 1 : 0, max: THRESHOLD - 1 } : count.hidden ? { min: THRESHOLD } : { equal: count.value };
    for (const atom of figure.atoms) coefficient(atom, key, 1);
  }
  for (const [first, second] of (report.same ?? []).map((group) => [group[0], group[1]])) {
    constraints[`same ${first}`] = { equal: 0 };
    for (const atom of report.figures[first as string]?.atoms ?? []) coefficient(atom, `same ${first}`, 1);
    for (const atom of report.figures[second as string]?.atoms ?? []) coefficient(atom, `same ${first}`, -1);
  }
  for (const atom of report.figures[target]?.atoms ?? []) coefficient(atom, "goal", 1);
  const bound = (direction: "minimize" | "maximize") => {
    const solution = solve({ direction, objective: "goal", constraints, variables });
    return solution.status === "unbounded" ? Infinity : solution.result;
  };
  return [bound("minimize"), bound("maximize")];
}

describe("statistics tables published together", () => {
  it("leaves every hidden figure at least two possible values, whatever tables are set side by side", () => {
    const shape = fc.record({ years: fc.integer({ min: 1, max: 3 }), statuses: fc.integer({ min: 2, max: 4 }), genders: fc.integer({ min: 2, max: 3 }) });
    fc.assert(
      fc.property(
        shape.chain(({ years, statuses, genders }) =>
          fc.record({
            years: fc.constant(years),
            statuses: fc.constant(statuses),
            cells: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 30 })), { minLength: years * statuses, maxLength: years * statuses }),
            genderShares: fc.array(fc.nat({ max: 10 }), { minLength: genders, maxLength: genders }),
          }),
        ),
        ({ years, statuses, cells, genderShares }) => {
          const report = statisticsShape(years, statuses, genderShares.length);
          const atoms: Record<string, number> = {};
          cells.forEach((value, i) => (atoms[`x${Math.floor(i / statuses)}.${i % statuses}`] = value));
          // the same people split by gender: shares of the total, the rest to the last group
          const total = cells.reduce((sum, n) => sum + n, 0);
          const weight = genderShares.reduce((sum, n) => sum + n, 0) || 1;
          let left = total;
          genderShares.forEach((share, g) => {
            const n = g === genderShares.length - 1 ? left : Math.min(left, Math.floor((total * share) / weight));
            atoms[`g${g}`] = n;
            left -= n;
          });
          const values = valuesOf(report, atoms);
          const published = publishLinked(report, values, THRESHOLD);
          const zeros = Object.keys(published).filter((key) => values[key] === 0);
          const zerosShown = zeros.filter((key) => published[key]?.hidden === undefined);
          expect(zerosShown.length === 0 || zerosShown.length === zeros.length, "every zero shows, or none").toBe(true);
          for (const [key, count] of Object.entries(published)) {
            const value = values[key] ?? 0;
            if (value > 0 && value < THRESHOLD) expect(count, `${key} = ${value} is small`).toEqual({ hidden: "small" });
            if (value === 0 && count.hidden) expect(count, `${key} = 0 reads "fewer than"`).toEqual({ hidden: "small" });
            if (count.hidden === undefined) expect(count.value).toBe(value);
            else {
              const [least, most] = attackerRange(report, published, key);
              expect(Math.floor(most + 1e-6) - Math.ceil(least - 1e-6), `${key} (${value}) pinned to ${least}…${most}`).toBeGreaterThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("hides the zeros too when every small figure is already hidden and their total still pins each of them", () => {
    // four cases of one under a total of four: were the zeros shown, each "fewer than 5" would be at least one, so one
    const report = statisticsShape(3, 2, 2);
    const values = valuesOf(report, { "x0.0": 0, "x0.1": 0, "x1.0": 1, "x1.1": 1, "x2.0": 1, "x2.1": 1, g0: 0, g1: 4 });
    const published = publishLinked(report, values, THRESHOLD);
    expect(Object.values(published).every((count) => count.hidden === "small")).toBe(true);
    for (const key of Object.keys(published)) {
      const [least, most] = attackerRange(report, published, key);
      expect(most - least, key).toBeGreaterThanOrEqual(1);
    }
  });

  it("still shows zeros where hiding the figures beside a small one is enough", () => {
    const report = statisticsShape(1, 3, 2);
    const values = valuesOf(report, { "x0.0": 3, "x0.1": 0, "x0.2": 20, g0: 0, g1: 23 });
    const published = publishLinked(report, values, THRESHOLD);
    expect(published["status 1"]).toEqual({ value: 0 });
    expect(published["gender 0"]).toEqual({ value: 0 });
    expect(published["status 0"]).toEqual({ hidden: "small" });
  });

  it("does not let the gender table's total give away a hidden status count", () => {
    // by status alone, hiding 3 and 6 would do; but every table's total is the same 29 people
    const report = statisticsShape(1, 3, 2);
    const values = valuesOf(report, { "x0.0": 3, "x0.1": 6, "x0.2": 20, g0: 14, g1: 15 });
    const published = publishLinked(report, values, THRESHOLD);
    expect(published["status 0"]).toEqual({ hidden: "small" });
    expect(published["cell 0/0"]).toEqual({ hidden: "small" });
    expect(published["gender total"]).toEqual(published.total);
    for (const key of Object.keys(published).filter((k) => published[k]?.hidden)) {
      const [least, most] = attackerRange(report, published, key);
      expect(most - least).toBeGreaterThanOrEqual(1);
    }
  });
});
