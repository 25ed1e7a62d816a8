/**
 * Builds the three KAM sheets as plans from the customer table and the user's choices.
 * Pure: no Office import. The formulas it writes recompute everything in Excel (weights,
 * manual scores and raw values can be changed without the add-in); the summary it returns is
 * computed by the core, the same code as the KAM.* functions.
 */
import * as conc from "../core/concentration";
import { SHARE_TOLERANCE } from "../core/numeric";
import { topLoss } from "../core/loss";
import { Direction, rankDescending, ScaleMethod, scaleValues, weightedScore } from "../core/scoring";
import { Customer, extractCustomers, ROLE_LABELS, Roles, SourceTable, TableIssue, validateTable } from "./customers";
import { a1, CellPlan, columnLetter, sheetRef, WorkbookPlan } from "./plan";
import { SheetBuilder } from "./sheet-builder";

export const DEFAULT_SHEET_NAMES = {
  scoring: "KAM Scoring",
  loss: "KAM Loss Scenarios",
  concentration: "KAM Concentration",
} as const;
export type SheetNames = { scoring: string; loss: string; concentration: string };

export interface CriterionSpec {
  label: string;
  kind: "data" | "manual";
  /** Source column of a data criterion. */
  column?: number;
  direction: Direction;
  method: ScaleMethod;
  weight: number;
}

export type KeyRule = { kind: "top"; n: number } | { kind: "cutoff"; score: number } | { kind: "share"; threshold: number };

/** What the user typed in a previous build, read back before rebuilding (see `readPreviousInputs`). */
export interface PreviousInputs {
  weights: Record<string, number>;
  directions: Record<string, string>;
  /** Scaling of each data criterion (shown on the sheet, changed in the task pane). */
  methods?: Record<string, ScaleMethod>;
  /** Labels of the manual criteria (rated on the sheet); the other labels with a weight are data criteria. */
  manualLabels?: string[];
  /** Manual scores by customer name (trimmed, lower case), then criterion label. */
  manual: Record<string, Record<string, number>>;
  /** Customer names as written, by the same keys as `manual`. */
  displayNames?: Record<string, string>;
  /** The rule the sheet was built with; its value only means something under the same kind. */
  keyRuleKind?: KeyRule["kind"];
  keyRuleValue?: number;
  fixedCosts?: number;
  monthsToReplace?: number;
}

export interface BuildInput {
  table: SourceTable;
  roles: Roles;
  criteria: CriterionSpec[];
  keyRule: KeyRule;
  fixedCosts?: number;
  monthsToReplace?: number;
  previous?: PreviousInputs;
  /**
   * The settings the task pane showed after filling itself from the previous sheets (weights,
   * directions, rule, fixed costs, months). A setting the user changed in the pane since then
   * wins over the sheet; one left as it was takes the sheet's current value, so an edit made on
   * the sheet in the meantime is kept too. Without a baseline the sheet's values win.
   */
  baseline?: PreviousInputs;
  sheetNames?: SheetNames;
  /** Shown on the sheets; the caller passes today's date. */
  builtOn?: string;
}

export interface BuildSummary {
  customers: number;
  excluded: { row: number; reason: string }[];
  keyAccounts: string[];
  keyRevenueShare: number;
  keyMarginShare?: number;
  hhi: number;
  hhiLevel: conc.HhiLevel;
  top1Loss: { revenue: number; margin?: number; share: number };
  top3Loss: { revenue: number; margin?: number; share: number };
  /** Customers at or above 10% of revenue (US GAAP ASC 280 disclosure threshold). */
  disclosure: { name: string; share: number }[];
  /** Manual scores typed for customers that are no longer in the table (kept on the sheet). */
  orphanedScores: number;
  warnings: string[];
}

export interface BuildResult {
  plan: WorkbookPlan;
  summary: BuildSummary;
  issues: TableIssue[];
}

export const KEY_LABEL = "Key account";
export const SCALE_LOW = 1;
export const SCALE_HIGH = 10;
export const DISCLOSURE_SHARE = 0.1;
/** Rows of the key-account table on the loss sheet, at least (more when there are more key accounts). */
export const KEY_TABLE_ROWS = 25;

