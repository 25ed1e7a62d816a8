/**
 * The layout rules of the handout (issue 10) hold for the sheets the add-in writes through
 * Office.js too: on the fake host, every sheet of the demo workbook gets its print setup,
 * widths that hold its labels and figures, tall header rows, the scoring table and the charts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../../src/cli/read-table";
import { writePlan } from "../../src/taskpane/office-writer";
import { buildWorkbook } from "../../src/workbook/build";
import { guessRoles } from "../../src/workbook/customers";
import { defaultCriteria } from "../../src/workbook/defaults";
import { neededWidth } from "../../src/workbook/layout";
import { a1Range, type WorkbookPlan } from "../../src/workbook/plan";
import { FakeExcel } from "../fake-excel/fake-excel";
import { join } from "node:path";

const SAMPLE = join(__dirname, "../../assets/sample-customers.csv");
const points = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

describe("the demo workbook written through Office.js", () => {
  let plan: WorkbookPlan;
  let fake: FakeExcel;
  beforeAll(async () => {
    const table = readCsv(SAMPLE);
    const roles = guessRoles(table.headers);
    plan = buildWorkbook({ table, roles, criteria: defaultCriteria(table, roles), keyRule: { kind: "top", n: 10 }, fixedCosts: 2_000_000, builtOn: "2026-11-28" }).plan;
    fake = new FakeExcel();
    await fake.run((ctx) => writePlan(ctx, plan));
  }, 60_000);

  it("sets print setup on every sheet: one page wide, orientation, area, title rows, footer", () => {
    for (const sheet of plan.sheets) {
      const pl = fake.sheet(sheet.name).pageLayout;
      const pr = sheet.print!;
      expect(pr, sheet.name).toBeDefined();
      expect(pl.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: pr.pagesTall });
      expect(pr.pagesTall).toBe(sheet.name === "KAM Summary" ? 1 : 0);
      expect(pl.orientation).toBe(pr.landscape ? "Landscape" : "Portrait");
      expect(pl.printArea).toBe(a1Range(pr.area));
      expect(pl.titleRows).toBe(pr.titleRows ? `$${pr.titleRows.row + 1}:$${pr.titleRows.row + pr.titleRows.rows}` : null);
      expect(pl.footer).toEqual({ left: "&A", center: "Page &P of &N", right: "Built 2026-11-28" });
    }
  });

  it("gives every column the width its unwrapped labels and figures need, and wrapped header rows their height", () => {
    for (const sheet of plan.sheets) {
      const s = fake.sheet(sheet.name);
      const hidden = (r: number) => (sheet.hiddenRows ?? []).some((h) => r >= h.row && r < h.row + h.rows);
      for (const b of sheet.blocks) {
        b.cells.forEach((row, i) =>
          row.forEach((c, j) => {
            const r = b.row + i;
            const col = b.col + j;
            const right = row[j + 1];
            const spills = typeof (c.formula !== undefined ? c.result : c.value) === "string" && !right?.formula && (right?.value === undefined || right.value === null || right.value === "");
            if (hidden(r) || c.style === "header" || spills || (c.formula === undefined && (c.value === undefined || c.value === null || c.value === ""))) return;
            expect(s.colWidths.get(col) ?? 0, `${sheet.name} row ${r + 1} col ${col + 1}`).toBeGreaterThanOrEqual(points(Math.min(neededWidth(c), 60)) - 0.01);
          }),
        );
      }
      for (const h of sheet.rowHeights ?? []) expect(s.rowHeights.get(h.row)).toBe(h.height);
    }
    const scoring = plan.sheets.find((s) => s.name === "KAM Scoring")!;
    const header = scoring.tables![0].row;
    expect(fake.sheet("KAM Scoring").rowHeights.get(header)).toBeGreaterThanOrEqual(30);
  });

  it("puts the summary first, with its two charts", () => {
    expect(fake.sheetNames()).toEqual(["Sheet1", "KAM Summary", "KAM Scoring", "KAM Loss Scenarios", "KAM Concentration", "KAM Portfolio"]);
    expect(fake.sheet("KAM Summary").charts.map((c) => c.title)).toEqual([
      "Share of revenue and margin lost if the k largest customers leave",
      "Pareto: cumulative share of revenue of the largest customers",
    ]);
  });

  it("writes the scoring table and the Pareto and loss charts", () => {
    expect(fake.model.tables.map((t) => t.name)).toContain("KAMScoring");
    const charts = plan.sheets.flatMap((s) => fake.sheet(s.name).charts.map((c) => c.title));
    expect(charts).toEqual(expect.arrayContaining([expect.stringMatching(/^Pareto/), expect.stringMatching(/^Cumulative revenue lost/)]));
  });
});

describe("the summary's review chart written through Office.js", () => {
  it("draws the key-set size as columns and the stability as a line on the secondary axis; the portfolio's chart plots its hidden columns", async () => {
    const { smallInput } = await import("../workbook/fixtures");
    const { takeSnapshot } = await import("../../src/core/history");
    const { buildScheme } = await import("../../src/workbook/sheets/portfolio");
    const input = smallInput();
    const scheme = buildScheme(input.criteria);
    const rows = ["Acme Corp", "Dune GmbH", "Gone GmbH"].map((customer, i) => ({ customer, revenue: 100, scores: scheme.criteria.map(() => undefined), weightedScore: 9 - i, rank: i + 1, key: true }));
    const plan = buildWorkbook({ ...input, history: [takeSnapshot("2026 Q3", "2026-09-30", scheme, rows)], writeHistory: true }).plan;
    const fake = new FakeExcel();
    await fake.run((ctx) => writePlan(ctx, plan));
    const chart = fake.sheet("KAM Summary").charts.find((c) => c.title === "Key accounts and stability of the key set, by period")!;
    expect(chart.type).toBe("ColumnClustered");
    expect(chart.series.map((s) => [s.name, s.chartType, s.axisGroup])).toEqual([
      ["Key accounts", undefined, undefined],
      ["Stability (right axis)", "Line", "Secondary"],
    ]);
    expect(fake.sheet("KAM Portfolio").charts[0].plotVisibleOnly).toBe(false);
    expect(fake.sheet("KAM Summary").charts.every((c) => c.plotVisibleOnly === undefined)).toBe(true);
  }, 60_000);
});
