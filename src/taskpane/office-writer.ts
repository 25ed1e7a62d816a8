/**
 * Writes a WorkbookPlan into the open workbook through Office.js (the other writer of the same
 * plan is `src/workbook/xlsx-writer.ts`). It only moves data: the builders computed everything.
 *
 * Round trips are the scarce resource, so everything is queued and synced in as few batches as
 * the request size allows: all sheets are created in the first batch (formulas may refer to any
 * of them); a column of formulas that are copies of one another (the same formula in R1C1
 * notation) is written as one R1C1 formula for the whole run of cells; the other cells go as
 * 2-D arrays in row chunks of at most `maxSyncBytes` of JSON; number formats and styles are
 * applied to rectangles of equal cells (a column of a table is one call, not one per cell).
 * A plan of tens of thousands of rows takes one or two syncs.
 *
 * Literal strings are written with a leading apostrophe so Excel stores them as text and never
 * parses them: a customer called `=HYPERLINK(...)`, `+1`, `1,234` or `TRUE` stays that text.
 */
import { blockSize, columnLetter, type BlockPlan, type CellPlan, type ChartPlan, type RangeRef, type SheetPlan, type WorkbookPlan } from "../workbook/plan";
import { COLOR_SCALE, STYLES } from "../workbook/styles";

import { BUILT_BY_KEY, BUILT_BY_VALUE } from "../workbook/sheets/registry";

/** The custom property marking a sheet as ours: one definition, in the sheet registry. */
export { BUILT_BY_KEY, BUILT_BY_VALUE };

/**
 * Excel on the web rejects requests above 5 MB. The estimate below counts the JSON of the
 * values set plus a fixed allowance per operation, so 4 MB leaves room for the envelope.
 */
export const DEFAULT_MAX_SYNC_BYTES = 4_000_000;
/** Allowance for one queued operation besides its value (object path, method name, ids). */
const OP_BYTES = 120;

export interface WriteOptions {
  /** Largest estimated request payload per sync, in bytes (default 4 MB). */
  maxSyncBytes?: number;
  /** Names of the tables already in the workbook: table names are unique per workbook, a taken name gets a suffix. */
  takenTableNames?: Iterable<string>;
  /** Custom properties to add to each sheet besides `KAM.builtBy`, by sheet name. */
  properties?: Record<string, Record<string, string>>;
  /** Called after every sync with the share of cell rows written so far (0–1). */
  onProgress?: (fraction: number) => void;
  /**
   * Sheets of the plan to write into an existing sheet instead of adding one, by sheet name:
   * the sheet's id, and the tables and charts on it (by name). The sheet is emptied first
   * (tables, charts, colour scales, cells, formats, frozen panes); it keeps its identity, so
   * formulas elsewhere that refer to it still do.
   */
  reuse?: Record<string, { id: string; tables: string[]; charts: string[] }>;
  /** A sheet of the plan to show at the end, in the last sync. */
  activate?: string;
}

export interface WriteStats {
  syncs: number;
  /** Estimated request payload (JSON of the values set plus a per-operation allowance), in bytes. */
  payloadBytes: number;
  largestSyncBytes: number;
  /** Name each planned table got in the workbook (the planned name, or that name with a suffix). */
  tableNames: Record<string, string>;
}

/**
 * Queues what empties a sheet for rewriting: its tables and charts (by name), colour scales,
 * cells and formats, hidden rows and frozen panes. The sheet itself, and so every reference
 * to it, stays.
 */
export function emptySheet(ws: Excel.Worksheet, tables: string[], charts: string[]): void {
  for (const t of tables) ws.tables.getItem(t).delete();
  for (const c of charts) ws.charts.getItem(c).delete();
  const all = ws.getRange();
  all.conditionalFormats.clearAll();
  all.clear();
  all.rowHidden = false;
  ws.freezePanes.unfreeze();
}

/** What to put in `range.formulas` for a planned cell: formulas as they are, literal text behind an apostrophe. */
export function formulaInput(c: CellPlan | undefined): string | number | boolean | null {
  if (!c) return null;
  if (c.formula !== undefined) return c.formula;
  const v = c.value;
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "string") return `'${v}`;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  return v;
}

/** UTF-8 size of a value's JSON. */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? "";
  let n = s.length;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) n += s.charCodeAt(i) > 0x7ff ? 2 : 1;
  return n;
}

