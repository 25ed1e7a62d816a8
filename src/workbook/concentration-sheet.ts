/**
 * Builds the concentration sheet: concentration ratios, HHI, Gini, Pareto and ABC classes of
 * revenue, with a per-customer helper block and a Pareto chart.
 */
import * as conc from "../core/concentration";
import { ABC_A_SHARE, ABC_B_SHARE, CR_SIZES, HHI_LEVEL_DECIMALS, HHI_POINTS, PARETO_SHARE, SHARE_TOLERANCE } from "../core/defaults";
import { a1, sheetRef } from "./plan";
import { SheetBuilder } from "./sheet-builder";
import { DISCLOSURE_SHARE, type Model, noteExcluded } from "./model";

/** Layout of the concentration sheet. */
export const CONC = {
  totalRow: 3,
  countRow: 4,
  cr: CR_SIZES.map((k, i) => [5 + i, k]) as [number, number][],
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
  // per-customer helper block
  const hCol = 4;
  const hFirst = C.totalRow + 1;
  const hLast = hFirst + Math.max(n, 1) - 1;
  const h = { name: hCol, rev: hCol + 1, share: hCol + 2, before: hCol + 3, beforeShare: hCol + 4, larger: hCol + 5, cls: hCol + 6, count: hCol + 7, ties: hCol + 8 };
  const hAbs = (c: number) => `${a1(hFirst, c, true)}:${a1(hLast, c, true)}`;
  s.labelled(C.totalRow, "Total revenue", { formula: `=SUM(${rev})`, format: "#,##0", style: "output" });
  s.labelled(C.countRow, "Customers", { formula: `=COUNT(${rev})`, style: "output" });
  for (const [row, k] of C.cr) {
    const ks = Array.from({ length: k }, (_, i) => i + 1).join(",");
    s.labelled(row, `Top ${k} share (CR${k})`, { formula: `=IF(${count}<=${k},1,SUMPRODUCT(LARGE(${rev},{${ks}}))/${total})`, format: "0.0%", style: "output" });
  }
  const t = conc.HHI_THRESHOLDS["2023"];
  s.labelled(C.hhiRow, "HHI (0–10,000)", { formula: `=SUMPRODUCT((${rev}/${total})^2)*${HHI_POINTS}`, format: "#,##0", style: "output" });
  s.labelled(
    C.levelRow,
    "HHI level",
    {
      formula: `=IF(ROUND(${B(C.hhiRow)},${HHI_LEVEL_DECIMALS})<${t.moderate},"Unconcentrated",IF(ROUND(${B(C.hhiRow)},${HHI_LEVEL_DECIMALS})<=${t.high},"Moderately concentrated","Highly concentrated"))`,
      style: "output",
    },
    "2023 US Merger Guidelines: above 1,800 highly, 1,000–1,800 moderately concentrated.",
  );
  s.labelled(C.effectiveRow, "Effective number of customers", { formula: `=${HHI_POINTS}/${B(C.hhiRow)}`, format: "0.0", style: "output" }, "1 / HHI: as many equal customers as this concentration is worth.");
  // Gini = Σᵢⱼ|xᵢ − xⱼ| / (2n Σx) = Σᵢ (Lᵢ − xᵢ·cᵢ) / (n Σx), with Lᵢ the revenue and cᵢ the number
  // of the customers larger than i: the same as R's ineq::Gini, without a rank per customer.
  s.labelled(
    C.giniRow,
    "Gini coefficient",
    { formula: `=(SUM(${hAbs(h.larger)})-SUMPRODUCT(${hAbs(h.rev)},${hAbs(h.count)}))/(${count}*${total})`, format: "0.000", style: "output" },
    "0 = all customers equal; towards 1 = one customer has everything.",
  );
  s.labelled(C.paretoShareRow, "Pareto share", { value: PARETO_SHARE, style: "input", format: "0%" });
  // Shares that reach a threshold only up to rounding count as reaching it, as in the core.
  const tol = `-${SHARE_TOLERANCE}`;
  s.labelled(C.paretoRow, "Customers making up that share", { formula: `=COUNTIF(${hAbs(h.beforeShare)},"<"&(${B(C.paretoShareRow)}${tol}))`, style: "output" });
  s.labelled(C.aRow, "ABC: class A below cumulative share", { value: ABC_A_SHARE, style: "input", format: "0%" });
  s.labelled(C.bRow, "ABC: class B below cumulative share", { value: ABC_B_SHARE, style: "input", format: "0%" });
  s.labelled(C.countARow, "A customers", { formula: `=COUNTIF(${hAbs(h.cls)},"A")`, style: "output" });
  s.labelled(C.countBRow, "B customers", { formula: `=COUNTIF(${hAbs(h.cls)},"B")`, style: "output" });
  s.labelled(C.countCRow, "C customers", { formula: `=COUNTIF(${hAbs(h.cls)},"C")`, style: "output" });
  s.labelled(
    C.disclosureRow,
    `Customers at or above ${DISCLOSURE_SHARE * 100}% of revenue`,
    { formula: `=COUNTIF(${hAbs(h.share)},">="&(${DISCLOSURE_SHARE}${tol}))`, style: "output" },
    "US GAAP (ASC 280) requires disclosing any customer with 10% or more of revenue.",
  );

  // Per-customer helper, largest revenue first as at the build (ties in table order). While the
  // revenues are still in that order, each row follows from the row above in O(1): revenue
  // before it, revenue of strictly larger customers, how many are larger. Once an edit on the
  // scoring sheet changes the order, every row counts over all customers instead (SUMIF and
  // COUNTIF), so the figures stay right. Excel and LibreOffice evaluate only the IF branch taken.
  s.row(C.totalRow - 1, hCol, [
    { value: "Customer", style: "header" },
    { value: "Revenue", style: "header" },
    { value: "Share", style: "header" },
    { value: "Revenue before", style: "header" },
    { value: "Cumulative share before", style: "header" },
    { value: "Revenue of larger customers", style: "header" },
    { value: "ABC class", style: "header" },
    { value: "Larger customers", style: "header" },
    { value: "Equal customers above", style: "header" },
  ]);
  const inOrder = a1(C.totalRow - 2, hCol + 1, true);
  s.set(C.totalRow - 2, hCol, { value: "Largest first, as built:", style: "note" });
  s.set(C.totalRow - 2, hCol + 1, { formula: n >= 2 ? `=SUMPRODUCT((${a1(hFirst + 1, h.rev, true)}:${a1(hLast, h.rev, true)}>${a1(hFirst, h.rev, true)}:${a1(hLast - 1, h.rev, true)})*1)=0` : "=TRUE()", style: "note" });
  const scoring = sheetRef(m.names.scoring);
  const revenueCol = m.col("revenue");
  const order = m.customers.map((_, i) => i).sort((i, j) => m.customers[j].revenue - m.customers[i].revenue || i - j);
  order.forEach((src, i) => {
    const r = hFirst + i;
    const R = a1(r, h.rev);
    const P = a1(r, h.before);
    const T = a1(r, h.ties);
    const above = (c: number) => a1(r - 1, c);
    const larger = `SUMIF(${hAbs(h.rev)},">"&${R})`;
    const tiesAbove = i === 0 ? "" : `+${R}*COUNTIF(${a1(hFirst, h.rev, true)}:${above(h.rev)},${R})`;
    s.row(r, hCol, [
      { formula: `=${scoring}${a1(m.first + src, 0)}` },
      { formula: `=${scoring}${a1(m.first + src, revenueCol)}`, format: "#,##0" },
      { formula: `=${R}/${total}`, format: "0.0%" },
      { formula: `=IF(${inOrder},${i === 0 ? 0 : `${above(h.before)}+${above(h.rev)}`},${larger}${tiesAbove})`, format: "#,##0" },
      { formula: `=${P}/${total}`, format: "0.0%" },
      { formula: `=IF(${inOrder},${P}-${R}*${T},${larger})`, format: "#,##0" },
      // Equal revenues share the class of the first of them: the class follows the larger customers only.
      { formula: `=IF(${a1(r, h.larger)}/${total}<${B(C.aRow)}${tol},"A",IF(${a1(r, h.larger)}/${total}<${B(C.bRow)}${tol},"B","C"))` },
      // (ROW() − ROW(first): the customers above this one, the same formula in every row, and
      // still right if the user inserts rows above the helper.)
      { formula: `=IF(${inOrder},ROW()-ROW(${a1(hFirst, h.count, true)})-${T},COUNTIF(${hAbs(h.rev)},">"&${R}))` },
      { formula: i === 0 ? "=0" : `=IF(${R}=${above(h.rev)},${above(h.ties)}+1,0)` },
    ]);
  });
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
