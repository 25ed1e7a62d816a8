/**
 * The layout measures every figure of every sheet (issue 9's scale work): `shownLength` gives
 * the length of the text `shownText` shows, without building it, for the number formats the
 * builders use (with and without a currency) and any number.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shownLength, shownText } from "../../src/workbook/layout";
import { amountFormat } from "../../src/workbook/model";

const FORMATS = [undefined, "General", "#,##0", "0.0%", "0%", "0.00", "0.0", "0.000", "0.00%", "+0;-0;0", '0.0"%"', amountFormat("EUR"), amountFormat("€"), amountFormat()];

describe("shownLength", () => {
  it("is the length of the shown text for every format and number, literal or cached result", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.oneof(fc.double({ noNaN: true }), fc.integer(), fc.constantFrom(0, -0, 0.5, -0.5, 999.95, -0.0004, 1e21, 123456789.5, 999, 1000, -1000, 999_999_999_999_999, 1e15, -1e15, 10 ** 14)), (format, v) => {
        for (const cell of [{ value: v, format }, { formula: "=1", result: v, format }]) expect(shownLength(cell)).toBe(shownText(cell).length);
      }),
      { numRuns: 2000 },
    );
    // Whole amounts (their digits counted without the text), at every power of ten and around it.
    for (let k = 0; k <= 16; k++) for (const v of [10 ** k - 1, 10 ** k, -(10 ** k), -(10 ** k) + 1]) for (const format of FORMATS) expect(shownLength({ value: v, format }), `${v} ${format}`).toBe(shownText({ value: v, format }).length);
    expect(shownLength({ formula: "=1", format: "0.0%" })).toBe(shownText({ formula: "=1", format: "0.0%" }).length);
    expect(shownLength({ value: "text" })).toBe(4);
  });
});
