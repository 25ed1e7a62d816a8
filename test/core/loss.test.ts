/** Loss scenario functions against hand-worked examples. */
import { describe, expect, it } from "vitest";
import * as kam from "../../src/core/kam";
import { col, expectKamError } from "./helpers";

describe("KAM.TOPLOSS", () => {
  it("adds the revenue of the k largest customers", () => {
    const v = col(10, 100, 50, 50);
    expect(kam.TOPLOSS(v, 0)).toBe(0);
    expect(kam.TOPLOSS(v, 1)).toBe(100);
    expect(kam.TOPLOSS(v, 2)).toBe(150);
    expect(kam.TOPLOSS(v, 9)).toBe(210);
  });
  it("returns the margin of those same customers; a tie in revenue takes the larger margin (worst case)", () => {
    const v = col(10, 100, 50, 50);
    const m = col(1, 10, 5, 20);
    expect(kam.TOPLOSS(v, 1, m)).toBe(10);
    expect(kam.TOPLOSS(v, 2, m)).toBe(30); // 100 (margin 10) + the 50 with margin 20
    expect(kam.TOPLOSS(v, 3, m)).toBe(35);
  });
  it("rejects mismatched sizes and a margin without revenue", () => {
    expectKamError(() => kam.TOPLOSS(col(1, 2), 1, col(1)), "#VALUE!", "margins has 1 cell but values has 2; give ranges of the same size");
    expectKamError(() => kam.TOPLOSS(col(1), 1, col(1, 2)), "#VALUE!", "margins has 2 cells but values has 1; give ranges of the same size");
    expectKamError(() => kam.TOPLOSS(col(1, ""), 1, col(1, 5)), "#VALUE!", /margin 2 has a value but value 2 is blank/);
    expectKamError(() => kam.TOPLOSS(col(1, 2), 1, col(1, "")), "#VALUE!", /margin 2 is blank/);
    expectKamError(() => kam.TOPLOSS(col(1, 2), 0.5), "#NUM!");
  });
});

describe("KAM.LOSSTABLE", () => {
  // Hand calculation: revenues 100/50/30/20 (total 200), margins 40/10/15/5 (total 70),
  // fixed costs 30.
  const names = col("Acme", "Birch", "Cobalt", "Dune");
  const revenues = col(100, 50, 30, 20);
  const margins = col(40, 10, 15, 5);
  it("builds the worst-case table with a header row", () => {
    const t = kam.LOSSTABLE(names, revenues, margins, 10, 30);
    expect(t[0]).toEqual([...kam.LOSSTABLE_HEADER]);
    expect(t).toHaveLength(5);
    const expected = [
      // k, lost, rev lost, % rev, margin lost, % margin, HHI remaining, operating profit
      [1, "Acme", 100, 0.5, 40, 40 / 70, 3800, 0], // remaining 50/30/20: .25+.09+.04
      [2, "Birch", 150, 0.75, 50, 50 / 70, 5200, -10], // remaining 30/20: .36+.16
      [3, "Cobalt", 180, 0.9, 65, 65 / 70, 10000, -25],
      [4, "Dune", 200, 1, 70, 1, "", -30], // nothing remains
    ];
    expected.forEach((e, i) => {
      const r = t[i + 1];
      expect(r[0]).toBe(e[0]);
      expect(r[1]).toBe(e[1]);
      for (let c = 2; c < 8; c++) {
        if (typeof e[c] === "string") expect(r[c]).toBe(e[c]);
        else expect(r[c]).toBeCloseTo(e[c] as number, 9);
      }
    });
  });
  it("stops at kmax, and leaves margin columns blank without margins", () => {
    const t = kam.LOSSTABLE(names, revenues, null, 2);
    expect(t).toHaveLength(3);
    expect(t[2].slice(0, 4)).toEqual([2, "Birch", 150, 0.75]);
    expect(t[2].slice(4)).toEqual(["", "", expect.closeTo(5200, 9), ""]);
  });
  it("leaves operating profit blank when no fixed costs are given", () => {
    expect(kam.LOSSTABLE(names, revenues, margins, 1)[1][7]).toBe("");
  });
  it("refuses fixed costs without margins: operating profit is total margin − margin lost − fixed costs", () => {
    expectKamError(
      () => kam.LOSSTABLE(names, revenues, null, 2, 30),
      "#VALUE!",
      "operating profit needs margins: give margins along with fixedcosts",
    );
    // fixed costs of 0 are still fixed costs given
    expectKamError(() => kam.LOSSTABLE(names, revenues, null, 2, 0), "#VALUE!", /operating profit needs margins/);
  });
  it("gives the HHI of what remains with one rounding", () => {
    // After losing the 100, three equal customers remain: HHI = 10,000/3, to the nearest
    // double (0.333… × 10,000 rounded twice came out one unit in the last place low).
    expect(kam.LOSSTABLE(col("A", "B", "C", "D"), col(100, 1, 1, 1), null, 1)[1][6]).toBe(10000 / 3);
    // huge revenues do not overflow: 4e307 and 2e307 remain, HHI = (4² + 2²)/6² · 10,000 = 5555.5…
    const t = kam.LOSSTABLE(col("A", "B", "C"), col(8e307, 4e307, 2e307), null, 1);
    expect(t[1][6]).toBeCloseTo(50000 / 9, 9);
  });
  it("keeps each name cell's own value: numeric customer IDs stay numbers", () => {
    const t = kam.LOSSTABLE(col(1001, 1002, "C-3", true), col(50, 100, 30, 20), null, 4);
    expect(t.slice(1).map((r) => r[1])).toEqual([1002, 1001, "C-3", true]);
  });
  it("skips blank rows, names positions in errors", () => {
    const t = kam.LOSSTABLE(col("A", "", "C"), col(10, "", 30), null, 5);
    expect(t.map((r) => r[1])).toEqual(["Customer lost", "C", "A"]);
    expectKamError(() => kam.LOSSTABLE(col("A", ""), col(10, 20)), "#VALUE!", /name 2 is blank but revenue 2 is not/);
    expectKamError(() => kam.LOSSTABLE(col("A", "B"), col(10, -20)), "#NUM!", /revenue 2 is negative/);
    expectKamError(() => kam.LOSSTABLE(col("A"), col(10), null, 0), "#NUM!", /kmax/);
    expectKamError(() => kam.LOSSTABLE(col(""), col("")), "#N/A");
  });
});

