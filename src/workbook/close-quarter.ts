/**
 * Closing a quarter, without Office: the snapshot of the scoring (and portfolio) sheet as the
 * user sees it, from its values, appended to the history. The pane reads the sheets' values
 * and writes the history sheet this returns; the CLI does the same from the build's figures.
 */
import { valueError } from "../core/errors";
import { comparePeriods, type Criterion, type PeriodComparison, type ScoringScheme, type Snapshot, type SnapshotRow, takeSnapshot } from "../core/history";
import { nameKey } from "../core/review";
import { appendSnapshot, historySheet, readHistory } from "./history-sheet";
import { CHECK, EXCLUDED_NOTE_ROW, KEY_LABEL } from "./model";
import { isErrorCell, type Scalar, type SheetPlan } from "./plan";
import { PORTFOLIO } from "./sheets/portfolio";
import { SCORING } from "./sheets/scoring";

type Grid = readonly (readonly Scalar[])[];

/** An error value as Office.js reads it ("#N/A") or as a plan holds it. */
const isError = (v: Scalar | undefined): boolean => isErrorCell(v) || (typeof v === "string" && /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!)$/.test(v.trim()));
const errorText = (v: Scalar | undefined): string => (isErrorCell(v) ? v.code : String(v));

const text = (v: Scalar | undefined): string => (v === null || v === undefined ? "" : String(v));
const num = (v: Scalar | undefined): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** The scheme on the scoring sheet as it stands: each criterion's label, direction and weight. */
export function schemeFromScoring(scoring: Grid): { scheme: ScoringScheme; columns: number[] } {
  const labels = scoring[SCORING.criterionRow] ?? [];
  const criteria: Criterion[] = [];
  const columns: number[] = [];
  labels.forEach((v, c) => {
    if (c === 0 || text(v).trim() === "") return;
    const weight = num(scoring[SCORING.weightRow]?.[c]) ?? 0;
    const d = text(scoring[SCORING.directionRow]?.[c]).trim().toLowerCase();
    criteria.push({ name: text(v).trim(), direction: d === "cost" ? "cost" : "benefit", weight });
    columns.push(c);
  });
  if (criteria.length === 0) throw valueError(`the scoring sheet has no criteria in row ${SCORING.criterionRow + 1}; build the sheets first`);
  return { scheme: { criteria }, columns };
}

/** The scoring table's columns a snapshot reads, found by header; a missing one is an error naming it. */
function snapshotColumns(scoring: Grid) {
  const header = (scoring[SCORING.headerRow] ?? []).map((v) => text(v));
  const find = (test: (h: string) => boolean) => header.findIndex(test);
  const cols = {
    nameCol: find((h) => h === "Customer"),
    revenueCol: find((h) => h === "Revenue"),
    marginCol: find((h) => h.startsWith("Margin")),
    totalCol: find((h) => h === "Weighted score"),
    rankCol: find((h) => h === "Rank"),
    keyCol: find((h) => h === KEY_LABEL),
  };
  for (const [c, h] of [
    [cols.nameCol, "Customer"],
    [cols.revenueCol, "Revenue"],
    [cols.totalCol, "Weighted score"],
    [cols.rankCol, "Rank"],
    [cols.keyCol, KEY_LABEL],
  ] as const) {
    if (c < 0) throw valueError(`the scoring sheet has no "${h}" column in row ${SCORING.headerRow + 1}`);
  }
  return cols;
}

/**
 * A snapshot is kept for good: never take one of figures the sheet itself flags (a customer
 * under the table not counted, a number stored as text: row 3 says which).
 */
function refuseFlagged(scoring: Grid): void {
  const flagged = (num(scoring[CHECK.uncounted.row]?.[CHECK.uncounted.col]) ?? 0) + (num(scoring[CHECK.text.row]?.[CHECK.text.col]) ?? 0);
  if (flagged > 0) {
    const note = text(scoring[EXCLUDED_NOTE_ROW]?.[0]).trim();
    throw valueError(`the scoring sheet flags a problem${note ? ` (row ${EXCLUDED_NOTE_ROW + 1}: ${note})` : ""}; fix it, then close the quarter`);
  }
}

