/** KAM.KEYPROB: SMAA-2 key-set probabilities against analytic cases, within 3 standard errors. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as ks from "../../src/core/kam-sensitivity";
import { topSetMask } from "../../src/core/sensitivity";
import { keyProbabilities, topIndices, xoshiro128ss } from "../../src/core/smaa";
import { expectKamError, row } from "./helpers";

/** |estimate − p| ≤ 3 standard errors of a proportion from `samples` draws. */
function within3Se(estimate: number, p: number, samples: number): void {
  const se = Math.sqrt((p * (1 - p)) / samples);
  expect(Math.abs(estimate - p)).toBeLessThanOrEqual(3 * se);
}

const probs = (grid: number[][]) => grid.map((r) => r[0]);

describe("KAM.KEYPROB", () => {
  it("issue 13's check: A (1, 0), B (0, 1), C (0.6, 0.6), n = 2 → 0.5, 0.5, 1", () => {
    // With weights (u, 1 − u), u uniform: A scores u, B 1 − u, C 0.6 ≥ min(u, 1 − u). So C is
    // always in the top 2, and A exactly when u > 1/2.
    const p = probs(ks.KEYPROB([[1, 0], [0, 1], [0.6, 0.6]], row(1, 1), 2));
    within3Se(p[0], 0.5, 10000);
    within3Se(p[1], 0.5, 10000);
    expect(p[2]).toBe(1);
  });

  it("samples the simplex uniformly: P(w1 > 1/2) = 1/4 with three criteria", () => {
    // Uniform weights on the 3-simplex are Dirichlet(1, 1, 1); w1 is Beta(1, 2) with
    // P(w1 > x) = (1 − x)². A = (1, 0, 0) scores w1, B = (½, ½, ½) scores ½.
    const samples = 40000;
    const p = probs(ks.KEYPROB([[1, 0, 0], [0.5, 0.5, 0.5]], row(1, 1, 1), 1, 1, samples, 7));
    within3Se(p[0], 0.25, samples);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
  });

  it("spread 0.5 around (0.6, 0.4): P = 0.8125 by integration", () => {
    // X = 0.6(1 + ½V1) uniform on [0.3, 0.9], Y = 0.4(1 + ½V2) uniform on [0.2, 0.6]:
    // P(X ≤ Y) = ∫_{0.3}^{0.6} (y − 0.3)/0.6 · dy/0.4 = 0.045 / 0.24 = 0.1875.
    const samples = 50000;
    const p = probs(ks.KEYPROB([[1, 0], [0, 1]], row(0.6, 0.4), 1, 0.5, samples, 3));
    within3Se(p[0], 0.8125, samples);
    within3Se(p[1], 0.1875, samples);
  });

  it("spread 0 is today's key set as 0/1, ties in table order", () => {
    expect(ks.KEYPROB([[10, 0], [0, 10], [4, 4]], row(1, 1), 1, 0)).toEqual([[1], [0], [0]]);
    expect(ks.KEYPROB([[1, 2], [3, 1], [2, 2]], row(1, 1), 2, 0)).toEqual([[0], [1], [1]]);
  });

  it("is reproducible for a seed and changes with it", () => {
    const scores = [[1, 5, 2], [4, 1, 3], [2, 2, 2], [5, 0, 1]];
    const a = ks.KEYPROB(scores, row(1, 1, 1), 2, 1, 2000, 42);
    expect(ks.KEYPROB(scores, row(1, 1, 1), 2, 1, 2000, 42)).toEqual(a);
    expect(ks.KEYPROB(scores, row(1, 1, 1), 2, 1, 2000, 43)).not.toEqual(a);
  });

  it("checks spread, samples, seed and n", () => {
    const s = [[1, 0], [0, 1]];
    expectKamError(() => ks.KEYPROB(s, row(1, 1), 1, 1.5), "#NUM!", /spread must be from 0 to 1/);
    expectKamError(() => ks.KEYPROB(s, row(1, 1), 1, -0.1), "#NUM!", /spread/);
    expectKamError(() => ks.KEYPROB(s, row(1, 1), 1, 1, 0), "#NUM!", /samples must be a whole number of at least 1/);
    expectKamError(() => ks.KEYPROB(s, row(1, 1), 1, 1, 2e6), "#NUM!", /at most 1,000,000/);
    expectKamError(() => ks.KEYPROB(s, row(1, 1), 1, 1, 10, -1), "#NUM!", /seed/);
    expectKamError(() => ks.KEYPROB(s, row(1, 1), 3), "#NUM!", /n \(3\) is more than/);
    expectKamError(() => ks.KEYPROB([[1, null], [0, 1]], row(1, 1), 1), "#N/A", /row 1, column 2 is blank/);
  });

  it("properties: each probability in 0..1 and together they add up to n", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom(0, 0.3, 1),
        fc.nat(1000),
        (scores, n, spread, seed) => {
          const count = Math.min(n, scores.length);
          const p = probs(ks.KEYPROB(scores, row(3, 2, 1), count, spread, 200, seed));
          p.forEach((x) => expect(x >= 0 && x <= 1).toBe(true));
          expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(count, 10);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a customer ahead on every criterion is key in every sample", () => {
    const p = keyProbabilities(Float64Array.from([9, 9, 1, 5, 5, 1, 2, 2]), 4, Float64Array.from([1, 1]), { n: 1, spread: 1, samples: 5000, seed: 1 });
    expect(Array.from(p)).toEqual([1, 0, 0, 0]);
  });
});

describe("generator and selection", () => {
  it("xoshiro128** gives uniform doubles: mean 1/2 and variance 1/12 within 3 standard errors", () => {
    const r = xoshiro128ss(1);
    const N = 200000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const u = r();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    // sd of U is √(1/12); sd of U² is √(1/5 − 1/9) = √(4/45)
    expect(Math.abs(s / N - 0.5)).toBeLessThanOrEqual(3 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(s2 / N - 1 / 3)).toBeLessThanOrEqual(3 * Math.sqrt(4 / 45 / N));
  });

  it("heap selection picks the same top n as sorting, ties in table order, both for small and large n", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 40 }), fc.nat(), (xs, k) => {
        const n = (k % xs.length) + 1;
        const totals = Float64Array.from(xs);
        const mask = topSetMask(totals, n);
        expect(topIndices(totals, n)).toEqual(xs.map((_, i) => i).filter((i) => mask[i]));
      }),
      { numRuns: 1000 },
    );
  });
});
