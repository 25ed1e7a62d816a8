/**
 * Real customer exports through `kam-workbook`, end to end: each fixture in
 * test/fixtures/input is one export style. Every written workbook is recomputed by
 * LibreOffice (one headless run for all of them) and its figures compared with values worked
 * out by hand from the fixture (written next to each case). Every run checks that the input
 * file is unchanged, and refusals check the exit code and that no workbook was written.
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/kam-workbook";
import { CONC, SCORING } from "../../src/workbook/build";
import { convertWithLibreOffice, CSV_ALL_SHEETS, recalculatingProfile } from "../support/libreoffice";

const FIX = join(__dirname, "../fixtures/input");
const dir = mkdtempSync(join(tmpdir(), "kam-input-"));
mkdirSync(join(dir, "out"));
const hash = (f: string) => createHash("sha256").update(readFileSync(f)).digest("hex");

interface Run {
  code: number;
  out: string;
  err: string;
  file: string;
}

async function cli(input: string, name: string, ...args: string[]): Promise<Run> {
  const file = join(dir, "out", `${name}.xlsx`);
  const before = hash(input);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([input, "-o", file, ...args], (s) => out.push(s), (s) => err.push(s));
  expect(hash(input), `${input} must never change`).toBe(before);
  if (code !== 0) expect(existsSync(file), `no workbook after exit ${code}`).toBe(false);
  return { code, out: out.join("\n"), err: err.join("\n"), file };
}

/** Hand-made workbooks: a report with a title, a hidden sheet, a merged name cell and a SUBTOTAL row; and others. */
async function makeWorkbooks(): Promise<void> {
  const report = new ExcelJS.Workbook();
  const lookup = report.addWorksheet("Lookup");
  lookup.addRows([["Customer", "Revenue"], ["Hidden Co", 99999]]);
  lookup.state = "hidden";
  const ws = report.addWorksheet("Q3 Report");
  ws.getCell("A1").value = "Q3 customer report";
  ws.addRow([]);
  ws.getRow(3).values = ["Customer", "Revenue", "Cost"];
  const rows: [string | null, number, number][] = [
    ["Acme", 400, 300],
    ["Birch", 200, 150],
    [null, 100, 50], // Birch again: A5:A6 merged
    ["Cobalt", 150, 100],
    ["Dune", 100, 80],
    ["Ember", 50, 20],
  ];
  rows.forEach((r, i) => (ws.getRow(4 + i).values = r));
  ws.mergeCells("A5:A6");
  ws.getCell("A10").value = "Subtotal";
  ws.getCell("B10").value = { formula: "SUBTOTAL(9,B4:B9)", result: 1000 } as ExcelJS.CellFormulaValue;
  ws.getCell("C10").value = { formula: "SUBTOTAL(9,C4:C9)", result: 700 } as ExcelJS.CellFormulaValue;
  await report.xlsx.writeFile(join(dir, "report.xlsx"));

  const uncomputed = new ExcelJS.Workbook();
  const u = uncomputed.addWorksheet("Customers");
  u.addRows([["Customer", "Revenue"], ["Acme", 100], ["Birch", 300], ["Cobalt", 200]]);
  u.getCell("B3").value = { formula: "100*3" } as ExcelJS.CellFormulaValue;
  // A shared formula (Excel's own way to store a filled column): B4's text is B3's moved down a row.
  u.addRow(["Dune", { formula: "LEN(A5)*100", shareType: "shared", ref: "B5:B6" } as ExcelJS.CellFormulaValue]);
  u.addRow(["Ember", { sharedFormula: "B5" } as ExcelJS.CellSharedFormulaValue]);
  await uncomputed.xlsx.writeFile(join(dir, "uncomputed.xlsx"));

  const two = new ExcelJS.Workbook();
  two.addWorksheet("North").addRows([["Customer", "Revenue"], ["Acme", 100], ["Birch", 300], ["Cobalt", 600]]);
  two.addWorksheet("South").addRows([["Customer", "Revenue"], ["Dune", 500], ["Ember", 300], ["Fjord", 200]]);
  await two.xlsx.writeFile(join(dir, "two-sheets.xlsx"));

  const none = new ExcelJS.Workbook();
  none.addWorksheet("Notes").addRows([["Read me"], ["Nothing here"]]);
  none.addWorksheet("Prices").addRows([["Product", "Price"], ["Widget", 5]]);
  await none.xlsx.writeFile(join(dir, "no-table.xlsx"));
}

