/**
 * Writes a WorkbookPlan to an .xlsx file with ExcelJS. Strings are always written as text
 * cells, so a customer named "=HYPERLINK(...)" can never become a formula. ExcelJS cannot
 * write charts: `xlsx-charts.ts` adds them to the package ExcelJS wrote.
 */
import ExcelJS from "exceljs";
import { a1, a1Range, CellPlan, type Scalar, SheetPlan, type TablePlan, WorkbookPlan } from "./plan";
import { addCharts } from "./xlsx-charts";
import { COLOR_SCALE, STYLES } from "./styles";

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

function applyCell(cell: ExcelJS.Cell, c: CellPlan): void {
  if (c.formula !== undefined) {
    const formula = c.formula.replace(/^=/, "");
    cell.value = (c.result === undefined || c.result === null ? { formula } : { formula, result: c.result }) as ExcelJS.CellFormulaValue;
  }
  else if (c.value !== undefined && c.value !== null && c.value !== "") cell.value = c.value;
  if (c.format) cell.numFmt = c.format;
  if (c.style) {
    const s = STYLES[c.style];
    cell.font = { bold: s.bold, italic: s.italic, size: s.size, color: s.color ? { argb: argb(s.color) } : undefined };
    if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
    if (s.wrap) cell.alignment = { wrapText: true, vertical: "top" };
  }
}

function writeSheet(wb: ExcelJS.Workbook, plan: SheetPlan): void {
  const ws = wb.addWorksheet(plan.name, plan.tabColor ? { properties: { tabColor: { argb: argb(plan.tabColor) } } } : undefined);
  for (const block of plan.blocks) {
    block.cells.forEach((row, i) => {
      const xlRow = ws.getRow(block.row + i + 1);
      row.forEach((c, j) => {
        if (c.formula === undefined && (c.value === undefined || c.value === null) && !c.style && !c.format) return;
        applyCell(xlRow.getCell(block.col + j + 1), c);
      });
    });
  }
  (plan.columnWidths ?? []).forEach((w, i) => (ws.getColumn(i + 1).width = w));
  if (plan.freeze) ws.views = [{ state: "frozen", xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }];
  for (const h of plan.rowHeights ?? []) ws.getRow(h.row + 1).height = h.height;
  if (plan.print) {
    const pr = plan.print;
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: pr.landscape ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: pr.pagesTall,
      // ExcelJS puts a "$" before the column letters only: give it the rows' "$" (A$1:O$43 → $A$1:$O$43).
      printArea: a1Range(pr.area).replace(/(\d+)/g, "$$$1"),
      printTitlesRow: pr.titleRows ? `${pr.titleRows.row + 1}:${pr.titleRows.row + pr.titleRows.rows}` : undefined,
    };
    const f = pr.footer;
    ws.headerFooter = { ...ws.headerFooter, oddFooter: `&L${f.left}&C${f.center}&R${f.right}` };
  }
  for (const h of plan.hiddenRows ?? []) for (let r = h.row; r < h.row + h.rows; r++) ws.getRow(r + 1).hidden = true;
  for (const t of plan.tables ?? []) addTable(ws, t);
  for (const cs of plan.colorScales ?? []) {
    ws.addConditionalFormatting({
      ref: a1Range(cs),
      rules: [
        {
          type: "colorScale",
          priority: 1,
          cfvo: [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }],
          color: [{ argb: argb(COLOR_SCALE.low) }, { argb: argb(COLOR_SCALE.mid) }, { argb: argb(COLOR_SCALE.high) }],
        },
      ],
    });
  }
}

/**
 * An Excel table over cells already written: ExcelJS writes a table's cells itself, so it gets
 * back the values, formulas (with their cached results) and styles just written.
 */
function addTable(ws: ExcelJS.Worksheet, t: TablePlan): void {
  const at = (r: number, c: number) => ws.getCell(r + 1, c + 1);
  const columns = Array.from({ length: t.cols }, (_, j) => ({ name: String(at(t.row, t.col + j).value ?? `Column${j + 1}`), filterButton: true }));
  const rows = Array.from({ length: t.rows - 1 }, (_, i) => Array.from({ length: t.cols }, (_, j) => at(t.row + 1 + i, t.col + j).value));
  const styles = Array.from({ length: t.rows }, (_, i) => Array.from({ length: t.cols }, (_, j) => ({ ...at(t.row + i, t.col + j).style })));
  ws.addTable({ name: t.name, ref: a1(t.row, t.col), headerRow: true, totalsRow: false, style: { theme: "TableStyleLight9", showRowStripes: true }, columns, rows: rows as ExcelJS.CellValue[][] });
  styles.forEach((row, i) => row.forEach((st, j) => (at(t.row + i, t.col + j).style = st)));
}

/** The cell of a plan at (row, col), if a block covers it. */
export function planCell(sheet: SheetPlan, row: number, col: number): CellPlan | undefined {
  for (const b of sheet.blocks) {
    const c = b.cells[row - b.row]?.[col - b.col];
    if (c) return c;
  }
  return undefined;
}

export async function planToXlsx(plan: WorkbookPlan): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Key Account Manager";
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of [...plan.sheets.filter((s) => s.first), ...plan.sheets.filter((s) => !s.first)]) writeSheet(wb, sheet);
  const buffer = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const byName = new Map(plan.sheets.map((s) => [s.name, s]));
  const value = (sheet: string, row: number, col: number): Scalar | undefined => {
    const c = byName.get(sheet) && planCell(byName.get(sheet)!, row, col);
    return c ? (c.formula !== undefined ? c.result : c.value) : undefined;
  };
  return addCharts(
    buffer,
    plan.sheets.map((s) => ({
      sheet: s.name,
      charts: s.charts ?? [],
      valueFormats: (s.charts ?? []).map((ch) => (ch.series[0] ? planCell(s, ch.series[0].values.row, ch.series[0].values.col)?.format : undefined)),
    })),
    value,
  );
}
