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
 *
 * This module only issues the Office calls. What to write is decided in pure modules: the
 * cell inputs, shared formula runs and 2-D writes in `cell-writes.ts`, the R1C1 text in
 * `../workbook/formula-text.ts`, the rectangles of equal cells in `../workbook/rectangles.ts`,
 * and the request sizes in `request-size.ts`.
 */
import { blockContentsSteps, charsToPoints, rowWritesSteps, uniqueTableName, widthRuns, type Steps } from "./cell-writes";
import { ALLOWANCE, DEFAULT_MAX_SYNC_BYTES, jsonBytes, OP_BYTES, rowBytes, SyncBatch } from "./request-size";
import { a1, blockSize, columnLetter, sheetRef, type BlockPlan, type ChartPlan, type RangeRef, type SheetPlan, type WorkbookPlan } from "../workbook/plan";
import { isEmptyCell, rectangles, WILDCARD } from "../workbook/rectangles";
import { COLOR_SCALE, STYLES } from "../workbook/styles";

import { BUILT_BY_KEY, BUILT_BY_VALUE } from "../workbook/sheets/registry";

/** The custom property marking a sheet as ours: one definition, in the sheet registry. */
export { BUILT_BY_KEY, BUILT_BY_VALUE };

export interface WriteOptions {
  /** Largest estimated request payload per sync, in bytes (default `DEFAULT_MAX_SYNC_BYTES`, 4 MB). */
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

const CHART_TYPES: Record<ChartPlan["kind"], "Line" | "ColumnClustered" | "XYScatterLines" | "BarStacked" | "Bubble"> = {
  columnLine: "ColumnClustered",
  line: "Line",
  column: "ColumnClustered",
  scatter: "XYScatterLines",
  bar: "BarStacked",
  bubble: "Bubble",
};

/**
 * The range properties that take either a 2-D array or a single value. Office.js documents that
 * setting a single value (not a 2-D array) applies it to every cell of the range: one number
 * format for all cells, or in R1C1 notation the same relative formula for all cells, as with a
 * fill-down. That is much cheaper than repeating it per cell. The declarations of
 * `Excel.Range` only know the 2-D form (`any[][]`); an `Excel.Range` is this type as it is (no
 * cast), since this only widens what the properties accept.
 */
interface WholeRangeWrites {
  numberFormat: unknown[][] | string;
  formulasR1C1: unknown[][] | string;
}

/**
 * Longest stretch, in ms, the writer works on the UI thread before it lets the event loop run
 * (a timer of 0 ms, not a sync: what is sent, and when, is unchanged). A task over 50 ms counts
 * as a long task in the browser; the pane's goal is none over 200 ms (issue 11).
 */
const SLICE_MS = 40;

/** Lets the event loop run (repaint, input) when the writer has worked `SLICE_MS` since the last pause. */
class Pacer {
  private last = performance.now();
  async pause(): Promise<void> {
    if (performance.now() - this.last < SLICE_MS) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.last = performance.now();
  }
  /** Runs steps to the end, pausing between them when the slice is used up. */
  async run<T>(steps: Steps<T>): Promise<T> {
    for (;;) {
      const n = steps.next();
      if (n.done) return n.value;
      await this.pause();
    }
  }
}

/**
 * Creates the plan's sheets and writes them. The sheets must not exist yet. Resolves when
 * everything is synced; on a failed sync it rejects with whatever was queued before the failure
 * possibly applied (the caller removes the half-built sheets: see build-sheets.ts).
 */
export async function writePlan(context: Excel.RequestContext, plan: WorkbookPlan, options: WriteOptions = {}): Promise<WriteStats> {
  const totalRows = plan.sheets.reduce((n, s) => n + s.blocks.reduce((m, b) => m + b.cells.length, 0), 0) || 1;
  let rowsDone = 0;
  const batch = new SyncBatch(() => context.sync(), options.maxSyncBytes ?? DEFAULT_MAX_SYNC_BYTES, () => options.onProgress?.(Math.min(1, rowsDone / totalRows)));
  const taken = new Set([...(options.takenTableNames ?? [])].map((n) => n.toLowerCase()));
  const tableNames: Record<string, string> = {};
  const pacer = new Pacer();

  // 1. All sheets first: a formula may refer to a sheet written later. New sheets are added in
  // the workbook's order: those marked first (the summary) before the others.
  const creation = [...plan.sheets.filter((p) => p.first), ...plan.sheets.filter((p) => !p.first)];
  const created = new Map<SheetPlan, Excel.Worksheet>();
  for (const p of creation) created.set(p, createSheet(p));
  const sheets = plan.sheets.map((p) => created.get(p)!);
  function createSheet(p: SheetPlan): Excel.Worksheet {
    const reuse = options.reuse?.[p.name];
    if (reuse) {
      const ws = context.workbook.worksheets.getItem(reuse.id);
      emptySheet(ws, reuse.tables, reuse.charts);
      batch.add(jsonBytes([reuse.id, reuse.tables, reuse.charts]) + ALLOWANCE.emptySheetOps * OP_BYTES);
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
  }

  // 2. Cell contents, in row chunks that fit a request.
  for (let i = 0; i < plan.sheets.length; i++) {
    for (const block of plan.sheets[i].blocks) {
      await writeBlock(sheets[i], block, batch, pacer, (n) => (rowsDone += n));
    }
  }

  // 3. Number formats, styles, layout, tables, colour scales, charts.
  for (let i = 0; i < plan.sheets.length; i++) {
    await writeLayout(sheets[i], plan.sheets[i], batch, pacer, taken, tableNames, options.reuse?.[plan.sheets[i].name] !== undefined);
  }
  const show = plan.sheets.findIndex((p) => p.name === options.activate);
  if (show >= 0) {
    sheets[show].activate();
    batch.add(ALLOWANCE.activate);
  }
  await batch.sync();
  return { syncs: batch.syncs, payloadBytes: batch.total, largestSyncBytes: batch.largest, tableNames };
}

async function writeBlock(ws: Excel.Worksheet, block: BlockPlan, batch: SyncBatch, pacer: Pacer, done: (rows: number) => void): Promise<void> {
  const { rows, cols } = blockSize(block);
  if (rows === 0 || cols === 0) return;
  // Copies of one formula down a column go as one R1C1 write each; everything else as 2-D
  // arrays, in row chunks; within a chunk only the columns that hold something.
  const { shared, rows: rowsToWrite } = await pacer.run(blockContentsSteps(block));
  /** Queues rows [from, to) when what they cost fits a request, splitting them in two otherwise. */
  const writeRows = async (from: number, to: number): Promise<void> => {
    const writes = await pacer.run(rowWritesSteps(rowsToWrite, from, to));
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
    for (const w of writes) {
      ws.getRangeByIndexes(block.row + w.r0, block.col + w.c0, w.part.length, w.part[0].length).formulas = w.part;
      await pacer.pause();
    }
    batch.add(cost);
    done(to - from);
  };
  // Rows go in chunks sized by their JSON; the exact cost, with one allowance per write, is
  // checked when a chunk is queued.
  let from = 0;
  let bytes = 2;
  for (let r = 0; r < rows; r++) {
    if (r % 256 === 0) await pacer.pause();
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
    await pacer.pause();
    const b = jsonBytes(run.formula);
    await batch.room(b);
    const target: WholeRangeWrites = ws.getRangeByIndexes(block.row + run.r0, block.col + run.c, run.n, 1);
    target.formulasR1C1 = run.formula;
    batch.add(b);
  }
}

/** A sheet's number formats, styles, columns and rows, print setup, tables, colour scales and charts. */
async function writeLayout(ws: Excel.Worksheet, p: SheetPlan, batch: SyncBatch, pacer: Pacer, taken: Set<string>, tableNames: Record<string, string>, reused: boolean): Promise<void> {
  for (const block of p.blocks) {
    await writeNumberFormats(ws, block, batch, pacer);
    await writeStyles(ws, block, batch, pacer);
  }
  await writeColumnsAndPanes(ws, p, batch);
  if (p.print) await writePrintSetup(ws, p.print, batch);
  await writeHelperGroups(ws, p, batch, reused);
  await writeTables(ws, p, batch, taken, tableNames);
  await writeColorScales(ws, p, batch);
  for (const ch of p.charts ?? []) await writeChart(ws, ch, p.name, batch);
}

const rangeOf = (ws: Excel.Worksheet, r: RangeRef) => ws.getRangeByIndexes(r.row, r.col, r.rows, r.cols);

/** Number formats, one write per rectangle of equal formats (an empty cell without a format may join any run). */
async function writeNumberFormats(ws: Excel.Worksheet, block: BlockPlan, batch: SyncBatch, pacer: Pacer): Promise<void> {
  await pacer.pause();
  for (const rect of rectangles(block, (c) => c.format ?? (isEmptyCell(c) && !c.style ? WILDCARD : undefined))) {
    await pacer.pause();
    await batch.room(jsonBytes(rect.key));
    const target: WholeRangeWrites = rangeOf(ws, rect);
    target.numberFormat = rect.rows * rect.cols === 1 ? [[rect.key]] : rect.key;
    batch.add(jsonBytes(rect.key));
  }
}

/** Cell styles (styles.ts), one set of format calls per rectangle of equal styles. */
async function writeStyles(ws: Excel.Worksheet, block: BlockPlan, batch: SyncBatch, pacer: Pacer): Promise<void> {
  await pacer.pause();
  for (const rect of rectangles(block, (c) => c.style)) {
    await pacer.pause();
    const s = STYLES[rect.key as keyof typeof STYLES];
    if (!s) continue;
    await batch.room(ALLOWANCE.style);
    const f = rangeOf(ws, rect).format;
    if (s.bold) f.font.bold = true;
    if (s.italic) f.font.italic = true;
    if (s.size) f.font.size = s.size;
    if (s.color) f.font.color = s.color;
    if (s.fill) f.fill.color = s.fill;
    if (s.wrap) {
      f.wrapText = true;
      f.verticalAlignment = "Top";
    }
    batch.add(ALLOWANCE.style);
  }
}

/** Column widths (equal neighbours together), frozen panes and row heights. */
async function writeColumnsAndPanes(ws: Excel.Worksheet, p: SheetPlan, batch: SyncBatch): Promise<void> {
  for (const w of widthRuns(p.columnWidths ?? [])) {
    await batch.room(ALLOWANCE.columnOrRows);
    ws.getRange(`${columnLetter(w.c0)}:${columnLetter(w.c1)}`).format.columnWidth = charsToPoints(w.width);
    batch.add(ALLOWANCE.columnOrRows);
  }
  if (p.freeze && (p.freeze.rows > 0 || p.freeze.cols > 0)) {
    const { rows, cols } = p.freeze;
    await batch.room(ALLOWANCE.freeze);
    if (rows > 0 && cols > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, rows, cols));
    else if (rows > 0) ws.freezePanes.freezeRows(rows);
    else ws.freezePanes.freezeColumns(cols);
    batch.add(ALLOWANCE.freeze);
  }
  for (const h of p.rowHeights ?? []) {
    await batch.room(ALLOWANCE.columnOrRows);
    ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height;
    batch.add(ALLOWANCE.columnOrRows);
  }
}

/** Landscape or portrait, one page wide, print area, repeated title rows and the footer (ExcelApi 1.9). */
async function writePrintSetup(ws: Excel.Worksheet, pr: NonNullable<SheetPlan["print"]>, batch: SyncBatch): Promise<void> {
  await batch.room(ALLOWANCE.print);
  const layout = ws.pageLayout;
  layout.orientation = pr.landscape ? "Landscape" : "Portrait";
  // One page wide, as many pages tall as it takes (0: no limit) or as the plan says.
  layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: pr.pagesTall };
  layout.setPrintArea(rangeOf(ws, pr.area));
  if (pr.titleRows) layout.setPrintTitleRows(`$${pr.titleRows.row + 1}:$${pr.titleRows.row + pr.titleRows.rows}`);
  const footer = layout.headersFooters.defaultForAllPages;
  footer.leftFooter = pr.footer.left;
  footer.centerFooter = pr.footer.center;
  footer.rightFooter = pr.footer.right;
  batch.add(ALLOWANCE.print + jsonBytes(pr.footer));
}

