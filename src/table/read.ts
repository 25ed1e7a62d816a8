/**
 * Reads a customer table from a CSV/text export or an .xlsx workbook (Node only): the one
 * implementation behind the CLI (and the tests of the pane's mapping). It detects the
 * encoding, the delimiter, the header row below any title rows, and per column the decimal
 * mark, thousands separators, currency, percent and accounting negatives, and says what it
 * found in `notes`. In a workbook it skips hidden sheets and our own "KAM …" sheets, takes the
 * one sheet that holds a customer table (or the one named, matched without regard to case),
 * and refuses with the list of sheets otherwise.
 */
import type ExcelJS from "exceljs";
import { readFileSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import Papa from "papaparse";
import type { SourceTable } from "../workbook/customers";
import { a1, quoteSheetName, type Scalar } from "../workbook/plan";
import { mapColumns, textRoleColumns } from "./columns";
import { isOwnSheet } from "../workbook/sheets/registry";
import { decodeText } from "./decode";
import { convertNumbers, findHeaderRow } from "./grid";
import { type ColumnFormat, decimalEvidence, type DecimalMark, describeFormat, isNotable } from "./numbers";

export { convertNumbers, findHeaderRow } from "./grid";

export class InputFileError extends Error {}

/** More data rows than this are refused (the workbook would not be usable in Excel either; see README). */
export const MAX_ROWS = 200_000;
/** .xlsx files larger than this are refused before reading (ExcelJS holds the whole workbook in memory). */
export const MAX_XLSX_BYTES = 40 * 1024 * 1024;

/** ExcelJS, loaded when an .xlsx is read (loading it takes about a second; a CSV does not need it). */
export const loadExcelJS = async (): Promise<typeof ExcelJS> => {
  const m = (await import("exceljs")) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS;
  return m.default ?? m;
};

export interface ReadOptions {
  /** Sheet of an .xlsx file, matched without regard to case. */
  sheet?: string;
  /** Decimal mark for cells that could be read either way ("1.234"); otherwise detected. */
  decimal?: DecimalMark;
}

/** A formula cell without a saved result: the value is unknown. */
export interface UncomputedCell {
  row: number;
  col: number;
  address: string;
  formula: string;
}

export interface TableRead {
  table: SourceTable;
  /** What was detected, one line each, for the user. */
  notes: string[];
  /** Per column, how its numbers were written. */
  formats: Map<number, ColumnFormat>;
  /** Formula cells without a saved value (blank in `table`). */
  uncomputed: UncomputedCell[];
  /** Data rows whose amounts are SUBTOTAL/SUM formulas (totals). */
  formulaTotalRows: Set<number>;
  /** Data rows whose name cell is part of a merged cell below its first row. */
  mergedNameRows: Set<number>;
}

const isEmptyCell = (c: Scalar | undefined) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

function toTable(sheetName: string, grid: Scalar[][]): { table: SourceTable; headerAt: number } {
  const headerAt = findHeaderRow(grid);
  if (headerAt < 0) throw new InputFileError("the file has no rows");
  const width = Math.max(...grid.slice(headerAt, headerAt + 200).map((r) => r.length));
  const headers = Array.from({ length: width }, (_, i) => {
    const h = grid[headerAt][i];
    return h === null || h === undefined ? "" : String(h).trim();
  });
  while (headers.length > 0 && headers[headers.length - 1] === "" && grid.slice(headerAt + 1).every((r) => isEmptyCell(r[headers.length - 1]))) headers.pop();
  const rows = grid.slice(headerAt + 1).map((r) => headers.map((_, i) => (r[i] === undefined ? null : r[i])));
  while (rows.length > 0 && rows[rows.length - 1].every((c) => isEmptyCell(c))) rows.pop();
  if (rows.length === 0) throw new InputFileError("the file has a header row but no customer rows");
  if (rows.length > MAX_ROWS) throw new InputFileError(`the table has ${rows.length.toLocaleString("en-US")} rows; kam-workbook reads at most ${MAX_ROWS.toLocaleString("en-US")} customers (split the table, e.g. by region)`);
  return { table: { sheetName, origin: { row: headerAt, col: 0 }, headers, rows }, headerAt };
}

function fileDecimalOf(table: SourceTable, option: DecimalMark | undefined, hint: DecimalMark | undefined, hintWhy: string): [DecimalMark, string] {
  if (option) return [option, "the option"];
  const keepText = textRoleColumns(table.headers);
  const texts: string[] = [];
  for (const row of table.rows) row.forEach((v, c) => !keepText.has(c) && typeof v === "string" && texts.push(v));
  const ev = decimalEvidence(texts);
  if (ev.comma > ev.point) return [",", "from the cells"];
  if (ev.point > ev.comma) return [".", "from the cells"];
  if (hint) return [hint, hintWhy];
  return [".", "the default; use --decimal , for a decimal comma"];
}

function formatNotes(table: SourceTable, formats: Map<number, ColumnFormat>): string[] {
  const notes: string[] = [];
  for (const [c, f] of formats) {
    if (!isNotable(f) && f.texts === 0) continue;
    const left = f.texts ? `; ${f.texts} cell${f.texts === 1 ? "" : "s"} could not be read as numbers` : "";
    if (isNotable(f) || left) notes.push(`"${table.headers[c] || `column ${c + 1}`}": ${describeFormat(f)}${left}`);
  }
  return notes;
}

const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "bar" };

