/**
 * The scoring sheet: criteria, weights and scaling statistics above a table of customers with
 * their 1–10 scores, weighted score, rank and key-account flag (all live formulas). Also reads
 * back what the user typed on it (weights, directions, manual scores, the rule's value).
 */
import { AHP_CR_LIMIT, KEY_ACCOUNTS_TYPICAL, SCALE_HIGH, SCALE_LOW, SHARE_TOLERANCE, TOTAL_DECIMALS, Z_CLIP } from "../../core/defaults";
import { KEY_RULE_KINDS, type KeyRule, keyRuleValue, unusualKeyCount } from "../../core/key-accounts";
import type { ScaleMethod } from "../../core/scoring";
import { sum } from "../../core/numeric";
import { SHARE_OF_REVENUE } from "../defaults";
import { clvFormula, lifetimeValue, NO_CLV } from "../clv-column";
import { REVIEW_HEADERS, reviewCell } from "../review-columns";
import { type BuildInput, CHECK, checkRefs, clean, CLV_LABEL, type Column, type CriterionSpec, DEFAULT_CLV_DISCOUNT, KEY_LABEL, type Model, noteExcluded, numberColumns, type PreviousInputs } from "../model";
import { COUNT_FORMAT } from "../layout";
import { a1, type CellPlan, columnLetter, isErrorCell, type Scalar } from "../plan";
import { SheetBuilder } from "../sheet-builder";
import { type BuildSettings, defineSheet, type SheetContext } from "./spec";

/** Layout of the scoring sheet: 0-based rows. The rule's value and the figures sit in column B. */
export const SCORING = {
  ruleRow: 3,
  totalRevenueRow: 4,
  keyCountRow: 5,
  /** The consistency ratio of the pairwise comparisons, when the weights came from them. */
  consistencyRow: 6,
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
  /**
   * The Lifetime value column's discount rate (when the sheet has that column), just above the
   * customer table; row 6, where it was first, is the consistency ratio's. Without the column,
   * this row carries the note on the hidden statistics rows.
   */
  discountRow: 17,
  headerRow: 18,
  /** The column of the rule's value and of the figures beside their labels. */
  valueCol: 1,
  /** Customer names: the first column of the table. */
  nameCol: 0,
} as const;

/** Label of the Lifetime value column's discount rate (read back for a rebuild). */
export const DISCOUNT_LABEL = "Discount rate for lifetime value";

/** The statistics rows (min … count), hidden by the builder and by a restore alike. */
export const STATISTICS_ROWS = { row: SCORING.minRow, rows: SCORING.countRow - SCORING.minRow + 1 } as const;

/** Header of the block listing manual scores of customers no longer in the table. */
export const ORPHAN_HEADER = ["Customer", "Criterion", "Score"] as const;

/** How the scaling of a data criterion is named on the scoring sheet (read back on a rebuild). */
export const METHOD_LABEL: Record<ScaleMethod, string> = { minmax: "min-max", percentile: "percentile", zscore: "z-score" };

/** The label written beside the rule's value on the scoring sheet, by rule kind (read back on a rebuild). */
export const RULE_LABELS: Record<KeyRule["kind"], string> = {
  top: "Key accounts: top N by weighted score, N =",
  cutoff: "Key accounts: weighted score at least",
  share: "Key accounts: share of revenue at least",
};

const SCALE_TEXT = `${SCALE_LOW}–${SCALE_HIGH}`;

/** The table header of a manual criterion's scores: "Retention (1–10)". Recognised by `isManualHeader`. */
export function manualHeader(label: string): string {
  return `${label} (${SCALE_TEXT})`;
}

/** True when `header` is the manual-score header of `label` (also as made unique: "Retention (1–10) (2)"). */
export function isManualHeader(header: Scalar | undefined, label: string): boolean {
  const base = manualHeader(label);
  return typeof header === "string" && (header === base || header.startsWith(`${base} (`));
}

export function ruleText(rule: KeyRule): { label: string; value: number; format?: string } {
  const format = rule.kind === "cutoff" ? "0.00" : rule.kind === "share" ? "0.0%" : undefined;
  return { label: RULE_LABELS[rule.kind], value: keyRuleValue(rule), format };
}

