/**
 * Close quarter in Excel (the fake host, formulas evaluated by HyperFormula): three quarters
 * closed in a row with the wizard rebuilding between them. The History sheet keeps every
 * snapshot across rebuilds; the scoring sheet's trends and the portfolio's movers and stability
 * equal the core's comparison of the snapshots; the bubble chart exists.
 */
import { describe, expect, it } from "vitest";
import { comparePeriods } from "../../src/core/history";
import { CloseQuarterError, closeQuarterInExcel, deletePeriodInExcel, deletePeriodReport, historyPeriodsInExcel, periodRowRuns } from "../../src/taskpane/close-quarter";
import { SCORING } from "../../src/workbook/build";
import { HISTORY_SHEET_NAME, readHistory } from "../../src/workbook/history-sheet";
import { PORTFOLIO } from "../../src/workbook/sheets/portfolio";
import { runWizard, workbookWithTable } from "../fake-excel/wizard-flow";

const HEADERS = ["Customer", "Revenue", "Cost", "NPS", "Tenure (years)"];
const BASE: [string, number, number, number, number][] = [
  ["Acme Corp", 1_200_000, 900_000, 40, 8],
  ["Birch Ltd", 800_000, 500_000, 10, 3],
  ["Cobalt AG", 800_000, 600_000, 55, 12],
  ["Dune GmbH", 300_000, 250_000, -20, 1],
  ["Ember SA", 150_000, 90_000, 35, 5],
  ["Fjord AS", 90_000, 80_000, 60, 2],
];
const SCALES = [
  [1, 1, 1, 1, 1, 1],
  [1, 0.2, 1, 20, 1, 1],
  [0.1, 0.2, 0.1, 20, 60, 1],
];

