/**
 * Builds the summary sheet, first in the workbook and one printed page: the key accounts, their
 * combined share of revenue and margin, concentration with a reading in words, the worst case,
 * the total expected loss, the customers at or above 10% of revenue, and two charts. Every
 * figure is a live formula that follows the other sheets; each carries the core's result as
 * its cached value (`result`), computed here from the same customers (never by a formula engine).
 */
import * as conc from "../../core/concentration";
import { HHI_POINTS } from "../../core/defaults";
import { topLoss } from "../../core/loss";
import { amountFormat, checkRefs, KEY_LABEL, type Model, noteExcluded } from "../model";
import { isDisclosed } from "../../core/key-accounts";
import { a1, type CellPlan, type ChartPlan, sheetRef } from "../plan";
import { COUNT_FORMAT } from "../layout";
import { SheetBuilder } from "../sheet-builder";
import { customerRows } from "./columns";
import { CONC } from "./concentration";
import { LOSS, LOSS_HELPER } from "./loss";
import { SCORING } from "./scoring";
import { type BuildSettings, defineSheet, type SheetContext } from "./spec";
import { type ReviewData, reviewChart, writeReviewData, writeSinceLastReview } from "./summary-review";

type SummaryScores = BuildSettings["scores"];

/** Layout of the summary sheet: the first rows are fixed, the blocks below follow the key-account count. */
export const SUMMARY = { keyTitleRow: 3, keyHeaderRow: 4 } as const;


export const summarySheet = defineSheet({
  role: "summary",
  defaultName: "KAM Summary",
  tabColor: "#1F3864",
  layout: SUMMARY,
  first: true,
  build: ({ model, settings }: SheetContext) => buildSummary(model, settings),
});

/** What every block of the summary shares: the model, the core's figures and the references into the other sheets. */
export interface SummaryContext {
  s: SheetBuilder;
  m: Model;
  settings: BuildSettings;
  scores: SummaryScores;
  amount: string;
  n: number;
  revenues: Float64Array;
  margins?: Float64Array;
  total: number;
  totalMargin: number;
  measurable: boolean;
  /** Key accounts by rank; and all customers by revenue, largest first (the loss sheet's helper order). */
  keyIdx: number[];
  revOrder: number[];
  totalCell: string;
  keyCountCell: string;
  concCell: (row: number) => string;
  /** A column of the loss sheet's helper block (one row per row of the scoring ranges). */
  lossCol: (c: number) => string;
  /** Wraps a formula in the problem guard: #N/A while the scoring sheet flags a problem (row 3 says which). */
  ok: (f: string) => string;
}

function summaryContext(m: Model, settings: BuildSettings): SummaryContext {
  const scores = settings.scores;
  const revenues = Float64Array.from(m.customers, (c) => c.revenue);
  const margins = m.hasMargin ? Float64Array.from(m.customers, (c) => c.margin ?? 0) : undefined;
  const total = revenues.reduce((a, b) => a + b, 0);
  const keyIdx = m.customers.map((_, i) => i).filter((i) => scores.key[i]);
  keyIdx.sort((i, j) => (scores.ranks[i] || Infinity) - (scores.ranks[j] || Infinity));
  const revOrder = m.customers.map((_, i) => i).sort((i, j) => revenues[j] - revenues[i] || (margins ? margins[j] - margins[i] : 0) || i - j);
  const scoring = sheetRef(m.names.scoring);
  const { problems } = checkRefs(m, false);
  return {
    s: new SheetBuilder(m.names.summary),
    m,
    settings,
    scores,
    amount: amountFormat(m.input.currency),
    n: m.customers.length,
    revenues,
    margins,
    total,
    totalMargin: margins ? margins.reduce((a, b) => a + b, 0) : 0,
    measurable: m.customers.length > 0 && total > 0,
    keyIdx,
    revOrder,
    totalCell: `${scoring}${a1(SCORING.totalRevenueRow, 1, true)}`,
    keyCountCell: `${scoring}${a1(SCORING.keyCountRow, 1, true)}`,
    concCell: (row: number) => `${sheetRef(m.names.concentration)}${a1(row, 1, true)}`,
    lossCol: (c: number) => `${sheetRef(m.names.loss)}${customerRows(m, LOSS_HELPER.firstRow).column(c)}`,
    ok: (f: string) => `=IF(${problems}>0,NA(),${f})`,
  };
}

