/**
 * Builds the scoring sheet: criteria, weights and scaling stats above a table of customers with
 * their 1–10 scores, weighted score, rank and key-account flag (all live formulas).
 */
import type { Direction, ScaleMethod } from "../core/scoring";
import type { Customer } from "./customers";
import { a1, type CellPlan, columnLetter } from "./plan";
import { previousScoreFormula, rankChangeFormula, reviewRefs, keyThenFormula, trendCellFormula } from "./review-columns";
import { SheetBuilder } from "./sheet-builder";
import { clvFormula } from "./clv-column";
import { clean, type CriterionSpec, DEFAULT_CLV_DISCOUNT, KEY_LABEL, type KeyRule, type Model, noteExcluded, SCALE_HIGH, SCALE_LOW, TOTAL_DECIMALS } from "./model";

/** Layout constants of the scoring sheet, shared with `readPreviousInputs`. */
export const SCORING = {
  ruleRow: 3,
  totalRevenueRow: 4,
  keyCountRow: 5,
  /** The Lifetime value column's discount rate (when the sheet has that column). */
  discountRow: 6,
  criterionRow: 7,
  weightRow: 8,
  weightPctRow: 9,
  directionRow: 10,
  methodRow: 11,
  minRow: 12,
  maxRow: 13,
  meanRow: 14,
  sdRow: 15,
  countRow: 16,
  headerRow: 18,
} as const;

/** Label of the Lifetime value column's discount rate (read back by `readPreviousInputs`). */
export const DISCOUNT_LABEL = "Discount rate for lifetime value";

/** Header of the block listing manual scores of customers no longer in the table. */
export const ORPHAN_HEADER = ["Customer", "Criterion", "Score"] as const;

/** How the scaling of a data criterion is named on the scoring sheet (read back by `readPreviousInputs`). */
export const METHOD_LABEL: Record<ScaleMethod, string> = { minmax: "min-max", percentile: "percentile", zscore: "z-score" };

/** The label written beside the rule's value on the scoring sheet, by rule kind (read back by `readPreviousInputs`). */
export const RULE_LABELS: Record<KeyRule["kind"], string> = {
  top: "Key accounts: top N by weighted score, N =",
  cutoff: "Key accounts: weighted score at least",
  share: "Key accounts: share of revenue at least",
};

export function ruleText(rule: KeyRule): { label: string; value: number; format?: string } {
  const label = RULE_LABELS[rule.kind];
  if (rule.kind === "top") return { label, value: rule.n };
  if (rule.kind === "cutoff") return { label, value: rule.score, format: "0.00" };
  return { label, value: rule.threshold, format: "0.0%" };
}

