/**
 * The distribution of margin lost to churn (KAM.LOSSRISK, KAM.LOSSVAR):
 * loss = Σ margin_i·X_i with independent X_i ~ Bernoulli(p_i).
 *
 * Customers with p = 0 never leave and those with p = 1 always do (a fixed part of the loss),
 * so only the N customers with 0 < p < 1 are random.
 * - N ≤ EXACT_LIMIT: exact. The customers are split into two halves; each half's 2^(N/2)
 *   subset losses and probabilities are listed and sorted, and P(loss ≤ x) is a merge of the
 *   two sorted lists (meet in the middle, Horowitz & Sahni 1974), so 30 customers cost two
 *   lists of 32,768 instead of a billion subsets. The quantile is found by bisection over the
 *   ordered doubles: the answer is the smallest double x with P(loss ≤ x) ≥ confidence, and
 *   so always one of the possible losses.
 * - N > EXACT_LIMIT: each margin is rounded to a multiple of a bin width h and the distribution
 *   of the rounded loss is built by dynamic programming over the bins, adding customers in
 *   order of size and dropping at most 1e-12 of probability from the far ends of the support.
 *   The rounding errors e_i = m_i − h·round(m_i/h) give the exact loss L = L̃ + E with
 *   E = Σ e_i·X_i; the result is shifted by E's mean Σ e_i·p_i, and by Hoeffding's inequality
 *   (1963, Theorem 2; each e_i·X_i spans |e_i|) P(|E − Σe_i·p_i| ≥ δ) ≤ 2·exp(−2δ²/Σe_i²) = η.
 *   With δ = sqrt(Σe_i² · ln(2/η) / 2), η = 1e-12, and h chosen so that δ ≤ 0.1% of Σ|m_i|
 *   (Σe_i² ≤ N·h²/4): for every x,
 *       P̃(loss ≥ x + δ) − ε ≤ P(loss ≥ x) ≤ P̃(loss ≥ x − δ) + ε,   ε = η + dropped mass ≤ 2e-12,
 *   and the true quantile at confidence c lies within δ of the approximate ones at c ± ε.
 */
import { Accumulator } from "./numeric";

/** Largest number of uncertain customers (0 < p < 1) computed exactly. */
export const EXACT_LIMIT = 30;
/** Confidence comparisons allow this much: 0.9 computed as 0.8999999999999999 still reaches 0.9. */
export const CONFIDENCE_TOLERANCE = 1e-9;
/** Loss comparisons allow this share of Σ|margin|: a loss of 49.99999999999999 counts as reaching 50. */
export const LOSS_TOLERANCE = 1e-12;
/** Target of the approximate method: its loss error δ is at most this share of Σ|margin| (0.1%). */
export const APPROX_LOSS_SHARE = 1e-3;
/** Probability η that the rounding error exceeds δ (Hoeffding), and the most probability mass dropped. */
export const APPROX_PROBABILITY = 1e-12;

export interface LossDistribution {
  /** True when computed exactly (meet in the middle), false for the binned approximation. */
  exact: boolean;
  /** Bound δ on the loss error of the approximation (0 when exact). */
  lossError: number;
  /** Bound ε on the probability error of the approximation (0 when exact, beyond rounding). */
  probabilityError: number;
  /** Number of customers with 0 < p < 1. */
  uncertain: number;
  /** P(loss ≥ x), x compared with a tolerance of 1e-12·Σ|margin|. */
  probAtLeast(x: number): number;
  /** The smallest loss x with P(loss ≤ x) ≥ confidence (compared with a tolerance of 1e-9). */
  quantile(confidence: number): number;
}

export interface LossOptions {
  /** Override EXACT_LIMIT (tests use 0 to force the approximation on small cases). */
  exactLimit?: number;
}

export function lossDistribution(margins: ArrayLike<number>, probabilities: ArrayLike<number>, options: LossOptions = {}): LossDistribution {
  const fixed = new Accumulator();
  const m: number[] = [];
  const p: number[] = [];
  let scale = 0;
  for (let i = 0; i < margins.length; i++) {
    scale += Math.abs(margins[i]);
    const pi = probabilities[i];
    if (pi === 0 || margins[i] === 0) continue;
    if (pi === 1) fixed.add(margins[i]);
    else {
      m.push(margins[i]);
      p.push(pi);
    }
  }
  const tolerance = LOSS_TOLERANCE * scale;
  const limit = options.exactLimit ?? EXACT_LIMIT;
  return m.length <= limit ? exactDistribution(m, p, fixed.value, tolerance) : binnedDistribution(m, p, fixed.value, tolerance);
}

