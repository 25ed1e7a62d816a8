/**
 * Layout rules every sheet follows, applied to a finished SheetPlan (pure, no Office import):
 * column widths from the content, so no label or figure is cut off; header rows tall enough for
 * their wrapped text; print setup (orientation, one page wide, repeated header rows, print area,
 * a footer with sheet name, page number and build date). Both writers apply what this puts in
 * the plan. The width of text is estimated in Excel's unit (the width of a digit of the default
 * font), with bold and large text counted wider.
 */
import { hasFormula as hasFormulaOf, withFormat } from "./fill";
import { amountFormat } from "./model";
import { type CellPlan, type ErrorCell, isErrorCell, type Literal, type PrintPlan, type SheetPlan } from "./plan";
import { STYLES } from "./styles";

/**
 * What the per-cell loops use from fill.ts, bound once: run through tsx (the CLI), each use of
 * an imported name is a property getter call, a second of CPU over the cells of 100,000 customers.
 */
const hasFormula = hasFormulaOf;

/**
 * The number format of amounts (revenue, margin, costs, losses) as the sheet builders write it:
 * thousands separators. `withCurrency` gives every cell in this format the build's currency, on
 * every sheet, so no builder has to carry it.
 */
export const AMOUNT_FORMAT = "#,##0";
/**
 * Thousands separators for a figure that is not an amount (HHI points, a raw criterion value
 * that may be a count): shows as AMOUNT_FORMAT does, and never gets a currency.
 */
export const COUNT_FORMAT = "#,##0;-#,##0";

/** Widest column we set (characters); longer text wraps instead. */
export const MAX_WIDTH = 60;
/** Room around a cell's text (characters), for the cell's margins and a filter button. */
export const PADDING = 2;
/** Points per line of wrapped text in the default font (11 pt). */
export const LINE_POINTS = 15;
/** A sheet wider than this many characters prints landscape (a portrait page holds about 90). */
export const LANDSCAPE_ABOVE = 90;

/** Width factor of a style's font relative to the default: bold is wider, titles are larger. */
export function fontFactor(c: CellPlan): number {
  const s = c.style ? STYLES[c.style] : undefined;
  return (s?.bold ? 1.1 : 1) * ((s?.size ?? 11) / 11);
}

const group = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** `x` with `d` decimals, grouped in thousands when `grouped`. */
function fixed(x: number, d: number, grouped: boolean): string {
  const t = Math.abs(x).toFixed(d);
  const [i, frac] = t.split(".");
  return (x < 0 && Number(t) !== 0 ? "-" : "") + (grouped ? group(i) : i) + (frac ? `.${frac}` : "");
}

const decimalsOf = (pattern: string) => /0\.(0+)/.exec(pattern)?.[1].length ?? 0;

function formatGeneral(v: number): string {
  const s = String(Number(v.toPrecision(9)));
  return s.length > 11 ? v.toExponential(5) : s;
}

/** A number format, parsed once (the layout formats every figure of every sheet): the text, and its length without building it. */
interface Formatter {
  text: (v: number) => string;
  length: (v: number) => number;
}

const POWERS_OF_10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Length of `fixed(x, d, grouped)` without building the grouped string. */
function fixedLength(x: number, d: number, grouped: boolean): number {
  // A whole amount without decimals (most figures): its digits, counted without making the text.
  if (d === 0 && Number.isInteger(x) && Math.abs(x) < 1e15) {
    const a = Math.abs(x);
    let digits = 1;
    while (digits < 15 && a >= POWERS_OF_10[digits]) digits++;
    return (x < 0 ? 1 : 0) + digits + (grouped ? Math.floor((digits - 1) / 3) : 0);
  }
  const t = Math.abs(x).toFixed(d);
  if (!Number.isFinite(x) || t.includes("e")) return fixed(x, d, grouped).length; // 1e21 and above, Infinity
  const intLen = d > 0 ? t.length - d - 1 : t.length;
  const negative = x < 0 && Number(t) !== 0 ? 1 : 0;
  return negative + t.length + (grouped ? Math.floor((intLen - 1) / 3) : 0);
}

