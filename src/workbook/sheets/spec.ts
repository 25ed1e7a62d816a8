/**
 * What a sheet the add-in builds declares about itself: its role, default name, tab colour,
 * builder, layout (the named positions every reader uses) and how the user's inputs on it are
 * read back for a rebuild. The registry (`registry.ts`) lists one `SheetSpec` per sheet.
 */
import type { Direction } from "../../core/scoring";
import type { Customer } from "../customers";
import type { CoreScores } from "../build";
import type { BuildInput, Model, PreviousInputs } from "../model";
import type { Scalar } from "../plan";
import type { SheetBuilder } from "../sheet-builder";
import type { PortfolioSettings, ReviewSettings } from "./portfolio";

/** The settings of one build, after the pane's choices and the previous sheets' values are merged. */
export interface BuildSettings {
  /** A customer's manual score for a criterion (the previous sheet's, else the table's rating). */
  manual: (customer: Customer, label: string) => number | undefined;
  weights: number[];
  directions: Direction[];
  /** The key-account rule's value (N, score or share) shown on the scoring sheet. */
  ruleValue: number;
  /** Manual scores of customers no longer in the table: [name, criterion, score]. */
  orphans: [string, string, number][];
  /** Key accounts the rule names at the build. */
  keyCount: number;
  /** Rows of the worst-case loss tables (k = 1..lossRows). */
  lossRows: number;
  fixedCosts: number;
  monthsToReplace: number;
  /** Scores, totals, ranks and key flags as the core computes them (what the sheets' formulas give). */
  scores: CoreScores;
  /** Each criterion's weights on the portfolio's two axes, and the cuts. */
  portfolio: PortfolioSettings;
  /** The closed periods the review compares with. */
  review: ReviewSettings;
}

export interface SheetContext {
  model: Model;
  settings: BuildSettings;
}

/**
 * Reading back what the user typed on one of our sheets. Small sheets are read whole; large
 * ones as the first `headRows` rows, then only `columnsBelow(head)` below them.
 */
export interface ReadBack {
  headRows: number;
  columnsBelow(head: Scalar[][]): number[];
  /** The inputs on the sheet, from its values (A1 at [0][0]). */
  read(grid: Scalar[][]): Partial<PreviousInputs>;
}

export interface SheetSpec<Role extends string = string, Layout = unknown> {
  role: Role;
  defaultName: string;
  tabColor: string;
  /** Named rows and columns of the sheet; no reader uses a literal position. */
  layout: Layout;
  build(context: SheetContext): SheetBuilder;
  /** Sheets built only on request (the sensitivity sheet); absent: always built. */
  include?(input: BuildInput): boolean;
  /** Placed before the other sheets in the workbook (the summary). */
  first?: boolean;
  /** Absent for sheets that hold nothing the user typed. */
  readBack?: ReadBack;
}

/** Declares a sheet, keeping its role's literal type (the registry derives `SheetRole` from it). */
export function defineSheet<const Role extends string, Layout>(spec: SheetSpec<Role, Layout>): SheetSpec<Role, Layout> {
  return spec;
}