/** Counts the payload queued since the last sync and syncs when the next piece would not fit. */
class Batch {
  syncs = 0;
  total = 0;
  largest = 0;
  private pending = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    readonly max: number,
    private readonly progress: () => void,
  ) {}
  add(bytes: number): void {
    this.pending += bytes + OP_BYTES;
  }
  /** True when `bytes` more can go into the current batch. */
  fits(bytes: number): boolean {
    return this.pending + bytes + OP_BYTES <= this.max;
  }
  get empty(): boolean {
    return this.pending === 0;
  }
  async sync(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.total += this.pending;
    this.largest = Math.max(this.largest, this.pending);
    this.pending = 0;
    this.progress();
  }
  /** Queues an operation of `bytes`, syncing first if it would overflow the batch. */
  async room(bytes: number): Promise<void> {
    if (!this.empty && !this.fits(bytes)) await this.sync();
  }
}

/** A rectangle of equal cells, in sheet coordinates. */
interface Rect extends RangeRef {
  key: string;
}

/**
 * Groups the cells of a block into rectangles of equal keys: vertical runs per column, then
 * runs with the same rows and key in adjacent columns merge. `key` returns undefined for a cell
 * that takes no part, or WILDCARD for one that may join any run (an empty cell can take a
 * number format without changing anything).
 */
const WILDCARD = "\u0000*";
export function rectangles(block: BlockPlan, key: (c: CellPlan) => string | undefined): Rect[] {
  const { rows, cols } = blockSize(block);
  const out: Rect[] = [];
  let open = new Map<string, Rect>(); // runs ending at the previous column, by "r0:r1:key"
  for (let c = 0; c < cols; c++) {
    const runs: { r0: number; r1: number; key: string }[] = [];
    let cur: { r0: number; r1: number; key: string } | undefined;
    let lastReal = -1; // last row of `cur` that is not a wildcard
    for (let r = 0; r < rows; r++) {
      const k = key(block.cells[r]?.[c] ?? {});
      if (k === WILDCARD) {
        continue;
      }
      if (cur && k === cur.key) {
        cur.r1 = r;
        lastReal = r;
        continue;
      }
      if (cur) {
        cur.r1 = lastReal;
        runs.push(cur);
        cur = undefined;
      }
      if (k !== undefined) {
        cur = { r0: r, r1: r, key: k };
        lastReal = r;
      }
    }
    if (cur) runs.push(cur);
    const next = new Map<string, Rect>();
    for (const run of runs) {
      const id = `${run.r0}:${run.r1}:${run.key}`;
      const prev = open.get(id);
      if (prev) {
        prev.cols++;
        next.set(id, prev);
      } else {
        const rect = { row: block.row + run.r0, col: block.col + c, rows: run.r1 - run.r0 + 1, cols: 1, key: run.key };
        out.push(rect);
        next.set(id, rect);
      }
    }
    open = next;
  }
  return out;
}

const isEmptyCell = (c: CellPlan) => c.formula === undefined && (c.value === undefined || c.value === null || c.value === "");

/** Characters to points: Excel's column width in characters is about 7 pixels each plus 5 of padding, 0.75 pt per pixel. */
export const charsToPoints = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

const CHART_TYPES: Record<ChartPlan["kind"], "Line" | "ColumnClustered" | "XYScatterLines"> = {
  line: "Line",
  column: "ColumnClustered",
  scatter: "XYScatterLines",
};

