/**
 * The loss-scenario sheet: what revenue, margin and profit are lost if the k largest customers
 * (or the key accounts) leave. Reads back the assumptions the user typed (fixed costs, months).
 */
import { a1, type CellPlan, columnLetter, type Literal, sheetRef, type Scalar } from "../plan";
import { lossOrder } from "../../core/loss";
import { type RowSource, SheetBuilder } from "../sheet-builder";
import { customerRows, LINKED_CUSTOMER_COLUMNS, helperPosition, linked, placeColumns } from "./columns";
import { checkRefs, clean, KEY_LABEL, type Model, noteExcluded, type PreviousInputs } from "../model";
import { SCORING } from "./scoring";
import { type BuildSettings, defineSheet, type SheetContext } from "./spec";

/** Layout of the loss-scenario sheet: 0-based rows; assumptions and totals in column B. */
export const LOSS = {
  fixedRow: 3,
  monthsRow: 4,
  revenueRow: 5,
  marginRow: 6,
  profitRow: 7,
  breakEvenRow: 8,
  safetyRow: 9,
  countRow: 10,
  byRevenueTitleRow: 12,
  valueCol: 1,
} as const;

/** The worst-case tables' columns, with their widths (characters). */
const LOSS_COLUMNS = [
  { header: "k", width: 8 },
  { header: "Customer lost at step k", width: 28 },
  { header: "Revenue lost", width: 14 },
  { header: "% of revenue", width: 11 },
  { header: "Margin lost", width: 14 },
  { header: "% of margin", width: 11 },
  { header: "Operating profit after loss", width: 16 },
  { header: "Break-even revenue after loss", width: 16 },
  { header: "Margin of safety after loss", width: 14 },
  { header: "Margin lost while replacing", width: 16 },
] as const;

export const LOSS_HEADER = LOSS_COLUMNS.map((c) => c.header);

/** A narrow empty column between the tables and the helper block. */
const GAP_WIDTH = 3;

/** The helper block right of the tables: each customer's place in the two loss orders. */
const HELPER_COLUMNS = [
  ...LINKED_CUSTOMER_COLUMNS,
  { key: "margin", header: "Margin", width: 14 },
  { key: "byRevenue", header: "Order by revenue", width: 10 },
  { key: "byMargin", header: "Order by margin", width: 10 },
  { key: "churn", header: "Churn", width: 8 },
  { key: "rank", header: "Rank", width: 7 },
  { key: "key", header: "Key account", width: 12 },
  { key: "expected", header: "Expected margin loss", width: 14 },
] as const;
const HELPER_FIRST_COL = LOSS_COLUMNS.length + 1;
const helperCol = placeColumns(HELPER_FIRST_COL, HELPER_COLUMNS);
/** The helper block's columns (the summary lists customers in its unique order by revenue). */
export const LOSS_HELPER = { col: helperCol, firstRow: LOSS.byRevenueTitleRow + 1 } as const;

const MONTHS_PER_YEAR = 12;

/** Every figure needs all customers: an error while the scoring sheet flags a problem (row 3 says which). */
const ok = (model: Model, f: string) => `=IF(${checkRefs(model, false).problems}>0,NA(),${f})`;

/** Absolute address of a figure in column B. */
const figure = (row: number) => a1(row, LOSS.valueCol, true);

/**
 * The sheet's figures as the core computes them from the customers it was built with: the
 * cached results of its formulas (readers that do not recalculate show them). Orders are the
 * core's loss order (largest first, ties by the other measure, then position).
 */
interface CoreLoss {
  revenues: Float64Array;
  margins: Float64Array;
  total: number;
  totalMargin: number;
  byRevenue: Uint32Array;
  byMargin: Uint32Array;
  placeByRevenue: Uint32Array;
  placeByMargin: Uint32Array;
}
const cores = new WeakMap<Model, CoreLoss>();
function core(model: Model): CoreLoss {
  const known = cores.get(model);
  if (known) return known;
  const revenues = Float64Array.from(model.customers, (c) => clean(c.revenue));
  const margins = Float64Array.from(model.customers, (c) => (c.margin === undefined ? 0 : clean(c.margin)));
  const byRevenue = lossOrder(revenues, model.hasMargin ? margins : undefined);
  const byMargin = lossOrder(margins, revenues);
  const place = (order: Uint32Array) => {
    const p = new Uint32Array(order.length);
    order.forEach((i, k) => (p[i] = k + 1));
    return p;
  };
  const out: CoreLoss = {
    revenues,
    margins,
    total: revenues.reduce((a, b) => a + b, 0),
    totalMargin: margins.reduce((a, b) => a + b, 0),
    byRevenue,
    byMargin,
    placeByRevenue: place(byRevenue),
    placeByMargin: place(byMargin),
  };
  cores.set(model, out);
  return out;
}

