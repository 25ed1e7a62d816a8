/** The KAM Sensitivity sheet's figures, against the worked examples. */
import { describe, expect, it } from "vitest";
import * as ks from "../../src/core/kam-sensitivity";
import { keyLabel, sensitivityReport, sheetSamples } from "../../src/core/sensitivity-report";

// Tzeng & Huang's matrix (issue 13): customers in rows, criteria C1..C3.
const ROWS = [
  [5, 8, 4],
  [7, 6, 8],
  [8, 8, 6],
  [7, 4, 6],
];
const byCriterion = (rows: number[][]) => rows[0].map((_, k) => Float64Array.from(rows, (r) => r[k]));
const BASE = { criteria: ["C1", "C2", "C3"], weights: [0.3, 0.4, 0.3], scores: byCriterion(ROWS), customers: 4, keyCount: 2, fixedCosts: 0 };

describe("sensitivity report", () => {
  it("weight ranges and the most critical criterion of the worked example", () => {
    const r = sensitivityReport(BASE).weights!;
    const expected = ks.WEIGHTRANGE(ROWS, [BASE.weights], 2);
    r.ranges.forEach((c, k) => expect([c!.lowest, c!.current, c!.highest]).toEqual(expected[k]));
    // C1: 0..1, never changes; C2: up to 0.6 (room 0.2); C3: down to 1/15 (room 0.2333)
    expect(r.ranges[0]!.roomDown).toBe(Infinity);
    expect(r.ranges[0]!.roomUp).toBe(Infinity);
    expect(r.ranges[1]!.roomUp).toBeCloseTo(0.2, 12);
    expect(r.ranges[2]!.roomDown).toBeCloseTo(0.3 - 1 / 15, 12);
    expect(r.critical).toMatchObject({ criterion: 1, direction: "up" });
    expect(r.critical!.room).toBeCloseTo(0.2, 12);
    expect(r.keyToday).toEqual([false, true, true, false]);
  });

  it("key-set probabilities equal KAM.KEYPROB with the sheet's settings, add up to n, and are labelled", () => {
    const r = sensitivityReport(BASE).weights!;
    const fn = ks.KEYPROB(ROWS, [BASE.weights], 2, r.spread, r.samples, r.seed);
    expect(Array.from(r.probability)).toEqual(fn.map((x) => x[0]));
    expect(r.probability.reduce((s, p) => s + p, 0)).toBeCloseTo(2, 12);
    r.label.forEach((l, i) => expect(l).toBe(keyLabel(r.probability[i])));
    expect([keyLabel(0.1), keyLabel(0.10001), keyLabel(0.9), keyLabel(0.5), keyLabel(1)]).toEqual(["stable", "contested", "stable", "contested", "stable"]);
  });

  it("leaves out customers with a blank score and says why there is no analysis", () => {
    const scores = byCriterion(ROWS);
    scores[1][0] = NaN;
    const r = sensitivityReport({ ...BASE, scores }).weights!;
    expect(r.included).toEqual([1, 2, 3]);
    expect(sensitivityReport({ ...BASE, weights: [0, 0, 0] }).weightProblem).toMatch(/add up to 0/);
    // a criterion nobody scored (a manual one on the first build) is skipped, as the weighted score skips it
    const unscored = [...byCriterion(ROWS), new Float64Array(4).fill(NaN)];
    const u = sensitivityReport({ ...BASE, criteria: [...BASE.criteria, "Retention"], weights: [...BASE.weights, 5], scores: unscored }).weights!;
    expect(u.ranges[3]).toBeUndefined();
    expect(u.included).toEqual([0, 1, 2, 3]);
    expect(u.ranges.slice(0, 3)).toEqual(sensitivityReport(BASE).weights!.ranges);
    expect(sensitivityReport({ ...BASE, customers: 1 }).weightProblem).toMatch(/Fewer than two/);
    expect(sensitivityReport(BASE).lossProblem).toMatch(/margin \(or cost\) and churn-probability columns/);
  });

  it("churn-loss figures of the worked example (margins 100, 50, 20; churn 0.1, 0.2, 0.5)", () => {
    const r = sensitivityReport({ ...BASE, customers: 3, scores: byCriterion(ROWS.slice(0, 3)), margins: [100, 50, 20], churn: [0.1, 0.2, 0.5], fixedCosts: 100 }).loss!;
    expect(r.expectedLoss).toBeCloseTo(30, 12);
    expect(r.levels.map((l) => l.valueAtRisk)).toEqual([70, 120, 150]);
    r.levels.forEach((l, i) => expect(l.expectedShortfall).toBeCloseTo([120, 136, 170][i], 10));
    expect(r.profitToday).toBe(70);
    expect(r.profitNegative).toBeCloseTo(0.1, 14); // loss > 70: 100, 120, 150, 170
    expect(r.exact).toBe(true);
    expect(r.exceedance[0]).toEqual([0, 1]);
    expect(r.exceedance.at(-1)![0]).toBe(170);
    // blank churn counts as 0, blank margin as 0, both counted
    const b = sensitivityReport({ ...BASE, customers: 3, scores: byCriterion(ROWS.slice(0, 3)), margins: [100, undefined, 20], churn: [0.1, 0.2, undefined], fixedCosts: 0 }).loss!;
    expect([b.blankMargin, b.blankChurn, b.expectedLoss]).toEqual([1, 1, 10]);
  });

  it("spends at most the sample budget on large tables, never fewer than 1,000 samples", () => {
    expect(sheetSamples(1000, 12)).toBe(10_000);
    expect(sheetSamples(10_000, 12)).toBe(1_000);
    expect(sheetSamples(5_000, 6)).toBe(4_000);
  });
});
