/**
 * "Close quarter" through Office.js, independent of the pane's UI: reads the scoring,
 * portfolio and history sheets' values (one sync), appends the snapshot to the KAM History
 * sheet as values, creating it if needed, and points the portfolio's review cells at the new
 * period (one more sync). The snapshot and the rows come from src/workbook/close-quarter.ts.
 */
import type { PeriodComparison, Snapshot } from "../core/history";
import { nameKey } from "../core/review";
import { closeQuarter, latestComparable, snapshotFromSheets } from "../workbook/close-quarter";
import { deletePeriod, HISTORY, HISTORY_SHEET_NAME, readHistory } from "../workbook/history-sheet";
import { a1, columnLetter, type Scalar } from "../workbook/plan";
import { REVIEW_HEADERS } from "../workbook/review-columns";
import { PORTFOLIO } from "../workbook/sheets/portfolio";
import { SCORING } from "../workbook/sheets/scoring";
import { formulaInput } from "./cell-writes";
import type { PeriodInfo } from "./wizard/host";
import { BUILT_BY_KEY, BUILT_BY_VALUE, DEFAULT_SHEET_NAMES, SHEET_ROLE_KEY } from "../workbook/sheets/registry";
/** The role of the History sheet: ours, never rebuilt. */
export const HISTORY_ROLE = "history";

export interface CloseQuarterOptions {
  /** Period label, e.g. "2026 Q3". */
  period: string;
  /** Day closed, yyyy-mm-dd (the caller passes today). */
  date: string;
  /** Names of our sheets when they are not the defaults. */
  names?: { scoring?: string; portfolio?: string; history?: string };
}

export interface CloseQuarterResult {
  period: string;
  customers: number;
  keyAccounts: number;
  /** Periods now in the history. */
  periods: number;
  /** Against the period before, when there is one. */
  comparison?: PeriodComparison;
  syncs: number;
  /** The scoring sheet has the review columns (previous score, trend, rank change): built with a history. */
  reviewColumns: boolean;
}

export class CloseQuarterError extends Error {}

/** A used range's values placed in a grid with A1 at [0][0]. */
function fromA1(range: Excel.Range): Scalar[][] {
  if (range.isNullObject) return [];
  const grid: Scalar[][] = Array.from({ length: range.rowIndex }, () => []);
  for (const row of range.values as unknown[][]) {
    grid.push([...Array.from({ length: range.columnIndex }, () => null), ...row.map((v) => (v === "" || v === undefined ? null : (v as Scalar)))]);
  }
  return grid;
}

/** Our sheets' names for Close quarter (the defaults unless given). */
function sheetNamesOf(options: CloseQuarterOptions) {
  return {
    scoring: options.names?.scoring ?? DEFAULT_SHEET_NAMES.scoring,
    portfolio: options.names?.portfolio ?? DEFAULT_SHEET_NAMES.portfolio,
    history: options.names?.history ?? HISTORY_SHEET_NAME,
  };
}

/** Queues reading a sheet and its used range (values and where it starts). */
function queueRead(context: Excel.RequestContext, name: string) {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  ws.load("name");
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("values,rowIndex,columnIndex");
  return { ws, used };
}
type SheetRead = ReturnType<typeof queueRead>;

/** The History sheet to write into: the existing one, or a new one marked as ours; and the row to write from. */
function historyTarget(context: Excel.RequestContext, history: SheetRead, name: string, plan: ClosedPlan) {
  if (history.ws.isNullObject) {
    const ws = context.workbook.worksheets.add(name);
    ws.customProperties.add(BUILT_BY_KEY, BUILT_BY_VALUE);
    ws.customProperties.add(SHEET_ROLE_KEY, HISTORY_ROLE);
    ws.tabColor = plan.tabColor ?? "";
    ws.freezePanes.freezeRows(HISTORY.headerRow + 1);
    return { ws, from: 0 };
  }
  // An existing sheet gets the header row (new criteria columns) and the new rows only.
  const oldRows = history.used.isNullObject ? 0 : history.used.rowIndex + (history.used.values as unknown[][]).length;
  const header = plan.cells[HISTORY.headerRow];
  history.ws.getRange(`A${HISTORY.headerRow + 1}:${columnLetter(header.length - 1)}${HISTORY.headerRow + 1}`).formulas = [header.map(formulaInput)];
  return { ws: history.ws, from: Math.max(oldRows, HISTORY.headerRow + 1) };
}
type ClosedPlan = { cells: ReturnType<typeof closeQuarter>["sheet"]["blocks"][number]["cells"]; tabColor?: string };

