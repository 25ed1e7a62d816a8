/** KAM.LOSSRISK and KAM.LOSSVAR: the churn-loss distribution, exact and binned. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as ks from "../../src/core/kam-sensitivity";
import { APPROX_LOSS_SHARE, EXACT_LIMIT, lossDistribution } from "../../src/core/loss-risk";
import { xoshiro128ss } from "../../src/core/smaa";
import { churnOutcomes, col, expectKamError } from "./helpers";

const M = col(100, 50, 20);
const P = col(0.1, 0.2, 0.5);

/** Brute force over all 2^N churn patterns: P(loss ≥ x) and the smallest x with P(loss ≤ x) ≥ c. */
function brute(m: number[], p: number[]) {
  const outcomes = churnOutcomes(m, p);
  const scale = m.reduce((s, x) => s + Math.abs(x), 0);
  return {
    atLeast: (x: number) => outcomes.filter((o) => o.loss >= x - 1e-12 * scale).reduce((s, o) => s + o.prob, 0),
    quantile: (c: number) => {
      let cum = 0;
      for (const o of outcomes) {
        cum += o.prob;
        if (cum >= c - 1e-9) return o.loss;
      }
      return outcomes[outcomes.length - 1].loss;
    },
  };
}

describe("KAM.LOSSRISK and KAM.LOSSVAR", () => {
  it("reproduce issue 13's worked example exactly", () => {
    // Losses 0, 20, 50, 70, 100, 120, 150, 170 with probabilities .36 .36 .09 .09 .04 .04 .01 .01.
    expect(ks.LOSSRISK(M, P, 50)).toBeCloseTo(0.28, 15);
    expect(ks.LOSSVAR(M, P, 0.5)).toBe(20);
    expect(ks.LOSSVAR(M, P, 0.9)).toBe(70); // P(loss ≤ 70) is exactly 0.90
    expect(ks.LOSSVAR(M, P)).toBe(120);
    expect(ks.LOSSVAR(M, P, 0.99)).toBe(150); // P(loss ≤ 150) is exactly 0.99
  });

  it("give the whole hand-worked distribution of the example", () => {
    const tail = [1, 0.64, 0.28, 0.19, 0.1, 0.06, 0.02, 0.01, 0];
    [0, 20, 50, 70, 100, 120, 150, 170, 171].forEach((x, i) => expect(ks.LOSSRISK(M, P, x)).toBeCloseTo(tail[i], 15));
    expect(ks.LOSSRISK(M, P, -5)).toBe(1);
    expect(ks.LOSSRISK(M, P, 49.999)).toBeCloseTo(0.28, 15);
    expect(ks.LOSSVAR(M, P, 1)).toBe(170);
    expect(ks.LOSSVAR(M, P, 0.36)).toBe(0);
  });

  it("match the binomial distribution for equal margins", () => {
    // 20 customers of margin 10, each leaving with p = 0.1: loss = 10·Binomial(20, 0.1).
    const n = 20;
    const p = 0.1;
    const choose = (a: number, b: number) => {
      let c = 1;
      for (let i = 1; i <= b; i++) c = (c * (a - b + i)) / i;
      return c;
    };
    const pmf = Array.from({ length: n + 1 }, (_, k) => choose(n, k) * p ** k * (1 - p) ** (n - k));
    const margins = col(...new Array(n).fill(10));
    const probs = col(...new Array(n).fill(p));
    for (const k of [1, 3, 5, 8]) {
      const expected = pmf.slice(k).reduce((a, b) => a + b, 0);
      expect(ks.LOSSRISK(margins, probs, 10 * k)).toBeCloseTo(expected, 14);
    }
    for (const c of [0.5, 0.9, 0.95, 0.99, 0.999]) {
      let cum = 0;
      let k = 0;
      while ((cum += pmf[k]) < c - 1e-9) k++;
      expect(ks.LOSSVAR(margins, probs, c)).toBe(10 * k);
    }
  });

  it("count customers certain to leave or to stay exactly, and allow negative margins", () => {
    expect(ks.LOSSVAR(col(100, 50), col(1, 0), 0.99)).toBe(100);
    expect(ks.LOSSRISK(col(100, 50), col(1, 0), 100)).toBe(1);
    expect(ks.LOSSRISK(col(100, 50), col(1, 0), 100.01)).toBe(0);
    // A loss-making customer leaving is a gain: losses −30, 0, 70, 100, each with probability ¼.
    expect(ks.LOSSRISK(col(100, -30), col(0.5, 0.5), 0)).toBeCloseTo(0.75, 15);
    expect(ks.LOSSVAR(col(100, -30), col(0.5, 0.5), 0.25)).toBe(-30);
    expect(ks.LOSSVAR(col(100, -30), col(0.5, 0.5), 0.75)).toBe(70);
    expect(ks.LOSSRISK(col(100, 50), col(0, 0), 0)).toBe(1);
    expect(ks.LOSSVAR(col(100, 50), col(0, 0))).toBe(0);
  });

  it("reject bad input with the cell named", () => {
    expectKamError(() => ks.LOSSRISK(M, col(0.1, 1.2, 0.5), 50), "#NUM!", /probability 2 is 1.2, outside 0..1/);
    expectKamError(() => ks.LOSSRISK(M, col(0.1, "x", 0.5), 50), "#VALUE!", /probability 2 is text/);
    expectKamError(() => ks.LOSSRISK(M, col(0.1, 0.5), 50), "#VALUE!", /same size/);
    expectKamError(() => ks.LOSSRISK(M, P, null), "#N/A", /x is required/);
    expectKamError(() => ks.LOSSVAR(M, P, 0), "#NUM!", /confidence must be above 0 and at most 1/);
    expectKamError(() => ks.LOSSVAR(M, P, 1.5), "#NUM!", /confidence/);
    expectKamError(() => ks.LOSSVAR(col(null, null), col(null, null)), "#N/A", /no margins/);
  });

  it("exact method equals brute-force enumeration (up to 12 customers)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 500 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: -100, max: 3000 }),
        fc.integer({ min: 1, max: 100 }),
        (rows, x, c) => {
          const m = rows.map((r) => r[0] / 4);
          const p = rows.map((r) => r[1] / 100);
          const b = brute(m, p);
          const d = lossDistribution(m, p);
          expect(d.exact).toBe(true);
          expect(d.probAtLeast(x / 4)).toBeCloseTo(b.atLeast(x / 4), 12);
          expect(d.quantile(c / 100)).toBe(b.quantile(c / 100));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("properties: P(loss ≥ x) does not increase with x; VaR does not decrease with confidence", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: -100, max: 20000, noNaN: true }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 2, maxLength: 8 }),
        (rows, xs, cs) => {
          const d = lossDistribution(
            rows.map((r) => r[0]),
            rows.map((r) => r[1]),
          );
          const risks = [...xs].sort((a, b) => a - b).map((x) => d.probAtLeast(x));
          risks.forEach((r, i) => {
            expect(r >= 0 && r <= 1).toBe(true);
            if (i > 0) expect(r).toBeLessThanOrEqual(risks[i - 1]);
          });
          const vars = [...cs].sort((a, b) => a - b).map((c) => d.quantile(c));
          vars.forEach((v, i) => i > 0 && expect(v).toBeGreaterThanOrEqual(vars[i - 1]));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the binned method stays within its stated error of the exact one (up to 25 customers)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -200, max: 100000 }), fc.integer({ min: 1, max: 99 })), { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 6 }),
        (rows, levels) => {
          const m = rows.map((r) => r[0] / 100);
          const p = rows.map((r) => r[1] / 100);
          const exact = lossDistribution(m, p);
          const approx = lossDistribution(m, p, { exactLimit: 0 });
          // Customers with no margin are certain (they lose nothing): with only those, even exactLimit 0 is exact.
          expect(approx.exact).toBe(m.every((x) => x === 0));
          const scale = m.reduce((s, x) => s + Math.abs(x), 0);
          const delta = approx.lossError;
          const eps = approx.probabilityError + 1e-9; // plus the comparison tolerance
          expect(delta).toBeLessThanOrEqual(APPROX_LOSS_SHARE * scale);
          const slack = 1e-9 * scale;
          for (const level of levels) {
            const c = level / 1000;
            const q = exact.quantile(c);
            expect(q).toBeLessThanOrEqual(approx.quantile(Math.min(1, c + eps)) + delta + slack);
            expect(q).toBeGreaterThanOrEqual(approx.quantile(Math.max(1e-12, c - eps)) - delta - slack);
            const x = q; // a loss that occurs, where the step is
            const risk = exact.probAtLeast(x);
            expect(risk).toBeLessThanOrEqual(approx.probAtLeast(x - delta - slack) + eps);
            expect(risk).toBeGreaterThanOrEqual(approx.probAtLeast(x + delta + slack) - eps);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("uses the exact method up to 30 uncertain customers and the binned one beyond", () => {
    const m = Array.from({ length: 40 }, (_, i) => 10 + i);
    const p = m.map(() => 0.3);
    expect(lossDistribution(m.slice(0, EXACT_LIMIT), p.slice(0, EXACT_LIMIT)).exact).toBe(true);
    // customers with p = 0 or 1 do not count towards the limit
    expect(lossDistribution([...m.slice(0, 30), 5, 6], [...p.slice(0, 30), 0, 1]).exact).toBe(true);
    expect(lossDistribution(m, p).exact).toBe(false);
  });

  it("binned method for 2,000 customers agrees with a Monte Carlo simulation within 3 standard errors", () => {
    const random = xoshiro128ss(11);
    const N = 2000;
    const m = Array.from({ length: N }, () => Math.exp(8 * random()));
    const p = Array.from({ length: N }, () => 0.3 * random());
    const d = lossDistribution(m, p);
    expect(d.exact).toBe(false);
    const sims = 4000;
    const losses = new Float64Array(sims);
    for (let s = 0; s < sims; s++) {
      let loss = 0;
      for (let i = 0; i < N; i++) if (random() < p[i]) loss += m[i];
      losses[s] = loss;
    }
    for (const c of [0.5, 0.9, 0.95]) {
      const x = d.quantile(c);
      const share = losses.filter((l) => l >= x).length / sims;
      const se = Math.sqrt((d.probAtLeast(x) * (1 - d.probAtLeast(x))) / sims);
      expect(share).toBeLessThanOrEqual(d.probAtLeast(x - d.lossError) + 3 * se);
      expect(share).toBeGreaterThanOrEqual(d.probAtLeast(x + d.lossError) - 3 * se);
    }
  });
});