/** Break-even revenue with fixed costs, or the text the sheet shows when it cannot be reached. */
const breakEvenOf = (fixed: number, revenue: number, margin: number): number | string => (revenue <= 0 || margin <= 0 ? "not reachable" : fixed / (margin / revenue));

/** The helper rows: one per customer, under the first table's title row. */
const helperRange = (model: Model) => customerRows(model, LOSS.byRevenueTitleRow + 1);

function buildLoss({ model, settings }: SheetContext): SheetBuilder {
  const sheet = new SheetBuilder(model.names.loss);
  // As many rows as key accounts (issue 10: no empty numbered rows); more key accounts later
  // (the rule changed on the sheet) are counted in the total and the note says how many are not listed.
  const keyRows = Math.min(Math.max(settings.keyCount, 1), Math.max(model.customers.length, 1));
  writeAssumptions(sheet, model, settings);
  writeLossOrder(sheet, model, Math.max(settings.lossRows, keyRows), settings);
  const c = core(model);
  let next = writeWorstCase(sheet, model, settings, LOSS.byRevenueTitleRow, "Worst case by revenue: the k largest customers by revenue leave", helperCol.byRevenue, c.byRevenue);
  if (model.hasMargin) next = writeWorstCase(sheet, model, settings, next + 1, "Worst case by margin: the k customers with the largest margin leave", helperCol.byMargin, c.byMargin);
  writeKeyAccounts(sheet, model, next + 1, keyRows, settings);
  sheet.charts.push({
    kind: "line",
    title: "Cumulative revenue lost if the k largest customers leave",
    data: { row: LOSS.byRevenueTitleRow + 1, col: 0, rows: settings.lossRows + 1, cols: 1 },
    series: [{ name: "Revenue lost", values: { row: LOSS.byRevenueTitleRow + 2, col: 2, rows: settings.lossRows, cols: 1 } }],
    anchor: { row: LOSS.fixedRow, col: 4, rows: 8, cols: 6 },
    xTitle: "Customers lost (k)",
    yTitle: "Revenue lost",
  });
  sheet.columnWidths = [...LOSS_COLUMNS.map((c) => c.width), GAP_WIDTH, ...HELPER_COLUMNS.map((c) => c.width)];
  // The helper block is for the formulas, not the reader: grouped and collapsed, with a note.
  sheet.hiddenColumns.push({ col: HELPER_FIRST_COL - 1, cols: HELPER_COLUMNS.length + 1 });
  sheet.set(LOSS.countRow + 1, 0, {
    value: `Columns ${columnLetter(HELPER_FIRST_COL)}–${columnLetter(HELPER_FIRST_COL + HELPER_COLUMNS.length - 1)} (grouped and hidden: + above the column letters) hold each customer's place in the loss orders, which the tables read.`,
    style: "note",
  });
  sheet.freeze = { rows: 2, cols: 0 };
  return sheet;
}