describe("loss functions with many customers tied in revenue", () => {
  // One customer of 100 and 200,000 of 0, every margin 1. Losing all 200,001 takes revenue
  // 100 and margin 200,001 (hand calculation); choosing among the 200,000 tied customers
  // once spread them into push() and overflowed the stack.
  const TIED = 200_000;
  const values = Array.from({ length: TIED + 1 }, (_, i) => [i === 0 ? 100 : 0]);
  const margins = values.map(() => [1]);
  it("TOPLOSS", () => {
    expect(kam.TOPLOSS(values, TIED + 1, margins)).toBe(TIED + 1);
    expect(kam.TOPLOSS(values, TIED + 1)).toBe(100);
  });
  it("LOSSTABLE", () => {
    const ids = values.map((_, i) => [i + 1]);
    const t = kam.LOSSTABLE(ids, values, margins, TIED + 1, 5);
    expect(t).toHaveLength(TIED + 2);
    // k = 1 loses customer 1 (revenue 100, margin 1); profit 200,001 − 1 − 5; the rest total 0
    expect(t[1]).toEqual([1, 1, 100, 1, 1, 1 / (TIED + 1), "", TIED + 1 - 1 - 5]);
    // last row: every customer gone; ties go in list order, so the last one lost is the last ID
    expect(t[TIED + 1]).toEqual([TIED + 1, TIED + 1, 100, 1, TIED + 1, 1, "", -5]);
  });
});

describe("KAM.EXPECTEDLOSS", () => {
  it("is Σ margin × probability (hand calculation: 100·0.1 + 200·0.5 = 110)", () => {
    expect(kam.EXPECTEDLOSS(col(100, 200), col(0.1, 0.5))).toBeCloseTo(110, 12);
    expect(kam.EXPECTEDLOSS(col(100, "", 200), col(0.1, "", 0.5))).toBeCloseTo(110, 12);
  });
  it("rejects a probability outside 0..1 with #NUM!", () => {
    expectKamError(() => kam.EXPECTEDLOSS(col(100, 200), col(0.1, 1.5)), "#NUM!", /probability 2 is 1.5, outside 0..1/);
    expectKamError(() => kam.EXPECTEDLOSS(col(100, 200), col(0.1, -0.1)), "#NUM!");
    expectKamError(() => kam.EXPECTEDLOSS(col(100, 200), col(0.1)), "#VALUE!", "probabilities has 1 cell but margins has 2; give ranges of the same size");
  });
});