/** Queues the new rows of the History sheet from row `from` (values and number formats). */
function queueRows(ws: Excel.Worksheet, plan: ClosedPlan, from: number): void {
  const rows = plan.cells.slice(from);
  if (rows.length === 0) return;
  const width = plan.cells[HISTORY.headerRow].length;
  const range = ws.getRange(`A${from + 1}:${columnLetter(width - 1)}${from + rows.length}`);
  range.formulas = rows.map((r) => Array.from({ length: width }, (_, c) => formulaInput(r[c])));
  range.numberFormat = rows.map((r) => Array.from({ length: width }, (_, c) => r[c]?.format ?? "General"));
  // The scheme in words wraps in its column (as in the .xlsx) rather than being cut off.
  ws.getRange(`${columnLetter(HISTORY.scheme)}${from + 1}:${columnLetter(HISTORY.scheme)}${from + rows.length}`).format.wrapText = true;
}

export async function closeQuarterInExcel(context: Excel.RequestContext, options: CloseQuarterOptions): Promise<CloseQuarterResult> {
  const names = sheetNamesOf(options);
  const [scoring, portfolio, history] = [queueRead(context, names.scoring), queueRead(context, names.portfolio), queueRead(context, names.history)];
  await context.sync();
  if (scoring.ws.isNullObject || scoring.used.isNullObject) throw new CloseQuarterError(`There is no "${names.scoring}" sheet: build the sheets first, then close the quarter.`);
  let closed;
  try {
    const snapshot = snapshotFromSheets(fromA1(scoring.used), portfolio.used.isNullObject ? undefined : fromA1(portfolio.used), options.period, options.date);
    closed = closeQuarter(history.ws.isNullObject ? undefined : fromA1(history.used), snapshot, names.history);
  } catch (e) {
    throw new CloseQuarterError((e as Error).message);
  }
  const plan: ClosedPlan = { cells: closed.sheet.blocks[0].cells, tabColor: closed.sheet.tabColor };
  const { ws, from } = historyTarget(context, history, names.history, plan);
  queueRows(ws, plan, from);
  const snapshot = closed.history[closed.history.length - 1];
  if (!portfolio.ws.isNullObject) {
    // Movers and scores now compare with the period just closed.
    for (const row of [PORTFOLIO.lastPeriodRow, PORTFOLIO.comparedRow]) portfolio.ws.getRange(a1(row, 1)).formulas = [[formulaInput({ value: snapshot.period })]];
  }
  await context.sync();
  return {
    period: snapshot.period,
    customers: snapshot.rows.length,
    keyAccounts: snapshot.rows.filter((r) => r.key).length,
    periods: closed.history.length,
    comparison: closed.comparison,
    syncs: 2,
    reviewColumns: (fromA1(scoring.used)[SCORING.headerRow] ?? []).includes(REVIEW_HEADERS.trend),
  };
}

/** The result in one line for the pane. */
export function closeQuarterReport(r: CloseQuarterResult): string {
  const head = `Closed ${r.period}: ${r.customers} customers, ${r.keyAccounts} key accounts; the history holds ${r.periods} period${r.periods === 1 ? "" : "s"}.`;
  const c = r.comparison;
  if (!c) return head;
  const names = (xs: unknown[]) => (xs.length === 0 ? "none" : xs.join(", "));
  const stability = Number.isNaN(c.stability) ? "" : ` Stability ${Math.round(c.stability * 100)}%.`;
  const scheme = c.comparable ? "" : ` Scores not compared: the scoring scheme changed (${c.differences.join("; ")}).`;
  return `${head} In: ${names(c.movers.entered)}. Out: ${names(c.movers.left)}.${stability}${scheme}`;
}

export { quarterLabel } from "./quarter-label";


export interface DeletePeriodResult extends PeriodInfo {
  /** Sheet rows removed (one per customer of the period). */
  rowsRemoved: number;
  /** Periods left in the history. */
  periods: number;
  /** What the portfolio's "Last closed period" / "Scores compared with" cells now name ("" when none). */
  last?: string;
  compared?: string;
}

/** The History sheet's snapshots (none when there is no such sheet), from one sync. */
async function readHistorySheet(context: Excel.RequestContext, name: string) {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("values,rowIndex,columnIndex");
  await context.sync();
  if (ws.isNullObject || used.isNullObject) return { ws, grid: [] as Scalar[][], history: [] };
  const grid = fromA1(used);
  try {
    return { ws, grid, history: readHistory(grid) };
  } catch (e) {
    throw new CloseQuarterError(`${name} cannot be read: ${(e as Error).message}`);
  }
}