function buildSummary(m: Model, settings: BuildSettings): SheetBuilder {
  const c = summaryContext(m, settings);
  writeTitle(c);
  const keyColumns = writeKeyAccounts(c);
  let r = writeConcentration(c, keyColumns.lastRow + 2);
  r = writeWorstCase(c, r + 2);
  r = writeExpectedLoss(c, r + 2);
  r = writeDisclosure(c, r + 2);
  const review = writeSinceLastReview(c, r + 2);
  r = review.lastRow;
  const printedRows = r + 1;
  const data = writeChartData(c, r + 3, review.chart);
  const chartCol = keyColumns.width + 1;
  addCharts(c, data, chartCol);
  const reviewChartPlan = reviewChart(c, data.review, { row: SUMMARY.keyTitleRow + 34, col: chartCol, rows: 14, cols: 8 });
  if (reviewChartPlan) c.s.charts.push(reviewChartPlan);
  c.s.printRows = Math.max(printedRows, SUMMARY.keyTitleRow + (reviewChartPlan ? 48 : 33));
  c.s.onePage = true;
  return c.s;
}

function writeTitle({ s, m, n }: SummaryContext): void {
  s.set(0, 0, { value: "Key account summary", style: "title" });
  s.set(1, 0, {
    // (No TEXT(): not every engine formats numbers in text alike.)
    formula: `=IF(${checkRefs(m, false).problems}>0,"Not every customer is counted (row 3 says why): the figures that need them show #N/A.",COUNT(${m.range(m.col("revenue"))})&" customers.${m.input.builtOn ? ` Built ${m.input.builtOn};` : ""} every figure follows the other sheets.")`,
    result: `${n} customers.${m.input.builtOn ? ` Built ${m.input.builtOn};` : ""} every figure follows the other sheets.`,
    style: "subtitle",
  });
  noteExcluded(s, m);
}

/**
 * Key accounts, in the order of the rule: by rank under the top-N and cut-off rules, largest
 * first under the revenue-share rule (the loss sheet's helper order, unique even for ties),
 * then their combined share of revenue and margin.
 */
function writeKeyAccounts(c: SummaryContext): { lastRow: number; width: number } {
  const { s, m, amount } = c;
  const byRevenue = m.input.keyRule.kind === "share";
  s.set(SUMMARY.keyTitleRow, 0, { value: "Key accounts", style: "section" });
  const header = ["Customer", "Revenue", "Share of revenue", "Weighted score", ...(m.hasMargin ? ["Margin"] : []), byRevenue ? "By revenue" : "Rank"];
  s.row(SUMMARY.keyHeaderRow, 0, header.map((value) => ({ value, style: "header" as const })));
  const keyInOrder = byRevenue ? c.revOrder.filter((i) => c.scores.key[i]) : c.keyIdx;
  const rows = Math.max(c.keyIdx.length, 1);
  for (let k = 1; k <= rows; k++) s.row(SUMMARY.keyHeaderRow + k, 0, keyAccountRow(c, k, keyInOrder[k - 1], byRevenue));
  let r = SUMMARY.keyHeaderRow + rows + 1;
  const keyRange = m.range(m.col("key"));
  const rev = m.range(m.col("revenue"));
  const keyRevenue = c.keyIdx.reduce((a, i) => a + c.revenues[i], 0);
  s.row(r, 0, [
    { value: "Key accounts together", style: "label" },
    { formula: c.ok(`SUMIF(${keyRange},"${KEY_LABEL}",${rev})`), result: keyRevenue, format: amount, style: "output" },
    { formula: c.ok(`IF(${c.totalCell}=0,"",SUMIF(${keyRange},"${KEY_LABEL}",${rev})/${c.totalCell})`), result: c.total === 0 ? "" : keyRevenue / c.total, format: "0.0%", style: "output" },
  ]);
  if (m.hasMargin) {
    r++;
    const margin = m.range(m.col("margin"));
    const keyMargin = c.keyIdx.reduce((a, i) => a + (m.customers[i].margin ?? 0), 0);
    s.row(r, 0, [
      { value: "Their share of margin", style: "label" },
      { formula: c.ok(`SUMIF(${keyRange},"${KEY_LABEL}",${margin})`), result: keyMargin, format: amount, style: "output" },
      { formula: c.ok(`IF(SUMIF(${rev},"<>",${margin})=0,"",SUMIF(${keyRange},"${KEY_LABEL}",${margin})/SUMIF(${rev},"<>",${margin}))`), result: c.totalMargin === 0 ? "" : keyMargin / c.totalMargin, format: "0.0%", style: "output" },
    ]);
  }
  r++;
  s.set(r, 0, {
    formula: `=IF(ISERROR(${c.keyCountCell}),"",IF(${c.keyCountCell}>${rows},${c.keyCountCell}-${rows}&" more key accounts are not shown: build again, or see ${m.names.scoring.replace(/"/g, '""')}.",""))`,
    result: "",
    style: "note",
  });
  r++;
  s.set(r, 0, { value: "How to read this: the key accounts by the rule on the scoring sheet; their share is how much of the business rests on them.", style: "note" });
  return { lastRow: r, width: header.length };
}

