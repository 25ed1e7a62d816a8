/**
 * The plain-number fast path of `parseNumberText` (issue 9's scale work: most cells of a large
 * export are plain) gives what the full rules give: the value JavaScript reads, under either
 * mark for integers and under the decimal point for decimals, and identifiers with leading
 * zeros stay text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNumberText } from "../../src/table/numbers";

const plain = (value: number) => ({ value, currency: undefined, percent: false, accounting: false, thousands: undefined });

describe("parseNumberText on plain numbers", () => {
  it("reads integers the same under both marks, and point decimals under the point", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 999_999 }), (i, frac) => {
        expect(parseNumberText(String(i), ".")).toEqual(plain(i === 0 ? 0 : i));
        expect(parseNumberText(String(i), ",")).toEqual(plain(i === 0 ? 0 : i));
        const text = `${i}.${frac}`;
        expect(parseNumberText(text, ".")).toEqual(plain(Number(text) === 0 ? 0 : Number(text)));
      }),
    );
  });

  it("keeps the rules around the fast path: -0, leading zeros, a point under the decimal comma", () => {
    expect(parseNumberText("-0", ".")).toEqual(plain(0));
    expect(Object.is(parseNumberText("-0", ".")!.value, 0)).toBe(true);
    expect(parseNumberText("0012", ".")).toBeUndefined();
    expect(parseNumberText("1.500", ",")!.value).toBe(1500); // a thousands point under the decimal comma
    expect(parseNumberText("0.25", ",")).toBeUndefined();
    expect(parseNumberText(" 1000000 ", ".")!.value).toBe(1_000_000);
  });
});
