/**
 * Revenue concentration metrics on plain numbers. Inputs are revenues (or any non-negative
 * amounts) already read and checked by `input.ts`; every function here is O(n) or
 * O(n log n) and never spreads an array into a call.
 *
 * Definitions follow `shared/docs/domain.md`: shares s_i = x_i / Σx.
 */
import { ABC_A_SHARE, ABC_B_SHARE, HHI_LEVEL_DECIMALS, HHI_POINTS, PARETO_SHARE } from "./defaults";
import { divError, numError } from "./errors";
import type { Sums } from "./input";
import { Accumulator, reachesShare, shareTolerance, sortedAscending, sum } from "./numeric";

const NO_VALUES = "there are no values to total";
const ZERO_TOTAL = "the values total 0, so shares are undefined";

function positiveTotal(xs: Float64Array): number {
  if (xs.length === 0) throw divError(NO_VALUES);
  const total = sum(xs);
  if (total === 0) throw divError(ZERO_TOTAL);
  return total;
}

/** value / Σxs. */
export function share(value: number, total: number): number {
  if (total === 0) throw divError(ZERO_TOTAL);
  return value / total;
}

export function totalOf(xs: Float64Array): number {
  return positiveTotal(xs);
}

/** CR_n: combined share of the n largest values. n ≥ count gives 1. */
export function topShare(xs: Float64Array, n: number): number {
  const total = positiveTotal(xs);
  if (n >= xs.length) return 1;
  if (n <= 0) return 0;
  const asc = sortedAscending(xs);
  const acc = new Accumulator();
  for (let i = asc.length - 1; i >= asc.length - n; i--) acc.add(asc[i]);
  return acc.value / total;
}

/**
 * A power of two that brings `max` near 1. Multiplying amounts by it is exact, so ratios such
 * as Σx² / (Σx)² are unchanged, while squares of the products can neither overflow (1e308²)
 * nor lose precision. The exponent is clamped so that the factor itself stays finite.
 */
export function unitScale(max: number): number {
  return 2 ** -Math.min(1023, Math.max(-1022, Math.floor(Math.log2(max))));
}

/**
 * HHI = scale · Σx² / (Σx)² from `sum` = Σx > 0 and `sumSq` = Σx², both of amounts already
 * multiplied by the same `unitScale`. The scale multiplies the numerator before the one
 * division, so 30/20/10×5 gives exactly 1800 points, not 0.18 × 10,000 or a sum of rounded
 * squared shares (1800.0000000000002).
 */
export function hhiFromSums(sum: number, sumSq: number, scale = 1): number {
  const numerator = sumSq * scale;
  return Number.isFinite(numerator) ? numerator / (sum * sum) : (sumSq / (sum * sum)) * scale;
}

/**
 * Largest value for which plain sums give the same ratios as `unitScale`d ones: multiplying by
 * a power of two is exact unless a square overflows or a square that still counts (within
 * 2⁻¹⁰⁶ of the largest) underflows, which cannot happen between 2⁻²⁰⁰ and 2²⁰⁰.
 */
const PLAIN_SUMS_RANGE = [2 ** -200, 2 ** 200] as const;

/**
 * Σx and Σx² as the reader took them in its pass (input.ts `Sums`), when they can stand for
 * `scaledSums`; undefined when the values must be scaled first (or total 0): then read the
 * values and use `scaledSums`, which also gives the error.
 */
export function plainSums(sums: Sums): { sum: number; sumSq: number } | undefined {
  return sums.max >= PLAIN_SUMS_RANGE[0] && sums.max <= PLAIN_SUMS_RANGE[1] ? sums : undefined;
}

/** Compensated Σx and Σx² of the values times their `unitScale` (exact for whole amounts in practice). */
export function scaledSums(xs: Float64Array): { sum: number; sumSq: number } {
  if (xs.length === 0) throw divError(NO_VALUES);
  let max = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] > max) max = xs[i];
  if (max === 0) throw divError(ZERO_TOTAL);
  const f = unitScale(max);
  const s = new Accumulator();
  const q = new Accumulator();
  for (let i = 0; i < xs.length; i++) {
    const y = xs[i] * f;
    s.add(y);
    q.add(y * y);
  }
  return { sum: s.value, sumSq: q.value };
}

/** Herfindahl–Hirschman index Σ s_i² = Σx² / (Σx)², times `scale` (1: the 0–1 scale; 10,000: antitrust points). */
export function hhi(xs: Float64Array, scale = 1): number {
  const { sum, sumSq } = scaledSums(xs);
  return hhiFromSums(sum, sumSq, scale);
}

export type HhiStandard = "2023" | "2010";
export type HhiLevel = "Unconcentrated" | "Moderately concentrated" | "Highly concentrated";

/**
 * Thresholds on the 0–10,000 scale. 2023 US Merger Guidelines: above 1,800 highly
 * concentrated (1,000–1,800 moderately, below 1,000 unconcentrated). 2010 Horizontal Merger
 * Guidelines: below 1,500 unconcentrated, 1,500–2,500 moderately, above 2,500 highly.
 */
