/**
 * The workbook behind the fake Excel host: sheets of cells (what was typed, the number format,
 * the look), tables, charts, conditional formats, custom properties. Formulas are evaluated by
 * HyperFormula (a real formula engine), built from the cells when a value is read.
 *
 * Input is interpreted the way Excel interprets what is typed or set through `values` /
 * `formulas`: "=…" is a formula, "1,234", "12%", "+1", "-2", "TRUE" or "2024-01-05" become
 * numbers or booleans, "+x"/"-x"/"@x" become formulas, and only a leading apostrophe makes
 * any of these text. So a writer that forgets the apostrophe is caught by the tests.
 */
import { HyperFormula } from "hyperformula";
import { HF_CONFIG } from "./plan-engine";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
  get debugInfo() {
    return { code: this.code, message: this.message };
  }
}

/** What a cell holds: formula, text (q: typed with an apostrophe), number, boolean. */
export type Content = { t: "f"; f: string } | { t: "s"; s: string; q: boolean } | { t: "n"; n: number } | { t: "b"; b: boolean };

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  wrap?: boolean;
  vAlign?: string;
}

export type Scalar = string | number | boolean | null;
export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

// ---------------------------------------------------------------- addresses

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function colLetters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export interface Box {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

/** "B3", "A1:C9", "A:C", "3:5", optionally behind "Sheet!" (the sheet part is returned separately). */
export function parseAddress(address: string): { sheet?: string; box: Box } {
  let sheet: string | undefined;
  let ref = address.trim();
  const bang = ref.lastIndexOf("!");
  if (bang >= 0) {
    sheet = ref.slice(0, bang);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  const parts = ref.replace(/\$/g, "").toUpperCase().split(":");
  const one = (p: string) => {
    let m = /^([A-Z]{1,3})(\d+)$/.exec(p);
    if (m) return { r: Number(m[2]) - 1, c: colIndex(m[1]), kind: "cell" as const };
    m = /^([A-Z]{1,3})$/.exec(p);
    if (m) return { r: 0, c: colIndex(m[1]), kind: "col" as const };
    m = /^(\d+)$/.exec(p);
    if (m) return { r: Number(m[1]) - 1, c: 0, kind: "row" as const };
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: address "${address}"`);
  };
  const a = one(parts[0]);
  const b = parts.length > 1 ? one(parts[1]) : a;
  if (parts.length > 2 || a.kind !== b.kind || (a.kind !== "cell" && parts.length === 1)) {
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: address "${address}"`);
  }
  if (a.kind === "col") return { sheet, box: { r0: 0, c0: Math.min(a.c, b.c), rows: MAX_ROWS, cols: Math.abs(b.c - a.c) + 1 } };
  if (a.kind === "row") return { sheet, box: { r0: Math.min(a.r, b.r), c0: 0, rows: Math.abs(b.r - a.r) + 1, cols: MAX_COLS } };
  const r0 = Math.min(a.r, b.r);
  const c0 = Math.min(a.c, b.c);
  return { sheet, box: { r0, c0, rows: Math.abs(b.r - a.r) + 1, cols: Math.abs(b.c - a.c) + 1 } };
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function boxAddress(sheet: string, b: Box): string {
  const cell = (r: number, c: number) => `${colLetters(c)}${r + 1}`;
  let ref: string;
  if (b.rows === MAX_ROWS && b.r0 === 0) ref = `${colLetters(b.c0)}:${colLetters(b.c0 + b.cols - 1)}`;
  else if (b.cols === MAX_COLS && b.c0 === 0) ref = `${b.r0 + 1}:${b.r0 + b.rows}`;
  else if (b.rows === 1 && b.cols === 1) ref = cell(b.r0, b.c0);
  else ref = `${cell(b.r0, b.c0)}:${cell(b.r0 + b.rows - 1, b.c0 + b.cols - 1)}`;
  return `${quoteSheet(sheet)}!${ref}`;
}

// ---------------------------------------------------------------- typing

const NUMBER = /^([+-])?(\()?\s*\$?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*(\))?\s*(%)?$/;

/** A number as Excel (en-US) reads typed text: "1,234", "-2", "+1", "12%", "$5", "(7)", "1e3". */
export function parseTypedNumber(text: string): number | undefined {
  const m = NUMBER.exec(text.trim());
  if (!m) return undefined;
  const [, sign, open, digits, exp, close, pct] = m;
  if (Boolean(open) !== Boolean(close)) return undefined;
  let x = Number(digits.replace(/,/g, ""));
  if (exp) x *= 10 ** Number(exp);
  if (pct) x /= 100;
  if (sign === "-" || open) x = -x;
  return Number.isFinite(x) ? x : undefined;
}

/** Excel's serial number of a date typed as 2024-01-05 or 1/5/2024. */
function parseTypedDate(text: string): number | undefined {
  let m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
    if (!m) return undefined;
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return Math.round((Date.UTC(y, mo - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * What a cell holds after `input` was set through `values` or `formulas` (or typed):
 * "skip" for null (Office.js leaves the cell unchanged), undefined for "" (cleared).
 */
export function interpretInput(input: unknown): Content | undefined | "skip" {
  if (input === null || input === undefined) return "skip";
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw new FakeOfficeError("InvalidArgument", `The argument is invalid: ${input}`);
    return { t: "n", n: input };
  }
  if (typeof input === "boolean") return { t: "b", b: input };
  if (typeof input !== "string") throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${JSON.stringify(input)}`);
  if (input === "") return undefined;
  if (input.startsWith("'")) return { t: "s", s: input.slice(1), q: true };
  if (input.startsWith("=") && input.length > 1) return { t: "f", f: input };
  const n = parseTypedNumber(input) ?? parseTypedDate(input);
  if (n !== undefined) return { t: "n", n };
  if (/^\s*(true|false)\s*$/i.test(input)) return { t: "b", b: /true/i.test(input) };
  if (/^[+\-@]/.test(input)) return { t: "f", f: `=${input}` };
  return { t: "s", s: input, q: false };
}

/**
 * Turns an R1C1 formula into the A1 formula of the 0-based cell (row, col), as Excel does for
 * `formulasR1C1`: R2C3 is $C$2, R[-1]C is the cell above, RC[2] two to the right. Text in
 * double quotes and quoted sheet names are left alone.
 */
export function r1c1ToA1(formula: string, row: number, col: number): string {
  let out = "";
  let i = 0;
  const isWord = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_.$]/.test(ch);
  const part = (at: number, here: number): { abs: boolean; n: number; end: number } => {
    if (formula[at] === "[") {
      const close = formula.indexOf("]", at);
      return { abs: false, n: here + Number(formula.slice(at + 1, close)), end: close + 1 };
    }
    let end = at;
    while (end < formula.length && /[0-9]/.test(formula[end])) end++;
    return end > at ? { abs: true, n: Number(formula.slice(at, end)), end } : { abs: false, n: here, end: at };
  };
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === ch && formula[j + 1] !== ch)) j += formula[j] === ch ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if ((ch === "R" || ch === "r") && !isWord(formula[i - 1])) {
      const r = part(i + 1, row + 1);
      if (formula[r.end] === "C" || formula[r.end] === "c") {
        const c = part(r.end + 1, col + 1);
        if (!isWord(formula[c.end]) && formula[c.end] !== "(") {
          if (r.n < 1 || c.n < 1) throw new FakeOfficeError("InvalidArgument", `Reference outside the sheet in ${formula}`);
          out += `${c.abs ? "$" : ""}${colLetters(c.n - 1)}${r.abs ? "$" : ""}${r.n}`;
          i = c.end;
          continue;
        }
      }
    }
    // Copy a whole word (a function or a name) so an R or C inside it is not read as a reference.
    if (isWord(ch)) {
      let j = i;
      while (j < formula.length && isWord(formula[j])) j++;
      out += formula.slice(i, j);
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function hfInput(c: Content | undefined): string | number | boolean | null {
  if (!c) return null;
  switch (c.t) {
    case "f":
      return c.f;
    case "s":
      return `'${c.s}`;
    case "n":
      return c.n;
    case "b":
      return c.b;
  }
}

// ---------------------------------------------------------------- model

let nextId = 1;
const newId = (kind: string) => `{${kind}-${String(nextId++).padStart(8, "0")}}`;

export interface TableModel {
  id: string;
  name: string;
  sheet: SheetModel;
  box: Box;
}

export interface ChartSeriesModel {
  name: string;
  values?: { sheet: SheetModel; box: Box };
  xValues?: { sheet: SheetModel; box: Box };
  /** Bubble charts: the sizes (setBubbleSizes). */
  bubbleSizes?: { sheet: SheetModel; box: Box };
  /** Data label formulas by point index (points.getItemAt(i).dataLabel.formula). */
  labelFormulas?: Record<number, string>;
  /** Set on a series of a combination chart ("Line" on a column chart). */
  chartType?: string;
  axisGroup?: string;
}

/** What was set on one chart axis. */
export interface ChartAxisModel {
  minimum?: number;
  maximum?: number;
  /** setPositionAt: where the other axis crosses this one. */
  crossesAt?: number;
}

export interface ChartModel {
  id: string;
  name: string;
  type: string;
  seriesBy: string;
  source: Box;
  title: string;
  xTitle: string;
  yTitle: string;
  legendVisible: boolean;
  series: ChartSeriesModel[];
  position?: { start: string; end: string };
  axes?: { category: ChartAxisModel; value: ChartAxisModel };
  /** Set through Chart.plotVisibleOnly; undefined: Excel's default (true). */
  plotVisibleOnly?: boolean;
}

export interface ConditionalFormatModel {
  box: Box;
  type: string;
  criteria?: unknown;
}

export interface PageLayoutModel {
  orientation: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  /** A1 address of the print area, without sheet name. */
  printArea: string | null;
  /** Rows repeated on each page, "$1:$2". */
  titleRows: string | null;
  footer: { left: string; center: string; right: string };
}

export class SheetModel {
  readonly id = newId("SHEET");
  tabColor = "";
  content: (Content | undefined)[][] = [];
  numFmt: (string | undefined)[][] = [];
  style: (CellStyle | undefined)[][] = [];
  readonly props = new Map<string, { key: string; value: string }>();
  freeze: { rows: number; cols: number } | null = null;
  readonly colWidths = new Map<number, number>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenColumns = new Set<number>();
  /** Outline level of grouped rows and columns (Range.group, ExcelApi 1.10). */
  readonly outlineRows = new Map<number, number>();
  readonly outlineColumns = new Map<number, number>();
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  readonly charts: ChartModel[] = [];
  /** Row heights in points, set through range.format.rowHeight. */
  readonly rowHeights = new Map<number, number>();
  /** Print settings (worksheet.pageLayout, ExcelApi 1.9). */
  readonly pageLayout: PageLayoutModel = { orientation: "Portrait", zoom: {}, printArea: null, titleRows: null, footer: { left: "", center: "", right: "" } };

  constructor(
    public name: string,
    readonly workbook: WorkbookModel,
  ) {}

  get(r: number, c: number): Content | undefined {
    return this.content[r]?.[c];
  }

  set(r: number, c: number, v: Content | undefined): void {
    const row = (this.content[r] ??= []);
    row[c] = v;
    this.workbook.touch();
  }

  /** Bounding box of cells with content (and with a format unless valuesOnly), or null. */
  usedBox(valuesOnly: boolean): Box | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    const scan = (grid: unknown[][]) =>
      grid.forEach((row, r) => {
        if (!row) return;
        row.forEach((v, c) => {
          if (v === undefined) return;
          r0 = Math.min(r0, r);
          r1 = Math.max(r1, r);
          c0 = Math.min(c0, c);
          c1 = Math.max(c1, c);
        });
      });
    scan(this.content);
    if (!valuesOnly) {
      scan(this.numFmt);
      scan(this.style);
    }
    return r1 < 0 ? null : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  isEmpty(r: number, c: number): boolean {
    return r < 0 || c < 0 || this.get(r, c) === undefined;
  }
}

/** Replaces references to a sheet in a formula: `'Old name'!` and `Old!` (any case). */
function sheetRefRegex(name: string, withRef: boolean): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const quoted = `'${esc(name.replace(/'/g, "''"))}'!`;
  const bare = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `|(?<![A-Za-z0-9_.'])${esc(name)}!` : "";
  const ref = withRef ? `\\$?[A-Za-z]{1,3}\\$?\\d+(?::\\$?[A-Za-z]{1,3}\\$?\\d+)?` : "";
  return new RegExp(`(?:${quoted}${bare})${ref}`, "gi");
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  activeId = "";
  selection: { sheet: SheetModel; box: Box } | null = null;
  /** Bumped on every change of content or structure; the engine is rebuilt when it differs. */
  version = 0;
  private engine: { version: number; hf: HyperFormula; ids: Map<SheetModel, number> } | null = null;
  /** When false, formulas are stored but never evaluated (reading a formula cell gives ""). */
  evaluate = true;
  engineBuilds = 0;

  touch(): void {
    this.version++;
  }

  findSheet(key: string): SheetModel | undefined {
    const k = key.toLowerCase();
    return this.sheets.find((s) => s.id === key || s.name.toLowerCase() === k);
  }

  validateSheetName(name: string, except?: SheetModel): void {
    if (typeof name !== "string" || name.trim() === "" || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
      throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: sheet name "${name}"`);
    }
    const other = this.findSheet(name);
    if (other && other !== except) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined) for (let i = 1; this.findSheet((n = `Sheet${i}`)); i++);
    this.validateSheetName(n!);
    const s = new SheetModel(n!, this);
    this.sheets.push(s);
    if (!this.activeId) this.activeId = s.id;
    this.touch();
    return s;
  }

  renameSheet(s: SheetModel, name: string): void {
    if (s.name === name) return;
    this.validateSheetName(name, s);
    const re = sheetRefRegex(s.name, false);
    const replacement = `${quoteSheet(name)}!`;
    this.rewriteFormulas((f) => f.replace(re, () => replacement));
    s.name = name;
    this.touch();
  }

  deleteSheet(s: SheetModel): void {
    if (this.sheets.length <= 1) throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    const i = this.sheets.indexOf(s);
    if (i < 0) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist.");
    this.sheets.splice(i, 1);
    for (let t = this.tables.length - 1; t >= 0; t--) if (this.tables[t].sheet === s) this.tables.splice(t, 1);
    const re = sheetRefRegex(s.name, true);
    this.rewriteFormulas((f) => f.replace(re, "#REF!"));
    if (this.activeId === s.id) this.activeId = this.sheets[Math.min(i, this.sheets.length - 1)].id;
    if (this.selection?.sheet === s) this.selection = null;
    this.touch();
  }

  /**
   * Worksheet.copy: a new sheet after the last one (or after `after`), named as Excel names a
   * copy ("KAM Scoring (2)"), with the cells, formats, layout, custom properties, colour scales
   * and charts; the tables on it are copied under new names. Formulas are copied as written:
   * references to the sheet itself have no sheet name and so point at the copy.
   */
  copySheet(src: SheetModel, after?: SheetModel): SheetModel {
    let name = "";
    for (let k = 2; this.findSheet((name = `${src.name.slice(0, 26)} (${k})`)); k++);
    const copy = new SheetModel(name, this);
    const grid = <V>(g: (V | undefined)[][]) => g.map((row) => (row ? row.map((v) => (v && typeof v === "object" ? { ...v } : v)) : row));
    copy.content = grid(src.content);
    copy.numFmt = grid(src.numFmt);
    copy.style = grid(src.style);
    copy.tabColor = src.tabColor;
    copy.freeze = src.freeze && { ...src.freeze };
    for (const [k, v] of src.props) copy.props.set(k, { ...v });
    for (const [c, w] of src.colWidths) copy.colWidths.set(c, w);
    for (const r of src.hiddenRows) copy.hiddenRows.add(r);
    for (const c of src.hiddenColumns) copy.hiddenColumns.add(c);
    for (const [r, level] of src.outlineRows) copy.outlineRows.set(r, level);
    for (const [c, level] of src.outlineColumns) copy.outlineColumns.set(c, level);
    for (const cf of src.conditionalFormats) copy.conditionalFormats.push(JSON.parse(JSON.stringify(cf)));
    const onCopy = (ref?: { sheet: SheetModel; box: Box }) => ref && { sheet: ref.sheet === src ? copy : ref.sheet, box: { ...ref.box } };
    for (const ch of src.charts) {
      copy.charts.push({ ...ch, id: newId("CHART"), source: { ...ch.source }, series: ch.series.map((x) => ({ name: x.name, values: onCopy(x.values), xValues: onCopy(x.xValues) })) });
    }
    this.sheets.splice(after ? this.sheets.indexOf(after) + 1 : this.sheets.length, 0, copy);
    for (const t of this.tables.filter((t) => t.sheet === src)) {
      let tableName = "";
      for (let k = 2; this.tableByName((tableName = `${t.name}${k}`)); k++);
      this.tables.push({ id: newId("TABLE"), name: tableName, sheet: copy, box: { ...t.box } });
    }
    this.touch();
    return copy;
  }

  moveSheet(s: SheetModel, position: number): void {
    const i = this.sheets.indexOf(s);
    if (position < 0 || position >= this.sheets.length) throw new FakeOfficeError("InvalidArgument", `The argument is invalid: position ${position}`);
    this.sheets.splice(i, 1);
    this.sheets.splice(position, 0, s);
    this.touch();
  }

  private rewriteFormulas(fn: (f: string) => string): void {
    for (const sheet of this.sheets) {
      for (const row of sheet.content) {
        if (!row) continue;
        for (let c = 0; c < row.length; c++) {
          const v = row[c];
          if (v?.t === "f") {
            const f = fn(v.f);
            if (f !== v.f) row[c] = { t: "f", f };
          }
        }
      }
    }
  }

  tableByName(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase() || t.id === name);
  }

  validateTableName(name: string, except?: TableModel): void {
    if (typeof name !== "string" || !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || name.length > 255) {
      throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: table name "${name}"`);
    }
    const other = this.tableByName(name);
    if (other && other !== except) throw new FakeOfficeError("InvalidArgument", `A table named "${name}" already exists.`);
  }

  addTable(sheet: SheetModel, box: Box, hasHeaders: boolean): TableModel {
    if (!hasHeaders) throw new FakeOfficeError("NotImplemented", "fake host: tables without headers are not modelled");
    if (box.rows > MAX_ROWS / 2 || box.cols > MAX_COLS / 2) throw new FakeOfficeError("InvalidArgument", "fake host: unbounded table ranges are not modelled");
    if (box.rows === 1) box = { ...box, rows: 2 }; // a header alone gets one empty data row
    for (const t of this.tables) {
      if (t.sheet !== sheet) continue;
      const a = t.box;
      if (a.r0 < box.r0 + box.rows && box.r0 < a.r0 + a.rows && a.c0 < box.c0 + box.cols && box.c0 < a.c0 + a.cols) {
        throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
      }
    }
    // Excel turns the header row into unique, non-blank text.
    const seen = new Set<string>();
    for (let c = 0; c < box.cols; c++) {
      const v = sheet.get(box.r0, box.c0 + c);
      let text = v === undefined ? "" : v.t === "s" ? v.s : v.t === "n" ? String(v.n) : v.t === "b" ? (v.b ? "TRUE" : "FALSE") : this.display(sheet, box.r0, box.c0 + c);
      if (text === "") text = `Column${c + 1}`;
      let unique = text;
      for (let i = 2; seen.has(unique.toLowerCase()); i++) unique = `${text}${i}`;
      seen.add(unique.toLowerCase());
      if (v?.t !== "s" || v.s !== unique) sheet.set(box.r0, box.c0 + c, { t: "s", s: unique, q: false });
    }
    let name = "";
    for (let i = 1; this.tableByName((name = `Table${i}`)); i++);
    const t: TableModel = { id: newId("TABLE"), name, sheet, box };
    this.tables.push(t);
    this.touch();
    return t;
  }

  private display(sheet: SheetModel, r: number, c: number): string {
    const v = this.value(sheet, r, c);
    return v.value === null ? "" : String(v.value);
  }

  // ------------------------------------------------------------ row operations and events

  /** Handlers registered through the fake host's event objects, by "event:objectId". */
  readonly listeners = new Map<string, Set<(args: Record<string, unknown>) => unknown>>();

  /** Calls the handlers of `key` as Excel does, after the change (each awaited in turn). */
  async emit(key: string, args: Record<string, unknown>): Promise<void> {
    for (const h of [...(this.listeners.get(key) ?? [])]) await h(args);
  }

  /**
   * Rows inserted before `row`, as Excel does: cells move down, every formula of the workbook
   * that refers to moved cells follows (HyperFormula adjusts them), a table the rows fall in
   * grows, formats move with their rows.
   */
  insertRows(sheet: SheetModel, row: number, count: number): void {
    this.restructure((hf, id) => hf.addRows(id(sheet), [row, count]));
    for (const a of [sheet.numFmt, sheet.style]) if (a.length > row) a.splice(row, 0, ...Array.from({ length: count }, () => []));
    for (const t of this.tables) if (t.sheet === sheet && row > t.box.r0 && row <= t.box.r0 + t.box.rows) t.box.rows += count;
  }

  /** Rows deleted: references to them become #REF!, the others follow; tables shrink. */
  deleteRows(sheet: SheetModel, row: number, count: number): void {
    this.restructure((hf, id) => hf.removeRows(id(sheet), [row, count]));
    for (const a of [sheet.numFmt, sheet.style]) a.splice(row, count);
    for (const t of this.tables) if (t.sheet === sheet && row > t.box.r0 && row < t.box.r0 + t.box.rows) t.box.rows -= Math.min(count, t.box.r0 + t.box.rows - row);
  }

  /**
   * Data › Sort of rows r0..r1 (columns c0..c1) by column `key`: each row's cells move as a
   * paste moves them (relative references re-based on the new row, absolute ones kept), which
   * is what Excel does to formulas in sorted rows.
   */
  sortRows(sheet: SheetModel, box: Box, key: number, ascending: boolean): void {
    const vals = Array.from({ length: box.rows }, (_, i) => this.value(sheet, box.r0 + i, key).value);
    const order = vals.map((_, i) => i).sort((a, b) => {
      const x = vals[a];
      const y = vals[b];
      const cmp = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""), "en", { sensitivity: "base" });
      return (ascending ? cmp : -cmp) || a - b;
    });
    this.restructure((hf, id) => {
      const sid = id(sheet);
      const scratch = Math.max(box.r0 + box.rows, sheet.content.length) + 10;
      const move = (from: number, to: number) => {
        hf.copy({ start: { sheet: sid, row: from, col: box.c0 }, end: { sheet: sid, row: from, col: box.c0 + box.cols - 1 } });
        hf.paste({ sheet: sid, row: to, col: box.c0 });
      };
      for (let i = 0; i < box.rows; i++) move(box.r0 + i, scratch + i);
      for (let i = 0; i < box.rows; i++) move(scratch + order[i], box.r0 + i);
      hf.removeRows(sid, [scratch, box.rows]);
    });
  }

  private restructure(op: (hf: HyperFormula, id: (s: SheetModel) => number) => void): void {
    const data: Record<string, (string | number | boolean | null)[][]> = {};
    for (const s of this.sheets) data[s.name] = Array.from(s.content, (row) => (row ? Array.from(row, hfInput) : []));
    const hf = HyperFormula.buildFromSheets(data, HF_CONFIG);
    try {
      op(hf, (s) => hf.getSheetId(s.name)!);
      for (const s of this.sheets) {
        s.content = hf.getSheetSerialized(hf.getSheetId(s.name)!).map((row) =>
          row.map((v): Content | undefined => {
            if (v === null || v === undefined || v === "") return undefined;
            if (typeof v === "number") return { t: "n", n: v };
            if (typeof v === "boolean") return { t: "b", b: v };
            const text = String(v);
            if (text.startsWith("=")) return { t: "f", f: text };
            return text.startsWith("'") ? { t: "s", s: text.slice(1), q: true } : { t: "s", s: text, q: true };
          }),
        );
      }
    } finally {
      hf.destroy();
    }
    this.touch();
  }

  // ------------------------------------------------------------ evaluation

  private hf(): { hf: HyperFormula; ids: Map<SheetModel, number> } {
    if (this.engine && this.engine.version === this.version) return this.engine;
    this.engine?.hf.destroy();
    const data: Record<string, (string | number | boolean | null)[][]> = {};
    for (const s of this.sheets) data[s.name] = Array.from(s.content, (row) => (row ? Array.from(row, hfInput) : []));
    const hf = HyperFormula.buildFromSheets(data, HF_CONFIG);
    const ids = new Map(this.sheets.map((s) => [s, hf.getSheetId(s.name)!]));
    this.engineBuilds++;
    this.engine = { version: this.version, hf, ids };
    return this.engine;
  }

  /** The value Excel shows and its type. */
  value(sheet: SheetModel, r: number, c: number): { value: Scalar; type: ValueType } {
    const v = sheet.get(r, c);
    if (v === undefined) return { value: "", type: "Empty" };
    switch (v.t) {
      case "s":
        return { value: v.s, type: "String" };
      case "n":
        return { value: v.n, type: "Double" };
      case "b":
        return { value: v.b, type: "Boolean" };
      case "f": {
        if (!this.evaluate) return { value: "", type: "String" };
        const e = this.hf();
        const x = e.hf.getCellValue({ sheet: e.ids.get(sheet)!, row: r, col: c });
        if (x === null || x === undefined) return { value: 0, type: "Double" };
        if (typeof x === "number") return { value: x, type: "Double" };
        if (typeof x === "string") return { value: x, type: "String" };
        if (typeof x === "boolean") return { value: x, type: "Boolean" };
        const code = (x as { value?: string }).value ?? "#VALUE!";
        return { value: code === "#ERROR!" ? "#NAME?" : code, type: "Error" };
      }
    }
  }

  /** What `formulas` returns: the formula, or the constant (text without its apostrophe), "" when empty. */
  formula(sheet: SheetModel, r: number, c: number): Scalar {
    const v = sheet.get(r, c);
    if (v === undefined) return "";
    return v.t === "f" ? v.f : v.t === "s" ? v.s : v.t === "n" ? v.n : v.b;
  }
}