/** A table name not in `taken` (compared without case): the name itself, or name_2, name_3, ... */
export function uniqueTableName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${name}_${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Sets one number format for every cell of a range. Office.js documents that setting a single
 * value (not a 2-D array) applies it to all cells of the range, which is also much cheaper than
 * repeating it per cell; the type declarations only know the 2-D form.
 */
function setNumberFormatAll(range: Excel.Range, format: string): void {
  (range as unknown as { numberFormat: string }).numberFormat = format;
}

/**
 * Creates the plan's sheets and writes them. The sheets must not exist yet. Resolves when
 * everything is synced; on a failed sync it rejects with whatever was queued before the failure
 * possibly applied (the caller removes the half-built sheets: see build-sheets.ts).
 */
export async function writePlan(context: Excel.RequestContext, plan: WorkbookPlan, options: WriteOptions = {}): Promise<WriteStats> {
  const totalRows = plan.sheets.reduce((n, s) => n + s.blocks.reduce((m, b) => m + b.cells.length, 0), 0) || 1;
  let rowsDone = 0;
  const batch = new Batch(context, options.maxSyncBytes ?? DEFAULT_MAX_SYNC_BYTES, () => options.onProgress?.(Math.min(1, rowsDone / totalRows)));
  const taken = new Set([...(options.takenTableNames ?? [])].map((n) => n.toLowerCase()));
  const tableNames: Record<string, string> = {};

  // 1. All sheets first: a formula may refer to a sheet written later.
  const sheets = plan.sheets.map((p) => {
    const reuse = options.reuse?.[p.name];
    if (reuse) {
      const ws = context.workbook.worksheets.getItem(reuse.id);
      emptySheet(ws, reuse.tables, reuse.charts);
      batch.add(jsonBytes([reuse.id, reuse.tables, reuse.charts]) + 6 * OP_BYTES);
      if (p.tabColor) ws.tabColor = p.tabColor;
      return ws;
    }
    const ws = context.workbook.worksheets.add(p.name);
    batch.add(jsonBytes(p.name));
    if (p.tabColor) {
      ws.tabColor = p.tabColor;
      batch.add(jsonBytes(p.tabColor));
    }
    ws.customProperties.add(BUILT_BY_KEY, BUILT_BY_VALUE);
    batch.add(jsonBytes([BUILT_BY_KEY, BUILT_BY_VALUE]));
    for (const [k, v] of Object.entries(options.properties?.[p.name] ?? {})) {
      ws.customProperties.add(k, v);
      batch.add(jsonBytes([k, v]));
    }
    return ws;
  });

  // 2. Cell contents, in row chunks that fit a request.
  for (let i = 0; i < plan.sheets.length; i++) {
    for (const block of plan.sheets[i].blocks) {
      await writeBlock(sheets[i], block, batch, (n) => (rowsDone += n));
    }
  }

  // 3. Number formats, styles, layout, tables, colour scales, charts.
  for (let i = 0; i < plan.sheets.length; i++) {
    await writeLayout(sheets[i], plan.sheets[i], batch, taken, tableNames);
  }
  const show = plan.sheets.findIndex((p) => p.name === options.activate);
  if (show >= 0) {
    sheets[show].activate();
    batch.add(8);
  }
  await batch.sync();
  return { syncs: batch.syncs, payloadBytes: batch.total, largestSyncBytes: batch.largest, tableNames };
}

// ------------------------------------------------------------------ A1 → R1C1

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** 1-based column number of column letters (either case). */
function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & ~32) - 64);
  return n;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Letters, digits, _ . $ and backslash: the characters of a name or a reference. */
const isWordChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 36 || c === 92;

/** A cell reference: 1-based column and row, each absolute ($) or relative. */
interface Ref {
  absCol: boolean;
  col: number;
  absRow: boolean;
  row: number;
}

/**
 * Splits an A1 formula into literal text and cell references (outside string literals and
 * quoted sheet names). Undefined when the formula has something this does not model
 * (whole-column or whole-row references, structured or external references, error literals),
 * so the caller keeps the formula as it is.
 */