/** Row k of the key-account list: the k-th key account by the rule's order (`i`, the core's, for the cached values). */
function keyAccountRow(c: SummaryContext, k: number, i: number | undefined, byRevenue: boolean): CellPlan[] {
  const { m, amount, scores } = c;
  const keyRange = m.range(m.col("key"));
  const rev = m.range(m.col("revenue"));
  const orderRange = byRevenue ? c.lossCol(LOSS_HELPER.col.byRevenue) : m.range(m.col("rank"));
  const pos = `MATCH(${k},${orderRange},0)`;
  // The scoring ranges start at the header row; the loss helper's rows start at the first customer.
  const at = (range: string) => `INDEX(${range},${byRevenue ? `${pos}+1` : pos})`;
  const guard = (f: string) => c.ok(`IF(ISNUMBER(${pos}),IF(${at(keyRange)}="${KEY_LABEL}",${f},""),"")`);
  const has = i !== undefined;
  const cells: CellPlan[] = [
    { formula: guard(`${at(m.range(0))}`), result: has ? m.customers[i].name : "" },
    { formula: guard(`${at(rev)}`), result: has ? m.customers[i].revenue : "", format: amount },
    { formula: guard(`${at(rev)}/${c.totalCell}`), result: has && c.total !== 0 ? m.customers[i].revenue / c.total : "", format: "0.0%" },
    { formula: guard(`${at(m.range(m.col("total")))}`), result: has && !Number.isNaN(scores.totals[i]) ? scores.totals[i] : "", format: "0.00" },
  ];
  if (m.hasMargin) {
    const margin = m.range(m.col("margin"));
    const mc = has ? m.customers[i].margin : undefined;
    cells.push({ formula: guard(`IF(${at(margin)}="","",${at(margin)})`), result: has && mc !== undefined ? mc : "", format: amount });
  }
  cells.push({ value: k });
  return cells;
}

/** Concentration, from the concentration sheet, with a reading in words. Returns its last row. */
function writeConcentration(c: SummaryContext, r: number): number {
  const { s, revenues, measurable, n } = c;
  s.set(r, 0, { value: "Concentration of revenue", style: "section" });
  const hhi = measurable ? conc.hhi(revenues, HHI_POINTS) : NaN;
  const level = measurable ? conc.hhiLevel(hhi) : "";
  const cr5 = measurable ? (n <= 5 ? 1 : conc.topShare(revenues, 5)) : NaN;
  const gini = measurable ? conc.gini(revenues) : NaN;
  const pareto = measurable ? conc.paretoCount(revenues, 0.8) : NaN;
  const cr5Row = CONC.cr.find(([, k]) => k === 5)![0];
  const figure = (v: number) => (Number.isFinite(v) ? v : undefined);
  const concRows: [string, number, CellPlan["result"], string | undefined][] = [
    ["HHI (0–10,000)", CONC.hhiRow, figure(hhi), COUNT_FORMAT],
    ["HHI level", CONC.levelRow, level || undefined, undefined],
    ["Top 5 share (CR5)", cr5Row, figure(cr5), "0.0%"],
    ["Gini coefficient", CONC.giniRow, figure(gini), "0.000"],
    ["Customers making up 80% of revenue", CONC.paretoRow, figure(pareto), undefined],
  ];
  const at: Record<number, string> = {};
  for (const [label, row, result, format] of concRows) {
    r++;
    at[row] = a1(r, 1);
    s.row(r, 0, [{ value: label, style: "label" }, { formula: `=${c.concCell(row)}`, result, format, style: "output" }]);
  }
  r++;
  s.set(r, 0, {
    formula: `=IF(ISNUMBER(${at[CONC.hhiRow]}),"Revenue is "&LOWER(${at[CONC.levelRow]})&" (HHI "&ROUND(${at[CONC.hhiRow]},0)&"): the 5 largest customers hold "&ROUND(${at[cr5Row]}*100,0)&"% of it, and "&${at[CONC.paretoRow]}&" customers make up 80%.","")`,
    result: measurable ? `Revenue is ${level.toLowerCase()} (HHI ${Math.round(hhi)}): the 5 largest customers hold ${Math.round(cr5 * 100)}% of it, and ${pareto} customers make up 80%.` : "",
    style: "note",
  });
  return r;
}

