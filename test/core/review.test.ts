/**
 * Issue 12 functions against the worked values of the issue and hand-worked cases:
 * KAM.PORTFOLIO, KAM.MOVERS, KAM.STABILITY, KAM.TREND, KAM.CLV.
 */
import { describe, expect, it } from "vitest";
import { KamError } from "../../src/core/errors";
import { CLV, MOVERS, PORTFOLIO, STABILITY, TREND } from "../../src/core/kam-review";
import { clv } from "../../src/core/clv";
import { roundForCompare } from "../../src/core/compare";
import { QUADRANTS, QUADRANT_STRATEGY, quadrant } from "../../src/core/portfolio";
import { nameKey } from "../../src/core/review";
import { col, expectKamError, row } from "./helpers";

/** The error in one element of a spill. */
function elementError(x: unknown, code: string, message?: RegExp | string): void {
  expect(x).toBeInstanceOf(KamError);
  expect((x as KamError).code).toBe(code);
  if (typeof message === "string") expect((x as KamError).message).toBe(message);
  else if (message) expect((x as KamError).message).toMatch(message);
}

describe("KAM.PORTFOLIO", () => {
  it("puts each customer in the box of the issue: Strategic, Star, Status, Streamline", () => {
    // attractiveness / strength with the default cut 5.5 on both axes
    const a = col(8, 8, 3, 3);
    const s = col(7, 2, 9, 1);
    expect(PORTFOLIO(a, s)).toEqual(col("Strategic", "Star", "Status", "Streamline"));
  });
  it("counts a score exactly at the cut as reaching it (≥), on each axis separately", () => {
    expect(PORTFOLIO(col(5.5), col(5.5))).toEqual(col("Strategic"));
    expect(PORTFOLIO(col(5.5), col(5.49))).toEqual(col("Star"));
    expect(PORTFOLIO(col(5.49), col(5.5))).toEqual(col("Status"));
    expect(PORTFOLIO(col(5.49), col(5.49))).toEqual(col("Streamline"));
    // custom cuts: 7 and 4; exactly 7 / exactly 4 reach them
    expect(PORTFOLIO(col(7, 6.99, 7), col(4, 4, 3.99), 7, 4)).toEqual(col("Strategic", "Status", "Star"));
  });
  it("treats a weighted score carrying float noise as the cut it stands for (ROUND to 6 decimals)", () => {
    // 0.7·5 + 0.3·(20/3) should be 5.5 but any formula may give 5.499999999999999
    const noisy = 5.5 - 1e-15;
    expect(noisy).toBeLessThan(5.5);
    expect(PORTFOLIO(col(noisy), col(noisy))).toEqual(col("Strategic"));
    // a real difference in the 6th decimal is kept: 5.499999 is below the cut
    expect(PORTFOLIO(col(5.499999), col(9))).toEqual(col("Status"));
  });
  it("gives a blank where either score is blank, and keeps the shape of a block", () => {
    expect(PORTFOLIO(col(8, "", 8, null), col("", 7, 7, 7))).toEqual(col("", "", "Strategic", ""));
    expect(PORTFOLIO([[8, 3], [9, 1]], [[9, 9], [1, 1]])).toEqual([
      ["Strategic", "Status"],
      ["Star", "Streamline"],
    ]);
    expect(PORTFOLIO(8, 8)).toEqual([["Strategic"]]);
  });
  it("renames the boxes with four labels in the order Strategic, Star, Status, Streamline", () => {
    const labels = row("Invest", "Selective", "Maintain", "Efficient");
    expect(PORTFOLIO(col(8, 8, 3, 3), col(7, 2, 9, 1), null, null, labels)).toEqual(col("Invest", "Selective", "Maintain", "Efficient"));
    // a 2 × 2 block of labels is read in reading order; a number is a name as typed
    expect(PORTFOLIO(col(3), col(1), 5.5, 5.5, [["A", "B"], ["C", 4]])).toEqual(col(4));
  });
  it("rejects labels that are not four distinct names", () => {
    expectKamError(() => PORTFOLIO(col(1), col(1), null, null, row("a", "b", "c")), "#VALUE!", "labels must be 4 cells (names for Strategic, Star, Status, Streamline), got 3 cells");
    expectKamError(() => PORTFOLIO(col(1), col(1), null, null, row("a", "", "c", "d")), "#VALUE!", /label 2 \(for Star\) is blank/);
    expectKamError(() => PORTFOLIO(col(1), col(1), null, null, row("a", "b", " A", "d")), "#VALUE!", /label 3 \(for Status\) is the same as label 1/);
    expectKamError(() => PORTFOLIO(col(1), col(1), null, null, row("a", "b", { code: "#N/A" }, "d")), "#N/A", /label 3/);
  });
  it("gives #VALUE! in the cell of a text score and in the whole call for mismatched shapes", () => {
    const out = PORTFOLIO(col(8, "high", 3), col(7, 7, true));
    expect(out[0][0]).toBe("Strategic");
    elementError(out[1][0], "#VALUE!", /attractiveness 2 is text "high", expected a number/);
    elementError(out[2][0], "#VALUE!", /strength 3 is TRUE, expected a number/);
    // text in one input and a blank in the other: the text is still flagged
    elementError(PORTFOLIO(col("7"), col(""))[0][0], "#VALUE!", /number stored as text/);
    expectKamError(() => PORTFOLIO(col(1, 2), col(1, 2, 3)), "#VALUE!", "strength is 3 rows × 1 column but attractiveness is 2 rows × 1 column; give ranges of the same shape");
    // same count, other shape: still a mismatch (a row against a column)
    expectKamError(() => PORTFOLIO(col(1, 2), row(1, 2)), "#VALUE!");
    expectKamError(() => PORTFOLIO(col(1), col(1), "high"), "#VALUE!", /attractiveness_cut is text/);
    expectKamError(() => PORTFOLIO(col(1), col(1), row(5, 6)), "#VALUE!", "attractiveness_cut must be a single value, got a range of 2 cells");
    expectKamError(() => PORTFOLIO([], []), "#N/A");
  });
  it("gives back an error value in an input, in its cell", () => {
    const out = PORTFOLIO(col({ code: "#DIV/0!" }, 9), col(9, 9));
    elementError(out[0][0], "#DIV/0!", /attractiveness 1 is the error #DIV\/0!/);
    expect(out[1][0]).toBe("Strategic");
  });
  it("names a strategy for each box", () => {
    expect(QUADRANTS.map((q) => QUADRANT_STRATEGY[q].split(":")[0])).toEqual(["Invest", "Invest selectively", "Maintain", "Serve efficiently"]);
    expect(quadrant(10, 1)).toBe("Star");
  });
});

describe("KAM.MOVERS", () => {
  it("lists who came in (current's order) and who left (previous's order), padding the shorter column", () => {
    const previous = col("Acme", "Birch", "Cobalt", "Dune");
    const current = col("Elm", "Acme", "Fir", "Cobalt", "Gale");
    expect(MOVERS(previous, current)).toEqual([
      ["In", "Out"],
      ["Elm", "Birch"],
      ["Fir", "Dune"],
      ["Gale", ""],
    ]);
    expect(MOVERS(current, previous)).toEqual([
      ["In", "Out"],
      ["Birch", "Elm"],
      ["Dune", "Fir"],
      ["", "Gale"],
    ]);
  });
  it("compares names trimmed and case-insensitively, skips blanks and counts duplicates once", () => {
    const previous = col("ACME Ltd", "", "Birch", "Birch", null);
    const current = col(" acme  ltd ", "birch\u00a0", "Cobalt", "cobalt", "");
    // only Cobalt is new (typed first as "Cobalt"); nobody left
    expect(MOVERS(previous, current)).toEqual([
      ["In", "Out"],
      ["Cobalt", ""],
    ]);
  });
  it("gives the header row alone when nobody moved, or when both lists are empty", () => {
    expect(MOVERS(col("a", "b"), row("B", "A"))).toEqual([["In", "Out"]]);
    expect(MOVERS(col("", null), col(""))).toEqual([["In", "Out"]]);
  });
  it("matches a numeric ID with the same ID stored as text, and returns names as typed", () => {
    expect(MOVERS(col(1001, 1002), col("1001", 1003))).toEqual([
      ["In", "Out"],
      [1003, 1002],
    ]);
  });
  it("gives back an error value among the names", () => {
    expectKamError(() => MOVERS(col("a", { code: "#N/A" }), col("a")), "#N/A", "previous 2 is the error #N/A");
  });
});

describe("KAM.STABILITY", () => {
  it("is |previous ∩ current| / |previous ∪ current| (Jaccard)", () => {
    // {Acme, Birch, Cobalt, Dune} and {Acme, Cobalt, Elm}: ∩ = 2, ∪ = 5 → 0.4
    expect(STABILITY(col("Acme", "Birch", "Cobalt", "Dune"), col("Acme", "Cobalt", "Elm"))).toBe(0.4);
    expect(STABILITY(col("a", "b"), col("c"))).toBe(0);
    expect(STABILITY(col("a", "b"), col("B", " a"))).toBe(1);
  });
  it("uses the name rules of MOVERS: case, spaces, blanks and duplicates", () => {
    // {acme, birch} vs {acme, birch, cobalt}: 2 / 3
    expect(STABILITY(col("Acme", "ACME", "", "Birch"), col("acme ", "birch", "Cobalt", "cobalt"))).toBe(2 / 3);
  });
  it("is 0 against an empty set, and #N/A when both are empty", () => {
    expect(STABILITY(col(""), col("a"))).toBe(0);
    expectKamError(() => STABILITY(col("", null), col("")), "#N/A", /both empty/);
  });
});

describe("KAM.TREND", () => {
  it("says Up, Down, Same, New or blank per row", () => {
    const previous = col(5, 7, 6, "", 4, "");
    const current = col(6, 6.5, 6, 8, "", "");
    expect(TREND(previous, current)).toEqual(col("Up", "Down", "Same", "New", "", ""));
  });
  it("needs a change larger than the tolerance; a change of exactly the tolerance is Same", () => {
    const previous = col(5, 5, 5, 5, 5);
    const current = col(5.5, 5.6, 4.5, 4.4, 5.2);
    expect(TREND(previous, current, 0.5)).toEqual(col("Same", "Up", "Same", "Down", "Same"));
    // 0.3 − 0.1 is 0.19999999999999998 in binary; with tolerance 0.2 it is still Same
    expect(0.3 - 0.1).toBeLessThan(0.2);
    expect(TREND(col(0.1), col(0.3), 0.2)).toEqual(col("Same"));
    // and a recomputed score with float noise is the Same at tolerance 0
    expect(TREND(col(0.3), col(0.1 + 0.2))).toEqual(col("Same"));
  });
  it("rejects mismatched shapes, a negative tolerance and text", () => {
    expectKamError(() => TREND(col(1, 2), col(1, 2, 3)), "#VALUE!", "previous is 2 rows × 1 column but current is 3 rows × 1 column; give ranges of the same shape");
    expectKamError(() => TREND(col(1), col(1), -0.1), "#NUM!", /tolerance is -0.1/);
    const out = TREND(col("n/a", 1), col(1, "up"));
    elementError(out[0][0], "#VALUE!", /previous 1 is text "n\/a"/);
    elementError(out[1][0], "#VALUE!", /current 2 is text "up"/);
  });
});

describe("KAM.CLV", () => {
  it("gives the issue's worked values: (100, 0.8, 0.1) = 266.67 and 212.41 over 5 years", () => {
    // Infinite horizon: 100 × 0.8 / (1 + 0.1 − 0.8) = 80 / 0.3 = 266.666…
    expect(CLV(100, 0.8, 0.1)[0][0]).toBeCloseTo(266.6666666667, 9);
    // 5 years, q = 0.8 / 1.1 = 0.727272…, terms 100·q^t:
    //   t=1 72.727273, t=2 52.892562, t=3 38.467318, t=4 27.976231, t=5 20.346350
    //   sum = 212.409734 → 212.41
    expect(CLV(100, 0.8, 0.1, 5)[0][0]).toBeCloseTo(212.4097335627, 9);
  });
  it("matches a sum worked as exact fractions, and subtracts the acquisition cost once", () => {
    // m 50, r 0.9, i 0.05: q = 0.9 / 1.05 = 6/7; 3 years:
    //   50 · (6/7 + 36/49 + 216/343) = 50 · 762/343 = 38100/343 = 111.0787172…
    expect(CLV(50, 0.9, 0.05, 3)[0][0]).toBeCloseTo(38100 / 343, 10);
    expect(CLV(50, 0.9, 0.05, 3, 100)[0][0]).toBeCloseTo(38100 / 343 - 100, 10);
    // 1 year: just m·r/(1+i) = 100 · 0.8 / 1.1 = 72.727…
    expect(CLV(100, 0.8, 0.1, 1)[0][0]).toBeCloseTo(800 / 11, 12);
  });
  it("handles the edges: retention 0 is worth nothing, retention 1 without discount over T years is m·T", () => {
    expect(CLV(100, 0, 0.1)[0][0]).toBe(0);
    expect(CLV(100, 0, 0.1, 5)[0][0]).toBe(0);
    expect(CLV(100, 1, 0, 4)[0][0]).toBe(400);
    // retention 1 with 10% discount: m·r/(1+i−r) = 100 / 0.1 = 1000
    expect(CLV(100, 1, 0.1)[0][0]).toBeCloseTo(1000, 9);
    // a negative margin gives a negative value
    expect(CLV(-100, 0.8, 0.1)[0][0]).toBeCloseTo(-266.6666666667, 9);
  });
  it("spills one value per margin; retention and discount may be one value or a range of the same shape", () => {
    const out = CLV(col(100, "", 50), col(0.8, 0.5, 0.9), 0.1);
    expect(out[0][0]).toBeCloseTo(80 / 0.3, 9);
    expect(out[1][0]).toBe("");
    expect(out[2][0]).toBeCloseTo(45 / 0.2, 9);
    const out2 = CLV(col(100, 100), 0.8, col(0.1, 0));
    expect(out2[0][0]).toBeCloseTo(80 / 0.3, 9);
    expect(out2[1][0]).toBeCloseTo(80 / 0.2, 9);
  });
  it("gives #NUM! for retention outside 0..1 and for retention ≥ 1 + discount without years", () => {
    expectKamError(() => CLV(100, 1.2, 0.1), "#NUM!", /retention is 1.2, outside 0..1/);
    expectKamError(() => CLV(100, -0.1, 0.1), "#NUM!");
    expectKamError(() => CLV(100, 80, 0.1), "#NUM!", /80% is 0.8/);
    // a single margin's problem is its one element (the Excel adapter throws a 1 × 1 error)
    elementError(CLV(100, 1, 0)[0][0], "#NUM!", /retention 1 is not below 1 \+ discount \(1\): without years the value is infinite/);
    // per cell in a range: the others still show
    const out = CLV(col(100, 100, 100), col(0.8, 1.5, 1), col(0.1, 0.1, 0));
    expect(out[0][0]).toBeCloseTo(80 / 0.3, 9);
    elementError(out[1][0], "#NUM!", /margin 2: retention 2 is 1.5/);
    elementError(out[2][0], "#NUM!", /margin 3: retention 1 is not below 1 \+ discount/);
    // the same with a horizon is finite: 100 · 3 years
    expect(CLV(100, 1, 0, 3)[0][0]).toBe(300);
  });
  it("rejects bad years, cost and discount, text, blanks beside a margin and mismatched shapes", () => {
    expectKamError(() => CLV(100, 0.8, 0.1, 2.5), "#NUM!", /years must be a whole number of at least 1, got 2.5/);
    expectKamError(() => CLV(100, 0.8, 0.1, 0), "#NUM!");
    expectKamError(() => CLV(100, 0.8, 0.1, null, -5), "#NUM!", /acquisition_cost is -5/);
    expectKamError(() => CLV(100, 0.8, -1), "#NUM!", /discount is -1/);
    expectKamError(() => CLV(100, "80%", 0.1), "#VALUE!", /retention is text "80%", expected a number \(a number stored as text/);
    expectKamError(() => CLV(100, null, 0.1), "#N/A", "retention is required");
    expectKamError(() => CLV(col(1, 2), col(0.5, 0.5, 0.5), 0.1), "#VALUE!", /retention is 3 rows × 1 column but margin is 2 rows × 1 column/);
    expectKamError(() => CLV(100, 0.8, 0.1, row(1, 2)), "#VALUE!", /years must be a single value/);
    // a one-cell range holding a blank is no horizon, a one-cell range holding 5 is 5 years
    expect(CLV(100, 0.8, 0.1, [[null]])[0][0]).toBeCloseTo(80 / 0.3, 9);
    expect(CLV(100, 0.8, 0.1, [[5]])[0][0]).toBeCloseTo(212.4097335627, 9);
    const out = CLV(col("big", 100), col(0.5, ""), 0.1);
    elementError(out[0][0], "#VALUE!", /margin 1 is text "big"/);
    elementError(out[1][0], "#VALUE!", "retention 2 is blank but margin 2 is not");
  });
  it("the pure clv agrees with the cell-level function", () => {
    expect(clv({ margin: 100, retention: 0.8, discount: 0.1, years: 5 })).toBe(CLV(100, 0.8, 0.1, 5)[0][0]);
  });
});

describe("rounding and names", () => {
  it("rounds halves away from zero like Excel's ROUND(x, 6), and leaves huge numbers alone", () => {
    expect(roundForCompare(5.4999999999)).toBe(5.5);
    expect(roundForCompare(-0.0000015)).toBe(-0.000002);
    expect(roundForCompare(0.0000015)).toBe(0.000002);
    expect(roundForCompare(1e12 + 0.5)).toBe(1e12 + 0.5);
    // 8.3267245 is stored as 8.32672449999…; Excel's ROUND(8.3267245, 6) reads it as typed: 8.326725
    expect(8.3267245 * 1e6).toBeLessThan(8326724.5);
    expect(roundForCompare(8.3267245)).toBe(8.326725);
    expect(roundForCompare(-8.3267245)).toBe(-8.326725);
  });
  it("keys names by Excel's TRIM and case-insensitive comparison", () => {
    expect(nameKey("  Acme   Ltd ")).toBe("acme ltd");
    expect(nameKey("\tACME\u00a0LTD")).toBe("acme ltd");
    expect(nameKey(1001)).toBe("1001");
    expect(nameKey("Caf\u0065\u0301")).toBe(nameKey("Caf\u00e9"));
  });
});