function tokenize(f: string): (string | Ref)[] | undefined {
  const n = f.length;
  const out: (string | Ref)[] = [];
  let lit = "";
  let i = 0;
  while (i < n) {
    const c = f.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      let j = i + 1;
      for (; j < n; j++) {
        if (f.charCodeAt(j) === c) {
          if (j + 1 < n && f.charCodeAt(j + 1) === c) j++;
          else break;
        }
      }
      if (j >= n) return undefined;
      lit += f.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === 91 /* [ */ || c === 35 /* # */) return undefined;
    if (isLetter(c) || c === 95 || c === 36 || c === 92) {
      let j = i;
      while (j < n && isWordChar(f.charCodeAt(j))) j++;
      const next = j < n ? f.charCodeAt(j) : -1;
      // A reference: optional $, 1–3 letters, optional $, digits, and nothing else in the word.
      let k = i;
      const absCol = f.charCodeAt(k) === 36;
      if (absCol) k++;
      const l0 = k;
      while (k < j && isLetter(f.charCodeAt(k))) k++;
      const letters = k - l0;
      const absRow = k < j && f.charCodeAt(k) === 36;
      if (absRow) k++;
      const d0 = k;
      while (k < j && isDigit(f.charCodeAt(k))) k++;
      const isRef = letters >= 1 && letters <= 3 && k > d0 && k === j && next !== 40 /* ( */ && next !== 33; /* ! */
      const col = isRef ? colNumber(f.slice(l0, l0 + letters)) : 0;
      const row = isRef ? Number(f.slice(d0, k)) : 0;
      if (isRef && col <= MAX_COL && row >= 1 && row <= MAX_ROW) {
        out.push(lit, { absCol, col, absRow, row });
        lit = "";
      } else {
        const tok = f.slice(i, j);
        if (tok.includes("$") || next === 58 /* : */) return undefined; // A:A, $A:$B, names in ranges
        lit += tok;
      }
      i = j;
      continue;
    }
    if (isDigit(c) || c === 46) {
      let j = i;
      while (j < n && (isDigit(f.charCodeAt(j)) || f.charCodeAt(j) === 46)) j++;
      const e = j < n ? f.charCodeAt(j) : -1;
      if ((e === 69 || e === 101) && j + 1 < n) {
        let k = j + 1;
        if (f.charCodeAt(k) === 43 || f.charCodeAt(k) === 45) k++;
        if (k < n && isDigit(f.charCodeAt(k))) {
          j = k;
          while (j < n && isDigit(f.charCodeAt(j))) j++;
        }
      }
      if (j < n && f.charCodeAt(j) === 58) return undefined; // 1:3
      lit += f.slice(i, j);
      i = j;
      continue;
    }
    lit += f[i];
    i++;
  }
  out.push(lit);
  return out;
}

const a1Ref = (r: Ref) => `${r.absCol ? "$" : ""}${columnLetter(r.col - 1)}${r.absRow ? "$" : ""}${r.row}`;

function r1c1Part(abs: boolean, n: number, here: number, letter: string): string {
  return abs ? `${letter}${n}` : n === here ? letter : `${letter}[${n - here}]`;
}

/**
 * A formula as a template that can be filled in at any cell: literal text, and references
 * whose relative parts are offsets from the cell. Its R1C1 form is the same for every copy.
 */
interface Template {
  r1c1: string;
  /** Literal text and references (relative column/row: offsets from the cell). */
  pieces: (string | Ref)[];
}

/** The template of an A1 formula at the 0-based cell (row, col), when the formula is one this models exactly. */
function template(formula: string, row: number, col: number): Template | undefined {
  const parts = tokenize(formula);
  if (!parts) return undefined;
  let a1 = "";
  let r1c1 = "";
  const pieces: (string | Ref)[] = [];
  for (const p of parts) {
    if (typeof p === "string") {
      a1 += p;
      r1c1 += p;
      if (p !== "") pieces.push(p);
      continue;
    }
    a1 += a1Ref(p);
    r1c1 += r1c1Part(p.absRow, p.row, row + 1, "R") + r1c1Part(p.absCol, p.col, col + 1, "C");
    pieces.push({ absCol: p.absCol, col: p.absCol ? p.col : p.col - (col + 1), absRow: p.absRow, row: p.absRow ? p.row : p.row - (row + 1) });
  }
  // Only when the pieces give back the formula exactly (not, say, for lower-case references).
  return a1 === formula ? { r1c1, pieces } : undefined;
}

/** True when `formula` at the 0-based cell (row, col) is a copy of the template (checked without building strings). */
function isCopy(t: Template, formula: string, row: number, col: number): boolean {
  const f = formula;
  const n = f.length;
  let pos = 0;
  for (const p of t.pieces) {
    if (typeof p === "string") {
      if (!f.startsWith(p, pos)) return false;
      pos += p.length;
      continue;
    }
    if ((f.charCodeAt(pos) === 36) !== p.absCol) return false;
    if (p.absCol) pos++;
    let c = 0;
    const c0 = pos;
    while (pos < n && f.charCodeAt(pos) >= 65 && f.charCodeAt(pos) <= 90) c = c * 26 + (f.charCodeAt(pos++) - 64);
    if (pos === c0 || pos - c0 > 3) return false;
    if ((f.charCodeAt(pos) === 36) !== p.absRow) return false;
    if (p.absRow) pos++;
    if (f.charCodeAt(pos) === 48) return false; // no leading zeros
    let r = 0;
    const r0 = pos;
    while (pos < n && isDigit(f.charCodeAt(pos))) r = r * 10 + (f.charCodeAt(pos++) - 48);
    if (pos === r0) return false;
    if (c !== (p.absCol ? p.col : col + 1 + p.col) || r !== (p.absRow ? p.row : row + 1 + p.row)) return false;
  }
  return pos === n;
}