/** The periods on the History sheet, oldest first (for the pane's "Delete a period"). */
export async function historyPeriodsInExcel(context: Excel.RequestContext, historyName = HISTORY_SHEET_NAME): Promise<PeriodInfo[]> {
  const { history } = await readHistorySheet(context, historyName);
  return history.map((s) => ({ period: s.period, date: s.date, customers: s.rows.length, keyAccounts: s.rows.filter((r) => r.key).length }));
}

/** 0-based sheet rows, bottom-up runs [first, count], of the rows whose period is `period` (as Excel compares text). */
export function periodRowRuns(grid: readonly (readonly Scalar[])[], period: string): [number, number][] {
  const key = nameKey(period);
  const rows: number[] = [];
  for (let r = HISTORY.headerRow + 1; r < grid.length; r++) {
    const v = grid[r]?.[HISTORY.period];
    if (v !== null && v !== undefined && nameKey(String(v)) === key) rows.push(r);
  }
  const runs: [number, number][] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === r) last[1]++;
    else runs.push([r, 1]);
  }
  return runs.reverse();
}

/**
 * Delete a period (issue 12: an explicit action, as the CLI's --delete-period, with the same
 * core rule `deletePeriod`): removes that period's rows from the History sheet and nothing
 * else (other periods' rows, the header and notes stay as they are). When the portfolio's
 * review cells named the period, they move to the latest remaining one (scores: the latest
 * under the same scheme), so no review formula looks up a period that is gone.
 */
export async function deletePeriodInExcel(context: Excel.RequestContext, period: string, names: { history?: string; portfolio?: string } = {}): Promise<DeletePeriodResult> {
  const historyName = names.history ?? HISTORY_SHEET_NAME;
  const { ws, grid, history } = await readHistorySheet(context, historyName);
  if (ws.isNullObject) throw new CloseQuarterError(`There is no "${historyName}" sheet: no period has been closed.`);
  let kept;
  try {
    kept = deletePeriod(history, period);
  } catch (e) {
    throw new CloseQuarterError((e as Error).message);
  }
  const runs = periodRowRuns(grid, kept.deleted.period);
  for (const [first, count] of runs) ws.getRange(`${first + 1}:${first + count}`).delete("Up");
  const moved = await movePortfolioReview(context, names.portfolio ?? DEFAULT_SHEET_NAMES.portfolio, kept.deleted, kept.history);
  await context.sync();
  const d = kept.deleted;
  return { period: d.period, date: d.date, customers: d.rows.length, keyAccounts: d.rows.filter((r) => r.key).length, rowsRemoved: runs.reduce((n, [, c]) => n + c, 0), periods: kept.history.length, ...moved };
}

/** Points the portfolio's review cells away from a deleted period (queued; the caller syncs). */
async function movePortfolioReview(context: Excel.RequestContext, portfolioName: string, deleted: Snapshot, remaining: readonly Snapshot[]) {
  const p = context.workbook.worksheets.getItemOrNullObject(portfolioName);
  const last = p.getRange(a1(PORTFOLIO.lastPeriodRow, 1));
  const compared = p.getRange(a1(PORTFOLIO.comparedRow, 1));
  p.load("name");
  last.load("values");
  compared.load("values");
  await context.sync();
  if (p.isNullObject) return {};
  const gone = (v: unknown) => typeof v === "string" && v.trim() !== "" && nameKey(v) === nameKey(deleted.period);
  const out: { last?: string; compared?: string } = {};
  if (gone(last.values[0][0])) {
    out.last = remaining[remaining.length - 1]?.period ?? "";
    last.formulas = [[formulaInput({ value: out.last })]];
  }
  if (gone(compared.values[0][0])) {
    out.compared = latestComparable(remaining, deleted.fingerprint)?.period ?? "";
    compared.formulas = [[formulaInput({ value: out.compared })]];
  }
  return out;
}

/** The deletion in one line for the pane. */
export function deletePeriodReport(r: DeletePeriodResult): string {
  const left = r.periods === 0 ? "the history is now empty" : `the history holds ${r.periods} period${r.periods === 1 ? "" : "s"}`;
  const moved = r.compared !== undefined ? ` Scores are now compared with ${r.compared || "no period (trends start after the next Close quarter)"}.` : "";
  return `Deleted ${r.period}: ${r.rowsRemoved} row${r.rowsRemoved === 1 ? "" : "s"} removed from the history; ${left}.${moved}`;
}
