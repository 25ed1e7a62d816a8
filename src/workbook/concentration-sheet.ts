/**
 * Builds the concentration sheet: concentration ratios, HHI, Gini, Pareto and ABC classes of
 * revenue, with a per-customer helper block and a Pareto chart.
 */
import * as conc from "../core/concentration";
import { SHARE_TOLERANCE } from "../core/numeric";
import { a1 } from "./plan";
import { SheetBuilder } from "./sheet-builder";
import { checkRefs, DISCLOSURE_SHARE, type Model, noteExcluded } from "./model";

/** Layout of the concentration sheet. */
export const CONC = {
  totalRow: 3,
  countRow: 4,
  cr: [
    [5, 1],
    [6, 5],
    [7, 10],
    [8, 20],
  ] as [number, number][],
  hhiRow: 9,
  levelRow: 10,
  effectiveRow: 11,
  giniRow: 12,
  paretoShareRow: 13,
  paretoRow: 14,
  aRow: 15,
  bRow: 16,
  countARow: 17,
  countBRow: 18,
  countCRow: 19,
  disclosureRow: 20,
  chartTitleRow: 23,
} as const;

export function buildConcentration(m: Model): SheetBuilder {
  const s = new SheetBuilder(m.names.concentration);
  const C = CONC;
  const n = m.customers.length;
  s.set(0, 0, { value: "Revenue concentration", style: "title" });
  s.set(1, 0, { value: "How much of revenue rests on a few customers. Inputs in yellow can be changed.", style: "subtitle" });
  noteExcluded(s, m);
  const rev = m.range(m.col("revenue"));
  const B = (row: number) => a1(row, 1, true);
  const total = B(C.totalRow);
  const count = B(C.countRow);
  const { problems } = checkRefs(m, false);
  // No figure without revenue to share: all revenue 0 (or none) is an error, not 0 or 100%.
  const some = (f: string) => `=IF(${total}<=0,NA(),${f})`;
  // Per-customer helper: one row per row of the scoring ranges (table and spare rows), read by
  // position (INDEX), so it follows sorts, inserts and deletes on the scoring sheet. Each row
  // needs only counts over the whole column with a fixed range (revenue of larger customers,
  // how many are larger, how many are equal), no order of the rows: the same work fresh and
  // after any edit.
  const hCol = 4;
  const hFirst = C.totalRow + 1;
  const H = m.end - m.first + 1;
  const hLast = hFirst + H - 1;
  const h = { name: hCol, rev: hCol + 1, share: hCol + 2, larger: hCol + 3, count: hCol + 4, cls: hCol + 5 };
  const hAbs = (c: number) => `${a1(hFirst, c, true)}:${a1(hLast, c, true)}`;
  s.labelled(C.totalRow, "Total revenue", { formula: `=IF(${problems}>0,NA(),SUM(${rev}))`, format: "#,##0", style: "output" });
  s.labelled(C.countRow, "Customers", { formula: `=IF(${problems}>0,NA(),COUNT(${rev}))`, style: "output" });
  for (const [row, k] of C.cr) {
    const ks = Array.from({ length: k }, (_, i) => i + 1).join(",");
    s.labelled(row, `Top ${k} share (CR${k})`, { formula: some(`IF(${count}<=${k},1,SUMPRODUCT(LARGE(${rev},{${ks}}))/${total})`), format: "0.0%", style: "output" });
  }
  const t = conc.HHI_THRESHOLDS["2023"];
  s.labelled(C.hhiRow, "HHI (0–10,000)", { formula: some(`SUMSQ(${rev})/${total}^2*10000`), format: "#,##0", style: "output" });
  s.labelled(
    C.levelRow,
    "HHI level",
    {
      formula: `=IF(ROUND(${B(C.hhiRow)},${conc.HHI_LEVEL_DECIMALS})<${t.moderate},"Unconcentrated",IF(ROUND(${B(C.hhiRow)},${conc.HHI_LEVEL_DECIMALS})<=${t.high},"Moderately concentrated","Highly concentrated"))`,
      style: "output",
    },
    "2023 US Merger Guidelines: above 1,800 highly, 1,000–1,800 moderately concentrated.",
  );
  s.labelled(C.effectiveRow, "Effective number of customers", { formula: `=10000/${B(C.hhiRow)}`, format: "0.0", style: "output" }, "1 / HHI: as many equal customers as this concentration is worth.");
  // Gini = Σᵢⱼ|xᵢ − xⱼ| / (2n Σx) = Σᵢ (Lᵢ − xᵢ·cᵢ) / (n Σx), with Lᵢ the revenue and cᵢ the number
  // of the customers larger than i: the same as R's ineq::Gini, without a rank per customer.
  s.labelled(
    C.giniRow,
    "Gini coefficient",
    { formula: some(`(SUM(${hAbs(h.larger)})-SUMPRODUCT(${hAbs(h.rev)},${hAbs(h.count)}))/(${count}*${total})`), format: "0.000", style: "output" },
    "0 = all customers equal; towards 1 = one customer has everything.",
  );
  s.labelled(C.paretoShareRow, "Pareto share", { value: 0.8, style: "input", format: "0%" });
  // Shares that reach a threshold only up to rounding count as reaching it, as in the core.
  const tol = `-${SHARE_TOLERANCE}`;
  // The Pareto count takes the largest customers while the revenue before them is below the
  // share. Every customer whose larger customers carry less than that share is in a group of
  // equal revenues that starts before it (k of them); only the last such group (revenue x, L
  // before it, q customers) may be cut: its j-th (j = 0, 1, ...) has L + j·x before it, so
  // ⌈(share·total − L)/x⌉ of its q are taken. Four counts in one cell, no order of the rows.
  const P = `((${B(C.paretoShareRow)}${tol})*${total})`;
  const kIn = `COUNTIF(${hAbs(h.larger)},"<"&${P})`;
  const x = `LARGE(${rev},${kIn})`;
  const q = `COUNTIF(${rev},${x})`;
  s.labelled(C.paretoRow, "Customers making up that share", {
    formula: some(`IF(${kIn}=0,0,IF(${x}<=0,${kIn},${kIn}-${q}+MIN(${q},CEILING(MAX(0,(${P}-SUMIF(${rev},">"&${x}))/${x}),1))))`),
    style: "output",
  });
  s.labelled(C.aRow, "ABC: class A below cumulative share", { value: 0.8, style: "input", format: "0%" });
  s.labelled(C.bRow, "ABC: class B below cumulative share", { value: 0.95, style: "input", format: "0%" });
  s.labelled(C.countARow, "A customers", { formula: some(`COUNTIF(${hAbs(h.cls)},"A")`), style: "output" });
  s.labelled(C.countBRow, "B customers", { formula: some(`COUNTIF(${hAbs(h.cls)},"B")`), style: "output" });
  s.labelled(C.countCRow, "C customers", { formula: some(`COUNTIF(${hAbs(h.cls)},"C")`), style: "output" });
  s.labelled(
    C.disclosureRow,
    "Customers at or above 10% of revenue",
    { formula: some(`COUNTIF(${hAbs(h.share)},">="&${DISCLOSURE_SHARE})`), style: "output" },
    "US GAAP (ASC 280) requires disclosing any customer with 10% or more of revenue.",
  );

  s.row(C.totalRow - 1, hCol, [
    { value: "Customer", style: "header" },
    { value: "Revenue", style: "header" },
    { value: "Share", style: "header" },
    { value: "Revenue of larger customers", style: "header" },
    { value: "Larger customers", style: "header" },
    { value: "ABC class", style: "header" },
  ]);
  s.set(C.totalRow - 2, hCol, { value: "Helper, one row per row of the scoring table (do not edit):", style: "note" });
  for (let i = 0; i < H; i++) {
    const r = hFirst + i;
    const p = i + 2; // position in the scoring ranges, which start at the header row
    const R = a1(r, h.rev);
    const L = a1(r, h.larger);
    const has = (f: string) => `=IF(ISNUMBER(${R}),${f},"")`;
    s.row(r, hCol, [
      { formula: `=IF(ROWS(${m.range(0)})<${p},"",INDEX(${m.range(0)},${p})&"")` },
      { formula: `=IF(ROWS(${rev})<${p},"",IF(ISNUMBER(INDEX(${rev},${p})),INDEX(${rev},${p}),""))`, format: "#,##0" },
      { formula: has(`${R}/${total}`), format: "0.0%" },
      { formula: has(`SUMIF(${hAbs(h.rev)},">"&${R})`), format: "#,##0" },
      { formula: has(`COUNTIF(${hAbs(h.rev)},">"&${R})`) },
      // Equal revenues share the class of the first of them: the class follows the larger customers only.
      { formula: has(`IF(${L}/${total}<${B(C.aRow)}${tol},"A",IF(${L}/${total}<${B(C.bRow)}${tol},"B","C"))`) },
    ]);
  }
  // Pareto chart data: the 20 largest customers and the cumulative share they carry.
  const top = Math.min(20, Math.max(n, 1));
  s.set(C.chartTitleRow, 0, { value: `Pareto: the ${top} largest customers`, style: "section" });
  s.row(C.chartTitleRow + 1, 0, [
    { value: "k", style: "header" },
    { value: "Revenue", style: "header" },
    { value: "Cumulative share", style: "header" },
  ]);
  for (let k = 1; k <= top; k++) {
    const r = C.chartTitleRow + 1 + k;
    s.row(r, 0, [
      { value: k },
      { formula: `=IF(${a1(r, 0)}>${count},"",LARGE(${rev},${a1(r, 0)}))`, format: "#,##0" },
      { formula: `=IF(${a1(r, 1)}="","",SUM(${a1(C.chartTitleRow + 2, 1, true)}:${a1(r, 1)})/${total})`, format: "0.0%" },
    ]);
  }
  s.charts.push({
    kind: "line",
    title: "Pareto: cumulative share of revenue of the largest customers",
    data: { row: C.chartTitleRow + 1, col: 0, rows: top + 1, cols: 1 },
    series: [{ name: "Cumulative share", values: { row: C.chartTitleRow + 2, col: 2, rows: top, cols: 1 } }],
    anchor: { row: C.chartTitleRow + 1, col: hCol + 10, rows: 14, cols: 7 },
    xTitle: "Largest customers (k)",
    yTitle: "Cumulative share of revenue",
  });
  s.columnWidths = [36, 14, 40, 3, 28, 14, 10, 14, 12, 14, 10, 10, 10];
  return s;
}