// Exact: meet in the middle ------------------------------------------------------------------

interface Half {
  sums: Float64Array; // ascending
  probs: Float64Array;
}

/** All 2^k subset losses of a group with their probabilities, sorted by loss. */
function enumerate(m: readonly number[], p: readonly number[]): Half {
  const size = 1 << m.length;
  let sums = new Float64Array(size);
  let probs = new Float64Array(size);
  probs[0] = 1;
  let filled = 1;
  for (let c = 0; c < m.length; c++) {
    const q = 1 - p[c];
    for (let s = 0; s < filled; s++) {
      sums[filled + s] = sums[s] + m[c];
      probs[filled + s] = probs[s] * p[c];
      probs[s] *= q;
    }
    filled *= 2;
  }
  const order = new Uint32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  order.sort((i, j) => sums[i] - sums[j]);
  const s2 = new Float64Array(size);
  const p2 = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    s2[i] = sums[order[i]];
    p2[i] = probs[order[i]];
  }
  sums = s2;
  probs = p2;
  return { sums, probs };
}

function exactDistribution(m: number[], p: number[], fixed: number, tolerance: number): LossDistribution {
  const half = m.length >> 1;
  const A = enumerate(m.slice(0, half), p.slice(0, half));
  const B = enumerate(m.slice(half), p.slice(half));
  const nb = B.sums.length;
  // below[j] = P(B-loss ≤ sums[j]) summed from the bottom; above[j] = P(B-loss ≥ sums[j]) from the top,
  // so small tail probabilities keep their digits instead of being 1 minus something.
  const below = new Float64Array(nb);
  const above = new Float64Array(nb);
  let acc = new Accumulator();
  for (let j = 0; j < nb; j++) {
    acc.add(B.probs[j]);
    below[j] = acc.value;
  }
  acc = new Accumulator();
  for (let j = nb - 1; j >= 0; j--) {
    acc.add(B.probs[j]);
    above[j] = acc.value;
  }
  /** P(random loss ≤ y): for each A-loss (ascending) the B-losses with a + b ≤ y shrink, so one pointer walks down. */
  const cdf = (y: number): number => {
    const sum = new Accumulator();
    let j = nb - 1;
    for (let i = 0; i < A.sums.length; i++) {
      const a = A.sums[i];
      while (j >= 0 && a + B.sums[j] > y) j--;
      if (j < 0) break;
      sum.add(A.probs[i] * below[j]);
    }
    return sum.value;
  };
  /** P(random loss ≥ y), summed directly over the upper tail. */
  const tail = (y: number): number => {
    const sum = new Accumulator();
    let j = 0;
    for (let i = A.sums.length - 1; i >= 0; i--) {
      const a = A.sums[i];
      while (j < nb && a + B.sums[j] < y) j++;
      if (j >= nb) break;
      sum.add(A.probs[i] * above[j]);
    }
    return sum.value;
  };
  const low = A.sums[0] + B.sums[0];
  const high = A.sums[A.sums.length - 1] + B.sums[nb - 1];
  return {
    exact: true,
    lossError: 0,
    probabilityError: 0,
    uncertain: m.length,
    probAtLeast: (x) => Math.min(1, tail(x - fixed - tolerance)),
    quantile: (confidence) => fixed + smallestReaching(cdf, confidence - CONFIDENCE_TOLERANCE, low, high),
  };
}

// Doubles in order: the bit pattern of a double, read as a signed integer and folded for
// negatives, increases with the double, so bisection over it finds the smallest double where
// a step function reaches a level, exactly, in at most 64 steps.
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const SIGN = -(2n ** 63n);

function orderKey(x: number): bigint {
  f64[0] = x;
  const bits = i64[0];
  return bits >= 0n ? bits : SIGN - bits;
}

function fromOrderKey(key: bigint): number {
  i64[0] = key >= 0n ? key : SIGN - key;
  return f64[0];
}