describe("Close quarter in Excel", () => {
  it("closes three quarters in a row; rebuilds keep the history; trends, movers and stability are right", async () => {
    const fake = workbookWithTable(HEADERS, BASE, { evaluate: true });
    const results = [];
    for (const [q, scale] of SCALES.entries()) {
      if (q > 0) BASE.forEach((row, i) => fake.type("Customers", `B${i + 2}`, row[1] * scale[i]));
      await runWizard(fake, { keyRule: { kind: "top", n: 2 } });
      const scoring = fake.sheetValues("KAM Scoring");
      const portfolio = fake.sheetValues("KAM Portfolio");
      if (q > 0) {
        const history = readHistory(fake.sheetValues(HISTORY_SHEET_NAME));
        expect(history).toHaveLength(q); // the rebuild kept every snapshot
        const header = scoring[SCORING.headerRow].map(String);
        expect(header).toContain("Trend");
        expect(portfolio[PORTFOLIO.lastPeriodRow][1]).toBe(`2026 Q${q}`);
      }
      const before = fake.stats.syncs;
      const r = await fake.run((ctx) => closeQuarterInExcel(ctx, { period: `2026 Q${q + 1}`, date: `2026-0${3 * (q + 1)}-30` }));
      expect(fake.stats.syncs - before).toBe(2);
      results.push(r);
      if (q > 0) {
        const history = readHistory(fake.sheetValues(HISTORY_SHEET_NAME));
        const c = comparePeriods(history[q - 1], history[q]);
        expect(r.comparison).toEqual(c);
        // The sheets as they stood before closing agree with the comparison of the snapshots.
        const header = scoring[SCORING.headerRow].map(String);
        const rows = scoring.slice(SCORING.headerRow + 1, SCORING.headerRow + 1 + BASE.length);
        expect(rows.map((row) => row[header.indexOf("Trend")])).toEqual(c.customers.map((x) => x.trend));
        expect(rows.map((row) => row[header.indexOf("Rank change")] ?? undefined)).toEqual(c.customers.map((x) => x.rankChange ?? ""));
        expect(portfolio[PORTFOLIO.enteredRow][1]).toBe(c.movers.entered.length);
        expect(portfolio[PORTFOLIO.leftRow][1]).toBe(c.movers.left.length);
        expect(portfolio[PORTFOLIO.stabilityRow][1] as number).toBeCloseTo(c.stability, 12);
        expect(c.movers.entered.length + c.movers.left.length).toBeGreaterThan(0);
      }
    }
    expect(results.map((r) => r.periods)).toEqual([1, 2, 3]);
    // After closing, the portfolio compares with the period just closed.
    expect(fake.cell("KAM Portfolio", `B${PORTFOLIO.comparedRow + 1}`).value).toBe("2026 Q3");
    const chart = fake.chartData("KAM Portfolio", 0);
    expect(chart.type).toBe("Bubble");
    // One point per row of the scoring ranges: the customers' revenues, then #N/A (not plotted) on the spare rows.
    const sizes = chart.series[0].sizes as unknown[];
    expect(sizes.slice(0, BASE.length).every((x) => typeof x === "number")).toBe(true);
    expect(sizes.filter((x) => typeof x === "number")).toHaveLength(BASE.length);
    expect(chart.axes?.value.crossesAt).toBe(5.5);
    expect(chart.series[0].labelFormulas?.[0]).toBe(`='KAM Portfolio'!$G$${PORTFOLIO.headerRow + 2}`);
  }, 120_000);

  it("refuses to close a quarter twice and says what to do without sheets", async () => {
    const fake = workbookWithTable(HEADERS, BASE, { evaluate: true });
    await expect(fake.run((ctx) => closeQuarterInExcel(ctx, { period: "2026 Q1", date: "2026-03-31" }))).rejects.toThrow(/build the sheets first/);
    await runWizard(fake);
    await fake.run((ctx) => closeQuarterInExcel(ctx, { period: "2026 Q1", date: "2026-03-31" }));
    const again = fake.run((ctx) => closeQuarterInExcel(ctx, { period: "2026 q1", date: "2026-04-01" }));
    await expect(again).rejects.toBeInstanceOf(CloseQuarterError);
    await expect(fake.run((ctx) => closeQuarterInExcel(ctx, { period: "2026 q1", date: "2026-04-01" }))).rejects.toThrow(/already in the history/);
  }, 120_000);

  it("refuses to close a quarter while the scoring sheet flags a problem, naming it; closes once it is fixed", async () => {
    const fake = workbookWithTable(HEADERS, BASE, { evaluate: true });
    await runWizard(fake);
    const header = fake.sheetValues("KAM Scoring")[SCORING.headerRow].map(String);
    const revenue = `${String.fromCharCode(65 + header.indexOf("Revenue"))}${SCORING.headerRow + 3}`;
    // A revenue pasted as text: ranks and key flags are #N/A; a snapshot would store "not a key account".
    await fake.typeAsUser("KAM Scoring", revenue, "'800000");
    const close = () => fake.run((ctx) => closeQuarterInExcel(ctx, { period: "2026 Q1", date: "2026-03-31" }));
    await expect(close()).rejects.toThrow(/flags a problem \(row 3: Number stored as text in [A-Z]+\d+/);
    expect(JSON.stringify(fake.snapshot())).not.toContain(HISTORY_SHEET_NAME); // nothing written
    await fake.typeAsUser("KAM Scoring", revenue, 800_000);
    const r = await close();
    expect(r.keyAccounts).toBeGreaterThan(0);
  }, 120_000);

  it("deletes one period's rows from History and nothing else; the portfolio's review cells leave a deleted period", async () => {
    const fake = workbookWithTable(HEADERS, BASE, { evaluate: true });
    for (const q of [1, 2, 3]) {
      await runWizard(fake, { keyRule: { kind: "top", n: 2 } });
      await fake.run((ctx) => closeQuarterInExcel(ctx, { period: `2026 Q${q}`, date: `2026-0${3 * q}-30` }));
    }
    const before = fake.sheetValues(HISTORY_SHEET_NAME);
    const periods = await fake.run((ctx) => historyPeriodsInExcel(ctx));
    expect(periods.map((p) => [p.period, p.customers])).toEqual([["2026 Q1", 6], ["2026 Q2", 6], ["2026 Q3", 6]]);

    // The middle period, typed in another case: its 6 rows go, every other cell stays as it was.
    const r = await fake.run((ctx) => deletePeriodInExcel(ctx, " 2026 q2"));
    expect(r).toMatchObject({ period: "2026 Q2", rowsRemoved: 6, periods: 2 });
    expect(r.compared).toBeUndefined(); // the portfolio named Q3: untouched
    expect(deletePeriodReport(r)).toBe("Deleted 2026 Q2: 6 rows removed from the history; the history holds 2 periods.");
    const after = fake.sheetValues(HISTORY_SHEET_NAME);
    expect(after).toEqual(before.filter((row) => row[0] !== "2026 Q2"));
    expect(readHistory(after).map((s) => s.period)).toEqual(["2026 Q1", "2026 Q3"]);

    // The latest period: the portfolio's cells move to the one before (same scheme).
    const last = await fake.run((ctx) => deletePeriodInExcel(ctx, "2026 Q3"));
    expect(last).toMatchObject({ last: "2026 Q1", compared: "2026 Q1", periods: 1 });
    expect(fake.cell("KAM Portfolio", `B${PORTFOLIO.lastPeriodRow + 1}`).value).toBe("2026 Q1");
    expect(fake.cell("KAM Portfolio", `B${PORTFOLIO.comparedRow + 1}`).value).toBe("2026 Q1");
    expect(deletePeriodReport(last)).toMatch(/Scores are now compared with 2026 Q1\.$/);

    // An unknown period: refused, naming what there is, and nothing changes.
    const kept = fake.sheetValues(HISTORY_SHEET_NAME);
    await expect(fake.run((ctx) => deletePeriodInExcel(ctx, "2025 Q4"))).rejects.toThrow(/2025 Q4 is not in the history; it holds 2026 Q1/);
    expect(fake.sheetValues(HISTORY_SHEET_NAME)).toEqual(kept);
  }, 180_000);

  it("finds a period's rows wherever a sort put them, bottom-up, compared as Excel compares text", () => {
    const grid = [[], [], [], ["Period"], ["Q1"], ["q2 "], ["Q1"], ["Q2"], ["Q2"], [null]];
    expect(periodRowRuns(grid, "Q2")).toEqual([[7, 2], [5, 1]]);
    expect(periodRowRuns(grid, "Q3")).toEqual([]);
  });

  it("says there is nothing to delete without a History sheet", async () => {
    const fake = workbookWithTable(HEADERS, BASE, { evaluate: true });
    expect(await fake.run((ctx) => historyPeriodsInExcel(ctx))).toEqual([]);
    await expect(fake.run((ctx) => deletePeriodInExcel(ctx, "2026 Q1"))).rejects.toThrow(/no period has been closed/);
  });
});