function compileFormat(format: string): Formatter {
  const f = format.replace(/"[^"]*"/g, (q) => q.slice(1, -1)); // quoted currency text stays as it is
  if (f === "General" || f === "") return { text: formatGeneral, length: (v) => (Number.isInteger(v) && Math.abs(v) < 1e9 ? fixedLength(v, 0, false) : formatGeneral(v).length) };
  const grouped = f.includes(",");
  const first = f.split(";")[0];
  const prefix = /^[^#0]*/.exec(first)![0].replace(/[\\[\]]/g, "");
  // A % outside quotes scales by 100; a quoted "%" is text after the number, as in Excel.
  if (format.replace(/"[^"]*"/g, "").includes("%")) {
    const d = decimalsOf(f);
    return { text: (v) => `${prefix}${fixed(v * 100, d, grouped)}%`, length: (v) => prefix.length + fixedLength(v * 100, d, grouped) + 1 };
  }
  const suffix = /[^#0]*$/.exec(first)![0];
  const d = decimalsOf(first);
  return { text: (v) => `${prefix}${fixed(v, d, grouped)}${suffix}`, length: (v) => prefix.length + fixedLength(v, d, grouped) + suffix.length };
}

const formatters = new Map<string, Formatter>();

function formatterOf(format: string): Formatter {
  let f = formatters.get(format);
  if (f === undefined) formatters.set(format, (f = compileFormat(format)));
  return f;
}

/** The text a number shows under an Excel format (the formats the builders use; others as General). */
export function formatNumber(v: number, format = "General"): string {
  return formatterOf(format).text(v);
}

const typicalText = new Map<string, string>();

/** A typical figure under a format, for a formula whose result is not known. */
function typical(format?: string): string {
  if (!format || format === "General") return "0.000000";
  let t = typicalText.get(format);
  if (t === undefined) typicalText.set(format, (t = formatNumber(format.includes("%") ? -0.555 : -99_999_999.5, format)));
  return t;
}

/** What a cell shows: its literal, or its formula's result, formatted. */
export function shownText(c: CellPlan): string {
  const formula = hasFormula(c);
  if (formula && c.result === undefined) return typical(c.format);
  const v: Literal | ErrorCell | undefined = formula ? c.result : c.value;
  if (v === undefined || v === null) return "";
  if (isErrorCell(v)) return v.code;
  if (typeof v === "number") return formatNumber(v, c.format);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

/** The length of `shownText(c)`, without building the text of a number. */
export function shownLength(c: CellPlan): number {
  const formula = hasFormula(c);
  const v = formula ? c.result : c.value;
  if (typeof v === "number" && (!formula || c.result !== undefined)) return formatterOf(c.format ?? "General").length(v);
  return shownText(c).length;
}

/** Lines of `text` wrapped at `width` characters (word by word, a long word on its own line). */
export function wrappedLines(text: string, width: number): number {
  let lines = 0;
  for (const para of text.split("\n")) {
    let line = 0;
    lines++;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = word.length;
      if (line > 0 && line + 1 + w > width) {
        lines++;
        line = w;
      } else line += (line > 0 ? 1 : 0) + w;
    }
  }
  return lines;
}

const wraps = (c: CellPlan) => (c.style ? STYLES[c.style].wrap === true : false);

/** Width (characters) a cell needs to show its text on one line. */
export const neededWidth = (c: CellPlan): number => Math.ceil(shownLength(c) * fontFactor(c)) + PADDING;

/** Widest word of a wrapped cell: the least width that wraps it without cutting a word. */
const longestWord = (c: CellPlan) => Math.ceil(Math.max(0, ...shownText(c).split(/\s+/).map((w) => w.length)) * fontFactor(c)) + PADDING;

/** The grid of a plan's cells, by row then column. */
function grid(p: SheetPlan): CellPlan[][] {
  // One block from the top-left corner (every sheet a SheetBuilder makes) is its own grid: read, never changed.
  if (p.blocks.length === 1 && p.blocks[0].row === 0 && p.blocks[0].col === 0) return p.blocks[0].cells;
  const g: CellPlan[][] = [];
  for (const b of p.blocks) {
    b.cells.forEach((row, i) => {
      const r = (g[b.row + i] ??= []);
      row.forEach((c, j) => (r[b.col + j] = c));
    });
  }
  return g;
}

const isEmpty = (c: CellPlan | undefined) => !c || (!hasFormula(c) && (c.value === undefined || c.value === null || c.value === ""));

/**
 * Whether a cell's text would be cut off: text spills into the cells to its right only while
 * they are empty, numbers never spill.
 */
function canSpill(g: CellPlan[][], r: number, c: number, hidden: (col: number) => boolean = () => false): boolean {
  const cell = g[r][c];
  const v = hasFormula(cell) ? cell.result : cell.value;
  if (typeof v !== "string" || wraps(cell)) return false;
  // Text does not spill into a hidden (grouped) column: LibreOffice cuts it there.
  return !hidden(c + 1) && isEmpty(g[r][c + 1]);
}

/**
 * Column widths from the content: each column as wide as the widest cell in it that cannot
 * spill (a number, a label with something to its right, a header), at least its planned width
 * where the builder asked for room (input cells to type in), at most MAX_WIDTH. Wrapped cells
 * (headers) count their longest word; their row gets the height of their lines.
 */
export function fitColumns(p: SheetPlan, g: CellPlan[][] = grid(p)): { widths: number[]; rowHeights: { row: number; height: number }[] } {
  const cols = g.reduce((m, r) => Math.max(m, r?.length ?? 0), 0);
  const hiddenCol: boolean[] = Array.from({ length: cols + 1 }, (_, c) => (p.hiddenColumns ?? []).some((h) => c >= h.col && c < h.col + h.cols));
  const hidden = (c: number) => hiddenCol[c] === true;
  const hiddenRow = (r: number) => (p.hiddenRows ?? []).some((h) => r >= h.row && r < h.row + h.rows);
  const widths = Array.from({ length: cols }, (_, c) => Math.max(Math.min(p.columnWidths?.[c] ?? 0, 12), p.minColumnWidths?.[c] ?? 0));
  // The width each cell needs is worked out once (measuring every figure is most of the layout's time).
  const needed = new Float32Array(g.length * cols).fill(NaN); // whole numbers of characters: exact
  const neededAt = (r: number, c: number) => {
    const k = r * cols + c;
    return Number.isNaN(needed[k]) ? (needed[k] = neededWidth(g[r][c])) : needed[k];
  };
  // Whether each cell keeps its text in its column (it cannot spill), worked out once for both passes.
  const KEEPS = 1;
  const SPILLS = 2;
  const kept = new Uint8Array(g.length * cols);
  const keeps = (r: number, c: number) => {
    const k = r * cols + c;
    return (kept[k] ||= canSpill(g, r, c, hidden) ? SPILLS : KEEPS) === KEEPS;
  };
  for (let r = 0; r < g.length; r++) {
    const row = g[r];
    if (!row || hiddenRow(r)) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || isEmpty(cell)) continue;
      if (wraps(cell)) widths[c] = Math.max(widths[c], Math.min(longestWord(cell), MAX_WIDTH));
      else if (keeps(r, c)) widths[c] = Math.max(widths[c], Math.min(neededAt(r, c), MAX_WIDTH));
    }
  }
  const rowHeights: { row: number; height: number }[] = [];
  for (let r = 0; r < g.length; r++) {
    const row = g[r];
    if (!row) continue;
    let lines = 1;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || isEmpty(cell)) continue;
      const tooWide = keeps(r, c) && neededAt(r, c) > widths[c];
      if (wraps(cell) || tooWide) lines = Math.max(lines, wrappedLines(shownText(cell), Math.max(1, Math.floor((widths[c] - PADDING) / fontFactor(cell)))));
    }
    if (lines > 1) rowHeights.push({ row: r, height: lines * LINE_POINTS });
  }
  return { widths: widths.map((w) => Math.max(w, 3)), rowHeights };
}