/** Title, the two assumptions and today's totals. */
function writeAssumptions(sheet: SheetBuilder, model: Model, settings: BuildSettings): void {
  sheet.set(0, 0, { value: "Loss scenarios: what if key accounts leave?", style: "title" });
  sheet.set(1, 0, {
    value: model.hasMargin
      ? "Worst case of size k: the k largest customers leave. Fixed costs stay, so profit falls by the margin that leaves."
      : "Worst case of size k: the k largest customers leave. Add a margin or cost column to the source table to see margin and profit.",
    style: "subtitle",
  });
  noteExcluded(sheet, model);
  sheet.labelled(LOSS.fixedRow, "Annual fixed costs", { value: settings.fixedCosts, style: "input", format: "#,##0" });
  sheet.labelled(LOSS.monthsRow, "Months to replace lost revenue", { value: settings.monthsToReplace, style: "input" }, "Typically 12–24 months.");
  const revenue = model.range(model.col("revenue"));
  const c = core(model);
  const fixedCosts = settings.fixedCosts;
  sheet.labelled(LOSS.revenueRow, "Total revenue", { formula: ok(model, `SUM(${revenue})`), result: c.total, format: "#,##0", style: "output" });
  if (model.hasMargin) {
    const [fixed, revenueTotal, margin, breakEven] = [LOSS.fixedRow, LOSS.revenueRow, LOSS.marginRow, LOSS.breakEvenRow].map(figure);
    sheet.labelled(LOSS.marginRow, "Total margin (contribution)", { formula: ok(model, `SUMIF(${revenue},"<>",${model.range(model.col("margin"))})`), result: c.totalMargin, format: "#,##0", style: "output" });
    sheet.labelled(LOSS.profitRow, "Operating profit today", { formula: `=${margin}-${fixed}`, result: c.totalMargin - fixedCosts, format: "#,##0", style: "output" });
    const be = breakEvenOf(fixedCosts, c.total, c.totalMargin);
    sheet.labelled(LOSS.breakEvenRow, "Break-even revenue today", {
      formula: `=IF(OR(${revenueTotal}<=0,${margin}<=0),"not reachable",${fixed}/(${margin}/${revenueTotal}))`,
      result: be,
      format: "#,##0",
      style: "output",
    });
    sheet.labelled(LOSS.safetyRow, "Margin of safety today", { formula: `=IF(ISTEXT(${breakEven}),"",(${revenueTotal}-${breakEven})/${revenueTotal})`, result: typeof be === "number" ? (c.total - be) / c.total : "", format: "0.0%", style: "output" });
  }
  sheet.labelled(LOSS.countRow, "Customers", { formula: ok(model, `COUNT(${revenue})`), result: model.customers.length, style: "output" });
}

/**
 * Helper block: each customer's place in the two loss orders (largest first; ties by the other
 * measure, then by position), so the tables follow the data when it changes. Only the `places`
 * largest get a place (the tables show no more): one LARGE per order finds the smallest of
 * them, and every other customer's cell is a comparison, not a count over all customers.
 */
