/**
 * Finds and reads the user's customer table through Office.js: the workbook's Excel tables,
 * or the current selection. Cells come back as the builders expect them (`SourceTable`):
 * numbers, text, booleans, null for blanks, and `{ code: "#N/A" }` for error cells so the
 * validation can name them.
 */
import { READ_CHUNK_CELLS } from "../core/defaults";
import type { SourceTable } from "../workbook/customers";
import { isErrorCell, quoteSheetName, type Scalar } from "../workbook/plan";
import { BUILT_BY_KEY, DEFAULT_SHEET_NAMES, isOwnSheet, SHEET_ROLE_KEY } from "../workbook/sheets/registry";
import type { SourceInfo as OfferedSource } from "./wizard/host";

export type SourceRef = { kind: "table"; name: string } | { kind: "selection" } | { kind: "range"; sheet: string; address: string };

export interface SourceInfo {
  /** Stable id for the drop-down: "table:<name>" or "selection". */
  id: string;
  /** Shown to the user, e.g. "Customers (Sheet1!A1:F61), 60 rows". */
  label: string;
  ref: SourceRef;
  /** Table name, or "Current selection". */
  name: string;
  sheet: string;
  /** Address of the whole source, header row included. */
  address: string;
  /** Rows under the header. */
  rows: number;
  columns: number;
}

/** Cells per read (see core/defaults.ts). */
export { READ_CHUNK_CELLS };

const SELECTION = "Current selection";

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

/** Address without the sheet part: "'My sheet'!A1:C9" → "A1:C9". */
function localAddress(address: string): string {
  const i = address.lastIndexOf("!");
  return i < 0 ? address : address.slice(i + 1);
}

export function parseSourceId(id: string): SourceRef {
  if (id === "selection") return { kind: "selection" };
  if (id.startsWith("table:")) return { kind: "table", name: id.slice("table:".length) };
  const bang = id.lastIndexOf("!");
  if (id.startsWith("range:") && bang > 0) return { kind: "range", sheet: id.slice("range:".length, bang), address: id.slice(bang + 1) };
  throw new Error(`unknown source "${id}"`);
}

/** Queues loading each table's sheet, our custom properties on it, and its range (fresh objects each call). */
function queueTables(context: Excel.RequestContext, names: string[]) {
  return names.map((name) => {
    const t = context.workbook.tables.getItem(name);
    const ws = t.worksheet;
    ws.load("name");
    // Our own sheets' tables are not sources: known by their custom properties, under any name.
    const builtBy = ws.customProperties.getItemOrNullObject(BUILT_BY_KEY);
    builtBy.load("value");
    const role = ws.customProperties.getItemOrNullObject(SHEET_ROLE_KEY);
    role.load("value");
    const range = t.getRange();
    range.load("address,rowCount,columnCount");
    return { name, ws, range, builtBy, role };
  });
}
type TableDetails = ReturnType<typeof queueTables>[number];

/** Queues loading the selection, the block around it and its used part. */
function queueSelection(context: Excel.RequestContext) {
  const sel = context.workbook.getSelectedRange();
  sel.load("address,rowCount,columnCount");
  sel.worksheet.load("name");
  const region = sel.getSurroundingRegion();
  region.load("address,rowCount,columnCount");
  const used = sel.getUsedRangeOrNullObject(true);
  used.load("address,rowCount,columnCount");
  return { sel, region, used };
}

/** The selection's entry (after the sync): one cell selected means the block of data around it, else the used part of the selection. */
function selectionSource({ sel, region, used }: ReturnType<typeof queueSelection>): SourceInfo {
  const chosen = sel.rowCount * sel.columnCount === 1 ? region : used.isNullObject ? undefined : used;
  const rows = Math.max(chosen ? chosen.rowCount - 1 : 0, 0);
  const address = chosen?.address ?? sel.address;
  return { id: "selection", label: `${SELECTION} (${address}), ${plural(rows, "row")}`, ref: { kind: "selection" }, name: SELECTION, sheet: sel.worksheet.name, address, rows, columns: chosen?.columnCount ?? 0 };
}

/** A table's entry (after the sync). */
function tableSource(d: TableDetails): SourceInfo {
  return {
    id: `table:${d.name}`,
    label: `${d.name} (${quoteSheetName(d.ws.name)}!${localAddress(d.range.address)}), ${plural(d.range.rowCount - 1, "row")}`,
    ref: { kind: "table" as const, name: d.name },
    name: d.name,
    sheet: d.ws.name,
    address: d.range.address,
    rows: d.range.rowCount - 1,
    columns: d.range.columnCount,
  };
}

const onOwnSheet = (d: TableDetails) => isOwnSheet({ name: d.ws.name, properties: { builtBy: d.builtBy.isNullObject ? undefined : d.builtBy.value, role: d.role.isNullObject ? undefined : d.role.value } });

/**
 * The workbook's Excel tables (except the add-in's own) and the current selection. Two syncs;
 * a third only when the selection cannot be read (a chart or several areas selected), in which
 * case the list has no selection entry.
 */
export async function listSources(context: Excel.RequestContext): Promise<SourceInfo[]> {
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();
  const names = tables.items.map((t) => t.name);
  let details = queueTables(context, names);
  const selected = queueSelection(context);
  let selection: SourceInfo | undefined;
  try {
    await context.sync();
    selection = selectionSource(selected);
  } catch {
    // Objects first used in a batch that failed are not reused: the tables again, without the selection.
    details = queueTables(context, names);
    await context.sync();
  }
  const out = details.filter((d) => !onOwnSheet(d)).map(tableSource);
  if (selection) out.push(selection);
  return out;
}