/** Each customer's portfolio box, by name (trimmed, case-folded). */
function quadrantsOf(portfolio: Grid | undefined): Map<string, string> {
  const quadrants = new Map<string, string>();
  if (!portfolio) return quadrants;
  for (let r = PORTFOLIO.headerRow + 1; r < portfolio.length; r++) {
    const name = text(portfolio[r]?.[PORTFOLIO.nameCol]);
    const q = text(portfolio[r]?.[PORTFOLIO.quadrantCol]);
    if (name !== "" && q !== "") quadrants.set(nameKey(name), q);
  }
  return quadrants;
}

/**
 * The snapshot of the sheets' values: every customer row of the scoring table (to the first
 * blank name), each criterion's score, the weighted score, rank and key flag, the margin when
 * the sheet has one, and the quadrant from the portfolio sheet when there is one. A row whose
 * weighted score, rank or key flag is an error is refused: it would be stored as "not a key account".
 */
export function snapshotFromSheets(scoring: Grid, portfolio: Grid | undefined, period: string, date: string): Snapshot {
  const { scheme, columns } = schemeFromScoring(scoring);
  const { nameCol, revenueCol, marginCol, totalCol, rankCol, keyCol } = snapshotColumns(scoring);
  refuseFlagged(scoring);
  const quadrants = quadrantsOf(portfolio);
  const rows: SnapshotRow[] = [];
  for (let r = SCORING.headerRow + 1; r < scoring.length; r++) {
    const row = scoring[r] ?? [];
    const name = row[nameCol];
    if (text(name).trim() === "") break;
    for (const [c, h] of [
      [totalCol, "weighted score"],
      [rankCol, "rank"],
      [keyCol, "key-account flag"],
    ] as const) {
      if (isError(row[c])) throw valueError(`scoring sheet row ${r + 1}: the ${h} of ${text(name)} is ${errorText(row[c])}; fix what the sheet flags, then close the quarter`);
    }
    const revenue = num(row[revenueCol]);
    if (revenue === undefined) throw valueError(`scoring sheet row ${r + 1}: the revenue of ${text(name)} is not a number`);
    rows.push({
      customer: typeof name === "number" ? name : text(name),
      revenue,
      margin: marginCol < 0 ? undefined : num(row[marginCol]),
      scores: columns.map((c) => num(row[c])),
      weightedScore: num(row[totalCol]),
      rank: num(row[rankCol]),
      key: text(row[keyCol]) === KEY_LABEL,
      quadrant: quadrants.get(nameKey(text(name))),
    });
  }
  return takeSnapshot(period, date, scheme, rows);
}

export interface ClosedQuarter {
  /** Every snapshot, the new one last. */
  history: Snapshot[];
  /** The history sheet to write (values only). */
  sheet: SheetPlan;
  /** The new period against the one before it, when there is one. */
  comparison?: PeriodComparison;
}

/** Appends `snapshot` to the history read from `historyGrid` (undefined: no history sheet yet). */
export function closeQuarter(historyGrid: Grid | undefined, snapshot: Snapshot, sheetName?: string): ClosedQuarter {
  const before = historyGrid === undefined ? [] : readHistory(historyGrid);
  const history = appendSnapshot(before, snapshot);
  const previous = before[before.length - 1];
  return { history, sheet: historySheet(history, sheetName), comparison: previous ? comparePeriods(previous, snapshot) : undefined };
}

/** One line per period for the review block: key accounts, movers and stability against the period before. */
export interface PeriodReview {
  period: string;
  date: string;
  fingerprint: string;
  customers: number;
  keyAccounts: number;
  /** Against the period before (undefined for the first). */
  comparable?: boolean;
  stability?: number;
  entered?: string[];
  left?: string[];
  /** What changed in the scheme, in words. */
  differences?: string[];
}

export function reviewPeriods(history: readonly Snapshot[]): PeriodReview[] {
  return history.map((s, i) => {
    const base: PeriodReview = { period: s.period, date: s.date, fingerprint: s.fingerprint, customers: s.rows.length, keyAccounts: s.rows.filter((r) => r.key).length };
    if (i === 0) return base;
    const c = comparePeriods(history[i - 1], s);
    return {
      ...base,
      comparable: c.comparable,
      stability: Number.isNaN(c.stability) ? undefined : c.stability,
      entered: c.movers.entered.map(String),
      left: c.movers.left.map(String),
      differences: c.differences,
    };
  });
}

/**
 * The latest snapshot made under `fingerprint`, the one the scoring sheet compares with
 * (undefined when none): a snapshot under another scheme scores another measure.
 */
export function latestComparable(history: readonly Snapshot[], fingerprint: string): Snapshot | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i].fingerprint === fingerprint) return history[i];
  return undefined;
}