function writeLossOrder(sheet: SheetBuilder, model: Model, places: number, settings: BuildSettings): void {
  const n = model.customers.length;
  const rows = model.end - model.first + 1;
  const helper = helperRange(model);
  const thresholdRow = LOSS.byRevenueTitleRow - 1;
  const threshold = (col: number) => a1(thresholdRow, col, true);
  sheet.set(thresholdRow, HELPER_FIRST_COL, { value: `Helper: order of loss of the ${places} largest (do not edit)`, style: "note" });
  const c = core(model);
  const placed = Math.min(places, n);
  // The smallest revenue (margin) that gets a place: every customer at or above it has one.
  const thresholdOf = (order: Uint32Array, xs: Float64Array) => xs[order[placed - 1]];
  if (n > 0) {
    const smallestPlaced = (col: number) => ok(model, `LARGE(${helper.column(col)},MIN(${places},COUNT(${helper.column(col)})))`);
    sheet.set(thresholdRow, helperCol.byRevenue, { formula: smallestPlaced(helperCol.revenue), result: thresholdOf(c.byRevenue, c.revenues), format: "#,##0", style: "note" });
    if (model.hasMargin) sheet.set(thresholdRow, helperCol.byMargin, { formula: smallestPlaced(helperCol.margin), result: thresholdOf(c.byMargin, c.margins), format: "#,##0", style: "note" });
  }
  const revenueThreshold = n > 0 ? thresholdOf(c.byRevenue, c.revenues) : 0;
  const marginThreshold = n > 0 ? thresholdOf(c.byMargin, c.margins) : 0;
  sheet.row(LOSS.byRevenueTitleRow, HELPER_FIRST_COL, HELPER_COLUMNS.map((c) => ({ value: c.header, style: "header" as const })));
  const pos = helperPosition(helper.first, HELPER_FIRST_COL - 1);
  // A customer (with revenue) whose margin is blank loses no margin; one without revenue is absent.
  const marginAt = `INDEX(${model.range(model.col("margin"))},${pos})`;
  /** The helper row's formulas at sheet row `row` (the same for every row, filled down, but for the first row's place counts). */
  const formulasAt = (row: number): CellPlan[] => {
    const i = row - helper.first;
    const revenue = a1(row, helperCol.revenue);
    const margin = a1(row, helperCol.margin);
    const above = (col: number) => `${a1(helper.first, col, true)}:${a1(row - 1, col)}`;
    /** Place in the order by `measure` (at column `col`), ties by `other` (at `otherCol`), then position. */
    const place = (measure: string, col: number, other: string, otherCol: number, thresholdCol: number) => {
      const tie = model.hasMargin ? `+COUNTIFS(${helper.column(col)},${measure},${helper.column(otherCol)},">"&${other})` : "";
      const before = i === 0 ? "" : model.hasMargin ? `+COUNTIFS(${above(col)},${measure},${above(otherCol)},${other})` : `+COUNTIF(${above(col)},${measure})`;
      return `=IF(NOT(ISNUMBER(${measure})),"",IF(${measure}<${threshold(thresholdCol)},"",COUNTIF(${helper.column(col)},">"&${measure})${tie}${before}+1))`;
    };
    const churn = a1(row, helperCol.churn);
    return [
      { formula: linked(model, SCORING.nameCol, pos, '""', true) },
      { formula: linked(model, model.col("revenue"), pos), format: "#,##0" },
      model.hasMargin ? { formula: `=IF(ISNUMBER(${revenue}),IF(ISNUMBER(${marginAt}),${marginAt},0),"")`, format: "#,##0" } : {},
      { formula: place(revenue, helperCol.revenue, margin, helperCol.margin, helperCol.byRevenue) },
      model.hasMargin ? { formula: place(margin, helperCol.margin, revenue, helperCol.revenue, helperCol.byMargin) } : {},
      model.hasChurn ? { formula: linked(model, model.col("churn"), pos), format: "0%" } : {},
      { formula: linked(model, model.col("rank"), pos) },
      { formula: linked(model, model.col("key"), pos, '""', true) },
      model.hasChurn && model.hasMargin ? { formula: `=IF(AND(${a1(row, helperCol.key)}="${KEY_LABEL}",ISNUMBER(${margin}),ISNUMBER(${churn})),${margin}*${churn},0)`, format: "#,##0" } : {},
    ];
  };
  const firstRowAt: RowSource = (row) => formulasAt(row);
  for (let i = 0; i < rows; i++) {
    const row = helper.first + i;
    // Cached results: helper row i reads the scoring table's row i (customer i), "" on spare rows.
    const cu = model.customers[i];
    const has = cu !== undefined;
    const cached = (v: Literal | undefined): Literal => (has && v !== undefined ? v : "");
    const isKey = has && settings.scores.key[i];
    const churnOf = has && cu.churn !== undefined && cu.churn !== null ? clean(cu.churn) : undefined;
    const results: Literal[] = [
      cached(cu?.name),
      cached(c.revenues[i]),
      cached(c.margins[i]),
      cached(has && c.revenues[i] >= revenueThreshold ? c.placeByRevenue[i] : undefined),
      cached(has && c.margins[i] >= marginThreshold ? c.placeByMargin[i] : undefined),
      cached(churnOf),
      cached(has && settings.scores.ranks[i] > 0 ? settings.scores.ranks[i] : undefined),
      isKey ? KEY_LABEL : "",
      isKey && churnOf !== undefined ? c.margins[i] * churnOf : 0,
    ];
    // The first row counts no rows above it: a source of its own, so the rows under it are filled down from the second.
    sheet.filledRow(row, HELPER_FIRST_COL, i === 0 ? firstRowAt : formulasAt, (k) => results[k]);
  }
}

