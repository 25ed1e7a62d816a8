/**
 * The key-account portfolio sheet: each customer's attractiveness and our strength with it,
 * computed from the scoring sheet's 1–10 scores with a weight per axis, the portfolio box
 * (Strategic, Star, Status, Streamline) by the cuts, counts and revenue per box with the
 * strategy in words, and a bubble chart (x strength, y attractiveness, size revenue).
 *
 * Every customer row reads the scoring sheet by position with INDEX (row k here is row k of
 * the scoring table), so a sort or an edit on the scoring sheet is followed, and a deleted
 * scoring row leaves a blank here rather than #REF!. Formulas are portable: no dynamic
 * arrays, no KAM.*, nothing volatile.
 */
import { type Axis, axisWeights, type AxisWeights, defaultAxis, emptyAxes } from "../../core/portfolio-axes";
import { DEFAULT_CUT, quadrant, QUADRANT_STRATEGY, QUADRANTS } from "../../core/portfolio";
import { quadrantFormula } from "../../core/review-formulas";
import { nameKey, stability } from "../../core/review";
import { weightedScore } from "../../core/scoring";
import type { CoreScores } from "../build";
import { schemeFingerprint, type ScoringScheme, type Snapshot } from "../../core/history";
import { latestComparable, type PeriodReview, reviewPeriods } from "../close-quarter";
import { moversFormulas, reviewRefs } from "../review-columns";
import { a1, type CellPlan, columnLetter, type Literal, type Scalar } from "../plan";
import { SheetBuilder } from "../sheet-builder";
import { customerRows } from "./columns";
import { defineSheet, type SheetContext } from "./spec";
import { checkRefs, clean, type CriterionSpec, KEY_LABEL, type Model, noteExcluded, type PortfolioInputs, TOTAL_DECIMALS } from "../model";

/** Layout of the portfolio sheet (0-based rows and columns). */
export const PORTFOLIO = {
  attractivenessCutRow: 3,
  strengthCutRow: 4,
  criterionRow: 6,
  attractivenessWeightRow: 7,
  strengthWeightRow: 8,
  quadrantHeaderRow: 10,
  /** Rows of the four boxes, in the order of QUADRANTS, then the row of customers in no box. */
  firstQuadrantRow: 11,
  unplacedRow: 15,
  /** The review since the last closed period (when there is a history). */
  reviewTitleRow: 17,
  lastPeriodRow: 18,
  comparedRow: 19,
  keyNowRow: 20,
  keyThenRow: 21,
  stayedRow: 22,
  enteredRow: 23,
  leftRow: 24,
  stabilityRow: 25,
  /** The closed periods, from column D of the review rows: the last `periodRows`. */
  periodsCol: 3,
  periodRows: 10,
  headerRow: 30,
  /** Columns of the customer table. */
  nameCol: 0,
  revenueCol: 1,
  keyCol: 2,
  attractivenessCol: 3,
  strengthCol: 4,
  quadrantCol: 5,
  labelCol: 6,
  firstScoreCol: 7,
} as const;

export const PORTFOLIO_HEADER = ["Customer", "Revenue", "Key account", "Attractiveness", "Strength", "Quadrant", "Chart label"] as const;
export const QUADRANT_SUMMARY_HEADER = ["Quadrant", "Customers", "Revenue", "Revenue share", "Strategy"] as const;
/** Rows of the chart (customers and spare rows) up to which its points carry the key accounts' names. */
export const LABELLED_POINTS = 1_000;
/** The chart's columns, right of the scores after a gap: strength, attractiveness, revenue, #N/A where nothing is plotted. */
export const CHART_HEADER = ["Chart: strength", "Chart: attractiveness", "Chart: revenue"] as const;

/** What the portfolio sheet needs beyond the model: per-criterion axis weights and the cuts. */
export interface PortfolioSettings {
  /** One per criterion of the model, in its order. */
  weights: AxisWeights[];
  attractivenessCut: number;
  strengthCut: number;
}

export const DEFAULT_PORTFOLIO_CUTS = { attractivenessCut: DEFAULT_CUT, strengthCut: DEFAULT_CUT } as const;

/** The closed periods the review block shows and compares with (see review-columns.ts). */
export interface ReviewSettings {
  /** The last closed period (movers and stability). */
  last?: string;
  /** The latest closed period under the build's scoring scheme (scores and trends). */
  compared?: string;
  /** One line per closed period, oldest first. */
  periods: PeriodReview[];
}