/**
 * Helper columns and rows: grouped (an outline, ExcelApi 1.10) and collapsed, so the user can
 * open them with the + beside the column letters or row numbers; a note on the sheet says where
 * they are. A sheet rewritten in place keeps the outline of its previous build (clearing cells
 * does not remove it, and grouping again would nest a second level): there they are only
 * collapsed again.
 */
async function writeHelperGroups(ws: Excel.Worksheet, p: SheetPlan, batch: SyncBatch, reused: boolean): Promise<void> {
  const groups = [
    ...(p.hiddenColumns ?? []).map((h) => ({ option: "ByColumns" as const, range: ws.getRangeByIndexes(0, h.col, 1, h.cols).getEntireColumn() })),
    ...(p.hiddenRows ?? []).map((h) => ({ option: "ByRows" as const, range: ws.getRangeByIndexes(h.row, 0, h.rows, 1).getEntireRow() })),
  ];
  for (const g of groups) {
    await batch.room(ALLOWANCE.group);
    if (!reused) {
      g.range.group(g.option);
      g.range.hideGroupDetails(g.option);
    } else if (g.option === "ByColumns") g.range.columnHidden = true;
    else g.range.rowHidden = true;
    batch.add(ALLOWANCE.group);
  }
}

async function writeTables(ws: Excel.Worksheet, p: SheetPlan, batch: SyncBatch, taken: Set<string>, tableNames: Record<string, string>): Promise<void> {
  for (const t of p.tables ?? []) {
    await batch.room(ALLOWANCE.table);
    const table = ws.tables.add(rangeOf(ws, t), true);
    const name = uniqueTableName(t.name, taken);
    table.name = name;
    tableNames[t.name] = name;
    batch.add(ALLOWANCE.table);
  }
}

