/**
 * Writes a WorkbookPlan to an .xlsx file with ExcelJS's streaming writer: rows are written
 * and compressed (by Node's zlib) one at a time, in order, so memory stays near the size of
 * the plan and 100,000 customers take seconds. Strings are always written as text cells, so
 * a customer named "=HYPERLINK(...)" can never become a formula. Formula cells carry the
 * core's result when the plan has one. The streaming writer cannot write charts, tables or print
 * areas: `xlsx-charts.ts` adds those parts to the finished package. The workbook asks Excel to
 * recalculate everything when opened.
 */
import ExcelJS from "exceljs";
import { createWriteStream } from "node:fs";
import { PassThrough, type Writable } from "node:stream";
import { readFile, writeFile } from "node:fs/promises";
import { a1Range, CellPlan, isErrorCell, type Literal, SheetPlan, WorkbookPlan } from "./plan";
import { finishPackage } from "./xlsx-charts";
import { COLOR_SCALE, STYLES } from "./styles";
import { keepNoFormulae, pause, ROWS_PER_PAUSE, yieldToEventLoop } from "./xlsx-stream";

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/**
 * One style object per (style, format): ExcelJS recognises a style object it has seen and
 * skips serialising it again, which is most of the writing time for large sheets. Never
 * mutated after creation.
 */
const styleCache = new Map<string, Partial<ExcelJS.Style>>();

/**
 * The style of a cell with neither style nor format. ExcelJS gives every new cell a style
 * object of its own and looks styles up by object, so without this each such cell (most
 * helper formulas) had its style serialised and searched for again.
 */
const NO_STYLE: Partial<ExcelJS.Style> = {};

