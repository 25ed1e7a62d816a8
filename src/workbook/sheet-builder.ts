/** A small dense-grid helper the sheet builders fill cell by cell, then turn into a plan. */
import { Fill, FilledCell } from "./fill";
import { BlockPlan, CellPlan, ChartPlan, ColorScalePlan, SheetPlan, TablePlan } from "./plan";

/**
 * Makes V8 store a formula built from pieces as one flat string. A template literal or `+`
 * gives a rope (a tree of the pieces, 32 bytes a node): a 130-character formula made of
 * cell addresses is a dozen nodes, and a plan of 100,000 customers held over 1 GB of them.
 * Reading a character flattens the rope into one string, and the next garbage collection
 * drops the tree (measured: the plan's heap for 5,000 customers falls from 87 to 31 MB).
 */
function flatten(text: string): void {
  text.charCodeAt(0);
}

/** The cells of one row of a block of per-customer rows (see `SheetBuilder.filledRow`). */
export type RowSource = (row: number) => CellPlan[];

/** The cell that fills gaps: one shared, frozen object (plans are never changed in place). */
const EMPTY_CELL: CellPlan = Object.freeze({});

export class SheetBuilder {
  private readonly cells: CellPlan[][] = [];
  readonly tables: TablePlan[] = [];
  readonly colorScales: ColorScalePlan[] = [];
  readonly charts: ChartPlan[] = [];
  freeze?: { rows: number; cols: number };
  readonly hiddenRows: { row: number; rows: number }[] = [];
  readonly hiddenColumns: { col: number; cols: number }[] = [];
  columnWidths: number[] = [];
  /** Rows to print (from the top), when not all: the rest is chart data or helpers. */
  printRows?: number;
  /** Print on one page (the summary). */
  onePage = false;

  /** Per column, the last formula cell set in it (its row), and the run of copies it belongs to once there is one. */
  private readonly lastFormula: ({ row: number; formula: string; fill?: Fill } | undefined)[] = [];
  /** Per `filledRow` source: the last row it gave and where, with its cells. */
  private readonly sources = new Map<RowSource, { row: number; col: number; cells: CellPlan[] }>();

  /**
   * Tests set this: `filledRow` then calls its source for every row and checks that each of its
   * formulas is the copy of the row above that the writers take it for.
   */
  static verifyFills = false;

  constructor(readonly name: string) {}

  set(row: number, col: number, cell: CellPlan): void {
    const r = this.slot(row, col);
    r[col] = !(cell instanceof FilledCell) && cell.formula !== undefined && cell.value === undefined ? this.filled(row, col, cell) : cell;
    if (r[col] !== cell || cell.formula === undefined) return;
    flatten(cell.formula);
  }

  /** The row array with room up to `col`; writing over a cell at or above the column's last formula ends its run there. */
  private slot(row: number, col: number): CellPlan[] {
    while (this.cells.length <= row) this.cells.push([]);
    const r = this.cells[row];
    while (r.length < col) r.push(EMPTY_CELL);
    if (row <= (this.lastFormula[col]?.row ?? -1)) this.lastFormula[col] = undefined;
    return r;
  }

  /**
   * A formula cell that copies the formula cell right above it (relative references moved one
   * row down) joins that cell's run (see fill.ts): it keeps no text of its own. Builders fill
   * their per-customer columns row by row, so each column's copies form one run.
   */
  private filled(row: number, col: number, cell: CellPlan): CellPlan {
    const formula = cell.formula!;
    const fill = this.runAbove(row, col);
    if (fill?.copies(formula, row, col)) return this.join(fill, row, col, cell.result, cell.format, cell.style);
    this.lastFormula[col] = { row, formula };
    return cell;
  }

  /** The run of the formula cell right above (row, col), if any. */
  private runAbove(row: number, col: number): Fill | undefined {
    const last = this.lastFormula[col];
    if (!last || last.row !== row - 1) return undefined;
    return (last.fill ??= Fill.of(last.formula, last.row, col));
  }

