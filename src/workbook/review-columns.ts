/**
 * The quarterly review on the live sheets: the scoring sheet's columns comparing each
 * customer with the latest comparable closed period (previous score, trend, rank change, key
 * account then), and the portfolio sheet's block of movers and stability since the last closed
 * period. Portable formulas that look the periods up on the History sheet (SUMIFS/COUNTIFS by
 * period label and customer over whole columns, so periods closed later are found too).
 *
 * Which periods: two cells on the portfolio sheet, written by the build and by Close quarter:
 * the last closed period (movers and stability: facts under any scheme) and the latest closed
 * under the scoring scheme of the build (scores, trends and ranks: only comparable under the
 * same criteria, directions and weights).
 */
import type { Snapshot } from "../core/history";
import { nameKey, trend } from "../core/review";
import { trendFormula } from "../core/review-formulas";
import { HISTORY } from "./history-sheet";
import { a1, type CellPlan, columnLetter, type Literal, sheetRef } from "./plan";
import { PORTFOLIO } from "./sheets/portfolio";
import type { BuildSettings } from "./sheets/spec";
import { type Column, KEY_LABEL, type Model } from "./model";

export const REVIEW_HEADERS = {
  previous: "Previous score",
  trend: "Trend",
  rankChange: "Rank change",
  keyThen: "Key account then",
} as const;

/** The History sheet's column `col` as a whole-column range. */
function historyColumn(history: string, col: number): string {
  const c = columnLetter(col);
  return `${sheetRef(history)}$${c}:$${c}`;
}

/** References the review formulas share: the two period cells and the History columns. */
export interface ReviewRefs {
  last: string;
  compared: string;
  period: string;
  customer: string;
  score: string;
  rank: string;
  key: string;
}

export function reviewRefs(portfolioSheet: string, historySheet: string): ReviewRefs {
  const cell = (row: number) => `${sheetRef(portfolioSheet)}${a1(row, 1, true)}`;
  const h = (col: number) => historyColumn(historySheet, col);
  return {
    last: cell(PORTFOLIO.lastPeriodRow),
    compared: cell(PORTFOLIO.comparedRow),
    period: h(HISTORY.period),
    customer: h(HISTORY.customer),
    score: h(HISTORY.weightedScore),
    rank: h(HISTORY.rank),
    key: h(HISTORY.key),
  };
}

/** Previous weighted score of the customer named in `name`: blank when not scored in the compared period. */
export function previousScoreFormula(R: ReviewRefs, name: string): string {
  const found = `COUNTIFS(${R.period},${R.compared},${R.customer},${name},${R.score},"<>")`;
  return `=IF(${R.compared}="","",IF(${found}=0,"",SUMIFS(${R.score},${R.period},${R.compared},${R.customer},${name})))`;
}

/** Trend from the previous score cell to the weighted score cell, as KAM.TREND (blank without a compared period). */
export function trendCellFormula(R: ReviewRefs, previous: string, current: string): string {
  return `=IF(${R.compared}="","",${trendFormula(previous, current)})`;
}

/**
 * Previous rank − rank (positive: moved up); blank when either is missing; #N/A when the rank
 * is an error (the scoring sheet flags a problem), never a blank that looks like "no change".
 */
export function rankChangeFormula(R: ReviewRefs, name: string, previous: string, rank: string): string {
  return `=IF(${previous}="","",IF(ISERROR(${rank}),NA(),IF(NOT(ISNUMBER(${rank})),"",SUMIFS(${R.rank},${R.period},${R.compared},${R.customer},${name})-${rank})))`;
}

/** "Key account" when the customer was a key account in the last closed period. */
export function keyThenFormula(R: ReviewRefs, name: string): string {
  return `=IF(${R.last}="","",IF(COUNTIFS(${R.period},${R.last},${R.customer},${name},${R.key},"${KEY_LABEL}")>0,"${KEY_LABEL}",""))`;
}

/**
 * The movers block's formulas: key accounts now and in the last period, those in both, in,
 * out and the Jaccard stability (as KAM.STABILITY). `keyNow` and `keyThen` are the scoring
 * sheet's key-account columns (absolute ranges from the header row to the spare rows);
 * `headerIsKey` when the first of them starts with a header that reads "Key account", which
 * must not count. While `problems` (the scoring sheet's watch cells) is not 0, the counts are
 * #N/A: a key flag may be missing or wrong then.
 */
