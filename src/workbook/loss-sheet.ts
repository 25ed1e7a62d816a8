/**
 * Builds the loss-scenario sheet: what revenue, margin and profit are lost if the k largest
 * customers (or the key accounts) leave.
 */
import { a1, type CellPlan, sheetRef } from "./plan";
import { SheetBuilder } from "./sheet-builder";
import { checkRefs, KEY_LABEL, KEY_TABLE_ROWS, type Model, noteExcluded } from "./model";
import { SCORING } from "./scoring-sheet";

/** Layout of the loss-scenario sheet. */
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
} as const;

export const LOSS_HEADER = [
  "k",
  "Customer lost at step k",
  "Revenue lost",
  "% of revenue",
  "Margin lost",
  "% of margin",
  "Operating profit after loss",
  "Break-even revenue after loss",
  "Margin of safety after loss",
  "Margin lost while replacing",
];

export function buildLoss(m: Model, K: number, fixedCosts: number, months: number, keyCount: number): SheetBuilder {
  const s = new SheetBuilder(m.names.loss);
  const L = LOSS;
  const n = m.customers.length;
  s.set(0, 0, { value: "Loss scenarios: what if key accounts leave?", style: "title" });
  s.set(1, 0, {
    value: m.hasMargin
      ? "Worst case of size k: the k largest customers leave. Fixed costs stay, so profit falls by the margin that leaves."
      : "Worst case of size k: the k largest customers leave. Add a margin or cost column to the source table to see margin and profit.",
    style: "subtitle",
  });
  noteExcluded(s, m);
  s.labelled(L.fixedRow, "Annual fixed costs", { value: fixedCosts, style: "input", format: "#,##0" });
  s.labelled(L.monthsRow, "Months to replace lost revenue", { value: months, style: "input" }, "Replacing a large account typically takes 12–24 months.");
  const sc = (col: number) => m.range(col);
  const rev = sc(m.col("revenue"));
  // Every figure here needs all customers: an error while the scoring sheet flags a customer
  // not counted or a number stored as text (row 3 says which).
  const { problems } = checkRefs(m, false);
  const ok = (f: string) => `=IF(${problems}>0,NA(),${f})`;
  s.labelled(L.revenueRow, "Total revenue", { formula: ok(`SUM(${rev})`), format: "#,##0", style: "output" });
  const B = (row: number) => a1(row, 1, true);
  if (m.hasMargin) {
    s.labelled(L.marginRow, "Total margin (contribution)", { formula: ok(`SUMIF(${rev},"<>",${sc(m.col("margin"))})`), format: "#,##0", style: "output" });
    s.labelled(L.profitRow, "Operating profit today", { formula: `=${B(L.marginRow)}-${B(L.fixedRow)}`, format: "#,##0", style: "output" });
    s.labelled(L.breakEvenRow, "Break-even revenue today", {
      formula: `=IF(OR(${B(L.revenueRow)}<=0,${B(L.marginRow)}<=0),"not reachable",${B(L.fixedRow)}/(${B(L.marginRow)}/${B(L.revenueRow)}))`,
      format: "#,##0",
      style: "output",
    });
    s.labelled(L.safetyRow, "Margin of safety today", {
      formula: `=IF(ISTEXT(${B(L.breakEvenRow)}),"",(${B(L.revenueRow)}-${B(L.breakEvenRow)})/${B(L.revenueRow)})`,
      format: "0.0%",
      style: "output",
    });
  }
  s.labelled(L.countRow, "Customers", { formula: ok(`COUNT(${rev})`), style: "output" });

  // Helper block: each customer's place in the two loss orders (largest first; ties by the other
  // measure, then by position), so the tables below follow the data when it changes. Only the
  // T largest get a place (the tables show no more): one LARGE per order finds the smallest of
  // them, and every other customer's cell is a comparison, not a count over all customers.
  const keyRows = Math.min(Math.max(keyCount, KEY_TABLE_ROWS), Math.max(n, 1));
  const T = Math.max(K, keyRows);
  const helperCol = LOSS_HEADER.length + 1;
  const hFirst = L.byRevenueTitleRow + 1;
  // One helper row per row of the scoring ranges (table and spare rows), by position in them
  // (INDEX), not by cell: rows sorted, inserted or deleted on the scoring sheet stay covered.
  const H = m.end - m.first + 1;
  const hLast = hFirst + H - 1;
  const hc = { name: helperCol, rev: helperCol + 1, margin: helperCol + 2, byRev: helperCol + 3, byMargin: helperCol + 4, churn: helperCol + 5, rank: helperCol + 6, key: helperCol + 7, expected: helperCol + 8 };
  const hAbs = (c: number) => `${a1(hFirst, c, true)}:${a1(hLast, c, true)}`;
  const threshold = (c: number) => a1(L.byRevenueTitleRow - 1, c, true);
  s.set(L.byRevenueTitleRow - 1, helperCol, { value: `Helper: order of loss of the ${T} largest (do not edit)`, style: "note" });
  if (n > 0) {
    s.set(L.byRevenueTitleRow - 1, hc.byRev, { formula: ok(`LARGE(${hAbs(hc.rev)},MIN(${T},COUNT(${hAbs(hc.rev)})))`), format: "#,##0", style: "note" });
    if (m.hasMargin) s.set(L.byRevenueTitleRow - 1, hc.byMargin, { formula: ok(`LARGE(${hAbs(hc.margin)},MIN(${T},COUNT(${hAbs(hc.margin)})))`), format: "#,##0", style: "note" });
  }
  s.row(L.byRevenueTitleRow, helperCol, [
    { value: "Customer", style: "header" },
    { value: "Revenue", style: "header" },
    { value: "Margin", style: "header" },
    { value: "Order by revenue", style: "header" },
    { value: "Order by margin", style: "header" },
    { value: "Churn", style: "header" },
    { value: "Rank", style: "header" },
    { value: "Key account", style: "header" },
    { value: "Expected margin loss", style: "header" },
  ]);
  for (let i = 0; i < H; i++) {
    const r = hFirst + i;
    const p = i + 2; // position in the scoring ranges, which start at the header row
    const at = (col: number) => `INDEX(${sc(col)},${p})`;
    const pick = (col: number, blank: string) => `=IF(ROWS(${sc(col)})<${p},"",IF(ISNUMBER(${at(col)}),${at(col)},${blank}))`;
    const R = a1(r, hc.rev);
    const M = a1(r, hc.margin);
    const above = (c: number) => `${a1(hFirst, c, true)}:${a1(r - 1, c)}`;
    const order = (key: string, keyCol: number, other: string, otherCol: number) => {
      const tie = m.hasMargin ? `+COUNTIFS(${hAbs(keyCol)},${key},${hAbs(otherCol)},">"&${other})` : "";
      const before = i === 0 ? "" : m.hasMargin ? `+COUNTIFS(${above(keyCol)},${key},${above(otherCol)},${other})` : `+COUNTIF(${above(keyCol)},${key})`;
      return `=IF(NOT(ISNUMBER(${key})),"",IF(${key}<${threshold(keyCol === hc.rev ? hc.byRev : hc.byMargin)},"",COUNTIF(${hAbs(keyCol)},">"&${key})${tie}${before}+1))`;
    };
    const Ch = a1(r, hc.churn);
    s.row(r, helperCol, [
      { formula: `=IF(ROWS(${sc(0)})<${p},"",${at(0)}&"")` },
      { formula: pick(m.col("revenue"), '""'), format: "#,##0" },
      // A customer (with revenue) whose margin is blank loses no margin.
      m.hasMargin ? { formula: `=IF(ISNUMBER(${R}),IF(ISNUMBER(${at(m.col("margin"))}),${at(m.col("margin"))},0),"")`, format: "#,##0" } : {},
      { formula: order(R, hc.rev, M, hc.margin) },
      m.hasMargin ? { formula: order(M, hc.margin, R, hc.rev) } : {},
      m.hasChurn ? { formula: pick(m.col("churn"), '""'), format: "0%" } : {},
      { formula: pick(m.col("rank"), '""') },
      { formula: `=IF(ROWS(${sc(0)})<${p},"",${at(m.col("key"))}&"")` },
      m.hasChurn && m.hasMargin ? { formula: `=IF(AND(${a1(r, hc.key)}="${KEY_LABEL}",ISNUMBER(${M}),ISNUMBER(${Ch})),${M}*${Ch},0)`, format: "#,##0" } : {},
    ]);
  }

  const table = (titleRow: number, title: string, orderCol: number): number => {
    s.set(titleRow, 0, { value: title, style: "section" });
    const headerRow = titleRow + 1;
    LOSS_HEADER.forEach((h, i) => s.set(headerRow, i, { value: h, style: "header" }));
    for (let k = 1; k <= K; k++) {
      const r = headerRow + k;
      const A = a1(r, 0);
      const C = a1(r, 2);
      const E = a1(r, 4);
      const H = a1(r, 7);
      const past = `${A}>${B(L.countRow)}`;
      const cells: CellPlan[] = [
        { value: k },
        { formula: `=IF(${past},"",INDEX(${hAbs(hc.name)},MATCH(${A},${hAbs(orderCol)},0)))` },
        { formula: `=IF(${past},"",SUMIF(${hAbs(orderCol)},"<="&${A},${hAbs(hc.rev)}))`, format: "#,##0" },
        { formula: `=IF(${C}="","",${C}/${B(L.revenueRow)})`, format: "0.0%" },
      ];
      if (m.hasMargin) {
        cells.push(
          { formula: `=IF(${past},"",SUMIF(${hAbs(orderCol)},"<="&${A},${hAbs(hc.margin)}))`, format: "#,##0" },
          { formula: `=IF(OR(${E}="",${B(L.marginRow)}=0),"",${E}/${B(L.marginRow)})`, format: "0.0%" },
          { formula: `=IF(${E}="","",${B(L.marginRow)}-${E}-${B(L.fixedRow)})`, format: "#,##0" },
          {
            formula: `=IF(${E}="","",IF(OR(${B(L.revenueRow)}-${C}<=0,${B(L.marginRow)}-${E}<=0),"not reachable",${B(L.fixedRow)}/((${B(L.marginRow)}-${E})/(${B(L.revenueRow)}-${C}))))`,
            format: "#,##0",
          },
          { formula: `=IF(ISTEXT(${H}),"",((${B(L.revenueRow)}-${C})-${H})/(${B(L.revenueRow)}-${C}))`, format: "0.0%" },
          { formula: `=IF(${E}="","",${E}*${B(L.monthsRow)}/12)`, format: "#,##0" },
        );
      }
      s.row(r, 0, cells);
    }
    return headerRow + K + 1;
  };
  let next = table(L.byRevenueTitleRow, "Worst case by revenue: the k largest customers by revenue leave", hc.byRev);
  const revTable = { headerRow: L.byRevenueTitleRow + 1 };
  if (m.hasMargin) next = table(next + 1, "Worst case by margin: the k customers with the largest margin leave", hc.byMargin);

  // Key accounts and, with a churn column, their expected loss. Under the top-N and cut-off
  // rules the key accounts are the best ranked by score; under the revenue-share rule they are
  // the largest by revenue. Either way the k-th is found by a unique order, so each row is one
  // MATCH. Room is left for more key accounts than today (the rule can be changed on the sheet).
  const kaTitle = next + 1;
  const byRevenue = m.input.keyRule.kind === "share";
  s.set(kaTitle, 0, { value: "Key accounts", style: "section" });
  const kaHeader = [byRevenue ? "By revenue" : "Rank", "Customer", "Revenue", "% of revenue", "Margin", "Churn probability", "Expected margin loss"];
  kaHeader.forEach((h, i) => s.set(kaTitle + 1, i, { value: h, style: "header" }));
  const orderRange = hAbs(byRevenue ? hc.byRev : hc.rank);
  const keyRange = hAbs(hc.key);
  const keyCountCell = `${sheetRef(m.names.scoring)}${a1(SCORING.keyCountRow, 1, true)}`;
  for (let k = 1; k <= keyRows; k++) {
    const r = kaTitle + 1 + k;
    const A = a1(r, 0);
    const pos = `MATCH(${A},${orderRange},0)`;
    const guard = (f: string) => `=IF(${problems}>0,NA(),IF(ISNUMBER(${pos}),IF(INDEX(${keyRange},${pos})="${KEY_LABEL}",${f},""),""))`;
    // The helper holds "" for a blank cell (INDEX of a blank is 0 in Excel but empty elsewhere).
    const blankOr = (col: number) => `INDEX(${hAbs(col)},${pos})`;
    const cells: CellPlan[] = [
      { value: k },
      { formula: guard(`INDEX(${hAbs(hc.name)},${pos})`) },
      { formula: guard(`INDEX(${hAbs(hc.rev)},${pos})`), format: "#,##0" },
      { formula: guard(`INDEX(${hAbs(hc.rev)},${pos})/${B(L.revenueRow)}`), format: "0.0%" },
      m.hasMargin ? { formula: guard(`IF(INDEX(${sc(m.col("margin"))},${pos}+1)="","",${blankOr(hc.margin)})`), format: "#,##0" } : {},
      m.hasChurn ? { formula: guard(blankOr(hc.churn)), format: "0%" } : {},
      m.hasChurn && m.hasMargin ? { formula: `=IF(OR(${a1(r, 4)}="",${a1(r, 5)}=""),"",${a1(r, 4)}*${a1(r, 5)})`, format: "#,##0" } : {},
    ];
    s.row(r, 0, cells);
  }
  const after = kaTitle + 2 + keyRows;
  if (m.hasChurn && m.hasMargin) {
    // Over all key accounts (helper column), not over the rows listed above.
    s.set(after, 1, { value: "Total expected loss of the key accounts", style: "label" });
    s.set(after, 6, { formula: ok(`SUM(${hAbs(hc.expected)})`), format: "#,##0", style: "output" });
  } else {
    const missing = m.hasChurn ? "a margin or cost column" : m.hasMargin ? "a churn-probability column" : "churn-probability and margin columns";
    s.set(after, 0, { value: `Add ${missing} to the source table to see the expected loss.`, style: "note" });
  }
  s.set(after + 1, 0, {
    formula: `=IF(ISERROR(${keyCountCell}),"",IF(${keyCountCell}>${keyRows},"The scoring sheet now names "&${keyCountCell}&" key accounts; "&(${keyCountCell}-${keyRows})&" are not shown here (this table lists the first ${keyRows}; the total above counts them all). Build again to list them all.",""))`,
    style: "warning",
  });
  s.charts.push({
    kind: "line",
    title: "Cumulative revenue lost if the k largest customers leave",
    data: { row: revTable.headerRow, col: 0, rows: K + 1, cols: 1 },
    series: [{ name: "Revenue lost", values: { row: revTable.headerRow + 1, col: 2, rows: K, cols: 1 } }],
    anchor: { row: L.fixedRow, col: 4, rows: 9, cols: 6 },
    xTitle: "Customers lost (k)",
    yTitle: "Revenue lost",
  });
  s.columnWidths = [8, 28, 14, 11, 14, 11, 16, 16, 14, 16, 3, 28, 14, 14, 10, 10];
  s.freeze = { rows: 2, cols: 0 };
  return s;
}
