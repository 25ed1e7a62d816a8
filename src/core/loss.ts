/**
 * Loss scenarios: what leaves with the largest customers. Worst case of size k removes the k
 * largest customers by revenue; ties in revenue are broken by the larger margin first (the
 * worse case), then by position in the list, so results never depend on sort stability.
 */
import { hhiFromSums, unitScale } from "./concentration";
import { HHI_POINTS } from "./defaults";
import { divError, numError, valueError } from "./errors";
import { Accumulator, sortedAscending } from "./numeric";


/** Loss order: larger revenue first; ties by larger margin (the worse case), then earlier position. */
function lossCompare(revenues: Float64Array, margins?: Float64Array) {
  return (i: number, j: number): number => {
    const d = revenues[j] - revenues[i];
    if (d !== 0) return d;
    if (margins) {
      const m = margins[j] - margins[i];
      if (m !== 0) return m;
    }
    return i - j;
  };
}

/** The `need` largest of `values` at `indices` (ties: earlier index first), in index order. */
function largestAmong(indices: Uint32Array, values: Float64Array, need: number): number[] {
  if (need <= 0) return [];
  const sorted = Float64Array.from(indices, (i) => values[i]).sort();
  const t = sorted[sorted.length - need];
  const out: number[] = [];
  for (const i of indices) if (values[i] > t) out.push(i);
  for (const i of indices) {
    if (out.length >= need) break;
    if (values[i] === t) out.push(i);
  }
  return out;
}

/**
 * Indices of the first k customers in loss order (`ascending`: the revenues sorted, when the
 * caller has them already). Selects by threshold with typed-array sorts, breaking ties at the
 * threshold by margin and position, and sorts only the k chosen, so it stays O(n log n)
 * numeric work even when many customers have equal revenue.
 */
export function lossOrder(revenues: Float64Array, margins?: Float64Array, k = revenues.length, ascending = sortedAscending(revenues)): Uint32Array {
  const n = revenues.length;
  const m = Math.min(Math.max(k, 0), n);
  if (m === 0) return new Uint32Array(0);
  const t = ascending[n - m];
  const chosen: number[] = [];
  let tiedCount = 0;
  for (let i = 0; i < n; i++) {
    if (revenues[i] > t) chosen.push(i);
    else if (revenues[i] === t) tiedCount++;
  }
  const tied = new Uint32Array(tiedCount);
  for (let i = 0, c = 0; i < n; i++) if (revenues[i] === t) tied[c++] = i;
  const need = m - chosen.length;
  // a loop, not push(...picked): over 100,000 tied customers would overflow the stack
  const picked = margins ? largestAmong(tied, margins, need) : tied.subarray(0, need);
  for (let c = 0; c < picked.length; c++) chosen.push(picked[c]);
  return Uint32Array.from(chosen).sort(lossCompare(revenues, margins));
}

export interface TopLoss {
  revenue: number;
  margin?: number;
}

/** Revenue (and margin) that leave if the k largest customers leave. */
export function topLoss(revenues: Float64Array, k: number, margins?: Float64Array): TopLoss {
  if (!Number.isInteger(k) || k < 0) throw numError(`k must be a whole number of 0 or more, got ${k}`);
  const order = lossOrder(revenues, margins, k);
  const rev = new Accumulator();
  const mar = new Accumulator();
  const m = order.length;
  for (let r = 0; r < m; r++) {
    rev.add(revenues[order[r]]);
    if (margins) mar.add(margins[order[r]]);
  }
  return margins ? { revenue: rev.value, margin: mar.value } : { revenue: rev.value };
}

export interface LossRow {
  k: number;
  /** Index (into the input arrays) of the customer lost at step k. */
  lost: number;
  revenueLost: number;
  revenueLostShare: number;
  marginLost?: number;
  /** Share of total margin lost; undefined when the total margin is 0. */
  marginLostShare?: number;
  /** HHI in antitrust points (0–10,000) of the customers that remain; undefined when none remain or they total 0. */
  hhiPointsRemaining?: number;
  /** Total margin − margin lost − fixed costs. */
  operatingProfit?: number;
}

export interface LossTableInput {
  revenues: Float64Array;
  margins?: Float64Array;
  kmax: number;
  fixedCosts?: number;
}

/** Worst-case table for k = 1..min(kmax, n), by revenue. */
export function lossTable({ revenues, margins, kmax, fixedCosts }: LossTableInput): LossRow[] {
  if (!Number.isInteger(kmax) || kmax < 1) throw numError(`kmax must be a whole number of at least 1, got ${kmax}`);
  if (fixedCosts !== undefined && fixedCosts < 0) throw numError(`fixed costs must be 0 or more, got ${fixedCosts}`);
  if (fixedCosts !== undefined && !margins) throw valueError("operating profit needs margins: give margins along with fixedcosts");
  const n = revenues.length;
  const asc = sortedAscending(revenues);
  const order = lossOrder(revenues, margins, kmax, asc);
  // What remains after the k largest leave is the n − k smallest revenues whichever tied
  // customer left, so its sums come from the ascending values, summed from the small end (no
  // cancellation): restSum[k] and restSq[k] = Σx and Σx² of the n − k smallest, of the
  // revenues times one exact power of two so that the squares cannot overflow (see `hhiFromSums`).
  const f = unitScale(asc[n - 1]);
  const restSum = new Float64Array(n + 1);
  const restSq = new Float64Array(n + 1);
  const total = new Accumulator();
  const s = new Accumulator();
  const q = new Accumulator();
  for (let r = 0; r < n; r++) {
    const y = asc[r] * f;
    total.add(asc[r]);
    s.add(y);
    q.add(y * y);
    restSum[n - 1 - r] = s.value;
    restSq[n - 1 - r] = q.value;
  }
  const totalRevenue = total.value;
  if (totalRevenue === 0) throw divError("revenues total 0, so loss shares are undefined");
  let totalMargin = 0;
  if (margins) {
    const tm = new Accumulator();
    for (let i = 0; i < n; i++) tm.add(margins[i]);
    totalMargin = tm.value;
  }
  const rows: LossRow[] = [];
  const rev = new Accumulator();
  const mar = new Accumulator();
  for (let k = 1; k <= Math.min(kmax, n); k++) {
    const idx = order[k - 1];
    rev.add(revenues[idx]);
    const row: LossRow = { k, lost: idx, revenueLost: rev.value, revenueLostShare: rev.value / totalRevenue };
    if (k < n && restSum[k] > 0) row.hhiPointsRemaining = hhiFromSums(restSum[k], restSq[k], HHI_POINTS);
    if (margins) {
      mar.add(margins[idx]);
      row.marginLost = mar.value;
      if (totalMargin !== 0) row.marginLostShare = mar.value / totalMargin;
      if (fixedCosts !== undefined) row.operatingProfit = totalMargin - mar.value - fixedCosts;
    }
    rows.push(row);
  }
  return rows;
}

/** Σ margin × probability of losing the customer. */
export function expectedLoss(margins: Float64Array, probabilities: Float64Array): number {
  const acc = new Accumulator();
  for (let i = 0; i < margins.length; i++) acc.add(margins[i] * probabilities[i]);
  return acc.value;
}
