/** Numbers typed in the pane, read in the user's Office display language (wizard/format.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numberLocale, parseLocaleNumber } from "../../src/taskpane/wizard/format";

describe("parseLocaleNumber", () => {
  it.each([
    ["2,000,000", "en-US", 2_000_000],
    ["2.000.000", "en-US", 2_000_000], // grouped with dots: cannot be a decimal
    ["2.000.000", "de-DE", 2_000_000],
    ["2,5", "de-DE", 2.5],
    ["1.234,5", "de-DE", 1234.5],
    ["1 234,5", "fr-FR", 1234.5],
    ["-3", "en-US", -3],
    ["12%", "en-US", 12],
  ])("%s in %s is %d", (text, locale, value) => expect(parseLocaleNumber(text, locale)).toBe(value));

  it.each([
    ["2,0,0", "en-US"],
    ["1,5", "en-US"], // a comma that is not grouping in threes
    ["1,234.5", "de-DE"], // a group separator after the decimal one
    ["abc", "en-US"],
    ["", "en-US"],
  ])("rejects %s in %s rather than guess", (text, locale) => expect(parseLocaleNumber(text, locale)).toBeUndefined());

  it("reads back what the locale formats", () => {
    fc.assert(
      fc.property(fc.constantFrom("en-US", "de-DE", "fr-FR", "en-GB", "es-ES"), fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (locale, whole, cents) => {
        const x = whole + Math.sign(whole || 1) * cents / 100;
        const nl = numberLocale(locale);
        expect(nl.parse(nl.num(x, 2))).toBeCloseTo(x, 9);
      }),
    );
  });
});