/** The scoring scheme of a build as a snapshot records it: manual criteria count as benefit. */
export function buildScheme(criteria: readonly CriterionSpec[]): ScoringScheme {
  return { criteria: criteria.map((c) => ({ name: c.label, direction: c.kind === "manual" ? "benefit" : c.direction, weight: c.weight })) };
}

export function reviewSettings(history: readonly Snapshot[], criteria: readonly CriterionSpec[]): ReviewSettings {
  if (history.length === 0) return { periods: [] };
  let fingerprint: string | undefined;
  try {
    fingerprint = schemeFingerprint(buildScheme(criteria));
  } catch {
    fingerprint = undefined; // no criteria or all weights 0: nothing is comparable
  }
  return {
    last: history[history.length - 1].period,
    compared: fingerprint === undefined ? undefined : latestComparable(history, fingerprint)?.period,
    periods: reviewPeriods(history),
  };
}

export const PERIODS_HEADER = ["Period", "Date", "Scheme", "Same scheme as before", "Key accounts", "Stability", "In", "Out"] as const;

/** What the core computes for each customer of the portfolio: the two axes (NaN: not placed) and the box. */
export interface PortfolioFigures {
  attractiveness: number[];
  strength: number[];
  quadrant: (string | undefined)[];
}

/** Each customer's axes and box, as the sheet's formulas compute them from the core's 1–10 scores. */
export function portfolioFigures(m: Model, p: PortfolioSettings, scores: CoreScores): PortfolioFigures {
  const axis = (i: number, pick: (w: AxisWeights) => number): number => {
    try {
      return weightedScore(Float64Array.from(scores.scores, (sc) => sc[i]), p.weights.map(pick), "skip");
    } catch {
      return NaN; // no score on this axis (or its weights add up to 0): not placed
    }
  };
  const attractiveness = m.customers.map((_, i) => axis(i, (w) => w.attractiveness));
  const strength = m.customers.map((_, i) => axis(i, (w) => w.strength));
  const placed = (i: number) => !Number.isNaN(attractiveness[i]) && !Number.isNaN(strength[i]);
  return {
    attractiveness,
    strength,
    quadrant: m.customers.map((_, i) => (placed(i) ? quadrant(attractiveness[i], strength[i], p.attractivenessCut, p.strengthCut) : undefined)),
  };
}

/** Columns right of the scores: a gap, the chart's three columns, and (with a history) the running count of key accounts that came in. */
export function portfolioHelperColumns(m: Model): { chart: number; cameIn: number; last: number } {
  const chart = PORTFOLIO.firstScoreCol + m.input.criteria.length + 1;
  return { chart, cameIn: chart + CHART_HEADER.length, last: chart + CHART_HEADER.length - (m.historySheet ? 0 : 1) };
}

export function buildPortfolio(m: Model, name: string, p: PortfolioSettings, review: ReviewSettings = { periods: [] }, scores?: CoreScores): SheetBuilder {
  const s = new SheetBuilder(name);
  const figures = scores ? portfolioFigures(m, p, scores) : undefined;
  writeHead(s, m, p);
  const rows = writeCustomerRows(s, m, figures, scores);
  writeQuadrantSummary(s, m, rows, figures);
  if (m.historySheet) writeReview(s, m, review, scores);
  addPortfolioChart(s, m, p, rows);
  const headers = PORTFOLIO_HEADER.length + m.scoreCols.length;
  if (m.customers.length > 0) s.tables.push({ name: "KAMPortfolio", row: PORTFOLIO.headerRow, col: 0, rows: Math.max(m.customers.length, 1) + 1, cols: headers });
  s.freeze = { rows: PORTFOLIO.headerRow + 1, cols: 1 };
  // Printed: the customers of the build (the spare rows under them are blank until one is appended).
  s.printRows = PORTFOLIO.headerRow + 1 + Math.max(m.customers.length, 1);
  s.columnWidths = [34, 14, 13, 14, 12, 12, 16, ...m.input.criteria.map(() => 11), 3, 12, 12, 14, 12];
  return s;
}

