/**
 * The KAM Sensitivity sheet: its stamped figures equal the core's (the KAM functions applied
 * to the scores HyperFormula computes from the scoring sheet's formulas), and its status cell
 * turns to "out of date: refresh" after an edit of a weight, a score, a margin, a churn
 * probability or the fixed costs — in HyperFormula and, from a written .xlsx, in LibreOffice.
 */
import Papa from "papaparse";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as ks from "../../src/core/kam-sensitivity";
import { lossDistribution } from "../../src/core/loss-risk";
import { SHEET_SEED, SHEET_SPREAD } from "../../src/core/sensitivity-report";
import { buildWorkbook, SCORING } from "../../src/workbook/build";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { DEFAULT_SHEET_NAMES } from "../../src/workbook/sheets/registry";
import { OUT_OF_DATE, SENSITIVITY, UP_TO_DATE } from "../../src/workbook/sheets/sensitivity";
import { LOSS } from "../../src/workbook/sheets/loss";
import { planToXlsx } from "../../src/workbook/xlsx-writer";
import { PlanEngine } from "../fake-excel/plan-engine";
import { convertWithLibreOffice, CSV_ALL_SHEETS, recalculatingProfile } from "../support/libreoffice";
import { smallInput } from "./fixtures";

const NAMES = DEFAULT_SHEET_NAMES;
const SENS = NAMES.sensitivity;
/** Manual Retention scores for every customer but Gale, so one customer is left out of the weight analysis. */
const RETENTION: Record<string, number> = { "acme corp": 8, "birch ltd": 6, "cobalt ag": 9, "dune gmbh": 3, "ember sa": 7, "fjord as": 5 };

function build() {
  const input = smallInput({ sensitivity: true, previous: { weights: {}, directions: {}, manual: Object.fromEntries(Object.entries(RETENTION).map(([k, v]) => [k, { Retention: v }])) } });
  return { input, ...buildWorkbook(input) };
}

/** The row of the first cell in column A of the sensitivity sheet equal to `text`. */
function rowOf(plan: WorkbookPlan, text: string): number {
  const sheet = plan.sheets.find((s) => s.name === SENS)!;
  const row = sheet.blocks[0].cells.findIndex((r) => r[0]?.value === text);
  expect(row, text).toBeGreaterThanOrEqual(0);
  return row;
}

const status = (e: PlanEngine) => e.value(SENS, SENSITIVITY.statusRow, 1);