export function readCsv(path: string, text?: string, options: ReadOptions = {}): SourceTable {
  return readCsvDetailed(path, text, options).table;
}

/** Reads a CSV or tab-separated text export; `text` (already decoded) is for tests. */
export function readCsvDetailed(path: string, text?: string, options: ReadOptions = {}): TableRead {
  const notes: string[] = [];
  if (text === undefined) {
    const bytes = readFileSync(path);
    const d = decodeText(bytes);
    text = d.text;
    notes.push(`Encoding: ${d.encoding.toUpperCase()} (${d.how})`);
  }
  text = text.replace(/^\uFEFF/, "");
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0 && lines <= MAX_ROWS + 50; i = text.indexOf("\n", i + 1)) lines++;
  if (lines > MAX_ROWS + 50) throw new InputFileError(`${basename(path)} has more than ${MAX_ROWS.toLocaleString("en-US")} rows; kam-workbook reads at most ${MAX_ROWS.toLocaleString("en-US")} customers (split the table, e.g. by region)`);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [",", ";", "\t", "|"] });
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal) throw new InputFileError(`CSV row ${(fatal.row ?? 0) + 1}: ${fatal.message}`);
  const delimiter = parsed.meta.delimiter;
  notes.push(`Separator: ${DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter)}`);
  const { table, headerAt } = toTable(basename(path, extname(path)), parsed.data as Scalar[][]);
  if (headerAt > 0) notes.push(`Header on row ${headerAt + 1} (${headerAt} title row${headerAt === 1 ? "" : "s"} above it skipped)`);
  const [decimal, from] = fileDecimalOf(table, options.decimal, delimiter === ";" ? "," : undefined, "a ;-separated file");
  const formats = convertNumbers(table, decimal, from);
  notes.push(...formatNotes(table, formats));
  return { table, notes, formats, uncomputed: [], formulaTotalRows: new Set(), mergedNameRows: new Set() };
}

/**
 * A cell's formula text, if it has one. A cell of a shared formula (how Excel stores a filled
 * column) holds only the address of the run's first cell: ExcelJS's `formula` gives that cell's
 * text with the references moved to this one.
 */
function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value;
  return v && typeof v === "object" && ("formula" in v || "sharedFormula" in v) ? (cell.formula ?? "") : undefined;
}

function excelValue(v: ExcelJS.CellValue): Scalar | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return undefined; // not computed
      return excelValue(result as ExcelJS.CellValue);
    }
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ("error" in v) return { code: (v as ExcelJS.CellErrorValue).error };
  }
  return String(v);
}

interface SheetGrid {
  grid: Scalar[][];
  formulas: Map<string, string>; // "r,c" (0-based) → formula
  uncomputed: Set<string>;
  merged: Set<string>;
}

function sheetGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const grid: Scalar[][] = [];
  const formulas = new Map<string, string>();
  const uncomputed = new Set<string>();
  const merged = new Set<string>();
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: Scalar[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const key = `${r - 1},${c - 1}`;
      const source = cell.isMerged && cell.master !== cell ? cell.master : cell;
      const raw = source.value;
      if (source !== cell) merged.add(key);
      const f = formulaOf(source);
      if (f !== undefined) formulas.set(key, f);
      const v = excelValue(raw);
      if (v === undefined) {
        uncomputed.add(key);
        cells[c - 1] = null;
      } else cells[c - 1] = v;
    });
    grid[r - 1] = Array.from(cells, (c) => (c === undefined ? null : c));
  });
  return { grid: Array.from(grid, (r) => r ?? []), formulas, uncomputed, merged };
}