const runs: Record<string, Run> = {};
/** Per run name and sheet, the cells LibreOffice computed. */
let libre: Record<string, Record<string, string[][]>> = {};

beforeAll(async () => {
  await makeWorkbooks();
  const f = (n: string) => join(FIX, n);
  runs.total = await cli(f("total-row.csv"), "total", "--top", "2");
  runs.subtotals = await cli(f("subtotals.csv"), "subtotals", "--top", "2");
  runs.european = await cli(f("european.csv"), "european", "--top", "2");
  runs.cp1252 = await cli(f("windows-1252.csv"), "cp1252", "--top", "2");
  runs.utf16 = await cli(f("unicode-text.txt"), "utf16", "--top", "2");
  runs.columns = await cli(f("columns.csv"), "columns", "--top", "2");
  runs.ambiguous = await cli(f("ambiguous.csv"), "ambiguous", "--top", "2");
  runs.override = await cli(f("ambiguous.csv"), "override", "--top", "2", "--column", 'revenue="Sales"');
  runs.duplicates = await cli(f("duplicates.csv"), "duplicates", "--top", "2");
  runs.dupError = await cli(f("duplicates.csv"), "dupError", "--top", "2", "--duplicates", "error");
  runs.title = await cli(f("title-rows.csv"), "title", "--top", "1");
  runs.dropped = await cli(f("dropped.csv"), "dropped", "--top", "1");
  runs.droppedMax = await cli(f("dropped.csv"), "droppedMax", "--top", "1", "--max-dropped", "0.1");
  runs.droppedStrict = await cli(f("dropped.csv"), "droppedStrict", "--top", "1", "--strict");
  runs.report = await cli(join(dir, "report.xlsx"), "report", "--top", "2");
  runs.uncomputed = await cli(join(dir, "uncomputed.xlsx"), "uncomputed", "--top", "1");
  runs.twoSheets = await cli(join(dir, "two-sheets.xlsx"), "twoSheets", "--top", "1");
  runs.south = await cli(join(dir, "two-sheets.xlsx"), "south", "--top", "1", "--sheet", "south");
  runs.noTable = await cli(join(dir, "no-table.xlsx"), "noTable", "--top", "1");
  const written = Object.entries(runs).filter(([, r]) => r.code === 0);
  const csvDir = join(dir, "csv");
  mkdirSync(csvDir, { recursive: true });
  convertWithLibreOffice(
    written.map(([, r]) => r.file),
    csvDir,
    CSV_ALL_SHEETS,
    recalculatingProfile(join(dir, "profile")),
  );
  libre = {};
  for (const file of readdirSync(csvDir)) {
    const m = /^(.+?)-(KAM .+)\.csv$/.exec(file);
    if (!m) continue;
    (libre[m[1]] ??= {})[m[2]] = Papa.parse<string[]>(readFileSync(join(csvDir, file), "utf8"), { skipEmptyLines: false }).data;
  }
}, 240_000);

/** Total revenue, customer count and HHI as LibreOffice computed them on the concentration sheet. */
function concentration(run: string) {
  const sheet = libre[run]?.["KAM Concentration"];
  expect(sheet, `LibreOffice output for ${run}`).toBeDefined();
  const v = (row: number) => Number(sheet[row][1]);
  return { total: v(CONC.totalRow), count: v(CONC.countRow), hhi: v(CONC.hhiRow) };
}