describe("KAM Sensitivity sheet", () => {
  it("is built only when asked for", () => {
    expect(buildWorkbook(smallInput()).plan.sheets.map((s) => s.name)).not.toContain(SENS);
    expect(build().plan.sheets.map((s) => s.name)).toContain(SENS);
  });

  it("stamps the figures the KAM functions give on the scores the scoring sheet computes", () => {
    const { plan, input } = build();
    const e = new PlanEngine(plan);
    const first = SCORING.headerRow + 1;
    const count = input.table.rows.length;
    const scoreCols = plan.sheets[0].blocks[0].cells[SCORING.headerRow].map((c, j) => [c.value, j] as const).filter(([h]) => typeof h === "string" && h !== "Weighted score" && (h.endsWith(" score") || h.startsWith("Retention")));
    const rows = Array.from({ length: count }, (_, i) => scoreCols.map(([, j]) => e.value(NAMES.scoring, first + i, j)));
    // the analysed customers: a number on every criterion
    const complete = rows.map((r, i) => [r, i] as const).filter(([r]) => r.every((v) => typeof v === "number"));
    expect(complete.length).toBe(5); // Fjord has no NPS, Gale no Retention
    const block = complete.map(([r]) => r as number[]);
    const weights = [input.criteria.map((c) => c.weight)];
    const n = Number(e.value(NAMES.scoring, SCORING.keyCountRow, SCORING.valueCol));
    expect(n).toBe(3);
    const ranges = ks.WEIGHTRANGE(block, weights, n);
    const header = rowOf(plan, "Criterion");
    ranges.forEach((r, k) => {
      [3, 4, 5].forEach((col, c) => expect(e.value(SENS, header + 1 + k, col)).toBeCloseTo(r[c] as number, 12));
    });
    const probs = ks.KEYPROB(block, weights, n, SHEET_SPREAD, undefined, SHEET_SEED).map((r) => r[0]);
    const names = complete.map(([, i]) => input.table.rows[i][0]);
    const top = rowOf(plan, "Customer");
    for (let k = 0; k < names.length; k++) {
      const name = e.value(SENS, top + 1 + k, 0);
      expect(e.value(SENS, top + 1 + k, 2)).toBe(probs[names.indexOf(name as string)]);
    }
    // churn loss from the margins (revenue − cost) and churn probabilities of the table
    const margins = input.table.rows.map((r) => (r[1] as number) - (r[2] as number));
    const churn = input.table.rows.map((r) => r[3] as number);
    const d = lossDistribution(margins, churn);
    const conf = rowOf(plan, "Confidence");
    [0.9, 0.95, 0.99].forEach((c, k) => {
      expect(e.value(SENS, conf + 1 + k, 1)).toBe(d.quantile(c));
      expect(e.value(SENS, conf + 1 + k, 2)).toBeCloseTo(d.expectedShortfall(c), 6);
    });
    const total = margins.reduce((a, b) => a + b, 0);
    expect(e.value(SENS, rowOf(plan, "P(operating profit < 0 after churn)"), 1)).toBeCloseTo(d.probAbove(total - 500_000), 14);
    expect(e.value(SENS, rowOf(plan, "Expected loss (Σ margin × churn probability)"), 1)).toBeCloseTo(margins.reduce((s, m, i) => s + m * churn[i], 0), 6);
  });

  it("says up to date after the build and out of date after each kind of edit (HyperFormula)", () => {
    const { plan } = build();
    const edits: [string, (e: PlanEngine) => void][] = [
      ["a weight", (e) => e.setValue(NAMES.scoring, SCORING.weightRow, firstScoreCol(plan), 4)],
      ["a manual score", (e) => e.setValue(NAMES.scoring, SCORING.headerRow + 1, retentionCol(plan), 2)],
      ["a raw value behind a score", (e) => e.setValue(NAMES.scoring, SCORING.headerRow + 2, 1, 810_000)],
      ["a churn probability", (e) => e.setValue(NAMES.scoring, SCORING.headerRow + 3, colOf(plan, "Churn probability"), 0.06)],
      ["fixed costs", (e) => e.setValue(NAMES.loss, LOSS.fixedRow, LOSS.valueCol, 500_001)],
    ];
    for (const [what, edit] of edits) {
      const e = new PlanEngine(plan);
      expect(status(e), what).toBe(UP_TO_DATE);
      edit(e);
      expect(status(e), what).toBe(OUT_OF_DATE);
    }
  });

  it("LibreOffice recomputes the check to up to date, and to out of date after a weight was edited in the file", async () => {
    const { plan } = build();
    const edited: WorkbookPlan = structuredClone(plan);
    edited.sheets[0].blocks[0].cells[SCORING.weightRow][firstScoreCol(plan)].value = 4;
    const dir = mkdtempSync(join(tmpdir(), "kam-sens-"));
    const files = { fresh: join(dir, "fresh.xlsx"), edited: join(dir, "edited.xlsx") };
    writeFileSync(files.fresh, await planToXlsx(plan));
    writeFileSync(files.edited, await planToXlsx(edited));
    convertWithLibreOffice(Object.values(files), join(dir, "csv"), CSV_ALL_SHEETS, recalculatingProfile(join(dir, "profile")));
    const read = (name: string) => Papa.parse<string[]>(readFileSync(join(dir, "csv", `${name}-${SENS}.csv`), "utf8")).data;
    expect(read("fresh")[SENSITIVITY.statusRow][1]).toBe(UP_TO_DATE);
    expect(read("edited")[SENSITIVITY.statusRow][1]).toBe(OUT_OF_DATE);
  }, 120_000);
});

function colOf(plan: WorkbookPlan, header: string): number {
  return plan.sheets[0].blocks[0].cells[SCORING.headerRow].findIndex((c) => c.value === header);
}
const firstScoreCol = (plan: WorkbookPlan) => colOf(plan, "Revenue score");
const retentionCol = (plan: WorkbookPlan) => plan.sheets[0].blocks[0].cells[SCORING.headerRow].findIndex((c) => typeof c.value === "string" && c.value.startsWith("Retention"));
