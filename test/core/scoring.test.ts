/** Scoring functions against hand-worked examples. */
import { describe, expect, it } from "vitest";
import * as kam from "../../src/core/kam";
import { col, expectKamError, row } from "./helpers";

describe("KAM.WSCORE", () => {
  const w = row(0.5, 0.3, 0.2);
  it("is Σ w·s / Σ w (hand calculation: 0.5·8 + 0.3·6 + 0.2·4 = 6.6)", () => {
    expect(kam.WSCORE(row(8, 6, 4), w)[0][0]).toBeCloseTo(6.6, 14);
    // weights need not sum to 1: 5/3/2 gives the same score
    expect(kam.WSCORE(row(8, 6, 4), col(5, 3, 2))[0][0]).toBeCloseTo(6.6, 14);
    // one customer laid out as a column
    expect(kam.WSCORE(col(8, 6, 4), w)[0][0]).toBeCloseTo(6.6, 14);
  });
  it("spills one score per customer row", () => {
    const out = kam.WSCORE(
      [
        [8, 6, 4],
        [10, 10, 10],
        [1, 2, 3],
      ],
      w,
    );
    expect(out.map((r) => r[0])).toEqual([expect.closeTo(6.6, 12), expect.closeTo(10, 12), expect.closeTo(1.7, 12)]);
  });
  it("handles a blank score by the missing rule", () => {
    const s = row(8, "", 4);
    // skip: (0.5·8 + 0.2·4) / 0.7 = 6.857142857..., rounded to 10 decimals as on the sheet
    expect(kam.WSCORE(s, w)[0][0]).toBe(6.8571428571);
    expect(kam.WSCORE(s, w, "skip")[0][0]).toBe(6.8571428571);
    expect(kam.WSCORE(s, w, "zero")[0][0]).toBeCloseTo(4.8, 14);
    const err = kam.WSCORE(s, w, "error")[0][0];
    expect(err).toMatchObject({ code: "#N/A" });
    expect((err as Error).message).toMatch(/score in row 1, column 2 is blank/);
  });
  it("puts a problem in one customer's row without hiding the others", () => {
    const out = kam.WSCORE(
      [
        [8, 6, 4],
        [8, "high", 4],
        ["", "", ""],
      ],
      w,
    );
    expect(out[0][0]).toBeCloseTo(6.6, 12);
    expect(out[1][0]).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/row 2: score in row 2, column 2 is text "high"/) });
    // a customer with no score at all is missing data (#N/A), not a division by zero
    expect(out[2][0]).toMatchObject({ code: "#N/A", message: "row 3: every score is blank" });
    expectKamError(() => {
      throw kam.WSCORE(row("", ""), row(1, 1))[0][0];
    }, "#N/A", "every score is blank");
    // with "zero" blanks count as 0: (1·0 + 1·0) / 2 = 0
    expect(kam.WSCORE(row("", ""), row(1, 1), "zero")[0][0]).toBe(0);
  });
  it("rejects bad weights and mismatched sizes", () => {
    expectKamError(() => kam.WSCORE(row(1, 2), row(1, -1)), "#NUM!", /weight 2 is negative/);
    expectKamError(() => kam.WSCORE(row(1, 2, 3), row(1, 2)), "#VALUE!", "scores has 1 row × 3 columns but weights has 2 values; give one column per weight");
    expectKamError(() => kam.WSCORE(row(1, 2), [[1, 2], [3, 4]]), "#VALUE!", /one row or one column/);
    expectKamError(() => kam.WSCORE(row(1, 2), row(1, "")), "#VALUE!", /weight 2 is blank/);
    expectKamError(() => kam.WSCORE(row(1, 2), row(1, 1), "ignore"), "#VALUE!", /"skip", "zero", "error"/);
    expect(kam.WSCORE(row(1, 2), row(0, 0))[0][0]).toMatchObject({ code: "#DIV/0!" });
    // the scored criterion has weight 0: still a division by zero
    expect(kam.WSCORE(row(1, ""), row(0, 3))[0][0]).toMatchObject({ code: "#DIV/0!", message: "the weights of the scored criteria add up to 0" });
  });
});

describe("KAM.SCALE", () => {
  it("min-max maps the smallest to low and the largest to high (hand calculation)", () => {
    expect(kam.SCALE(col(10, 20, 30))).toEqual([[1], [5.5], [10]]);
    expect(kam.SCALE(col(10, 20, 30), 0, 100)).toEqual([[0], [50], [100]]);
  });
  it("reverses for cost criteria", () => {
    expect(kam.SCALE(col(10, 20, 30), 1, 10, "cost")).toEqual([[10], [5.5], [1]]);
  });
  it("percentile gives tied values their average rank (ranks 1, 2.5, 2.5, 4)", () => {
    expect(kam.SCALE(row(10, 20, 20, 40), 1, 10, "benefit", "percentile")).toEqual([[1, 5.5, 5.5, 10]]);
    // an outlier does not squash the others as it does with min-max
    expect(kam.SCALE(row(1, 2, 3, 1000), 1, 10, "benefit", "percentile")).toEqual([[1, 4, 7, 10]]);
  });
  it("z-score uses the population σ, clips at ±3σ, then maps −3..3 linearly", () => {
    // [1,2,3]: mean 2, σ = √(2/3), z = ∓1.2247 → 1 + (3 ∓ 1.2247)/6 · 9
    const out = kam.SCALE(col(1, 2, 3), 1, 10, "benefit", "zscore");
    expect(out[0][0]).toBeCloseTo(3.6628826929126164, 12);
    expect(out[1][0]).toBeCloseTo(5.5, 12);
    expect(out[2][0]).toBeCloseTo(7.337117307087384, 12);
    // 20 zeros and one 100: z(100) = 4.47 is clipped to 3 → 10; z(0) = −0.2236 → 5.1646
    const big = kam.SCALE(col(...new Array(20).fill(0), 100), 1, 10, "benefit", "zscore");
    expect(big[20][0]).toBeCloseTo(10, 12);
    expect(big[0][0]).toBeCloseTo(5.164589803375031, 12);
  });
  it("maps a set of equal values to the middle, and keeps blanks blank", () => {
    for (const method of ["minmax", "percentile", "zscore"]) {
      expect(kam.SCALE(col(7, "", 7), 1, 10, "benefit", method)).toEqual([[5.5], [""], [5.5]]);
    }
  });
  it("keeps the shape of a block: each score where its value was, blanks in place", () => {
    // min 0, max 40 over the four numbers (reading order 0, 10, 20, 40): 1 + 9·x/40 by hand.
    expect(
      kam.SCALE(
        [
          ["", 10, null],
          [20, "", 0],
          [40, null, ""],
        ],
        1,
        10,
      ),
    ).toEqual([
      ["", 3.25, ""],
      [5.5, "", 1],
      [10, "", ""],
    ]);
  });
  it("rejects a scale whose high is not above its low, and unknown options", () => {
    expectKamError(() => kam.SCALE(col(1, 2), 10, 1), "#NUM!", /high \(1\) must be greater than low \(10\)/);
    expectKamError(() => kam.SCALE(col(1, 2), 1, 10, "up"), "#VALUE!", /direction must be one of/);
    expectKamError(() => kam.SCALE(col(1, 2), 1, 10, "benefit", "log"), "#VALUE!", /method must be one of/);
    expectKamError(() => kam.SCALE(col("", null)), "#N/A");
    expectKamError(() => kam.SCALE(col(1, "a")), "#VALUE!", 'value 2 is text "a", expected a number');
  });
});