/**
 * Weighted totals are rounded to this many decimals, on the sheet (ROUND) and in the summary
 * alike: 1.1/2.2/3.3 and 2.2/2.2/2.2 both average 2.2, but not in floating point, and a tie
 * must rank and flag the same customers in both places.
 */
export const TOTAL_DECIMALS = 10;

const roundTo = (x: number, decimals: number): number => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** Rounds to 15 significant digits so a number survives Excel's number-to-text step in COUNTIF criteria. */
export function clean(x: number): number {
  return Number.isFinite(x) ? parseFloat(x.toPrecision(15)) : x;
}

const nameKey = (name: string) => name.trim().toLowerCase();

/** Layout constants of the scoring sheet, shared with `readPreviousInputs`. */
export const SCORING = {
  ruleRow: 3,
  totalRevenueRow: 4,
  keyCountRow: 5,
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

/** Header of the block listing manual scores of customers no longer in the table. */
export const ORPHAN_HEADER = ["Customer", "Criterion", "Score"] as const;

/** How the scaling of a data criterion is named on the scoring sheet (read back by `readPreviousInputs`). */
export const METHOD_LABEL: Record<ScaleMethod, string> = { minmax: "min-max", percentile: "percentile", zscore: "z-score" };

interface Column {
  header: string;
  kind: "name" | "revenue" | "share" | "margin" | "churn" | "text" | "raw" | "score" | "manual" | "total" | "rank" | "key";
  width: number;
  criterion?: number;
  source?: number;
}

/** Everything the three sheet builders share about the customer rows. */
interface Model {
  input: BuildInput;
  names: SheetNames;
  customers: Customer[];
  excluded: { row: number; reason: string }[];
  hasMargin: boolean;
  hasChurn: boolean;
  columns: Column[];
  col: (kind: Column["kind"]) => number;
  first: number; // 0-based first data row on the scoring sheet
  last: number;
  scoreCols: number[];
  /** Absolute range of a scoring-sheet column over the customer rows, with sheet name. */
  range: (col: number) => string;
}

function buildModel(input: BuildInput, customers: Customer[], excluded: Model["excluded"]): Model {
  const names = input.sheetNames ?? { ...DEFAULT_SHEET_NAMES };
  const roles = input.roles;
  const hasMargin = customers.some((c) => c.margin !== undefined);
  const hasChurn = roles.churn !== undefined;
  const columns: Column[] = [
    { header: "Customer", kind: "name", width: 28 },
    { header: "Revenue", kind: "revenue", width: 14 },
    { header: "Revenue share", kind: "share", width: 10 },
  ];
  if (hasMargin) columns.push({ header: roles.margin !== undefined ? "Margin" : "Margin (revenue − cost)", kind: "margin", width: 14 });
  if (hasChurn) columns.push({ header: "Churn probability", kind: "churn", width: 10 });
  if (roles.region !== undefined) columns.push({ header: input.table.headers[roles.region] || "Region", kind: "text", width: 14, source: roles.region });
  if (roles.segment !== undefined) columns.push({ header: input.table.headers[roles.segment] || "Segment", kind: "text", width: 14, source: roles.segment });
  const rawColOf = new Map<number, number>();
  input.criteria.forEach((c, i) => {
    if (c.kind !== "data") return;
    if (c.column === roles.revenue) rawColOf.set(i, 1);
    else {
      rawColOf.set(i, columns.length);
      columns.push({ header: c.label, kind: "raw", width: 12, criterion: i, source: c.column });
    }
  });
  const scoreCols: number[] = [];
  input.criteria.forEach((c, i) => {
    scoreCols.push(columns.length);
    columns.push({
      header: c.kind === "data" ? `${c.label} score` : `${c.label} (1–10)`,
      kind: c.kind === "data" ? "score" : "manual",
      width: 11,
      criterion: i,
      source: rawColOf.get(i),
    });
  });
  columns.push({ header: "Weighted score", kind: "total", width: 11 });
  columns.push({ header: "Rank", kind: "rank", width: 7 });
  columns.push({ header: "Key account", kind: "key", width: 13 });
  // Excel renames repeated headers in a table ("Rank2"), so make them unique here.
  const seen = new Set<string>();
  for (const c of columns) {
    let h = c.header;
    for (let k = 2; seen.has(h.toLowerCase()); k++) h = `${c.header} (${k})`;
    seen.add(h.toLowerCase());
    c.header = h;
  }
  const first = SCORING.headerRow + 1;
  const last = first + Math.max(customers.length, 1) - 1;
  const col = (kind: Column["kind"]) => columns.findIndex((c) => c.kind === kind);
  const range = (c: number) => `${sheetRef(names.scoring)}${a1(first, c, true)}:${a1(last, c, true)}`;
  return { input, names, customers, excluded, hasMargin, hasChurn, columns, col, first, last, scoreCols, range };
}

/** Scores, totals, ranks and key flags computed by the core (for the summary and for tests). */
export interface CoreScores {
  scores: Float64Array[]; // per criterion, NaN for blank
  totals: Float64Array; // NaN when no criterion has a score
  ranks: Uint32Array;
  key: boolean[];
}

export function coreScores(customers: Customer[], criteria: CriterionSpec[], keyRule: KeyRule, manual: (c: Customer, label: string) => number | undefined, weights: number[]): CoreScores {
  const n = customers.length;
  const scores = criteria.map((c) => {
    const out = new Float64Array(n).fill(NaN);
    if (c.kind === "manual") {
      customers.forEach((cu, i) => {
        const v = manual(cu, c.label);
        if (v !== undefined) out[i] = v;
      });
      return out;
    }
    const idx: number[] = [];
    const xs: number[] = [];
    customers.forEach((cu, i) => {
      const v = cu.numbers[c.column!];
      if (v !== null) {
        idx.push(i);
        xs.push(v);
      }
    });
    if (xs.length > 0) {
      const s = scaleValues(Float64Array.from(xs), { low: SCALE_LOW, high: SCALE_HIGH, direction: c.direction, method: c.method });
      idx.forEach((i, k) => (out[i] = s[k]));
    }
    return out;
  });
  const totals = new Float64Array(n);
  const row = new Float64Array(criteria.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < criteria.length; j++) row[j] = scores[j][i];
    try {
      totals[i] = roundTo(weightedScore(row, weights, "skip"), TOTAL_DECIMALS);
    } catch {
      totals[i] = NaN;
    }
  }
  const ranks = rankDescending(totals);
  const totalRevenue = customers.reduce((s, c) => s + c.revenue, 0);
  const key = customers.map((c, i) => {
    if (keyRule.kind === "top") return ranks[i] > 0 && ranks[i] <= keyRule.n;
    if (keyRule.kind === "cutoff") return !Number.isNaN(totals[i]) && totals[i] >= keyRule.score;
    return totalRevenue > 0 && c.revenue / totalRevenue >= keyRule.threshold;
  });
  return { scores, totals, ranks, key };
}