/** The smallest double x in [low, high] with f(x) ≥ level (f non-decreasing, f(high) ≥ level). */
function smallestReaching(f: (x: number) => number, level: number, low: number, high: number): number {
  if (f(low) >= level) return low;
  let lo = orderKey(low); // f(lo) < level
  let hi = orderKey(high); // f(hi) ≥ level
  while (hi - lo > 1n) {
    const mid = lo + (hi - lo) / 2n;
    if (f(fromOrderKey(mid)) >= level) hi = mid;
    else lo = mid;
  }
  return fromOrderKey(hi);
}

// Approximate: binned dynamic programming ------------------------------------------------------

function binnedDistribution(m: number[], p: number[], fixed: number, tolerance: number): LossDistribution {
  const N = m.length;
  let scale = 0;
  for (const x of m) scale += Math.abs(x);
  const logTerm = Math.log(2 / APPROX_PROBABILITY);
  // δ ≤ sqrt(N·h²/4 · ln(2/η) / 2) = h·sqrt(N·ln(2/η)/8) must be at most 0.1% of Σ|m|.
  const h = (APPROX_LOSS_SHARE * scale) / Math.sqrt((N * logTerm) / 8);
  const k = new Int32Array(N);
  let meanShift = 0;
  let squares = 0;
  let negative = 0;
  let positive = 0;
  for (let i = 0; i < N; i++) {
    k[i] = Math.round(m[i] / h);
    const e = m[i] - k[i] * h;
    meanShift += e * p[i];
    squares += e * e;
    if (k[i] < 0) negative -= k[i];
    else positive += k[i];
  }
  const delta = Math.sqrt((squares * logTerm) / 2);
  const order = Array.from({ length: N }, (_, i) => i).sort((x, y) => Math.abs(k[x]) - Math.abs(k[y]));
  const offset = negative; // bin index of a loss of 0
  const dist = new Float64Array(negative + positive + 1);
  dist[offset] = 1;
  let lo = offset;
  let hi = offset;
  let dropped = 0;
  for (let step = 0; step < N; step++) {
    const c = order[step];
    const shift = k[c];
    if (shift === 0) continue;
    const pc = p[c];
    const qc = 1 - pc;
    if (shift > 0) {
      for (let j = hi + shift; j >= lo + shift; j--) dist[j] = qc * dist[j] + pc * dist[j - shift];
      for (let j = Math.min(lo + shift - 1, hi); j >= lo; j--) dist[j] *= qc;
      hi += shift;
    } else {
      const s = -shift;
      for (let j = lo - s; j <= hi - s; j++) dist[j] = qc * dist[j] + pc * dist[j + s];
      for (let j = Math.max(hi - s + 1, lo); j <= hi; j++) dist[j] *= qc;
      lo -= s;
    }
    // Drop negligible mass at both ends, within a budget that grows to APPROX_PROBABILITY.
    const budget = (APPROX_PROBABILITY * (step + 1)) / N;
    while (lo < hi && dropped + dist[lo] <= budget) {
      dropped += dist[lo];
      dist[lo++] = 0;
    }
    while (hi > lo && dropped + dist[hi] <= budget) {
      dropped += dist[hi];
      dist[hi--] = 0;
    }
  }
  const base = fixed + meanShift;
  const lossAt = (j: number): number => (j - offset) * h + base;
  // upper[j] = mass of bins ≥ j, summed from the top.
  const upper = new Float64Array(hi - lo + 2);
  const acc = new Accumulator();
  for (let j = hi; j >= lo; j--) {
    acc.add(dist[j]);
    upper[j - lo] = acc.value;
  }
  const total = upper[0];
  return {
    exact: false,
    lossError: delta,
    probabilityError: APPROX_PROBABILITY + dropped,
    uncertain: N,
    probAtLeast: (x) => {
      // first bin whose loss reaches x (less the tolerance)
      const target = x - tolerance;
      let j = Math.ceil((target - base) / h) + offset;
      while (j > lo && lossAt(j - 1) >= target) j--;
      while (j <= hi && lossAt(j) < target) j++;
      if (j <= lo) return Math.min(1, total);
      if (j > hi) return 0;
      return Math.min(1, upper[j - lo]);
    },
    quantile: (confidence) => {
      const level = confidence - CONFIDENCE_TOLERANCE;
      // P(loss ≤ bin j) = total − upper[j + 1]
      for (let j = lo; j <= hi; j++) {
        if (total - upper[j + 1 - lo] >= level) return lossAt(j);
      }
      return lossAt(hi);
    },
  };
}