/** Title, the cuts, and each criterion's weights on the two axes. */
function writeHead(s: SheetBuilder, m: Model, p: PortfolioSettings): void {
  const P = PORTFOLIO;
  s.set(0, 0, { value: "Key-account portfolio", style: "title" });
  s.set(1, 0, {
    value: `Attractiveness (what the account is worth to us) against our relative strength with it, from the scores on ${m.names.scoring}. Change the cuts or the weights per axis: boxes, counts and the chart follow.`,
    style: "subtitle",
  });
  noteExcluded(s, m);
  s.labelled(P.attractivenessCutRow, "Attractiveness cut (high at or above)", { value: p.attractivenessCut, style: "input", format: "0.0" }, "1–10 scale; 5.5 is its middle");
  s.labelled(P.strengthCutRow, "Strength cut (strong at or above)", { value: p.strengthCut, style: "input", format: "0.0" });
  const empty = emptyAxes(p.weights);
  if (empty.length > 0) {
    s.set(5, 0, { value: `No criterion weighs on ${empty.join(" or ")}: give one a weight in rows ${P.attractivenessWeightRow + 1}–${P.strengthWeightRow + 1} (e.g. a manual "Relationship" criterion); until then no customer is placed.`, style: "warning" });
  }
  s.set(P.criterionRow, 0, { value: "Criterion", style: "label" });
  s.set(P.attractivenessWeightRow, 0, { value: "Weight on attractiveness", style: "label" });
  s.set(P.strengthWeightRow, 0, { value: "Weight on strength", style: "label" });
  s.set(P.criterionRow, P.labelCol, { value: "Weights are used in proportion; 0 or blank: not on that axis.", style: "note" });
  m.input.criteria.forEach((c, j) => {
    const col = P.firstScoreCol + j;
    s.set(P.criterionRow, col, { value: c.label, style: "header" });
    s.set(P.attractivenessWeightRow, col, { value: p.weights[j].attractiveness, style: "input" });
    s.set(P.strengthWeightRow, col, { value: p.weights[j].strength, style: "input" });
  });
}

type Rows = ReturnType<typeof customerRows>;
const NA_RESULT = { code: "#N/A" } as const;
const orBlank = (x: number | undefined): Literal => (x === undefined || Number.isNaN(x) ? "" : x);

/**
 * Customer table: one row per row of the scoring ranges (the table and the spare rows under
 * it, from the header row down), read by position, so a sort, an inserted, appended or
 * deleted row on the scoring sheet is followed; rows past the customers stay blank. While
 * the scoring sheet flags a problem (a customer under the table without its formulas, a
 * number stored as text), every figure that depends on it is #N/A and row 3 says why.
 */
function writeCustomerRows(s: SheetBuilder, m: Model, figures: PortfolioFigures | undefined, scores: CoreScores | undefined): Rows {
  const P = PORTFOLIO;
  const rows = customerRows(m, P.headerRow + 1);
  const headers = [...PORTFOLIO_HEADER, ...m.scoreCols.map((sc) => m.columns[sc].header)];
  headers.forEach((h, c) => s.set(P.headerRow, c, { value: h, style: "header" }));
  const helper = portfolioHelperColumns(m);
  CHART_HEADER.forEach((h, c) => s.set(P.headerRow, helper.chart + c, { value: h, style: "header" }));
  if (m.historySheet) s.set(P.headerRow, helper.cameIn, { value: CAME_IN_HEADER, style: "header" });
  s.set(P.headerRow - 1, 0, {
    value: `The chart's data are in the grouped columns ${columnLetter(helper.chart)}–${columnLetter(helper.last)} (the + above the column letters shows them); #N/A there: not plotted.`,
    style: "note",
  });
  const formulas = customerRowFormulas(m);
  const cameInCells = (r: number): CellPlan[] => [{ formula: formulas.cameIn(r) }];
  let cameIn = 0;
  for (let r = rows.first; r <= rows.last; r++) {
    const i = r - rows.first;
    const result = i < m.customers.length ? customerResults(m, i, figures, scores) : undefined;
    s.filledRow(r, 0, formulas.main, (c) => result?.main[c] ?? "");
    s.filledRow(r, helper.chart, formulas.chart, (c) => result?.chart[c] ?? NA_RESULT);
    if (m.historySheet) {
      if (result?.cameIn) cameIn++;
      s.filledRow(r, helper.cameIn, cameInCells, () => cameIn);
    }
  }
  s.hiddenColumns.push({ col: helper.chart - 1, cols: helper.last - helper.chart + 2 });
  return rows;
}

