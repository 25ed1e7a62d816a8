/** Small numeric helpers shared by the metrics. */

/**
 * Neumaier (improved Kahan) summation: the rounding error of a long sum stays at one or two
 * units in the last place instead of growing with the count, so a million revenues in cents
 * add up to the cent.
 */
export function sum(xs: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** Running compensated sum, for cumulative shares. */
export class Accumulator {
  private s = 0;
  private c = 0;
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

/** Ascending numeric copy (typed-array sort is numeric and in place; no spreading). */
export function sortedAscending(xs: Float64Array): Float64Array {
  return Float64Array.from(xs).sort();
}

/**
 * Tolerance for "cumulative share reaches s", as a share of the total: sums of floating-point
 * amounts can miss an exact threshold by a few units in the last place (0.7 + 0.1 < 0.8).
 * A millionth of a millionth of the total is far below a cent on any realistic total, and
 * far above rounding noise. The sheets' Pareto and ABC formulas allow the same.
 */
export const SHARE_TOLERANCE = 1e-12;

export function shareTolerance(total: number): number {
  return Math.abs(total) * SHARE_TOLERANCE;
}

/** True when `part` reaches `share` of `total`, allowing for rounding. */
export function reachesShare(part: number, total: number, share: number): boolean {
  return part >= share * total - shareTolerance(total);
}