/**
 * The columns of the scoring table, each with its width (issue 10: what a reader looks for
 * first is visible without scrolling, and frozen): customer, key-account flag, rank and
 * weighted score; then the inputs (revenue, share, margin, churn, lifetime value, region,
 * segment, the raw values of the data criteria); then one 1–10 score per criterion, with its
 * weight, direction and scaling above it; then the review columns when there is a history.
 * Every reader finds a column by its kind (`model.col`), never by its letter.
 */
export function scoringColumns(input: BuildInput, hasMargin: boolean, hasChurn: boolean, withReview: boolean): { columns: Column[]; scoreCols: number[] } {
  const columns: Column[] = [...LEADING_COLUMNS.map((c) => ({ ...c })), ...inputColumns(input, hasMargin, hasChurn)];
  const rawColOf = (criterion: number) => {
    const c = input.criteria[criterion];
    if (c.kind !== "data") return undefined;
    const kind = c.derived === "clv" ? "clv" : c.column === input.roles.revenue ? "revenue" : undefined;
    return kind ? columns.findIndex((x) => x.kind === kind) : columns.findIndex((x) => x.kind === "raw" && x.criterion === criterion);
  };
  const scoreCols = input.criteria.map((c, i) => {
    columns.push({ header: c.kind === "data" ? `${c.label} score` : manualHeader(c.label), kind: c.kind === "data" ? "score" : "manual", width: 11, criterion: i, source: rawColOf(i) });
    return columns.length - 1;
  });
  if (withReview) columns.push(...REVIEW_COLUMNS.map((c) => ({ ...c })));
  return { columns: uniqueHeaders(columns), scoreCols };
}

/** Customer, key-account flag, rank and weighted score: the frozen columns (FROZEN_COLUMNS). */
const LEADING_COLUMNS: readonly Column[] = [
  { header: "Customer", kind: "name", width: 28 },
  { header: KEY_LABEL, kind: "key", width: 13 },
  { header: "Rank", kind: "rank", width: 7 },
  { header: "Weighted score", kind: "total", width: 11 },
];

/** Columns frozen at the left of the scoring sheet: customer … weighted score. */
export const FROZEN_COLUMNS = LEADING_COLUMNS.length;

const REVIEW_COLUMNS: readonly Column[] = [
  { header: REVIEW_HEADERS.previous, kind: "previous", width: 11 },
  { header: REVIEW_HEADERS.trend, kind: "trend", width: 8 },
  { header: REVIEW_HEADERS.rankChange, kind: "rankChange", width: 8 },
  { header: REVIEW_HEADERS.keyThen, kind: "keyThen", width: 13 },
];

/** The input columns: amounts from the table, their derived columns, text columns, then the raw values of the data criteria. */
function inputColumns(input: BuildInput, hasMargin: boolean, hasChurn: boolean): Column[] {
  const { roles, table, criteria } = input;
  const columns: Column[] = [
    { header: "Revenue", kind: "revenue", width: 14 },
    { header: "Revenue share", kind: "share", width: 10 },
  ];
  if (hasMargin) columns.push({ header: roles.margin !== undefined ? "Margin" : "Margin (revenue − cost)", kind: "margin", width: 14 });
  if (hasChurn) columns.push({ header: "Churn probability", kind: "churn", width: 10 });
  // Lifetime value m·(1 − churn) / (discount + churn), when margin and churn are known (see clv-column.ts).
  if (hasMargin && hasChurn) columns.push({ header: CLV_LABEL, kind: "clv", width: 14 });
  if (roles.region !== undefined) columns.push({ header: table.headers[roles.region] || "Region", kind: "text", width: 14, source: roles.region });
  if (roles.segment !== undefined) columns.push({ header: table.headers[roles.segment] || "Segment", kind: "text", width: 14, source: roles.segment });
  criteria.forEach((c, i) => {
    if (c.kind !== "data") return;
    if (c.derived === "clv") {
      if (!(hasMargin && hasChurn)) throw new Error(`the ${CLV_LABEL} criterion needs margin (or cost) and churn columns`);
    } else if (c.column !== roles.revenue) columns.push({ header: c.label, kind: "raw", width: 12, criterion: i, source: c.column });
  });
  return columns;
}

/** Excel renames repeated headers in a table ("Rank2"), so they are made unique here ("Rank (2)"). */
function uniqueHeaders(columns: Column[]): Column[] {
  const seen = new Set<string>();
  for (const c of columns) {
    let h = c.header;
    for (let k = 2; seen.has(h.toLowerCase()); k++) h = `${c.header} (${k})`;
    seen.add(h.toLowerCase());
    c.header = h;
  }
  return columns;
}

