/**
 * Weight stability of a top-n key-account set (KAM.WEIGHTRANGE).
 *
 * When criterion k's share of the total weight is t and the other weights keep their
 * proportions (w_j scaled by (1 − t)/(1 − w_k)), customer i scores
 *     L_i(t) = t·a_i + (1 − t)·b_i,   a_i = s_ik,   b_i = Σ_{j≠k} w_j·s_ij / Σ_{j≠k} w_j,
 * a straight line in t. Today's top set T stays the top set while every customer in T scores
 * at least every other customer: g(t) = min_{i∈T} L_i(t) − max_{j∉T} L_j(t) ≥ 0. g is concave
 * (a minimum of lines minus a maximum of lines) and g(w_k) ≥ 0, so the set of such t is one
 * interval around today's share. Each end is found exactly by Newton's method on g from the
 * end of 0..1: at a point where g < 0 the two lines attaining the min and the max give a
 * line ≥ g, whose root lies between the true end and the point; on a piecewise-linear concave
 * g this reaches the end after a few steps, and the end is the crossing of two customers'
 * lines, computed from their scores. Each step costs one pass over the customers.
 */

/** Today's top n: indices sorted by total, larger first, equal totals in table order. */
export function topSetMask(totals: Float64Array, n: number): Uint8Array {
  const m = totals.length;
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((i, j) => totals[j] - totals[i] || i - j);
  const mask = new Uint8Array(m);
  for (let r = 0; r < Math.min(n, m); r++) mask[order[r]] = 1;
  return mask;
}

/** Weighted totals Σ w_j·s_ij / Σ w, customers in rows of a row-major m × K block. */
export function weightedTotals(scores: Float64Array, m: number, weights: Float64Array): Float64Array {
  const K = weights.length;
  let total = 0;
  for (let k = 0; k < K; k++) total += weights[k];
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += weights[k] * scores[i * K + k];
    out[i] = s / total;
  }
  return out;
}

export interface WeightRanges {
  /** Per criterion: lowest share keeping the top set; NaN when the other weights are all 0 (no proportions to keep). */
  lowest: Float64Array;
  /** Today's share w_k / Σw. */
  current: Float64Array;
  highest: Float64Array;
}

/**
 * The interval of criterion shares over which today's top n stays the top n, per criterion.
 * `scores` is row-major m × K (customers in rows), weights ≥ 0 with a positive sum, 1 ≤ n ≤ m.
 */
export function weightRanges(scores: Float64Array, m: number, weights: Float64Array, n: number): WeightRanges {
  const K = weights.length;
  let total = 0;
  for (let k = 0; k < K; k++) total += weights[k];
  const inTop = topSetMask(weightedTotals(scores, m, weights), n);
  const lowest = new Float64Array(K);
  const current = new Float64Array(K);
  const highest = new Float64Array(K);
  const a = new Float64Array(m);
  const b = new Float64Array(m);
  for (let k = 0; k < K; k++) {
    let rest = 0;
    for (let j = 0; j < K; j++) if (j !== k) rest += weights[j];
    const t0 = rest === 0 ? 1 : weights[k] / total;
    current[k] = t0;
    if (n >= m || K === 1) {
      // Every customer is key (or there is nothing to trade off): any share keeps the set.
      lowest[k] = K === 1 ? 1 : 0;
      highest[k] = 1;
      continue;
    }
    for (let i = 0; i < m; i++) {
      const row = i * K;
      let s = 0;
      for (let j = 0; j < K; j++) if (j !== k) s += weights[j] * scores[row + j];
      a[i] = scores[row + k];
      b[i] = rest === 0 ? 0 : s / rest;
    }
    highest[k] = Math.max(t0, boundary(a, b, inTop, 1));
    lowest[k] = rest === 0 ? NaN : Math.min(t0, boundary(a, b, inTop, -1));
  }
  return { lowest, current, highest };
}

/**
 * The end of the feasible interval on one side: dir = 1 searches down from t = 1, dir = −1
 * up from t = 0. Returns the end (the caller clamps it to today's share, which absorbs
 * rounding when two customers tie today).
 */
function boundary(a: Float64Array, b: Float64Array, inTop: Uint8Array, dir: 1 | -1): number {
  const m = a.length;
  let t = dir === 1 ? 1 : 0;
  for (let iter = 0; iter <= m + 1; iter++) {
    // The top customer scoring least and the other scoring most at t. On ties take the line
    // that is lower (resp. higher) on the side we move towards, so the supporting line is tight.
    let lo = -1;
    let loV = Infinity;
    let hi = -1;
    let hiV = -Infinity;
    const u = 1 - t;
    for (let i = 0; i < m; i++) {
      const v = t * a[i] + u * b[i];
      const slope = a[i] - b[i];
      if (inTop[i]) {
        if (v < loV || (v === loV && dir * slope > dir * (a[lo] - b[lo]))) {
          lo = i;
          loV = v;
        }
      } else if (v > hiV || (v === hiV && dir * slope < dir * (a[hi] - b[hi]))) {
        hi = i;
        hiV = v;
      }
    }
    if (loV >= hiV) return t;
    // L_lo(t) − L_hi(t) = Δb + t·(Δa − Δb) = 0 at t = Δb / (Δb − Δa).
    const da = a[lo] - a[hi];
    const db = b[lo] - b[hi];
    const root = db / (db - da);
    if (!(dir === 1 ? root < t : root > t)) return t; // no progress: rounding at a tie
    t = root;
  }
  return t;
}
