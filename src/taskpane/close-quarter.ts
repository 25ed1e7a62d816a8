/**
 * "Close quarter" through Office.js, independent of the pane's UI: reads the scoring,
 * portfolio and history sheets' values (one sync), appends the snapshot to the KAM History
 * sheet as values, creating it if needed, and points the portfolio's review cells at the new
 * period (one more sync). The snapshot and the rows come from src/workbook/close-quarter.ts.
 */
import type { PeriodComparison } from "../core/history";
import { closeQuarter, snapshotFromSheets } from "../workbook/close-quarter";
import { HISTORY, HISTORY_SHEET_NAME } from "../workbook/history-sheet";
import { a1, columnLetter, type Scalar } from "../workbook/plan";
import { PORTFOLIO } from "../workbook/sheets/portfolio";
import { formulaInput } from "./cell-writes";
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

export async function closeQuarterInExcel(context: Excel.RequestContext, options: CloseQuarterOptions): Promise<CloseQuarterResult> {
  const names = {
    scoring: options.names?.scoring ?? DEFAULT_SHEET_NAMES.scoring,
    portfolio: options.names?.portfolio ?? DEFAULT_SHEET_NAMES.portfolio,
    history: options.names?.history ?? HISTORY_SHEET_NAME,
  };
  const sheets = context.workbook.worksheets;
  const read = (name: string) => {
    const ws = sheets.getItemOrNullObject(name);
    ws.load("name");
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("values,rowIndex,columnIndex");
    return { ws, used };
  };
  const scoring = read(names.scoring);
  const portfolio = read(names.portfolio);
  const history = read(names.history);
  await context.sync();
  if (scoring.ws.isNullObject || scoring.used.isNullObject) throw new CloseQuarterError(`There is no "${names.scoring}" sheet: build the sheets first, then close the quarter.`);

  let closed;
  try {
    const snapshot = snapshotFromSheets(fromA1(scoring.used), portfolio.used.isNullObject ? undefined : fromA1(portfolio.used), options.period, options.date);
    closed = closeQuarter(history.ws.isNullObject ? undefined : fromA1(history.used), snapshot, names.history);
  } catch (e) {
    throw new CloseQuarterError((e as Error).message);
  }
  const plan = closed.sheet.blocks[0].cells;
  const oldRows = history.ws.isNullObject || history.used.isNullObject ? 0 : history.used.rowIndex + (history.used.values as unknown[][]).length;

  // Write: a new sheet whole; an existing one gets the header row (new criteria columns) and the new rows only.
  let ws: Excel.Worksheet;
  let from: number;
  if (history.ws.isNullObject) {
    ws = sheets.add(names.history);
    ws.customProperties.add(BUILT_BY_KEY, BUILT_BY_VALUE);
    ws.customProperties.add(SHEET_ROLE_KEY, HISTORY_ROLE);
    ws.tabColor = closed.sheet.tabColor ?? "";
    from = 0;
    ws.freezePanes.freezeRows(HISTORY.headerRow + 1);
  } else {
    ws = history.ws;
    from = Math.max(oldRows, HISTORY.headerRow + 1);
    const header = plan[HISTORY.headerRow];
    ws.getRange(`A${HISTORY.headerRow + 1}:${columnLetter(header.length - 1)}${HISTORY.headerRow + 1}`).formulas = [header.map(formulaInput)];
  }
  const rows = plan.slice(from);
  if (rows.length > 0) {
    const width = plan[HISTORY.headerRow].length;
    const range = ws.getRange(`A${from + 1}:${columnLetter(width - 1)}${from + rows.length}`);
    range.formulas = rows.map((r) => Array.from({ length: width }, (_, c) => formulaInput(r[c])));
    range.numberFormat = rows.map((r) => Array.from({ length: width }, (_, c) => r[c]?.format ?? "General"));
    // The scheme in words wraps in its column (as in the .xlsx) rather than being cut off.
    ws.getRange(`${columnLetter(HISTORY.scheme)}${from + 1}:${columnLetter(HISTORY.scheme)}${from + rows.length}`).format.wrapText = true;
  }
  if (!portfolio.ws.isNullObject) {
    // Movers and scores now compare with the period just closed.
    const p = portfolio.ws;
    p.getRange(a1(PORTFOLIO.lastPeriodRow, 1)).formulas = [[formulaInput({ value: closed.history[closed.history.length - 1].period })]];
    p.getRange(a1(PORTFOLIO.comparedRow, 1)).formulas = [[formulaInput({ value: closed.history[closed.history.length - 1].period })]];
  }
  await context.sync();
  const snapshot = closed.history[closed.history.length - 1];
  return {
    period: snapshot.period,
    customers: snapshot.rows.length,
    keyAccounts: snapshot.rows.filter((r) => r.key).length,
    periods: closed.history.length,
    comparison: closed.comparison,
    syncs: 2,
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

/** The quarter a day falls in, as a period label: 2026-08-14 → "2026 Q3". */
export function quarterLabel(date: Date): string {
  return `${date.getFullYear()} Q${Math.floor(date.getMonth() / 3) + 1}`;
}