/** An A1 formula in R1C1 notation relative to the 0-based cell (row, col), or undefined when unsure. */
export function toR1C1(formula: string, row: number, col: number): string | undefined {
  return template(formula, row, col)?.r1c1;
}

const R1C1_TOKEN = /("(?:[^"]|"")*"|'(?:[^']|'')*')|(?<![A-Za-z0-9_.$])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_(])/g;

function a1Part(x: string | undefined, here: number): number {
  return x === undefined ? here : x.charCodeAt(0) === 91 ? here + Number(x.slice(1, -1)) : Number(x);
}

/** Back from R1C1 (as written by toR1C1) to A1 for the cell (row, col). */
export function fromR1C1(formula: string, row: number, col: number): string | undefined {
  let ok = true;
  const out = formula.replace(R1C1_TOKEN, (all: string, quoted: string | undefined, r: string | undefined, c: string | undefined) => {
    if (quoted !== undefined) return all;
    const R = a1Part(r, row + 1);
    const C = a1Part(c, col + 1);
    if (R < 1 || C < 1) ok = false;
    return `${c !== undefined && c.charCodeAt(0) !== 91 ? "$" : ""}${columnLetter(C - 1)}${r !== undefined && r.charCodeAt(0) !== 91 ? "$" : ""}${R}`;
  });
  return ok ? out : undefined;
}

/**
 * Estimated JSON size of what a row contributes to the 2-D writes: its values from the first
 * to the last non-null one ("null" for the gaps), brackets and commas, with a margin. Rows of
 * nulls are not written.
 */
function rowBytes(row: (string | number | boolean | null)[]): number {
  let first = -1;
  let last = -1;
  let bytes = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (v === null) continue;
    if (first < 0) first = c;
    last = c;
    bytes += typeof v === "string" ? jsonBytes(v) : String(v).length;
  }
  if (first < 0) return 0;
  for (let c = first; c <= last; c++) if (row[c] === null) bytes += 4;
  // Commas and brackets, plus a margin for the columns a row shares with its group (see rowWrites).
  return Math.ceil((bytes + (last - first) + 3) * 1.1) + 8;
}

/** Runs shorter than this stay in the 2-D arrays. */
const MIN_SHARED_RUN = 3;

/**
 * Sets one formula for every cell of a range (documented: a single value applies to all cells;
 * in R1C1 notation every cell gets the same relative formula, as with a fill-down).
 */
function setFormulaR1C1All(range: Excel.Range, formula: string): void {
  (range as unknown as { formulasR1C1: string }).formulasR1C1 = formula;
}

/**
 * The writes for rows [from, to) of a block's cell values: rows with nothing left to write are
 * skipped; the others go in groups of rows with the same columns, so the headers above a run of
 * shared formulas do not drag thousands of "null"s along. A short group whose columns are a
 * subset of its neighbour's joins it (a row with a blank cell does not cost a write of its own).
 * Within a group, one write per run of used columns. Each write's cost includes an allowance
 * for the operation.
 */
function rowWrites(rows: (string | number | boolean | null)[][], from: number, to: number): { r0: number; c0: number; part: (string | number | boolean | null)[][]; bytes: number }[] {
  const groups: { g0: number; g1: number; used: boolean[]; key: string }[] = [];
  for (let i = from; i < to; i++) {
    const used = rows[i].map((v) => v !== null);
    if (!used.includes(true)) continue;
    const key = used.map((u) => (u ? "1" : "0")).join("");
    const last = groups[groups.length - 1];
    if (last && last.g1 === i && last.key === key) {
      last.g1 = i + 1;
      continue;
    }
    groups.push({ g0: i, g1: i + 1, used, key });
  }
  const merged: typeof groups = [];
  for (const g of groups) {
    const last = merged[merged.length - 1];
    if (last && last.g1 === g.g0) {
      const union = last.used.map((u, c) => u || g.used[c]);
      const key = union.map((u) => (u ? "1" : "0")).join("");
      const short = (x: { g0: number; g1: number }) => x.g1 - x.g0 < 4;
      if (key === last.key && (short(g) || key === g.key)) {
        last.g1 = g.g1;
        continue;
      }
      if (key === g.key && short(last)) {
        Object.assign(last, { g1: g.g1, used: union, key });
        continue;
      }
    }
    merged.push({ ...g });
  }
  const out: { r0: number; c0: number; part: (string | number | boolean | null)[][]; bytes: number }[] = [];
  for (const g of merged) {
    for (const [c0, c1] of columnSegments(g.used)) {
      const part = rows.slice(g.g0, g.g1).map((row) => row.slice(c0, c1 + 1));
      out.push({ r0: g.g0, c0, part, bytes: jsonBytes(part) + OP_BYTES });
    }
  }
  return out;
}

