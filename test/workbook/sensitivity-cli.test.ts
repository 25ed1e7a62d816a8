/** kam-workbook --sensitivity adds the KAM Sensitivity sheet; without the flag there is none. */
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/kam-workbook";
import { SENSITIVITY, UP_TO_DATE } from "../../src/workbook/sheets/sensitivity";

const SAMPLE = join(__dirname, "../../assets/sample-customers.csv");

async function sheets(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe("kam-workbook --sensitivity", () => {
  it("writes the sheet with its status check only when asked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kam-cli-sens-"));
    const lines: string[] = [];
    expect(await main([SAMPLE, "-o", join(dir, "with.xlsx"), "--sensitivity", "--fixed-costs", "2000000"], (s) => lines.push(s), (s) => lines.push(s))).toBe(0);
    expect(lines.join("\n")).toMatch(/with the KAM Sensitivity sheet/);
    expect(await main([SAMPLE, "-o", join(dir, "without.xlsx")], () => undefined, () => undefined)).toBe(0);
    const wb = await sheets(join(dir, "with.xlsx"));
    const ws = wb.getWorksheet("KAM Sensitivity")!;
    expect(ws).toBeDefined();
    const status = ws.getCell(SENSITIVITY.statusRow + 1, 2).value as { formula: string };
    expect(status.formula).toContain(UP_TO_DATE);
    expect((await sheets(join(dir, "without.xlsx"))).getWorksheet("KAM Sensitivity")).toBeUndefined();
  }, 60_000);
});
