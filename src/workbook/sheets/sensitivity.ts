/**
 * The KAM Sensitivity sheet (issue 13): how sure is the key set? Per criterion the range of its
 * weight share that keeps today's key set (tornado chart, most critical criterion named); per
 * customer the probability of being key when the weights are debatable, labelled stable or
 * contested (bar chart); the churn-loss distribution (expected loss, VaR, expected shortfall,
 * P(operating profit < 0), exceedance curve).
 *
 * The figures are computed by the core at the build (`sensitivityReport`, the same code as the
 * KAM.WEIGHTRANGE / KEYPROB / LOSSVAR functions) and written as values: no portable formula
 * can compute them. So the sheet is never silently stale, it stamps the inputs it used and a
 * formula compares them with the inputs now: the weights and the key-account count one by one,
 * the fixed costs, the number of customers, and per customer a check value of the scores (Σ c_k ·
 * score_k with c_k the square roots of the first primes, so no edit of whole scores cancels out),
 * the margin and the churn probability. Any difference beyond rounding, or an error (a deleted
 * row), turns the status cell to "out of date: refresh".
 */
import {
  CONTESTED_HIGH,
  CONTESTED_LOW,
  type LossAnalysis,
  type SensitivityReport,
  sensitivityReport,
  type WeightAnalysis,
} from "../../core/sensitivity-report";
import { type Model, noteExcluded } from "../model";
import { a1, type CellPlan, sheetRef } from "../plan";
import { SheetBuilder } from "../sheet-builder";
import { LOSS } from "./loss";
import { SCORING } from "./scoring";
import { type BuildSettings, defineSheet, type SheetContext } from "./spec";

/** Layout: 0-based rows of the fixed part; the blocks below follow one another. */
export const SENSITIVITY = {
  statusRow: 3,
  inputsTitleRow: 5,
  inputsHeaderRow: 6,
  keyCountRow: 7,
  fixedCostsRow: 8,
  customersRow: 9,
  changedRow: 10,
  weightsChangedRow: 11,
  rangesTitleRow: 13,
  /** Label column A, "used" column B, "now" column C. */
  usedCol: 1,
  nowCol: 2,
} as const;

export const UP_TO_DATE = "up to date";
export const OUT_OF_DATE = "out of date: refresh (build again)";

/** Relative tolerance of the staleness comparisons: far above engines' rounding, far below any edit. */
export const CHECK_TOLERANCE = 1e-9;

/** Customers shown in the key-probability bar chart (the most likely first). */
export const CHART_CUSTOMERS = 25;

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];

/**
 * Coefficient of criterion k in a customer's score check: √(k-th prime) rounded to 12
 * decimals, so the sheet's literal and the core's number are the same double. Square roots of
 * distinct primes are linearly independent over the rationals: whole-number edits cannot cancel.
 */
export function checkCoefficient(k: number): number {
  const p = k < PRIMES.length ? PRIMES[k] : 101 + 2 * k;
  return Math.round(Math.sqrt(p) * 1e12) / 1e12;
}

/** The score check of one customer as the sheet computes it: Σ c_k·N(score_k), blank as 0. */
export function scoreCheck(scores: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < scores.length; k++) s += checkCoefficient(k) * (Number.isFinite(scores[k]) ? scores[k] : 0);
  return s;
}

/** "|now − used| > tolerance" as a formula (true when changed). */
const changed = (now: string, used: string) => `ABS(${now}-${used})>${CHECK_TOLERANCE}*(1+ABS(${used}))`;

const pct = "0.0%";
const money = "#,##0";

/** The helper block's columns, right of the report: per customer in scoring-table order. */
const HELPER_HEADERS = ["Customer (as built)", "Score check now", "Score check used", "Margin now", "Margin used", "Churn now", "Churn used"] as const;

function report(model: Model, settings: BuildSettings): SensitivityReport {
  const { customers, input } = model;
  return sensitivityReport({
    criteria: input.criteria.map((c) => c.label),
    weights: settings.weights,
    scores: settings.scores.scores,
    customers: customers.length,
    keyCount: settings.keyCount,
    margins: model.hasMargin ? customers.map((c) => c.margin) : undefined,
    churn: model.hasChurn ? customers.map((c) => c.churn) : undefined,
    fixedCosts: settings.fixedCosts,
  });
}

