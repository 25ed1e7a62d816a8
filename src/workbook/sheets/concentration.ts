/**
 * The concentration sheet: concentration ratios, HHI, Gini, Pareto and ABC classes of revenue,
 * with a per-customer helper block and a Pareto chart. Holds nothing the user must keep: a
 * rebuild writes it afresh.
 */
import { HHI_THRESHOLDS } from "../../core/concentration";
import { ABC_A_SHARE, ABC_B_SHARE, CR_SIZES, DISCLOSURE_SHARE, HHI_LEVEL_DECIMALS, HHI_POINTS, PARETO_SHARE, SHARE_TOLERANCE } from "../../core/defaults";
import { type Model, noteExcluded } from "../model";
import { a1, sheetRef } from "../plan";
import { SheetBuilder } from "../sheet-builder";
import { customerRows, LINKED_CUSTOMER_COLUMNS, placeColumns } from "./columns";
import { SCORING } from "./scoring";
import { defineSheet, type SheetContext } from "./spec";

const FIRST_CR_ROW = 5;
const AFTER_CR = FIRST_CR_ROW + CR_SIZES.length;

/** Layout of the concentration sheet: 0-based rows, figures in column B. */
export const CONC = {
  totalRow: 3,
  countRow: 4,
  /** [row, k] of each concentration ratio CR_k. */
  cr: CR_SIZES.map((k, i) => [FIRST_CR_ROW + i, k]) as [number, number][],
  hhiRow: AFTER_CR,
  levelRow: AFTER_CR + 1,
  effectiveRow: AFTER_CR + 2,
  giniRow: AFTER_CR + 3,
  paretoShareRow: AFTER_CR + 4,
  paretoRow: AFTER_CR + 5,
  aRow: AFTER_CR + 6,
  bRow: AFTER_CR + 7,
  countARow: AFTER_CR + 8,
  countBRow: AFTER_CR + 9,
  countCRow: AFTER_CR + 10,
  disclosureRow: AFTER_CR + 11,
  chartTitleRow: AFTER_CR + 14,
  valueCol: 1,
} as const;

/** Columns A:C (labels, figures, notes), a gap, then the helper block; widths with them. */
const FIGURE_WIDTHS = [36, 14, 40, 3];
/** The per-customer helper block, from column E. */
const HELPER_COLUMNS = [
  ...LINKED_CUSTOMER_COLUMNS,
  { key: "share", header: "Share", width: 10 },
  { key: "before", header: "Revenue before", width: 14 },
  { key: "shareBefore", header: "Cumulative share before", width: 12 },
  { key: "larger", header: "Revenue of larger customers", width: 14 },
  { key: "abc", header: "ABC class", width: 10 },
  { key: "largerCount", header: "Larger customers", width: 10 },
  { key: "equalAbove", header: "Equal customers above", width: 10 },
] as const;
const HELPER_FIRST_COL = FIGURE_WIDTHS.length;
const helperCol = placeColumns(HELPER_FIRST_COL, HELPER_COLUMNS);

/** How many of the largest customers the Pareto chart shows, at most. */
const PARETO_CHART_CUSTOMERS = 20;

/** Shares that reach a threshold only up to rounding count as reaching it, as in the core. */
const MINUS_TOLERANCE = `-${SHARE_TOLERANCE}`;

const figure = (row: number) => a1(row, CONC.valueCol, true);

const helperRange = (model: Model) => customerRows(model, CONC.totalRow + 1);

function buildConcentration({ model }: SheetContext): SheetBuilder {
  const sheet = new SheetBuilder(model.names.concentration);
  sheet.set(0, 0, { value: "Revenue concentration", style: "title" });
  sheet.set(1, 0, { value: "How much of revenue rests on a few customers. Inputs in yellow can be changed.", style: "subtitle" });
  noteExcluded(sheet, model);
  writeConcentrationFigures(sheet, model);
  writeShareFigures(sheet, model);
  writeHelper(sheet, model);
  writeParetoChart(sheet, model);
  sheet.columnWidths = [...FIGURE_WIDTHS, ...HELPER_COLUMNS.map((c) => c.width)];
  return sheet;
}