export const CAME_IN_HEADER = "Came in (running count)";

/** The formulas of one customer row (sheet row `r`): the table's columns, the chart's, and the running count of key accounts that came in. */
function customerRowFormulas(m: Model) {
  const P = PORTFOLIO;
  const { problems } = checkRefs(m, false);
  const guard = (f: string) => `IF(${problems}>0,NA(),${f})`;
  const pos = `(ROW()-ROW(${a1(P.headerRow, P.nameCol, true)})+1)`;
  const lastScoreCol = P.firstScoreCol + m.input.criteria.length - 1;
  const at = (scoringCol: number): string => {
    const range = m.range(scoringCol);
    return `IF(ROWS(${range})<${pos},"",IF(INDEX(${range},${pos})="","",INDEX(${range},${pos})))`;
  };
  const text = (kind: "name" | "key" | "keyThen") => `IF(ROWS(${m.range(m.col(kind))})<${pos},"",INDEX(${m.range(m.col(kind))},${pos})&"")`;
  // A customer without revenue is absent, as from ranking and concentration: no axis, no box.
  const axis = (weightRow: number, r: number): string => {
    const w = `${a1(weightRow, P.firstScoreCol, true)}:${a1(weightRow, lastScoreCol, true)}`;
    const row = `${a1(r, P.firstScoreCol)}:${a1(r, lastScoreCol)}`;
    const den = `SUMPRODUCT(${w}*(${row}<>""))`;
    return `=${guard(`IF(OR(NOT(ISNUMBER(${a1(r, P.revenueCol)})),${den}=0),"",ROUND(SUMPRODUCT(${w},${row})/${den},${TOTAL_DECIMALS}))`)}`;
  };
  const cut = (row: number) => a1(row, 1, true);
  const revenue = m.range(m.col("revenue"));
  const plotted = (c: number, r: number) => `=IF(AND(ISNUMBER(${a1(r, P.attractivenessCol)}),ISNUMBER(${a1(r, P.strengthCol)})),${a1(r, c)},NA())`;
  const cameInCol = portfolioHelperColumns(m).cameIn;
  return {
    main: (r: number): CellPlan[] => [
      { formula: `=${text("name")}` },
      { formula: `=${guard(`IF(ROWS(${revenue})<${pos},"",IF(ISNUMBER(INDEX(${revenue},${pos})),INDEX(${revenue},${pos}),""))`)}`, format: "#,##0" },
      { formula: `=${text("key")}` },
      { formula: axis(P.attractivenessWeightRow, r), format: "0.00" },
      { formula: axis(P.strengthWeightRow, r), format: "0.00" },
      { formula: `=${quadrantFormula(a1(r, P.attractivenessCol), a1(r, P.strengthCol), cut(P.attractivenessCutRow), cut(P.strengthCutRow))}` },
      { formula: `=IF(${a1(r, P.keyCol)}="${KEY_LABEL}",${a1(r, P.nameCol)},"")` },
      ...m.scoreCols.map((sc): CellPlan => ({ formula: `=${at(sc)}`, format: "0.0" })),
    ],
    chart: (r: number): CellPlan[] => [
      { formula: plotted(P.strengthCol, r), format: "0.00" },
      { formula: plotted(P.attractivenessCol, r), format: "0.00" },
      { formula: plotted(P.revenueCol, r), format: "#,##0" },
    ],
    // Key account now and not then: the summary finds the k-th such customer by MATCH(k, this column, 0).
    cameIn: (r: number): string => {
      const above = a1(r - 1, cameInCol);
      return `=IF(ISNUMBER(${above}),${above},0)+IF(AND(${a1(r, P.keyCol)}="${KEY_LABEL}",${text("keyThen")}<>"${KEY_LABEL}"),1,0)`;
    },
  };
}

