/**
 * Layout rules every sheet follows, applied to a finished SheetPlan (pure, no Office import):
 * column widths from the content, so no label or figure is cut off; header rows tall enough for
 * their wrapped text; print setup (orientation, one page wide, repeated header rows, print area,
 * a footer with sheet name, page number and build date). Both writers apply what this puts in
 * the plan. The width of text is estimated in Excel's unit (the width of a digit of the default
 * font), with bold and large text counted wider.
 */
import { type CellPlan, type ErrorCell, isErrorCell, type Literal, type PrintPlan, type SheetPlan } from "./plan";
import { STYLES } from "./styles";

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

/** The text a number shows under an Excel format (the formats the builders use; others as General). */
export function formatNumber(v: number, format = "General"): string {
  const f = format.replace(/"[^"]*"/g, (q) => q.slice(1, -1)); // quoted currency text stays as it is
  const decimals = (pattern: string) => /0\.(0+)/.exec(pattern)?.[1].length ?? 0;
  const fixed = (x: number, d: number) => {
    const t = Math.abs(x).toFixed(d);
    const [i, frac] = t.split(".");
    return (x < 0 && Number(t) !== 0 ? "-" : "") + (f.includes(",") ? group(i) : i) + (frac ? `.${frac}` : "");
  };
  if (f === "General" || f === "") {
    const s = String(Number(v.toPrecision(9)));
    return s.length > 11 ? v.toExponential(5) : s;
  }
  const prefix = /^[^#0]*/.exec(f.split(";")[0])![0].replace(/[\\[\]]/g, "");
  // A % outside quotes scales by 100; a quoted "%" is text after the number, as in Excel.
  if (format.replace(/"[^"]*"/g, "").includes("%")) return `${prefix}${fixed(v * 100, decimals(f))}%`;
  const suffix = /[^#0]*$/.exec(f.split(";")[0])![0];
  return `${prefix}${fixed(v, decimals(f.split(";")[0]))}${suffix}`;
}

/** A typical figure under a format, for a formula whose result is not known. */
function typical(format?: string): string {
  if (!format || format === "General") return "0.000000";
  return formatNumber(format.includes("%") ? -0.555 : -99_999_999.5, format);
}

/** What a cell shows: its literal, or its formula's result, formatted. */
export function shownText(c: CellPlan): string {
  if (c.formula !== undefined && c.result === undefined) return typical(c.format);
  const v: Literal | ErrorCell | undefined = c.formula !== undefined ? c.result : c.value;
  if (v === undefined || v === null) return "";
  if (isErrorCell(v)) return v.code;
  if (typeof v === "number") return formatNumber(v, c.format);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
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
export const neededWidth = (c: CellPlan): number => Math.ceil(shownText(c).length * fontFactor(c)) + PADDING;

/** Widest word of a wrapped cell: the least width that wraps it without cutting a word. */
const longestWord = (c: CellPlan) => Math.ceil(Math.max(0, ...shownText(c).split(/\s+/).map((w) => w.length)) * fontFactor(c)) + PADDING;

/** The grid of a plan's cells, by row then column. */
function grid(p: SheetPlan): CellPlan[][] {
  const g: CellPlan[][] = [];
  for (const b of p.blocks) {
    b.cells.forEach((row, i) => {
      const r = (g[b.row + i] ??= []);
      row.forEach((c, j) => (r[b.col + j] = c));
    });
  }
  return g;
}

const isEmpty = (c: CellPlan | undefined) => !c || (c.formula === undefined && (c.value === undefined || c.value === null || c.value === ""));

/**
 * Whether a cell's text would be cut off: text spills into the cells to its right only while
 * they are empty, numbers never spill.
 */
function canSpill(g: CellPlan[][], r: number, c: number, hidden: (col: number) => boolean = () => false): boolean {
  const cell = g[r][c];
  const v = cell.formula !== undefined ? cell.result : cell.value;
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
export function fitColumns(p: SheetPlan): { widths: number[]; rowHeights: { row: number; height: number }[] } {
  const g = grid(p);
  const hidden = (c: number) => (p.hiddenColumns ?? []).some((h) => c >= h.col && c < h.col + h.cols);
  const cols = g.reduce((m, r) => Math.max(m, r?.length ?? 0), 0);
  const widths = Array.from({ length: cols }, (_, c) => Math.min(p.columnWidths?.[c] ?? 0, 12));
  g.forEach((row, r) =>
    row?.forEach((cell, c) => {
      if (!cell || isEmpty(cell) || (p.hiddenRows ?? []).some((h) => r >= h.row && r < h.row + h.rows)) return;
      // Long plain text ("wrapped" style) keeps the width its builder planned and wraps within it.
      const room = cell.style === "wrapped" ? (p.columnWidths?.[c] ?? 0) : 0;
      if (wraps(cell)) widths[c] = Math.max(widths[c], Math.min(Math.max(longestWord(cell), room), MAX_WIDTH));
      else if (!canSpill(g, r, c, hidden)) widths[c] = Math.max(widths[c], Math.min(neededWidth(cell), MAX_WIDTH));
    }),
  );
  const rowHeights: { row: number; height: number }[] = [];
  g.forEach((row, r) => {
    let lines = 1;
    row?.forEach((cell, c) => {
      if (!cell || isEmpty(cell)) return;
      const tooWide = !canSpill(g, r, c, hidden) && neededWidth(cell) > widths[c];
      if (wraps(cell) || tooWide) lines = Math.max(lines, wrappedLines(shownText(cell), Math.max(1, Math.floor((widths[c] - PADDING) / fontFactor(cell)))));
    });
    if (lines > 1) rowHeights.push({ row: r, height: lines * LINE_POINTS });
  });
  return { widths: widths.map((w) => Math.max(w, 3)), rowHeights };
}

/** The used rectangle of a plan: its cells and its charts. */
export function usedRange(p: SheetPlan): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  const g = grid(p);
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
export function printSetup(p: SheetPlan, builtOn?: string): PrintPlan {
  const { rows, cols } = usedRange(p);
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
export function laidOut(p: SheetPlan, builtOn?: string): SheetPlan {
  const { widths, rowHeights } = fitColumns(p);
  const out: SheetPlan = { ...p, columnWidths: widths, rowHeights: [...(p.rowHeights ?? []).filter((h) => !rowHeights.some((x) => x.row === h.row)), ...rowHeights] };
  return { ...out, print: printSetup(out, builtOn) };
}
