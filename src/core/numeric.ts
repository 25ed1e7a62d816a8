/** Small numeric helpers shared by the metrics. */
import { SHARE_TOLERANCE } from "./defaults";

export { SHARE_TOLERANCE };

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

/** The absolute tolerance on shares of `total` (see `SHARE_TOLERANCE`). */
export function shareTolerance(total: number): number {
  return Math.abs(total) * SHARE_TOLERANCE;
}

/** True when `part` reaches `share` of `total`, allowing for rounding. */
export function reachesShare(part: number, total: number, share: number): boolean {
  return part >= share * total - shareTolerance(total);
}
