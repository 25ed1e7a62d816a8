/** Rebuilding keeps what the user typed: weights, directions, manual scores (by customer), assumptions. */
import { describe, expect, it } from "vitest";
import { buildWorkbook, LOSS, SCORING } from "../../src/workbook/build";
import type { Scalar, WorkbookPlan } from "../../src/workbook/plan";
import { readPreviousInputs } from "../../src/workbook/previous";
import { PlanEngine } from "../fake-excel/plan-engine";
import { smallInput } from "./fixtures";

/** The sheet as Excel would show it after the user edited it: values of every cell. */
function sheetValues(engine: PlanEngine, plan: WorkbookPlan, name: string): Scalar[][] {
  const sheet = plan.sheets.find((s) => s.name === name)!;
  const rows = sheet.blocks[0].cells.length;
  const cols = sheet.blocks[0].cells[0].length;
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => engine.value(name, r, c) as Scalar));
}

describe("rebuild", () => {
  it("keeps weights, directions, manual scores by customer and the loss assumptions", () => {
    const input = smallInput();
    const first = buildWorkbook(input);
    const engine = new PlanEngine(first.plan);
    const header = first.plan.sheets[0].blocks[0].cells[SCORING.headerRow].map((c) => c.value);
    const retention = header.indexOf("Retention (1–10)");
    const npsScore = header.indexOf("NPS score");
    const row = (name: string) => SCORING.headerRow + 1 + input.table.rows.findIndex((r) => r[0] === name);
    engine.setValue("KAM Scoring", row("Cobalt AG"), retention, 9);
    engine.setValue("KAM Scoring", row("Gale Inc"), retention, 4);
    engine.setValue("KAM Scoring", SCORING.weightRow, npsScore, 5);
    engine.setValue("KAM Scoring", SCORING.directionRow, npsScore, "cost");
    engine.setValue("KAM Scoring", SCORING.ruleRow, 1, 4);
    engine.setValue("KAM Loss Scenarios", LOSS.fixedRow, 1, 123456);
    const previous = readPreviousInputs(sheetValues(engine, first.plan, "KAM Scoring"), sheetValues(engine, first.plan, "KAM Loss Scenarios"));
    expect(previous.manual).toEqual({ "cobalt ag": { Retention: 9 }, "gale inc": { Retention: 4 } });
    expect(previous.weights.NPS).toBe(5);
    expect(previous.directions.NPS).toBe("cost");
    expect(previous.keyRuleValue).toBe(4);
    expect(previous.fixedCosts).toBe(123456);

    // The source table changes order and loses a customer: scores follow the names.
    const table = smallInput().table;
    table.rows = [table.rows[6], ...table.rows.slice(0, 2), ...table.rows.slice(3, 6)]; // Gale first, Cobalt gone
    const second = buildWorkbook({ ...input, table, previous });
    const e2 = new PlanEngine(second.plan);
    const cells = second.plan.sheets[0].blocks[0].cells;
    expect(cells[SCORING.headerRow + 1][0].value).toBe("Gale Inc");
    expect(cells[SCORING.headerRow + 1][retention].value).toBe(4);
    expect(cells[SCORING.weightRow][npsScore].value).toBe(5);
    expect(cells[SCORING.directionRow][npsScore].value).toBe("cost");
    expect(cells[SCORING.ruleRow][1].value).toBe(4);
    expect(e2.value("KAM Loss Scenarios", LOSS.fixedRow, 1)).toBe(123456);
    // Cobalt's score is not lost: it is listed under the table
    const flat = cells.flat().map((c) => c.value);
    expect(flat).toContain("Cobalt AG");
    expect(second.summary.orphanedScores).toBe(1);
    expect(second.summary.keyAccounts).toHaveLength(4);
  });
});

describe("rebuild edge cases", () => {
  function values(plan: WorkbookPlan, name: string): Scalar[][] {
    return sheetValues(new PlanEngine(plan), plan, name);
  }
  it("keeps a departed customer's manual score through further rebuilds and restores it when the customer returns", () => {
    const input = smallInput();
    const first = buildWorkbook({ ...input, previous: { weights: {}, directions: {}, manual: { "cobalt ag": { Retention: 9 } } } });
    const without = smallInput().table;
    without.rows = without.rows.filter((r) => r[0] !== "Cobalt AG");
    const second = buildWorkbook({ ...input, table: without, previous: readPreviousInputs(values(first.plan, "KAM Scoring")) });
    expect(second.summary.orphanedScores).toBe(1);
    const third = buildWorkbook({ ...input, table: without, previous: readPreviousInputs(values(second.plan, "KAM Scoring")) });
    expect(third.summary.orphanedScores).toBe(1);
    const back = buildWorkbook({ ...input, previous: readPreviousInputs(values(third.plan, "KAM Scoring")) });
    expect(back.summary.orphanedScores).toBe(0);
    const cells = back.plan.sheets[0].blocks[0].cells;
    const col = cells[SCORING.headerRow].findIndex((c) => c.value === "Retention (1–10)");
    const row = cells.findIndex((r) => r[0].value === "Cobalt AG");
    expect(cells[row][col].value).toBe(9);
  });
  it("makes repeated criterion labels and headers unique (Excel would rename them in the table)", () => {
    const input = smallInput();
    const criteria = [...input.criteria, { label: "Retention", kind: "manual" as const, direction: "benefit" as const, method: "minmax" as const, weight: 1 }, { label: "Rank", kind: "data" as const, column: 6, direction: "benefit" as const, method: "minmax" as const, weight: 1 }];
    const { plan } = buildWorkbook({ ...input, criteria });
    const header = plan.sheets[0].blocks[0].cells[SCORING.headerRow].map((c) => String(c.value).toLowerCase());
    expect(new Set(header).size).toBe(header.length);
    expect(header).toContain("retention (2) (1–10)");
  });
});

