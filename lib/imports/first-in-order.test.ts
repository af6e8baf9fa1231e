// The preview's window of issues is exactly the beginning of the sorted whole, whatever order the issues
// arrive in, however many there are and however many are kept.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstInOrder } from "./first-in-order";

type Item = { row: number; column: number; id: number };
const byPlace = (a: Item, b: Item) => a.row - b.row || a.column - b.column;

describe("the first items in sort order", () => {
  it("are the beginning of a stable sort of everything added, ties in the order they came", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ row: fc.integer({ min: 0, max: 40 }), column: fc.integer({ min: -1, max: 3 }) }), { maxLength: 4000 }), fc.integer({ min: 0, max: 1200 }), (places, keep) => {
        const items = places.map((place, id) => ({ ...place, id }));
        const window = firstInOrder(keep, byPlace);
        for (const item of items) window.add(item);
        expect(window.list()).toEqual([...items].sort(byPlace).slice(0, keep));
      }),
      { numRuns: 60 },
    );
  });

  it("keeps everything when asked for more than there is, and nothing when asked for none", () => {
    const items = [3, 1, 2].map((row, id) => ({ row, column: 0, id }));
    const all = firstInOrder<Item>(Infinity, byPlace);
    const none = firstInOrder<Item>(0, byPlace);
    for (const item of items) {
      all.add(item);
      none.add(item);
    }
    expect(all.list().map((item) => item.row)).toEqual([1, 2, 3]);
    expect(none.list()).toEqual([]);
  });
});