/** Column runs [c0, c1] of the used columns of a row, gaps of up to 2 columns bridged: one write each. */
function columnSegments(used: boolean[]): [number, number][] {
  const out: [number, number][] = [];
  for (let c0 = 0; c0 < used.length; ) {
    if (!used[c0]) {
      c0++;
      continue;
    }
    let c1 = c0;
    for (let c = c0 + 1; c < used.length && c <= c1 + 3; c++) if (used[c]) c1 = c;
    out.push([c0, c1]);
    c0 = c1 + 1;
  }
  return out;
}

async function writeBlock(ws: Excel.Worksheet, block: BlockPlan, batch: Batch, done: (rows: number) => void): Promise<void> {
  const { rows, cols } = blockSize(block);
  if (rows === 0 || cols === 0) return;

  // 1. Vertical runs of copies of one formula.
  const shared: { r0: number; n: number; c: number; formula: string }[] = [];
  const covered: boolean[][] = Array.from({ length: rows }, () => []);
  for (let c = 0; c < cols; c++) {
    let run: { r0: number; t: Template } | undefined;
    const close = (end: number) => {
      if (run && end - run.r0 >= MIN_SHARED_RUN) {
        shared.push({ r0: run.r0, n: end - run.r0, c, formula: run.t.r1c1 });
        for (let r = run.r0; r < end; r++) covered[r][c] = true;
      }
      run = undefined;
    };
    for (let r = 0; r < rows; r++) {
      const f = block.cells[r][c]?.formula;
      if (run && f !== undefined && isCopy(run.t, f, block.row + r, block.col + c)) continue;
      close(r);
      const t = f === undefined ? undefined : template(f, block.row + r, block.col + c);
      if (t) run = { r0: r, t };
    }
    close(rows);
  }

  // 2. Everything else as 2-D arrays, in row chunks; within a chunk only the columns that hold something.
  const rowsToWrite: (string | number | boolean | null)[][] = [];
  for (let r = 0; r < rows; r++) {
    const src = block.cells[r];
    const row = new Array<string | number | boolean | null>(cols);
    for (let c = 0; c < cols; c++) row[c] = covered[r][c] ? null : formulaInput(src[c]);
    rowsToWrite.push(row);
  }
  /** Queues rows [from, to) when what they cost fits a request, splitting them in two otherwise. */
  const writeRows = async (from: number, to: number): Promise<void> => {
    const writes = rowWrites(rowsToWrite, from, to);
    const cost = writes.reduce((n, w) => n + w.bytes, 0);
    if (!batch.fits(cost)) {
      if (!batch.empty) await batch.sync();
      if (!batch.fits(cost) && to - from > 1) {
        const mid = (from + to) >>> 1;
        await writeRows(from, mid);
        await writeRows(mid, to);
        return;
      }
    }
    for (const w of writes) ws.getRangeByIndexes(block.row + w.r0, block.col + w.c0, w.part.length, w.part[0].length).formulas = w.part;
    batch.add(cost);
    done(to - from);
  };
  // Rows go in chunks sized by their JSON; the exact cost, with one allowance per write, is
  // checked when a chunk is queued.
  let from = 0;
  let bytes = 2;
  for (let r = 0; r < rows; r++) {
    const b = rowBytes(rowsToWrite[r]);
    if (r > from && !batch.fits(bytes + b)) {
      await writeRows(from, r);
      from = r;
      bytes = 2;
    }
    bytes += b;
  }
  if (rows > from) await writeRows(from, rows);

  for (const run of shared) {
    const b = jsonBytes(run.formula);
    await batch.room(b);
    setFormulaR1C1All(ws.getRangeByIndexes(block.row + run.r0, block.col + run.c, run.n, 1), run.formula);
    batch.add(b);
  }
}

