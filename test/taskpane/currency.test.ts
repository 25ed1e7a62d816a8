/** The pane's currency of amounts: proposed from the display language, changeable, cleared, checked, passed to the build as the CLI's --currency. */
import { describe, expect, it, vi } from "vitest";
import { defaultCurrency } from "../../src/taskpane/wizard/currency";
import { numberLocale } from "../../src/taskpane/wizard/format";
import { buildRequest, defaultSettings, signature, validateSettings } from "../../src/taskpane/wizard/model";
import { buildWorkbook } from "../../src/workbook/build";
import { smallInput } from "../workbook/fixtures";

describe("currency of amounts in the pane", () => {
  it("proposes the currency of the display language's region", () => {
    expect(defaultCurrency("de-DE")).toBe("EUR");
    expect(defaultCurrency("en-US")).toBe("USD");
    expect(defaultCurrency("en-GB")).toBe("GBP");
    expect(defaultCurrency("fr-CH")).toBe("CHF");
    expect(defaultCurrency("ja-JP")).toBe("JPY");
    expect(defaultCurrency("sr-Latn-RS")).toBe("RSD");
    // A language without a region: its likely region (Intl.Locale.maximize).
    expect(defaultCurrency("de")).toBe("EUR");
    expect(defaultCurrency("not a locale")).toBe("");
    expect(defaultSettings(numberLocale("de-DE")).currencyText).toBe("EUR");
  });

  it("proposes it without an Intl call (the page's first one loads locale data: a quarter of a second of the first render at 4× throttling)", () => {
    const supported = vi.spyOn(Intl.NumberFormat, "supportedLocalesOf");
    const locale = vi.spyOn(Intl, "Locale");
    try {
      const nl = numberLocale("fr-CH");
      const settings = defaultSettings(nl);
      expect(settings.currencyText).toBe("CHF");
      // The first screen checks the default settings (rule "10", months "12"): plain digits, no Intl either.
      validateSettings(settings, nl);
      expect(supported).not.toHaveBeenCalled();
      expect(locale).not.toHaveBeenCalled();
      // Still checked where numbers are formatted.
      expect(numberLocale("fr-CH").locale).toBe("fr-CH");
      expect(supported).toHaveBeenCalled();
    } finally {
      supported.mockRestore();
      locale.mockRestore();
    }
  });

  it("passes the currency, changed or cleared, into the build, where every amount shows it", () => {
    const nl = numberLocale("de-DE");
    const input = smallInput();
    const s = { ...defaultSettings(nl), criteria: input.criteria.map((c, i) => ({ key: `k${i}`, label: c.label, kind: c.kind, column: c.column, include: true, direction: c.direction, method: c.method, weightText: String(c.weight) })) };
    expect(validateSettings(s, nl)).toEqual({});
    const request = (currencyText: string) => buildRequest(input.table, input.roles, { ...s, currencyText }, nl, undefined, "2026-11-29");
    expect(request("EUR").currency).toBe("EUR");
    expect(request(" CHF ").currency).toBe("CHF");
    expect(request("").currency).toBeUndefined();
    // A different currency is a different build (the summary marks itself out of date).
    expect(signature(request("EUR"))).not.toBe(signature(request("")));
    expect(validateSettings({ ...s, currencyText: "euros!" }, nl)).toEqual({ currency: expect.stringMatching(/currency code/) });
    const scoring = buildWorkbook(request("EUR")).plan.sheets.find((p) => p.name === "KAM Scoring")!;
    expect(scoring.blocks.flatMap((b) => b.cells.flat()).filter((c) => c.format === '"EUR "#,##0').length).toBeGreaterThan(input.table.rows.length);
  });
});