/** Customer `i`'s figures as the row's formulas show them on the freshly built sheet. */
function customerResults(m: Model, i: number, figures: PortfolioFigures | undefined, scores: CoreScores | undefined): { main: Literal[]; chart: (Literal | typeof NA_RESULT)[]; cameIn: boolean } | undefined {
  if (!figures || !scores) return undefined;
  const c = m.customers[i];
  const key = scores.key[i];
  const a = figures.attractiveness[i];
  const st = figures.strength[i];
  const placed = !Number.isNaN(a) && !Number.isNaN(st);
  const revenue = clean(c.revenue);
  return {
    main: [c.name, revenue, key ? KEY_LABEL : "", orBlank(a), orBlank(st), figures.quadrant[i] ?? "", key ? c.name : "", ...scores.scores.map((sc) => orBlank(sc[i]))],
    chart: placed ? [st, a, revenue] : [NA_RESULT, NA_RESULT, NA_RESULT],
    cameIn: key && !keyThen(m, i),
  };
}

/** Whether customer `i` was a key account in the last closed period (as the scoring sheet's "Key account then" shows it). */
function keyThen(m: Model, i: number): boolean {
  const history = m.input.history ?? [];
  const last = history[history.length - 1];
  if (!last) return false;
  const key = nameKey(m.customers[i].name);
  return last.rows.some((r) => r.key && nameKey(r.customer) === key);
}

/**
 * Counts and revenue per box, over every row (customers appended or inserted on the scoring
 * sheet are in them), an error while the scoring sheet flags a problem.
 */
function writeQuadrantSummary(s: SheetBuilder, m: Model, rows: Rows, figures: PortfolioFigures | undefined): void {
  const P = PORTFOLIO;
  const { problems } = checkRefs(m, false);
  const guard = (f: string) => `IF(${problems}>0,NA(),${f})`;
  const col = (c: number) => rows.column(c);
  const revenues = m.customers.map((c) => clean(c.revenue));
  const total = revenues.reduce((a, b) => a + b, 0);
  const inBox = (q: string | undefined) => m.customers.map((_, i) => i).filter((i) => figures?.quadrant[i] === q);
  const revenueOf = (idx: number[]) => idx.reduce((a, i) => a + revenues[i], 0);
  const share = (x: number): Literal => (total === 0 ? "" : x / total);
  QUADRANT_SUMMARY_HEADER.forEach((h, c) => s.set(P.quadrantHeaderRow, c, { value: h, style: "header" }));
  const totalRevenue = `SUM(${col(P.revenueCol)})`;
  let placedRevenue = 0;
  QUADRANTS.forEach((q, i) => {
    const r = P.firstQuadrantRow + i;
    const label = a1(r, 0);
    const idx = inBox(q);
    placedRevenue += revenueOf(idx);
    s.row(r, 0, [
      { value: q, style: "label" },
      { formula: `=${guard(`COUNTIF(${col(P.quadrantCol)},${label})`)}`, result: figures ? idx.length : undefined, style: "output" },
      { formula: `=${guard(`SUMIF(${col(P.quadrantCol)},${label},${col(P.revenueCol)})`)}`, result: figures ? revenueOf(idx) : undefined, format: "#,##0", style: "output" },
      { formula: `=IF(${totalRevenue}=0,"",${a1(r, 2)}/${totalRevenue})`, result: figures ? share(revenueOf(idx)) : undefined, format: "0.0%", style: "output" },
      { value: QUADRANT_STRATEGY[q], style: "note" },
    ]);
  });
  const boxRevenue = `SUM(${a1(P.firstQuadrantRow, 2, true)}:${a1(P.firstQuadrantRow + QUADRANTS.length - 1, 2, true)})`;
  s.row(P.unplacedRow, 0, [
    { value: "Not placed (a score or the revenue missing)", style: "label" },
    { formula: `=${guard(`SUMPRODUCT((${col(P.nameCol)}<>"")*(${col(P.quadrantCol)}=""))`)}`, result: figures ? inBox(undefined).length : undefined, style: "output" },
    { formula: `=${guard(`${totalRevenue}-${boxRevenue}`)}`, result: figures ? total - placedRevenue : undefined, format: "#,##0", style: "output" },
    { formula: `=IF(${totalRevenue}=0,"",${a1(P.unplacedRow, 2)}/${totalRevenue})`, result: figures ? share(total - placedRevenue) : undefined, format: "0.0%", style: "output" },
  ]);
}

/**
 * The bubble chart over every row: blank rows and customers not placed are #N/A in the chart
 * columns, which charts skip (a text x value would make Excel number the points 1, 2, 3
 * instead). The columns are grouped and hidden, so the chart plots hidden cells.
 */