const STAT_LABELS: [number, string][] = [
  [SCORING.criterionRow, "Criterion"],
  [SCORING.weightRow, "Weight"],
  [SCORING.weightPctRow, "Weight, % of total"],
  [SCORING.directionRow, "Direction (benefit / cost)"],
  [SCORING.methodRow, "Scaling"],
  [SCORING.minRow, "Min"],
  [SCORING.maxRow, "Max"],
  [SCORING.meanRow, "Mean"],
  [SCORING.sdRow, "σ (population)"],
  [SCORING.countRow, "Values"],
];

function buildScoring({ model, settings }: SheetContext): SheetBuilder {
  const sheet = new SheetBuilder(model.names.scoring);
  writeHeading(sheet, model, settings.ruleValue, settings.keyCount);
  writeCriteria(sheet, model, settings);
  writeCustomerTable(sheet, model, settings);
  writeOrphans(sheet, model, settings.orphans);
  sheet.freeze = { rows: SCORING.headerRow + 1, cols: FROZEN_COLUMNS };
  sheet.columnWidths = model.columns.map((c) => c.width);
  return sheet;
}

function writeHeading(sheet: SheetBuilder, model: Model, ruleValue: number, keyCount: number): void {
  const { input, customers } = model;
  sheet.set(0, 0, { value: "Key account scoring", style: "title" });
  sheet.set(1, 0, {
    value: `${customers.length} customers from ${input.table.sheetName}${input.builtOn ? `, built ${input.builtOn}` : ""}. Change weights, directions, manual scores or raw values: scores, ranks and key accounts update by themselves.`,
    style: "subtitle",
  });
  noteExcluded(sheet, model);
  const rule = ruleText(input.keyRule);
  sheet.set(SCORING.ruleRow, 0, { value: rule.label, style: "label" });
  sheet.set(SCORING.ruleRow, SCORING.valueCol, { value: ruleValue, style: "input", format: rule.format });
  if (input.keyRule.kind === "top" && unusualKeyCount(ruleValue)) {
    sheet.set(SCORING.ruleRow, SCORING.valueCol + 1, { value: `Note: practice is ${KEY_ACCOUNTS_TYPICAL.min} to ${KEY_ACCOUNTS_TYPICAL.max} key accounts.`, style: "note" });
  }
  // Totals read the table and the spare rows under it (model.local, from the header row): a
  // customer appended with its formulas counts, a row inserted anywhere in the table too. A
  // number stored as text makes them an error, never a sum that silently leaves it out.
  const column = (kind: Column["kind"]) => model.local(model.col(kind));
  const { text, problems } = checkRefs(model, true);
  const keyHeader = model.columns[model.col("key")].header === KEY_LABEL ? "-1" : "";
  sheet.labelled(SCORING.totalRevenueRow, "Total revenue", { formula: `=IF(${text}>0,NA(),SUM(${column("revenue")}))`, result: totalRevenue(model), format: "#,##0", style: "output" });
  sheet.labelled(SCORING.keyCountRow, "Key accounts", { formula: `=IF(${problems}>0,NA(),COUNTIF(${column("key")},"${KEY_LABEL}")${keyHeader})`, result: keyCount, style: "output" });
  // The watch cells (hidden): named rows without the row's formulas (every customer row has a
  // revenue-share formula), and numbers stored as text (each range's header is text: minus 1).
  sheet.set(CHECK.uncounted.row, CHECK.uncounted.col, { formula: `=MAX(0,COUNTA(${column("name")})-COUNTA(${column("share")}))`, result: 0, style: "output" });
  const textCounts = numberColumns(model).map((c) => `SUMPRODUCT(ISTEXT(${model.local(c)})*1)-1`);
  if (model.scoreCols.length > 0) textCounts.push(`SUMPRODUCT(ISTEXT(${weightsRange(model)})*1)`);
  sheet.set(CHECK.text.row, CHECK.text.col, { formula: `=${textCounts.join("+") || "0"}`, result: 0, style: "output" });
  if (model.col("clv") >= 0) {
    sheet.labelled(SCORING.discountRow, DISCOUNT_LABEL, { value: input.clvDiscount ?? DEFAULT_CLV_DISCOUNT, style: "input", format: "0.0%" }, `Lifetime value = margin × (1 − churn) / (discount + churn); "${NO_CLV}" where churn is outside 0–1 or discount + churn ≤ 0 (that score is then left out). ${HIDDEN_ROWS_NOTE}`);
  }
  writeConsistency(sheet, input.consistencyRatio);
}