/** One worst-case table (k = 1..rows) in the order of `orderCol`; returns the first row after it. */
function writeWorstCase(sheet: SheetBuilder, model: Model, settings: BuildSettings, titleRow: number, title: string, orderCol: number, order: Uint32Array): number {
  const rows = settings.lossRows;
  const c = core(model);
  const fixedCosts = settings.fixedCosts;
  let lostRevenue = 0;
  let lostMargin = 0;
  const helper = helperRange(model);
  const [fixed, revenueTotal, marginTotal, months, count] = [LOSS.fixedRow, LOSS.revenueRow, LOSS.marginRow, LOSS.monthsRow, LOSS.countRow].map(figure);
  sheet.set(titleRow, 0, { value: title, style: "section" });
  const headerRow = titleRow + 1;
  LOSS_HEADER.forEach((h, i) => sheet.set(headerRow, i, { value: h, style: "header" }));
  for (let k = 1; k <= rows; k++) {
    const row = headerRow + k;
    const [step, revenueLost, marginLost, breakEven] = [0, 2, 4, 7].map((col) => a1(row, col));
    const past = `${step}>${count}`;
    const lost = (col: number) => `=IF(${past},"",SUMIF(${helper.column(orderCol)},"<="&${step},${helper.column(col)}))`;
    // Cached results: the first k customers of the core's loss order.
    const i = order[k - 1];
    const inTable = i !== undefined;
    if (inTable) {
      lostRevenue += c.revenues[i];
      lostMargin += c.margins[i];
    }
    const R = lostRevenue;
    const E = lostMargin;
    const cached = (v: Literal | undefined): Literal => (inTable && v !== undefined ? v : "");
    const cells: CellPlan[] = [
      { value: k },
      { formula: `=IF(${past},"",INDEX(${helper.column(helperCol.name)},MATCH(${step},${helper.column(orderCol)},0)))`, result: cached(inTable ? model.customers[i].name : undefined) },
      { formula: lost(helperCol.revenue), result: cached(R), format: "#,##0" },
      { formula: `=IF(${revenueLost}="","",${revenueLost}/${revenueTotal})`, result: cached(c.total === 0 ? undefined : R / c.total), format: "0.0%" },
    ];
    if (model.hasMargin) {
      const revenueLeft = `${revenueTotal}-${revenueLost}`;
      const marginLeft = `${marginTotal}-${marginLost}`;
      const be = breakEvenOf(fixedCosts, c.total - R, c.totalMargin - E);
      cells.push(
        { formula: lost(helperCol.margin), result: cached(E), format: "#,##0" },
        { formula: `=IF(OR(${marginLost}="",${marginTotal}=0),"",${marginLost}/${marginTotal})`, result: cached(c.totalMargin === 0 ? "" : E / c.totalMargin), format: "0.0%" },
        { formula: `=IF(${marginLost}="","",${marginLeft}-${fixed})`, result: cached(c.totalMargin - E - fixedCosts), format: "#,##0" },
        { formula: `=IF(${marginLost}="","",IF(OR(${revenueLeft}<=0,${marginLeft}<=0),"not reachable",${fixed}/((${marginLeft})/(${revenueLeft}))))`, result: cached(be), format: "#,##0" },
        { formula: `=IF(ISTEXT(${breakEven}),"",((${revenueLeft})-${breakEven})/(${revenueLeft}))`, result: !inTable || typeof be !== "number" ? "" : (c.total - R - be) / (c.total - R), format: "0.0%" },
        { formula: `=IF(${marginLost}="","",${marginLost}*${months}/${MONTHS_PER_YEAR})`, result: cached((E * settings.monthsToReplace) / MONTHS_PER_YEAR), format: "#,##0" },
      );
    }
    sheet.row(row, 0, cells);
  }
  return headerRow + rows + 1;
}

/**
 * Key accounts and, with a churn column, their expected loss. Under the top-N and cut-off
 * rules the key accounts are the best ranked by score; under the revenue-share rule they are
 * the largest by revenue. Either way the k-th is found by a unique order, so each row is one
 * MATCH. Room is left for more key accounts than today (the rule can be changed on the sheet).
 */
