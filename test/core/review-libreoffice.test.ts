/**
 * The portable quadrant and trend formulas recomputed by LibreOffice Calc from an .xlsx give
 * what KAM.PORTFOLIO and KAM.TREND give, including the cases where HyperFormula's ROUND
 * parts from Excel's: an exact half in the 7th decimal (3.2999995 rounds to 3.3, so it meets
 * a cut of 3.3), and float noise at the cut (LibreOffice would compare 5.499999999999999 and
 * 5.5 as equal even without ROUND; Excel would not, which is why the ROUND is there).
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { PORTFOLIO, TREND } from "../../src/core/kam-review";
import { quadrantFormula, trendFormula } from "../../src/core/review-formulas";
import { convertWithLibreOffice, CSV_ALL_SHEETS, recalculatingProfile } from "../support/libreoffice";
import { col } from "./helpers";

const LABELS = ["Strategic", "Star", "Status", 'Low "D"'];

/** [attractiveness, strength, attractiveness cut, strength cut] */
const PORTFOLIO_CASES: number[][] = [];
for (const cut of [5.5, 3.3, 0.1 + 0.2, 8.326725]) {
  for (const a of [cut, cut - 1e-15, cut + 1e-15, cut - 5e-7, cut - 5.1e-7, cut - 4.9e-7, cut + 5e-7, cut - 1e-6, 8.3267245, 2.675, 9, 1]) {
    PORTFOLIO_CASES.push([a, 9, cut, 5.5], [9, a, 5.5, cut], [a, a, cut, cut]);
  }
}
/** [previous, current, tolerance] */
const TREND_CASES: number[][] = [];
for (const p of [5, 3.3, 0.1, 7.25]) {
  for (const d of [0, 1e-15, -1e-15, 5e-7, -5e-7, 4.9e-7, 0.5, -0.5, 0.2, -0.2, 0.25]) {
    for (const tol of [0, 0.2, 0.5]) TREND_CASES.push([p, p + d, tol]);
  }
}

let portfolioOut: string[][];
let trendOut: string[][];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "kam-review-lo-"));
  const wb = new ExcelJS.Workbook();
  const ps = wb.addWorksheet("Portfolio");
  PORTFOLIO_CASES.forEach((c, i) => {
    const r = i + 1;
    ps.getRow(r).values = [...c, { formula: quadrantFormula(`A${r}`, `B${r}`, `C${r}`, `D${r}`, LABELS) }];
  });
  const ts = wb.addWorksheet("Trend");
  TREND_CASES.forEach((c, i) => {
    const r = i + 1;
    ts.getRow(r).values = [...c, { formula: trendFormula(`A${r}`, `B${r}`, `C${r}`) }];
  });
  const file = join(dir, "review.xlsx");
  await wb.xlsx.writeFile(file);
  const out = join(dir, "csv");
  convertWithLibreOffice([file], out, CSV_ALL_SHEETS, recalculatingProfile(join(dir, "profile")));
  const read = (sheet: string) => Papa.parse<string[]>(readFileSync(join(out, `review-${sheet}.csv`), "utf8"), { skipEmptyLines: true }).data;
  portfolioOut = read("Portfolio");
  trendOut = read("Trend");
});

describe("portable formulas in LibreOffice agree with the functions", () => {
  it("quadrantFormula = KAM.PORTFOLIO at and around the cuts, labels with quotes included", () => {
    expect(portfolioOut).toHaveLength(PORTFOLIO_CASES.length);
    const expected = PORTFOLIO_CASES.map(([a, s, ac, sc]) => PORTFOLIO(col(a), col(s), ac, sc, [LABELS])[0][0]);
    expect(portfolioOut.map((r) => r[4])).toEqual(expected);
    // the half-point case is among them and meets the cut
    expect(PORTFOLIO(col(3.3 - 5e-7), col(9), 3.3)[0][0]).toBe("Strategic");
  });
  it("trendFormula = KAM.TREND for noisy and exact-tolerance changes", () => {
    expect(trendOut).toHaveLength(TREND_CASES.length);
    const expected = TREND_CASES.map(([p, c, t]) => TREND(col(p), col(c), t)[0][0]);
    expect(trendOut.map((r) => r[3])).toEqual(expected);
  });
});