/** The AHP consistency ratio the weights were accepted with, so a ratio above the limit that the user confirmed is on record. */
function writeConsistency(sheet: SheetBuilder, ratio: number | undefined): void {
  if (ratio === undefined || !Number.isFinite(ratio)) return;
  const row = SCORING.consistencyRow;
  sheet.set(row, 0, { value: "Weights from pairwise comparisons (AHP), consistency ratio", style: "label" });
  sheet.set(row, SCORING.valueCol, { value: ratio, format: "0.00", style: "output" });
  const accepted = ratio <= AHP_CR_LIMIT;
  sheet.set(row, SCORING.valueCol + 1, {
    value: accepted ? `${AHP_CR_LIMIT.toFixed(2)} or less: acceptable.` : `Above ${AHP_CR_LIMIT.toFixed(2)}: the comparisons contradict each other; the user confirmed them.`,
    style: accepted ? "note" : "warning",
  });
}

/** The weights of all criteria, one row: $F$9:$J$9. */
function weightsRange(model: Model): string {
  const { scoreCols } = model;
  return `${a1(SCORING.weightRow, scoreCols[0], true)}:${a1(SCORING.weightRow, scoreCols[scoreCols.length - 1], true)}`;
}

const HIDDEN_ROWS_NOTE = `Rows ${SCORING.minRow + 1}–${SCORING.countRow + 1} (grouped and hidden: + beside the row numbers) hold the min, max, mean, σ and count the scores use.`;

/** Criterion, weight, direction, scaling and (hidden) statistics above each score column. */
function writeCriteria(sheet: SheetBuilder, model: Model, settings: BuildSettings): void {
  const { input, columns, scoreCols } = model;
  const { problems } = checkRefs(model, true);
  const guard = (f: string) => `=IF(${problems}>0,NA(),${f})`;
  for (const [row, label] of STAT_LABELS) sheet.set(row, 0, { value: label, style: "label" });
  // The statistics rows feed the scores but need no attention: hidden, so that the frozen rows
  // above the customer table leave room for customers on a laptop screen.
  sheet.hiddenRows.push({ ...STATISTICS_ROWS });
  // With a Lifetime value column, the discount rate takes this row and its note says this.
  if (model.col("clv") < 0) sheet.set(SCORING.discountRow, 0, { value: HIDDEN_ROWS_NOTE, style: "note" });
  const weights = weightsRange(model);
  const weightSum = sum(settings.weights);
  input.criteria.forEach((criterion, j) => {
    const scoreCol = scoreCols[j];
    sheet.set(SCORING.criterionRow, scoreCol, { value: criterion.label, style: "header" });
    sheet.set(SCORING.weightRow, scoreCol, { value: settings.weights[j], style: "input" });
    sheet.set(SCORING.weightPctRow, scoreCol, { formula: `=IF(SUM(${weights})=0,"",${a1(SCORING.weightRow, scoreCol)}/SUM(${weights}))`, result: weightSum === 0 ? "" : settings.weights[j] / weightSum, format: "0.0%", style: "output" });
    if (criterion.kind === "manual") {
      sheet.set(SCORING.directionRow, scoreCol, { value: "typed", style: "note" });
      sheet.set(SCORING.methodRow, scoreCol, { value: `typed ${SCALE_TEXT}`, style: "note" });
      return;
    }
    const rawCol = columns[scoreCol].source!;
    const raw = model.local(rawCol);
    sheet.set(SCORING.directionRow, scoreCol, { value: settings.directions[j], style: "input" });
    sheet.set(SCORING.methodRow, scoreCol, { value: METHOD_LABEL[criterion.method], style: "note" });
    // Cached results: the statistics of the raw values as written on the sheet.
    const xs = model.customers.map((c) => (columns[rawCol].kind === "revenue" ? c.revenue : c.numbers[columns[rawCol].source!])).filter((v): v is number => v !== null && v !== undefined).map(clean);
    const n = xs.length;
    const mean = n === 0 ? NaN : sum(xs) / n;
    sheet.set(SCORING.minRow, scoreCol, { formula: guard(`MIN(${raw})`), result: n === 0 ? 0 : Math.min(...xs), style: "output" });
    sheet.set(SCORING.maxRow, scoreCol, { formula: guard(`MAX(${raw})`), result: n === 0 ? 0 : Math.max(...xs), style: "output" });
    sheet.set(SCORING.meanRow, scoreCol, { formula: guard(`IF(COUNT(${raw})=0,"",AVERAGE(${raw}))`), result: n === 0 ? "" : mean, style: "output" });
    sheet.set(SCORING.sdRow, scoreCol, { formula: guard(`IF(COUNT(${raw})=0,"",STDEVP(${raw}))`), result: n === 0 ? "" : Math.sqrt(sum(xs.map((x) => (x - mean) ** 2)) / n), style: "output" });
    sheet.set(SCORING.countRow, scoreCol, { formula: guard(`COUNT(${raw})`), result: n, style: "output" });
  });
}