/** Converts one cell from `values` and `valueTypes`. */
export function cellValue(value: unknown, type: string): Scalar {
  switch (type) {
    case "Empty":
      return null;
    case "Error":
      return { code: String(value) };
    case "Double":
    case "Integer":
      return typeof value === "number" ? value : Number(value);
    case "Boolean":
      return typeof value === "boolean" ? value : String(value).toUpperCase() === "TRUE";
    case "String":
      return String(value);
    default:
      // RichValue (linked data types) and the like: what the cell shows.
      return value === null || value === undefined || value === "" ? null : typeof value === "object" ? String((value as { basicValue?: unknown }).basicValue ?? "") : (value as Scalar);
  }
}

export interface ReadOptions {
  /** Cells per sync (default READ_CHUNK_CELLS). */
  chunkCells?: number;
  /** Expected size (from listSources): when small, values are read in the same sync as the size. */
  expected?: { rows: number; columns: number };
}

/**
 * Reads a source as a SourceTable: the first row is the header. One sync for a table whose
 * expected size is known and small, two otherwise, plus one per further 100,000 cells.
 */
export async function readSource(context: Excel.RequestContext, source: SourceRef | SourceInfo | string, options: ReadOptions = {}): Promise<SourceTable> {
  const info = typeof source === "object" && "ref" in source ? source : undefined;
  const ref = typeof source === "string" ? parseSourceId(source) : info ? info.ref : (source as SourceRef);
  const expected = options.expected ?? (info ? { rows: info.rows + 1, columns: info.columns } : undefined);
  const chunkCells = Math.max(1, options.chunkCells ?? READ_CHUNK_CELLS);

  let range: Excel.Range;
  if (ref.kind === "table") range = context.workbook.tables.getItem(ref.name).getRange();
  else if (ref.kind === "range") range = context.workbook.worksheets.getItem(ref.sheet).getRange(ref.address);
  else {
    const sel = context.workbook.getSelectedRange();
    sel.load("rowCount,columnCount");
    const region = sel.getSurroundingRegion();
    const used = sel.getUsedRangeOrNullObject(true);
    used.load("rowCount");
    await context.sync();
    if (sel.rowCount * sel.columnCount === 1) range = region;
    else if (used.isNullObject) throw new Error("The selection is empty: select the customer table, header row included.");
    else range = used;
  }
  const ws = range.worksheet;
  ws.load("name");
  range.load("address,rowIndex,columnIndex,rowCount,columnCount");
  const speculative = expected !== undefined && expected.rows * expected.columns <= chunkCells;
  if (speculative) range.load("values,valueTypes");
  await context.sync();

  const rows = range.rowCount;
  const cols = range.columnCount;
  let values: unknown[][];
  let types: string[][];
  if (speculative && range.values.length === rows) {
    values = range.values;
    types = range.valueTypes;
  } else {
    values = [];
    types = [];
    const per = Math.max(1, Math.floor(chunkCells / Math.max(cols, 1)));
    for (let r0 = 0; r0 < rows; r0 += per) {
      const n = Math.min(per, rows - r0);
      const part = range.getCell(r0, 0).getResizedRange(n - 1, cols - 1);
      part.load("values,valueTypes");
      await context.sync();
      values.push(...part.values);
      types.push(...part.valueTypes);
    }
  }
  return toSourceTable(ws.name, { row: range.rowIndex, col: range.columnIndex }, values, types);
}

/** Header from the first row, data rows under it; trailing empty rows dropped. */
export function toSourceTable(sheetName: string, origin: { row: number; col: number }, values: unknown[][], types: string[][]): SourceTable {
  if (values.length === 0) return { sheetName, origin, headers: [], rows: [] };
  const headers = values[0].map((v, c) => {
    const x = cellValue(v, types[0]?.[c] ?? "String");
    return x === null ? "" : isErrorCell(x) ? x.code : String(x).trim();
  });
  const rows = values.slice(1).map((row, r) => row.map((v, c) => cellValue(v, types[r + 1]?.[c] ?? "String")));
  while (rows.length > 0 && rows[rows.length - 1].every((v) => v === null || v === "")) rows.pop();
  return { sheetName, origin, headers, rows };
}

/** The add-in's own sheets (and their "(2)" variants) by name: never offered as a source. */
const OWN_NAMES = new Set(Object.values(DEFAULT_SHEET_NAMES).map((n) => n.toLowerCase()));
const isOwnSheetName = (name: string) => OWN_NAMES.has(name.toLowerCase().replace(/ \(\d+\)$/, ""));

/** The sources the pane offers: no empty entries and none on the add-in's own sheets (neither can be a customer table). */
export async function offeredSources(context: Excel.RequestContext): Promise<OfferedSource[]> {
  return (await listSources(context))
    .filter((s) => s.rows > 0 && !isOwnSheetName(s.sheet))
    .map((s) => ({
      id: s.id,
      label: s.name,
      detail: `${s.address.includes("!") ? s.address : `${s.sheet}!${s.address}`} · ${s.rows.toLocaleString()} row${s.rows === 1 ? "" : "s"}`,
      rows: s.rows,
      sheet: s.sheet,
      kind: s.ref.kind === "selection" ? ("selection" as const) : ("table" as const),
    }));
}
