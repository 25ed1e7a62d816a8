/**
 * The concentration sheet: concentration ratios, HHI, Gini, Pareto and ABC classes of revenue,
 * with a per-customer helper block and a Pareto chart. Holds nothing the user must keep: a
 * rebuild writes it afresh.
 */
import * as conc from "../../core/concentration";
import { HHI_THRESHOLDS } from "../../core/concentration";
import { ABC_A_SHARE, ABC_B_SHARE, CR_SIZES, DISCLOSURE_SHARE, HHI_LEVEL_DECIMALS, HHI_POINTS, PARETO_SHARE, SHARE_TOLERANCE } from "../../core/defaults";
import { checkRefs, clean, type Model, noteExcluded } from "../model";
import { a1, type CellPlan, columnLetter, type Literal } from "../plan";
import { COUNT_FORMAT } from "../layout";
import { SheetBuilder } from "../sheet-builder";
import { customerRows, LINKED_CUSTOMER_COLUMNS, helperPosition, linked, placeColumns } from "./columns";
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
  { key: "larger", header: "Revenue of larger customers", width: 14 },
  { key: "largerCount", header: "Larger customers", width: 10 },
  { key: "abc", header: "ABC class", width: 10 },
] as const;
const HELPER_FIRST_COL = FIGURE_WIDTHS.length;
const helperCol = placeColumns(HELPER_FIRST_COL, HELPER_COLUMNS);

/** How many of the largest customers the Pareto chart shows, at most. */
const PARETO_CHART_CUSTOMERS = 20;

/** Shares that reach a threshold only up to rounding count as reaching it, as in the core. */
const MINUS_TOLERANCE = `-${SHARE_TOLERANCE}`;

const figure = (row: number) => a1(row, CONC.valueCol, true);

const helperRange = (model: Model) => customerRows(model, CONC.totalRow + 1);

/**
 * The sheet's figures as the core computes them from the customers it was built with: the
 * cached results of its formulas, so readers that do not recalculate see them. Undefined (no
 * cached value) where the formula gives an error (no revenue to share).
 */
interface CoreConcentration {
  total: number;
  count: number;
  cr: (k: number) => number | undefined;
  hhi?: number;
  level?: string;
  gini?: number;
  pareto?: number;
  abc: (v: number) => string | undefined;
  larger: (v: number) => { sum: number; count: number };
  disclosure?: number;
  sorted: number[];
}
const cores = new WeakMap<Model, CoreConcentration>();
function core(model: Model): CoreConcentration {
  const known = cores.get(model);
  if (known) return known;
  const xs = Float64Array.from(model.customers, (c) => clean(c.revenue));
  const sorted = [...xs].sort((a, b) => b - a);
  const total = sorted.reduce((a, b) => a + b, 0);
  const measurable = xs.length > 0 && total > 0;
  // Revenue of the larger customers: prefix sums over the sorted revenues, found by position.
  const prefix = [0];
  for (const x of sorted) prefix.push(prefix[prefix.length - 1] + x);
  const larger = (v: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] > v) lo = mid + 1;
      else hi = mid;
    }
    return { sum: prefix[lo], count: lo };
  };
  const hhi = measurable ? conc.hhi(xs, HHI_POINTS) : undefined;
  const abc = measurable ? conc.abcClassifier(xs) : () => undefined;
  const out: CoreConcentration = {
    total,
    count: xs.length,
    cr: (k) => (!measurable ? undefined : xs.length <= k ? 1 : conc.topShare(xs, k)),
    hhi,
    level: hhi === undefined ? undefined : conc.hhiLevel(hhi),
    gini: measurable ? conc.gini(xs) : undefined,
    pareto: measurable ? conc.paretoCount(xs, PARETO_SHARE) : undefined,
    abc: (v) => abc(v),
    larger,
    disclosure: measurable ? sorted.filter((x) => x / total >= DISCLOSURE_SHARE - SHARE_TOLERANCE).length : undefined,
    sorted,
  };
  cores.set(model, out);
  return out;
}

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
  // The helper block is for the formulas, not the reader: grouped and collapsed, with a note.
  sheet.hiddenColumns.push({ col: HELPER_FIRST_COL - 1, cols: HELPER_COLUMNS.length + 1 });
  sheet.set(CONC.disclosureRow + 2, 0, {
    value: `Columns ${columnLetter(HELPER_FIRST_COL)}–${columnLetter(HELPER_FIRST_COL + HELPER_COLUMNS.length - 1)} (grouped and hidden: + above the column letters) hold each customer's share, larger customers and ABC class, which the figures read.`,
    style: "note",
  });
  return sheet;
}

