/**
 * The key-account rule, the 10% disclosure count and the HHI level are decided twice: by the
 * core (src/core/key-accounts.ts, concentration.ts) for the summary and KAM.* functions, and by
 * the formulas the sheet builders emit. Here both are evaluated at their boundaries, where a
 * bare comparison and floating point disagree, in HyperFormula and in LibreOffice:
 * - exact ties in the weighted score: 1.1/2.2/3.3, 2.2/2.2/2.2 and 3.3/2.2/1.1 all average 2.2,
 *   though in floating point (1.1 + 2.2 + 3.3) / 3 is 2.1999999999999997;
 * - a share of exactly 10%: 0.3 of 0.3 + 0.1 + 2.6 = 3 is 10%, yet 0.3 / 3 is
 *   0.09999999999999999 in floating point;
 * - an HHI of exactly 1,800 (30/20/10×5: 900 + 400 + 5·100), "moderately concentrated" under the
 *   2023 guidelines, where "highly" starts above 1,800.
 */
import Papa from "papaparse";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hhiLevel } from "../../src/core/concentration";
import { DISCLOSURE_SHARE, SMALL_KEY_SHARE } from "../../src/core/defaults";
import * as kam from "../../src/core/kam";
import { isDisclosed, isKeyAccount, isSmallKeyAccount, type KeyRule, selectKeyAccounts, summariseKeyAccounts } from "../../src/core/key-accounts";
import { type BuildInput, buildWorkbook, CONC, KEY_LABEL, SCORING } from "../../src/workbook/build";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { planToXlsx } from "../../src/workbook/xlsx-writer";
import { PlanEngine } from "../fake-excel/plan-engine";
import { convertWithLibreOffice, CSV_ALL_SHEETS, recalculatingProfile } from "../support/libreoffice";

const TIES = [
  ["X", 100, 1.1, 2.2, 3.3],
  ["Y", 100, 2.2, 2.2, 2.2],
  ["Z", 100, 3.3, 2.2, 1.1],
];

function tiesInput(keyRule: KeyRule): BuildInput {
  const criteria = ["A", "B", "C"].map((label, i) => ({ label, kind: "manual" as const, column: i + 2, direction: "benefit" as const, method: "minmax" as const, weight: 1 }));
  return { table: { sheetName: "Customers", origin: { row: 0, col: 0 }, headers: ["Customer", "Revenue", "A", "B", "C"], rows: TIES }, roles: { name: 0, revenue: 1 }, criteria, keyRule };
}

function revenueInput(revenues: number[], keyRule: KeyRule): BuildInput {
  return {
    table: { sheetName: "Customers", origin: { row: 0, col: 0 }, headers: ["Customer", "Revenue"], rows: revenues.map((r, i) => [`C${i + 1}`, r]) },
    roles: { name: 0, revenue: 1 },
    criteria: [{ label: "Revenue", kind: "data", column: 1, direction: "benefit", method: "minmax", weight: 1 }],
    keyRule,
  };
}

const TENTH = [0.3, 0.1, 2.6];
const HHI_1800 = [30, 20, 10, 10, 10, 10, 10];

const CASES: Record<string, BuildInput> = {
  top2: tiesInput({ kind: "top", n: 2 }),
  cutoff: tiesInput({ kind: "cutoff", score: 2.2 }),
  tenth: revenueInput(TENTH, { kind: "share", threshold: 0.1 }),
  hhi: revenueInput(HHI_1800, { kind: "top", n: 2 }),
};

/** What a sheet says at the boundaries: key flags by customer, the 10% count, the HHI level. */
interface Verdict {
  key: boolean[];
  disclosed: number;
  level: string;
}

function sheetVerdict(plan: WorkbookPlan, value: (sheet: string, row: number, col: number) => unknown, n: number): Verdict {
  const keyCol = plan.sheets[0].blocks[0].cells[SCORING.headerRow].findIndex((c) => c.value === KEY_LABEL);
  const key = Array.from({ length: n }, (_, i) => value(plan.sheets[0].name, SCORING.headerRow + 1 + i, keyCol) === KEY_LABEL);
  return { key, disclosed: Number(value(plan.sheets[2].name, CONC.disclosureRow, 1)), level: String(value(plan.sheets[2].name, CONC.levelRow, 1)) };
}

function coreVerdict(input: BuildInput): Verdict {
  const { summary } = buildWorkbook(input);
  const names = input.table.rows.map((r) => r[0]);
  return { key: names.map((n) => summary.keyAccounts.includes(String(n))), disclosed: summary.disclosure.length, level: summary.hhiLevel };
}

