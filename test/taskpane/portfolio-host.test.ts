/**
 * KAM Portfolio in Excel (the fake host, formulas evaluated by HyperFormula): the boxes are
 * what KAM.PORTFOLIO gives on the sheet's axes, the counts and revenue per box are those boxes
 * counted by hand, and both stay so after the user sorts the scoring table both ways and
 * deletes a customer row (issue 8's actions, in the second engine).
 */
import { describe, expect, it } from "vitest";
import { PORTFOLIO as PORTFOLIO_FN } from "../../src/core/kam-review";
import { QUADRANTS } from "../../src/core/portfolio";
import { SCORING } from "../../src/workbook/build";
import { PORTFOLIO } from "../../src/workbook/sheets/portfolio";
import { runWizard, workbookWithTable } from "../fake-excel/wizard-flow";

const HEADERS = ["Customer", "Revenue", "Cost", "NPS", "Tenure (years)"];
const ROWS: [string, number, number, number, number][] = [
  ["Acme Corp", 1_200_000, 900_000, 40, 8],
  ["Birch Ltd", 800_000, 500_000, 10, 3],
  ["Cobalt AG", 800_000, 600_000, 55, 12],
  ["Dune GmbH", 300_000, 250_000, -20, 1],
  ["Ember SA", 150_000, 90_000, 35, 5],
  ["Fjord AS", 90_000, 80_000, 60, 2],
  ["Gale Inc", 60_000, 20_000, 70, 9],
];

describe("KAM Portfolio in Excel (fake host)", () => {
  it("boxes equal KAM.PORTFOLIO of the axes, counts and revenue per box follow a sort both ways and a deleted row", async () => {
    const fake = workbookWithTable(HEADERS, ROWS, { evaluate: true });
    await runWizard(fake, { keyRule: { kind: "top", n: 3 } });
    const first = SCORING.headerRow + 1;
    const P = PORTFOLIO;

    const check = (customers: number) => {
      const scoring = fake.sheetValues("KAM Scoring");
      const header = scoring[SCORING.headerRow].map(String);
      const names = scoring.slice(first, first + customers).map((r) => r[0]);
      const v = fake.sheetValues("KAM Portfolio");
      const rows = v.slice(P.headerRow + 1, P.headerRow + 1 + customers);
      // Row k is the k-th customer of the scoring table now, with its revenue and key flag.
      expect(rows.map((r) => r[P.nameCol])).toEqual(names);
      expect(rows.map((r) => r[P.keyCol] ?? "")).toEqual(scoring.slice(first, first + customers).map((r) => r[header.indexOf("Key account")] ?? ""));
      // The row after the customers is blank.
      expect(v[P.headerRow + 1 + customers]?.[P.nameCol] ?? "").toBe("");
      const a = rows.map((r) => [r[P.attractivenessCol] as number]);
      const s = rows.map((r) => [r[P.strengthCol] as number]);
      expect(a.every(([x]) => typeof x === "number") && s.every(([x]) => typeof x === "number")).toBe(true);
      const boxes = PORTFOLIO_FN(a, s).map((r) => r[0]);
      expect(rows.map((r) => r[P.quadrantCol])).toEqual(boxes);
      const total = rows.reduce((t, r) => t + (r[P.revenueCol] as number), 0);
      QUADRANTS.forEach((q, i) => {
        const inBox = rows.filter((_, k) => boxes[k] === q);
        expect(v[P.firstQuadrantRow + i][1], `${q} count`).toBe(inBox.length);
        expect(v[P.firstQuadrantRow + i][2] as number, `${q} revenue`).toBeCloseTo(inBox.reduce((t, r) => t + (r[P.revenueCol] as number), 0), 6);
      });
      expect(v[P.unplacedRow][1]).toBe(0);
      expect(total).toBeCloseTo(ROWS.filter((r) => names.includes(r[0])).reduce((t, r) => t + r[1], 0), 6);
      return boxes;
    };

    const fresh = check(ROWS.length);
    expect(new Set(fresh).size).toBeGreaterThan(1);
    const width = fake.sheetValues("KAM Scoring")[SCORING.headerRow].filter((h) => h !== "" && h !== null && h !== undefined).length;
    const table = `A${first + 1}:${String.fromCharCode(64 + width)}${first + ROWS.length}`;
    await fake.sortRowsAsUser("KAM Scoring", table, 0, false);
    expect(fake.sheetValues("KAM Scoring")[first][0]).toBe("Gale Inc");
    check(ROWS.length);
    await fake.sortRowsAsUser("KAM Scoring", table, 1, true);
    check(ROWS.length);
    await fake.deleteRowsAsUser("KAM Scoring", first + 2, 1);
    check(ROWS.length - 1);
  }, 120_000);
});
