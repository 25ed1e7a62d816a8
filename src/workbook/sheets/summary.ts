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
import { amountFormat, checkRefs, DISCLOSURE_SHARE, KEY_LABEL, type Model, noteExcluded } from "../model";
import { a1, type CellPlan, sheetRef } from "../plan";
import { COUNT_FORMAT } from "../layout";
import { SheetBuilder } from "../sheet-builder";
import { customerRows } from "./columns";
import { CONC } from "./concentration";
import { LOSS, LOSS_HELPER } from "./loss";
import { SCORING } from "./scoring";
import { type BuildSettings, defineSheet, type SheetContext } from "./spec";

type SummaryScores = BuildSettings["scores"];

/** Layout of the summary sheet: the first rows are fixed, the blocks below follow the key-account count. */
export const SUMMARY = { keyTitleRow: 3, keyHeaderRow: 4 } as const;


export const summarySheet = defineSheet({
  role: "summary",
  defaultName: "KAM Summary",
  tabColor: "#1F3864",
  layout: SUMMARY,
  first: true,
  build: ({ model, settings }: SheetContext) => buildSummary(model, settings.scores, settings.lossRows, settings.fixedCosts, amountFormat(model.input.currency)),
});

function buildSummary(m: Model, scores: SummaryScores, K: number, fixedCosts: number, amount: string): SheetBuilder {
  const s = new SheetBuilder(m.names.summary);
  const n = m.customers.length;
  const revenues = Float64Array.from(m.customers, (c) => c.revenue);
  const margins = m.hasMargin ? Float64Array.from(m.customers, (c) => c.margin ?? 0) : undefined;
  const total = revenues.reduce((a, b) => a + b, 0);
  const totalMargin = margins ? margins.reduce((a, b) => a + b, 0) : 0;
  const measurable = n > 0 && total > 0;
  const scoring = sheetRef(m.names.scoring);
  const loss = sheetRef(m.names.loss);
  const concentration = sheetRef(m.names.concentration);
  const rev = m.range(m.col("revenue"));
  const names = m.range(0);
  const keyRange = m.range(m.col("key"));
  const margin = m.hasMargin ? m.range(m.col("margin")) : undefined;
  const totalCell = `${scoring}${a1(SCORING.totalRevenueRow, 1, true)}`;
  const keyCountCell = `${scoring}${a1(SCORING.keyCountRow, 1, true)}`;
  const concCell = (row: number) => `${concentration}${a1(row, 1, true)}`;
  const keyIdx = m.customers.map((_, i) => i).filter((i) => scores.key[i]);
  keyIdx.sort((i, j) => (scores.ranks[i] || Infinity) - (scores.ranks[j] || Infinity));
  const keyCount = keyIdx.length;

  s.set(0, 0, { value: "Key account summary", style: "title" });
  s.set(1, 0, {
    // (No TEXT(): not every engine formats numbers in text alike.)
    formula: `=IF(${checkRefs(m, false).problems}>0,"Not every customer is counted (row 3 says why): the figures that need them show #N/A.",COUNT(${rev})&" customers.${m.input.builtOn ? ` Built ${m.input.builtOn};` : ""} every figure follows the other sheets.")`,
    result: `${n} customers.${m.input.builtOn ? ` Built ${m.input.builtOn};` : ""} every figure follows the other sheets.`,
    style: "subtitle",
  });
  noteExcluded(s, m);

  // Key accounts, in the order of the rule: by rank under the top-N and cut-off rules, largest
  // first under the revenue-share rule (the loss sheet's helper order, unique even for ties).
  const H = LOSS_HELPER.col;
  // The loss sheet's helper block: one row per row of the scoring ranges (table and spare rows),
  // read by position, so it follows sorts, inserted, appended and deleted rows.
  const lossCol = (c: number) => `${loss}${customerRows(m, LOSS_HELPER.firstRow).column(c)}`;
  // Every figure needs all customers: an error while the scoring sheet flags a problem (row 3 says which).
  const { problems } = checkRefs(m, false);
  const ok = (f: string) => `=IF(${problems}>0,NA(),${f})`;
  const byRevenue = m.input.keyRule.kind === "share";
  const orderRange = byRevenue ? lossCol(H.byRevenue) : m.range(m.col("rank"));
  const revOrder = (() => {
    const idx = m.customers.map((_, i) => i);
    return idx.sort((i, j) => revenues[j] - revenues[i] || (margins ? margins[j] - margins[i] : 0) || i - j);
  })();
  const keyInOrder = byRevenue ? revOrder.filter((i) => scores.key[i]) : keyIdx;
  let r = SUMMARY.keyTitleRow;
  s.set(r, 0, { value: "Key accounts", style: "section" });
  const header = ["Customer", "Revenue", "Share of revenue", "Weighted score", ...(m.hasMargin ? ["Margin"] : []), byRevenue ? "By revenue" : "Rank"];
  s.row(SUMMARY.keyHeaderRow, 0, header.map((value) => ({ value, style: "header" as const })));
  const rows = Math.max(keyCount, 1);
  for (let k = 1; k <= rows; k++) {
    r = SUMMARY.keyHeaderRow + k;
    const pos = `MATCH(${k},${orderRange},0)`;
    // The scoring ranges start at the header row; the loss helper's rows start at the first customer.
    const at = (range: string) => `INDEX(${range},${byRevenue ? `${pos}+1` : pos})`;
    const guard = (f: string) => ok(`IF(ISNUMBER(${pos}),IF(${at(keyRange)}="${KEY_LABEL}",${f},""),"")`);
    const i = keyInOrder[k - 1];
    const has = i !== undefined;
    const cells: CellPlan[] = [
      { formula: guard(`${at(names)}`), result: has ? m.customers[i].name : "" },
      { formula: guard(`${at(rev)}`), result: has ? m.customers[i].revenue : "", format: amount },
      { formula: guard(`${at(rev)}/${totalCell}`), result: has && total !== 0 ? m.customers[i].revenue / total : "", format: "0.0%" },
      { formula: guard(`${at(m.range(m.col("total")))}`), result: has && !Number.isNaN(scores.totals[i]) ? scores.totals[i] : "", format: "0.00" },
    ];
    if (m.hasMargin) {
      const mc = m.customers[i]?.margin;
      cells.push({ formula: guard(`IF(${at(margin!)}="","",${at(margin!)})`), result: has && mc !== undefined ? mc : "", format: amount });
    }
    cells.push({ value: k });
    s.row(r, 0, cells);
  }
  r++;
  const keyRevenue = keyIdx.reduce((a, i) => a + revenues[i], 0);
  const keyMargin = keyIdx.reduce((a, i) => a + (m.customers[i].margin ?? 0), 0);
  s.row(r, 0, [
    { value: "Key accounts together", style: "label" },
    { formula: ok(`SUMIF(${keyRange},"${KEY_LABEL}",${rev})`), result: keyRevenue, format: amount, style: "output" },
    { formula: ok(`IF(${totalCell}=0,"",SUMIF(${keyRange},"${KEY_LABEL}",${rev})/${totalCell})`), result: total === 0 ? "" : keyRevenue / total, format: "0.0%", style: "output" },
  ]);
  if (m.hasMargin) {
    r++;
    s.row(r, 0, [
      { value: "Their share of margin", style: "label" },
      { formula: ok(`SUMIF(${keyRange},"${KEY_LABEL}",${margin})`), result: keyMargin, format: amount, style: "output" },
      { formula: ok(`IF(SUMIF(${rev},"<>",${margin})=0,"",SUMIF(${keyRange},"${KEY_LABEL}",${margin})/SUMIF(${rev},"<>",${margin}))`), result: totalMargin === 0 ? "" : keyMargin / totalMargin, format: "0.0%", style: "output" },
    ]);
  }
  r++;
  s.set(r, 0, {
    formula: `=IF(ISERROR(${keyCountCell}),"",IF(${keyCountCell}>${rows},${keyCountCell}-${rows}&" more key accounts are not shown: build again, or see ${m.names.scoring.replace(/"/g, '""')}.",""))`,
    result: "",
    style: "note",
  });
  r++;
  s.set(r, 0, { value: "How to read this: the key accounts by the rule on the scoring sheet; their share is how much of the business rests on them.", style: "note" });

  // Concentration, from the concentration sheet.
  r += 2;
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
    s.row(r, 0, [{ value: label, style: "label" }, { formula: `=${concCell(row)}`, result, format, style: "output" }]);
  }
  r++;
  s.set(r, 0, {
    formula: `=IF(ISNUMBER(${at[CONC.hhiRow]}),"Revenue is "&LOWER(${at[CONC.levelRow]})&" (HHI "&ROUND(${at[CONC.hhiRow]},0)&"): the 5 largest customers hold "&ROUND(${at[cr5Row]}*100,0)&"% of it, and "&${at[CONC.paretoRow]}&" customers make up 80%.","")`,
    result: measurable ? `Revenue is ${level.toLowerCase()} (HHI ${Math.round(hhi)}): the 5 largest customers hold ${Math.round(cr5 * 100)}% of it, and ${pareto} customers make up 80%.` : "",
    style: "note",
  });

  // Worst case: rows of the loss sheet's table by revenue.
  r += 2;
  s.set(r, 0, { value: "Worst case: the largest customers leave", style: "section" });
  r++;
  s.row(r, 0, ["Scenario", "Revenue lost", "% of revenue", ...(m.hasMargin ? ["Margin lost", "% of margin", "Operating profit after"] : [])].map((value) => ({ value, style: "header" as const })));
  for (const k of [1, 3]) {
    if (k > K) continue;
    r++;
    const lr = LOSS.byRevenueTitleRow + 1 + k;
    const t = measurable ? topLoss(revenues, k, margins) : undefined;
    const ref = (c: number) => `=${loss}${a1(lr, c)}`;
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
        { formula: ref(6), result: t ? totalMargin - ml - fixedCosts : "", format: amount },
      );
    }
    s.row(r, 0, cells);
  }
  r++;
  s.set(r, 0, { value: "How to read this: what leaves with the largest customers; fixed costs stay, so profit falls by the margin lost.", style: "note" });

  // Expected loss of the key accounts.
  r += 2;
  if (m.hasMargin && m.hasChurn) {
    const expected = keyIdx.reduce((a, i) => a + (m.customers[i].margin ?? 0) * (m.customers[i].churn ?? 0), 0);
    s.row(r, 0, [
      { value: "Total expected margin loss of the key accounts", style: "label" },
      { formula: ok(`SUM(${lossCol(H.expected)})`), result: expected, format: amount, style: "output" },
    ]);
    r++;
    s.set(r, 0, { value: "How to read this: each key account's margin times its churn probability, added up.", style: "note" });
  } else {
    s.set(r, 0, { value: "Expected loss: add churn-probability and margin columns to the source table to see it.", style: "note" });
  }

  // Customers at or above 10% of revenue, largest first (the loss sheet's helper order).
  r += 2;
  s.set(r, 0, { value: "Customers at or above 10% of revenue", style: "section" });
  r++;
  s.row(r, 0, ["Customer", "Revenue", "Share of revenue"].map((value) => ({ value, style: "header" as const })));
  const disclosed = measurable ? revOrder.filter((i) => revenues[i] / total >= DISCLOSURE_SHARE) : [];
  const countCell = concCell(CONC.disclosureRow);
  const shown = Math.max(disclosed.length, 1);
  for (let k = 1; k <= shown; k++) {
    r++;
    const pos = `MATCH(${k},${lossCol(H.byRevenue)},0)`;
    const guard = (f: string) => `=IF(ISERROR(${countCell}),${countCell},IF(${k}>${countCell},"",${f}))`;
    const i = disclosed[k - 1];
    s.row(r, 0, [
      { formula: guard(`INDEX(${lossCol(H.name)},${pos})`), result: i === undefined ? "" : m.customers[i].name },
      { formula: guard(`INDEX(${lossCol(H.revenue)},${pos})`), result: i === undefined ? "" : revenues[i], format: amount },
      { formula: guard(`INDEX(${lossCol(H.revenue)},${pos})/${totalCell}`), result: i === undefined ? "" : revenues[i] / total, format: "0.0%" },
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
  const printedRows = r + 1;

  // Chart data, below the printed page: it follows the loss and concentration sheets.
  r += 3;
  s.set(r, 0, { value: "Chart data (follows the loss and concentration sheets; not printed)", style: "note" });
  r++;
  const lossData = r;
  s.row(r, 0, ["k", "% of revenue lost", ...(m.hasMargin ? ["% of margin lost"] : [])].map((value) => ({ value, style: "header" as const })));
  const sortedRev = [...revenues].sort((a, b) => b - a);
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
  let cum = 0;
  for (let k = 1; k <= top; k++) {
    r++;
    cum += sortedRev[k - 1] ?? 0;
    s.row(r, 0, [{ value: k }, { formula: `=${concentration}${a1(CONC.chartTitleRow + 1 + k, 2)}`, result: measurable && k <= n ? cum / total : "", format: "0.0%" }]);
  }

  const chartCol = header.length + 1;
  s.charts.push({
    kind: "line",
    title: "Share of revenue and margin lost if the k largest customers leave",
    data: { row: lossData, col: 0, rows: K + 1, cols: 1 },
    series: [
      { name: "% of revenue lost", values: { row: lossData + 1, col: 1, rows: K, cols: 1 } },
      ...(m.hasMargin ? [{ name: "% of margin lost", values: { row: lossData + 1, col: 2, rows: K, cols: 1 } }] : []),
    ],
    anchor: { row: SUMMARY.keyTitleRow, col: chartCol, rows: 16, cols: 8 },
    xTitle: "Largest customers lost (k)",
    yTitle: "Share lost",
  });
  s.charts.push({
    kind: "line",
    title: "Pareto: cumulative share of revenue of the largest customers",
    data: { row: paretoData, col: 0, rows: top + 1, cols: 1 },
    series: [{ name: "Cumulative share of revenue", values: { row: paretoData + 1, col: 1, rows: top, cols: 1 } }],
    anchor: { row: SUMMARY.keyTitleRow + 17, col: chartCol, rows: 16, cols: 8 },
    xTitle: "Largest customers (k)",
    yTitle: "Cumulative share",
  });
  s.printRows = Math.max(printedRows, SUMMARY.keyTitleRow + 33);
  s.onePage = true;
  return s;
}