/** Worst case: rows of the loss sheet's table by revenue. Returns its last row. */
function writeWorstCase(c: SummaryContext, r: number): number {
  const { s, m, amount, revenues, margins, measurable, total, totalMargin } = c;
  const loss = sheetRef(m.names.loss);
  s.set(r, 0, { value: "Worst case: the largest customers leave", style: "section" });
  r++;
  s.row(r, 0, ["Scenario", "Revenue lost", "% of revenue", ...(m.hasMargin ? ["Margin lost", "% of margin", "Operating profit after"] : [])].map((value) => ({ value, style: "header" as const })));
  for (const k of [1, 3]) {
    if (k > c.settings.lossRows) continue;
    r++;
    const lr = LOSS.byRevenueTitleRow + 1 + k;
    const t = measurable ? topLoss(revenues, k, margins) : undefined;
    const ref = (col: number) => `=${loss}${a1(lr, col)}`;
    const cells: CellPlan[] = [
      { value: k === 1 ? "The largest customer leaves" : "The 3 largest customers leave", style: "label" },
      { formula: ref(2), result: t ? t.revenue : "", format: amount },
      { formula: ref(3), result: t ? t.revenue / total : "", format: "0.0%" },
    ];
    if (m.hasMargin) {
      const ml = t?.margin ?? 0;
      cells.push(
        { formula: ref(4), result: t ? ml : "", format: amount },
        { formula: ref(5), result: t && totalMargin !== 0 ? ml / totalMargin : "", format: "0.0%" },
        { formula: ref(6), result: t ? totalMargin - ml - c.settings.fixedCosts : "", format: amount },
      );
    }
    s.row(r, 0, cells);
  }
  r++;
  s.set(r, 0, { value: "How to read this: what leaves with the largest customers; fixed costs stay, so profit falls by the margin lost.", style: "note" });
  return r;
}

/** Expected loss of the key accounts (margin × churn), or how to get it. Returns its last row. */
function writeExpectedLoss(c: SummaryContext, r: number): number {
  const { s, m } = c;
  if (!(m.hasMargin && m.hasChurn)) {
    s.set(r, 0, { value: "Expected loss: add churn-probability and margin columns to the source table to see it.", style: "note" });
    return r;
  }
  const expected = c.keyIdx.reduce((a, i) => a + (m.customers[i].margin ?? 0) * (m.customers[i].churn ?? 0), 0);
  s.row(r, 0, [
    { value: "Total expected margin loss of the key accounts", style: "label" },
    { formula: c.ok(`SUM(${c.lossCol(LOSS_HELPER.col.expected)})`), result: expected, format: c.amount, style: "output" },
  ]);
  r++;
  s.set(r, 0, { value: "How to read this: each key account's margin times its churn probability, added up.", style: "note" });
  return r;
}

/** Customers at or above 10% of revenue, largest first (the loss sheet's helper order). Returns its last row. */
function writeDisclosure(c: SummaryContext, r: number): number {
  const { s, m, revenues, total } = c;
  const H = LOSS_HELPER.col;
  s.set(r, 0, { value: "Customers at or above 10% of revenue", style: "section" });
  r++;
  s.row(r, 0, ["Customer", "Revenue", "Share of revenue"].map((value) => ({ value, style: "header" as const })));
  // The core's rule (a share of exactly 10% counts however the division rounds), as the count cell's COUNTIF.
  const disclosed = c.measurable ? c.revOrder.filter((i) => isDisclosed(revenues[i], total)) : [];
  const countCell = c.concCell(CONC.disclosureRow);
  const shown = Math.max(disclosed.length, 1);
  for (let k = 1; k <= shown; k++) {
    r++;
    const pos = `MATCH(${k},${c.lossCol(H.byRevenue)},0)`;
    const guard = (f: string) => `=IF(ISERROR(${countCell}),${countCell},IF(${k}>${countCell},"",${f}))`;
    const i = disclosed[k - 1];
    s.row(r, 0, [
      { formula: guard(`INDEX(${c.lossCol(H.name)},${pos})`), result: i === undefined ? "" : m.customers[i].name },
      { formula: guard(`INDEX(${c.lossCol(H.revenue)},${pos})`), result: i === undefined ? "" : revenues[i], format: c.amount },
      { formula: guard(`INDEX(${c.lossCol(H.revenue)},${pos})/${c.totalCell}`), result: i === undefined ? "" : revenues[i] / total, format: "0.0%" },
    ]);
  }
  r++;
  s.set(r, 0, {
    formula: `=IF(${countCell}=0,"No customer has 10% of revenue or more.",IF(${countCell}>${shown},${countCell}-${shown}&" more at or above 10%: build again.",""))`,
    result: disclosed.length === 0 ? "No customer has 10% of revenue or more." : "",
    style: "note",
  });
  r++;
  s.set(r, 0, { value: "How to read this: US GAAP (ASC 280) requires disclosing any customer with 10% of revenue or more.", style: "note" });
  return r;
}