/** Totals, concentration ratios, HHI and its level, effective number, Gini. */
function writeConcentrationFigures(sheet: SheetBuilder, model: Model): void {
  const revenue = model.range(model.col("revenue"));
  const [total, count, hhi] = [CONC.totalRow, CONC.countRow, CONC.hhiRow].map(figure);
  const helper = helperRange(model);
  sheet.labelled(CONC.totalRow, "Total revenue", { formula: `=SUM(${revenue})`, format: "#,##0", style: "output" });
  sheet.labelled(CONC.countRow, "Customers", { formula: `=COUNT(${revenue})`, style: "output" });
  for (const [row, k] of CONC.cr) {
    const ks = Array.from({ length: k }, (_, i) => i + 1).join(",");
    sheet.labelled(row, `Top ${k} share (CR${k})`, { formula: `=IF(${count}<=${k},1,SUMPRODUCT(LARGE(${revenue},{${ks}}))/${total})`, format: "0.0%", style: "output" });
  }
  const levels = HHI_THRESHOLDS["2023"];
  const rounded = `ROUND(${hhi},${HHI_LEVEL_DECIMALS})`;
  sheet.labelled(CONC.hhiRow, `HHI (0–${HHI_POINTS.toLocaleString("en-US")})`, { formula: `=SUMPRODUCT((${revenue}/${total})^2)*${HHI_POINTS}`, format: "#,##0", style: "output" });
  sheet.labelled(
    CONC.levelRow,
    "HHI level",
    { formula: `=IF(${rounded}<${levels.moderate},"Unconcentrated",IF(${rounded}<=${levels.high},"Moderately concentrated","Highly concentrated"))`, style: "output" },
    `2023 US Merger Guidelines: above ${levels.high.toLocaleString("en-US")} highly, ${levels.moderate.toLocaleString("en-US")}–${levels.high.toLocaleString("en-US")} moderately concentrated.`,
  );
  sheet.labelled(CONC.effectiveRow, "Effective number of customers", { formula: `=${HHI_POINTS}/${hhi}`, format: "0.0", style: "output" }, "1 / HHI: as many equal customers as this concentration is worth.");
  // Gini = Σᵢⱼ|xᵢ − xⱼ| / (2n Σx) = Σᵢ (Lᵢ − xᵢ·cᵢ) / (n Σx), with Lᵢ the revenue and cᵢ the number
  // of the customers larger than i: the same as R's ineq::Gini, without a rank per customer.
  sheet.labelled(
    CONC.giniRow,
    "Gini coefficient",
    { formula: `=(SUM(${helper.column(helperCol.larger)})-SUMPRODUCT(${helper.column(helperCol.revenue)},${helper.column(helperCol.largerCount)}))/(${count}*${total})`, format: "0.000", style: "output" },
    "0 = all customers equal; towards 1 = one customer has everything.",
  );
}

/** Pareto, ABC classes and the disclosure count, all on cumulative shares with the core's tolerance. */
function writeShareFigures(sheet: SheetBuilder, model: Model): void {
  const helper = helperRange(model);
  sheet.labelled(CONC.paretoShareRow, "Pareto share", { value: PARETO_SHARE, style: "input", format: "0%" });
  sheet.labelled(CONC.paretoRow, "Customers making up that share", { formula: `=COUNTIF(${helper.column(helperCol.shareBefore)},"<"&(${figure(CONC.paretoShareRow)}${MINUS_TOLERANCE}))`, style: "output" });
  sheet.labelled(CONC.aRow, "ABC: class A below cumulative share", { value: ABC_A_SHARE, style: "input", format: "0%" });
  sheet.labelled(CONC.bRow, "ABC: class B below cumulative share", { value: ABC_B_SHARE, style: "input", format: "0%" });
  for (const [row, abc] of [
    [CONC.countARow, "A"],
    [CONC.countBRow, "B"],
    [CONC.countCRow, "C"],
  ] as const) {
    sheet.labelled(row, `${abc} customers`, { formula: `=COUNTIF(${helper.column(helperCol.abc)},"${abc}")`, style: "output" });
  }
  sheet.labelled(
    CONC.disclosureRow,
    `Customers at or above ${DISCLOSURE_SHARE * 100}% of revenue`,
    { formula: `=COUNTIF(${helper.column(helperCol.share)},">="&(${DISCLOSURE_SHARE}${MINUS_TOLERANCE}))`, style: "output" },
    "US GAAP (ASC 280) requires disclosing any customer with 10% or more of revenue.",
  );
}

/**
 * Per-customer helper, largest revenue first as at the build (ties in table order). While the
 * revenues are still in that order, each row follows from the row above in O(1): revenue
 * before it, revenue of strictly larger customers, how many are larger. Once an edit on the
 * scoring sheet changes the order, every row counts over all customers instead (SUMIF and
 * COUNTIF), so the figures stay right. Excel and LibreOffice evaluate only the IF branch taken.
 */