function addPortfolioChart(s: SheetBuilder, m: Model, p: PortfolioSettings, rows: Rows): void {
  const P = PORTFOLIO;
  const chartCol = portfolioHelperColumns(m).chart;
  const all = { row: rows.first, rows: rows.last - rows.first + 1, cols: 1 };
  if (all.rows > LABELLED_POINTS) {
    s.set(P.headerRow - 2, 0, { value: `The chart labels key accounts up to ${LABELLED_POINTS.toLocaleString("en-US")} rows; here see column ${columnLetter(P.labelCol)}.`, style: "note" });
  }
  s.charts.push({
    kind: "bubble",
    title: "Key-account portfolio",
    data: { row: P.headerRow, col: chartCol, rows: all.rows + 1, cols: 1 },
    series: [{ name: "Customers", values: { ...all, col: chartCol + 1 } }],
    bubbleSizes: { ...all, col: chartCol + 2 },
    // Excel links a data label to a cell point by point (one operation each): above
    // LABELLED_POINTS the chart goes without them and the sheet says so.
    pointLabels: all.rows <= LABELLED_POINTS ? { ...all, col: P.labelCol } : undefined,
    referenceLines: {
      x: { cell: { row: P.strengthCutRow, col: 1, rows: 1, cols: 1 }, value: p.strengthCut },
      y: { cell: { row: P.attractivenessCutRow, col: 1, rows: 1, cols: 1 }, value: p.attractivenessCut },
    },
    bounds: { xMin: 1, xMax: 10, yMin: 1, yMax: 10 },
    anchor: { row: 3, col: Math.max(portfolioHelperColumns(m).last + 2, P.periodsCol + PERIODS_HEADER.length + 1), rows: 20, cols: 8 },
    xTitle: "Our relative strength (1–10)",
    yTitle: "Account attractiveness (1–10)",
    plotHidden: true,
  });
}

/** Column letter of a criterion's weight on the portfolio sheet (for messages and readers). */
export function portfolioWeightColumn(j: number): string {
  return columnLetter(PORTFOLIO.firstScoreCol + j);
}

/**
 * The portfolio settings of a build: each criterion's weights per axis as typed on the
 * previous portfolio sheet (by label), else from its axis (the caller's, or its default by
 * name) and its scoring weight; the cuts likewise.
 */
export function portfolioSettings(criteria: readonly CriterionSpec[], choice: { axes?: Axis[]; attractivenessCut?: number; strengthCut?: number } | undefined, previous: PortfolioInputs | undefined): PortfolioSettings {
  const axes = choice?.axes ?? criteria.map((c) => defaultAxis(c.label));
  return {
    weights: criteria.map((c, j) => previous?.weights?.[c.label] ?? axisWeights(axes[j] ?? defaultAxis(c.label), c.weight)),
    attractivenessCut: previous?.attractivenessCut ?? choice?.attractivenessCut ?? DEFAULT_CUT,
    strengthCut: previous?.strengthCut ?? choice?.strengthCut ?? DEFAULT_CUT,
  };
}