function writeCustomerTable(sheet: SheetBuilder, model: Model, settings: BuildSettings): void {
  const { customers, columns, first, scoreCols } = model;
  columns.forEach((c, i) => sheet.set(SCORING.headerRow, i, { value: c.header, style: "header" }));
  const filled = columns.map((column, k) => formulaColumn(model, settings, column, k));
  customers.forEach((_, i) =>
    columns.forEach((column, k) => {
      const f = filled[k];
      if (f) sheet.filledRow(first + i, k, f.cells, () => f.result(i));
      else sheet.set(first + i, k, customerCell(model, settings, i, column, k));
    }),
  );
  if (customers.length === 0) return;
  sheet.tables.push({ name: "KAMScoring", row: SCORING.headerRow, col: 0, rows: customers.length + 1, cols: columns.length });
  sheet.colorScales.push({ row: first, col: scoreCols[0], rows: customers.length, cols: scoreCols[scoreCols.length - 1] - scoreCols[0] + 1 });
  sheet.colorScales.push({ row: first, col: model.col("total"), rows: customers.length, cols: 1 });
}

/** A column of one formula filled down the table: its cell at a sheet row (see `SheetBuilder.filledRow`), and customer i's result. */
interface FormulaColumn {
  cells: (row: number) => CellPlan[];
  result: (i: number) => CellPlan["result"];
}

/** The formula columns of the table (share, scores, weighted score, rank, key flag, lifetime value); undefined for the others. */
function formulaColumn(model: Model, settings: BuildSettings, column: Column, col: number): FormulaColumn | undefined {
  const { input, customers } = model;
  const one = (cell: (row: number) => CellPlan, result: FormulaColumn["result"]): FormulaColumn => ({ cells: (row) => [cell(row)], result });
  const { scores } = settings;
  switch (column.kind) {
    case "share": {
      const { text } = checkRefs(model, true);
      const total = totalRevenue(model);
      const totalCell = a1(SCORING.totalRevenueRow, SCORING.valueCol, true);
      return one(
        (row) => {
          const revenue = a1(row, model.col("revenue"));
          return { formula: `=IF(${text}>0,NA(),IF(ISNUMBER(${revenue}),${revenue}/${totalCell},""))`, format: "0.0%" };
        },
        (i) => (total === 0 ? undefined : clean(customers[i].revenue) / total),
      );
    }
    case "score":
      return one((row) => ({ formula: scoreFormula(input.criteria[column.criterion!], row, column.source!, col, model.local(column.source!)), format: "0.0" }), (i) => orBlank(scores.scores[column.criterion!][i]));
    case "total":
      return one((row) => ({ formula: totalFormula(model, row), format: "0.00" }), (i) => orBlank(scores.totals[i]));
    case "rank":
      return one((row) => ({ formula: rankFormula(model, row) }), (i) => (scores.ranks[i] > 0 ? scores.ranks[i] : ""));
    case "key":
      return one((row) => ({ formula: keyFormula(model, row) }), (i) => (scores.key[i] ? KEY_LABEL : ""));
    case "clv": {
      const discount = a1(SCORING.discountRow, SCORING.valueCol, true);
      const rate = input.clvDiscount ?? DEFAULT_CLV_DISCOUNT;
      return one((row) => ({ formula: clvFormula(a1(row, model.col("margin")), a1(row, model.col("churn")), discount), format: "#,##0" }), (i) => clvResult(customers[i], rate));
    }
    default:
      return undefined;
  }
}

