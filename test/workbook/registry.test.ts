/** The sheet registry: one spec per sheet, one definition of "ours", one manual-header pair. */
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readXlsx } from "../../src/cli/read-table";
import { buildWorkbook } from "../../src/workbook/build";
import { readPreviousInputs } from "../../src/workbook/previous";
import { BUILT_BY_VALUE, DEFAULT_SHEET_NAMES, isOwnSheet, nameVariant, SHEETS, sheetRoleOf } from "../../src/workbook/sheets/registry";
import { isManualHeader, manualHeader, SCORING } from "../../src/workbook/sheets/scoring";
import { smallInput } from "./fixtures";

describe("the registry", () => {
  it("builds one sheet per spec, in order, with its name and tab colour", () => {
    // the sensitivity sheet is built on request only
    const { plan } = buildWorkbook(smallInput({ sensitivity: true }));
    expect(plan.sheets.map((s) => [s.name, s.tabColor])).toEqual(SHEETS.map((s) => [s.defaultName, s.tabColor]));
    expect(DEFAULT_SHEET_NAMES).toEqual({ scoring: "KAM Scoring", loss: "KAM Loss Scenarios", concentration: "KAM Concentration", portfolio: "KAM Portfolio", sensitivity: "KAM Sensitivity", summary: "KAM Summary" });
  });

  it("declares each sheet's widths for every column it writes", () => {
    const { plan } = buildWorkbook(smallInput({ sensitivity: true }));
    for (const sheet of plan.sheets) {
      const used = sheet.blocks[0].cells.reduce((m, r) => Math.max(m, r.reduce((k, c, i) => (c.value !== undefined || c.formula !== undefined ? i + 1 : k), 0)), 0);
      expect(sheet.columnWidths!.length, sheet.name).toBeGreaterThanOrEqual(used);
    }
  });
});

describe("whether a sheet is ours", () => {
  const ours = (role?: string) => ({ builtBy: BUILT_BY_VALUE, role });
  it("where the host keeps properties: by KAM.builtBy, under any name; the role by KAM.sheet, else by name", () => {
    expect(sheetRoleOf({ name: "My scores", properties: ours("scoring") })).toBe("scoring");
    expect(sheetRoleOf({ name: "KAM Loss Scenarios (3)", properties: ours() })).toBe("loss"); // built before KAM.sheet
    expect(sheetRoleOf({ name: "Renamed", properties: ours() })).toBeUndefined();
    expect(sheetRoleOf({ name: "KAM Scoring", properties: {} })).toBeUndefined(); // the user's, with our name
    expect(sheetRoleOf({ name: "KAM Scoring", properties: { builtBy: "someone else", role: "scoring" } })).toBeUndefined();
  });
  it("without properties (an .xlsx file): by our names and their (k) variants, any case", () => {
    expect(sheetRoleOf({ name: "kam concentration (2)" })).toBe("concentration");
    expect(isOwnSheet({ name: "KAM Scoring (1)" })).toBe(false);
    expect(isOwnSheet({ name: "KAM customers" })).toBe(false);
    expect(nameVariant("KAM Scoring (12)", "KAM Scoring")).toBe(12);
  });
  it("the CLI reads the first sheet that is not ours, though its name starts with KAM", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("KAM Scoring").addRow(["Customer", "Revenue"]);
    const mine = wb.addWorksheet("KAM customers");
    mine.addRow(["Customer", "Revenue"]);
    mine.addRow(["Acme", 100]);
    const file = join(mkdtempSync(join(tmpdir(), "kam-reg-")), "in.xlsx");
    await wb.xlsx.writeFile(file);
    const table = await readXlsx(file);
    expect(table.sheetName).toBe("KAM customers");
    expect(table.rows).toEqual([["Acme", 100]]);
  });
});

describe("the manual-score header", () => {
  it("is written and recognised by one pair of functions", () => {
    expect(manualHeader("Retention")).toBe("Retention (1–10)");
    expect(isManualHeader("Retention (1–10)", "Retention")).toBe(true);
    expect(isManualHeader("Retention (1–10) (2)", "Retention")).toBe(true); // made unique
    expect(isManualHeader("Retention score", "Retention")).toBe(false);
    expect(isManualHeader(null, "Retention")).toBe(false);
  });
  it("is what the rebuild reads manual scores under", () => {
    const { plan } = buildWorkbook(smallInput());
    const grid = plan.sheets[0].blocks[0].cells.map((r) => r.map((c) => c.value ?? null));
    const col = grid[SCORING.headerRow].indexOf(manualHeader("Retention"));
    grid[SCORING.headerRow + 1][col] = 7;
    expect(readPreviousInputs(grid).manual).toEqual({ "acme corp": { Retention: 7 } });
  });
});
