/** A small dense-grid helper the sheet builders fill cell by cell, then turn into a plan. */
import { BlockPlan, CellPlan, ChartPlan, ColorScalePlan, SheetPlan, TablePlan } from "./plan";

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

  constructor(readonly name: string) {}

  set(row: number, col: number, cell: CellPlan): void {
    while (this.cells.length <= row) this.cells.push([]);
    const r = this.cells[row];
    while (r.length < col) r.push({});
    r[col] = cell;
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
    const width = this.cells.reduce((m, r) => Math.max(m, r.length), 0);
    const rows = this.cells.map((r) => {
      const copy = r.slice();
      while (copy.length < width) copy.push({});
      return copy;
    });
    const block: BlockPlan = { row: 0, col: 0, cells: rows };
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
