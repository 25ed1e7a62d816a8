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
import { trendFormula } from "../core/review-formulas";
import { HISTORY } from "./history-sheet";
import { a1, columnLetter, sheetRef } from "./plan";
import { PORTFOLIO } from "./sheets/portfolio";
import { KEY_LABEL } from "./model";

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