export function buildScoring(m: Model, manual: (c: Customer, label: string) => number | undefined, weights: number[], directions: Direction[], ruleValue: number, orphans: [string, string, number][]): SheetBuilder {
  const { input, customers, columns, first, last, scoreCols } = m;
  const s = new SheetBuilder(m.names.scoring);
  const S = SCORING;
  s.set(0, 0, { value: "Key account scoring", style: "title" });
  s.set(1, 0, {
    value: `${customers.length} customers from ${input.table.sheetName}${input.builtOn ? `, built ${input.builtOn}` : ""}. Change weights, directions, manual scores or raw values: scores, ranks and key accounts update by themselves.`,
    style: "subtitle",
  });
  noteExcluded(s, m);
  const rule = ruleText(input.keyRule);
  s.set(S.ruleRow, 0, { value: rule.label, style: "label" });
  s.set(S.ruleRow, 1, { value: ruleValue, style: "input", format: rule.format });
  if (input.keyRule.kind === "top" && (ruleValue < 5 || ruleValue > 25)) {
    s.set(S.ruleRow, 2, { value: "Note: practice is 5 to 25 key accounts.", style: "note" });
  }
  const revCol = m.col("revenue");
  const keyCol = m.col("key");
  s.labelled(S.totalRevenueRow, "Total revenue", { formula: `=SUM(${a1(first, revCol, true)}:${a1(last, revCol, true)})`, format: "#,##0", style: "output" });
  if (m.col("clv") >= 0) {
    s.labelled(S.discountRow, DISCOUNT_LABEL, { value: input.clvDiscount ?? DEFAULT_CLV_DISCOUNT, style: "input", format: "0.0%" }, "Lifetime value = margin × (1 − churn) / (discount + churn)");
  }
  s.labelled(S.keyCountRow, "Key accounts", { formula: `=COUNTIF(${a1(first, keyCol, true)}:${a1(last, keyCol, true)},"${KEY_LABEL}")`, style: "output" });

  for (const [r, label] of [
    [S.criterionRow, "Criterion"],
    [S.weightRow, "Weight"],
    [S.weightPctRow, "Weight, % of total"],
    [S.directionRow, "Direction (benefit / cost)"],
    [S.methodRow, "Scaling"],
    [S.minRow, "Min"],
    [S.maxRow, "Max"],
    [S.meanRow, "Mean"],
    [S.sdRow, "σ (population)"],
    [S.countRow, "Values"],
  ] as [number, string][]) {
    s.set(r, 0, { value: label, style: "label" });
  }
  // The statistics rows feed the scores but need no attention: hidden, so that the frozen rows
  // above the customer table leave room for customers on a laptop screen.
  s.hiddenRows.push({ row: S.minRow, rows: S.countRow - S.minRow + 1 });
  s.set(S.countRow + 1, 0, { value: `Rows ${S.minRow + 1}–${S.countRow + 1} (hidden) hold the min, max, mean, σ and count the scores use.`, style: "note" });
  const wFirst = scoreCols[0];
  const wLast = scoreCols[scoreCols.length - 1];
  const weightsAbs = `${a1(S.weightRow, wFirst, true)}:${a1(S.weightRow, wLast, true)}`;
  input.criteria.forEach((c, j) => {
    const sc = scoreCols[j];
    s.set(S.criterionRow, sc, { value: c.label, style: "header" });
    s.set(S.weightRow, sc, { value: weights[j], style: "input" });
    s.set(S.weightPctRow, sc, { formula: `=IF(SUM(${weightsAbs})=0,"",${a1(S.weightRow, sc)}/SUM(${weightsAbs}))`, format: "0.0%", style: "output" });
    if (c.kind === "data") {
      const raw = columns[sc].source!;
      const rawRange = `${a1(first, raw, true)}:${a1(last, raw, true)}`;
      s.set(S.directionRow, sc, { value: directions[j], style: "input" });
      s.set(S.methodRow, sc, { value: METHOD_LABEL[c.method], style: "note" });
      s.set(S.minRow, sc, { formula: `=MIN(${rawRange})`, style: "output" });
      s.set(S.maxRow, sc, { formula: `=MAX(${rawRange})`, style: "output" });
      s.set(S.meanRow, sc, { formula: `=IF(COUNT(${rawRange})=0,"",AVERAGE(${rawRange}))`, style: "output" });
      s.set(S.sdRow, sc, { formula: `=IF(COUNT(${rawRange})=0,"",STDEVP(${rawRange}))`, style: "output" });
      s.set(S.countRow, sc, { formula: `=COUNT(${rawRange})`, style: "output" });
    } else {
      s.set(S.directionRow, sc, { value: "typed", style: "note" });
      s.set(S.methodRow, sc, { value: "typed 1–10", style: "note" });
    }
  });

  columns.forEach((c, i) => s.set(S.headerRow, i, { value: c.header, style: "header" }));
  const totalCol = m.col("total");
  const rankCol = m.col("rank");
  const shareCol = m.col("share");
  const totalsAbs = `${a1(first, totalCol, true)}:${a1(last, totalCol, true)}`;
  const review = m.historySheet ? reviewRefs(m.names.portfolio, m.historySheet) : undefined;
  customers.forEach((cu, i) => {
    const r = first + i;
    columns.forEach((c, k) => {
      let cell: CellPlan;
      switch (c.kind) {
        case "name":
          cell = { value: cu.name };
          break;
        case "revenue":
          cell = { value: clean(cu.revenue), format: "#,##0" };
          break;
        case "share":
          cell = { formula: `=IF(ISNUMBER(${a1(r, revCol)}),${a1(r, revCol)}/${a1(S.totalRevenueRow, 1, true)},"")`, format: "0.0%" };
          break;
        case "margin":
          cell = cu.margin === undefined ? {} : { value: clean(cu.margin), format: "#,##0" };
          break;
        case "churn":
          cell = cu.churn === undefined ? {} : { value: cu.churn, format: "0%" };
          break;
        case "clv":
          cell = { formula: clvFormula(a1(r, m.col("margin")), a1(r, m.col("churn")), a1(S.discountRow, 1, true)), format: "#,##0" };
          break;
        case "text": {
          const v = input.table.rows[cu.sourceRow][c.source!];
          cell = v === null || v === undefined || v === "" ? {} : { value: String(v) };
          break;
        }
        case "raw": {
          const v = cu.numbers[c.source!];
          cell = v === null ? {} : { value: clean(v) };
          break;
        }
        case "score":
          cell = { formula: scoreFormula(input.criteria[c.criterion!], r, c.source!, k, first, last), format: "0.0" };
          break;
        case "manual": {
          const v = manual(cu, input.criteria[c.criterion!].label);
          cell = v === undefined ? { style: "input" } : { value: v, style: "input" };
          break;
        }
        case "total": {
          const row = `${a1(r, wFirst)}:${a1(r, wLast)}`;
          cell = { formula: `=IF(COUNT(${row})=0,"",ROUND(SUMPRODUCT(${weightsAbs},${row})/SUMPRODUCT(${weightsAbs}*(${row}<>"")),${TOTAL_DECIMALS}))`, format: "0.00" };
          break;
        }
        case "rank": {
          const t = a1(r, totalCol);
          const ties = i === 0 ? "" : `+COUNTIF(${a1(first, totalCol, true)}:${a1(r - 1, totalCol)},${t})`;
          cell = { formula: `=IF(ISNUMBER(${t}),COUNTIF(${totalsAbs},">"&${t})${ties}+1,"")` };
          break;
        }
        case "key":
          cell = { formula: keyFormula(input.keyRule, r, totalCol, rankCol, shareCol) };
          break;
        case "previous":
          cell = { formula: previousScoreFormula(review!, a1(r, 0)), format: "0.00" };
          break;
        case "trend":
          cell = { formula: trendCellFormula(review!, a1(r, m.col("previous")), a1(r, totalCol)) };
          break;
        case "rankChange":
          cell = { formula: rankChangeFormula(review!, a1(r, 0), a1(r, m.col("previous")), a1(r, rankCol)), format: "+0;-0;0" };
          break;
        case "keyThen":
          cell = { formula: keyThenFormula(review!, a1(r, 0)) };
          break;
      }
      s.set(r, k, cell);
    });
  });
  if (customers.length > 0) {
    s.tables.push({ name: "KAMScoring", row: S.headerRow, col: 0, rows: customers.length + 1, cols: columns.length });
    s.colorScales.push({ row: first, col: wFirst, rows: customers.length, cols: wLast - wFirst + 1 });
    s.colorScales.push({ row: first, col: totalCol, rows: customers.length, cols: 1 });
  }
  if (orphans.length > 0) {
    const r0 = Math.max(last, first) + 2;
    s.set(r0, 0, { value: "Manual scores from the previous build for customers no longer in the table (kept here, not used):", style: "warning" });
    s.row(r0 + 1, 0, ORPHAN_HEADER.map((value) => ({ value, style: "header" as const })));
    orphans.forEach(([name, label, v], i) => s.row(r0 + 2 + i, 0, [{ value: name }, { value: label }, { value: v }]));
  }
  s.freeze = { rows: S.headerRow + 1, cols: 1 };
  s.columnWidths = columns.map((c) => c.width);
  s.columnWidths[0] = Math.max(28, s.columnWidths[0]);
  return s;
}

