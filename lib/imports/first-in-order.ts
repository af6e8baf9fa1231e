// The first items of a list in sort order, from items that arrive in any order, without holding the
// list: a preview's page of issues is the slice of the sorted whole, whatever the sheet's size.

export interface FirstInOrder<T> {
  add(item: T): void;
  /** the first `keep` items, exactly as a stable sort of every added item would begin */
  list(): T[];
}

/**
 * Keeps at most about twice `keep` items: when the buffer fills it is sorted and cut to `keep`, and the
 * last kept item becomes a bar that later items must beat. The sort is stable and a later item equal to
 * the bar would sort after it, so ties keep the order they were added in.
 */
export function firstInOrder<T>(keep: number, compare: (a: T, b: T) => number): FirstInOrder<T> {
  const kept: T[] = [];
  let bar: T | undefined;
  const limit = 2 * keep + 1024;
  const compact = () => {
    kept.sort(compare);
    if (kept.length > keep) kept.length = keep;
    if (keep > 0 && kept.length === keep) bar = kept[keep - 1];
  };
  return {
    add(item) {
      if (keep <= 0) return;
      if (bar !== undefined && compare(item, bar) >= 0) return;
      kept.push(item);
      if (kept.length >= limit) compact();
    },
    list() {
      compact();
      return kept.slice();
    },
  };
}
