/**
 * A declarative description of the sheets the add-in builds. Builders (pure) produce it from
 * the customer table and the user's choices; writers apply it: `src/taskpane/office-writer.ts`
 * through Office.js, `src/workbook/xlsx-writer.ts` to an .xlsx file. Rows and columns are
 * 0-based here; formulas are A1-style English Excel formulas that Excel 2016, LibreOffice
 * Calc and HyperFormula all compute (no dynamic arrays, no KAM.* functions).
 */

/** A literal a plan writes into a cell. */
export type Literal = string | number | boolean | null;

/**
 * An error value read from a cell (#N/A, #DIV/0!, …), in the shape of `CustomFunctions.Error`
 * (see `excelErrorCodeOf` in src/core/errors.ts): plans never write one, readers may meet one.
 */
export interface ErrorCell {
  readonly code: string;
}

/** A cell's value as read from a sheet or a file: a literal or an error. */
export type Scalar = Literal | ErrorCell;

export const isErrorCell = (v: unknown): v is ErrorCell => v !== null && typeof v === "object" && typeof (v as { code?: unknown }).code === "string";

export type CellStyle =
  | "title" // sheet title
  | "subtitle" // explanatory line under the title
  | "section" // heading of a block
  | "header" // table header
  | "label" // row label beside an input or output
  | "input" // a cell the user is expected to edit (weights, manual scores, assumptions)
  | "output" // a computed figure
  | "note" // small grey text
  | "warning" // something the user should look at
  | "wrapped"; // plain text that wraps in its column (long descriptions)

export interface CellPlan {
  /** A literal. Strings are always written as text, never parsed as a formula or number. */
  value?: Literal;
  /** A formula starting with "=". */
  formula?: string;
  /**
   * The formula's current result, computed by the core when the sheet is built ("" for a
   * formula that shows nothing). The .xlsx stores it as the cell's cached value, so readers
   * that do not recalculate (previews, openpyxl, pandas) see the figure.
   */
  result?: Literal | ErrorCell;
  /** Excel number format, e.g. "0.0%", "#,##0". */
  format?: string;
  style?: CellStyle;
}

/** A rectangle of cells with its top-left corner at (row, col). */
export interface BlockPlan {
  row: number;
  col: number;
  cells: CellPlan[][];
}

export interface RangeRef {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** An Excel table (ListObject) over a range whose first row is the header. */
export interface TablePlan extends RangeRef {
  name: string;
}

/** A 3-colour scale (low red, middle yellow, high green) over a range. */
export type ColorScalePlan = RangeRef;

export interface ChartPlan {
  /**
   * "bar": horizontal bars, the series stacked (a tornado when one series is negative and one positive).
   * "bubble": x values in `data` (with header), y values in the one series, sizes in `bubbleSizes`.
   * "columnLine": the first series as columns (a count), the others as lines on a second axis
   * from 0% to 100% (a share); text categories.
   */
  kind: "line" | "column" | "scatter" | "bar" | "bubble" | "columnLine";
  title: string;
  /** Categories (x values): one column on this sheet, its first row a header. */
  data: RangeRef;
  /** Series on this sheet, one column each, without header. */
  series: { name: string; values: RangeRef }[];
  /** Top-left cell where the chart is placed, and its size in cells. */
  anchor: { row: number; col: number; rows: number; cols: number };
  xTitle?: string;
  yTitle?: string;
  /** Bubble charts: one bubble size per point, the rows of the series values. */
  bubbleSizes?: RangeRef;
  /** A data label per point from these cells (same rows as the series values); a blank cell: no label. */
  pointLabels?: RangeRef;
  /**
   * Reference lines through the plot at the values of single cells: a vertical line at x,
   * a horizontal one at y (the portfolio's cuts). Writers draw them where the other axis
   * crosses (Excel's "axis crosses at") at `value`, the cell's value at the build.
   */
  referenceLines?: { x?: { cell: RangeRef; value: number }; y?: { cell: RangeRef; value: number } };
  /** Plot cells in hidden rows and columns too (the chart's data are grouped and hidden). */
  plotHidden?: boolean;
  /** Fixed axis bounds (e.g. the 1–10 score scale). */
  bounds?: { xMin?: number; xMax?: number; yMin?: number; yMax?: number };
}

/** How a sheet prints (applied by both writers; see `layout.ts`). */
export interface PrintPlan {
  /** The print area. */
  area: RangeRef;
  landscape: boolean;
  /** Rows repeated at the top of every printed page. */
  titleRows?: { row: number; rows: number };
  /** Pages tall to fit the sheet on (0: as many as it takes). */
  pagesTall: number;
  /** Footer text in Excel's header/footer codes (&A sheet name, &P page, &N pages). */
  footer: { left: string; center: string; right: string };
}

export interface SheetPlan {
  name: string;
  blocks: BlockPlan[];
  /** Column widths in characters, from column A. */
  columnWidths?: number[];
  /** Widths (characters) the builder needs at least whatever the content, e.g. for text it wrapped into rows to fit them. */
  minColumnWidths?: number[];
  freeze?: { rows: number; cols: number };
  /** Rows to hide (0-based first row and count): helper rows the user can unhide. */
  hiddenRows?: { row: number; rows: number }[];
  /** Helper columns, grouped (outline level 1) and collapsed; a note on the sheet says where they are. */
  hiddenColumns?: { col: number; cols: number }[];
  tables?: TablePlan[];
  colorScales?: ColorScalePlan[];
  charts?: ChartPlan[];
  tabColor?: string;
  /** Row heights in points (rows with wrapped text). */
  rowHeights?: { row: number; height: number }[];
  /** Print setup: one page wide, always. */
  print?: PrintPlan;
  /** Placed before the other sheets of the plan in the workbook (the summary). */
  first?: boolean;
  /** What the builder asks of the print setup: the rows to print (from the top), one page only. */
  printHint?: { rows?: number; onePage?: boolean };
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
}

/** Column letters for a 0-based column index: 0 → A, 27 → AB. */
export function columnLetter(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 0-based cell; `abs` makes it $A$1. */
export function a1(row: number, col: number, abs = false): string {
  return abs ? `$${columnLetter(col)}$${row + 1}` : `${columnLetter(col)}${row + 1}`;
}

/** A1 address of a range. */
export function a1Range(r: RangeRef, abs = false): string {
  return `${a1(r.row, r.col, abs)}:${a1(r.row + r.rows - 1, r.col + r.cols - 1, abs)}`;
}

/**
 * A sheet name as Excel writes it before "!": plain names (Customers) as they are, others
 * quoted with inner apostrophes doubled ('Q3 Customers', 'Bob''s', '2024', 'A1').
 */
export function quoteSheetName(name: string): string {
  const plain = /^[\p{L}_][\p{L}\d_.]*$/u.test(name) && !/^[a-z]{1,3}\d+$/i.test(name) && !/^(r\d*c?\d*|c\d*)$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Sheet name as it must appear in a formula: quoted, with quotes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'!`;
}

/** Size in cells of a block. */
export function blockSize(b: BlockPlan): { rows: number; cols: number } {
  return { rows: b.cells.length, cols: b.cells.reduce((m, r) => Math.max(m, r.length), 0) };
}
