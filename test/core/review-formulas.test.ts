/**
 * The portable formulas of review-formulas.ts, evaluated by HyperFormula (the engine of the
 * fake Excel host), give what KAM.PORTFOLIO and KAM.TREND give, including scores that carry
 * float noise at the cut: the rounding rule holds by construction in a real formula engine.
 *
 * One known difference: HyperFormula's ROUND rounds the binary value (Math.round(x·10⁶)),
 * while Excel and LibreOffice round the number as its 15 digits read (ROUND(2.675, 2) is
 * 2.68 there, 2.67 in HyperFormula). They part only at an exact half in the 7th decimal,
 * e.g. 3.2999995; those cases are left out here and checked against LibreOffice in
 * review-libreoffice.test.ts.
 */
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { afterAll, describe, expect, it } from "vitest";
import { roundForCompare } from "../../src/core/compare";
import { PORTFOLIO, TREND } from "../../src/core/kam-review";
import { quadrantFormula, trendFormula } from "../../src/core/review-formulas";
import { HF_CONFIG } from "../fake-excel/plan-engine";
import { col } from "./helpers";

const hf = HyperFormula.buildEmpty(HF_CONFIG);
const sheet = hf.getSheetId(hf.addSheet("S"))!;
afterAll(() => hf.destroy());

/** Puts the inputs in A1:D1 and evaluates the formula in E1. */
function evaluate(inputs: (number | null)[], formula: string): unknown {
  hf.setSheetContent(sheet, [[...inputs, `=${formula}`]]);
  const v = hf.getCellValue({ sheet, row: 0, col: inputs.length });
  return v === null ? "" : v;
}

/** Scores on the 1–10 scale, with values at and a few ulps around the cuts. */
const nearCut = (cut: number) => fc.oneof(fc.double({ min: 1, max: 10, noNaN: true }), fc.constantFrom(cut, cut - 1e-15, cut + 1e-15, cut - 1e-7, cut - 5e-7, cut + 4e-7));
const cutValue = fc.constantFrom(5.5, 7, 3.3, 0.1 + 0.2);

/** True when HyperFormula's ROUND(x, 6) is Excel's (see the note at the top). */
const hfRoundsAsExcel = (...xs: number[]) => xs.every((x) => Math.round(Math.abs(x) * 1e6) / 1e6 === Math.abs(roundForCompare(x)));

describe("portable formulas agree with the functions (HyperFormula)", () => {
  it("quadrantFormula = KAM.PORTFOLIO, at and around the cuts", () => {
    fc.assert(
      fc.property(
        fc.tuple(cutValue, cutValue).chain(([aCut, sCut]) => fc.tuple(fc.constant(aCut), fc.constant(sCut), nearCut(aCut), nearCut(sCut))),
        ([aCut, sCut, a, s]) => {
          fc.pre(hfRoundsAsExcel(a, s, aCut, sCut));
          const expected = PORTFOLIO(col(a), col(s), aCut, sCut)[0][0];
          expect(evaluate([a, s, aCut, sCut], quadrantFormula("A1", "B1", "C1", "D1"))).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
  it("quadrantFormula gives a blank for a blank score and uses the labels", () => {
    expect(evaluate([null, 8, 5.5, 5.5], quadrantFormula("A1", "B1", "C1", "D1"))).toBe("");
    expect(evaluate([3, 1, 5.5, 5.5], quadrantFormula("A1", "B1", "C1", "D1", ["A", "B", "C", "Low"]))).toBe("Low");
  });
  it("trendFormula = KAM.TREND, with noisy differences and tolerances met exactly", () => {
    const score = fc.oneof(fc.integer({ min: 4, max: 40 }).map((n) => n / 4), fc.double({ min: 1, max: 10, noNaN: true }));
    const noise = fc.constantFrom(0, 1e-15, -1e-15, 0.1 + 0.2 - 0.3, 0.5, -0.5, 0.25);
    fc.assert(
      fc.property(score, noise, fc.constantFrom(0, 0.25, 0.5, 0.1), (p, n, tol) => {
        const c = p + n;
        fc.pre(hfRoundsAsExcel(c - p, tol));
        const expected = TREND(col(p), col(c), tol)[0][0];
        expect(evaluate([p, c, tol], trendFormula("A1", "B1", "C1"))).toBe(expected);
      }),
      { numRuns: 300 },
    );
    expect(evaluate([null, 5, 0], trendFormula("A1", "B1", "C1"))).toBe("New");
    expect(evaluate([5, null, 0], trendFormula("A1", "B1", "C1"))).toBe("");
  });
});