/** 1–10 score of a data criterion; the stats rows above the table hold min, max, mean, σ and count. */
function scoreFormula(c: CriterionSpec, r: number, rawCol: number, scoreCol: number, first: number, last: number): string {
  const S = SCORING;
  const x = a1(r, rawCol);
  const stat = (row: number) => `${columnLetter(scoreCol)}$${row + 1}`;
  const rawAbs = `${a1(first, rawCol, true)}:${a1(last, rawCol, true)}`;
  let u: string;
  if (c.method === "minmax") {
    u = `IF(${stat(S.maxRow)}=${stat(S.minRow)},0.5,(${x}-${stat(S.minRow)})/(${stat(S.maxRow)}-${stat(S.minRow)}))`;
  } else if (c.method === "percentile") {
    u = `IF(${stat(S.countRow)}<=1,0.5,(COUNTIF(${rawAbs},"<"&${x})+(COUNTIF(${rawAbs},${x})-1)/2)/(${stat(S.countRow)}-1))`;
  } else {
    u = `IF(${stat(S.sdRow)}=0,0.5,(MAX(-3,MIN(3,(${x}-${stat(S.meanRow)})/${stat(S.sdRow)}))+3)/6)`;
  }
  const span = SCALE_HIGH - SCALE_LOW;
  return `=IF(ISNUMBER(${x}),${SCALE_LOW}+${span}*IF(${stat(S.directionRow)}="cost",1-${u},${u}),"")`;
}

function keyFormula(rule: KeyRule, r: number, totalCol: number, rankCol: number, shareCol: number): string {
  const value = a1(SCORING.ruleRow, 1, true);
  if (rule.kind === "top") return `=IF(ISNUMBER(${a1(r, rankCol)}),IF(${a1(r, rankCol)}<=${value},"${KEY_LABEL}",""),"")`;
  if (rule.kind === "cutoff") return `=IF(ISNUMBER(${a1(r, totalCol)}),IF(${a1(r, totalCol)}>=${value},"${KEY_LABEL}",""),"")`;
  return `=IF(ISNUMBER(${a1(r, shareCol)}),IF(${a1(r, shareCol)}>=${value},"${KEY_LABEL}",""),"")`;
}
