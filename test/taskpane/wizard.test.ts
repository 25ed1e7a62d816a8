/**
 * The wizard end to end against the fake Excel host: the sample customer table as an Excel
 * table, hostile tables, rebuilds that keep what the user typed, a sheet of the user's that
 * carries our name, and failures in the middle of a build.
 */
import { PORTFOLIO } from "../../src/workbook/sheets/portfolio";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../../src/cli/read-table";
import * as kam from "../../src/core/kam";
import { BUILT_BY_KEY, BUILT_BY_VALUE } from "../../src/taskpane/office-writer";
import { CONC, KEY_LABEL, LOSS, SCORING } from "../../src/workbook/build";
import type { Scalar } from "../../src/workbook/plan";
import { COLOR_SCALE } from "../../src/workbook/styles";
import { smallTable } from "../workbook/fixtures";
import { FakeExcel } from "../fake-excel/fake-excel";
import { column, runWizard, workbookWithTable, type WizardRun } from "../fake-excel/wizard-flow";

const SAMPLE = join(__dirname, "../../assets/sample-customers.csv");
const col = (xs: unknown[]) => xs.map((x) => [x]);
const FIRST = SCORING.headerRow + 1;

/** Header cells of the scoring table, by text. */
function scoringColumns(fake: FakeExcel, sheet = "KAM Scoring"): Map<string, number> {
  const header = fake.sheetValues(sheet)[SCORING.headerRow];
  return new Map(header.map((h, i) => [String(h), i]));
}