function buildSensitivity({ model, settings }: SheetContext): SheetBuilder {
  const sheet = new SheetBuilder(model.names.sensitivity);
  const r = report(model, settings);
  sheet.set(0, 0, { value: "Sensitivity: how sure is the key set?", style: "title" });
  sheet.set(1, 0, {
    value: `Computed by the add-in at the build${model.input.builtOn ? ` on ${model.input.builtOn}` : ""}: these figures are values, not formulas. The status below compares the inputs now with those used; build again to refresh.`,
    style: "subtitle",
  });
  noteExcluded(sheet, model);
  const helperCol = 12;
  const helper = writeHelper(sheet, model, settings, helperCol);
  let next = writeRanges(sheet, model, settings, r.weights, r.weightProblem);
  next = writeKeyProbabilities(sheet, model, r.weights, next + 1);
  writeLoss(sheet, r.loss, r.lossProblem, next + 1);
  writeInputs(sheet, model, settings, r.weights, helper);
  sheet.columnWidths = [40, 14, 14, 13, 13, 13, 13, 13, 3, 3, 3, 3, 28, 13, 13, 13, 13, 11, 11];
  sheet.freeze = { rows: SENSITIVITY.statusRow + 1, cols: 0 };
  return sheet;
}

/** The inputs used, the inputs now, and the status cell. */
function writeInputs(sheet: SheetBuilder, model: Model, settings: BuildSettings, weights: WeightAnalysis | undefined, helper: HelperRanges): void {
  const S = SENSITIVITY;
  const scoring = sheetRef(model.names.scoring);
  const used = (row: number) => a1(row, S.usedCol, true);
  const now = (row: number) => a1(row, S.nowCol, true);
  sheet.set(S.inputsTitleRow, 0, { value: "Inputs used at the build, and now", style: "section" });
  sheet.row(S.inputsHeaderRow, 0, [
    { value: "Input", style: "header" },
    { value: "Used", style: "header" },
    { value: "Now", style: "header" },
  ]);
  sheet.row(S.keyCountRow, 0, [
    { value: "Key accounts (n)", style: "label" },
    { value: settings.keyCount },
    { formula: `=${scoring}${a1(SCORING.keyCountRow, SCORING.valueCol, true)}` },
  ]);
  sheet.row(S.fixedCostsRow, 0, [
    { value: "Annual fixed costs", style: "label" },
    { value: settings.fixedCosts, format: money },
    { formula: `=${sheetRef(model.names.loss)}${a1(LOSS.fixedRow, LOSS.valueCol, true)}`, format: money },
  ]);
  sheet.row(S.customersRow, 0, [
    { value: "Customers in the scoring table", style: "label" },
    { value: model.customers.length },
    // The range starts at the header row (so inserted and appended customers count): less the header.
    { formula: `=COUNTA(${model.range(SCORING.nameCol)})-1` },
  ]);
  const checks = helper.checks.length > 0 ? `SUMPRODUCT(((${helper.checks.join(")+(")})>0)*1)` : "0";
  sheet.row(S.changedRow, 0, [
    { value: "Customers whose scores, margin or churn changed", style: "label" },
    { value: 0 },
    { formula: `=${checks}` },
  ]);
  const weightsChanged = weights === undefined || weights.ranges.length === 0 ? "0" : `SUMPRODUCT((${changed(weightRange(S.nowCol, model), weightRange(S.usedCol, model))})*1)`;
  sheet.row(S.weightsChangedRow, 0, [
    { value: "Weights changed", style: "label" },
    { value: 0 },
    { formula: `=${weightsChanged}` },
  ]);
  const same = [
    `${now(S.keyCountRow)}=${used(S.keyCountRow)}`,
    `NOT(${changed(now(S.fixedCostsRow), used(S.fixedCostsRow))})`,
    `${now(S.customersRow)}=${used(S.customersRow)}`,
    `${now(S.changedRow)}=0`,
    `${now(S.weightsChangedRow)}=0`,
  ];
  sheet.row(S.statusRow, 0, [
    { value: "Status", style: "label" },
    { formula: `=IFERROR(IF(AND(${same.join(",")}),"${UP_TO_DATE}","${OUT_OF_DATE}"),"${OUT_OF_DATE}")`, style: "warning" },
  ]);
}

