/**
 * Reads the KAM History sheet of an earlier workbook (.xlsx) for `kam-workbook --history`:
 * its values, then the snapshots (src/workbook/history-sheet.ts checks them).
 */
import type ExcelJS from "exceljs";
import { basename } from "node:path";
import type { Snapshot } from "../core/history";
import { KamError } from "../core/errors";
import { HISTORY_SHEET_NAME, readHistory } from "../workbook/history-sheet";
import type { Scalar } from "../workbook/plan";
import { InputFileError } from "./read-table";
import { loadExcelJS } from "../table/read";

function cellValue(v: ExcelJS.CellValue): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object" && "result" in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if (typeof v === "object" && "richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
  return String(v);
}

export async function readHistoryFile(path: string): Promise<Snapshot[]> {
  const wb = new (await loadExcelJS()).Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new InputFileError(`--history: cannot read ${basename(path)} as an .xlsx workbook (${(e as Error).message})`);
  }
  const ws = wb.worksheets.find((w) => w.name.toLowerCase() === HISTORY_SHEET_NAME.toLowerCase());
  if (!ws) throw new InputFileError(`--history: ${basename(path)} has no "${HISTORY_SHEET_NAME}" sheet (close a quarter first: --close "2026 Q3")`);
  const grid: Scalar[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: Scalar[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => (cells[c - 1] = cellValue(cell.value)));
    grid[r - 1] = Array.from(cells, (c) => (c === undefined ? null : c));
  });
  try {
    return readHistory(Array.from(grid, (r) => r ?? []));
  } catch (e) {
    if (e instanceof KamError) throw new InputFileError(`--history: ${basename(path)}, sheet ${HISTORY_SHEET_NAME}: ${e.message}`);
    throw e;
  }
}
