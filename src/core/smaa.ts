/**
 * Key-set probability under uncertain weights (KAM.KEYPROB): the SMAA-2 rank acceptability
 * of ranks 1…n (Lahdelma & Salminen, "SMAA-2: Stochastic multicriteria acceptability analysis
 * for group decision making", Operations Research 49(3), 2001), estimated by Monte Carlo with
 * a seeded generator so the same inputs always give the same figures.
 */
import { topSetMask, weightedTotals } from "./sensitivity";

/**
 * xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021),
 * seeded through SplitMix32 so that nearby seeds give unrelated streams. Returns doubles in
 * [0, 1) with 53 random bits (two 32-bit outputs). Period 2^128 − 1.
 */
export function xoshiro128ss(seed: number): () => number {
  let x = seed >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const next32 = (): number => {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return r;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export interface KeyProbOptions {
  /** Size of the key set. */
  n: number;
  /** 1: weights uniform on the simplex; 0 < s < 1: each weight uniform in w·(1 ± s), then normalised; 0: today's set. */
  spread: number;
  samples: number;
  seed: number;
}

/**
 * Per customer, the share of weight samples in which it is among the top n (equal totals in
 * table order, as on the sheet). `scores` is row-major m × K. The counts add up to n per
 * sample, so the probabilities add up to n.
 *
 * Uniform weights on the simplex are K independent Exp(1) draws (−ln U), normalised (Rubinstein
 * 1981, see Tervonen & Lahdelma 2007 on SMAA weight generation); as only the order of the
 * totals matters, the normalisation is skipped. The top n of each sample is found by
 * selection (Hoare's quickselect), not sorting.
 */
export function keyProbabilities(scores: Float64Array, m: number, weights: Float64Array, options: KeyProbOptions): Float64Array {
  const K = weights.length;
  const n = Math.min(options.n, m);
  const out = new Float64Array(m);
  if (n >= m) return out.fill(1);
  if (options.spread === 0) {
    // Today's key set, decided on the same weighted totals as KAM.WEIGHTRANGE and the sheet.
    const mask = topSetMask(weightedTotals(scores, m, weights), n);
    for (let i = 0; i < m; i++) out[i] = mask[i];
    return out;
  }
  // Column-major copy: the inner loop then runs down one criterion's contiguous scores.
  const cols = new Float64Array(m * K);
  for (let i = 0; i < m; i++) for (let k = 0; k < K; k++) cols[k * m + i] = scores[i * K + k];
  const random = xoshiro128ss(options.seed);
  const w = new Float64Array(K);
  const totals = new Float64Array(m);
  const scratch = new Float64Array(m);
  const counts = new Float64Array(m);
  const spread = options.spread;
  for (let s = 0; s < options.samples; s++) {
    if (spread >= 1) {
      for (let k = 0; k < K; k++) w[k] = -Math.log(1 - random());
    } else {
      for (let k = 0; k < K; k++) w[k] = weights[k] * (1 + spread * (2 * random() - 1));
    }
    const w0 = w[0];
    for (let i = 0; i < m; i++) totals[i] = w0 * cols[i];
    for (let k = 1; k < K; k++) {
      const wk = w[k];
      const base = k * m;
      for (let i = 0; i < m; i++) totals[i] += wk * cols[base + i];
    }
    countTop(totals, n, scratch, counts);
  }
  for (let i = 0; i < m; i++) out[i] = counts[i] / options.samples;
  return out;
}

/** Adds 1 to counts[i] for each of the top n totals (ties in index order). */
function countTop(totals: Float64Array, n: number, scratch: Float64Array, counts: Float64Array): void {
  const m = totals.length;
  scratch.set(totals);
  const threshold = selectLargest(scratch, n);
  let above = 0;
  for (let i = 0; i < m; i++) if (totals[i] > threshold) above++;
  let ties = n - above; // how many of those equal to the threshold still get in, earliest first
  for (let i = 0; i < m; i++) {
    const v = totals[i];
    if (v > threshold) counts[i]++;
    else if (v === threshold && ties > 0) {
      counts[i]++;
      ties--;
    }
  }
}

/** The n-th largest value (1-based), rearranging `xs` in place (Hoare selection, median of three). */
export function selectLargest(xs: Float64Array, n: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  const target = n - 1; // position in descending order
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot
    let p = xs[mid];
    const x = xs[lo];
    const y = xs[hi];
    if ((x >= p && x <= y) || (x <= p && x >= y)) p = x;
    else if ((y >= p && y <= x) || (y <= p && y >= x)) p = y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] > p) i++;
      while (xs[j] < p) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i] = xs[j];
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return xs[target];
  }
  return xs[target];
}
