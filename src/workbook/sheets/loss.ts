/**
 * The loss-scenario sheet: what revenue, margin and profit are lost if the k largest customers
 * (or the key accounts) leave. Reads back the assumptions the user typed (fixed costs, months).
 */
import { a1, type CellPlan, columnLetter, sheetRef, type Scalar } from "../plan";
import { SheetBuilder } from "../sheet-builder";
import { customerRows, LINKED_CUSTOMER_COLUMNS, helperPosition, linked, placeColumns } from "./columns";
import { checkRefs, KEY_LABEL, type Model, noteExcluded, type PreviousInputs } from "../model";
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

/** The helper rows: one per customer, under the first table's title row. */
const helperRange = (model: Model) => customerRows(model, LOSS.byRevenueTitleRow + 1);

function buildLoss({ model, settings }: SheetContext): SheetBuilder {
  const sheet = new SheetBuilder(model.names.loss);
  // As many rows as key accounts (issue 10: no empty numbered rows); more key accounts later
  // (the rule changed on the sheet) are counted in the total and the note says how many are not listed.
  const keyRows = Math.min(Math.max(settings.keyCount, 1), Math.max(model.customers.length, 1));
  writeAssumptions(sheet, model, settings);
  writeLossOrder(sheet, model, Math.max(settings.lossRows, keyRows));
  let next = writeWorstCase(sheet, model, settings.lossRows, LOSS.byRevenueTitleRow, "Worst case by revenue: the k largest customers by revenue leave", helperCol.byRevenue);
  if (model.hasMargin) next = writeWorstCase(sheet, model, settings.lossRows, next + 1, "Worst case by margin: the k customers with the largest margin leave", helperCol.byMargin);
  writeKeyAccounts(sheet, model, next + 1, keyRows);
  sheet.charts.push({
    kind: "line",
    title: "Cumulative revenue lost if the k largest customers leave",
    data: { row: LOSS.byRevenueTitleRow + 1, col: 0, rows: settings.lossRows + 1, cols: 1 },
    series: [{ name: "Revenue lost", values: { row: LOSS.byRevenueTitleRow + 2, col: 2, rows: settings.lossRows, cols: 1 } }],
    anchor: { row: LOSS.fixedRow, col: 4, rows: 9, cols: 6 },
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
  sheet.labelled(LOSS.monthsRow, "Months to replace lost revenue", { value: settings.monthsToReplace, style: "input" }, "Replacing a large account typically takes 12–24 months.");
  const revenue = model.range(model.col("revenue"));
  sheet.labelled(LOSS.revenueRow, "Total revenue", { formula: ok(model, `SUM(${revenue})`), format: "#,##0", style: "output" });
  if (model.hasMargin) {
    const [fixed, revenueTotal, margin, breakEven] = [LOSS.fixedRow, LOSS.revenueRow, LOSS.marginRow, LOSS.breakEvenRow].map(figure);
    sheet.labelled(LOSS.marginRow, "Total margin (contribution)", { formula: ok(model, `SUMIF(${revenue},"<>",${model.range(model.col("margin"))})`), format: "#,##0", style: "output" });
    sheet.labelled(LOSS.profitRow, "Operating profit today", { formula: `=${margin}-${fixed}`, format: "#,##0", style: "output" });
    sheet.labelled(LOSS.breakEvenRow, "Break-even revenue today", {
      formula: `=IF(OR(${revenueTotal}<=0,${margin}<=0),"not reachable",${fixed}/(${margin}/${revenueTotal}))`,
      format: "#,##0",
      style: "output",
    });
    sheet.labelled(LOSS.safetyRow, "Margin of safety today", { formula: `=IF(ISTEXT(${breakEven}),"",(${revenueTotal}-${breakEven})/${revenueTotal})`, format: "0.0%", style: "output" });
  }
  sheet.labelled(LOSS.countRow, "Customers", { formula: ok(model, `COUNT(${revenue})`), style: "output" });
}

/**
 * Helper block: each customer's place in the two loss orders (largest first; ties by the other
 * measure, then by position), so the tables follow the data when it changes. Only the `places`
 * largest get a place (the tables show no more): one LARGE per order finds the smallest of
 * them, and every other customer's cell is a comparison, not a count over all customers.
 */
function writeLossOrder(sheet: SheetBuilder, model: Model, places: number): void {
  const n = model.customers.length;
  const rows = model.end - model.first + 1;
  const helper = helperRange(model);
  const thresholdRow = LOSS.byRevenueTitleRow - 1;
  const threshold = (col: number) => a1(thresholdRow, col, true);
  sheet.set(thresholdRow, HELPER_FIRST_COL, { value: `Helper: order of loss of the ${places} largest (do not edit)`, style: "note" });
  if (n > 0) {
    const smallestPlaced = (col: number) => ok(model, `LARGE(${helper.column(col)},MIN(${places},COUNT(${helper.column(col)})))`);
    sheet.set(thresholdRow, helperCol.byRevenue, { formula: smallestPlaced(helperCol.revenue), format: "#,##0", style: "note" });
    if (model.hasMargin) sheet.set(thresholdRow, helperCol.byMargin, { formula: smallestPlaced(helperCol.margin), format: "#,##0", style: "note" });
  }
  sheet.row(LOSS.byRevenueTitleRow, HELPER_FIRST_COL, HELPER_COLUMNS.map((c) => ({ value: c.header, style: "header" as const })));
  for (let i = 0; i < rows; i++) {
    const row = helper.first + i;
    const pos = helperPosition(helper.first, HELPER_FIRST_COL - 1);
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
    // A customer (with revenue) whose margin is blank loses no margin; one without revenue is absent.
    const marginAt = `INDEX(${model.range(model.col("margin"))},${pos})`;
    sheet.row(row, HELPER_FIRST_COL, [
      { formula: linked(model, SCORING.nameCol, pos, '""', true) },
      { formula: linked(model, model.col("revenue"), pos), format: "#,##0" },
      model.hasMargin ? { formula: `=IF(ISNUMBER(${revenue}),IF(ISNUMBER(${marginAt}),${marginAt},0),"")`, format: "#,##0" } : {},
      { formula: place(revenue, helperCol.revenue, margin, helperCol.margin, helperCol.byRevenue) },
      model.hasMargin ? { formula: place(margin, helperCol.margin, revenue, helperCol.revenue, helperCol.byMargin) } : {},
      model.hasChurn ? { formula: linked(model, model.col("churn"), pos), format: "0%" } : {},
      { formula: linked(model, model.col("rank"), pos) },
      { formula: linked(model, model.col("key"), pos, '""', true) },
      model.hasChurn && model.hasMargin ? { formula: `=IF(AND(${a1(row, helperCol.key)}="${KEY_LABEL}",ISNUMBER(${margin}),ISNUMBER(${churn})),${margin}*${churn},0)`, format: "#,##0" } : {},
    ]);
  }
}

/** One worst-case table (k = 1..rows) in the order of `orderCol`; returns the first row after it. */
function writeWorstCase(sheet: SheetBuilder, model: Model, rows: number, titleRow: number, title: string, orderCol: number): number {
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
    const cells: CellPlan[] = [
      { value: k },
      { formula: `=IF(${past},"",INDEX(${helper.column(helperCol.name)},MATCH(${step},${helper.column(orderCol)},0)))` },
      { formula: lost(helperCol.revenue), format: "#,##0" },
      { formula: `=IF(${revenueLost}="","",${revenueLost}/${revenueTotal})`, format: "0.0%" },
    ];
    if (model.hasMargin) {
      const revenueLeft = `${revenueTotal}-${revenueLost}`;
      const marginLeft = `${marginTotal}-${marginLost}`;
      cells.push(
        { formula: lost(helperCol.margin), format: "#,##0" },
        { formula: `=IF(OR(${marginLost}="",${marginTotal}=0),"",${marginLost}/${marginTotal})`, format: "0.0%" },
        { formula: `=IF(${marginLost}="","",${marginLeft}-${fixed})`, format: "#,##0" },
        { formula: `=IF(${marginLost}="","",IF(OR(${revenueLeft}<=0,${marginLeft}<=0),"not reachable",${fixed}/((${marginLeft})/(${revenueLeft}))))`, format: "#,##0" },
        { formula: `=IF(ISTEXT(${breakEven}),"",((${revenueLeft})-${breakEven})/(${revenueLeft}))`, format: "0.0%" },
        { formula: `=IF(${marginLost}="","",${marginLost}*${months}/${MONTHS_PER_YEAR})`, format: "#,##0" },
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
function writeKeyAccounts(sheet: SheetBuilder, model: Model, titleRow: number, rows: number): void {
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
    sheet.row(row, 0, [
      { value: k },
      { formula: ifKey(at(helperCol.name)) },
      { formula: ifKey(at(helperCol.revenue)), format: "#,##0" },
      { formula: ifKey(`${at(helperCol.revenue)}/${figure(LOSS.revenueRow)}`), format: "0.0%" },
      model.hasMargin ? { formula: ifKey(marginCell), format: "#,##0" } : {},
      model.hasChurn ? { formula: ifKey(at(helperCol.churn)), format: "0%" } : {},
      model.hasChurn && model.hasMargin ? { formula: `=IF(OR(${margin}="",${churn}=""),"",${margin}*${churn})`, format: "#,##0" } : {},
    ]);
  }
  const after = titleRow + 2 + rows;
  // Print the tables, not the helper rows under them (its columns are hidden anyway).
  sheet.printRows = after + 2;
  if (model.hasChurn && model.hasMargin) {
    // Over all key accounts (helper column), not over the rows listed above.
    sheet.set(after, 1, { value: "Total expected loss of the key accounts", style: "label" });
    sheet.set(after, 6, { formula: ok(model, `SUM(${helper.column(helperCol.expected)})`), format: "#,##0", style: "output" });
  } else {
    const missing = model.hasChurn ? "a margin or cost column" : model.hasMargin ? "a churn-probability column" : "churn-probability and margin columns";
    sheet.set(after, 0, { value: `Add ${missing} to the source table to see the expected loss.`, style: "note" });
  }
  sheet.set(after + 1, 0, {
    formula: `=IF(ISERROR(${keyCount}),"",IF(${keyCount}>${rows},"The scoring sheet now names "&${keyCount}&" key accounts; "&(${keyCount}-${rows})&" are not shown here (this table lists the first ${rows}; the total above counts them all). Build again to list them all.",""))`,
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