describe("rebuild with settings changed in the task pane", () => {
  const values = (plan: WorkbookPlan, name: string) => sheetValues(new PlanEngine(plan), plan, name);
  const scoringCells = (plan: WorkbookPlan) => plan.sheets[0].blocks[0].cells;

  it("uses the sheet's rule value only under the same kind of rule", () => {
    const input = smallInput(); // top N = 3
    const first = buildWorkbook(input);
    const previous = readPreviousInputs(values(first.plan, "KAM Scoring"));
    expect(previous.keyRuleKind).toBe("top");
    expect(previous.keyRuleValue).toBe(3);
    // The user switches to "20% of revenue or more": N = 3 must not become a threshold of 300%.
    const second = buildWorkbook({ ...input, keyRule: { kind: "share", threshold: 0.2 }, previous });
    expect(scoringCells(second.plan)[SCORING.ruleRow][1].value).toBe(0.2);
    // Acme 1.2M and Birch, Cobalt 0.8M each of 3.4M: 35.3%, 23.5%, 23.5% are 20% or more.
    expect(second.summary.keyAccounts.sort()).toEqual(["Acme Corp", "Birch Ltd", "Cobalt AG"]);
  });

  it("a setting changed in the pane wins; one left alone takes the sheet's current value", () => {
    const input = smallInput();
    const first = buildWorkbook(input);
    const engine = new PlanEngine(first.plan);
    const header = scoringCells(first.plan)[SCORING.headerRow].map((c) => c.value);
    const nps = header.indexOf("NPS score");
    const revenue = header.indexOf("Revenue score");
    // What the pane was filled with when the user came back to it.
    const baseline = readPreviousInputs(sheetValues(engine, first.plan, "KAM Scoring"));
    // Then, on the sheet, the user sets the NPS weight to 5 and Revenue's to 7 ...
    engine.setValue("KAM Scoring", SCORING.weightRow, nps, 5);
    engine.setValue("KAM Scoring", SCORING.weightRow, revenue, 7);
    const previous = readPreviousInputs(sheetValues(engine, first.plan, "KAM Scoring"));
    // ... and in the pane sets Revenue's weight to 2 (from 3) and changes nothing else.
    const criteria = input.criteria.map((c) => (c.label === "Revenue" ? { ...c, weight: 2 } : c));
    const second = buildWorkbook({ ...input, criteria, previous, baseline, fixedCosts: 750_000 });
    const cells = scoringCells(second.plan);
    expect(cells[SCORING.weightRow][revenue].value).toBe(2); // changed in the pane
    expect(cells[SCORING.weightRow][nps].value).toBe(5); // changed on the sheet only
    expect(second.plan.sheets[1].blocks[0].cells[LOSS.fixedRow][1].value).toBe(750_000); // changed in the pane
  });

  it("keeps a score typed over a rating from the source table, says so, and refreshes the ratings left alone", () => {
    const input = smallInput();
    const table = smallInput().table;
    table.headers = [...table.headers, "Strategic fit"];
    table.rows = table.rows.map((r, i) => [...r, i === 1 ? null : 4]); // Birch has no rating in the table
    const criteria = [...input.criteria, { label: "Strategic fit", kind: "manual" as const, column: 7, direction: "benefit" as const, method: "minmax" as const, weight: 1 }];
    const first = buildWorkbook({ ...input, table, criteria });
    const engine = new PlanEngine(first.plan);
    const col = scoringCells(first.plan)[SCORING.headerRow].findIndex((c) => c.value === "Strategic fit (1–10)");
    engine.setValue("KAM Scoring", SCORING.headerRow + 1, col, 6); // the user types over Acme's 4
    engine.setValue("KAM Scoring", SCORING.headerRow + 2, col, 8); // and rates Birch, blank in the table
    engine.setValue("KAM Scoring", SCORING.headerRow + 3, col, null); // and clears Cobalt's
    const previous = readPreviousInputs(sheetValues(engine, first.plan, "KAM Scoring"));
    table.rows[2][7] = 9; // Cobalt's rating changes in the source table
    const second = buildWorkbook({ ...input, table, criteria, previous });
    const cells = scoringCells(second.plan);
    expect(cells[SCORING.headerRow + 1][col].value).toBe(6);
    expect(cells[SCORING.headerRow + 2][col].value).toBe(8);
    expect(cells[SCORING.headerRow + 3][col].value).toBe(9);
    // Acme: 6 on the sheet, 4 in the table. (The other customers' 4s were read back as typed and agree.)
    expect(second.summary.warnings).toContain(
      "1 manual score on the scoring sheet differs from the rating column of the source table; the sheet's value was kept. Clear a score on the sheet to take the table's rating at the next build.",
    );
  });
});