  /** The cell at (row, col) as the next cell of `fill`'s run. */
  private join(fill: Fill, row: number, col: number, result: CellPlan["result"], format: string | undefined, style: CellPlan["style"]): FilledCell {
    const last = this.lastFormula[col]!;
    if (fill.row === last.row) {
      // The run's first cell becomes a filled cell too, so the writer sees where the run starts.
      const above = this.cells[last.row][col];
      this.cells[last.row][col] = new FilledCell(fill, last.row, above.result, above.format, above.style);
    }
    last.row = row;
    return new FilledCell(fill, row, result, format, style);
  }

  /**
   * Row `row` of a block of per-customer rows, from column `col`: the cells `source(row)` gives,
   * the k-th with `result(k)` as its formula's result. `source` is one function for every row of
   * the block, and its formulas in a row are the formulas of the row above filled down (their
   * relative references one row further). So after the block's first row it is not called: each
   * formula cell joins the run of the cell above (fill.ts), and a cell without a formula is the
   * one above again. At 100,000 customers that saves building and checking 4 million formulas.
   */
  filledRow(row: number, col: number, source: RowSource, result: (k: number) => CellPlan["result"]): void {
    const prev = this.sources.get(source);
    if (prev && prev.row === row - 1 && prev.col === col && !SheetBuilder.verifyFills) {
      const cells = prev.cells;
      let runs = true;
      for (let k = 0; k < cells.length && runs; k++) runs = cells[k].formula === undefined || this.runAbove(row, col + k) !== undefined;
      if (runs) {
        for (let k = 0; k < cells.length; k++) {
          const c = cells[k];
          const r = this.slot(row, col + k);
          r[col + k] = c.formula === undefined ? c : this.join(this.runAbove(row, col + k)!, row, col + k, result(k), c.format, c.style);
        }
        prev.row = row;
        return;
      }
    }
    const cells = source(row);
    this.sources.set(source, { row, col, cells });
    cells.forEach((c, k) => {
      this.set(row, col + k, c.formula === undefined ? c : { ...c, result: result(k) });
      const placed = this.cells[row][col + k];
      if (!SheetBuilder.verifyFills || prev?.row !== row - 1 || prev.col !== col) return;
      const same = c.formula !== undefined ? placed instanceof FilledCell && placed.row > placed.fill.row : JSON.stringify(c) === JSON.stringify(prev.cells[k]);
      if (!same) throw new Error(`${this.name}: the cell at row ${row + 1}, column ${col + k + 1} is not the one above filled down: ${JSON.stringify(c)}`);
    });
  }

  /** Writes a row of cells starting at (row, col). */
  row(row: number, col: number, cells: CellPlan[]): void {
    cells.forEach((c, i) => this.set(row, col + i, c));
  }

  /** Label in column A, value or formula in column B. */
  labelled(row: number, label: string, cell: CellPlan, note?: string): void {
    this.set(row, 0, { value: label, style: "label" });
    this.set(row, 1, cell);
    if (note !== undefined) this.set(row, 2, { value: note, style: "note" });
  }

  get rowCount(): number {
    return this.cells.length;
  }

  toPlan(tabColor?: string): SheetPlan {
    // The rows are padded in place, not copied: at 100,000 customers a copy is 100,000 arrays more.
    const width = this.cells.reduce((m, r) => Math.max(m, r.length), 0);
    for (const r of this.cells) while (r.length < width) r.push(EMPTY_CELL);
    const block: BlockPlan = { row: 0, col: 0, cells: this.cells };
    return {
      name: this.name,
      blocks: [block],
      columnWidths: this.columnWidths,
      freeze: this.freeze,
      hiddenRows: this.hiddenRows,
      hiddenColumns: this.hiddenColumns.length > 0 ? this.hiddenColumns : undefined,
      tables: this.tables,
      colorScales: this.colorScales,
      charts: this.charts,
      tabColor,
      printHint: this.printRows !== undefined || this.onePage ? { rows: this.printRows, onePage: this.onePage } : undefined,
    };
  }
}
