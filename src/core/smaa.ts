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
 * totals matters, the normalisation is skipped. The top n of each sample is found by a
 * bounded heap (one comparison per customer unless it enters the top n), not by sorting.
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
  const counts = new Float64Array(m);
  const complement = 2 * n > m;
  const heap = new Int32Array(complement ? m - n : n);
  const spread = options.spread;
  for (let s = 0; s < options.samples; s++) {
    if (spread >= 1) {
      for (let k = 0; k < K; k++) w[k] = -Math.log(1 - random());
    } else {
      for (let k = 0; k < K; k++) w[k] = weights[k] * (1 + spread * (2 * random() - 1));
    }
    // Two criteria per pass over the totals: half the memory traffic of one at a time.
    let k = 0;
    if (K % 2 === 1) {
      const w0 = w[0];
      for (let i = 0; i < m; i++) totals[i] = w0 * cols[i];
      k = 1;
    } else totals.fill(0);
    for (; k < K; k += 2) {
      const wa = w[k];
      const wb = w[k + 1];
      const a = k * m;
      const b = a + m;
      for (let i = 0; i < m; i++) totals[i] += wa * cols[a + i] + wb * cols[b + i];
    }
    if (complement) {
      // n above m/2: find the m − n customers left out (equal totals: the later one is out).
      selectWorst(totals, m - n, heap);
      for (let h = 0; h < m - n; h++) counts[heap[h]]--;
    } else {
      selectBest(totals, n, heap);
      for (let h = 0; h < n; h++) counts[heap[h]]++;
    }
  }
  const base = complement ? options.samples : 0; // counts hold (key − samples) when counting the left-out
  for (let i = 0; i < m; i++) out[i] = (base + counts[i]) / options.samples;
  return out;
}

/**
 * The n best totals (larger first, equal totals in index order) as indices in heap[0..n),
 * by a bounded min-heap whose root is the worst of those kept: a customer only costs one
 * comparison unless it beats the root. Scanning in index order, a later customer equal to the
 * root does not beat it (the earlier one wins the tie).
 */
function selectBest(totals: Float64Array, n: number, heap: Int32Array): void {
  // worse(i, j): i ranks below j
  const worse = (i: number, j: number) => totals[i] < totals[j] || (totals[i] === totals[j] && i > j);
  for (let i = 0; i < n; i++) siftUp(heap, i, i, worse);
  for (let i = n; i < totals.length; i++) {
    if (totals[i] > totals[heap[0]]) {
      heap[0] = i;
      siftDown(heap, n, worse);
    }
  }
}

/** The n worst totals (smaller first, equal totals: the later index is worse) in heap[0..n). */
function selectWorst(totals: Float64Array, n: number, heap: Int32Array): void {
  // better(i, j): i ranks above j; the heap's root is the best of the worst kept.
  const better = (i: number, j: number) => totals[i] > totals[j] || (totals[i] === totals[j] && i < j);
  for (let i = 0; i < n; i++) siftUp(heap, i, i, better);
  for (let i = n; i < totals.length; i++) {
    if (totals[i] <= totals[heap[0]]) {
      heap[0] = i;
      siftDown(heap, n, better);
    }
  }
}

/** Adds `item` at position `at` of a heap whose root is the element x with below(x, y) for all others y. */
function siftUp(heap: Int32Array, at: number, item: number, below: (i: number, j: number) => boolean): void {
  let c = at;
  while (c > 0) {
    const parent = (c - 1) >> 1;
    if (!below(item, heap[parent])) break;
    heap[c] = heap[parent];
    c = parent;
  }
  heap[c] = item;
}

function siftDown(heap: Int32Array, size: number, below: (i: number, j: number) => boolean): void {
  const item = heap[0];
  let c = 0;
  for (;;) {
    let child = 2 * c + 1;
    if (child >= size) break;
    if (child + 1 < size && below(heap[child + 1], heap[child])) child++;
    if (!below(heap[child], item)) break;
    heap[c] = heap[child];
    c = child;
  }
  heap[c] = item;
}

/**
 * The top n of `totals` (equal totals in index order) as ascending indices, by the same heap
 * selection the sampler uses (through the left-out m − n when n is above m/2).
 */
export function topIndices(totals: Float64Array, n: number): number[] {
  const m = totals.length;
  if (2 * n > m) {
    const heap = new Int32Array(m - n);
    selectWorst(totals, m - n, heap);
    const out = new Set(heap);
    return Array.from({ length: m }, (_, i) => i).filter((i) => !out.has(i));
  }
  const heap = new Int32Array(n);
  selectBest(totals, n, heap);
  return Array.from(heap).sort((a, b) => a - b);
}
