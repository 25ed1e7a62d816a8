/** `clean`: a number to 15 significant digits, as Excel keeps it when it turns the number into text (COUNTIF criteria). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clean } from "../../src/workbook/model";

const byText = (x: number) => (Number.isFinite(x) ? parseFloat(x.toPrecision(15)) : x);

describe("clean", () => {
  it("rounds to 15 significant digits (worked by hand)", () => {
    expect(clean(0.1 + 0.2)).toBe(0.3);
    expect(clean(1234567.8900000001)).toBe(1234567.89);
    expect(clean(2 ** 60)).toBe(1152921504606850000); // 1152921504606846976 to 15 digits
    expect(Object.is(clean(-0), 0)).toBe(true);
    expect(clean(Infinity)).toBe(Infinity);
    expect(Number.isNaN(clean(NaN))).toBe(true);
  });

  it("gives what the text round trip gives, whole numbers (its fast path) and others alike", () => {
    const same = (x: number): void => {
      expect(Object.is(clean(x), byText(x)), String(x)).toBe(true);
    };
    fc.assert(fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), same), { numRuns: 2_000 });
    fc.assert(fc.property(fc.double({ noNaN: true }), same), { numRuns: 2_000 });
    for (const x of [1e15 - 1, 1e15, -1e15 + 1, -1e15, 999999999999999.9]) same(x);
  });
});