/** Scoring-sheet column by header: customer name → value (as LibreOffice computed it). */
function scoringColumn(run: string, header: string): Record<string, string> {
  const sheet = libre[run]["KAM Scoring"];
  const c = sheet[SCORING.headerRow].indexOf(header);
  expect(c, `column ${header}`).toBeGreaterThanOrEqual(0);
  const out: Record<string, string> = {};
  for (let r = SCORING.headerRow + 1; r < sheet.length && sheet[r][0]; r++) out[sheet[r][0]] = sheet[r][c];
  return out;
}

/** A number as LibreOffice's CSV shows it ("12%" is 0.12). */
function num(text: string): number {
  const t = text.trim();
  return t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
}

describe("total and subtotal rows", () => {
  it("leaves out a Total row and reports it (HHI 2,850, not a 'Total' key account)", () => {
    // Acme 400, Birch 300, Cobalt 150, Dune 100, Ember 50: total 1000;
    // HHI = 40² + 30² + 15² + 10² + 5² = 1600 + 900 + 225 + 100 + 25 = 2850.
    expect(runs.total.code).toBe(0);
    expect(runs.total.out).toMatch(/'total-row'!A7: "Total" is a total row/);
    expect(concentration("total")).toEqual({ total: 1000, count: 5, hhi: 2850 });
    expect(runs.total.out).not.toMatch(/Key accounts.*Total/);
  });

  it("leaves out named subtotals, a blank-named row equal to the rows above, and the grand total", () => {
    // Same five revenues as above, with "Total North", a blank subtotal (500) and "Grand total".
    expect(runs.subtotals.out).toMatch(/subtotals!A4: "Total North" is a subtotal row/);
    expect(runs.subtotals.out).toMatch(/subtotals!A8: its amounts equal the sum of the 3 rows above it/);
    expect(runs.subtotals.out).toMatch(/subtotals!A9: "Grand total" is a total row/);
    expect(concentration("subtotals")).toEqual({ total: 1000, count: 5, hhi: 2850 });
  });

  it("leaves out an .xlsx SUBTOTAL row; reads below the title rows; skips the hidden sheet; sums a merged name cell", () => {
    // Acme 400, Birch 200 + 100 (merged A5:A6), Cobalt 150, Dune 100, Ember 50 → HHI 2850.
    const r = runs.report;
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Sheet "Q3 Report" \(the one with a customer table; hidden sheet "Lookup" skipped\)/);
    expect(r.out).toMatch(/Header on row 3/);
    expect(r.out).toMatch(/'Q3 Report'!A10: "Subtotal" is a total row/);
    expect(r.out).toMatch(/"Birch": 'Q3 Report'!A5, 'Q3 Report'!A6 \(a merged name cell\)/);
    expect(concentration("report")).toEqual({ total: 1000, count: 5, hhi: 2850 });
  });
});

