/**
 * The quarterly review: who moved into and out of the key set, how stable the set is, and
 * each customer's trend between two periods. Names are compared as keys (see `nameKey`), so
 * "ACME Ltd " in one quarter and "Acme Ltd" in the next are the same customer.
 */
import { roundForCompare } from "./compare";

/**
 * The key a name is compared by: Unicode-normalised (NFC), every run of white space (spaces,
 * tabs, non-breaking spaces) made one space, trimmed, lower case. This is Excel's TRIM and
 * Excel's case-insensitive `=`, made robust to the invisible differences of pasted text.
 * Numbers and TRUE/FALSE are keyed by their text, so the ID 1001 and the text "1001" match
 * (as COUNTIF matches them). An empty key means a blank name.
 */
export function nameKey(name: string | number | boolean): string {
  return String(name).normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

/** One name as read from a range: its key and the cell as the user typed it. */
export interface Named<T> {
  key: string;
  name: T;
}

/**
 * The distinct names of a list in order of first appearance: blank keys skipped, later
 * duplicates dropped (the first spelling is kept).
 */
export function distinctNames<T extends string | number | boolean>(names: Iterable<T>): Named<T>[] {
  const seen = new Set<string>();
  const out: Named<T>[] = [];
  for (const name of names) {
    const key = nameKey(name);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, name });
  }
  return out;
}

export interface Movers<T> {
  /** In `current` but not in `previous`, in `current`'s order. */
  entered: T[];
  /** In `previous` but not in `current`, in `previous`'s order. */
  left: T[];
}

/** Names that entered and left the set between two periods (names as first typed in each list). */
export function movers<T extends string | number | boolean>(previous: Iterable<T>, current: Iterable<T>): Movers<T> {
  const prev = distinctNames(previous);
  const cur = distinctNames(current);
  const prevKeys = new Set(prev.map((n) => n.key));
  const curKeys = new Set(cur.map((n) => n.key));
  return {
    entered: cur.filter((n) => !prevKeys.has(n.key)).map((n) => n.name),
    left: prev.filter((n) => !curKeys.has(n.key)).map((n) => n.name),
  };
}

/**
 * Jaccard index |A ∩ B| / |A ∪ B| of the two sets of names: 1 when the key set did not
 * change, 0 when it was replaced entirely. Undefined (returned as NaN) when both are empty.
 * Jaccard, P. (1912), "The distribution of the flora in the alpine zone", New Phytologist 11(2).
 */
export function stability(previous: Iterable<string | number | boolean>, current: Iterable<string | number | boolean>): number {
  const prevKeys = new Set(distinctNames(previous).map((n) => n.key));
  const curKeys = new Set(distinctNames(current).map((n) => n.key));
  let both = 0;
  for (const k of curKeys) if (prevKeys.has(k)) both++;
  const union = prevKeys.size + curKeys.size - both;
  return union === 0 ? NaN : both / union;
}

export type Trend = "Up" | "Down" | "Same" | "New";

/**
 * The trend of one customer's score from `previous` to `current` (undefined: blank).
 * Up when current − previous > tolerance, Down when < −tolerance, else Same; New when only
 * the current score exists; undefined (blank) when there is no current score. The
 * difference and the tolerance are rounded to 6 decimals first (see compare.ts), so a score
 * recomputed with float noise is the Same, and a change of exactly the tolerance is not a trend.
 */
export function trend(previous: number | undefined, current: number | undefined, tolerance = 0): Trend | undefined {
  if (current === undefined) return undefined;
  if (previous === undefined) return "New";
  const d = roundForCompare(current - previous);
  const t = roundForCompare(tolerance);
  if (d > t) return "Up";
  if (d < -t) return "Down";
  return "Same";
}