/** Where the charts' data start (below the printed page). */
interface ChartData {
  lossData: number;
  paretoData: number;
  top: number;
  review?: number;
}

/** Chart data, below the printed page: it follows the loss and concentration sheets (and the review). */
function writeChartData(c: SummaryContext, r: number, review: ReviewData | undefined): ChartData {
  const { s, m, revenues, margins, total, totalMargin, measurable, n } = c;
  const K = c.settings.lossRows;
  s.set(r, 0, { value: "Chart data (follows the loss and concentration sheets; not printed)", style: "note" });
  r++;
  const lossData = r;
  s.row(r, 0, ["k", "% of revenue lost", ...(m.hasMargin ? ["% of margin lost"] : [])].map((value) => ({ value, style: "header" as const })));
  const loss = sheetRef(m.names.loss);
  for (let k = 1; k <= K; k++) {
    r++;
    const lr = LOSS.byRevenueTitleRow + 1 + k;
    const t = measurable && k <= n ? topLoss(revenues, k, margins) : undefined;
    s.row(r, 0, [
      { value: k },
      { formula: `=${loss}${a1(lr, 3)}`, result: t ? t.revenue / total : "", format: "0.0%" },
      ...(m.hasMargin ? [{ formula: `=${loss}${a1(lr, 5)}`, result: t && totalMargin !== 0 ? (t.margin ?? 0) / totalMargin : "", format: "0.0%" }] : []),
    ]);
  }
  r += 2;
  const paretoData = r;
  const top = Math.min(20, Math.max(n, 1));
  s.row(r, 0, ["k", "Cumulative share of revenue"].map((value) => ({ value, style: "header" as const })));
  const sortedRev = [...revenues].sort((a, b) => b - a);
  let cum = 0;
  const concentration = sheetRef(m.names.concentration);
  for (let k = 1; k <= top; k++) {
    r++;
    cum += sortedRev[k - 1] ?? 0;
    s.row(r, 0, [{ value: k }, { formula: `=${concentration}${a1(CONC.chartTitleRow + 1 + k, 2)}`, result: measurable && k <= n ? cum / total : "", format: "0.0%" }]);
  }
  if (!review) return { lossData, paretoData, top };
  return { lossData, paretoData, top, review: writeReviewData(c, review, r + 2) };
}

function addCharts(c: SummaryContext, d: ChartData, chartCol: number): void {
  const K = c.settings.lossRows;
  const loss: ChartPlan = {
    kind: "line",
    title: "Share of revenue and margin lost if the k largest customers leave",
    data: { row: d.lossData, col: 0, rows: K + 1, cols: 1 },
    series: [
      { name: "% of revenue lost", values: { row: d.lossData + 1, col: 1, rows: K, cols: 1 } },
      ...(c.m.hasMargin ? [{ name: "% of margin lost", values: { row: d.lossData + 1, col: 2, rows: K, cols: 1 } }] : []),
    ],
    anchor: { row: SUMMARY.keyTitleRow, col: chartCol, rows: 16, cols: 8 },
    xTitle: "Largest customers lost (k)",
    yTitle: "Share lost",
  };
  const pareto: ChartPlan = {
    kind: "line",
    title: "Pareto: cumulative share of revenue of the largest customers",
    data: { row: d.paretoData, col: 0, rows: d.top + 1, cols: 1 },
    series: [{ name: "Cumulative share of revenue", values: { row: d.paretoData + 1, col: 1, rows: d.top, cols: 1 } }],
    anchor: { row: SUMMARY.keyTitleRow + 17, col: chartCol, rows: 16, cols: 8 },
    xTitle: "Largest customers (k)",
    yTitle: "Cumulative share",
  };
  c.s.charts.push(loss, pareto);
}
