/**
 * The Lifetime value column of the scoring sheet equals KAM.CLV (m, 1 − churn, discount) for
 * each customer, follows the discount cell, and works as a criterion: its 1–10 score is
 * KAM.SCALE of the values, it sits on the attractiveness axis, and the core's key accounts
 * (the summary) are the sheet's.
 */
import { describe, expect, it } from "vitest";
import * as kam from "../../src/core/kam";
import { CLV } from "../../src/core/kam-review";
import { buildWorkbook, SCORING } from "../../src/workbook/build";
import { readPreviousInputs } from "../../src/workbook/previous";
import { portfolioSettings } from "../../src/workbook/sheets/portfolio";
import { PlanEngine } from "../fake-excel/plan-engine";
import { smallInput } from "./fixtures";

describe("Lifetime value column", () => {
  const base = smallInput();
  const input = smallInput({ criteria: [...base.criteria, { label: "Lifetime value", kind: "data", derived: "clv", direction: "benefit", method: "minmax", weight: 2 }] });
  const { plan, summary } = buildWorkbook(input);
  const engine = new PlanEngine(plan);
  const header = plan.sheets[0].blocks[0].cells[SCORING.headerRow].map((c) => c.value);
  const n = input.table.rows.length;
  const get = (h: string) => engine.column("KAM Scoring", header.indexOf(h), SCORING.headerRow + 1, n);

  it("equals KAM.CLV with retention 1 − churn and the discount cell (10% by default)", () => {
    expect(engine.value("KAM Scoring", SCORING.discountRow, 1)).toBe(0.1);
    const margins = get("Margin (revenue − cost)").map((x) => [x]);
    const retention = get("Churn probability").map((x) => [1 - (x as number)]);
    const expected = CLV(margins, retention, 0.1).map((r) => r[0] as number);
    get("Lifetime value").forEach((v, i) => expect(v as number).toBeCloseTo(expected[i], 6));
    // Acme: margin 300,000, churn 0.1 → 300,000 × 0.9 / (0.1 + 0.1) = 1,350,000
    expect(get("Lifetime value")[0]).toBeCloseTo(1_350_000, 6);
  });

  it("follows the discount cell", () => {
    const e = new PlanEngine(plan);
    e.setValue("KAM Scoring", SCORING.discountRow, 1, 0.2);
    expect(e.value("KAM Scoring", SCORING.headerRow + 1, header.indexOf("Lifetime value"))).toBeCloseTo((300_000 * 0.9) / 0.3, 6);
  });

  it("scores as KAM.SCALE of the values, lies on attractiveness, and the key accounts agree with the core", () => {
    const values = get("Lifetime value").map((x) => [x]);
    const expected = kam.SCALE(values, 1, 10, "benefit", "minmax").map((r) => r[0] as number);
    get("Lifetime value score").forEach((v, i) => expect(v as number).toBeCloseTo(expected[i], 9));
    const w = portfolioSettings(input.criteria, undefined, undefined).weights.at(-1)!;
    expect(w).toEqual({ attractiveness: 2, strength: 0 });
    const flagged = get("Customer").filter((_, i) => get("Key account")[i] === "Key account");
    expect([...flagged].sort()).toEqual([...summary.keyAccounts].sort());
  });

  it("keeps a discount rate typed on the sheet at the next build", () => {
    const grid = plan.sheets[0].blocks[0].cells.map((r) => r.map((c) => (c.value === undefined ? null : c.value)));
    grid[SCORING.discountRow][1] = 0.08;
    const previous = readPreviousInputs(grid);
    expect(previous.clvDiscount).toBe(0.08);
    const again = buildWorkbook({ ...input, previous });
    expect(again.plan.sheets[0].blocks[0].cells[SCORING.discountRow][1].value).toBe(0.08);
  });

  it("shows text, not an error, where there is no finite value, so other customers still score", () => {
    const e = new PlanEngine(plan);
    const churnCol = header.indexOf("Churn probability");
    e.setValue("KAM Scoring", SCORING.headerRow + 1, churnCol, 1.5);
    expect(e.value("KAM Scoring", SCORING.headerRow + 1, header.indexOf("Lifetime value"))).toBe("no finite value");
    expect(e.value("KAM Scoring", SCORING.headerRow + 1, header.indexOf("Lifetime value score"))).toBe("");
    expect(typeof e.value("KAM Scoring", SCORING.headerRow + 2, header.indexOf("Lifetime value score"))).toBe("number");
    // The rest of the table still computes: every other customer has a weighted score and a rank.
    const totals = e.column("KAM Scoring", header.indexOf("Weighted score"), SCORING.headerRow + 1, n);
    const ranks = e.column("KAM Scoring", header.indexOf("Rank"), SCORING.headerRow + 1, n);
    expect(totals.every((x) => typeof x === "number")).toBe(true);
    expect((ranks as number[]).slice().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    // And the sheet says what the words mean, beside the discount rate.
    const note = plan.sheets[0].blocks[0].cells[SCORING.discountRow].map((c) => String(c.value ?? "")).join(" ");
    expect(note).toMatch(/"no finite value" where churn is outside 0–1/);
  });
});