/** The cell of customer `i` (0-based in the table) in `column` (sheet column `col`), for the columns that are not one formula filled down. */
function customerCell(model: Model, settings: BuildSettings, i: number, column: Column, col: number): CellPlan {
  const { input, first } = model;
  const customer = model.customers[i];
  const row = first + i;
  switch (column.kind) {
    case "name":
      return { value: customer.name };
    case "revenue":
      return { value: clean(customer.revenue), format: "#,##0" };
    case "margin":
      return customer.margin === undefined ? {} : { value: clean(customer.margin), format: "#,##0" };
    case "churn":
      return customer.churn === undefined ? {} : { value: customer.churn, format: "0%" };
    case "text": {
      const v = input.table.rows[customer.sourceRow][column.source!];
      return v === null || v === undefined || v === "" ? {} : { value: isErrorCell(v) ? v.code : String(v) };
    }
    case "raw": {
      const v = customer.numbers[column.source!];
      const format = rawFormat(model, col);
      return v === null ? {} : format ? { value: clean(v), format } : { value: clean(v) };
    }
    case "manual": {
      const v = settings.manual(customer, input.criteria[column.criterion!].label);
      return v === undefined ? { style: "input" } : { value: v, style: "input" };
    }
    default:
      return reviewCell(model, settings, i, row, column.kind);
  }
}

/**
 * Number format of a raw criterion column, from its header and values (issue 10: amounts with
 * thousands separators, percentages as %): a derived share of revenue as %, a header in percent
 * ("Revenue growth %", values such as 1.5) with a % sign after the number as typed, amounts of
 * 1,000 or more with separators; otherwise as typed.
 */
const rawFormats = new WeakMap<Model, Map<number, string | undefined>>();
function rawFormat(model: Model, col: number): string | undefined {
  let known = rawFormats.get(model);
  if (!known) rawFormats.set(model, (known = new Map()));
  if (known.has(col)) return known.get(col);
  const column = model.columns[col];
  const header = column.header;
  let format: string | undefined;
  if (header.endsWith(SHARE_OF_REVENUE)) format = "0.0%";
  else if (/%/.test(header)) format = '0.0"%"';
  // Separators, but no currency: a raw value may be a count (employees) as well as an amount.
  else if (model.customers.some((c) => Math.abs(c.numbers[column.source!] ?? 0) >= 1000)) format = COUNT_FORMAT;
  known.set(col, format);
  return format;
}

/** Total revenue of the customers as written on the sheet (the cached result of its SUM), once per model. */
const totals = new WeakMap<Model, number>();
function totalRevenue(model: Model): number {
  let t = totals.get(model);
  if (t === undefined) totals.set(model, (t = sum(model.customers.map((c) => clean(c.revenue)))));
  return t;
}

/** The lifetime value column's cached result, as clvFormula shows it: blank without margin or churn, NO_CLV out of range. */
function clvResult(c: Model["customers"][number], discount: number): number | string {
  if (c.margin === undefined || c.margin === null || c.churn === undefined || c.churn === null) return "";
  if (c.churn < 0 || c.churn > 1 || discount <= -1 || discount + c.churn <= 0) return NO_CLV;
  return lifetimeValue(c, discount) ?? NO_CLV;
}

/** A core figure as the sheet shows it: NaN (no score) is the formula's "". */
const orBlank = (x: number | undefined): number | string => (x === undefined || Number.isNaN(x) ? "" : x);

/**
 * Weighted average of the scores present, rounded as the core's `weightedScore` rounds. A
 * customer without revenue is absent (no score, so no rank), and any number stored as text in
 * the table or the weights makes every score an error (see row 3).
 */
function totalFormula(model: Model, row: number): string {
  const weights = weightsRange(model);
  const scores = `${a1(row, model.scoreCols[0])}:${a1(row, model.scoreCols[model.scoreCols.length - 1])}`;
  const { problems } = checkRefs(model, true);
  return `=IF(${problems}>0,NA(),IF(OR(COUNT(${scores})=0,NOT(ISNUMBER(${a1(row, model.col("revenue"))}))),"",ROUND(SUMPRODUCT(${weights},${scores})/SUMPRODUCT(${weights}*(${scores}<>"")),${TOTAL_DECIMALS})))`;
}

/**
 * Unique rank, as the core's `rankDescending`: larger totals first, equal totals by position.
 * The same formula in every row (a sort moves formulas as a paste does, so a row's formula
 * must not depend on where it is): equal totals above are counted from the header row down,
 * and only when there is a tie (each COUNTIF reads the whole column in LibreOffice).
 */