/** Three-colour scales (low red, middle yellow, high green) over the scores. */
async function writeColorScales(ws: Excel.Worksheet, p: SheetPlan, batch: SyncBatch): Promise<void> {
  for (const cs of p.colorScales ?? []) {
    await batch.room(ALLOWANCE.colorScale);
    const cf = rangeOf(ws, cs).conditionalFormats.add("ColorScale");
    cf.colorScale.criteria = {
      minimum: { type: "LowestValue", color: COLOR_SCALE.low },
      midpoint: { formula: "50", type: "Percentile", color: COLOR_SCALE.mid },
      maximum: { type: "HighestValue", color: COLOR_SCALE.high },
    };
    batch.add(ALLOWANCE.colorScale);
  }
}

async function writeChart(ws: Excel.Worksheet, ch: ChartPlan, sheetName: string, batch: SyncBatch): Promise<void> {
  if (ch.series.length === 0) return;
  const range = (r: RangeRef) => rangeOf(ws, r);
  await batch.room(ALLOWANCE.chart);
  const chart = ws.charts.add(CHART_TYPES[ch.kind], range(ch.series[0].values), "Columns");
  chart.title.text = ch.title;
  // Categories: the data column without its header row.
  const x = ch.data.rows > 1 ? range({ row: ch.data.row + 1, col: ch.data.col, rows: ch.data.rows - 1, cols: 1 }) : undefined;
  ch.series.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    series.name = s.name;
    if (i > 0) series.setValues(range(s.values));
    if (i > 0 && ch.kind === "columnLine") {
      series.chartType = "Line";
      series.axisGroup = "Secondary";
    }
    if (x) series.setXAxisValues(x);
  });
  if (ch.kind === "bubble" && ch.bubbleSizes) chart.series.getItemAt(0).setBubbleSizes(range(ch.bubbleSizes));
  applyChartExtras(chart, ch);
  if (ch.plotHidden) chart.plotVisibleOnly = false;
  if (ch.xTitle) chart.axes.categoryAxis.title.text = ch.xTitle;
  if (ch.yTitle) chart.axes.valueAxis.title.text = ch.yTitle;
  chart.legend.visible = ch.series.length > 1;
  const a = ch.anchor;
  chart.setPosition(`${columnLetter(a.col)}${a.row + 1}`, `${columnLetter(a.col + a.cols - 1)}${a.row + a.rows}`);
  batch.add(ALLOWANCE.chart + jsonBytes([ch.title, ch.xTitle, ch.yTitle, ch.series.map((s) => s.name)]));
  await writePointLabels(chart, ch, sheetName, batch);
}