/** Rows of the weight-range table: header, then one per criterion. */
const rangesHeaderRow = SENSITIVITY.rangesTitleRow + 3;
const weightRange = (col: number, model: Model) => `${a1(rangesHeaderRow + 1, col, true)}:${a1(rangesHeaderRow + model.input.criteria.length, col, true)}`;

/** The weight-range block's title and the sentence on the most critical criterion. */
function writeRangesIntro(sheet: SheetBuilder, model: Model, w: WeightAnalysis | undefined, problem: string | undefined): void {
  const S = SENSITIVITY;
  const criteria = model.input.criteria;
  sheet.set(S.rangesTitleRow, 0, { value: "Weight ranges: how far each weight's share can move before the key set changes", style: "section" });
  if (w === undefined) {
    sheet.set(S.rangesTitleRow + 1, 0, { value: problem ?? "No weight analysis.", style: "warning" });
    return;
  }
  const left = model.customers.length - w.included.length;
  sheet.set(S.rangesTitleRow + 1, 0, {
    value: `Key set: the top ${w.n} of ${w.included.length} customers by weighted score${left > 0 ? ` (${left} without a score on every criterion left out)` : ""}. A share is the criterion's weight over all weights; the other weights keep their proportions (KAM.WEIGHTRANGE).${model.input.keyRule.kind === "share" ? " Note: your rule picks key accounts by revenue share, so weights do not change it; this shows the top n by score." : ""}`,
    style: "note",
  });
  const c = w.critical;
  if (c === undefined) {
    sheet.labelled(S.rangesTitleRow + 2, "Most critical criterion", { value: "none: no single weight changes the key set", style: "output" });
    return;
  }
  const range = w.ranges[c.criterion]!;
  const shown = (x: number) => `${(100 * x).toFixed(1)}%`;
  sheet.labelled(
    S.rangesTitleRow + 2,
    "Most critical criterion",
    { value: criteria[c.criterion].label, style: "output" },
    `Its share can ${c.direction === "up" ? "rise" : "fall"} from ${shown(range.current)} to ${shown(c.direction === "up" ? range.highest : range.lowest)} (${(100 * c.room).toFixed(1)} points) before the key set changes.`,
  );
}

/** One row per criterion: weights used and now, the share range and the room down/up (the tornado's bars). */
function writeRangeRows(sheet: SheetBuilder, model: Model, settings: BuildSettings, w: WeightAnalysis | undefined): void {
  const header = ["Criterion", "Weight used", "Weight now", "Lowest share", "Share today", "Highest share", "Change down", "Change up"];
  sheet.row(rangesHeaderRow, 0, header.map((h) => ({ value: h, style: "header" as const })));
  const scoring = sheetRef(model.names.scoring);
  model.input.criteria.forEach((crit, k) => {
    const range = w?.ranges[k];
    const cells: CellPlan[] = [
      { value: crit.label, style: "label" },
      { value: settings.weights[k] },
      { formula: `=${scoring}${a1(SCORING.weightRow, model.scoreCols[k], true)}` },
    ];
    if (range !== undefined) {
      const lowest = Number.isNaN(range.lowest) ? 0 : range.lowest;
      cells.push(
        Number.isNaN(range.lowest) ? { value: "none" } : { value: range.lowest, format: pct },
        { value: range.current, format: pct },
        { value: range.highest, format: pct },
        // The tornado: from the lowest to the highest share, around today's (0).
        { value: lowest - range.current, format: pct },
        { value: range.highest - range.current, format: pct },
      );
    }
    sheet.row(rangesHeaderRow + 1 + k, 0, cells);
  });
}

