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
 * Both give the expected shortfall (mean of the worst 1 − c, Acerbi & Tasche, "On the
 * coherence of expected shortfall", Journal of Banking & Finance 26(7), 2002) and
 * P(loss > x), which with x = Σmargin − fixed costs is P(operating profit < 0).
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
  /**
   * P(loss > x): a loss within 1e-12·Σ|margin| of x counts as equal, so not above it. With x =
   * Σmargin − fixed costs this is P(operating profit after churn < 0) (see `profitShortfallRisk`).
   */
  probAbove(x: number): number;
  /**
   * Expected shortfall at `confidence` c (Acerbi & Tasche 2002): the mean of the worst 1 − c of
   * outcomes, ES = (1/(1 − c))·∫_c^1 VaR_u du = VaR_c + E[(loss − VaR_c)⁺]/(1 − c), which
   * splits the atom at VaR_c when a loss has probability straddling c; ES = the largest loss
   * at c = 1. Binned: within δ + ε·Σ|margin|/(1 − c) of the exact value.
   */
  expectedShortfall(confidence: number): number;
}

/** P(operating profit < 0) after churn: margin total − fixed costs − loss < 0, i.e. loss > total − fixed costs. */
export function profitShortfallRisk(distribution: LossDistribution, margins: ArrayLike<number>, fixedCosts: number): number {
  const total = new Accumulator();
  for (let i = 0; i < margins.length; i++) total.add(margins[i]);
  return distribution.probAbove(total.value - fixedCosts);
}

/** The smallest double above x (x finite). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  i64[0] += x > 0 ? 1n : -1n;
  return f64[0];
}

/** VaR_c + E[(loss − VaR_c)⁺]/(1 − c), or VaR at c = 1 (the largest loss). */
function shortfall(confidence: number, quantile: (c: number) => number, excess: (q: number) => number): number {
  const q = quantile(confidence);
  if (confidence >= 1 - CONFIDENCE_TOLERANCE) return quantile(1);
  return q + excess(q) / (1 - confidence);
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

/** Running sums of `values[j]·weights[j]` (weights omitted: 1): `fromTop` sums j..end, else 0..j, compensated. */
function runningSums(values: Float64Array, fromTop: boolean, weights?: Float64Array): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const acc = new Accumulator();
  for (let step = 0; step < n; step++) {
    const j = fromTop ? n - 1 - step : step;
    acc.add(weights ? values[j] * weights[j] : values[j]);
    out[j] = acc.value;
  }
  return out;
}

/**
 * The loss of two independent halves A + B, queried by merging their sorted lists: for each
 * A-loss (in order) the B-losses on the far side of a level move monotonically, so one pointer walks.
 */
class PairedHalves {
  /** below[j] = P(B-loss ≤ B.sums[j]), summed from the bottom. */
  private readonly below: Float64Array;
  /** above[j] = P(B-loss ≥ B.sums[j]), summed from the top, so small tails keep their digits. */
  private readonly above: Float64Array;
  /** aboveLoss[j] = Σ_{j' ≥ j} P(b_j')·b_j', for the expected excess over a level. */
  private readonly aboveLoss: Float64Array;

  constructor(
    private readonly A: Half,
    private readonly B: Half,
  ) {
    this.below = runningSums(B.probs, false);
    this.above = runningSums(B.probs, true);
    this.aboveLoss = runningSums(B.probs, true, B.sums);
  }

  get low(): number {
    return this.A.sums[0] + this.B.sums[0];
  }

  get high(): number {
    return this.A.sums[this.A.sums.length - 1] + this.B.sums[this.B.sums.length - 1];
  }

  /** P(random loss ≤ y): as the A-loss rises, the B-losses with a + b ≤ y shrink. */
  cdf(y: number): number {
    const { A, B } = this;
    const sum = new Accumulator();
    let j = B.sums.length - 1;
    for (let i = 0; i < A.sums.length; i++) {
      const a = A.sums[i];
      while (j >= 0 && a + B.sums[j] > y) j--;
      if (j < 0) break;
      sum.add(A.probs[i] * this.below[j]);
    }
    return sum.value;
  }