export function moversFormulas(
  R: ReviewRefs,
  keyNow: string,
  keyThen: string,
  options: { headerIsKey?: boolean; problems?: string } = {},
): { now: string; then: string; stayed: string; entered: string; left: string; stability: string } {
  const cell = (row: number) => a1(row, 1, true);
  const now = cell(PORTFOLIO.keyNowRow);
  const then = cell(PORTFOLIO.keyThenRow);
  const stayed = cell(PORTFOLIO.stayedRow);
  const guard = (f: string) => (options.problems ? `IF(${options.problems}>0,NA(),${f})` : f);
  return {
    now: `=${guard(`COUNTIF(${keyNow},"${KEY_LABEL}")${options.headerIsKey ? "-1" : ""}`)}`,
    then: `=IF(${R.last}="","",COUNTIFS(${R.period},${R.last},${R.key},"${KEY_LABEL}"))`,
    // The "Key account then" header is not "Key account": the header row never counts here.
    stayed: `=IF(${R.last}="","",${guard(`COUNTIFS(${keyNow},"${KEY_LABEL}",${keyThen},"${KEY_LABEL}")`)})`,
    entered: `=IF(${R.last}="","",${now}-${stayed})`,
    left: `=IF(${R.last}="","",${then}-${stayed})`,
    stability: `=IF(${R.last}="","",IF(${now}+${then}-${stayed}=0,"",${stayed}/(${now}+${then}-${stayed})))`,
  };
}

type ReviewKind = "previous" | "trend" | "rankChange" | "keyThen";

/**
 * The review column `kind` of customer `i` (0-based in the table) on sheet row `row`: its
 * formula and, as cached value, the result the core computes from the closed periods and the
 * build's scores (what the formula gives on the freshly built sheet).
 */
export function reviewCell(model: Model, settings: BuildSettings, i: number, row: number, kind: Column["kind"]): CellPlan {
  const R = reviewRefs(model.names.portfolio, model.historySheet!);
  const name = a1(row, model.col("name"));
  const previous = a1(row, model.col("previous"));
  const result = reviewResults(model, settings, i);
  switch (kind as ReviewKind) {
    case "previous":
      return { formula: previousScoreFormula(R, name), result: result.previous, format: "0.00" };
    case "trend":
      return { formula: trendCellFormula(R, previous, a1(row, model.col("total"))), result: result.trend };
    case "rankChange":
      return { formula: rankChangeFormula(R, name, previous, a1(row, model.col("rank"))), result: result.rankChange, format: "+0;-0;0" };
    case "keyThen":
      return { formula: keyThenFormula(R, name), result: result.keyThen };
    default:
      throw new Error(`no cell for column kind ${kind}`);
  }
}

/** One customer's review figures as the review formulas show them ("" for blank). */
export interface ReviewResult {
  previous: Literal;
  trend: Literal;
  rankChange: Literal;
  keyThen: Literal;
}

/** The compared and last periods' rows by customer name key, once per build. */
const periodRows = new WeakMap<BuildSettings, { compared: Map<string, Snapshot["rows"][number]>; last: Map<string, Snapshot["rows"][number]> }>();

function rowsOfPeriods(model: Model, settings: BuildSettings) {
  let known = periodRows.get(settings);
  if (!known) {
    const history = model.input.history ?? [];
    const rowsOf = (period: string | undefined) => new Map((history.find((s) => s.period === period)?.rows ?? []).map((r) => [nameKey(r.customer), r]));
    known = { compared: rowsOf(settings.review.compared), last: rowsOf(settings.review.last) };
    periodRows.set(settings, known);
  }
  return known;
}

/**
 * Customer `i`'s previous score (in the compared period), trend, rank change and key flag in
 * the last period, from the core: `trend` of KAM.TREND and the snapshot's rows.
 */
export function reviewResults(model: Model, settings: BuildSettings, i: number): ReviewResult {
  const { compared, last } = rowsOfPeriods(model, settings);
  const key = nameKey(model.customers[i].name);
  const before = settings.review.compared === undefined ? undefined : compared.get(key);
  const prev = before?.weightedScore;
  const total = settings.scores.totals[i];
  const current = Number.isNaN(total) ? undefined : total;
  const rank = settings.scores.ranks[i] > 0 ? settings.scores.ranks[i] : undefined;
  const rankChange = prev === undefined || current === undefined || rank === undefined ? "" : (before?.rank ?? 0) - rank;
  return {
    previous: prev ?? "",
    trend: settings.review.compared === undefined ? "" : (trend(prev, current) ?? ""),
    rankChange,
    keyThen: settings.review.last !== undefined && last.get(key)?.key === true ? KEY_LABEL : "",
  };
}