function writeKeyAccounts(sheet: SheetBuilder, model: Model, titleRow: number, rows: number, settings: BuildSettings): void {
  // Cached results: the key accounts in the rule's order (rank, or largest revenue first).
  const c = core(model);
  const { key, ranks } = settings.scores;
  const keyOrder = model.input.keyRule.kind === "share" ? Array.from(c.byRevenue).filter((i) => key[i]) : model.customers.map((_, i) => i).filter((i) => key[i]).sort((i, j) => ranks[i] - ranks[j]);
  const byRevenue = model.input.keyRule.kind === "share";
  sheet.set(titleRow, 0, { value: "Key accounts", style: "section" });
  const header = [byRevenue ? "By revenue" : "Rank", "Customer", "Revenue", "% of revenue", "Margin", "Churn probability", "Expected margin loss"];
  header.forEach((h, i) => sheet.set(titleRow + 1, i, { value: h, style: "header" }));
  // Everything from the helper block (one row per scoring row, by position).
  const helper = helperRange(model);
  const order = helper.column(byRevenue ? helperCol.byRevenue : helperCol.rank);
  const flags = helper.column(helperCol.key);
  const { problems } = checkRefs(model, false);
  const keyCount = `${sheetRef(model.names.scoring)}${a1(SCORING.keyCountRow, SCORING.valueCol, true)}`;
  for (let k = 1; k <= rows; k++) {
    const row = titleRow + 1 + k;
    const position = `MATCH(${a1(row, 0)},${order},0)`;
    const ifKey = (f: string) => `=IF(${problems}>0,NA(),IF(ISNUMBER(${position}),IF(INDEX(${flags},${position})="${KEY_LABEL}",${f},""),""))`;
    const at = (col: number) => `INDEX(${helper.column(col)},${position})`;
    // The helper holds 0 for a blank margin (it loses none); the table shows the blank.
    const marginCell = `IF(INDEX(${model.range(model.col("margin"))},${position}+1)="","",${at(helperCol.margin)})`;
    const [margin, churn] = [a1(row, 4), a1(row, 5)];
    const i = keyOrder[k - 1];
    const cu = i === undefined ? undefined : model.customers[i];
    const m = cu?.margin === undefined || cu.margin === null ? undefined : clean(cu.margin);
    const p = cu?.churn === undefined || cu.churn === null ? undefined : clean(cu.churn);
    const cached = (v: Literal | undefined): Literal => (cu !== undefined && v !== undefined ? v : "");
    sheet.row(row, 0, [
      { value: k },
      { formula: ifKey(at(helperCol.name)), result: cached(cu?.name) },
      { formula: ifKey(at(helperCol.revenue)), result: cached(i === undefined ? undefined : c.revenues[i]), format: "#,##0" },
      { formula: ifKey(`${at(helperCol.revenue)}/${figure(LOSS.revenueRow)}`), result: cached(i === undefined || c.total === 0 ? undefined : c.revenues[i] / c.total), format: "0.0%" },
      model.hasMargin ? { formula: ifKey(marginCell), result: cached(m), format: "#,##0" } : {},
      model.hasChurn ? { formula: ifKey(at(helperCol.churn)), result: cached(p), format: "0%" } : {},
      model.hasChurn && model.hasMargin ? { formula: `=IF(OR(${margin}="",${churn}=""),"",${margin}*${churn})`, result: cached(m !== undefined && p !== undefined ? m * p : undefined), format: "#,##0" } : {},
    ]);
  }
  const after = titleRow + 2 + rows;
  // Print the tables, not the helper rows under them (its columns are hidden anyway).
  sheet.printRows = after + 2;
  if (model.hasChurn && model.hasMargin) {
    // Over all key accounts (helper column), not over the rows listed above.
    sheet.set(after, 1, { value: "Total expected loss of the key accounts", style: "label" });
    const expected = keyOrder.reduce((a, i) => a + (model.customers[i].churn === undefined || model.customers[i].churn === null ? 0 : c.margins[i] * clean(model.customers[i].churn!)), 0);
    sheet.set(after, 6, { formula: ok(model, `SUM(${helper.column(helperCol.expected)})`), result: expected, format: "#,##0", style: "output" });
  } else {
    const missing = model.hasChurn ? "a margin or cost column" : model.hasMargin ? "a churn-probability column" : "churn-probability and margin columns";
    sheet.set(after, 0, { value: `Add ${missing} to the source table to see the expected loss.`, style: "note" });
  }
  sheet.set(after + 1, 0, {
    formula: `=IF(ISERROR(${keyCount}),"",IF(${keyCount}>${rows},"The scoring sheet now names "&${keyCount}&" key accounts; "&(${keyCount}-${rows})&" are not shown here (this table lists the first ${rows}; the total above counts them all). Build again to list them all.",""))`,
    result: "",
    style: "warning",
  });
}

const num = (v: Scalar | undefined): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function readLoss(grid: Scalar[][]): Partial<PreviousInputs> {
  return { fixedCosts: num(grid[LOSS.fixedRow]?.[LOSS.valueCol]), monthsToReplace: num(grid[LOSS.monthsRow]?.[LOSS.valueCol]) };
}

export const lossSheet = defineSheet({
  role: "loss",
  defaultName: "KAM Loss Scenarios",
  tabColor: "#B3541E",
  layout: LOSS,
  build: buildLoss,
  readBack: { headRows: LOSS.byRevenueTitleRow, columnsBelow: () => [], read: readLoss },
});