/** Totals, concentration ratios, HHI and its level, effective number, Gini. */
function writeConcentrationFigures(sheet: SheetBuilder, model: Model): void {
  const revenue = model.range(model.col("revenue"));
  const [total, count, hhi] = [CONC.totalRow, CONC.countRow, CONC.hhiRow].map(figure);
  const helper = helperRange(model);
  const { problems } = checkRefs(model, false);
  // Every figure needs all customers (an error while row 3 flags a problem) and some revenue to
  // share: all revenue 0 (or none) is an error, not 0 or 100%.
  const some = (f: string) => `=IF(${total}<=0,NA(),${f})`;
  const c = core(model);
  sheet.labelled(CONC.totalRow, "Total revenue", { formula: `=IF(${problems}>0,NA(),SUM(${revenue}))`, result: c.total, format: "#,##0", style: "output" });
  sheet.labelled(CONC.countRow, "Customers", { formula: `=IF(${problems}>0,NA(),COUNT(${revenue}))`, result: c.count, style: "output" });
  for (const [row, k] of CONC.cr) {
    const ks = Array.from({ length: k }, (_, i) => i + 1).join(",");
    sheet.labelled(row, `Top ${k} share (CR${k})`, { formula: some(`IF(${count}<=${k},1,SUMPRODUCT(LARGE(${revenue},{${ks}}))/${total})`), result: c.cr(k), format: "0.0%", style: "output" });
  }
  const levels = HHI_THRESHOLDS["2023"];
  const rounded = `ROUND(${hhi},${HHI_LEVEL_DECIMALS})`;
  sheet.labelled(CONC.hhiRow, `HHI (0–${HHI_POINTS.toLocaleString("en-US")})`, { formula: some(`SUMSQ(${revenue})/${total}^2*${HHI_POINTS}`), result: c.hhi, format: COUNT_FORMAT, style: "output" });
  sheet.labelled(
    CONC.levelRow,
    "HHI level",
    { formula: `=IF(${rounded}<${levels.moderate},"Unconcentrated",IF(${rounded}<=${levels.high},"Moderately concentrated","Highly concentrated"))`, result: c.level, style: "output" },
    `2023 US Merger Guidelines: above ${levels.high.toLocaleString("en-US")} highly, ${levels.moderate.toLocaleString("en-US")}–${levels.high.toLocaleString("en-US")} moderately concentrated.`,
  );
  sheet.labelled(CONC.effectiveRow, "Effective number of customers", { formula: `=${HHI_POINTS}/${hhi}`, result: c.hhi === undefined ? undefined : HHI_POINTS / c.hhi, format: "0.0", style: "output" }, "1 / HHI: as many equal customers as this concentration is worth.");
  // Gini = Σᵢⱼ|xᵢ − xⱼ| / (2n Σx) = Σᵢ (Lᵢ − xᵢ·cᵢ) / (n Σx), with Lᵢ the revenue and cᵢ the number
  // of the customers larger than i: the same as R's ineq::Gini, without a rank per customer.
  sheet.labelled(
    CONC.giniRow,
    "Gini coefficient",
    { formula: some(`(SUM(${helper.column(helperCol.larger)})-SUMPRODUCT(${helper.column(helperCol.revenue)},${helper.column(helperCol.largerCount)}))/(${count}*${total})`), result: c.gini, format: "0.000", style: "output" },
    "0 = all customers equal; towards 1 = one customer has everything.",
  );
}

/** Pareto, ABC classes and the disclosure count, all on cumulative shares with the core's tolerance. */
function writeShareFigures(sheet: SheetBuilder, model: Model): void {
  const helper = helperRange(model);
  const total = figure(CONC.totalRow);
  const revenue = model.range(model.col("revenue"));
  const some = (f: string) => `=IF(${total}<=0,NA(),${f})`;
  const c = core(model);
  const classes = model.customers.map((cu) => c.abc(clean(cu.revenue)));
  sheet.labelled(CONC.paretoShareRow, "Pareto share", { value: PARETO_SHARE, style: "input", format: "0%" });
  // The Pareto count takes the largest customers while the revenue before them is below the
  // share. Every customer whose larger customers carry less than that share is in a group of
  // equal revenues that starts before it (k of them); only the last such group (revenue x, L
  // before it, q customers) may be cut: its j-th (j = 0, 1, ...) has L + j·x before it, so
  // ⌈(share·total − L)/x⌉ of its q are taken. Four counts in one cell, no order of the rows.
  const P = `((${figure(CONC.paretoShareRow)}${MINUS_TOLERANCE})*${total})`;
  const kIn = `COUNTIF(${helper.column(helperCol.larger)},"<"&${P})`;
  const x = `LARGE(${revenue},${kIn})`;
  const q = `COUNTIF(${revenue},${x})`;
  sheet.labelled(CONC.paretoRow, "Customers making up that share", {
    formula: some(`IF(${kIn}=0,0,IF(${x}<=0,${kIn},${kIn}-${q}+MIN(${q},CEILING(MAX(0,(${P}-SUMIF(${revenue},">"&${x}))/${x}),1))))`),
    result: c.pareto,
    style: "output",
  });
  sheet.labelled(CONC.aRow, "ABC: class A below cumulative share", { value: ABC_A_SHARE, style: "input", format: "0%" });
  sheet.labelled(CONC.bRow, "ABC: class B below cumulative share", { value: ABC_B_SHARE, style: "input", format: "0%" });
  for (const [row, abc] of [
    [CONC.countARow, "A"],
    [CONC.countBRow, "B"],
    [CONC.countCRow, "C"],
  ] as const) {
    sheet.labelled(row, `${abc} customers`, { formula: some(`COUNTIF(${helper.column(helperCol.abc)},"${abc}")`), result: c.total > 0 ? classes.filter((k) => k === abc).length : undefined, style: "output" });
  }
  sheet.labelled(
    CONC.disclosureRow,
    `Customers at or above ${DISCLOSURE_SHARE * 100}% of revenue`,
    { formula: some(`COUNTIF(${helper.column(helperCol.share)},">="&(${DISCLOSURE_SHARE}${MINUS_TOLERANCE}))`), result: c.disclosure, style: "output" },
    "US GAAP (ASC 280) requires disclosing any customer with 10% or more of revenue.",
  );
}