describe("(a) the sample customers, from an Excel table", () => {
  const csv = readCsv(SAMPLE);
  let fake: FakeExcel;
  let run: WizardRun;
  let scoring: Scalar[][];
  let conc: Scalar[][];
  let loss: Scalar[][];
  let cols: Map<string, number>;

  beforeAll(async () => {
    fake = workbookWithTable(csv.headers, csv.rows);
    run = await runWizard(fake, { fixedCosts: 2_000_000 });
    scoring = fake.sheetValues("KAM Scoring");
    conc = fake.sheetValues("KAM Concentration");
    loss = fake.sheetValues("KAM Loss Scenarios");
    cols = scoringColumns(fake);
  });

  it("lists the table (and the selection), reads it back exactly, builds the three sheets", () => {
    expect(run.sources.map((s) => s.label)).toEqual(["Customers (Customers!A1:M61), 60 rows", "Current selection (Sheet1!A1), 0 rows"]);
    expect(run.table.headers).toEqual(csv.headers);
    expect(run.table.rows).toEqual(csv.rows.map((r) => r.map((v) => (v === undefined ? null : v))));
    expect(run.table.origin).toEqual({ row: 0, col: 0 });
    expect(fake.sheetNames()).toEqual(["Sheet1", "Customers", "KAM Summary", "KAM Scoring", "KAM Loss Scenarios", "KAM Concentration", "KAM Portfolio"]);
    expect(run.result.sheetNames).toEqual({ scoring: "KAM Scoring", loss: "KAM Loss Scenarios", concentration: "KAM Concentration", portfolio: "KAM Portfolio", sensitivity: "KAM Sensitivity", summary: "KAM Summary" });
    expect(run.result.summary.customers).toBe(60);
    expect(run.result.rebuilt).toBe(false);
    expect(fake.activeSheet).toBe("KAM Scoring");
  });

  it("costs a handful of syncs: 2 to list, 1 to read, 3 to build", () => {
    expect(run.syncs).toEqual({ list: 2, read: 1, build: 3 });
    expect(run.result.stats.syncs).toBe(3);
    expect(fake.stats.syncs).toBeLessThanOrEqual(12);
    expect(fake.stats.largestBytes).toBeLessThan(1_000_000);
  });

  it("reports progress from 0 to 1", () => {
    const fractions = run.progress.map(([, f]) => f);
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it("the concentration sheet, computed by the engine, equals KAM.HHI, TOPSHARE, GINI, PARETO and the summary", () => {
    const revenues = column(scoring, cols.get("Revenue")!, FIRST, 60) as number[];
    expect(revenues).toEqual(csv.rows.map((r) => r[csv.headers.indexOf("Revenue")]));
    const v = (row: number) => conc[row][1] as number;
    expect(v(CONC.countRow)).toBe(60);
    expect(v(CONC.hhiRow)).toBeCloseTo(kam.HHI(col(revenues)), 8);
    expect(v(CONC.hhiRow)).toBeCloseTo(run.result.summary.hhi, 8);
    expect(conc[CONC.levelRow][1]).toBe(run.result.summary.hhiLevel);
    expect(v(CONC.giniRow)).toBeCloseTo(kam.GINI(col(revenues)), 12);
    expect(v(CONC.paretoRow)).toBe(kam.PARETO(col(revenues)));
    expect(v(CONC.effectiveRow)).toBeCloseTo(kam.EFFECTIVEN(col(revenues)), 9);
    for (const [row, k] of CONC.cr) expect(v(row)).toBeCloseTo(kam.TOPSHARE(col(revenues), k), 12);
    expect(v(CONC.disclosureRow)).toBe(run.result.summary.disclosure.length);
  });

  it("the scoring sheet scores like KAM.SCALE and KAM.WSCORE, and flags the summary's key accounts", () => {
    const names = column(scoring, 0, FIRST, 60);
    expect(names).toEqual(csv.rows.map((r) => r[csv.headers.indexOf("Customer")]));
    for (const c of run.input.criteria.filter((c) => c.kind === "data")) {
      const expected = kam.SCALE(col(csv.rows.map((r) => r[c.column!])), 1, 10, c.direction, c.method).map((r) => r[0]);
      const actual = column(scoring, cols.get(`${c.label} score`)!, FIRST, 60);
      actual.forEach((x, i) => (expected[i] === "" ? expect(x).toBe("") : expect(x as number).toBeCloseTo(expected[i] as number, 9)));
    }
    const headers = run.input.criteria.map((c) => (c.kind === "data" ? `${c.label} score` : `${c.label} (1–10)`));
    const matrix = Array.from({ length: 60 }, (_, i) => headers.map((h) => scoring[FIRST + i][cols.get(h)!] ?? ""));
    const expected = kam.WSCORE(matrix, [run.input.criteria.map((c) => c.weight)], "skip").map((r) => r[0] as number);
    column(scoring, cols.get("Weighted score")!, FIRST, 60).forEach((t, i) => expect(t as number).toBeCloseTo(expected[i], 9));
    const flagged = names.filter((_, i) => scoring[FIRST + i][cols.get("Key account")!] === KEY_LABEL);
    expect([...flagged].sort()).toEqual([...run.result.summary.keyAccounts].sort());
    expect(scoring[SCORING.keyCountRow][1]).toBe(10);
  });

  it("the loss sheet's worst cases equal the summary's top-1 and top-3 losses", () => {
    const at = (k: number, c: number) => loss[LOSS.byRevenueTitleRow + 1 + k][c] as number;
    expect(at(1, 2)).toBeCloseTo(run.result.summary.top1Loss.revenue, 6);
    expect(at(1, 3)).toBeCloseTo(run.result.summary.top1Loss.share, 12);
    expect(at(3, 2)).toBeCloseTo(run.result.summary.top3Loss.revenue, 6);
    expect(at(3, 4)).toBeCloseTo(run.result.summary.top3Loss.margin!, 6);
    expect(loss[LOSS.fixedRow][1]).toBe(2_000_000);
  });

  it("formats, styles, the table, colour scales, charts, tab colours and our custom property are in place", () => {
    const title = fake.cell("KAM Scoring", "A1");
    expect(title.style).toMatchObject({ bold: true, size: 16, color: "#0F4C4C" });
    const header = fake.cell("KAM Scoring", `B${SCORING.headerRow + 1}`);
    expect(header.style).toMatchObject({ bold: true, color: "#FFFFFF", fill: "#0F6C6C", wrap: true });
    // Revenue and its share, found by header (customer, key flag, rank and score come first).
    expect(fake.cellAt(fake.sheet("KAM Scoring"), FIRST, cols.get("Revenue")!).numberFormat).toBe("#,##0");
    expect(fake.cellAt(fake.sheet("KAM Scoring"), FIRST + 59, cols.get("Revenue share")!).numberFormat).toBe("0.0%");
    const manual = cols.get("Strategic fit (1–10)")!;
    expect(fake.cellAt(fake.sheet("KAM Scoring"), FIRST + 59, manual).style).toMatchObject({ fill: "#FFF2CC" });
    const s = fake.sheet("KAM Scoring");
    // Header rows and customer, key flag, rank and weighted score frozen.
    expect(s.freeze).toEqual({ rows: SCORING.headerRow + 1, cols: 4 });
    expect([...cols.keys()].slice(0, 4)).toEqual(["Customer", "Key account", "Rank", "Weighted score"]);
    // Grouped (an outline the user can open), not only hidden.
    expect([...s.outlineRows.keys()].sort((a, b) => a - b)).toEqual([SCORING.minRow, SCORING.maxRow, SCORING.meanRow, SCORING.sdRow, SCORING.countRow]);
    // The statistics rows are hidden, so the frozen rows take 5 rows less of the screen.
    expect([...s.hiddenRows].sort((a, b) => a - b)).toEqual([SCORING.minRow, SCORING.maxRow, SCORING.meanRow, SCORING.sdRow, SCORING.countRow]);
    expect(s.colWidths.get(0)).toBeGreaterThan(100);
    expect(s.tabColor).toBe("#0F6C6C");
    expect(fake.model.tables.map((t) => [t.name, t.sheet.name, t.box])).toEqual([
      ["Customers", "Customers", { r0: 0, c0: 0, rows: 61, cols: 13 }],
      ["KAMScoring", "KAM Scoring", { r0: SCORING.headerRow, c0: 0, rows: 61, cols: cols.size }],
      // The customers' columns, up to the gap before the chart's columns.
      ["KAMPortfolio", "KAM Portfolio", { r0: PORTFOLIO.headerRow, c0: 0, rows: 61, cols: fake.sheetValues("KAM Portfolio")[PORTFOLIO.headerRow].findIndex((h) => h === "" || h === null || h === undefined) }],
    ]);
    expect(s.conditionalFormats).toHaveLength(2);
    expect(s.conditionalFormats[0].criteria).toEqual({
      minimum: { type: "LowestValue", color: COLOR_SCALE.low },
      midpoint: { formula: "50", type: "Percentile", color: COLOR_SCALE.mid },
      maximum: { type: "HighestValue", color: COLOR_SCALE.high },
    });
    for (const name of fake.sheetNames().filter((n) => n.startsWith("KAM "))) {
      expect(fake.sheet(name).props.get(BUILT_BY_KEY.toLowerCase())?.value).toBe(BUILT_BY_VALUE);
    }
    const pareto = fake.chartData("KAM Concentration");
    expect(pareto.type).toBe("Line");
    expect(pareto.series[0].categories).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(pareto.series[0].values).toEqual(column(conc, 2, CONC.chartTitleRow + 2, 20));
    expect(pareto.series[0].values.at(-1) as number).toBeCloseTo(kam.TOPSHARE(col(column(scoring, cols.get("Revenue")!, FIRST, 60)), 20), 12);
    const lossChart = fake.chartData("KAM Loss Scenarios");
    expect(lossChart.series[0].values[0] as number).toBeCloseTo(run.result.summary.top1Loss.revenue, 6);
    expect(lossChart.xTitle).toBe("Customers lost (k)");
  });
});

describe("(b) hostile tables", () => {
  const HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@x", "<img src=x onerror=alert(1)>", "TRUE", "1,234", "2024-01-05", "'quoted"];
  const headers = ["Customer", "Revenue", "Cost", "Region"];
  const rows: (Scalar | { formula: string })[][] = [
    ...HOSTILE.map((name, i) => [name, 1000 - 50 * i, 300, HOSTILE[(i + 3) % HOSTILE.length]]),
    ["Number As Text", "1,234", 100, "x"],
    ["Acme Two", 300, 100, "x"],
    ["  acme two ", 200, 100, "x"],
    [null, null, null, null],
    [null, 100, 50, "y"],
    ["Error Co", { formula: "=NA()" }, 10, "z"],
    ["Div Co", 50, { formula: "=1/0" }, "z"],
  ];

  it("reads blanks as null, error cells as {code}, numbers stored as text as text", async () => {
    const fake = workbookWithTable(headers, rows);
    const run = await runWizard(fake);
    const t = run.table;
    expect(t.rows[HOSTILE.length]).toEqual(["Number As Text", "1,234", 100, "x"]);
    expect(t.rows[HOSTILE.length + 3]).toEqual([null, null, null, null]);
    expect(t.rows[HOSTILE.length + 5][1]).toEqual({ code: "#N/A" });
    expect(t.rows[HOSTILE.length + 6][2]).toEqual({ code: "#DIV/0!" });
    expect(t.rows.slice(0, HOSTILE.length).map((r) => r[0])).toEqual(HOSTILE);
  });

  it("leaves out the bad rows with reasons and writes formula-like names and regions as text", async () => {
    const fake = workbookWithTable(headers, rows);
    const run = await runWizard(fake);
    const { summary } = run.result;
    expect(summary.customers).toBe(HOSTILE.length + 1);
    expect(summary.excluded.map((e) => e.reason)).toEqual([
      'Customers!B11: Revenue is text "1,234", expected a number (a number stored as text: convert it to a number)',
      'Customers!A13: "acme two" already appears at Customers!A12',
      "Customers!A15: the customer name is blank",
      "Customers!B16 holds the error #N/A",
      "Customers!C17 holds the error #DIV/0!",
    ]);
    const warning = fake.cell("KAM Scoring", "A3");
    // A live note (a formula: it also flags customers not counted and numbers stored as text);
    // the reasons, hostile text included, are a string inside it.
    expect(typeof warning.value).toBe("string");
    expect(String(warning.value)).toMatch(/^5 rows of the source left out of every figure: Customers!B11/);
    // The other two sheets say so too: their totals leave those rows out.
    for (const sheet of ["KAM Loss Scenarios", "KAM Concentration"]) expect(fake.cell(sheet, "A3").value).toBe(warning.value);
    const regionCol = scoringColumns(fake).get("Region")!;
    HOSTILE.forEach((name, i) => {
      const cell = fake.cellAt(fake.sheet("KAM Scoring"), FIRST + i, 0);
      expect(cell, name).toMatchObject({ value: name, type: "String", isText: true, formula: undefined });
      const region = fake.cellAt(fake.sheet("KAM Scoring"), FIRST + i, regionCol);
      expect(region).toMatchObject({ value: HOSTILE[(i + 3) % HOSTILE.length], isText: true });
      // The helper columns copy the names by formula; the result is the same text.
      expect(fake.cellAt(fake.sheet("KAM Concentration"), CONC.totalRow + 1 + i, 4).value).toBe(name);
    });
    // The names reach the loss table through INDEX/MATCH as text too.
    const lossNames = column(fake.sheetValues("KAM Loss Scenarios"), 1, LOSS.byRevenueTitleRow + 2, 5);
    expect(lossNames).toEqual(HOSTILE.slice(0, 5));
  });

  it("0 customers: builds empty sheets and says why", async () => {
    const fake = workbookWithTable(headers, [
      ["A", "n/a", 1, "x"],
      ["B", "1,000", 1, "x"],
    ]);
    const run = await runWizard(fake);
    expect(run.result.summary.customers).toBe(0);
    expect(run.result.summary.warnings).toContain("No customer rows could be used: the sheets are empty.");
    expect(fake.sheetNames()).toContain("KAM Scoring");
    expect(fake.cell("KAM Scoring", "A3").value).toMatch(/^2 rows of the source left out/);
    expect(fake.cell("KAM Concentration", `B${CONC.countRow + 1}`).value).toBe(0);
    expect(fake.model.tables.map((t) => t.name)).toEqual(["Customers"]);
  });

  it("1 customer: HHI 10,000, one key account, losing it loses everything", async () => {
    const fake = workbookWithTable(headers, [["Solo Ltd", 5000, 2000, "North"]]);
    const run = await runWizard(fake);
    const { summary } = run.result;
    expect(summary.customers).toBe(1);
    expect(summary.keyAccounts).toEqual(["Solo Ltd"]);
    expect(summary.top1Loss.share).toBe(1);
    expect(fake.cell("KAM Concentration", `B${CONC.hhiRow + 1}`).value).toBeCloseTo(10_000, 9);
    expect(fake.cell("KAM Scoring", `A${FIRST + 1}`).value).toBe("Solo Ltd");
    expect(fake.cell("KAM Scoring", `B${SCORING.keyCountRow + 1}`).value).toBe(1);
    // One customer: Gini 0 (R's ineq gives 0 for n = 1), Pareto 1, class A, CR1 100%.
    const c = (row: number) => fake.cell("KAM Concentration", `B${row + 1}`).value;
    expect([c(CONC.giniRow), c(CONC.paretoRow), c(CONC.countARow), c(CONC.countBRow), c(CONC.countCRow), c(CONC.cr[0][0])]).toEqual([0, 1, 1, 0, 0, 1]);
  });
});

describe("(c) rebuild keeps what the user typed", () => {
  it("a manual score and a weight typed in the sheet survive a rebuild, and the figures follow them", async () => {
    const csv = readCsv(SAMPLE);
    const fake = workbookWithTable(csv.headers, csv.rows);
    const first = await runWizard(fake);
    const cols = scoringColumns(fake);
    const manual = cols.get("Strategic fit (1–10)")!;
    const npsScore = cols.get("NPS score")!;
    const row = FIRST + csv.rows.findIndex((r) => r[1] === "Juniper Energy Inc");
    const sheet = fake.sheet("KAM Scoring");
    expect(fake.cellAt(sheet, row, manual).value).toBe(7);
    fake.type("KAM Scoring", `${colName(manual)}${row + 1}`, 2);
    fake.type("KAM Scoring", `${colName(npsScore)}${SCORING.weightRow + 1}`, 25);
    fake.type("KAM Loss Scenarios", `B${LOSS.fixedRow + 1}`, 1234567);
    const idsBefore = fake.model.sheets.map((s) => s.id);

    const second = await runWizard(fake);
    expect(second.result.rebuilt).toBe(true);
    expect(second.syncs.build).toBe(5); // list+probe, read previous, write, commit
    const after = fake.sheet("KAM Scoring");
    expect(fake.cellAt(after, row, manual).value).toBe(2);
    expect(fake.cellAt(after, SCORING.weightRow, npsScore).value).toBe(25);
    expect(fake.cell("KAM Loss Scenarios", `B${LOSS.fixedRow + 1}`).value).toBe(1234567);
    // Same names, same places; the old sheets are gone, the table has its name back.
    expect(fake.sheetNames()).toEqual(["Sheet1", "Customers", "KAM Summary", "KAM Scoring", "KAM Loss Scenarios", "KAM Concentration", "KAM Portfolio"]);
    // Rewritten in place: the same sheet objects, so references to them from elsewhere hold.
    expect(fake.model.sheets.map((s) => s.id)).toEqual(idsBefore);
    expect(fake.model.tables.map((t) => t.name)).toEqual(["Customers", "KAMScoring", "KAMPortfolio"]);
    // The summary was computed with the kept weight, and agrees with the sheet's flags.
    expect(second.result.summary.keyAccounts).not.toEqual(first.result.summary.keyAccounts);
    const values = fake.sheetValues("KAM Scoring");
    const flagged = column(values, 0, FIRST, 60).filter((_, i) => values[FIRST + i][cols.get("Key account")!] === KEY_LABEL);
    expect([...flagged].sort()).toEqual([...second.result.summary.keyAccounts].sort());
  });

  it("reading a large previous sheet in parts (only the name and manual-score columns) keeps the same inputs", async () => {
    const csv = readCsv(SAMPLE);
    const edited = async () => {
      const fake = workbookWithTable(csv.headers, csv.rows);
      await runWizard(fake);
      const cols = scoringColumns(fake);
      fake.type("KAM Scoring", `${colName(cols.get("Brand strength (1–10)")!)}${FIRST + 5}`, 1);
      fake.type("KAM Scoring", `${colName(cols.get("Strategic fit (1–10)")!)}${FIRST + 60}`, 10);
      fake.type("KAM Scoring", `${colName(cols.get("Tenure (years) score")!)}${SCORING.weightRow + 1}`, 7);
      fake.type("KAM Scoring", `${colName(cols.get("Tenure (years) score")!)}${SCORING.directionRow + 1}`, "cost");
      fake.type("KAM Loss Scenarios", `B${LOSS.monthsRow + 1}`, 18);
      return fake;
    };
    const whole = await edited();
    const parts = await edited();
    const a = await runWizard(whole);
    const b = await runWizard(parts, { options: { readChunkCells: 300 } });
    expect(b.syncs.build).toBeGreaterThan(a.syncs.build);
    expect(b.result.summary).toEqual(a.result.summary);
    for (const sheet of ["KAM Scoring", "KAM Loss Scenarios", "KAM Concentration"]) expect(parts.sheetValues(sheet)).toEqual(whole.sheetValues(sheet));
    const cols = scoringColumns(parts);
    expect(parts.cellAt(parts.sheet("KAM Scoring"), FIRST + 59, cols.get("Strategic fit (1–10)")!).value).toBe(10);
    expect(parts.cell("KAM Scoring", `${colName(cols.get("Tenure (years) score")!)}${SCORING.directionRow + 1}`).value).toBe("cost");
    expect(parts.cell("KAM Loss Scenarios", `B${LOSS.monthsRow + 1}`).value).toBe(18);
  });

  it("keeps the user's own formulas that refer to the KAM sheets working, with the new figures", async () => {
    const t = smallTable();
    const fake = workbookWithTable(t.headers, t.rows);
    await runWizard(fake);
    const hhi = `'KAM Concentration'!B${CONC.hhiRow + 1}`;
    const keyCount = `'KAM Scoring'!B${SCORING.keyCountRow + 1}`;
    const revenueLost = `'KAM Loss Scenarios'!C${LOSS.byRevenueTitleRow + 3}`;
    fake.addSheet("Dashboard", [[{ formula: `=${hhi}` }, { formula: `=${keyCount}` }, { formula: `=${revenueLost}` }]]);
    expect(fake.cell("Dashboard", "B1").value).toBe(7); // top 10 of 7 customers: all of them
    // The largest customer grows from 1.2M to 5M: the HHI and the worst case change.
    fake.type("Customers", "B2", 5_000_000);
    await runWizard(fake);
    expect(fake.cell("Dashboard", "A1").formula).toBe(`=${hhi}`);
    expect(fake.cell("Dashboard", "B1").formula).toBe(`=${keyCount}`);
    expect(fake.cell("Dashboard", "C1").formula).toBe(`=${revenueLost}`);
    const revenues = [5_000_000, ...t.rows.slice(1).map((r) => r[1] as number)];
    expect(fake.cell("Dashboard", "A1").value as number).toBeCloseTo(kam.HHI(col(revenues)), 6);
    expect(fake.cell("Dashboard", "B1").value).toBe(7);
    expect(fake.cell("Dashboard", "C1").value).toBe(5_000_000);
  });

  it("finds its sheets under the names the user gave them, and keeps what was typed there", async () => {
    const t = smallTable();
    const fake = workbookWithTable(t.headers, t.rows);
    await runWizard(fake);
    const cols = scoringColumns(fake);
    const nps = cols.get("NPS score")!;
    fake.type("KAM Scoring", `${colName(nps)}${SCORING.weightRow + 1}`, 7);
    fake.model.renameSheet(fake.sheet("KAM Scoring"), "My scores");
    fake.model.renameSheet(fake.sheet("KAM Concentration"), "Concentration 2026");
    const again = await runWizard(fake);
    expect(again.result.sheetNames).toEqual({ scoring: "My scores", loss: "KAM Loss Scenarios", concentration: "Concentration 2026", portfolio: "KAM Portfolio", sensitivity: "KAM Sensitivity", summary: "KAM Summary" });
    expect(fake.sheetNames()).toEqual(["Sheet1", "Customers", "KAM Summary", "My scores", "KAM Loss Scenarios", "Concentration 2026", "KAM Portfolio"]);
    expect(fake.cell("My scores", `${colName(nps)}${SCORING.weightRow + 1}`).value).toBe(7);
    expect(fake.cell("Concentration 2026", "E5").formula).toContain("INDEX('My scores'!$A$19:");
  });

  it("keeps the rebuilt sheets where the user moved them", async () => {
    const fake = workbookWithTable(smallTable().headers, smallTable().rows);
    await runWizard(fake);
    fake.model.moveSheet(fake.sheet("KAM Concentration"), 0);
    fake.model.moveSheet(fake.sheet("Customers"), 5);
    const order = fake.sheetNames();
    expect(order).toEqual(["KAM Concentration", "Sheet1", "KAM Summary", "KAM Scoring", "KAM Loss Scenarios", "Customers", "KAM Portfolio"]);
    await runWizard(fake);
    expect(fake.sheetNames()).toEqual(order);
  });
});

describe("(d) a sheet called KAM Scoring that the add-in did not build", () => {
  it("is left untouched; ours is KAM Scoring (2), and stays so on rebuild", async () => {
    const csv = readCsv(SAMPLE);
    const fake = workbookWithTable(csv.headers, csv.rows);
    fake.addSheet("KAM Scoring", [["My own notes"], [42], [{ formula: "=A2*2" }]]);
    const mine = () => JSON.stringify((fake.snapshot() as { sheets: { name: string }[] }).sheets.find((s) => s.name === "KAM Scoring"));
    const before = mine();

    const run = await runWizard(fake);
    expect(run.result.sheetNames.scoring).toBe("KAM Scoring (2)");
    expect(run.result.namesTaken).toEqual(["KAM Scoring"]);
    expect(mine()).toBe(before);
    expect(fake.sheetValues("KAM Scoring")).toEqual([["My own notes"], [42], [84]]);
    // The other sheets read the scoring sheet under its real name.
    const revenues = csv.rows.map((r) => r[csv.headers.indexOf("Revenue")]);
    expect(fake.cell("KAM Concentration", `B${CONC.hhiRow + 1}`).value as number).toBeCloseTo(kam.HHI(col(revenues)), 8);
    expect(fake.cell("KAM Concentration", "E5").formula).toContain("INDEX('KAM Scoring (2)'!$A$19:");

    const again = await runWizard(fake);
    expect(again.result.sheetNames.scoring).toBe("KAM Scoring (2)");
    expect(again.result.rebuilt).toBe(true);
    expect(mine()).toBe(before);
    expect(fake.sheetNames().filter((n) => n.startsWith("KAM Scoring"))).toEqual(["KAM Scoring", "KAM Scoring (2)"]);
  });
});

describe("(e) a failed sync leaves the workbook as it was", () => {
  /** A workbook with the small table and (optionally) the KAM sheets built once. */
  async function prepared(built: boolean): Promise<FakeExcel> {
    const t = smallTable();
    const fake = workbookWithTable(t.headers, t.rows);
    if (built) await runWizard(fake);
    return fake;
  }

  /** Syncs of buildSheets (after the 2 syncs of listing and the 1 of reading). */
  async function buildSyncs(built: boolean): Promise<number> {
    const fake = await prepared(built);
    const run = await runWizard(fake);
    expect([run.syncs.list, run.syncs.read]).toEqual([2, 1]);
    return run.syncs.build;
  }

  /**
   * The workbook's content, the active sheet by name, without object ids: a sheet restored
   * after a failed rebuild is the backup copy of the old one, equal in everything but its id.
   */
  function content(fake: FakeExcel): unknown {
    const snap = { ...(fake.snapshot() as object), active: fake.activeSheet };
    // Cells by address, so that an empty cell is the same whether or not its row was ever touched.
    const cells = (grid: unknown[][] | null[]) => {
      const out: Record<string, unknown> = {};
      (grid as (unknown[] | null)[]).forEach((row, r) => row?.forEach((v, c) => v !== null && v !== undefined && (out[`${r},${c}`] = v)));
      return out;
    };
    return JSON.parse(JSON.stringify(snap), (k, v) => (k === "id" ? undefined : ["content", "numFmt", "style"].includes(k) ? cells(v) : v));
  }

  for (const built of [false, true]) {
    it(`${built ? "rebuild" : "first build"}: whichever sync fails, and however much of its batch ran, nothing new and nothing half-built remains`, async () => {
      const n = await buildSyncs(built);
      expect(n).toBe(built ? 5 : 3);
      // A rebuild's last sync is the commit (deleting the backups), tested below; a first build
      // has none, so a failure in any of its syncs must leave nothing behind.
      for (let k = 1; k <= (built ? n - 1 : n); k++) {
        // 1, 2 and 5 operations: between copying an old sheet and naming the copy, and after.
        for (const afterOps of [0, 1, 2, 5, undefined, 1e9]) {
          const fake = await prepared(built);
          const before = built ? content(fake) : fake.snapshot();
          fake.injectFailure({ atSync: fake.stats.syncs + 3 + k, afterOps });
          await expect(runWizard(fake), `sync ${k}, ${afterOps ?? "half"} ops`).rejects.toThrow(/Injected failure/);
          expect(built ? content(fake) : fake.snapshot(), `sync ${k}, ${afterOps ?? "half"} ops`).toEqual(before);
        }
      }
    });
  }

  it("a failure in the final sync leaves the build complete, without backups", async () => {
    for (const afterOps of [0, 1, 3, undefined]) {
      const fake = await prepared(true);
      fake.type("Customers", "B2", 5_000_000); // Acme's revenue changes before the rebuild
      fake.injectFailure({ atSync: fake.stats.syncs + 3 + 5, afterOps });
      const outcome = await runWizard(fake).then(
        (r) => r,
        (e: Error) => e,
      );
      const names = fake.sheetNames();
      expect(names.filter((x) => x.startsWith("~"))).toEqual([]);
      expect(names).toEqual(["Sheet1", "Customers", "KAM Summary", "KAM Scoring", "KAM Loss Scenarios", "KAM Concentration", "KAM Portfolio"]);
      expect(outcome).not.toBeInstanceOf(Error);
      if (!(outcome instanceof Error)) expect(outcome.result.warnings.join(" ")).toMatch(/last step did not complete/);
      expect(fake.cellAt(fake.sheet("KAM Scoring"), FIRST, scoringColumns(fake).get("Revenue")!).value).toBe(5_000_000);
    }
  });
});

function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