  /** P(random loss ≥ y), summed directly over the upper tail. */
  tail(y: number): number {
    const { A, B } = this;
    const sum = new Accumulator();
    let j = 0;
    for (let i = A.sums.length - 1; i >= 0; i--) {
      const a = A.sums[i];
      while (j < B.sums.length && a + B.sums[j] < y) j++;
      if (j >= B.sums.length) break;
      sum.add(A.probs[i] * this.above[j]);
    }
    return sum.value;
  }

  /** E[(random loss − y)⁺]: for each A-loss a, Σ over b with a + b > y of P(a)·P(b)·(a + b − y). */
  excess(y: number): number {
    const { A, B } = this;
    const sum = new Accumulator();
    let j = 0;
    for (let i = A.sums.length - 1; i >= 0; i--) {
      const a = A.sums[i];
      while (j < B.sums.length && a + B.sums[j] <= y) j++;
      if (j >= B.sums.length) break;
      sum.add(A.probs[i] * ((a - y) * this.above[j] + this.aboveLoss[j]));
    }
    return Math.max(0, sum.value);
  }
}

function exactDistribution(m: number[], p: number[], fixed: number, tolerance: number): LossDistribution {
  const half = m.length >> 1;
  const pairs = new PairedHalves(enumerate(m.slice(0, half), p.slice(0, half)), enumerate(m.slice(half), p.slice(half)));
  const quantile = (confidence: number) =>
    fixed + smallestReaching((y) => pairs.cdf(y), confidence - CONFIDENCE_TOLERANCE, pairs.low, pairs.high);
  return {
    exact: true,
    lossError: 0,
    probabilityError: 0,
    uncertain: m.length,
    probAtLeast: (x) => Math.min(1, pairs.tail(x - fixed - tolerance)),
    quantile,
    // a + b ≥ nextUp(y) is a + b > y for the double sums a + b.
    probAbove: (x) => Math.min(1, pairs.tail(nextUp(x - fixed + tolerance))),
    expectedShortfall: (confidence) => shortfall(confidence, quantile, (q) => pairs.excess(q - fixed)),
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

/** Margins rounded to multiples of a bin width h, with the error bound δ of the rounding (see the file comment). */
interface Binning {
  /** The bin width h. */
  width: number;
  /** Each margin in whole bins: round(m_i / h). */
  bins: Int32Array;
  /** E's mean Σ e_i·p_i, added back to every loss. */
  meanShift: number;
  /** δ = sqrt(Σe_i² · ln(2/η) / 2). */
  lossError: number;
  /** Bins below and above a loss of 0 that the distribution may reach. */
  negativeBins: number;
  positiveBins: number;
}

function binMargins(m: number[], p: number[]): Binning {
  const N = m.length;
  let scale = 0;
  for (const x of m) scale += Math.abs(x);
  const logTerm = Math.log(2 / APPROX_PROBABILITY);
  // δ ≤ sqrt(N·h²/4 · ln(2/η) / 2) = h·sqrt(N·ln(2/η)/8) must be at most 0.1% of Σ|m|.
  const width = (APPROX_LOSS_SHARE * scale) / Math.sqrt((N * logTerm) / 8);
  const bins = new Int32Array(N);
  let meanShift = 0;
  let squares = 0;
  let negativeBins = 0;
  let positiveBins = 0;
  for (let i = 0; i < N; i++) {
    bins[i] = Math.round(m[i] / width);
    const e = m[i] - bins[i] * width;
    meanShift += e * p[i];
    squares += e * e;
    if (bins[i] < 0) negativeBins -= bins[i];
    else positiveBins += bins[i];
  }
  return { width, bins, meanShift, lossError: Math.sqrt((squares * logTerm) / 2), negativeBins, positiveBins };
}

/** The probability of each binned loss, bins lo..hi of `mass` (bin `zero` is a loss of 0). */
interface BinnedMass {
  mass: Float64Array;
  zero: number;
  lo: number;
  hi: number;
  /** Probability dropped from the far ends, at most APPROX_PROBABILITY. */
  dropped: number;
}

/** Adds one customer (leaves with probability pc, shifting the loss by `shift` bins) to the distribution. */
function addCustomer(d: BinnedMass, shift: number, pc: number): void {
  const { mass } = d;
  const qc = 1 - pc;
  if (shift > 0) {
    for (let j = d.hi + shift; j >= d.lo + shift; j--) mass[j] = qc * mass[j] + pc * mass[j - shift];
    for (let j = Math.min(d.lo + shift - 1, d.hi); j >= d.lo; j--) mass[j] *= qc;
    d.hi += shift;
  } else {
    const s = -shift;
    for (let j = d.lo - s; j <= d.hi - s; j++) mass[j] = qc * mass[j] + pc * mass[j + s];
    for (let j = Math.max(d.hi - s + 1, d.lo); j <= d.hi; j++) mass[j] *= qc;
    d.lo -= s;
  }
}

/** Drops negligible mass at both ends while the total dropped stays within `budget`. */
function trimEnds(d: BinnedMass, budget: number): void {
  const { mass } = d;
  while (d.lo < d.hi && d.dropped + mass[d.lo] <= budget) {
    d.dropped += mass[d.lo];
    mass[d.lo++] = 0;
  }
  while (d.hi > d.lo && d.dropped + mass[d.hi] <= budget) {
    d.dropped += mass[d.hi];
    mass[d.hi--] = 0;
  }
}

/** The distribution of the binned loss, customers added smallest first, the budget for dropped mass growing to η. */
function convolveBins(binning: Binning, p: number[]): BinnedMass {
  const { bins, negativeBins, positiveBins } = binning;
  const N = bins.length;
  const order = Array.from({ length: N }, (_, i) => i).sort((x, y) => Math.abs(bins[x]) - Math.abs(bins[y]));
  const d: BinnedMass = { mass: new Float64Array(negativeBins + positiveBins + 1), zero: negativeBins, lo: negativeBins, hi: negativeBins, dropped: 0 };
  d.mass[d.zero] = 1;
  for (let step = 0; step < N; step++) {
    const c = order[step];
    if (bins[c] === 0) continue;
    addCustomer(d, bins[c], p[c]);
    trimEnds(d, (APPROX_PROBABILITY * (step + 1)) / N);
  }
  return d;
}

function binnedDistribution(m: number[], p: number[], fixed: number, tolerance: number): LossDistribution {
  const binning = binMargins(m, p);
  const d = convolveBins(binning, p);
  const { mass, lo, hi } = d;
  const h = binning.width;
  const base = fixed + binning.meanShift;
  const lossAt = (j: number): number => (j - d.zero) * h + base;
  // upper[j − lo] = mass of bins ≥ j, summed from the top; upper[hi + 1 − lo] = 0.
  const upper = new Float64Array(hi - lo + 2);
  upper.set(runningSums(mass.subarray(lo, hi + 1), true));
  const total = upper[0];
  /** First bin index whose loss is above `level` (hi + 1 when none). */
  const firstAbove = (level: number): number => {
    let j = Math.floor((level - base) / h) + d.zero;
    if (j < lo) j = lo;
    while (j > lo && lossAt(j - 1) > level) j--;
    while (j <= hi && lossAt(j) <= level) j++;
    return j;
  };
  /** First bin index whose loss reaches `level` (hi + 1 when none). */
  const firstReaching = (level: number): number => {
    let j = Math.ceil((level - base) / h) + d.zero;
    while (j > lo && lossAt(j - 1) >= level) j--;
    while (j <= hi && lossAt(j) < level) j++;
    return j;
  };
  const quantile = (confidence: number): number => {
    const level = confidence - CONFIDENCE_TOLERANCE;
    // P(loss ≤ bin j) = total − upper[j + 1]
    for (let j = lo; j <= hi; j++) {
      if (total - upper[j + 1 - lo] >= level) return lossAt(j);
    }
    return lossAt(hi);
  };
  const massFrom = (j: number): number => (j > hi ? 0 : Math.min(1, upper[Math.max(j, lo) - lo]));
  return {
    exact: false,
    lossError: binning.lossError,
    probabilityError: APPROX_PROBABILITY + d.dropped,
    uncertain: m.length,
    probAtLeast: (x) => massFrom(firstReaching(x - tolerance)),
    quantile,
    probAbove: (x) => massFrom(firstAbove(x + tolerance)),
    expectedShortfall: (confidence) =>
      shortfall(confidence, quantile, (q) => {
        const sum = new Accumulator();
        for (let j = firstAbove(q); j <= hi; j++) sum.add(mass[j] * (lossAt(j) - q));
        return sum.value;
      }),
  };
}
