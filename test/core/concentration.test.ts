/**
 * Concentration functions against independently worked examples. Each expected value says
 * where it comes from; none was produced by the code under test.
 */
import { describe, expect, it } from "vitest";
import * as conc from "../../src/core/concentration";
import * as kam from "../../src/core/kam";
import { col, expectKamError, row } from "./helpers";

// R package ineq, ?Gini / ?Lc examples: x <- c(541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261)
const INEQ_X = [541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261];

describe("KAM.HHI", () => {
  it("gives exactly 2,600 for four firms with 30/30/20/20 percent shares (US DOJ HHI example)", () => {
    // 30² + 30² + 20² + 20² = 900 + 900 + 400 + 400 = 2600
    expect(kam.HHI(col(30, 30, 20, 20))).toBe(2600);
    // same shares from revenues in currency units
    expect(kam.HHI(row(3_000_000, 3_000_000, 2_000_000, 2_000_000))).toBe(2600);
  });
  it("gives 0.26 on the 0–1 scale", () => {
    expect(kam.HHI(col(30, 30, 20, 20), 1)).toBe(0.26);
  });
  it("is 10,000 for a single customer and exactly 10,000/n for n equal customers (definition)", () => {
    expect(kam.HHI(col(42))).toBe(10000);
    expect(kam.HHI(col(5, 5, 5, 5, 5))).toBe(2000);
    // ten equal customers: 10 · 10² = 1000 (squaring rounded shares of 0.1 gave 1000.0000000000002)
    expect(kam.HHI(col(7, 7, 7, 7, 7, 7, 7, 7, 7, 7))).toBe(1000);
  });
  it("is exact at the 2023 threshold: shares 30, 20, 10 × 5 give 900 + 400 + 5 · 100 = 1800", () => {
    const v = col(30, 20, 10, 10, 10, 10, 10);
    expect(kam.HHI(v)).toBe(1800);
    expect(kam.HHILEVEL(kam.HHI(v))).toBe("Moderately concentrated");
  });
  it("is exact at the 2010 threshold: shares 40, 20, 15, 15, 5, 5 give 1600 + 400 + 2 · 225 + 2 · 25 = 2500", () => {
    const v = col(40, 20, 15, 15, 5, 5);
    expect(kam.HHI(v)).toBe(2500);
    expect(kam.HHILEVEL(kam.HHI(v), "2010")).toBe("Moderately concentrated");
  });
  it("does not overflow for huge values: two equal customers of 1e308 give 1/2", () => {
    expect(kam.HHI(col(1e308, 1e308), 1)).toBe(0.5);
    // one of 1e308 and one of 3e307: (10² + 3²) / 13² = 109/169
    expect(kam.HHI(col(1e308, 3e307), 1)).toBeCloseTo(109 / 169, 14);
  });
  it("skips blank cells and accepts a 2-D block", () => {
    expect(kam.HHI([[30, null], ["", 30], [20, 20]])).toBeCloseTo(2600, 9);
  });
  it("rejects bad input with the position named", () => {
    const values = [[1], [2], ["n/a"]];
    expectKamError(() => kam.HHI(values), "#VALUE!", 'value 3 is text "n/a", expected a number');
    expectKamError(() => kam.HHI(col(1, true)), "#VALUE!", "value 2 is TRUE, expected a number");
    expectKamError(() => kam.HHI(col(1, "1,234")), "#VALUE!", /number stored as text/);
    expectKamError(() => kam.HHI(col(1, -2)), "#NUM!", /value 2 is negative/);
    expectKamError(() => kam.HHI(col(0, 0)), "#DIV/0!");
    expectKamError(() => kam.HHI(col(null, "")), "#N/A", /all 2 cells are blank/);
    expectKamError(() => kam.HHI([]), "#N/A", /no values/);
    expectKamError(() => kam.HHI(col(1, 2), 0), "#NUM!", /scale/);
    expectKamError(() => kam.HHI([[1, 2], [3, "x"]]), "#VALUE!", /value 4 \(row 2, column 2\)/);
  });
  it("gives back an error value found in the range", () => {
    expectKamError(() => kam.HHI(col(1, { code: "#N/A" }, 3)), "#N/A", /value 2 is the error #N\/A/);
    expectKamError(() => kam.HHI(col(1, { code: "#DIV/0!" })), "#DIV/0!");
  });
});

describe("KAM.HHILEVEL", () => {
  it("uses the 2023 US Merger Guidelines thresholds (1,000 and 1,800) by default", () => {
    expect(kam.HHILEVEL(999.99)).toBe("Unconcentrated");
    expect(kam.HHILEVEL(1000)).toBe("Moderately concentrated");
    expect(kam.HHILEVEL(1800)).toBe("Moderately concentrated");
    expect(kam.HHILEVEL(1800.01)).toBe("Highly concentrated");
    expect(kam.HHILEVEL(2600, "2023")).toBe("Highly concentrated");
  });
  it("uses the 2010 thresholds (1,500 and 2,500) on request, as text or number", () => {
    expect(kam.HHILEVEL(1499, "2010")).toBe("Unconcentrated");
    expect(kam.HHILEVEL(1500, 2010)).toBe("Moderately concentrated");
    expect(kam.HHILEVEL(2500, "2010")).toBe("Moderately concentrated");
    expect(kam.HHILEVEL(2600, "2010")).toBe("Highly concentrated");
  });
  it("counts an HHI within a millionth of a point of a threshold as the threshold", () => {
    expect(kam.HHILEVEL(1800.0000000000002)).toBe("Moderately concentrated");
    expect(kam.HHILEVEL(1800.0000004)).toBe("Moderately concentrated");
    expect(kam.HHILEVEL(1800.000002)).toBe("Highly concentrated");
    expect(kam.HHILEVEL(999.9999999999998)).toBe("Moderately concentrated");
    expect(kam.HHILEVEL(999.999998)).toBe("Unconcentrated");
    expect(kam.HHILEVEL(2500.0000000000005, "2010")).toBe("Moderately concentrated");
    expect(kam.HHILEVEL(10000.0000000001)).toBe("Highly concentrated");
    expect(conc.HHI_LEVEL_DECIMALS).toBe(6);
  });
  it("rejects values off the 0–10,000 scale and unknown standards", () => {
    expectKamError(() => kam.HHILEVEL(12000), "#NUM!", /between 0 and 10,000/);
    expectKamError(() => kam.HHILEVEL(-1), "#NUM!");
    expectKamError(() => kam.HHILEVEL(1200, "2015"), "#VALUE!", /"2023", "2010"/);
    expectKamError(() => kam.HHILEVEL("high"), "#VALUE!", /hhi is text/);
    expectKamError(() => kam.HHILEVEL(null), "#N/A");
  });
});

describe("KAM.EFFECTIVEN", () => {
  it("is 1/0.26 = 3.846... for the 30/30/20/20 market, and n for n equal customers", () => {
    expect(kam.EFFECTIVEN(col(30, 30, 20, 20))).toBeCloseTo(1 / 0.26, 12);
    expect(kam.EFFECTIVEN(col(7, 7, 7))).toBe(3);
  });
  it("is exactly n for n equal customers (1/HHI of rounded shares gave 9.999999999999998 and 4.999999999999999)", () => {
    expect(kam.EFFECTIVEN(col(7, 7, 7, 7, 7, 7, 7, 7, 7, 7))).toBe(10);
    expect(kam.EFFECTIVEN(col(3, 3, 3, 3, 3))).toBe(5);
    expect(kam.EFFECTIVEN(col(1e308, 1e308))).toBe(2);
  });
});

describe("KAM.GINI", () => {
  it("matches R ineq::Gini on the package's example vector", () => {
    // 0.4620911302676238: mean-absolute-difference form Σ|xi−xj| / (2 n² μ), computed by hand
    // with exact fractions; R prints Gini(x) = 0.4620911.
    expect(kam.GINI(col(...INEQ_X))).toBeCloseTo(0.4620911302676238, 12);
    // corrected = TRUE multiplies by n/(n−1) = 10/9: 0.5134345891862487
    expect(kam.GINI(col(...INEQ_X), true)).toBeCloseTo(0.5134345891862487, 12);
  });
  it("is 0 for equal values and (n−1)/n when one customer has everything", () => {
    expect(kam.GINI(row(4, 4, 4, 4))).toBe(0);
    expect(kam.GINI(row(0, 0, 0, 1))).toBeCloseTo(0.75, 15);
    expect(kam.GINI(row(0, 0, 0, 1), true)).toBeCloseTo(1, 15);
  });
  it("does not depend on order", () => {
    expect(kam.GINI(col(...[...INEQ_X].reverse()))).toBeCloseTo(0.4620911302676238, 12);
  });
  it("needs two values for the corrected form", () => {
    expect(kam.GINI(col(5))).toBe(0);
    expectKamError(() => kam.GINI(col(5), true), "#DIV/0!", /n − 1/);
    expectKamError(() => kam.GINI(col(1, 2), "maybe"), "#VALUE!", /TRUE or FALSE/);
  });
});

describe("KAM.SHARE", () => {
  it("divides by the total, spilling in the shape of value", () => {
    expect(kam.SHARE(25, col(25, 75))).toEqual([[0.25]]);
    expect(kam.SHARE(row(25, "", 75), col(25, 75))).toEqual([[0.25, "", 0.75]]);
  });
  it("reports a bad element in place and a bad total for the whole call", () => {
    const out = kam.SHARE(col(10, "x"), col(10, 30));
    expect(out[0][0]).toBe(0.25);
    expect(out[1][0]).toMatchObject({ code: "#VALUE!" });
    expectKamError(() => kam.SHARE(1, col(0, 0)), "#DIV/0!");
  });
});

describe("KAM.TOPSHARE", () => {
  it("adds the n largest shares (hand calculation)", () => {
    const v = col(20, 50, 30);
    expect(kam.TOPSHARE(v, 1)).toBeCloseTo(0.5, 15);
    expect(kam.TOPSHARE(v, 2)).toBeCloseTo(0.8, 15);
    expect(kam.TOPSHARE(v, 3)).toBe(1);
    expect(kam.TOPSHARE(v, 10)).toBe(1);
    expect(kam.TOPSHARE(v, 0)).toBe(0);
    // CR4 of the DOJ market is 100%, CR2 60%
    expect(kam.TOPSHARE(col(30, 30, 20, 20), 2)).toBeCloseTo(0.6, 15);
  });
  it("rejects a fractional or missing n", () => {
    expectKamError(() => kam.TOPSHARE(col(1, 2), 1.5), "#NUM!", /whole number/);
    expectKamError(() => kam.TOPSHARE(col(1, 2), -1), "#NUM!");
    expectKamError(() => kam.TOPSHARE(col(1, 2), null), "#N/A", /n is required/);
  });
});

describe("KAM.PARETO", () => {
  it("counts customers until the share is reached (hand calculation)", () => {
    expect(kam.PARETO(col(20, 50, 30))).toBe(2); // 50 + 30 = 80% exactly
    expect(kam.PARETO(col(20, 50, 30), 0.81)).toBe(3);
    expect(kam.PARETO(col(20, 50, 30), 0.5)).toBe(1);
    expect(kam.PARETO(col(20, 50, 30), 1)).toBe(3);
  });
  it("counts a share reached exactly in decimal arithmetic even when binary rounding misses it", () => {
    // Revenues 0.7, 0.1, 0.1, 0.1 (millions): total 1.0, and the two largest make
    // 0.7 + 0.1 = 0.8 = 80% exactly, so the answer is 2. In doubles the running sum of the
    // two is 0.7999999999999999 while 0.8 × total is 0.8, so a comparison without a
    // rounding allowance would go on to a third customer.
    expect(kam.PARETO(col(0.1, 0.7, 0.1, 0.1))).toBe(2);
  });
  it("rejects a share outside (0, 1]", () => {
    expectKamError(() => kam.PARETO(col(1), 0), "#NUM!");
    expectKamError(() => kam.PARETO(col(1), 1.2), "#NUM!");
  });
});

describe("KAM.ABC", () => {
  const v = col(50, 30, 10, 5, 5);
  it("classes by the cumulative share before each customer (hand calculation)", () => {
    // before: 50 → 0, 30 → 0.5, 10 → 0.8, 5 → 0.9, 5 → 0.9 (ties take the first's class)
    expect(kam.ABC(v, v)).toEqual([["A"], ["A"], ["B"], ["B"], ["B"]]);
    // 90/5/3/2: before 0, 0.9, 0.95, 0.98
    const w = row(90, 5, 3, 2);
    expect(kam.ABC(w, w)).toEqual([["A", "B", "C", "C"]]);
  });
  it("keeps a single dominant customer in A and gives equal customers one class", () => {
    expect(kam.ABC(100, col(100))).toEqual([["A"]]);
    expect(kam.ABC(col(40, 40, 20), col(40, 40, 20))).toEqual([["A"], ["A"], ["B"]]);
  });
  it("uses custom thresholds and keeps blanks blank", () => {
    expect(kam.ABC(col(50, "", 30, 10), v, 0.5, 0.8)).toEqual([["A"], [""], ["B"], ["C"]]);
  });
  it("answers #NUM! for a negative value, as concentration functions do", () => {
    const out = kam.ABC(col(50, -5), v);
    expect(out[0][0]).toBe("A");
    expect(out[1][0]).toMatchObject({ code: "#NUM!", message: "value 2 is negative (-5)" });
    expect(kam.SHARE(-5, v)[0][0]).toMatchObject({ code: "#NUM!", message: "value 1 is negative (-5)" });
  });
  it("answers #N/A for a value that is not in the list and #NUM! for bad thresholds", () => {
    const out = kam.ABC(col(50, 7), v);
    expect(out[0][0]).toBe("A");
    expect(out[1][0]).toMatchObject({ code: "#N/A" });
    expectKamError(() => kam.ABC(50, v, 0.9, 0.8), "#NUM!", /a ≤ b/);
  });
});

describe("KAM.LORENZ", () => {
  it("starts at (0, 0) and accumulates ascending (hand calculation)", () => {
    const out = kam.LORENZ(col(4, 1, 3, 2));
    const expected = [
      [0, 0],
      [0.25, 0.1],
      [0.5, 0.3],
      [0.75, 0.6],
      [1, 1],
    ];
    expect(out).toHaveLength(5);
    out.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(expected[i][0], 15);
      expect(p[1]).toBeCloseTo(expected[i][1], 15);
    });
  });
});
