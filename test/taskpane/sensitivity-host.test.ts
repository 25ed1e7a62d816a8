/**
 * The KAM Sensitivity sheet through the fake Excel host (formulas evaluated by HyperFormula):
 * built when the build step asks for it, "up to date" after the build, "out of date: refresh"
 * once the user types a new weight, and refreshed by the next build even when not asked again.
 */
import { describe, expect, it } from "vitest";
import { SCORING } from "../../src/workbook/build";
import { OUT_OF_DATE, SENSITIVITY, UP_TO_DATE } from "../../src/workbook/sheets/sensitivity";
import { runWizard, workbookWithTable } from "../fake-excel/wizard-flow";
import { smallTable } from "../workbook/fixtures";

const colName = (c: number) => String.fromCharCode(65 + c);

describe("KAM Sensitivity sheet in the (fake) Excel host", () => {
  it("is stamped up to date, flips after a typed weight, and the next build refreshes it", async () => {
    const t = smallTable();
    const fake = workbookWithTable(t.headers, t.rows);
    const first = await runWizard(fake, { keyRule: { kind: "top", n: 3 }, fixedCosts: 100_000, adjust: (input) => ({ ...input, sensitivity: true }) });
    expect(fake.sheetNames()).toContain("KAM Sensitivity");
    expect(first.result.sheetNames.sensitivity).toBe("KAM Sensitivity");
    const status = () => fake.sheetValues("KAM Sensitivity")[SENSITIVITY.statusRow][1];
    expect(status()).toBe(UP_TO_DATE);
    const header = fake.sheetValues("KAM Scoring")[SCORING.headerRow];
    const revenueScore = header.indexOf("Revenue score");
    fake.type("KAM Scoring", `${colName(revenueScore)}${SCORING.weightRow + 1}`, 7);
    expect(status()).toBe(OUT_OF_DATE);
    // building again without asking refreshes the sheet (kept weight 7 from the sheet)
    await runWizard(fake, { keyRule: { kind: "top", n: 3 }, fixedCosts: 100_000 });
    expect(status()).toBe(UP_TO_DATE);
    expect(fake.sheetNames().filter((n) => n.startsWith("KAM Sensitivity"))).toEqual(["KAM Sensitivity"]);
  });
});
