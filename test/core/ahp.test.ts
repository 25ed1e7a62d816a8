/** AHP against Saaty's published example and constructed consistent matrices. */
import { describe, expect, it } from "vitest";
import { ahp } from "../../src/core/ahp";
import * as kam from "../../src/core/kam";
import { DRINKS, DRINKS_WEIGHTS, expectKamError } from "./helpers";

describe("KAM.AHP", () => {
  it("reproduces Saaty's drinks example to the published three decimals", () => {
    const w = kam.AHP(DRINKS).map((r) => r[0]);
    expect(w).toHaveLength(7);
    w.forEach((x, i) => expect(Math.abs(x - DRINKS_WEIGHTS[i])).toBeLessThanOrEqual(0.0005));
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });
  it("recovers the weights of a perfectly consistent matrix a_ij = w_i / w_j", () => {
    const weights = [0.5, 0.3, 0.2];
    const m = weights.map((wi) => weights.map((wj) => wi / wj));
    kam.AHP(m).forEach((r, i) => expect(r[0]).toBeCloseTo(weights[i], 14));
    expect(kam.AHP([[1, 3], [1 / 3, 1]]).map((r) => r[0])).toEqual([expect.closeTo(0.75, 14), expect.closeTo(0.25, 14)]);
    expect(kam.AHP([[1]])).toEqual([[1]]);
  });
  it("fills blanks from the reciprocal so the upper triangle is enough", () => {
    const upper = [
      [1, 2, 4],
      ["", "", 2],
      [null, "", ""],
    ];
    kam.AHP(upper).forEach((r, i) => expect(r[0]).toBeCloseTo([4 / 7, 2 / 7, 1 / 7][i], 14));
  });
  it("rejects matrices that are not square, not positive or not reciprocal", () => {
    expectKamError(() => kam.AHP([[1, 2, 3], [0.5, 1, 2]]), "#VALUE!", /square, got 2 rows × 3 columns/);
    expectKamError(() => kam.AHP([[1, 0], [0, 1]]), "#VALUE!", /row 1, column 2 is 0; pairwise judgements must be positive/);
    expectKamError(() => kam.AHP([[1, 3], [0.5, 1]]), "#VALUE!", /not reciprocal: row 1, column 2 is 3 but row 2, column 1 is 0.5/);
    expectKamError(() => kam.AHP([[2, 1], [1, 1]]), "#VALUE!", /diagonal/);
    expectKamError(() => kam.AHP([[1, "1/3"], [3, 1]]), "#VALUE!", /type it as a formula \(=1\/3\)/);
    expectKamError(() => kam.AHP([[1, ""], ["", 1]]), "#VALUE!", /both blank/);
    // within 1e-6 is reciprocal: 0.3333333 · 3 = 0.9999999; 0.3333 · 3 is 1e-4 off
    expect(() => kam.AHP([[1, 0.3333333], [3, 1]])).not.toThrow();
    expectKamError(() => kam.AHP([[1, 0.3333], [3, 1]]), "#VALUE!", /not reciprocal.*formulas such as =1\/3/);
  });
});

describe("KAM.AHPCR", () => {
  it("gives CR = 0.022 for Saaty's drinks matrix (AHPy, Saaty RI)", () => {
    expect(Math.abs(kam.AHPCR(DRINKS) - 0.022)).toBeLessThanOrEqual(0.0005);
  });
  it("is 0 for consistent matrices and for n ≤ 2", () => {
    const weights = [0.4, 0.3, 0.2, 0.1];
    expect(kam.AHPCR(weights.map((wi) => weights.map((wj) => wi / wj)))).toBeCloseTo(0, 12);
    expect(kam.AHPCR([[1, 7], [1 / 7, 1]])).toBe(0);
  });
  it("gives exactly 0, not a rounding-sized negative, for a consistent matrix", () => {
    // a_ij = w_i / w_j with w = 1, 1, 3, 7 is consistent: A·w = 4·w, so λmax = n = 4 and
    // CR = 0. In doubles λmax comes out 4 − 4e-16, which must not show as CR = −1.6e-16.
    const w = [1, 1, 3, 7];
    expect(kam.AHPCR(w.map((wi) => w.map((wj) => wi / wj)))).toBe(0);
  });
  it("matches a hand calculation for an inconsistent 3 × 3 matrix", () => {
    // A = [[1,2,8],[1/2,1,2],[1/8,1/2,1]]. For a 3×3 reciprocal matrix Saaty's closed form is
    // λmax = 1 + c^(1/3) + c^(−1/3) with c = a12·a23/a13 = 2·2/8 = 1/2:
    // 2^(−1/3) = 0.7937005259840998, 2^(1/3) = 1.2599210498948732 → λmax = 3.053621575878973,
    // CI = (λmax − 3)/2 = 0.0268107879394865, CR = CI / 0.58 = 0.0462254964473905.
    const m = [[1, 2, 8], [1 / 2, 1, 2], [1 / 8, 1 / 2, 1]];
    const result = ahp(m.map((r) => Float64Array.from(r)));
    expect(result.lambdaMax).toBeCloseTo(3.053621575878973, 12);
    expect(result.ci).toBeCloseTo(0.0268107879394865, 12);
    expect(kam.AHPCR(m)).toBeCloseTo(0.0462254964473905, 12);
  });
  it("answers #N/A beyond Saaty's RI table (n > 10)", () => {
    const n = 11;
    const m = Array.from({ length: n }, () => new Array(n).fill(1));
    expectKamError(() => kam.AHPCR(m), "#N/A", /covers 3 to 10 criteria; this matrix has 11/);
    expect(kam.AHP(m)).toHaveLength(11);
  });
});