/** Per criterion: weights used and now, the share range, room down/up, and the tornado chart. Returns the next free row. */
function writeRanges(sheet: SheetBuilder, model: Model, settings: BuildSettings, w: WeightAnalysis | undefined, problem: string | undefined): number {
  const count = model.input.criteria.length;
  writeRangesIntro(sheet, model, w, problem);
  writeRangeRows(sheet, model, settings, w);
  const last = rangesHeaderRow + count;
  if (w === undefined || count === 0) return last + 1;
  const chartRows = Math.max(8, count + 4);
  sheet.charts.push({
    kind: "bar",
    title: "Tornado: change in each criterion's share that keeps the key set",
    data: { row: rangesHeaderRow, col: 0, rows: count + 1, cols: 1 },
    series: [
      { name: "Change down", values: { row: rangesHeaderRow + 1, col: 6, rows: count, cols: 1 } },
      { name: "Change up", values: { row: rangesHeaderRow + 1, col: 7, rows: count, cols: 1 } },
    ],
    anchor: { row: last + 2, col: 0, rows: chartRows, cols: 6 },
    xTitle: "Criterion",
    yTitle: "Change in share (points of 100%)",
  });
  return last + 2 + chartRows;
}

/** Per customer, most likely key first: key today, probability, label; a bar chart of the first ones. */
function writeKeyProbabilities(sheet: SheetBuilder, model: Model, w: WeightAnalysis | undefined, titleRow: number): number {
  sheet.set(titleRow, 0, { value: "Key-set probability: how likely each customer is to be key if the weights are debatable", style: "section" });
  if (w === undefined) return titleRow + 1;
  sheet.set(titleRow + 1, 0, {
    value: `Each weight drawn uniformly within ±${100 * w.spread}% of today's, then rescaled; ${w.samples.toLocaleString("en-US")} draws (seed ${w.seed}, standard error at most ${w.standardError.toFixed(3)}); SMAA-2, Lahdelma & Salminen 2001 (KAM.KEYPROB). Contested: between ${CONTESTED_LOW * 100}% and ${CONTESTED_HIGH * 100}%.`,
    style: "note",
  });
  const header = titleRow + 2;
  sheet.row(header, 0, ["Customer", "Key today", "Key probability", "Stable / contested"].map((h) => ({ value: h, style: "header" as const })));
  const order = w.included.map((_, r) => r).sort((a, b) => w.probability[b] - w.probability[a] || a - b);
  order.forEach((r, k) => {
    sheet.row(header + 1 + k, 0, [
      { value: model.customers[w.included[r]].name },
      { value: w.keyToday[r] ? "yes" : "no" },
      { value: w.probability[r], format: pct },
      { value: w.label[r], style: w.label[r] === "contested" ? "warning" : undefined },
    ]);
  });
  const shown = Math.min(CHART_CUSTOMERS, order.length);
  sheet.charts.push({
    kind: "column",
    title: `Key-set probability${order.length > shown ? ` (the ${shown} most likely)` : ""}`,
    data: { row: header, col: 0, rows: shown + 1, cols: 1 },
    series: [{ name: "Key probability", values: { row: header + 1, col: 2, rows: shown, cols: 1 } }],
    anchor: { row: header, col: 4, rows: 14, cols: 4 },
    xTitle: "Customer",
    yTitle: "Probability of being key",
  });
  return header + 1 + Math.max(order.length, 15);
}