describe("formatted numbers and encodings", () => {
  it("reads a European export: BOM, ';', decimal comma, thousands point, €, percent and (500)", () => {
    const r = runs.european;
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Encoding: UTF-8 \(byte-order mark\)/);
    expect(r.out).toMatch(/Separator: semicolon/);
    expect(r.out).toMatch(/"Umsatz": decimal comma \(from the cells\), thousands separator ".", currency €/);
    expect(r.out).toMatch(/"Deckungsbeitrag": .*1 accounting negative/);
    // 1234.56 + 1200 + 2000 + 565.44 = 5000; shares .246912, .24, .4, .113088;
    // HHI = 10000 × (.060965535744 + .0576 + .16 + .012788895744) = 2913.54431488.
    const c = concentration("european");
    expect(c.total).toBeCloseTo(5000, 9);
    expect(c.count).toBe(4);
    expect(c.hhi).toBeCloseTo(2913.54431488, 6);
    expect(Number(scoringColumn("european", "Margin")["Müller GmbH"])).toBe(-500);
    expect(num(scoringColumn("european", "Churn probability")["Müller GmbH"])).toBeCloseTo(0.12, 12);
  });

  it("reads Windows-1252: Müller and Möller stay two customers", () => {
    // 450, 300, 150, 100 → HHI 2025 + 900 + 225 + 100 = 3250.
    expect(runs.cp1252.out).toMatch(/Encoding: WINDOWS-1252/);
    expect(concentration("cp1252")).toEqual({ total: 1000, count: 4, hhi: 3250 });
    expect(Object.keys(scoringColumn("cp1252", "Revenue"))).toEqual(expect.arrayContaining(["Müller GmbH", "Möller GmbH", "Café Olé SA", "Fjällräven AB"]));
  });

  it("reads Excel's Unicode Text (UTF-16 LE, tabs) with $ and thousands commas", () => {
    // 1200.50 + 800 + 999.50 + 1000 = 4000; HHI = 10000 × (.300125² + .2² + .249875² + .25²) = 2550.1253125.
    const r = runs.utf16;
    expect(r.out).toMatch(/Encoding: UTF-16LE \(byte-order mark\)/);
    expect(r.out).toMatch(/Separator: tab/);
    const c = concentration("utf16");
    expect(c.total).toBeCloseTo(4000, 9);
    expect(c.hhi).toBeCloseTo(2550.1253125, 6);
    expect(Object.keys(scoringColumn("utf16", "Revenue"))).toEqual(expect.arrayContaining(["Åkesson AB", "Łódź Sp. z o.o.", "Ørsted A/S"]));
  });

  it("finds the header row below title rows in a CSV", () => {
    // 1,000,000 + 500,000 + 250,000: HHI = 10000 × (16 + 4 + 1) / 49.
    expect(runs.title.out).toMatch(/Header on row 4 \(3 title rows above it skipped\)/);
    const c = concentration("title");
    expect(c.total).toBe(1_750_000);
    expect(c.hhi).toBeCloseTo(210000 / 49, 8);
  });
});

describe("column mapping", () => {
  it("prints the mapping on every run: latest year, actual over budget, renewal as 1 − p, no text column as cost", () => {
    const r = runs.columns;
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Revenue +Revenue 2025 +header reads as revenue; latest year \(2025\) of "Revenue 2025", "Revenue 2023"; actual preferred over "Budget revenue 2025"/);
    expect(r.out).toMatch(/Churn probability \(1 − column\) +Probability of renewal +"Probability of renewal" is a renewal\/retention probability: churn = 1 − it/);
    expect(r.out).toMatch(/Cost +— +none: "Cost center" holds text, not amounts/);
    expect(r.out).toMatch(/Criteria: Revenue 2025 \(benefit, weight 2\); Complaints \(cost, weight 1\); Support cost \(share of revenue\) \(cost, weight 1\)\./);
    // Revenue 2025: 500, 300, 150, 50 → HHI 2500 + 900 + 225 + 25 = 3650.
    expect(concentration("columns")).toEqual({ total: 1000, count: 4, hhi: 3650 });
    const churn = scoringColumn("columns", "Churn probability");
    expect(num(churn.Acme)).toBeCloseTo(0.05, 12);
    expect(num(churn.Cobalt)).toBeCloseTo(0.4, 12);
  });

  it("refuses two equally good revenue columns, naming them and the flag; --column chooses", () => {
    expect(runs.ambiguous.code).toBe(1);
    expect(runs.ambiguous.err).toMatch(/cannot tell which column holds the revenue: "Revenue", "Sales" fit equally well; choose one with --column revenue=/);
    expect(runs.override.code).toBe(0);
    expect(runs.override.out).toMatch(/Revenue +Sales +set by --column revenue/);
    // Sales 400, 300, 200, 100 → HHI 1600 + 900 + 400 + 100 = 3000.
    expect(concentration("override")).toEqual({ total: 1000, count: 4, hhi: 3000 });
  });
});