function styleOf(c: CellPlan): Partial<ExcelJS.Style> {
  if (!c.style && !c.format) return NO_STYLE;
  const key = `${c.style ?? ""}|${c.format ?? ""}`;
  let style = styleCache.get(key);
  if (!style) {
    style = {};
    if (c.format) style.numFmt = c.format;
    if (c.style) {
      const s = STYLES[c.style];
      style.font = { bold: s.bold, italic: s.italic, size: s.size, color: s.color ? { argb: argb(s.color) } : undefined };
      if (s.fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
      if (s.wrap) style.alignment = { wrapText: true, vertical: "top" };
    }
    styleCache.set(key, style);
  }
  return style;
}

function applyCell(cell: ExcelJS.Cell, c: CellPlan): void {
  if (c.formula !== undefined) {
    const formula = c.formula.replace(/^=/, "");
    const result = isErrorCell(c.result) ? { error: c.result.code } : c.result;
    cell.value = (result === undefined || result === null ? { formula } : { formula, result }) as ExcelJS.CellFormulaValue;
  }
  else if (c.value !== undefined && c.value !== null && c.value !== "") cell.value = c.value;
  const style = styleOf(c);
  if (style) cell.style = style;
}

async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, plan: SheetPlan): Promise<void> {
  const ws = wb.addWorksheet(plan.name, {
    properties: plan.tabColor ? ({ tabColor: { argb: argb(plan.tabColor) } } as Partial<ExcelJS.WorksheetProperties>) : undefined,
    views: plan.freeze ? [{ state: "frozen", xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }] : undefined,
    // Print area and title rows are defined names, added with the tables and charts (finishPackage).
    pageSetup: plan.print
      ? { orientation: plan.print.landscape ? "landscape" : "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: plan.print.pagesTall }
      : undefined,
    headerFooter: plan.print ? { oddFooter: `&L${plan.print.footer.left}&C${plan.print.footer.center}&R${plan.print.footer.right}` } : undefined,
  } as Partial<ExcelJS.AddWorksheetOptions>);
  keepNoFormulae(ws);
  if (plan.columnWidths?.length) ws.columns = plan.columnWidths.map((width) => ({ width }));
  // Helper columns: grouped and collapsed (the + above the column letters opens them).
  for (const h of plan.hiddenColumns ?? []) {
    for (let c = h.col; c < h.col + h.cols; c++) {
      const col = ws.getColumn(c + 1);
      col.outlineLevel = 1;
      col.hidden = true;
    }
  }
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
  // Rows must be written in order. Walk the rows once, with the blocks that cover each row
  // (later blocks win, as in the plan's order), without copying the plan's cells.
  const blocks = plan.blocks.map((b, index) => ({ b, index })).sort((x, y) => x.b.row - y.b.row || x.index - y.index);
  const hidden = new Set<number>();
  for (const h of plan.hiddenRows ?? []) for (let r = h.row; r < h.row + h.rows; r++) hidden.add(r);
  const heights = new Map((plan.rowHeights ?? []).map((h) => [h.row, h.height]));
  let last = -1;
  for (const { b } of blocks) last = Math.max(last, b.row + b.cells.length - 1);
  for (const r of hidden) last = Math.max(last, r);
  for (const r of heights.keys()) last = Math.max(last, r);
  let next = 0;
  let active: { b: (typeof blocks)[number]["b"]; index: number }[] = [];
  const worth = (c: CellPlan) => !(c.formula === undefined && (c.value === undefined || c.value === null) && !c.style && !c.format);
  for (let r = 0; r <= last; r++) {
    while (next < blocks.length && blocks[next].b.row <= r) active.push(blocks[next++]);
    active = active.filter(({ b }) => b.row + b.cells.length > r);
    active.sort((x, y) => x.index - y.index);
    const hasCells = active.some(({ b }) => (b.cells[r - b.row] ?? []).some(worth));
    if (!hasCells && !heights.has(r) && !hidden.has(r)) continue;
    const xlRow = ws.getRow(r + 1);
    for (const { b } of active) {
      const row = b.cells[r - b.row] ?? [];
      row.forEach((c, j) => worth(c) && applyCell(xlRow.getCell(b.col + j + 1), c));
    }
    if (heights.has(r)) xlRow.height = heights.get(r)!;
    if (hidden.has(r)) xlRow.hidden = true;
    xlRow.commit();
    if (r % ROWS_PER_PAUSE === 0) await pause(ws);
  }
  ws.commit();
  await yieldToEventLoop();
}

/** Writes the plan as .xlsx to a stream (a file, or memory). */
export async function writePlanXlsx(plan: WorkbookPlan, stream: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = "Key Account Manager";
  // The streaming writer has no calcProperties option: mark the workbook for a full
  // recalculation on load in the workbook part it writes.
  const zip = (wb as unknown as { zip: { append: (data: unknown, opts: { name: string }) => unknown } }).zip;
  const append = zip.append.bind(zip);
  zip.append = (data, opts) => {
    if (opts?.name === "/xl/workbook.xml" && typeof data === "string") data = data.replace(/<calcPr\b([^>]*?)\/>/, (m, attrs: string) => (/fullCalcOnLoad/.test(attrs) ? m : `<calcPr${attrs} fullCalcOnLoad="1"/>`));
    return append(data, opts);
  };
  for (const sheet of inWorkbookOrder(plan)) await writeSheet(wb, sheet);
  await wb.commit();
}

/** The sheets in the order of the workbook: those marked first (the summary), then the others. */
export const inWorkbookOrder = (plan: WorkbookPlan): SheetPlan[] => [...plan.sheets.filter((s) => s.first), ...plan.sheets.filter((s) => !s.first)];

/** The cell of a plan at (row, col), if a block covers it. */
export function planCell(sheet: SheetPlan, row: number, col: number): CellPlan | undefined {
  for (let k = sheet.blocks.length - 1; k >= 0; k--) {
    const b = sheet.blocks[k];
    const c = b.cells[row - b.row]?.[col - b.col];
    if (c) return c;
  }
  return undefined;
}

/** Adds what the streaming writer cannot write (charts, tables, print areas) to the package. */
function finish(plan: WorkbookPlan, bytes: Uint8Array): Promise<Uint8Array> {
  const byName = new Map(plan.sheets.map((s) => [s.name, s]));
  const value = (sheet: string, row: number, col: number): Literal | undefined => {
    const c = byName.get(sheet) && planCell(byName.get(sheet)!, row, col);
    const v = c ? (c.formula !== undefined ? c.result : c.value) : undefined;
    return isErrorCell(v) ? undefined : v;
  };
  return finishPackage(bytes, inWorkbookOrder(plan), value);
}

export async function planToXlsx(plan: WorkbookPlan): Promise<Uint8Array> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  await writePlanXlsx(plan, sink);
  await done;
  return finish(plan, new Uint8Array(Buffer.concat(chunks)));
}

/** Writes the plan straight to a file, without holding the whole .xlsx in memory. */
export async function planToXlsxFile(plan: WorkbookPlan, path: string): Promise<void> {
  const stream = createWriteStream(path);
  const closed = new Promise<void>((resolve, reject) => {
    stream.on("close", resolve);
    stream.on("error", reject);
  });
  await writePlanXlsx(plan, stream);
  await closed;
  // The finishing parts are small, but the zip is rewritten: the package is read back once.
  await writeFile(path, await finish(plan, new Uint8Array(await readFile(path))));
}
