/**
 * Reads a customer table from a CSV or .xlsx file (Node only). The first non-empty row is the
 * header. A CSV cell becomes a number only when nothing of what was typed is lost: a canonical
 * number ("1234", "-0.5") or a plain decimal ("1234.50"). Anything else ("0012", "1,234",
 * "$5", "1e5") stays text, so the validation can point at it, and the columns guessed as
 * customer name, region or segment stay text exactly as written.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import Papa from "papaparse";
import { guessRoles, type SourceTable } from "../workbook/customers";
import type { Scalar } from "../workbook/plan";
import { isOwnSheet } from "../workbook/sheets/registry";

export class InputFileError extends Error {}

const PLAIN_DECIMAL = /^-?(0|[1-9]\d*)\.\d+$/;

function csvNumber(text: string): Scalar {
  const x = Number(text);
  return Number.isFinite(x) && (String(x) === text || PLAIN_DECIMAL.test(text)) ? x : text;
}

function toTable(sheetName: string, grid: Scalar[][]): SourceTable {
  const headerAt = grid.findIndex((r) => r.some((c) => c !== null && c !== ""));
  if (headerAt < 0) throw new InputFileError("the file has no rows");
  const headers = grid[headerAt].map((h) => (h === null ? "" : String(h).trim()));
  const rows = grid.slice(headerAt + 1).map((r) => headers.map((_, i) => (r[i] === undefined ? null : r[i])));
  while (rows.length > 0 && rows[rows.length - 1].every((c) => c === null || c === "")) rows.pop();
  if (rows.length === 0) throw new InputFileError("the file has a header row but no customer rows");
  return { sheetName, origin: { row: headerAt, col: 0 }, headers, rows };
}

export function readCsv(path: string, text = readFileSync(path, "utf8")): SourceTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const fatal = parsed.errors.find((e) => e.type === "Quotes" || e.type === "Delimiter");
  if (fatal) throw new InputFileError(`CSV row ${(fatal.row ?? 0) + 1}: ${fatal.message}`);
  const table = toTable(basename(path, extname(path)), parsed.data);
  const roles = guessRoles(table.headers);
  const textCols = new Set([roles.name, roles.region, roles.segment]);
  table.rows = table.rows.map((r) => r.map((c, i) => (c === "" ? null : typeof c !== "string" || textCols.has(i) ? c : csvNumber(c))));
  return table;
}

function excelValue(v: ExcelJS.CellValue): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("result" in v) return excelValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ("error" in v) return { code: (v as ExcelJS.CellErrorValue).error };
  }
  return String(v);
}

export async function readXlsx(path: string, sheet?: string): Promise<SourceTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new InputFileError(`cannot read ${basename(path)} as an .xlsx workbook (${(e as Error).message})`);
  }
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets.find((w) => !isOwnSheet({ name: w.name }));
  if (!ws) throw new InputFileError(sheet ? `the workbook has no sheet named "${sheet}"` : "the workbook has no sheets");
  const grid: Scalar[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: Scalar[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => (cells[c - 1] = excelValue(cell.value)));
    grid[r - 1] = Array.from(cells, (c) => (c === undefined ? null : c));
  });
  return toTable(ws.name, Array.from(grid, (r) => r ?? []));
}

export async function readTable(path: string, sheet?: string): Promise<SourceTable> {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return readCsv(path);
  if (ext === ".xlsx") return readXlsx(path, sheet);
  throw new InputFileError(`${basename(path)}: expected a .csv or .xlsx file`);
}