function rankFormula(model: Model, row: number): string {
  const totalCol = model.col("total");
  const total = a1(row, totalCol);
  const totals = model.local(totalCol);
  const above = `${a1(model.first - 1, totalCol, true)}:${a1(row - 1, totalCol)}`;
  const { problems } = checkRefs(model, true);
  return `=IF(${problems}>0,NA(),IF(ISNUMBER(${total}),COUNTIF(${totals},">"&${total})+IF(COUNTIF(${totals},${total})>1,COUNTIF(${above},${total}),0)+1,""))`;
}

/** The core's `isKeyAccount` as a formula on the rule's value in column B (changeable on the sheet). */
function keyFormula(model: Model, row: number): string {
  const ruleValue = a1(SCORING.ruleRow, SCORING.valueCol, true);
  const { problems } = checkRefs(model, true);
  const flag = (measure: string, test: string) => `=IF(${problems}>0,NA(),IF(ISNUMBER(${measure}),IF(${test},"${KEY_LABEL}",""),""))`;
  const rule = model.input.keyRule.kind;
  if (rule === "top") return flag(a1(row, model.col("rank")), `${a1(row, model.col("rank"))}<=${ruleValue}`);
  if (rule === "cutoff") return flag(a1(row, model.col("total")), `${a1(row, model.col("total"))}>=${ruleValue}`);
  // A share that reaches the threshold only up to rounding reaches it.
  const share = a1(row, model.col("share"));
  return flag(share, `${share}>=${ruleValue}-${SHARE_TOLERANCE}`);
}

/** 1–10 score of a data criterion, as the core's `scaleValues`; the stats rows above the table hold min, max, mean, σ and count. */
function scoreFormula(criterion: CriterionSpec, row: number, rawCol: number, scoreCol: number, raw: string): string {
  const x = a1(row, rawCol);
  const stat = (statRow: number) => `${columnLetter(scoreCol)}$${statRow + 1}`;
  const [min, max, mean, sd, count] = [SCORING.minRow, SCORING.maxRow, SCORING.meanRow, SCORING.sdRow, SCORING.countRow].map(stat);
  let unit: string; // position on 0..1
  if (criterion.method === "minmax") {
    unit = `IF(${max}=${min},0.5,(${x}-${min})/(${max}-${min}))`;
  } else if (criterion.method === "percentile") {
    unit = `IF(${count}<=1,0.5,(COUNTIF(${raw},"<"&${x})+(COUNTIF(${raw},${x})-1)/2)/(${count}-1))`;
  } else {
    unit = `IF(${sd}=0,0.5,(MAX(-${Z_CLIP},MIN(${Z_CLIP},(${x}-${mean})/${sd}))+${Z_CLIP})/${2 * Z_CLIP})`;
  }
  const span = SCALE_HIGH - SCALE_LOW;
  const score = `${SCALE_LOW}+${span}*IF(${stat(SCORING.directionRow)}="cost",1-${unit},${unit})`;
  // The Lifetime value column is a formula: its only text is the words "no finite value" (a
  // churn outside 0–1, or no discount on a customer who never leaves), which score as a blank,
  // as the core leaves that customer's value out; in a typed column, text is a number stored
  // as text and must not pass for a blank (row 3 names the cell).
  if (criterion.derived === "clv") return `=IF(ISNUMBER(${x}),${score},"")`;
  return `=IF(ISTEXT(${x}),NA(),IF(ISNUMBER(${x}),${score},""))`;
}

/** Manual scores of customers that left the table, kept under it (and read back). */
function writeOrphans(sheet: SheetBuilder, model: Model, orphans: [string, string, number][]): void {
  if (orphans.length === 0) return;
  // Under the spare rows the figures read, so these names are never taken for customers.
  const titleRow = model.end + 2;
  sheet.set(titleRow, 0, { value: "Manual scores from the previous build for customers no longer in the table (kept here, not used):", style: "warning" });
  sheet.row(titleRow + 1, 0, ORPHAN_HEADER.map((value) => ({ value, style: "header" as const })));
  orphans.forEach(([name, label, v], i) => sheet.row(titleRow + 2 + i, 0, [{ value: name }, { value: label }, { value: v }]));
}

// ---------------------------------------------------------------- read-back

const num = (v: Scalar | undefined): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const nameKey = (name: string | number) => String(name).trim().toLowerCase();

