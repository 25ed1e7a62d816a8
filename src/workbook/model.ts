/**
 * The shared customer-row model of the KAM sheets: the build input and settings types and the
 * helpers every sheet builder uses. The sheets themselves are specified in `sheets/`.
 */
import type { Snapshot } from "../core/history";
import type { KeyRule } from "../core/key-accounts";
import type { Axis, AxisWeights } from "../core/portfolio-axes";
import type { Direction, ScaleMethod } from "../core/scoring";
import type { Customer, Roles, SourceTable } from "./customers";
import { a1, sheetRef } from "./plan";
import type { SheetBuilder } from "./sheet-builder";

import type { SheetNames } from "./sheets/registry";

export type { SheetNames };

export interface CriterionSpec {
  label: string;
  kind: "data" | "manual";
  /** Source column of a data criterion. */
  column?: number;
  direction: Direction;
  method: ScaleMethod;
  weight: number;
  /** A data criterion computed on the scoring sheet instead of read from the table: "clv" is the Lifetime value column. */
  derived?: "clv";
}

export type { KeyRule } from "../core/key-accounts";

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
  /** The discount rate of the Lifetime value column, as typed on the scoring sheet. */
  clvDiscount?: number;
  /** Typed on the portfolio sheet: the cuts and each criterion's weights per axis (by label). */
  portfolio?: PortfolioInputs;
}

export interface PortfolioInputs {
  attractivenessCut?: number;
  strengthCut?: number;
  weights?: Record<string, AxisWeights>;
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
  /** Also build the KAM Sensitivity sheet (weight ranges, key-set probability, churn-loss risk). */
  sensitivity?: boolean;
  /**
   * The key-account portfolio: each criterion's axis, in the order of `criteria` (default: by
   * its name, see `defaultAxis`), and the cuts (default 5.5).
   */
  portfolio?: { axes?: Axis[]; attractivenessCut?: number; strengthCut?: number };
  /** Closed periods (the History sheet, or an earlier workbook's): the review compares with them. */
  history?: Snapshot[];
  /** Discount rate per year of the Lifetime value column (default 10%). */
  clvDiscount?: number;
  /** Write the History sheet from `history` too (a new .xlsx); a build in Excel never does. */
  writeHistory?: boolean;
  /** Shown on the sheets; the caller passes today's date. */
  builtOn?: string;
  /**
   * Consistency ratio of the pairwise (AHP) comparisons the weights came from, when they did:
   * written on the scoring sheet, so a ratio above 0.10 that the user accepted is on record.
   */
  consistencyRatio?: number;
  /** Currency code shown with amounts ("EUR"), none when undefined. */
  currency?: string;
}

export const KEY_LABEL = "Key account";
export { DISCLOSURE_SHARE, SCALE_HIGH, SCALE_LOW, TOTAL_DECIMALS } from "../core/defaults";
/** Header of the Lifetime value column (and the label of its criterion). */
export const CLV_LABEL = "Lifetime value";
export { CLV_DISCOUNT as DEFAULT_CLV_DISCOUNT } from "../core/defaults";
/** Rows of the key-account table on the loss sheet, at least (more when there are more key accounts). */
export const KEY_TABLE_ROWS = 25;

/** Rounds to 15 significant digits so a number survives Excel's number-to-text step in COUNTIF criteria. */
export function clean(x: number): number {
  // A whole number below 10^15 has at most 15 digits: toPrecision(15) would give it back as it
  // is (and -0 as 0). Most amounts are whole: this skips the text round trip for them.
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x === 0 ? 0 : x;
  return Number.isFinite(x) ? parseFloat(x.toPrecision(15)) : x;
}

export interface Column {
  header: string;
  kind: "name" | "revenue" | "share" | "margin" | "churn" | "text" | "raw" | "score" | "manual" | "total" | "rank" | "key" | "previous" | "trend" | "rankChange" | "keyThen" | "clv";
  width: number;
  criterion?: number;
  source?: number;
}

/** Everything the three sheet builders share about the customer rows. */
export interface Model {
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
  /**
   * Last row (0-based) of the ranges the figures read: the table and spare rows under it, so a
   * customer appended under the table with its formulas is counted, and one typed without them
   * is seen and flagged. The ranges start at the header row, so a row inserted above the first
   * customer is inside them too (headers are text: SUM, COUNT, MIN, LARGE, COUNTIF skip them).
   */
  end: number;
  scoreCols: number[];
  /** The History sheet's name when there are closed periods to compare with (review columns). */
  historySheet?: string;
  /** Absolute range of a scoring-sheet column from the header row to `end`, with sheet name. */
  range: (col: number) => string;
  /** The same range without the sheet name, for formulas on the scoring sheet. */
  local: (col: number) => string;
}