/** What the user typed on a portfolio sheet (its values, A1 at [0][0]): the cuts and the weights per axis by criterion. */
export function readPortfolioInputs(grid: readonly (readonly Scalar[])[]): PortfolioInputs {
  const P = PORTFOLIO;
  const n = (v: Scalar | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const weights: Record<string, AxisWeights> = {};
  const labels = grid[P.criterionRow] ?? [];
  for (let c = P.firstScoreCol; c < labels.length; c++) {
    const label = labels[c];
    if (typeof label !== "string" || label.trim() === "") continue;
    weights[label] = { attractiveness: n(grid[P.attractivenessWeightRow]?.[c]) ?? 0, strength: n(grid[P.strengthWeightRow]?.[c]) ?? 0 };
  }
  return { attractivenessCut: n(grid[P.attractivenessCutRow]?.[1]), strengthCut: n(grid[P.strengthCutRow]?.[1]), weights };
}

/** The key-set figures since the last closed period, as the review block's formulas show them. */
export interface MoversFigures {
  now: number;
  then: number;
  stayed: number;
  entered: number;
  left: number;
  /** "" when neither period has a key account. */
  stability: number | "";
}

/** The movers since the last closed period from the core: the key accounts now (the build's) against the last snapshot's. */
export function moversFigures(m: Model, scores: CoreScores): MoversFigures | undefined {
  const history = m.input.history ?? [];
  const last = history[history.length - 1];
  if (!last) return undefined;
  const now = m.customers.filter((_, i) => scores.key[i]).map((c) => c.name);
  const then = last.rows.filter((r) => r.key).map((r) => r.customer);
  const thenKeys = new Set(then.map(nameKey));
  const stayed = now.filter((x) => thenKeys.has(nameKey(x))).length;
  const j = stability(then, now);
  return { now: now.length, then: then.length, stayed, entered: now.length - stayed, left: then.length - stayed, stability: Number.isNaN(j) ? "" : j };
}

/** The review block: the two period cells, movers and stability since the last period, and the closed periods. */
function writeReview(s: SheetBuilder, m: Model, review: ReviewSettings, scores: CoreScores | undefined): void {
  const P = PORTFOLIO;
  const R = reviewRefs(s.name, m.historySheet!);
  s.set(P.reviewTitleRow, 0, { value: `Review since the last closed period (${m.historySheet})`, style: "section" });
  s.labelled(P.lastPeriodRow, "Last closed period", { value: review.last ?? "", style: "output" });
  s.labelled(P.comparedRow, "Scores compared with", review.compared ? { value: review.compared, style: "output" } : { value: "", style: "output" });
  if (!review.compared) {
    s.set(P.comparedRow, 2, { value: "No closed period under this scoring scheme: trends start after the next Close quarter.", style: "warning" });
  }
  // Over the scoring sheet's ranges from the header row to the spare rows (so sorted, inserted
  // and appended customers count); the key column's header is "Key account" itself, so the
  // count of key accounts leaves the header out.
  const keyNow = m.range(m.col("key"));
  const keyThen = m.range(m.col("keyThen"));
  const headerIsKey = m.columns[m.col("key")].header === KEY_LABEL;
  const f = moversFormulas(R, keyNow, keyThen, { headerIsKey, problems: checkRefs(m, false).problems });
  const v = scores ? moversFigures(m, scores) : undefined;
  s.labelled(P.keyNowRow, "Key accounts now", { formula: f.now, result: v?.now, style: "output" });
  s.labelled(P.keyThenRow, "Key accounts then", { formula: f.then, result: v?.then, style: "output" });
  s.labelled(P.stayedRow, "In both", { formula: f.stayed, result: v?.stayed, style: "output" });
  s.labelled(P.enteredRow, "Came in", { formula: f.entered, result: v?.entered, style: "output" }, `Key account now, not in the last period: see "Key account then" on ${m.names.scoring}`);
  s.labelled(P.leftRow, "Left", { formula: f.left, result: v?.left, style: "output" });
  s.labelled(P.stabilityRow, "Stability (in both / in either)", { formula: f.stability, result: v?.stability, format: "0%", style: "output" });
  writePeriods(s, review);
}

/** One line per closed period (the last `periodRows`), as values: a period's figures never change. */
function writePeriods(s: SheetBuilder, review: ReviewSettings): void {
  const P = PORTFOLIO;
  const c0 = P.periodsCol;
  PERIODS_HEADER.forEach((h, i) => s.set(P.reviewTitleRow, c0 + i, { value: h, style: "header" }));
  review.periods.slice(-P.periodRows).forEach((p, i) => {
    s.row(P.reviewTitleRow + 1 + i, c0, [
      { value: p.period },
      { value: p.date },
      { value: p.fingerprint },
      { value: p.comparable === undefined ? "" : p.comparable ? "yes" : `no: ${p.differences!.join("; ")}` },
      { value: p.keyAccounts },
      { value: p.stability ?? "", format: "0%" },
      { value: (p.entered ?? []).join(", ") },
      { value: (p.left ?? []).join(", ") },
    ]);
  });
}

function build({ model, settings }: SheetContext): SheetBuilder {
  return buildPortfolio(model, model.names.portfolio, settings.portfolio, settings.review, settings.scores);
}

export const portfolioSheet = defineSheet({
  role: "portfolio",
  defaultName: "KAM Portfolio",
  tabColor: "#7A4E9C",
  layout: PORTFOLIO,
  build,
  readBack: {
    // The cuts and the weights per axis are above the customer table.
    headRows: PORTFOLIO.headerRow,
    columnsBelow: () => [],
    read: (grid) => ({ portfolio: readPortfolioInputs(grid) }),
  },
});
