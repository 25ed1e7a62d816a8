/**
 * The shared customer-row model of the KAM sheets: the build input and settings types and the
 * helpers every sheet builder uses. The sheets themselves are specified in `sheets/`.
 */
import type { Snapshot } from "../core/history";
import type { KeyRule } from "../core/key-accounts";
import type { Axis, AxisWeights } from "../core/portfolio-axes";
import type { Direction, ScaleMethod } from "../core/scoring";
import type { Customer, Roles, SourceTable } from "./customers";
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
  scoreCols: number[];
  /** The History sheet's name when there are closed periods to compare with (review columns). */
  historySheet?: string;
  /** Absolute range of a scoring-sheet column over the customer rows, with sheet name. */
  range: (col: number) => string;
}

export function summariseReasons(excluded: { reason: string }[]): string {
  const shown = excluded.slice(0, 3).map((e) => e.reason);
  return shown.join("; ") + (excluded.length > 3 ? `; and ${excluded.length - 3} more` : "");
}

/** Row 3 of every sheet (under the title and subtitle) says which rows of the source were left out. */
export const EXCLUDED_NOTE_ROW = 2;

/** Notes how many rows of the source were left out and why: the figures leave them out too. */
export function noteExcluded(sheet: SheetBuilder, model: Model): void {
  const count = model.excluded.length;
  if (count > 0) sheet.set(EXCLUDED_NOTE_ROW, 0, { value: `${count} row${count === 1 ? "" : "s"} of the source left out of every figure: ${summariseReasons(model.excluded)}`, style: "warning" });
}
