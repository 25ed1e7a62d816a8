/**
 * Expected shortfall and P(operating profit < 0) of the churn-loss distribution (the KAM
 * Sensitivity sheet's risk block), against the example worked by hand and brute force.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { APPROX_LOSS_SHARE, lossDistribution, profitShortfallRisk } from "../../src/core/loss-risk";
import { churnOutcomes } from "./helpers";

const M = [100, 50, 20];
const P = [0.1, 0.2, 0.5];

/** Mean of the worst 1 − c of outcomes, taking the part of the boundary outcome that is needed (the definition, not the formula used). */
function bruteShortfall(m: number[], p: number[], c: number): number {
  const all = churnOutcomes(m, p)
    .filter((o) => o.prob > 0)
    .reverse();
  let need = 1 - c;
  if (need <= 1e-15) return all[0].loss;
  let sum = 0;
  for (const o of all) {
    const take = Math.min(need, o.prob);
    sum += take * o.loss;
    need -= take;
    if (need <= 0) break;
  }
  return sum / (1 - c);
}

describe("expected shortfall of the churn loss", () => {
  it("reproduces the example worked by hand", () => {
    // Losses 0, 20, 50, 70, 100, 120, 150, 170 with probabilities .36 .36 .09 .09 .04 .04 .01 .01.
    const d = lossDistribution(M, P);
    // 0.90: the worst 10% are 100, 120 (4% each), 150, 170 (1% each): (4 + 4.8 + 1.5 + 1.7)/0.1
    expect(d.expectedShortfall(0.9)).toBeCloseTo(120, 10);
    // 0.95: 170, 150 (1% each) and 3% of the 4% at 120: (1.7 + 1.5 + 3.6)/0.05
    expect(d.expectedShortfall(0.95)).toBeCloseTo(136, 10);
    expect(d.expectedShortfall(0.99)).toBeCloseTo(170, 10);
    expect(d.expectedShortfall(1)).toBe(170);
    // 0.5: (1.7 + 1.5 + 4.8 + 4 + 6.3 + 4.5 + 0.22·20)/0.5
    expect(d.expectedShortfall(0.5)).toBeCloseTo(54.4, 10);
    // at 0 it is the mean loss Σ m·p = 10 + 10 + 10
    expect(d.expectedShortfall(0)).toBeCloseTo(30, 10);
  });

  it("P(operating profit < 0): a loss exactly at margin − fixed costs leaves profit 0, not below", () => {
    const d = lossDistribution(M, P);
    // Σ margin 170. Fixed costs 120: profit < 0 when loss > 50: .09 + .04 + .04 + .01 + .01
    expect(profitShortfallRisk(d, M, 120)).toBeCloseTo(0.19, 14);
    expect(profitShortfallRisk(d, M, 100)).toBeCloseTo(0.1, 14); // loss > 70
    expect(profitShortfallRisk(d, M, 100.5)).toBeCloseTo(0.19, 14); // loss > 69.5
    expect(profitShortfallRisk(d, M, 0)).toBe(0); // loss > 170 never
    expect(profitShortfallRisk(d, M, 170)).toBeCloseTo(0.64, 14); // any loss
    expect(profitShortfallRisk(d, M, 171)).toBe(1); // loss-making already
    // a loss computed as 0.1 + 0.2 still equals 0.3 − 0 (tolerance), so profit 0 is not below
    const e = lossDistribution([0.1, 0.2], [0.5, 1]);
    expect(profitShortfallRisk(e, [0.1, 0.2], 0)).toBe(0);
  });

  it("equals the definition (mean of the worst 1 − c) by brute force, and ES ≥ VaR", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 500 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: -100, max: 3000 }),
        (rows, c1000, f) => {
          const m = rows.map((r) => r[0] / 4);
          const p = rows.map((r) => r[1] / 100);
          const c = c1000 / 1000;
          const d = lossDistribution(m, p);
          const scale = m.reduce((s, x) => s + Math.abs(x), 0) + 1;
          expect(d.expectedShortfall(c)).toBeCloseTo(bruteShortfall(m, p, c), 9 - Math.ceil(Math.log10(scale)));
          expect(d.expectedShortfall(c)).toBeGreaterThanOrEqual(d.quantile(c) - 1e-9 * scale);
          const total = m.reduce((s, x) => s + x, 0);
          const brute = churnOutcomes(m, p)
            .filter((o) => total - f / 4 - o.loss < -1e-9 * scale)
            .reduce((s, o) => s + o.prob, 0);
          expect(profitShortfallRisk(d, m, f / 4)).toBeCloseTo(brute, 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("binned: within δ + ε·Σ|margin|/(1 − c) of the exact value", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 1, max: 99 })), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 999 }),
        (rows, c1000) => {
          const m = rows.map((r) => r[0] / 100);
          const p = rows.map((r) => r[1] / 100);
          const c = c1000 / 1000;
          const exact = lossDistribution(m, p);
          const approx = lossDistribution(m, p, { exactLimit: 0 });
          const scale = m.reduce((s, x) => s + Math.abs(x), 0);
          const bound = approx.lossError + ((approx.probabilityError + 1e-9) * scale) / (1 - c) + 1e-9 * scale;
          expect(approx.lossError).toBeLessThanOrEqual(APPROX_LOSS_SHARE * scale);
          expect(Math.abs(approx.expectedShortfall(c) - exact.expectedShortfall(c))).toBeLessThanOrEqual(bound);
        },
      ),
      { numRuns: 150 },
    );
  });
});
