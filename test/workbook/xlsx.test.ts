/**
 * The .xlsx written for `npm run demo` is reopened, its formulas recomputed from scratch by an
 * independent engine (HyperFormula, fed only what is in the file) and compared with the
 * core's numbers for the same data.
 */
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HyperFormula } from "hyperformula";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/kam-workbook";
import { readCsv } from "../../src/cli/read-table";
import * as kam from "../../src/core/kam";
import { CONC, SCORING } from "../../src/workbook/build";
import { HF_CONFIG } from "../fake-excel/plan-engine";

const SAMPLE = join(__dirname, "../../assets/sample-customers.csv");
const col = (xs: unknown[]) => xs.map((x) => [x]);

async function recompute(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  for (const ws of wb.worksheets) {
    const grid: (string | number | boolean | null)[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: (string | number | boolean | null)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value;
        let x: string | number | boolean | null = null;
        // `cell.formula`: a cell of a shared formula (a filled column) gets the first cell's text moved to it.
        if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) x = `=${cell.formula}`;
        else if (typeof v === "string") x = `'${v}`;
        else if (typeof v === "number" || typeof v === "boolean") x = v;
        cells[c - 1] = x;
      });
      grid[r - 1] = Array.from(cells, (c) => (c === undefined ? null : c));
    });
    sheets[ws.name] = Array.from(grid, (r) => r ?? []);
  }
  const hf = HyperFormula.buildFromSheets(sheets, HF_CONFIG);
  return (sheet: string, row: number, c: number) => {
    const v = hf.getCellValue({ sheet: hf.getSheetId(sheet)!, row, col: c });
    return v !== null && typeof v === "object" && "value" in v ? (v as { value: string }).value : v;
  };
}

describe("npm run demo workbook", () => {
  let out: string;
  let logs: string[];
  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), "kam-")), "key-accounts.xlsx");
    logs = [];
    const code = await main([SAMPLE, "-o", out], (s) => logs.push(s), (s) => logs.push(s));
    expect(code).toBe(0);
  }, 60_000);

  it("reports what it built", () => {
    expect(logs.find((l) => l.startsWith("Wrote "))).toMatch(/^Wrote .*key-accounts\.xlsx: 60 customers\.$/);
    expect(logs.join("\n")).toMatch(/Key accounts \(10\)/);
  });

  it("recomputes to the core's concentration figures", async () => {
    const value = await recompute(out);
    const table = readCsv(SAMPLE);
    const revenues = table.rows.map((r) => r[table.headers.indexOf("Revenue")] as number);
    const v = (row: number) => value("KAM Concentration", row, 1) as number;
    expect(v(CONC.countRow)).toBe(60);
    expect(v(CONC.hhiRow)).toBeCloseTo(kam.HHI(col(revenues)), 8);
    expect(v(CONC.giniRow)).toBeCloseTo(kam.GINI(col(revenues)), 12);
    expect(v(CONC.paretoRow)).toBe(kam.PARETO(col(revenues)));
    for (const [row, k] of CONC.cr) expect(v(row)).toBeCloseTo(kam.TOPSHARE(col(revenues), k), 12);
    expect(value("KAM Scoring", SCORING.keyCountRow, 1)).toBe(10);
  });

  it("writes customer names as text cells, never formulas", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("KAM Scoring")!;
    const first = ws.getCell(SCORING.headerRow + 2, 1).value;
    expect(typeof first).toBe("string");
    expect(ws.getRow(SCORING.minRow + 1).hidden).toBe(true);
    expect(ws.getRow(SCORING.weightRow + 1).hidden).toBe(false);
  });
});

describe("kam-workbook CLI errors", () => {
  const run = async (args: string[]) => {
    const logs: string[] = [];
    const code = await main(args, (s) => logs.push(s), (s) => logs.push(s));
    return { code, text: logs.join("\n") };
  };
  it("explains a missing file, a wrong type and unknown options", async () => {
    expect(await run(["nope.csv"])).toMatchObject({ code: 2, text: expect.stringMatching(/no such file/) });
    expect(await run([__filename])).toMatchObject({ code: 1, text: expect.stringMatching(/expected a .csv, .txt or .xlsx file/) });
    expect(await run(["--bogus"])).toMatchObject({ code: 2, text: expect.stringMatching(/Unknown option/) });
    // A wrong option value is a usage error (exit 2), checked before anything is read.
    expect(await run([SAMPLE, "--method", "log"])).toMatchObject({ code: 2, text: expect.stringMatching(/--method must be/) });
  });
});