/** Expected loss, VaR and expected shortfall, P(operating profit < 0), and the P(loss ≥ x) curve. */
function writeLoss(sheet: SheetBuilder, loss: LossAnalysis | undefined, problem: string | undefined, titleRow: number): void {
  sheet.set(titleRow, 0, { value: "Churn-loss risk: the margin lost if customers leave as their churn probabilities say", style: "section" });
  if (loss === undefined) {
    sheet.set(titleRow + 1, 0, { value: problem ?? "No churn-loss analysis.", style: "warning" });
    return;
  }
  const notes = [
    loss.exact ? "Exact distribution (customers leave independently; KAM.LOSSVAR)." : `Approximate: each loss within ${Math.round(loss.lossError).toLocaleString("en-US")} (0.1% of the margins) of the exact one.`,
    loss.blankChurn > 0 ? `${loss.blankChurn} customer${loss.blankChurn === 1 ? "" : "s"} without a churn probability counted as not leaving.` : "",
    loss.blankMargin > 0 ? `${loss.blankMargin} customer${loss.blankMargin === 1 ? "" : "s"} without a margin counted as 0.` : "",
  ];
  sheet.set(titleRow + 1, 0, { value: notes.filter(Boolean).join(" "), style: "note" });
  let row = titleRow + 2;
  sheet.labelled(row++, "Expected loss (Σ margin × churn probability)", { value: loss.expectedLoss, format: money, style: "output" });
  sheet.labelled(row++, "Operating profit today (margin − fixed costs)", { value: loss.profitToday, format: money, style: "output" });
  sheet.labelled(row++, "P(operating profit < 0 after churn)", { value: loss.profitNegative, format: "0.00%", style: "output" });
  row++;
  sheet.row(row++, 0, ["Confidence", "Value at risk", "Expected shortfall"].map((h) => ({ value: h, style: "header" as const })));
  for (const l of loss.levels) {
    sheet.row(row++, 0, [{ value: l.confidence, format: "0%" }, { value: l.valueAtRisk, format: money, style: "output" }, { value: l.expectedShortfall, format: money, style: "output" }]);
  }
  sheet.set(row++, 0, { value: "Value at risk: the loss not exceeded with that confidence. Expected shortfall: the mean loss in the worst (1 − confidence) of cases.", style: "note" });
  row++;
  const header = row;
  sheet.row(header, 0, [
    { value: "Loss of at least", style: "header" },
    { value: "Probability", style: "header" },
  ]);
  loss.exceedance.forEach(([x, p], k) => sheet.row(header + 1 + k, 0, [{ value: x, format: money }, { value: p, format: "0.0%" }]));
  sheet.charts.push({
    kind: "line",
    title: "Probability of losing at least this much margin to churn",
    data: { row: header, col: 0, rows: loss.exceedance.length + 1, cols: 1 },
    series: [{ name: "Probability", values: { row: header + 1, col: 1, rows: loss.exceedance.length, cols: 1 } }],
    anchor: { row: header, col: 3, rows: 14, cols: 5 },
    xTitle: "Loss",
    yTitle: "Probability",
  });
}

interface HelperRanges {
  /** "changed" conditions over whole columns, one per input kind. */
  checks: string[];
}

/** Per customer in scoring-table order: each input now (formula) beside its value used at the build. */
function writeHelper(sheet: SheetBuilder, model: Model, settings: BuildSettings, firstCol: number): HelperRanges {
  const titleRow = SENSITIVITY.inputsTitleRow;
  const header = titleRow + 1;
  const n = model.customers.length;
  sheet.set(titleRow, firstCol, { value: "Check: each customer's inputs now and at the build (do not edit)", style: "note" });
  const headers = HELPER_HEADERS.filter((h) => (h.startsWith("Margin") ? model.hasMargin : h.startsWith("Churn") ? model.hasChurn : true));
  sheet.row(header, firstCol, headers.map((h) => ({ value: h, style: "header" as const })));
  const scoring = sheetRef(model.names.scoring);
  const scores = settings.scores.scores;
  const first = header + 1;
  const last = first + Math.max(n, 1) - 1;
  const column = (c: number) => `${a1(first, firstCol + c, true)}:${a1(last, firstCol + c, true)}`;
  for (let i = 0; i < n; i++) {
    const source = model.first + i;
    const customer = model.customers[i];
    const live = model.scoreCols.map((col, k) => `${checkCoefficient(k)}*N(${scoring}${a1(source, col)})`).join("+");
    const cells: CellPlan[] = [
      { value: customer.name },
      { formula: `=${live || "0"}` },
      { value: scoreCheck(scores.map((s) => s[i])) },
    ];
    if (model.hasMargin) cells.push({ formula: `=N(${scoring}${a1(source, model.col("margin"))})`, format: money }, { value: customer.margin ?? 0, format: money });
    if (model.hasChurn) cells.push({ formula: `=N(${scoring}${a1(source, model.col("churn"))})` }, { value: customer.churn ?? 0 });
    sheet.row(first + i, firstCol, cells);
  }
  if (n === 0) return { checks: [] };
  const checks = [changed(column(1), column(2))];
  let c = 3;
  if (model.hasMargin) {
    checks.push(changed(column(c), column(c + 1)));
    c += 2;
  }
  if (model.hasChurn) checks.push(changed(column(c), column(c + 1)));
  return { checks };
}

export const sensitivitySheet = defineSheet({
  role: "sensitivity",
  defaultName: "KAM Sensitivity",
  tabColor: "#6B4C9A",
  layout: SENSITIVITY,
  include: (input) => input.sensitivity === true,
  build: buildSensitivity,
});