/** The used rectangle of a plan: its cells and its charts. */
export function usedRange(p: SheetPlan, g: CellPlan[][] = grid(p)): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  g.forEach((row, r) =>
    row?.forEach((c, j) => {
      if (!isEmpty(c) || c.style) {
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, j + 1);
      }
    }),
  );
  for (const ch of p.charts ?? []) {
    rows = Math.max(rows, ch.anchor.row + ch.anchor.rows);
    cols = Math.max(cols, ch.anchor.col + ch.anchor.cols);
  }
  return { rows: Math.max(rows, 1), cols: Math.max(cols, 1) };
}

/**
 * Print setup: the used range, one page wide, landscape when wider than a portrait page, the
 * header row of the sheet's table repeated on every page (or its frozen title rows), and a
 * footer with the sheet name, the page number and the build date.
 */
export function printSetup(p: SheetPlan, builtOn?: string, g?: CellPlan[][]): PrintPlan {
  const { rows, cols } = usedRange(p, g);
  // Hidden (grouped) helper columns do not print.
  const hidden = (c: number) => (p.hiddenColumns ?? []).some((h) => c >= h.col && c < h.col + h.cols);
  const width = Array.from({ length: cols }, (_, c) => (hidden(c) ? 0 : (p.columnWidths?.[c] ?? 9))).reduce((s, w) => s + w, 0);
  const table = p.tables?.[0];
  const titleRows = table ? { row: table.row, rows: 1 } : p.freeze && p.freeze.rows > 0 && p.freeze.rows <= 3 ? { row: 0, rows: p.freeze.rows } : { row: 0, rows: 1 };
  const onePage = p.printHint?.onePage === true;
  return {
    area: { row: 0, col: 0, rows: p.printHint?.rows ?? rows, cols },
    landscape: width > LANDSCAPE_ABOVE,
    pagesTall: onePage ? 1 : 0,
    titleRows: onePage ? undefined : titleRows,
    footer: { left: "&A", center: "Page &P of &N", right: builtOn ? `Built ${builtOn}` : "" },
  };
}

