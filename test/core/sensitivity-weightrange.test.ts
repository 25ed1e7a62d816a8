/** KAM.WEIGHTRANGE: exact weight-stability intervals of the top-n set. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KamError } from "../../src/core/errors";
import * as ks from "../../src/core/kam-sensitivity";
import { topSetMask, weightRanges } from "../../src/core/sensitivity";
import { expectKamError, row } from "./helpers";

// Tzeng & Huang, Multiple Attribute Decision Making: Methods and Applications (CRC, 2011),
// the decision matrix scikit-criteria uses in its tests. Weighted totals with (0.3, 0.4, 0.3):
// 5.9, 6.9, 7.4, 5.5, so the top 2 are rows 3 and 2.
const TZENG = [
  [5, 8, 4],
  [7, 6, 8],
  [8, 8, 6],
  [7, 4, 6],
];

/** Brute force from the definition: weights with k's share t, the others in proportion; does today's top set still win? */
function setHolds(scores: number[][], weights: number[], n: number, k: number, t: number, slack = 1e-9): boolean {
  const total = weights.reduce((a, b) => a + b, 0);
  const rest = total - weights[k];
  const w = weights.map((x, j) => (j === k ? t : ((x / total) * (1 - t)) / (rest / total)));
  const totals = (ws: number[]) => Float64Array.from(scores, (r) => r.reduce((s, x, j) => s + ws[j] * x, 0) / ws.reduce((a, b) => a + b, 0));
  const mask = topSetMask(totals(weights), n);
  const now = totals(w);
  let minIn = Infinity;
  let maxOut = -Infinity;
  now.forEach((v, i) => {
    if (mask[i]) minIn = Math.min(minIn, v);
    else maxOut = Math.max(maxOut, v);
  });
  return minIn >= maxOut - slack;
}

