/**
 * The summary's "Since the last review" block (issue 12): the period compared with, the key
 * set then and now, its stability, who came in and who left by name, and a warning in words
 * when the last period was closed under another scoring scheme; below the printed page, the
 * data of a chart of key-set size and stability per period. Every figure reads the portfolio
 * sheet's review cells (which compute movers and stability) rather than computing them again;
 * the names of those who came in are found through the portfolio's running count, those who
 * left among the last period's key accounts listed here at the build. Each formula carries
 * the core's result as its cached value.
 */
import { schemeDifferences, type Snapshot } from "../../core/history";
import { nameKey } from "../../core/review";
import { KEY_LABEL, type Model } from "../model";
import { a1, type CellPlan, type ChartPlan, type Literal, sheetRef } from "../plan";
import { customerRows } from "./columns";
import { buildScheme, CAME_IN_HEADER, type MoversFigures, moversFigures, PORTFOLIO, portfolioHelperColumns } from "./portfolio";
import type { SummaryContext } from "./summary";

/** The one line the summary shows without a history. */
export const NO_HISTORY_LINE =
  "Since the last review: no closed period yet. Close this quarter in the pane (Key Account Wizard › Close quarter), or carry an earlier workbook's history with kam-workbook … --history earlier.xlsx; the next build compares with it.";

export const REVIEW_SECTION = "Since the last review";
/** Closed periods in the chart, at most (the current one is added). */
const CHART_PERIODS = 11;
const NA = { code: "#N/A" } as const;

/** The movers by name, as the core computes them: key accounts now and not in the last period (table order), and the reverse (history order). */
export function moverNames(m: Model, key: readonly boolean[]): { entered: string[]; left: string[] } {
  const history = m.input.history ?? [];
  const last = history[history.length - 1];
  if (!last) return { entered: [], left: [] };
  const then = new Set(last.rows.filter((r) => r.key).map((r) => nameKey(r.customer)));
  const now = new Set(m.customers.filter((_, i) => key[i]).map((c) => nameKey(c.name)));
  return {
    entered: m.customers.filter((c, i) => key[i] && !then.has(nameKey(c.name))).map((c) => c.name),
    left: last.rows.filter((r) => r.key && !now.has(nameKey(r.customer))).map((r) => String(r.customer)),
  };
}

/** Writes the block from row `r`; the name lists and the chart data are filled by `writeReviewData` once their rows are known. */
export function writeSinceLastReview(c: SummaryContext, r: number): { lastRow: number; chart?: ReviewData } {
  const { s, m } = c;
  const history = m.input.history ?? [];
  if (!m.historySheet || history.length === 0) {
    s.set(r, 0, { value: NO_HISTORY_LINE, style: "note" });
    return { lastRow: r };
  }
  const v = moversFigures(m, c.scores)!;
  const names = moverNames(m, c.scores.key);
  const cell = portfolioCell(m);
  const review = c.settings.review;
  s.set(r, 0, { value: REVIEW_SECTION, style: "section" });
  s.row(++r, 0, [{ value: "Compared with (last closed period)", style: "label" }, { formula: `=${cell(PORTFOLIO.lastPeriodRow)}&""`, result: review.last ?? "", style: "output" }]);
  s.row(++r, 0, [
    { value: "Key accounts then, now", style: "label" },
    { formula: `=${cell(PORTFOLIO.keyThenRow)}`, result: v.then, style: "output" },
    { formula: `=${cell(PORTFOLIO.keyNowRow)}`, result: v.now, style: "output" },
  ]);
  s.row(++r, 0, [{ value: "Stability (in both / in either)", style: "label" }, { formula: `=${cell(PORTFOLIO.stabilityRow)}`, result: v.stability, format: "0%", style: "output" }]);
  s.set(++r, 0, schemeWarning(m, history, review));
  s.row(++r, 0, [
    { value: "Came in", style: "header" },
    { value: "", style: "header" },
    { value: "Left", style: "header" },
  ]);
  const rows = Math.max(names.entered.length, names.left.length, 1);
  const first = r + 1;
  r += rows + 1;
  const noteRow = r;
  s.set(++r, 0, { value: `How to read this: came in, key account now and not in ${m.historySheet}'s last closed period; left, the reverse; stability, those in both over those in either (100%: no change).`, style: "note" });
  return { lastRow: r, chart: { v, names, first, rows, noteRow } };
}

