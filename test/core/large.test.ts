/**
 * A million-value range must compute without stack overflow (no spreading into Math.max)
 * and give the same answer as a small equivalent. Timing is measured by `npm run bench`,
 * not asserted here.
 */
import { describe, expect, it } from "vitest";
import * as kam from "../../src/core/kam";

const N = 1_000_000;
// Revenues 1..4 repeating: shares and metrics are known in closed form.
const column = Array.from({ length: N }, (_, i) => [(i % 4) + 1]);
const total = (N / 4) * 10;

describe("1,000,000-value ranges", () => {
  it("concentration metrics", () => {
    // HHI = Σ x² / (Σ x)² = (N/4 · 30) / (N/4 · 10)² = 30 / (N/4 · 100)
    expect(kam.HHI(column, 1)).toBeCloseTo(30 / ((N / 4) * 100), 15);
    expect(kam.EFFECTIVEN(column)).toBeCloseTo(((N / 4) * 100) / 30, 3);
    // Gini of the repeated 1..4: same as of (1,2,3,4) up to O(1/N): G = (2·Σ i·x_(i)/Σx − (n+1))/n
    expect(kam.GINI(column)).toBeCloseTo(0.25, 5);
    expect(kam.TOPSHARE(column, N / 4)).toBeCloseTo((N / 4) * 4 / total, 12);
    expect(kam.PARETO(column, 0.4)).toBe(N / 4);
    expect(kam.SHARE(4, column)[0][0]).toBeCloseTo(4 / total, 18);
    expect(kam.ABC(column.slice(0, 4), column).map((r) => r[0])).toEqual(["B", "A", "A", "A"]) // before-shares 0.9, 0.7, 0.4, 0;
    const lorenz = kam.LORENZ(column);
    expect(lorenz).toHaveLength(N + 1);
    expect(lorenz[N / 4][1]).toBeCloseTo((N / 4) / total, 12);
  });
  it("scoring and loss functions", () => {
    const scaled = kam.SCALE(column);
    expect(scaled).toHaveLength(N);
    expect(scaled.slice(0, 4).map((r) => r[0])).toEqual([1, 4, 7, 10]);
    const pct = kam.SCALE(column, 1, 10, "benefit", "percentile");
    expect(pct[0][0]).toBe(1 + ((N / 8 + 0.5 - 1) / (N - 1)) * 9);
    // z-score of 1, 2, 3, 4 repeated: mean 2.5, population σ = √((1.5² + 0.5² + 0.5² + 1.5²)/4)
    // = √5/2, so z = −3/√5, −1/√5, 1/√5, 3/√5 and the score 1 + 9·(z + 3)/6 = 5.5 + 1.5·z:
    // 5.5 − 0.9·√5, 5.5 − 0.3·√5, 5.5 + 0.3·√5, 5.5 + 0.9·√5 with √5 = 2.2360679774997896
    const z = kam.SCALE(column, 1, 10, "benefit", "zscore");
    expect(z).toHaveLength(N);
    const expectedZ = [3.487538820250189, 4.829179606750063, 6.170820393249937, 7.512461179749811];
    for (const i of [0, 1, 2, 3, N - 4, N - 3, N - 2, N - 1]) expect(z[i][0]).toBeCloseTo(expectedZ[i % 4], 9);
    const ws = kam.WSCORE(column, [[2]]);
    expect(ws).toHaveLength(N);
    expect(ws[3][0]).toBe(4);
    expect(kam.TOPLOSS(column, 10, column)).toBe(40);
    const names = column.map((_, i) => [`C${i}`]);
    const table = kam.LOSSTABLE(names, column, column, 3, 0);
    expect(table.map((r) => r[2])).toEqual(["Cumulative revenue lost", 4, 8, 12]);
    expect(kam.EXPECTEDLOSS(column, column.map(() => [0.5]))).toBeCloseTo(total / 2, 6);
  });
});