describe("KAM.WEIGHTRANGE", () => {
  it("reproduces the worked example of issue 13 (Tzeng & Huang's matrix)", () => {
    const r = ks.WEIGHTRANGE(TZENG, row(0.3, 0.4, 0.3), 2) as number[][];
    expect(r).toHaveLength(3);
    // C1: at t = 0 row 2 (6.857) still beats row 1 (6.286); at t = 1 rows 2 and 4 tie at 7.
    expect(r[0]).toEqual([0, expect.closeTo(0.3, 15), 1]);
    // C2: row 2 scores 7.5 − 1.5t and row 1 4.5 + 3.5t: they cross at t = 3/5.
    expect(r[1]).toEqual([0, expect.closeTo(0.4, 15), expect.closeTo(0.6, 14)]);
    // C3: row 2 scores 6.4286 + 1.5714t and row 1 6.7143 − 2.7143t: they cross at t = 1/15.
    expect(r[2]).toEqual([expect.closeTo(1 / 15, 14), expect.closeTo(0.3, 15), 1]);
  });

  it("keeps a tie on the table-order side: the earlier customer wins it, and the range ends there", () => {
    // A (10, 0) and B (0, 10) tie at 5 with equal weights; A is key by table order. A ≥ B
    // needs t ≥ 1/2 for criterion 1's share and t ≤ 1/2 for criterion 2's.
    const r = ks.WEIGHTRANGE([[10, 0], [0, 10]], row(1, 1), 1);
    expect(r).toEqual([
      [0.5, 0.5, 1],
      [0, 0.5, 0.5],
    ]);
  });

  it("gives #N/A for the lower end of a criterion holding all the weight", () => {
    const r = ks.WEIGHTRANGE([[10, 0], [0, 10]], row(2, 0), 1);
    expect(r[0][0]).toBeInstanceOf(KamError);
    expect((r[0][0] as KamError).code).toBe("#N/A");
    expect((r[0][0] as KamError).message).toMatch(/criterion 1 holds all the weight/);
    expect(r[0].slice(1)).toEqual([1, 1]);
    // Criterion 2 at share t: A scores 10(1 − t), B 10t, so A stays ahead up to t = 1/2.
    expect(r[1]).toEqual([0, 0, 0.5]);
  });

  it("is the whole 0..1 when every customer is key, and [1, 1, 1] for a single criterion", () => {
    expect(ks.WEIGHTRANGE(TZENG, row(0.3, 0.4, 0.3), 4)).toEqual([
      [0, expect.closeTo(0.3, 15), 1],
      [0, expect.closeTo(0.4, 15), 1],
      [0, expect.closeTo(0.3, 15), 1],
    ]);
    expect(ks.WEIGHTRANGE([[3], [5], [4]], 7, 1)).toEqual([[1, 1, 1]]);
  });

  it("names the cell of a blank or text score and checks n and the weights", () => {
    expectKamError(() => ks.WEIGHTRANGE([[1, 2], [3, ""]], row(1, 1), 1), "#N/A", /score in row 2, column 2 is blank/);
    expectKamError(() => ks.WEIGHTRANGE([[1, "x"], [3, 4]], row(1, 1), 1), "#VALUE!", /score in row 1, column 2 is text "x"/);
    expectKamError(() => ks.WEIGHTRANGE([[1, 2], [3, 4]], row(1, 1), 3), "#NUM!", /n \(3\) is more than the 2 customers/);
    expectKamError(() => ks.WEIGHTRANGE([[1, 2], [3, 4]], row(1, 1), null), "#N/A", /n is required/);
    expectKamError(() => ks.WEIGHTRANGE([[1, 2], [3, 4]], row(1, 1), 0), "#NUM!", /at least 1/);
    expectKamError(() => ks.WEIGHTRANGE([[1, 2], [3, 4]], row(0, 0), 1), "#DIV/0!", /add up to 0/);
    expectKamError(() => ks.WEIGHTRANGE([[1, 2], [3, 4]], row(1, -1), 1), "#NUM!", /weight 2 is negative/);
    expectKamError(() => ks.WEIGHTRANGE([[1, 2, 3]], row(1, 1), 1), "#VALUE!", /3 columns but weights has 2 values/);
  });

  it("properties: today's share lies in its range, the set holds inside it and breaks just outside", () => {
    const table = fc.integer({ min: 2, max: 4 }).chain((K) =>
      fc.record({
        scores: fc.array(fc.array(fc.integer({ min: 1, max: 10 }), { minLength: K, maxLength: K }), { minLength: 2, maxLength: 12 }),
        weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: K, maxLength: K }),
        n: fc.integer({ min: 1, max: 11 }),
      }),
    );
    fc.assert(
      fc.property(table, ({ scores, weights, n }) => {
        const count = Math.min(n, scores.length);
        const r = ks.WEIGHTRANGE(scores, row(...weights), count) as number[][];
        r.forEach(([lo, cur, hi], k) => {
          expect(0 <= lo && lo <= cur && cur <= hi && hi <= 1).toBe(true);
          for (const t of [lo, (lo + cur) / 2, cur, (cur + hi) / 2, hi]) expect(setHolds(scores, weights, count, k, t)).toBe(true);
          if (hi < 1 - 1e-6) expect(setHolds(scores, weights, count, k, hi + 1e-6, 0)).toBe(false);
          if (lo > 1e-6) expect(setHolds(scores, weights, count, k, lo - 1e-6, 0)).toBe(false);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with a fine scan of t on random tables with two-decimal scores", () => {
    const cents = (max: number) => fc.integer({ min: 0, max }).map((x) => x / 100);
    fc.assert(
      fc.property(
        fc.array(fc.array(cents(1000), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 30 }),
        fc.array(cents(95).map((x) => x + 0.05), { minLength: 3, maxLength: 3 }),
        (scores, weights) => {
          const n = Math.max(1, Math.floor(scores.length / 3));
          const r = weightRanges(Float64Array.from(scores.flat()), scores.length, Float64Array.from(weights), n);
          for (let k = 0; k < 3; k++) {
            for (let t = 0; t <= 1; t += 1 / 64) {
              if (Math.abs(t - r.lowest[k]) < 1e-9 || Math.abs(t - r.highest[k]) < 1e-9) continue; // ends: rounding decides
              const inside = t >= r.lowest[k] && t <= r.highest[k];
              // inside, ties within rounding are allowed; outside, someone must be strictly ahead
              expect(setHolds(scores, weights, n, k, t, inside ? 1e-9 : 0)).toBe(inside);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