export const HHI_THRESHOLDS: Record<HhiStandard, { moderate: number; high: number }> = {
  "2023": { moderate: 1000, high: 1800 },
  "2010": { moderate: 1500, high: 2500 },
};

export { HHI_LEVEL_DECIMALS };

/** The HHI as `hhiLevel` classifies it: rounded to `HHI_LEVEL_DECIMALS` decimals. */
export function roundHhiForLevel(points: number): number {
  const f = 10 ** HHI_LEVEL_DECIMALS;
  return Math.round(points * f) / f;
}

export function hhiLevel(points: number, standard: HhiStandard = "2023"): HhiLevel {
  const p = roundHhiForLevel(points);
  if (!(p >= 0 && p <= HHI_POINTS)) {
    throw numError(`hhi must be between 0 and 10,000 (antitrust points), got ${points}`);
  }
  const t = HHI_THRESHOLDS[standard];
  if (p < t.moderate) return "Unconcentrated";
  if (p <= t.high) return "Moderately concentrated";
  return "Highly concentrated";
}

/** Effective number of customers: 1 / HHI on the 0–1 scale, (Σx)² / Σx² with one rounding. */
export function effectiveN(xs: Float64Array): number {
  const { sum, sumSq } = scaledSums(xs);
  return effectiveNFromSums(sum, sumSq);
}

/** (Σx)² / Σx² from sums as `scaledSums` or `plainSums` give them. */
export function effectiveNFromSums(sum: number, sumSq: number): number {
  return (sum * sum) / sumSq;
}

/**
 * Gini coefficient exactly as R's `ineq::Gini`: sort ascending,
 * G = (2 Σ i·x_(i) / Σx − (n + 1)) / n; `corrected` divides by n − 1 instead.
 */
export function gini(xs: Float64Array, corrected = false): number {
  const total = positiveTotal(xs);
  const n = xs.length;
  if (corrected && n < 2) throw divError("the corrected Gini needs at least 2 values (it divides by n − 1)");
  const asc = sortedAscending(xs);
  const acc = new Accumulator();
  for (let i = 0; i < n; i++) acc.add((i + 1) * asc[i]);
  const g = (2 * acc.value) / total - (n + 1);
  return g / (corrected ? n - 1 : n);
}

/** Smallest number of customers, largest first, whose combined value reaches `target` of the total. */
export function paretoCount(xs: Float64Array, target = PARETO_SHARE): number {
  if (!(target > 0 && target <= 1)) throw numError(`share must be above 0 and at most 1, got ${target}`);
  const total = positiveTotal(xs);
  const asc = sortedAscending(xs);
  const acc = new Accumulator();
  for (let i = asc.length - 1, k = 1; i >= 0; i--, k++) {
    acc.add(asc[i]);
    if (reachesShare(acc.value, total, target)) return k;
  }
  return asc.length;
}

export type AbcClass = "A" | "B" | "C";

export function checkAbcThresholds(a: number, b: number): void {
  if (!(a > 0 && a <= 1 && b >= a && b <= 1)) {
    throw numError(`thresholds must satisfy 0 < a ≤ b ≤ 1, got a = ${a}, b = ${b}`);
  }
}

/**
 * Prepares ABC classification of many values: for a value v, the share before it is the sum
 * of all values strictly greater than v over the total, so equal values share the class of
 * the first of them. Returns a classifier that answers in O(log n), or undefined when v is not
 * one of the values.
 */
export function abcClassifier(xs: Float64Array, a = ABC_A_SHARE, b = ABC_B_SHARE): (v: number) => AbcClass | undefined {
  checkAbcThresholds(a, b);
  const total = positiveTotal(xs);
  const asc = sortedAscending(xs);
  const n = asc.length;
  // above[i] = Σ asc[j] for j ≥ i (suffix sums, built from the small end: no cancellation)
  const above = new Float64Array(n + 1);
  const acc = new Accumulator();
  for (let i = n - 1; i >= 0; i--) {
    acc.add(asc[i]);
    above[i] = acc.value;
  }
  const tol = shareTolerance(total);
  return (v: number) => {
    // first index with asc[i] > v
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (asc[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0 || asc[lo - 1] !== v) return undefined;
    const before = above[lo];
    // Compare with the thresholds allowing for rounding: a share that is mathematically equal
    // to a threshold is "not below" it.
    if (before < a * total - tol) return "A";
    if (before < b * total - tol) return "B";
    return "C";
  };
}

/** Lorenz curve: (n + 1) points from (0, 0), cumulative share of customers and of value, ascending. */
export function lorenz(xs: Float64Array): Array<[number, number]> {
  const total = positiveTotal(xs);
  const asc = sortedAscending(xs);
  const n = asc.length;
  const points: Array<[number, number]> = new Array(n + 1);
  points[0] = [0, 0];
  const acc = new Accumulator();
  for (let i = 0; i < n; i++) {
    acc.add(asc[i]);
    points[i + 1] = [(i + 1) / n, i === n - 1 ? 1 : acc.value / total];
  }
  return points;
}