/** What the block leaves for the data rows below the page: the movers, and where their names go. */
export interface ReviewData {
  v: MoversFigures;
  names: { entered: string[]; left: string[] };
  first: number;
  rows: number;
  noteRow: number;
}

/** The portfolio sheet's review cell in `row` (column B), absolute, with its sheet. */
function portfolioCell(m: Model): (row: number) => string {
  return (row: number) => `${sheetRef(m.names.portfolio)}${a1(row, 1, true)}`;
}

/** "Not comparable" in words when the last period was closed under another scheme than the build's (live on the two period cells). */
function schemeWarning(m: Model, history: readonly Snapshot[], review: SummaryContext["settings"]["review"]): CellPlan {
  const cell = portfolioCell(m);
  const last = cell(PORTFOLIO.lastPeriodRow);
  const compared = cell(PORTFOLIO.comparedRow);
  const lastSnapshot = history[history.length - 1];
  let differences: string[];
  try {
    differences = schemeDifferences(lastSnapshot.scheme, buildScheme(m.input.criteria));
  } catch {
    differences = ["no criteria to compare"];
  }
  // A quote as an apostrophe: not every engine reads "" inside a string.
  const what = differences.length > 0 ? ` (${differences.join("; ").replace(/"/g, "'")})` : "";
  const tail = (to: string) => (to === "" ? "trends start after the next Close quarter." : `scores and trends compare with ${to}.`);
  const formula = `=IF(OR(${last}="",${compared}=${last}),"","Not comparable: "&${last}&" was closed under another scoring scheme${what}; "&IF(${compared}="","${tail("")}","scores and trends compare with "&${compared}&"."))`;
  const comparable = review.last === undefined || review.compared === review.last;
  return { formula, result: comparable ? "" : `Not comparable: ${review.last} was closed under another scoring scheme${what}; ${tail(review.compared ?? "")}`, style: "warning" };
}

/**
 * Below the page: the last period's key accounts (each still a key account now? a running
 * count of those who left), then the chart's rows (closed periods as values, the current one
 * live); and the name lists of the block, which read them. Returns the chart's header row.
 */
export function writeReviewData(c: SummaryContext, d: ReviewData, row: number): number {
  const { s, m } = c;
  const history = m.input.history ?? [];
  const lastSnapshot = history[history.length - 1];
  const review = c.settings.review;
  s.set(row, 0, { value: `Key accounts of ${lastSnapshot.period} on ${m.historySheet}, as at the build (those who left are among them; not printed)`, style: "note" });
  s.row(++row, 0, [{ value: "Period of this list", style: "label" }, { value: lastSnapshot.period }]);
  const stamp = a1(row, 1, true);
  s.row(++row, 0, ["Key account then", "Key account now", "Left (running count)"].map((value) => ({ value, style: "header" as const })));
  const candidates = lastSnapshot.rows.filter((r) => r.key).map((r) => String(r.customer));
  const now = new Set(m.customers.filter((_, i) => c.scores.key[i]).map((x) => nameKey(x.name)));
  const first = row + 1;
  let left = 0;
  candidates.forEach((name, k) => {
    const r = first + k;
    const still = now.has(nameKey(name)) ? 1 : 0;
    if (still === 0) left++;
    const above = a1(r - 1, 2);
    s.row(r, 0, [
      { value: name },
      { formula: `=COUNTIFS(${m.range(m.col("name"))},${a1(r, 0)},${m.range(m.col("key"))},"${KEY_LABEL}")`, result: still },
      { formula: `=IF(ISNUMBER(${above}),${above},0)+IF(${a1(r, 1)}=0,1,0)`, result: left },
    ]);
  });
  const count = Math.max(candidates.length, 1);
  const candidateNames = `${a1(first, 0, true)}:${a1(first + count - 1, 0, true)}`;
  const leftCount = `${a1(first, 2, true)}:${a1(first + count - 1, 2, true)}`;
  writeNameLists(c, d, { stamp, candidateNames, leftCount });
  row = first + count + 1;
  writePeriodRows(c, row, review.last);
  return row;
}