async function writeLayout(ws: Excel.Worksheet, p: SheetPlan, batch: Batch, taken: Set<string>, tableNames: Record<string, string>): Promise<void> {
  const range = (r: RangeRef) => ws.getRangeByIndexes(r.row, r.col, r.rows, r.cols);

  for (const block of p.blocks) {
    // Number formats: an empty cell without a format may join any run.
    for (const rect of rectangles(block, (c) => c.format ?? (isEmptyCell(c) && !c.style ? WILDCARD : undefined))) {
      await batch.room(jsonBytes(rect.key));
      const target = range(rect);
      if (rect.rows * rect.cols === 1) target.numberFormat = [[rect.key]];
      else setNumberFormatAll(target, rect.key);
      batch.add(jsonBytes(rect.key));
    }
    for (const rect of rectangles(block, (c) => c.style)) {
      const s = STYLES[rect.key as keyof typeof STYLES];
      if (!s) continue;
      await batch.room(200);
      const f = range(rect).format;
      if (s.bold) f.font.bold = true;
      if (s.italic) f.font.italic = true;
      if (s.size) f.font.size = s.size;
      if (s.color) f.font.color = s.color;
      if (s.fill) f.fill.color = s.fill;
      if (s.wrap) {
        f.wrapText = true;
        f.verticalAlignment = "Top";
      }
      batch.add(200);
    }
  }

  // Column widths, equal neighbours together.
  const widths = p.columnWidths ?? [];
  for (let c = 0; c < widths.length; ) {
    let e = c;
    while (e + 1 < widths.length && widths[e + 1] === widths[c]) e++;
    if (widths[c] > 0) {
      await batch.room(24);
      ws.getRange(`${columnLetter(c)}:${columnLetter(e)}`).format.columnWidth = charsToPoints(widths[c]);
      batch.add(24);
    }
    c = e + 1;
  }
  if (p.freeze && (p.freeze.rows > 0 || p.freeze.cols > 0)) {
    const { rows, cols } = p.freeze;
    await batch.room(16);
    if (rows > 0 && cols > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, cols));
    else if (rows > 0) ws.freezePanes.freezeRows(rows);
    else ws.freezePanes.freezeColumns(cols);
    batch.add(16);
  }

  for (const h of p.hiddenRows ?? []) {
    await batch.room(24);
    ws.getRangeByIndexes(h.row, 0, h.rows, 1).rowHidden = true;
    batch.add(24);
  }

  for (const t of p.tables ?? []) {
    await batch.room(100);
    const table = ws.tables.add(range(t), true);
    const name = uniqueTableName(t.name, taken);
    table.name = name;
    tableNames[t.name] = name;
    batch.add(100);
  }

  for (const cs of p.colorScales ?? []) {
    await batch.room(300);
    const cf = range(cs).conditionalFormats.add("ColorScale");
    cf.colorScale.criteria = {
      minimum: { type: "LowestValue", color: COLOR_SCALE.low },
      midpoint: { formula: "50", type: "Percentile", color: COLOR_SCALE.mid },
      maximum: { type: "HighestValue", color: COLOR_SCALE.high },
    };
    batch.add(300);
  }

  for (const ch of p.charts ?? []) {
    if (ch.series.length === 0) continue;
    await batch.room(600);
    const chart = ws.charts.add(CHART_TYPES[ch.kind], range(ch.series[0].values), "Columns");
    chart.title.text = ch.title;
    // Categories: the data column without its header row.
    const x = ch.data.rows > 1 ? range({ row: ch.data.row + 1, col: ch.data.col, rows: ch.data.rows - 1, cols: 1 }) : undefined;
    ch.series.forEach((s, i) => {
      const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
      series.name = s.name;
      if (i > 0) series.setValues(range(s.values));
      if (x) series.setXAxisValues(x);
    });
    if (ch.xTitle) chart.axes.categoryAxis.title.text = ch.xTitle;
    if (ch.yTitle) chart.axes.valueAxis.title.text = ch.yTitle;
    chart.legend.visible = ch.series.length > 1;
    const a = ch.anchor;
    chart.setPosition(`${columnLetter(a.col)}${a.row + 1}`, `${columnLetter(a.col + a.cols - 1)}${a.row + a.rows}`);
    batch.add(600 + jsonBytes([ch.title, ch.xTitle, ch.yTitle, ch.series.map((s) => s.name)]));
  }
}
