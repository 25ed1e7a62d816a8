/**
 * Writes a WorkbookPlan to an .xlsx file with ExcelJS. Strings are always written as text
 * cells, so a customer named "=HYPERLINK(...)" can never become a formula. ExcelJS cannot
 * write charts or table objects: the sheets get an auto-filter instead of a table, and the
 * chart's place holds a note saying the chart is drawn when the add-in builds the sheets.
 */
import ExcelJS from "exceljs";
import { a1, a1Range, CellPlan, SheetPlan, WorkbookPlan } from "./plan";
import { COLOR_SCALE, STYLES } from "./styles";

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

function applyCell(cell: ExcelJS.Cell, c: CellPlan): void {
  if (c.formula !== undefined) cell.value = { formula: c.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
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
  for (const h of plan.hiddenRows ?? []) for (let r = h.row; r < h.row + h.rows; r++) ws.getRow(r + 1).hidden = true;
  for (const t of plan.tables ?? []) ws.autoFilter = a1Range(t);
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
  for (const ch of plan.charts ?? []) {
    const cell = ws.getCell(a1(ch.anchor.row, ch.anchor.col));
    if (cell.value === null || cell.value === undefined) {
      cell.value = `Chart "${ch.title}": drawn when the Key Account Manager add-in builds this sheet in Excel.`;
      cell.font = { italic: true, color: { argb: argb("#7F7F7F") } };
    }
  }
}

export async function planToXlsx(plan: WorkbookPlan): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Key Account Manager";
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of plan.sheets) writeSheet(wb, sheet);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