const plans: Record<string, WorkbookPlan> = Object.fromEntries(Object.entries(CASES).map(([name, input]) => [name, buildWorkbook(input).plan]));

describe("the core at the boundaries, worked by hand", () => {
  it("ties: every customer averages 2.2 once rounded as the sheet rounds", () => {
    const totals = kam.WSCORE(
      TIES.map((r) => r.slice(2)),
      [[1, 1, 1]],
    ).map((r) => r[0] as number);
    expect(totals).toEqual([2.2, 2.2, 2.2]);
    const t = Float64Array.from(totals);
    expect(selectKeyAccounts({ kind: "top", n: 2 }, t, [100, 100, 100]).key).toEqual([true, true, false]); // by position
    expect(selectKeyAccounts({ kind: "cutoff", score: 2.2 }, t, [100, 100, 100]).key).toEqual([true, true, true]);
  });
  it("a share of exactly 10% is 10%", () => {
    expect(0.3 / (0.3 + 0.1 + 2.6)).toBeLessThan(DISCLOSURE_SHARE); // floating point
    expect(isDisclosed(0.3, 0.3 + 0.1 + 2.6)).toBe(true);
    expect(isKeyAccount({ kind: "share", threshold: 0.1 }, { rank: 1, total: 1, revenue: 0.3 }, 0.3 + 0.1 + 2.6)).toBe(true);
    expect(isDisclosed(0.29, 3)).toBe(false);
  });
  it("a key account with exactly 1% of revenue is not small; one just below is named", () => {
    expect(0.29 / 29).toBeLessThan(SMALL_KEY_SHARE); // floating point
    expect(isSmallKeyAccount(0.29, 29)).toBe(false);
    expect(isSmallKeyAccount(0.28, 29)).toBe(true);
    expect(isSmallKeyAccount(0, 0)).toBe(false); // no shares without revenue
    // Worked by hand: revenues 50, 40, 9.5, 0.5 (total 100); key: the 1st and the 4th (0.5%).
    const s = summariseKeyAccounts([true, false, false, true], [1, 3, 4, 2], Float64Array.from([50, 40, 9.5, 0.5]));
    expect(s.small).toEqual([{ index: 3, share: 0.005 }]);
    expect(s.keyAccounts).toEqual([0, 3]);
  });
  it("an HHI of 1,800 is moderately concentrated", () => {
    expect(kam.HHI(HHI_1800.map((x) => [x]))).toBe(1800);
    expect(hhiLevel(1800)).toBe("Moderately concentrated");
  });
});

describe("HyperFormula evaluates the sheets to the core's verdicts at the boundaries", () => {
  for (const [name, input] of Object.entries(CASES)) {
    it(name, () => {
      const engine = new PlanEngine(plans[name]);
      const sheet = sheetVerdict(plans[name], (s, r, c) => engine.value(s, r, c), input.table.rows.length);
      expect(sheet).toEqual(coreVerdict(input));
    });
  }
  it("with the verdicts worked by hand", () => {
    expect(coreVerdict(CASES.top2).key).toEqual([true, true, false]);
    expect(coreVerdict(CASES.cutoff).key).toEqual([true, true, true]);
    expect(coreVerdict(CASES.tenth)).toMatchObject({ key: [true, false, true], disclosed: 2 });
    expect(coreVerdict(CASES.hhi).level).toBe("Moderately concentrated");
  });
});

describe("LibreOffice evaluates the sheets to the core's verdicts at the boundaries", () => {
  const texts: Record<string, Record<string, string[][]>> = {};
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "kam-boundaries-"));
    const files = await Promise.all(
      Object.entries(plans).map(async ([name, plan]) => {
        const file = join(dir, `${name}.xlsx`);
        writeFileSync(file, await planToXlsx(plan));
        return file;
      }),
    );
    convertWithLibreOffice(files, join(dir, "csv"), CSV_ALL_SHEETS, recalculatingProfile(join(dir, "profile")));
    for (const [name, plan] of Object.entries(plans)) {
      texts[name] = Object.fromEntries(plan.sheets.map((s) => [s.name, Papa.parse<string[]>(readFileSync(join(dir, "csv", `${name}-${s.name}.csv`), "utf8")).data]));
    }
  }, 120_000);
  for (const [name, input] of Object.entries(CASES)) {
    it(name, () => {
      const sheet = sheetVerdict(plans[name], (s, r, c) => texts[name][s][r]?.[c], input.table.rows.length);
      expect(sheet).toEqual(coreVerdict(input));
    });
  }
});