describe("duplicates", () => {
  it("sums rows of the same customer (trimmed, case-folded) and reports it", () => {
    // "Acme Corp" 100 + " acme  corp " 50 = 150; Birch 300, Cobalt 200, Dune 350 → HHI 225 + 900 + 400 + 1225 = 2750.
    expect(runs.duplicates.out).toMatch(/Summed 1 customer found on several rows/);
    expect(runs.duplicates.out).toMatch(/"Acme Corp": duplicates!A2, duplicates!A4/);
    expect(concentration("duplicates")).toEqual({ total: 1000, count: 4, hhi: 2750 });
    expect(Number(scoringColumn("duplicates", "Revenue")["Acme Corp"])).toBe(150);
  });

  it("refuses them with --duplicates error", () => {
    expect(runs.dupError.code).toBe(1);
    expect(runs.dupError.err).toMatch(/"acme {2}corp" on data rows 1 and 3/);
  });
});

describe("rows left out and exit codes", () => {
  it("warns, writes and names the share of revenue left out by default; stops under --max-dropped or --strict", () => {
    expect(runs.dropped.code).toBe(0);
    expect(runs.dropped.err).toMatch(/dropped!A3: the customer name is blank/);
    expect(runs.dropped.err).toMatch(/1 row with problems carry 50.0% of the revenue that can be read/);
    expect(concentration("dropped")).toEqual({ total: 500, count: 3, hhi: 3600 });
    expect(runs.droppedMax.code).toBe(1);
    expect(runs.droppedMax.err).toMatch(/more than --max-dropped 0.1; nothing written/);
    expect(runs.droppedStrict.code).toBe(1);
  });

  it("names formula cells without a saved value instead of reading them", () => {
    expect(runs.uncomputed.code).toBe(1);
    expect(runs.uncomputed.err).toMatch(/Customers!B3 \(=100\*3\)/);
    expect(runs.uncomputed.err).toMatch(/Customers!B5 \(=LEN\(A5\)\*100\)/);
    expect(runs.uncomputed.err).toMatch(/Customers!B6 \(=LEN\(A6\)\*100\)/);
  });

  it("refuses a workbook with several customer sheets, listing them; --sheet matches any case", () => {
    expect(runs.twoSheets.code).toBe(1);
    expect(runs.twoSheets.err).toMatch(/several sheets hold a customer table \("North", "South"\); choose one with --sheet/);
    expect(runs.south.code).toBe(0);
    // 500, 300, 200 → HHI 2500 + 900 + 400 = 3800.
    expect(concentration("south")).toEqual({ total: 1000, count: 3, hhi: 3800 });
    expect(runs.noTable.code).toBe(1);
    expect(runs.noTable.err).toMatch(/no visible sheet holds a customer table .* the sheets are: "Notes", "Prices"/);
  });

  it("states the defaults and the mapping in the workbook's KAM Notes sheet", () => {
    const notes = libre.columns["KAM Notes"].map((r) => r.join(" ")).join("\n");
    expect(notes).toMatch(/Revenue is a criterion weighted as much as all other criteria together/);
    expect(notes).toMatch(/Churn probability \(1 − column\) Probability of renewal/);
  });
});