/**
 * Per-customer helper: one row per row of the scoring ranges (table and spare rows), read by
 * position (INDEX), so it follows sorts, inserts and deletes on the scoring sheet. Each row
 * needs two counts over the whole column with a fixed range (revenue of larger customers, how
 * many are larger) and no order of the rows: the same work fresh and after any edit.
 */
function writeHelper(sheet: SheetBuilder, model: Model): void {
  const helper = helperRange(model);
  const total = figure(CONC.totalRow);
  sheet.row(CONC.totalRow - 1, HELPER_FIRST_COL, HELPER_COLUMNS.map((c) => ({ value: c.header, style: "header" as const })));
  sheet.set(CONC.totalRow - 2, HELPER_FIRST_COL, { value: "Helper, one row per row of the scoring table (do not edit):", style: "note" });
  const c = core(model);
  const pos = helperPosition(helper.first, HELPER_FIRST_COL - 1);
  /** The helper row's formulas at sheet row `row`: the same in every row, filled down. */
  const formulasAt = (row: number): CellPlan[] => {
    const revenue = a1(row, helperCol.revenue);
    const has = (f: string) => `=IF(ISNUMBER(${revenue}),${f},"")`;
    const largerShare = `${a1(row, helperCol.larger)}/${total}`;
    return [
      { formula: linked(model, SCORING.nameCol, pos, '""', true) },
      { formula: linked(model, model.col("revenue"), pos), format: "#,##0" },
      { formula: has(`${revenue}/${total}`), format: "0.0%" },
      { formula: has(`SUMIF(${helper.column(helperCol.revenue)},">"&${revenue})`), format: "#,##0" },
      { formula: has(`COUNTIF(${helper.column(helperCol.revenue)},">"&${revenue})`) },
      // Equal revenues share the class of the first of them: the class follows the larger customers only.
      { formula: has(`IF(${largerShare}<${figure(CONC.aRow)}${MINUS_TOLERANCE},"A",IF(${largerShare}<${figure(CONC.bRow)}${MINUS_TOLERANCE},"B","C"))`) },
    ];
  };
  for (let i = 0; i <= model.end - model.first; i++) {
    // Cached results: helper row i reads the scoring table's row i (customer i), "" on spare rows.
    const cu = model.customers[i];
    const x = cu === undefined ? undefined : clean(cu.revenue);
    const larger = x === undefined ? undefined : c.larger(x);
    const cached = (v: Literal | undefined): Literal => (x === undefined || v === undefined ? "" : v);
    const results: Literal[] = [
      cu === undefined ? "" : cu.name,
      cached(x),
      cached(x === undefined || c.total === 0 ? undefined : x / c.total),
      cached(larger?.sum),
      cached(larger?.count),
      cached(x === undefined ? undefined : c.abc(x)),
    ];
    sheet.filledRow(helper.first + i, HELPER_FIRST_COL, formulasAt, (k) => results[k]);
  }
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
  const c = core(model);
  let cum = 0;
  for (let k = 1; k <= top; k++) {
    const row = headerRow + k;
    const [step, largest] = [a1(row, 0), a1(row, 1)];
    const x = c.sorted[k - 1];
    if (x !== undefined) cum += x;
    sheet.row(row, 0, [
      { value: k },
      { formula: `=IF(${step}>${figure(CONC.countRow)},"",LARGE(${revenue},${step}))`, result: x ?? "", format: "#,##0" },
      { formula: `=IF(${largest}="","",SUM(${a1(headerRow + 1, 1, true)}:${largest})/${figure(CONC.totalRow)})`, result: x === undefined ? "" : c.total > 0 ? cum / c.total : undefined, format: "0.0%" },
    ]);
  }
  // Print the figures and the chart, not the helper rows under them.
  sheet.printRows = Math.max(headerRow + top + 1, headerRow + 14);
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