/** The label written beside the rule's value on the scoring sheet, by rule kind (read back by `readPreviousInputs`). */
export const RULE_LABELS: Record<KeyRule["kind"], string> = {
  top: "Key accounts: top N by weighted score, N =",
  cutoff: "Key accounts: weighted score at least",
  share: "Key accounts: share of revenue at least",
};

function ruleText(rule: KeyRule): { label: string; value: number; format?: string } {
  const label = RULE_LABELS[rule.kind];
  if (rule.kind === "top") return { label, value: rule.n };
  if (rule.kind === "cutoff") return { label, value: rule.score, format: "0.00" };
  return { label, value: rule.threshold, format: "0.0%" };
}

/**
 * One setting on a rebuild: what the pane says when the user changed it there (it differs from
 * the baseline the pane was filled with), else what the previous sheet says, else the pane's.
 */
function setting<T>(pane: T, baseline: T | undefined, sheet: T | undefined): T {
  if (baseline !== undefined && pane !== baseline) return pane;
  return sheet ?? pane;
}

function buildScoring(m: Model, manual: (c: Customer, label: string) => number | undefined, weights: number[], directions: Direction[], ruleValue: number, orphans: [string, string, number][]): SheetBuilder {
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

function summariseReasons(excluded: { reason: string }[]): string {
  const shown = excluded.slice(0, 3).map((e) => e.reason);
  return shown.join("; ") + (excluded.length > 3 ? `; and ${excluded.length - 3} more` : "");
}

/** Row 3 of every sheet says how many rows of the source were left out and why: the figures leave them out too. */
function noteExcluded(s: SheetBuilder, m: Model): void {
  const k = m.excluded.length;
  if (k > 0) s.set(2, 0, { value: `${k} row${k === 1 ? "" : "s"} of the source left out of every figure: ${summariseReasons(m.excluded)}`, style: "warning" });
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

function buildLoss(m: Model, K: number, fixedCosts: number, months: number, keyCount: number): SheetBuilder {
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
  s.labelled(L.revenueRow, "Total revenue", { formula: `=SUM(${rev})`, format: "#,##0", style: "output" });
  const B = (row: number) => a1(row, 1, true);
  if (m.hasMargin) {
    s.labelled(L.marginRow, "Total margin (contribution)", { formula: `=SUM(${sc(m.col("margin"))})`, format: "#,##0", style: "output" });
    s.labelled(L.profitRow, "Operating profit today", { formula: `=${B(L.marginRow)}-${B(L.fixedRow)}`, format: "#,##0", style: "output" });
    s.labelled(L.breakEvenRow, "Break-even revenue today", {
      formula: `=IF(OR(${B(L.revenueRow)}<=0,${B(L.marginRow)}<=0),"not reachable",${B(L.fixedRow)}/(${B(L.marginRow)}/${B(L.revenueRow)}))`,
      format: "#,##0",
      style: "output",
    });
    s.labelled(L.safetyRow, "Margin of safety today", {
      formula: `=IF(ISNUMBER(${B(L.breakEvenRow)}),(${B(L.revenueRow)}-${B(L.breakEvenRow)})/${B(L.revenueRow)},"")`,
      format: "0.0%",
      style: "output",
    });
  }
  s.labelled(L.countRow, "Customers", { formula: `=COUNT(${rev})`, style: "output" });

  // Helper block: each customer's place in the two loss orders (largest first; ties by the other
  // measure, then by position), so the tables below follow the data when it changes. Only the
  // T largest get a place (the tables show no more): one LARGE per order finds the smallest of
  // them, and every other customer's cell is a comparison, not a count over all customers.
  const keyRows = Math.min(Math.max(keyCount, KEY_TABLE_ROWS), Math.max(n, 1));
  const T = Math.max(K, keyRows);
  const helperCol = LOSS_HEADER.length + 1;
  const hFirst = L.byRevenueTitleRow + 1;
  const hLast = hFirst + Math.max(n, 1) - 1;
  const hc = { name: helperCol, rev: helperCol + 1, margin: helperCol + 2, byRev: helperCol + 3, byMargin: helperCol + 4 };
  const hAbs = (c: number) => `${a1(hFirst, c, true)}:${a1(hLast, c, true)}`;
  const threshold = (c: number) => a1(L.byRevenueTitleRow - 1, c, true);
  s.set(L.byRevenueTitleRow - 1, helperCol, { value: `Helper: order of loss of the ${T} largest (do not edit)`, style: "note" });
  if (n > 0) {
    s.set(L.byRevenueTitleRow - 1, hc.byRev, { formula: `=LARGE(${hAbs(hc.rev)},MIN(${T},COUNT(${hAbs(hc.rev)})))`, format: "#,##0", style: "note" });
    if (m.hasMargin) s.set(L.byRevenueTitleRow - 1, hc.byMargin, { formula: `=LARGE(${hAbs(hc.margin)},MIN(${T},COUNT(${hAbs(hc.margin)})))`, format: "#,##0", style: "note" });
  }
  s.row(L.byRevenueTitleRow, helperCol, [
    { value: "Customer", style: "header" },
    { value: "Revenue", style: "header" },
    { value: "Margin", style: "header" },
    { value: "Order by revenue", style: "header" },
    { value: "Order by margin", style: "header" },
  ]);
  const scoring = sheetRef(m.names.scoring);
  for (let i = 0; i < n; i++) {
    const r = hFirst + i;
    const src = m.first + i;
    const R = a1(r, hc.rev);
    const M = a1(r, hc.margin);
    const above = (c: number) => `${a1(hFirst, c, true)}:${a1(r - 1, c)}`;
    const order = (key: string, keyCol: number, other: string, otherCol: number) => {
      const tie = m.hasMargin ? `+COUNTIFS(${hAbs(keyCol)},${key},${hAbs(otherCol)},">"&${other})` : "";
      const before = i === 0 ? "" : m.hasMargin ? `+COUNTIFS(${above(keyCol)},${key},${above(otherCol)},${other})` : `+COUNTIF(${above(keyCol)},${key})`;
      return `=IF(${key}<${threshold(keyCol === hc.rev ? hc.byRev : hc.byMargin)},"",COUNTIF(${hAbs(keyCol)},">"&${key})${tie}${before}+1)`;
    };
    s.row(r, helperCol, [
      { formula: `=${scoring}${a1(src, 0)}` },
      { formula: `=${scoring}${a1(src, m.col("revenue"))}`, format: "#,##0" },
      m.hasMargin ? { formula: `=${scoring}${a1(src, m.col("margin"))}`, format: "#,##0" } : {},
      { formula: order(R, hc.rev, M, hc.margin) },
      m.hasMargin ? { formula: order(M, hc.margin, R, hc.rev) } : {},
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
          { formula: `=IF(ISNUMBER(${H}),((${B(L.revenueRow)}-${C})-${H})/(${B(L.revenueRow)}-${C}),"")`, format: "0.0%" },
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
  const orderRange = byRevenue ? hAbs(hc.byRev) : sc(m.col("rank"));
  const keyRange = sc(m.col("key"));
  const rows = keyRows;
  const keyCountCell = `${sheetRef(m.names.scoring)}${a1(SCORING.keyCountRow, 1, true)}`;
  for (let k = 1; k <= rows; k++) {
    const r = kaTitle + 1 + k;
    const A = a1(r, 0);
    const pos = `MATCH(${A},${orderRange},0)`;
    const guard = (f: string) => `=IF(ISNUMBER(${pos}),IF(INDEX(${keyRange},${pos})="${KEY_LABEL}",${f},""),"")`;
    // A blank cell read through INDEX is 0 in Excel but empty elsewhere: blank stays blank.
    const blankOr = (range: string) => `IF(INDEX(${range},${pos})="","",INDEX(${range},${pos}))`;
    const cells: CellPlan[] = [
      { value: k },
      { formula: guard(`INDEX(${sc(0)},${pos})`) },
      { formula: guard(`INDEX(${rev},${pos})`), format: "#,##0" },
      { formula: guard(`INDEX(${rev},${pos})/${B(L.revenueRow)}`), format: "0.0%" },
      m.hasMargin ? { formula: guard(blankOr(sc(m.col("margin")))), format: "#,##0" } : {},
      m.hasChurn ? { formula: guard(blankOr(sc(m.col("churn")))), format: "0%" } : {},
      m.hasChurn && m.hasMargin ? { formula: `=IF(AND(ISNUMBER(${a1(r, 4)}),ISNUMBER(${a1(r, 5)})),${a1(r, 4)}*${a1(r, 5)},"")`, format: "#,##0" } : {},
    ];
    s.row(r, 0, cells);
  }
  const after = kaTitle + 2 + rows;
  if (m.hasChurn && m.hasMargin) {
    s.set(after, 1, { value: "Total expected loss of the key accounts", style: "label" });
    s.set(after, 6, { formula: `=SUM(${a1(kaTitle + 2, 6)}:${a1(kaTitle + 1 + rows, 6)})`, format: "#,##0", style: "output" });
  } else {
    const missing = m.hasChurn ? "a margin or cost column" : m.hasMargin ? "a churn-probability column" : "churn-probability and margin columns";
    s.set(after, 0, { value: `Add ${missing} to the source table to see the expected loss.`, style: "note" });
  }
  s.set(after + 1, 0, {
    formula: `=IF(${keyCountCell}>${rows},"The scoring sheet now names "&${keyCountCell}&" key accounts; this table lists the first ${rows}. Build again to list them all.","")`,
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

function buildConcentration(m: Model): SheetBuilder {
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
  s.labelled(C.hhiRow, "HHI (0–10,000)", { formula: `=SUMPRODUCT((${rev}/${total})^2)*10000`, format: "#,##0", style: "output" });
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
    { formula: `=(SUM(${hAbs(h.larger)})-SUMPRODUCT(${hAbs(h.rev)},${hAbs(h.count)}))/(${count}*${total})`, format: "0.000", style: "output" },
    "0 = all customers equal; towards 1 = one customer has everything.",
  );
  s.labelled(C.paretoShareRow, "Pareto share", { value: 0.8, style: "input", format: "0%" });
  // Shares that reach a threshold only up to rounding count as reaching it, as in the core.
  const tol = `-${SHARE_TOLERANCE}`;
  s.labelled(C.paretoRow, "Customers making up that share", { formula: `=COUNTIF(${hAbs(h.beforeShare)},"<"&(${B(C.paretoShareRow)}${tol}))`, style: "output" });
  s.labelled(C.aRow, "ABC: class A below cumulative share", { value: 0.8, style: "input", format: "0%" });
  s.labelled(C.bRow, "ABC: class B below cumulative share", { value: 0.95, style: "input", format: "0%" });
  s.labelled(C.countARow, "A customers", { formula: `=COUNTIF(${hAbs(h.cls)},"A")`, style: "output" });
  s.labelled(C.countBRow, "B customers", { formula: `=COUNTIF(${hAbs(h.cls)},"B")`, style: "output" });
  s.labelled(C.countCRow, "C customers", { formula: `=COUNTIF(${hAbs(h.cls)},"C")`, style: "output" });
  s.labelled(
    C.disclosureRow,
    "Customers at or above 10% of revenue",
    { formula: `=COUNTIF(${hAbs(h.share)},">="&${DISCLOSURE_SHARE})`, style: "output" },
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

/**
 * Validates, extracts and builds. Rows with problems are left out (and reported) — the caller
 * decides before calling whether that is what the user wants.
 */
export function buildWorkbook(input: BuildInput): BuildResult {
  const labels = new Set<string>();
  input = {
    ...input,
    criteria: input.criteria.map((c) => {
      let label = c.label.trim() || "Criterion";
      for (let k = 2; labels.has(label.toLowerCase()); k++) label = `${c.label.trim() || "Criterion"} (${k})`;
      labels.add(label.toLowerCase());
      return label === c.label ? c : { ...c, label };
    }),
  };
  const criteriaCols = input.criteria.filter((c) => c.column !== undefined).map((c) => c.column!);
  const issues = validateTable(input.table, input.roles, criteriaCols);
  const { customers, excluded } = extractCustomers(input.table, input.roles, issues);
  const prev = input.previous;
  const base = input.baseline;
  const present = new Set(customers.map((c) => nameKey(c.name)));
  const seeds = new Map(input.criteria.filter((c) => c.kind === "manual" && c.column !== undefined).map((c) => [c.label, c.column!]));
  // A manual score on the previous sheet wins (the user may have typed over the table's
  // rating); otherwise a rating column of the table seeds it. Where the two differ the summary
  // says so: clearing the cell on the sheet takes the table's rating at the next build.
  let differing = 0;
  const manual = (c: Customer, label: string): number | undefined => {
    const col = seeds.get(label);
    const fromTable = col === undefined ? undefined : (c.numbers[col] ?? undefined);
    const typed = prev?.manual[nameKey(c.name)]?.[label];
    return typed ?? fromTable;
  };
  if (prev) {
    for (const c of customers) {
      for (const [label, col] of seeds) {
        const typed = prev.manual[nameKey(c.name)]?.[label];
        const fromTable = c.numbers[col];
        if (typed !== undefined && fromTable !== null && typed !== fromTable) differing++;
      }
    }
  }
  const asDirection = (d: string | undefined): Direction | undefined => (d === "cost" || d === "benefit" ? d : undefined);
  const weights = input.criteria.map((c) => setting(c.weight, base?.weights[c.label], prev?.weights[c.label]));
  const directions = input.criteria.map((c) => setting(c.direction, asDirection(base?.directions[c.label]), asDirection(prev?.directions[c.label])));
  const criteria = input.criteria.map((c, j) => ({ ...c, direction: directions[j], weight: weights[j] }));
  // The rule's value on the sheet counts only under the same kind of rule (N, a score or a share).
  const kind = input.keyRule.kind;
  const ruleValue = setting(
    ruleText(input.keyRule).value,
    base?.keyRuleKind === kind ? base.keyRuleValue : undefined,
    prev?.keyRuleKind === kind ? prev.keyRuleValue : undefined,
  );
  const keyRule: KeyRule =
    input.keyRule.kind === "top" ? { kind: "top", n: ruleValue } : input.keyRule.kind === "cutoff" ? { kind: "cutoff", score: ruleValue } : { kind: "share", threshold: ruleValue };
  const orphans: [string, string, number][] = [];
  if (prev) {
    for (const [name, scores] of Object.entries(prev.manual)) {
      if (present.has(name)) continue;
      for (const [label, v] of Object.entries(scores)) orphans.push([prev.displayNames?.[name] ?? name, label, v]);
    }
  }
  const model = buildModel({ ...input, criteria, keyRule }, customers, excluded);
  const scores = coreScores(customers, criteria, keyRule, manual, weights);
  const keyCount = scores.key.filter(Boolean).length;
  const K = Math.min(Math.max(5, keyCount), Math.max(customers.length, 1));
  const fixedCosts = setting(input.fixedCosts ?? 0, base?.fixedCosts, prev?.fixedCosts);
  const months = setting(input.monthsToReplace ?? 12, base?.monthsToReplace, prev?.monthsToReplace);
  const sheets = [
    buildScoring(model, manual, weights, directions, ruleValue, orphans).toPlan("#0F6C6C"),
    buildLoss(model, K, fixedCosts, months, keyCount).toPlan("#B3541E"),
    buildConcentration(model).toPlan("#3A5BA0"),
  ];
  const summary = summarise(customers, excluded, scores, orphans.length, criteria);
  if (differing > 0) {
    summary.warnings.push(
      `${differing} manual score${differing === 1 ? "" : "s"} on the scoring sheet differ${differing === 1 ? "s" : ""} from the rating column of the source table; the sheet's value${differing === 1 ? " was" : "s were"} kept. Clear a score on the sheet to take the table's rating at the next build.`,
    );
  }
  return { plan: { sheets }, summary, issues };
}

function summarise(customers: Customer[], excluded: Model["excluded"], scores: CoreScores, orphaned: number, criteria: CriterionSpec[]): BuildSummary {
  const warnings: string[] = [];
  const revenues = Float64Array.from(customers, (c) => c.revenue);
  const hasMargin = customers.some((c) => c.margin !== undefined);
  const margins = hasMargin ? Float64Array.from(customers, (c) => c.margin ?? 0) : undefined;
  const total = revenues.reduce((a, b) => a + b, 0);
  if (customers.length === 0) warnings.push("No customer rows could be used: the sheets are empty.");
  if (total === 0 && customers.length > 0) warnings.push("Revenue totals 0: shares and concentration cannot be computed.");
  if (criteria.every((c) => c.weight === 0)) warnings.push("All weights are 0: weighted scores cannot be computed.");
  const keyIdx = customers.map((_, i) => i).filter((i) => scores.key[i]);
  keyIdx.sort((i, j) => (scores.ranks[i] || Infinity) - (scores.ranks[j] || Infinity));
  const canMeasure = customers.length > 0 && total > 0;
  const loss = (k: number) => {
    if (!canMeasure) return { revenue: 0, share: 0 };
    const t = topLoss(revenues, k, margins);
    return { revenue: t.revenue, margin: t.margin, share: t.revenue / total };
  };
  const keyRevenue = keyIdx.reduce((s, i) => s + customers[i].revenue, 0);
  const totalMargin = margins ? margins.reduce((a, b) => a + b, 0) : 0;
  const keyMargin = keyIdx.reduce((s, i) => s + (customers[i].margin ?? 0), 0);
  const hhi = canMeasure ? conc.hhi(revenues, 10000) : NaN;
  return {
    customers: customers.length,
    excluded,
    keyAccounts: keyIdx.map((i) => customers[i].name),
    keyRevenueShare: canMeasure ? keyRevenue / total : 0,
    keyMarginShare: margins && totalMargin !== 0 ? keyMargin / totalMargin : undefined,
    hhi,
    hhiLevel: canMeasure ? conc.hhiLevel(hhi) : "Unconcentrated",
    top1Loss: loss(1),
    top3Loss: loss(3),
    disclosure: canMeasure
      ? customers.filter((c) => c.revenue / total >= DISCLOSURE_SHARE).map((c) => ({ name: c.name, share: c.revenue / total })).sort((a, b) => b.share - a.share)
      : [],
    orphanedScores: orphaned,
    warnings,
  };
}

export { ROLE_LABELS };
