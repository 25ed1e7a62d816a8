/**
 * The KAM Portfolio sheet, evaluated by HyperFormula, gives the axes KAM.WSCORE gives on each
 * axis's criteria and the boxes KAM.PORTFOLIO gives; counts and revenue per box follow.
 */
import { describe, expect, it } from "vitest";
import * as kam from "../../src/core/kam";
import { PORTFOLIO as PORTFOLIO_FN } from "../../src/core/kam-review";
import { QUADRANTS } from "../../src/core/portfolio";
import { buildWorkbook, SCORING } from "../../src/workbook/build";
import { CHART_HEADER, PORTFOLIO, portfolioSettings, readPortfolioInputs } from "../../src/workbook/sheets/portfolio";
import { PlanEngine } from "../fake-excel/plan-engine";
import { smallInput } from "./fixtures";

const P = PORTFOLIO;

describe("KAM Portfolio sheet", () => {
  const input = smallInput();
  // Revenue, NPS, Tenure, Cost, Retention → attractiveness, strength, strength, attractiveness, strength
  const { plan } = buildWorkbook(input);
  const engine = new PlanEngine(plan);
  const sheet = plan.sheets.find((s) => s.name === "KAM Portfolio")!;
  const n = input.table.rows.length;
  const first = P.headerRow + 1;
  const get = (col: number) => engine.column("KAM Portfolio", col, first, n);
  const scoring = plan.sheets[0];
  const header = scoring.blocks[0].cells[SCORING.headerRow].map((c) => c.value);
  const scoringCol = (h: string) => engine.column("KAM Scoring", header.indexOf(h), SCORING.headerRow + 1, n);
  const scoreHeaders = ["Revenue score", "NPS score", "Tenure (years) score", "Cost score", "Retention (1–10)"];

  it("is built after the scoring sheet, with the default split of the criteria", () => {
    expect(sheet).toBeDefined();
    const weights = portfolioSettings(input.criteria, undefined, undefined).weights;
    expect(weights.map((w) => [w.attractiveness, w.strength])).toEqual([
      [3, 0],
      [0, 1],
      [0, 1],
      [1, 0],
      [0, 2],
    ]);
  });

  it("follows the scoring sheet row by row (names, revenue, key flags)", () => {
    expect(get(P.nameCol)).toEqual(scoringCol("Customer"));
    expect(get(P.revenueCol)).toEqual(scoringCol("Revenue"));
    expect(get(P.keyCol)).toEqual(scoringCol("Key account"));
  });

  it("computes each axis as KAM.WSCORE over its criteria, and each box as KAM.PORTFOLIO", () => {
    const scores = scoreHeaders.map(scoringCol);
    const matrix = (cols: number[]) => Array.from({ length: n }, (_, i) => cols.map((j) => scores[j][i]));
    const wscore = (cols: number[], w: number[]) => kam.WSCORE(matrix(cols), [w], "skip").map((r) => r[0]);
    const att = wscore([0, 3], [3, 1]);
    // Retention is typed (blank here): strength skips it, as the weighted score does
    const str = wscore([1, 2, 4], [1, 1, 2]);
    const a = get(P.attractivenessCol);
    const s = get(P.strengthCol);
    a.forEach((v, i) => expect(v as number, `attractiveness ${i}`).toBeCloseTo(att[i] as number, 9));
    s.forEach((v, i) => expect(v as number, `strength ${i}`).toBeCloseTo(str[i] as number, 9));
    const boxes = PORTFOLIO_FN(a.map((x) => [x]) as never, s.map((x) => [x]) as never).map((r) => r[0]);
    expect(get(P.quadrantCol)).toEqual(boxes);
    expect(new Set(boxes).size).toBeGreaterThan(1);
  });

  it("counts customers and revenue per box, with the strategy in words", () => {
    const boxes = get(P.quadrantCol);
    const revenue = get(P.revenueCol) as number[];
    QUADRANTS.forEach((q, i) => {
      const r = P.firstQuadrantRow + i;
      expect(engine.value("KAM Portfolio", r, 0)).toBe(q);
      expect(engine.value("KAM Portfolio", r, 1)).toBe(boxes.filter((b) => b === q).length);
      expect(engine.value("KAM Portfolio", r, 2)).toBeCloseTo(revenue.filter((_, k) => boxes[k] === q).reduce((x, y) => x + y, 0), 6);
      expect(String(engine.value("KAM Portfolio", r, 4))).toMatch(/Invest|Maintain|Serve/);
    });
    expect(engine.value("KAM Portfolio", P.unplacedRow, 1)).toBe(0);
  });

  it("moves a customer between boxes when a cut changes, at exactly the cut counting as high", () => {
    const a = get(P.attractivenessCol) as number[];
    const i = 0;
    engine.setValue("KAM Portfolio", P.attractivenessCutRow, 1, a[i]);
    expect(["Strategic", "Star"]).toContain(engine.value("KAM Portfolio", first + i, P.quadrantCol));
    engine.setValue("KAM Portfolio", P.attractivenessCutRow, 1, a[i] + 1e-3);
    expect(["Status", "Streamline"]).toContain(engine.value("KAM Portfolio", first + i, P.quadrantCol));
    engine.setValue("KAM Portfolio", P.attractivenessCutRow, 1, 5.5);
  });

  it("follows a sort of the scoring sheet: row k shows the customer now in row k", () => {
    const e = new PlanEngine(plan);
    const nameCol = header.indexOf("Customer");
    e.setValue("KAM Scoring", SCORING.headerRow + 1, nameCol, "Zulu plc");
    expect(e.value("KAM Portfolio", first, P.nameCol)).toBe("Zulu plc");
  });

  it("plans a bubble chart over every row: x strength, y attractiveness, size revenue, key accounts labelled, lines at the cuts", () => {
    const ch = sheet.charts!.find((c) => c.kind === "bubble")!;
    // One row per row of the scoring ranges (the customers and the spare rows under them).
    const rows = sheet.blocks[0].cells.length - first;
    expect(rows).toBeGreaterThan(n + 40);
    const chartCol = sheet.blocks[0].cells[P.headerRow].findIndex((c) => c.value === CHART_HEADER[0]);
    expect(chartCol).toBeGreaterThan(P.firstScoreCol);
    expect(ch.data).toEqual({ row: P.headerRow, col: chartCol, rows: rows + 1, cols: 1 });
    expect(ch.series[0].values).toEqual({ row: first, col: chartCol + 1, rows, cols: 1 });
    expect(ch.bubbleSizes).toEqual({ row: first, col: chartCol + 2, rows, cols: 1 });
    expect(ch.pointLabels).toEqual({ row: first, col: P.labelCol, rows, cols: 1 });
    expect(ch.referenceLines?.x?.value).toBe(5.5);
    // The chart's columns repeat the customers' strength, attractiveness and revenue, and are
    // #N/A (not plotted) on the spare rows: a text x value would renumber the points in Excel.
    const plotted = (c: number) => engine.column("KAM Portfolio", chartCol + c, first, rows);
    expect(plotted(0).slice(0, n)).toEqual(get(P.strengthCol));
    expect(plotted(1).slice(0, n)).toEqual(get(P.attractivenessCol));
    expect(plotted(2).slice(0, n)).toEqual(get(P.revenueCol));
    for (const c of [0, 1, 2]) expect(new Set(plotted(c).slice(n).map(String))).toEqual(new Set(["#N/A"]));
    const labels = get(P.labelCol);
    const keys = get(P.keyCol);
    labels.forEach((l, i) => expect(l).toBe(keys[i] === "Key account" ? get(P.nameCol)[i] : ""));
  });

  it("keeps the cuts and axis weights typed on the sheet at the next build", () => {
    const grid = sheet.blocks[0].cells.map((r) => r.map((c) => (c.value === undefined ? null : c.value)));
    grid[P.attractivenessCutRow][1] = 6;
    grid[P.strengthWeightRow][P.firstScoreCol] = 0.5; // Revenue now also on strength
    const typed = readPortfolioInputs(grid);
    const again = buildWorkbook({ ...input, previous: { weights: {}, directions: {}, manual: {}, portfolio: typed } });
    const cells = again.plan.sheets.find((s) => s.name === "KAM Portfolio")!.blocks[0].cells;
    expect(cells[P.attractivenessCutRow][1].value).toBe(6);
    expect(cells[P.strengthWeightRow][P.firstScoreCol].value).toBe(0.5);
    expect(cells[P.attractivenessWeightRow][P.firstScoreCol].value).toBe(3);
  });
});