/** Spare rows under the customer table that the figures read too (appended customers). */
export const spareRows = (customers: number): number => Math.max(50, Math.ceil(customers / 5));
/** Number format of amounts: thousands separators, and the currency when one is given. */
export function amountFormat(currency?: string): string {
  const c = currency?.trim();
  return c ? `"${c.replace(/"/g, "")} "#,##0` : "#,##0";
}

export function summariseReasons(excluded: { reason: string }[]): string {
  const shown = excluded.slice(0, 3).map((e) => e.reason);
  return shown.join("; ") + (excluded.length > 3 ? `; and ${excluded.length - 3} more` : "");
}

/**
 * Cells of the scoring sheet's hidden statistics rows that watch the table (0-based row, col):
 * `uncounted`, customers typed in the rows under the table without the row's formulas;
 * `text`, numbers stored as text in the table's number columns and the weights. Every figure
 * that depends on all customers is an error while either is not 0 (`problems`).
 */
export const CHECK_ROW = 16;
export const CHECK = { uncounted: { row: CHECK_ROW, col: 1 }, text: { row: CHECK_ROW, col: 2 } } as const;

/** The watch cells, absolute, with `sheet` prefix (empty on the scoring sheet itself). */
export function checkRefs(m: Model, onScoring: boolean): { uncounted: string; text: string; problems: string } {
  const p = onScoring ? "" : sheetRef(m.names.scoring);
  const uncounted = `${p}${a1(CHECK.uncounted.row, CHECK.uncounted.col, true)}`;
  const text = `${p}${a1(CHECK.text.row, CHECK.text.col, true)}`;
  return { uncounted, text, problems: `(${uncounted}+${text})` };
}

/** Number columns of the customer table (inputs): revenue, margin, churn, raw values, manual scores. */
export function numberColumns(m: Model): number[] {
  return m.columns.flatMap((c, i) => (["revenue", "margin", "churn", "raw", "manual"].includes(c.kind) ? [i] : []));
}

/**
 * Row 3 of every sheet: what the figures leave out and what needs the user, live: customers
 * under the table that are not counted ("1 customer below the table is not counted: refresh"),
 * numbers stored as text (naming the cells), and the source rows left out at the build. The
 * scoring sheet computes it; the other sheets show the same cell.
 */
/** Row 3 of every sheet (under the title and subtitle): the live note below. */
export const EXCLUDED_NOTE_ROW = 2;

export function noteExcluded(s: SheetBuilder, m: Model): void {
  const k = m.excluded.length;
  const excluded = k > 0 ? `${k} row${k === 1 ? "" : "s"} of the source left out of every figure: ${summariseReasons(m.excluded)}` : "";
  if (s.name !== m.names.scoring) {
    s.set(EXCLUDED_NOTE_ROW, 0, { formula: `=${sheetRef(m.names.scoring)}$A$3`, result: excluded, style: "warning" });
    return;
  }
  const { uncounted, text } = checkRefs(m, true);
  const textIn = (r: string) => `SUMPRODUCT(ISTEXT(${r})*1)`;
  const list = numberColumns(m)
    .map((c) => {
      const r = m.local(c);
      return `IF(${textIn(r)}>1,ADDRESS(SUMPRODUCT(MAX(ISTEXT(${r})*ROW(${r}))),${c + 1},4)&" ","")`;
    })
    .concat(
      m.scoreCols.length > 0
        ? [
            (() => {
              const w = `${a1(WEIGHT_ROW, m.scoreCols[0], true)}:${a1(WEIGHT_ROW, m.scoreCols[m.scoreCols.length - 1], true)}`;
              return `IF(${textIn(w)}>0,ADDRESS(${WEIGHT_ROW + 1},SUMPRODUCT(MAX(ISTEXT(${w})*COLUMN(${w}))),4)&" ","")`;
            })(),
          ]
        : [],
    )
    .join("&");
  const flag =
    `IF(${uncounted}>0,${uncounted}&IF(${uncounted}=1," customer below the table is"," customers below the table are")&" not counted: refresh (Key Account Wizard › Build) or fill the row's formulas in. ","")` +
    `&IF(${text}>0,"Number stored as text in "&SUBSTITUTE(TRIM(${list || '""'})," ",", ")&": type it as a number; the figures that depend on it show #N/A. ","")`;
  // A quote in the text as CHAR(34): not every engine reads "" inside a string (HyperFormula).
  s.set(EXCLUDED_NOTE_ROW, 0, { formula: `=${flag}&"${excluded.split('"').join('"&CHAR(34)&"')}"`, result: excluded, style: "warning" });
}

/** The weight row of the scoring sheet (0-based), mirrored from SCORING to keep this module free of it. */
const WEIGHT_ROW = 8;