function writeHelper(sheet: SheetBuilder, model: Model): void {
  const n = model.customers.length;
  const helper = helperRange(model);
  const total = figure(CONC.totalRow);
  sheet.row(CONC.totalRow - 1, HELPER_FIRST_COL, HELPER_COLUMNS.map((c) => ({ value: c.header, style: "header" as const })));
  const inOrder = a1(CONC.totalRow - 2, HELPER_FIRST_COL + 1, true);
  const revenueCell = (row: number) => a1(row, helperCol.revenue, true);
  sheet.set(CONC.totalRow - 2, HELPER_FIRST_COL, { value: "Largest first, as built:", style: "note" });
  sheet.set(CONC.totalRow - 2, HELPER_FIRST_COL + 1, {
    formula: n >= 2 ? `=SUMPRODUCT((${revenueCell(helper.first + 1)}:${revenueCell(helper.last)}>${revenueCell(helper.first)}:${revenueCell(helper.last - 1)})*1)=0` : "=TRUE()",
    style: "note",
  });
  const scoring = sheetRef(model.names.scoring);
  const revenueCol = model.col("revenue");
  const order = model.customers.map((_, i) => i).sort((i, j) => model.customers[j].revenue - model.customers[i].revenue || i - j);
  order.forEach((source, i) => {
    const row = helper.first + i;
    const [revenue, before, equalAbove] = [helperCol.revenue, helperCol.before, helperCol.equalAbove].map((col) => a1(row, col));
    const above = (col: number) => a1(row - 1, col);
    const larger = `SUMIF(${helper.column(helperCol.revenue)},">"&${revenue})`;
    const equalRevenueAbove = i === 0 ? "" : `+${revenue}*COUNTIF(${a1(helper.first, helperCol.revenue, true)}:${above(helperCol.revenue)},${revenue})`;
    const largerShare = `${a1(row, helperCol.larger)}/${total}`;
    sheet.row(row, HELPER_FIRST_COL, [
      { formula: `=${scoring}${a1(model.first + source, SCORING.nameCol)}` },
      { formula: `=${scoring}${a1(model.first + source, revenueCol)}`, format: "#,##0" },
      { formula: `=${revenue}/${total}`, format: "0.0%" },
      { formula: `=IF(${inOrder},${i === 0 ? 0 : `${above(helperCol.before)}+${above(helperCol.revenue)}`},${larger}${equalRevenueAbove})`, format: "#,##0" },
      { formula: `=${before}/${total}`, format: "0.0%" },
      { formula: `=IF(${inOrder},${before}-${revenue}*${equalAbove},${larger})`, format: "#,##0" },
      // Equal revenues share the class of the first of them: the class follows the larger customers only.
      { formula: `=IF(${largerShare}<${figure(CONC.aRow)}${MINUS_TOLERANCE},"A",IF(${largerShare}<${figure(CONC.bRow)}${MINUS_TOLERANCE},"B","C"))` },
      // (ROW() − ROW(first): the customers above this one, the same formula in every row, and
      // still right if the user inserts rows above the helper.)
      { formula: `=IF(${inOrder},ROW()-ROW(${a1(helper.first, helperCol.largerCount, true)})-${equalAbove},COUNTIF(${helper.column(helperCol.revenue)},">"&${revenue}))` },
      { formula: i === 0 ? "=0" : `=IF(${revenue}=${above(helperCol.revenue)},${above(helperCol.equalAbove)}+1,0)` },
    ]);
  });
}

/** Pareto chart data: the largest customers and the cumulative share they carry. */
function writeParetoChart(sheet: SheetBuilder, model: Model): void {
  const top = Math.min(PARETO_CHART_CUSTOMERS, Math.max(model.customers.length, 1));
  const revenue = model.range(model.col("revenue"));
  const headerRow = CONC.chartTitleRow + 1;
  sheet.set(CONC.chartTitleRow, 0, { value: `Pareto: the ${top} largest customers`, style: "section" });
  sheet.row(headerRow, 0, [
    { value: "k", style: "header" },
    { value: "Revenue", style: "header" },
    { value: "Cumulative share", style: "header" },
  ]);
  for (let k = 1; k <= top; k++) {
    const row = headerRow + k;
    const [step, largest] = [a1(row, 0), a1(row, 1)];
    sheet.row(row, 0, [
      { value: k },
      { formula: `=IF(${step}>${figure(CONC.countRow)},"",LARGE(${revenue},${step}))`, format: "#,##0" },
      { formula: `=IF(${largest}="","",SUM(${a1(headerRow + 1, 1, true)}:${largest})/${figure(CONC.totalRow)})`, format: "0.0%" },
    ]);
  }
  sheet.charts.push({
    kind: "line",
    title: "Pareto: cumulative share of revenue of the largest customers",
    data: { row: headerRow, col: 0, rows: top + 1, cols: 1 },
    series: [{ name: "Cumulative share", values: { row: headerRow + 1, col: 2, rows: top, cols: 1 } }],
    anchor: { row: headerRow, col: HELPER_FIRST_COL + 10, rows: 14, cols: 7 },
    xTitle: "Largest customers (k)",
    yTitle: "Cumulative share of revenue",
  });
}

export const concentrationSheet = defineSheet({
  role: "concentration",
  defaultName: "KAM Concentration",
  tabColor: "#3A5BA0",
  layout: CONC,
  build: buildConcentration,
});