/** Applies the layout rules to a sheet plan: widths and row heights from the content, print setup. */
/** A currency as it may be shown with amounts: a code or symbol of 1 to 5 letters ("EUR", "€", "CHF"). */
export const CURRENCY_TEXT = /^[\p{L}\p{Sc}]{1,5}$/u;

/** Every amount of the sheet (cells in AMOUNT_FORMAT) with the currency, when one is given ("EUR 1,250"); rows without amounts are not copied. */
export function withCurrency(p: SheetPlan, currency?: string): SheetPlan {
  const format = amountFormat(currency);
  if (format === AMOUNT_FORMAT) return p;
  const convert = (c: CellPlan): CellPlan => (c.format === AMOUNT_FORMAT ? withFormat(c, format) : c);
  return { ...p, blocks: p.blocks.map((b) => ({ ...b, cells: b.cells.map((row) => (row.some((c) => c?.format === AMOUNT_FORMAT) ? row.map((c) => c && convert(c)) : row)) })) };
}

/** The layout rules applied to a built sheet: the currency of amounts, column widths from the content, row heights, print setup. */
export function laidOut(plan: SheetPlan, builtOn?: string, currency?: string): SheetPlan {
  const p = withCurrency(plan, currency);
  const g = grid(p); // the same cells before and after: widths and heights change, the blocks do not
  const { widths, rowHeights } = fitColumns(p, g);
  const out: SheetPlan = { ...p, columnWidths: widths, rowHeights: [...(p.rowHeights ?? []).filter((h) => !rowHeights.some((x) => x.row === h.row)), ...rowHeights] };
  return { ...out, print: printSetup(out, builtOn, g) };
}
