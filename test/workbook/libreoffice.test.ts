/**
 * A third formula engine. The sheets promise formulas that Excel 2016, LibreOffice Calc and
 * HyperFormula all compute; here LibreOffice (Debian's libreoffice-calc-nogui, headless)
 * opens the .xlsx the add-in writes, recomputes every formula on load, and must agree cell by
 * cell with HyperFormula on the same plan. The HyperFormula tests compare those figures with
 * the KAM.* core, and the headline figures are compared with the core here too.
 *
 * The workbooks cover every formula the builders write: all three scalings, cost and benefit
 * criteria, blank raw values and manual scores, ties in revenue and in margin, a customer
 * with no revenue, and each key-account rule.
 */
import Papa from "papaparse";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../../src/cli/read-table";
import * as kam from "../../src/core/kam";
import { BuildInput, buildWorkbook, CONC, SCORING } from "../../src/workbook/build";
import { guessRoles } from "../../src/workbook/customers";
import { defaultCriteria } from "../../src/workbook/defaults";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { planToXlsx } from "../../src/workbook/xlsx-writer";
import { PlanEngine } from "../fake-excel/plan-engine";
import { convertWithLibreOffice, CSV_ALL_SHEETS, recalculatingProfile } from "../support/libreoffice";
import { smallInput } from "./fixtures";

const SAMPLE = join(__dirname, "../../assets/sample-customers.csv");
const METHODS = ["minmax", "percentile", "zscore"] as const;

function sampleInput(): BuildInput {
  const table = readCsv(SAMPLE);
  const roles = guessRoles(table.headers);
  // Every scaling method appears, on benefit and on cost criteria.
  const criteria = defaultCriteria(table, roles).map((c, i) => ({ ...c, method: METHODS[i % 3] }));
  return { table, roles, criteria, keyRule: { kind: "top", n: 10 }, fixedCosts: 2_000_000, monthsToReplace: 18, builtOn: "2026-11-24" };
}

function tiesInput(): BuildInput {
  const input = smallInput({ keyRule: { kind: "share", threshold: 0.1 } });
  const rows = input.table.rows.map((r) => [...r]);
  rows.push(["Harbor plc", 800_000, 600_000, 0.25, "East", 55, 12]); // ties Cobalt on revenue and margin
  rows.push(["Iris Oy", 0, 0, 0.1, "West", null, null]); // no revenue, blank raw values
  return { ...input, table: { ...input.table, rows } };
}

const CASES: Record<string, BuildInput> = {
  sample: sampleInput(),
  ties: tiesInput(),
  cutoff: { ...smallInput(), keyRule: { kind: "cutoff", score: 5 } },
};

/** A cell as LibreOffice's CSV export gives it, as a comparable value. */
function parseCell(text: string): string | number | boolean {
  const t = text.trim();
  if (t === "TRUE" || t === "FALSE") return t === "TRUE";
  const pct = /^(-?\d+(?:\.\d+)?(?:E[-+]?\d+)?)%$/i.exec(t);
  if (pct) return Number(pct[1]) / 100;
  if (/^-?\d+(?:\.\d+)?(?:E[-+]?\d+)?$/i.test(t)) return Number(t);
  return text;
}

/** Recomputes each workbook in LibreOffice and returns, per case and sheet, the cell texts. */
function recomputeInLibreOffice(plans: Record<string, WorkbookPlan>, files: Record<string, string>, dir: string): Record<string, Record<string, string[][]>> {
  const out = join(dir, "csv");
  convertWithLibreOffice(Object.values(files), out, CSV_ALL_SHEETS, recalculatingProfile(join(dir, "profile")));
  const result: Record<string, Record<string, string[][]>> = {};
  for (const [name, plan] of Object.entries(plans)) {
    result[name] = {};
    for (const sheet of plan.sheets) {
      const text = readFileSync(join(out, `${name}-${sheet.name}.csv`), "utf8");
      result[name][sheet.name] = Papa.parse<string[]>(text, { skipEmptyLines: false }).data;
    }
  }
  return result;
}

let plans: Record<string, WorkbookPlan>;
let libre: Record<string, Record<string, string[][]>>;
let engines: Record<string, PlanEngine>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "kam-lo-"));
  plans = {};
  engines = {};
  const files: Record<string, string> = {};
  for (const [name, input] of Object.entries(CASES)) {
    plans[name] = buildWorkbook(input).plan;
    engines[name] = new PlanEngine(plans[name]);
    files[name] = join(dir, `${name}.xlsx`);
    writeFileSync(files[name], await planToXlsx(plans[name]));
  }
  libre = recomputeInLibreOffice(plans, files, dir);
}, 180_000);

describe("LibreOffice recomputes the written workbook to the same values as HyperFormula", () => {
  for (const name of Object.keys(CASES)) {
    it(`${name}: every formula cell of every sheet`, () => {
      let compared = 0;
      const mismatches: string[] = [];
      for (const sheet of plans[name].sheets) {
        const lo = libre[name][sheet.name];
        for (const block of sheet.blocks) {
          block.cells.forEach((row, i) =>
            row.forEach((cell, j) => {
              if (cell.formula === undefined) return;
              const r = block.row + i;
              const c = block.col + j;
              const hf = engines[name].value(sheet.name, r, c);
              const got = parseCell(lo[r]?.[c] ?? "");
              compared++;
              const same =
                typeof hf === "number" && typeof got === "number"
                  ? Math.abs(hf - got) <= 1e-9 * Math.max(1, Math.abs(hf))
                  : (hf ?? "") === got;
              if (!same) mismatches.push(`${sheet.name}!R${r + 1}C${c + 1} ${cell.formula}: HyperFormula ${JSON.stringify(hf)}, LibreOffice ${JSON.stringify(lo[r]?.[c])}`);
            }),
          );
        }
      }
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(compared).toBeGreaterThan(100);
    });
  }

  it("gives the core's concentration figures and key-account count for the sample", () => {
    const table = readCsv(SAMPLE);
    const revenues = table.rows.map((r) => [r[table.headers.indexOf("Revenue")]]);
    const conc = libre.sample["KAM Concentration"];
    const b = (row: number) => parseCell(conc[row][1]) as number;
    expect(b(CONC.countRow)).toBe(60);
    expect(b(CONC.hhiRow)).toBeCloseTo(kam.HHI(revenues), 8);
    expect(b(CONC.giniRow)).toBeCloseTo(kam.GINI(revenues), 12);
    expect(b(CONC.paretoRow)).toBe(kam.PARETO(revenues));
    for (const [row, k] of CONC.cr) expect(b(row)).toBeCloseTo(kam.TOPSHARE(revenues, k), 12);
    expect(parseCell(libre.sample["KAM Scoring"][SCORING.keyCountRow][1])).toBe(10);
  });
});