/** The block's names: k-th came in (the portfolio's running count) and k-th left (the list below the page). */
function writeNameLists(c: SummaryContext, d: ReviewData, refs: { stamp: string; candidateNames: string; leftCount: string }): void {
  const { s, m } = c;
  const cell = portfolioCell(m);
  const entered = cell(PORTFOLIO.enteredRow);
  const left = cell(PORTFOLIO.leftRow);
  const last = cell(PORTFOLIO.lastPeriodRow);
  const helper = portfolioHelperColumns(m);
  const rows = customerRows(m, PORTFOLIO.headerRow + 1);
  const portfolio = sheetRef(m.names.portfolio);
  const pNames = `${portfolio}${rows.column(PORTFOLIO.nameCol)}`;
  const pCameIn = `${portfolio}${rows.column(helper.cameIn)}`;
  const guard = (count: string, k: number, f: string) => `=IF(ISERROR(${count}),${count},IF(${count}="","",IF(${k}>${count},"",${f})))`;
  for (let k = 1; k <= d.rows; k++) {
    const r = d.first + k - 1;
    s.set(r, 0, { formula: guard(entered, k, `INDEX(${pNames},MATCH(${k},${pCameIn},0))`), result: d.names.entered[k - 1] ?? "" });
    s.set(r, 2, { formula: guard(left, k, `IF(${refs.stamp}<>${last},"",INDEX(${refs.candidateNames},MATCH(${k},${refs.leftCount},0)))`), result: d.names.left[k - 1] ?? "" });
  }
  s.set(d.noteRow, 0, {
    formula:
      `=IF(AND(${last}<>"",${refs.stamp}<>${last}),"A period was closed since this sheet was built: build again to list who left by name. ","")` +
      `&IF(ISERROR(${entered}+${left}),"",IF(MAX(IF(ISNUMBER(${entered}),${entered},0),IF(ISNUMBER(${left}),${left},0))>${d.rows},"More movers than listed here: build again, or see ${CAME_IN_HEADER.replace(/ \(.*$/, "")} on ${m.names.portfolio.replace(/"/g, "'")} and Key account then on ${m.names.scoring.replace(/"/g, "'")}.",""))`,
    result: "",
    style: "note",
  });
}

/** The chart's rows: the closed periods (key accounts, stability against the period before; values) and the current one (live). */
function writePeriodRows(c: SummaryContext, row: number, last: string | undefined): void {
  const { s, m } = c;
  const cell = portfolioCell(m);
  const v = moversFigures(m, c.scores)!;
  s.row(row, 0, ["Period", "Key accounts", "Stability"].map((value) => ({ value, style: "header" as const })));
  const periods = c.settings.review.periods.slice(-CHART_PERIODS);
  periods.forEach((p, i) => {
    const stability: CellPlan = p.stability === undefined ? { formula: "=NA()", result: NA, format: "0%" } : { value: p.stability, format: "0%" };
    s.row(row + 1 + i, 0, [{ value: p.period }, { value: p.keyAccounts }, stability]);
  });
  const now = row + 1 + periods.length;
  const stability: Literal | typeof NA = typeof v.stability === "number" ? v.stability : NA;
  s.row(now, 0, [
    { value: `Now (against ${last ?? "—"})` },
    { formula: `=${cell(PORTFOLIO.keyNowRow)}`, result: v.now },
    { formula: `=IF(ISNUMBER(${cell(PORTFOLIO.stabilityRow)}),${cell(PORTFOLIO.stabilityRow)},NA())`, result: stability, format: "0%" },
  ]);
}

/** The chart of key-set size (columns) and stability (line, right axis) per period, from the rows `writePeriodRows` wrote at `row`. */
export function reviewChart(c: SummaryContext, row: number | undefined, anchor: ChartPlan["anchor"]): ChartPlan | undefined {
  if (row === undefined) return undefined;
  const rows = Math.min(c.settings.review.periods.length, CHART_PERIODS) + 1;
  return {
    kind: "columnLine",
    title: "Key accounts and stability of the key set, by period",
    data: { row, col: 0, rows: rows + 1, cols: 1 },
    series: [
      { name: "Key accounts", values: { row: row + 1, col: 1, rows, cols: 1 } },
      { name: "Stability (right axis)", values: { row: row + 1, col: 2, rows, cols: 1 } },
    ],
    anchor,
    yTitle: "Key accounts",
  };
}