const TOTAL_FORMULA = /^\s*=?\s*(SUBTOTAL|SUM|AGGREGATE)\s*\(/i;

function tableFromSheet(ws: ExcelJS.Worksheet, options: ReadOptions): TableRead {
  const g = sheetGrid(ws);
  const { table, headerAt } = toTable(ws.name, g.grid);
  const notes: string[] = [];
  if (headerAt > 0) notes.push(`Header on row ${headerAt + 1} of sheet "${ws.name}" (${headerAt} title row${headerAt === 1 ? "" : "s"} above it skipped)`);
  const [decimal, from] = fileDecimalOf(table, options.decimal, undefined, "");
  const formats = convertNumbers(table, decimal, from);
  notes.push(...formatNotes(table, formats));
  const uncomputed: UncomputedCell[] = [];
  const formulaTotalRows = new Set<number>();
  const mergedNameRows = new Set<number>();
  const name = mapColumns(table).roles.name;
  const at = (key: string) => key.split(",").map(Number) as [number, number];
  for (const key of g.uncomputed) {
    const [r, c] = at(key);
    if (r <= headerAt || c >= table.headers.length) continue;
    uncomputed.push({ row: r - headerAt - 1, col: c, address: `${quoteSheetName(ws.name)}!${a1(r, c)}`, formula: g.formulas.get(key) ?? "" });
  }
  uncomputed.sort((x, y) => x.row - y.row || x.col - y.col);
  for (const [key, f] of g.formulas) {
    const [r, c] = at(key);
    if (r > headerAt && c !== name && TOTAL_FORMULA.test(f)) formulaTotalRows.add(r - headerAt - 1);
  }
  for (const key of g.merged) {
    const [r, c] = at(key);
    if (r > headerAt && c === name) mergedNameRows.add(r - headerAt - 1);
  }
  return { table, notes, formats, uncomputed, formulaTotalRows, mergedNameRows };
}

export async function readXlsx(path: string, sheet?: string): Promise<SourceTable> {
  return (await readXlsxDetailed(path, { sheet })).table;
}

export async function readXlsxDetailed(path: string, options: ReadOptions = {}): Promise<TableRead> {
  const size = statSync(path).size;
  if (size > MAX_XLSX_BYTES) {
    throw new InputFileError(`${basename(path)} is ${(size / 2 ** 20).toFixed(0)} MB; kam-workbook reads .xlsx files up to ${MAX_XLSX_BYTES / 2 ** 20} MB (save the customer sheet as CSV instead)`);
  }
  const wb = new (await loadExcelJS()).Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new InputFileError(`cannot read ${basename(path)} as an .xlsx workbook (${(e as Error).message})`);
  }
  const describe = (ws: ExcelJS.Worksheet) => `"${ws.name}"${ws.state !== "visible" ? " (hidden)" : ""}`;
  const list = () => wb.worksheets.map(describe).join(", ");
  if (options.sheet !== undefined) {
    const want = options.sheet.trim();
    const ws = wb.worksheets.find((s) => s.name === want) ?? wb.worksheets.find((s) => s.name.toLowerCase() === want.toLowerCase());
    if (!ws) throw new InputFileError(`--sheet: the workbook has no sheet named "${options.sheet}"; its sheets are: ${list()}`);
    const read = tableFromSheet(ws, options);
    read.notes.unshift(`Sheet "${ws.name}" (chosen with --sheet)`);
    return read;
  }
  const visible = wb.worksheets.filter((s) => s.state === "visible" && !isOwnSheet({ name: s.name }));
  const hidden = wb.worksheets.filter((s) => s.state !== "visible");
  const tables: [ExcelJS.Worksheet, TableRead][] = [];
  for (const ws of visible) {
    try {
      const read = tableFromSheet(ws, options);
      const m = mapColumns(read.table);
      if (m.roles.name !== undefined && m.roles.revenue !== undefined) tables.push([ws, read]);
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
    }
  }
  if (tables.length === 1) {
    const [ws, read] = tables[0];
    const skipped = hidden.length ? `; hidden sheet${hidden.length === 1 ? "" : "s"} ${hidden.map((s) => `"${s.name}"`).join(", ")} skipped` : "";
    read.notes.unshift(`Sheet "${ws.name}" (the one with a customer table${skipped})`);
    return read;
  }
  if (tables.length > 1) {
    throw new InputFileError(`several sheets hold a customer table (${tables.map(([s]) => `"${s.name}"`).join(", ")}); choose one with --sheet, e.g. --sheet "${tables[0][0].name}"`);
  }
  throw new InputFileError(`no visible sheet holds a customer table (a header row with a customer name and a revenue column); the sheets are: ${list()}. Choose one with --sheet NAME, and the columns with --column`);
}

export async function readTableDetailed(path: string, options: ReadOptions = {}): Promise<TableRead> {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") {
    if (options.sheet !== undefined) throw new InputFileError("--sheet applies to .xlsx files only");
    return readCsvDetailed(path, undefined, options);
  }
  if (ext === ".xlsx" || ext === ".xlsm") return readXlsxDetailed(path, options);
  if (ext === ".xls") throw new InputFileError(`${basename(path)}: the old .xls format cannot be read; save it as .xlsx or CSV`);
  throw new InputFileError(`${basename(path)}: expected a .csv, .txt or .xlsx file`);
}

export async function readTable(path: string, sheet?: string): Promise<SourceTable> {
  return (await readTableDetailed(path, { sheet })).table;
}