/** Columns of manual scores: [column, criterion label], from the criterion row and the table header. */
function manualColumns(grid: Scalar[][]): [number, string][] {
  const labels = grid[SCORING.criterionRow] ?? [];
  const header = grid[SCORING.headerRow] ?? [];
  return labels.flatMap((label, c): [number, string][] => (c > 0 && typeof label === "string" && label !== "" && isManualHeader(header[c], label) ? [[c, label]] : []));
}

/** Weights, directions and scalings above each score column. */
function readCriteria(grid: Scalar[][]): Pick<PreviousInputs, "weights" | "directions" | "methods"> {
  const row = (r: number) => grid[r] ?? [];
  const weights: Record<string, number> = {};
  const directions: Record<string, string> = {};
  const methods: Record<string, ScaleMethod> = {};
  row(SCORING.criterionRow).forEach((label, c) => {
    if (c === 0 || typeof label !== "string" || label === "") return;
    const w = num(row(SCORING.weightRow)[c]);
    if (w !== undefined) weights[label] = w;
    const d = row(SCORING.directionRow)[c];
    if (typeof d === "string" && /^(benefit|cost)$/i.test(d.trim())) directions[label] = d.trim().toLowerCase();
    const m = (Object.keys(METHOD_LABEL) as ScaleMethod[]).find((k) => METHOD_LABEL[k] === row(SCORING.methodRow)[c]);
    if (m) methods[label] = m;
  });
  return { weights, directions, methods };
}

/** Manual scores by customer, from the table and from the block of kept scores under it (the table's win). */
function readManualScores(grid: Scalar[][], columns: [number, string][]): Pick<PreviousInputs, "manual" | "displayNames"> {
  const manual: Record<string, Record<string, number>> = {};
  const displayNames: Record<string, string> = {};
  for (let r = SCORING.headerRow + 1; r < grid.length; r++) {
    const name = grid[r]?.[SCORING.nameCol];
    if ((typeof name !== "string" && typeof name !== "number") || String(name).trim() === "") break; // end of the table
    for (const [c, label] of columns) {
      const v = num(grid[r][c]);
      if (v === undefined) continue;
      (manual[nameKey(name)] ??= {})[label] = v;
      displayNames[nameKey(name)] = String(name).trim();
    }
  }
  // Scores kept from an earlier build for customers that had left the table: read them back
  // too, so they survive any number of rebuilds (and return if the customer comes back).
  const kept = grid.findIndex((r, i) => i > SCORING.headerRow && ORPHAN_HEADER.every((h, c) => r?.[c] === h));
  for (let r = kept < 0 ? grid.length : kept + 1; r < grid.length; r++) {
    const [name, label, v] = grid[r] ?? [];
    if ((typeof name !== "string" && typeof name !== "number") || typeof label !== "string" || num(v) === undefined) break;
    if (manual[nameKey(name)]?.[label] !== undefined) continue; // a score in the table wins
    (manual[nameKey(name)] ??= {})[label] = num(v)!;
    displayNames[nameKey(name)] ??= String(name).trim();
  }
  return { manual, displayNames };
}

function readScoring(grid: Scalar[][]): Partial<PreviousInputs> {
  const columns = manualColumns(grid);
  const ruleLabel = grid[SCORING.ruleRow]?.[0];
  return {
    ...readCriteria(grid),
    manualLabels: columns.map(([, label]) => label),
    ...readManualScores(grid, columns),
    keyRuleKind: KEY_RULE_KINDS.find((k) => RULE_LABELS[k] === ruleLabel),
    keyRuleValue: num(grid[SCORING.ruleRow]?.[SCORING.valueCol]),
    clvDiscount: grid[SCORING.discountRow]?.[0] === DISCOUNT_LABEL ? num(grid[SCORING.discountRow]?.[SCORING.valueCol]) : undefined,
  };
}

export const scoringSheet = defineSheet({
  role: "scoring",
  defaultName: "KAM Scoring",
  tabColor: "#0F6C6C",
  layout: SCORING,
  build: buildScoring,
  readBack: {
    headRows: SCORING.headerRow + 1,
    // Names and the block of kept scores (A:C), and the manual-score columns.
    columnsBelow: (head) => [...new Set([SCORING.nameCol, ...ORPHAN_HEADER.map((_, c) => c), ...manualColumns(head).map(([c]) => c)])],
    read: readScoring,
  },
});