/**
 * Data labels linked to cells, one per point (Office.js links a label to a cell only point by
 * point): one operation each, counted in the batch so that a chart with many points spreads
 * its labels over syncs below the payload limit.
 */
async function writePointLabels(chart: Excel.Chart, ch: ChartPlan, sheetName: string, batch: SyncBatch): Promise<void> {
  const labels = ch.pointLabels;
  if (!labels) return;
  const series = chart.series.getItemAt(0);
  series.hasDataLabels = true;
  for (let i = 0; i < labels.rows; i++) {
    const formula = `=${sheetRef(sheetName)}${a1(labels.row + i, labels.col, true)}`;
    const bytes = jsonBytes(formula) + 16; // the formula and the point's index
    await batch.room(bytes);
    series.points.getItemAt(i).dataLabel.formula = formula;
    batch.add(bytes);
  }
}

/**
 * Axis bounds and reference lines (the other axis crossing at a cell's value, read from the
 * plan: the value the cell holds at the build).
 */
function applyChartExtras(chart: Excel.Chart, ch: ChartPlan): void {
  const b = ch.bounds;
  const x = chart.axes.categoryAxis;
  const y = chart.axes.valueAxis;
  if (b?.xMin !== undefined) x.minimum = b.xMin;
  if (b?.xMax !== undefined) x.maximum = b.xMax;
  if (b?.yMin !== undefined) y.minimum = b.yMin;
  if (b?.yMax !== undefined) y.maximum = b.yMax;
  const lines = ch.referenceLines;
  if (lines?.x?.value !== undefined) x.setPositionAt(lines.x.value);
  if (lines?.y?.value !== undefined) y.setPositionAt(lines.y.value);
}
