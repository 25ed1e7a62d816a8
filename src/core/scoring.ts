/**
 * The scoring matrix: raw criterion values scaled to a 1–10 score, and the weighted total.
 */
import { roundTotal, SCALE_HIGH, SCALE_LOW, Z_CLIP } from "./defaults";
import { divError, naError, numError } from "./errors";

export type Direction = "benefit" | "cost";
export type ScaleMethod = "minmax" | "percentile" | "zscore";

export interface ScaleOptions {
  low?: number;
  high?: number;
  direction?: Direction;
  method?: ScaleMethod;
}

export { Z_CLIP };

/**
 * Maps each value onto low..high relative to the whole set.
 * - minmax: linear between the smallest and the largest value;
 * - percentile: by rank (ties get their average rank), rank 1 → low, rank n → high;
 * - zscore: (x − mean) / σ with σ the population standard deviation (STDEV.P), clipped at
 *   ±Z_CLIP (3), then linear from −Z_CLIP → low to +Z_CLIP → high.
 * A set whose values are all equal maps to the middle of the scale. `cost` reverses the map.
 */
export function scaleValues(xs: Float64Array, options: ScaleOptions = {}): Float64Array {
  const low = options.low ?? SCALE_LOW;
  const high = options.high ?? SCALE_HIGH;
  const direction = options.direction ?? "benefit";
  const method = options.method ?? "minmax";
  if (!(high > low)) throw numError(`high (${high}) must be greater than low (${low})`);
  const n = xs.length;
  const unit = new Float64Array(n); // position on 0..1
  if (method === "minmax") {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      if (xs[i] < min) min = xs[i];
      if (xs[i] > max) max = xs[i];
    }
    const span = max - min;
    for (let i = 0; i < n; i++) unit[i] = span === 0 ? 0.5 : (xs[i] - min) / span;
  } else if (method === "percentile") {
    const ranks = averageRanks(xs);
    for (let i = 0; i < n; i++) unit[i] = n === 1 ? 0.5 : (ranks[i] - 1) / (n - 1);
  } else {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += (xs[i] - mean) / (i + 1);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (xs[i] - mean) * (xs[i] - mean);
    const sd = Math.sqrt(ss / n);
    for (let i = 0; i < n; i++) {
      if (sd === 0 || !Number.isFinite(sd)) {
        unit[i] = 0.5;
        continue;
      }
      const z = Math.max(-Z_CLIP, Math.min(Z_CLIP, (xs[i] - mean) / sd));
      unit[i] = (z + Z_CLIP) / (2 * Z_CLIP);
    }
  }
  const out = new Float64Array(n);
  const span = high - low;
  for (let i = 0; i < n; i++) {
    const u = direction === "cost" ? 1 - unit[i] : unit[i];
    out[i] = low + u * span;
  }
  return out;
}

/** 1-based ranks in ascending order; tied values get the average of the ranks they span. */
export function averageRanks(xs: Float64Array): Float64Array {
  const n = xs.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => xs[i] - xs[j] || i - j);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && xs[order[end + 1]] === xs[order[start]]) end++;
    const avg = (start + end) / 2 + 1;
    for (let r = start; r <= end; r++) ranks[order[r]] = avg;
    start = end + 1;
  }
  return ranks;
}

export type MissingRule = "skip" | "zero" | "error";

/**
 * Weighted average of one customer's scores: Σ w·s / Σ w over the criteria that have a score.
 * `scores` holds NaN for a blank criterion; with "skip" the remaining weights are renormalised,
 * with "zero" a blank counts as 0. ("error" is decided by the caller, who knows the cell.)
 * No score at all is missing data (#N/A); scored criteria whose weights add up to 0 are #DIV/0!.
 * The result is rounded to `TOTAL_DECIMALS` as the scoring sheet's ROUND does, so KAM.WSCORE,
 * the sheet and the summary rank and flag ties alike.
 */
export function weightedScore(scores: ArrayLike<number>, weights: ArrayLike<number>, missing: MissingRule = "skip"): number {
  let num = 0;
  let den = 0;
  let present = 0;
  for (let j = 0; j < weights.length; j++) {
    let s = scores[j];
    if (Number.isNaN(s)) {
      if (missing === "skip") continue;
      s = 0;
    }
    present++;
    num += weights[j] * s;
    den += weights[j];
  }
  if (present === 0) throw naError("every score is blank");
  if (den === 0) throw divError("the weights of the scored criteria add up to 0");
  return roundTotal(num / den);
}

/**
 * Rank 1 = largest; equal values are ranked by position (earlier first), so ranks are unique
 * and "top N" always names exactly N customers. NaN (no score) gets rank 0 and sorts last.
 */
export function rankDescending(xs: ArrayLike<number>): Uint32Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => !Number.isNaN(xs[i]));
  order.sort((i, j) => xs[j] - xs[i] || i - j);
  const ranks = new Uint32Array(n);
  order.forEach((i, r) => (ranks[i] = r + 1));
  return ranks;
}