describe("size limit and decimal override", () => {
  it("refuses more than 200,000 rows with a clear message, before parsing", async () => {
    const big = join(dir, "big.csv");
    writeFileSync(big, "Customer,Revenue\n" + "C,1\n".repeat(200_100));
    const r = await cli(big, "big", "--top", "2");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/reads at most 200,000 customers \(split the table/);
  });

  it("reads '1.500' as 1500 under --decimal , (and --locale de-DE); by default as 1.5, saying the cells read either way", async () => {
    const f = join(dir, "ambiguous-decimal.csv");
    writeFileSync(f, 'Customer,Revenue\nAcme,"1.500"\nBirch,"2.500"\nCobalt,"1.000"\n');
    const comma = await cli(f, "decimal-comma", "--top", "1", "--decimal", ",");
    expect(comma.out).toMatch(/"Revenue": decimal comma \(the option\), thousands separator "."/);
    expect(comma.out).toMatch(/Key accounts \(1\): Birch/);
    const locale = await cli(f, "decimal-locale", "--top", "1", "--locale", "de-DE");
    expect(locale.out).toMatch(/decimal comma \(the option\)/);
    const plain = await cli(f, "decimal-point", "--top", "1");
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/"Revenue": decimal point \(the default; use --decimal , for a decimal comma\), 3 cells such as "1.500" read either way: check the decimal mark/);
  });
});

describe("options and the output file", () => {
  const sample = join(FIX, "total-row.csv");
  const bad = async (name: string, args: string[], message: RegExp, code = 2) => {
    const r = await cli(sample, name, ...args);
    expect(r.code, `${args.join(" ")}: ${r.err}`).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  };

  it.each([
    [["--top", "0"], /--top must be a whole number of 1 or more, got "0"/],
    [["--top", "2.5"], /--top must be a whole number/],
    [["--top", "100000"], /--top 100000: the table has 5 usable customers/],
    [["--share", "1.5"], /--share must be a fraction above 0 and below 1/],
    [["--share", "0"], /--share must be a fraction above 0/],
    [["--cutoff", "11"], /--cutoff must be a score above 1 and at most 10/],
    [["--top", "3", "--share", "0.1"], /give one key-account rule, not --top and --share/],
    [["--fixed-costs=-5"], /--fixed-costs must be an amount of 0 or more/],
    [["--decimal", ";"], /--decimal must be . or ,/],
    [["--duplicates", "drop"], /--duplicates must be sum or error/],
    [["--max-dropped", "2"], /--max-dropped must be a fraction from 0 to 1/],
    [["--column", "turnover=Revenue"], /--column: unknown role "turnover"/],
    [["--criterion", "NPS"], /--criterion must look like HEADER=benefit/],
  ])("%j is refused with a message naming the option", async (args, message) => {
    await bad(`opt-${args.join("_").replace(/[^\w.-]/g, "")}`, args as string[], message as RegExp);
  });

  it("refuses a --column naming no header, listing the headers", async () => {
    await bad("col-missing", ["--top", "2", "--column", "revenue=Umsatz"], /--column revenue: no column is named "Umsatz"; the headers are: "Customer", "Revenue", "Cost"/, 1);
  });

  it("never writes over an input, a directory or an existing file without --force", async () => {
    const input = join(dir, "mine.xlsx");
    copyFileSync(join(dir, "report.xlsx"), input);
    const before = hash(input);
    const logs: string[] = [];
    expect(await main([input, "-o", input, "--top", "2"], () => {}, (s) => logs.push(s))).toBe(2);
    expect(logs.join("\n")).toMatch(/is the input file; the input is never overwritten/);
    expect(hash(input)).toBe(before);
    const asDir = join(dir, "folder.xlsx");
    mkdirSync(asDir, { recursive: true });
    expect(await main([sample, "-o", asDir, "--top", "2"], () => {}, (s) => logs.push(s))).toBe(2);
    expect(logs.join("\n")).toMatch(/is a directory/);
    const existing = join(dir, "existing.xlsx");
    writeFileSync(existing, "keep me");
    expect(await main([sample, "-o", existing, "--top", "2"], () => {}, (s) => logs.push(s))).toBe(2);
    expect(logs.join("\n")).toMatch(/exists; add --force to replace it/);
    expect(readFileSync(existing, "utf8")).toBe("keep me");
    expect(await main([sample, "-o", existing, "--top", "2", "--force"], () => {}, () => {})).toBe(0);
    expect(readFileSync(existing).subarray(0, 2).toString()).toBe("PK");
  });
});
