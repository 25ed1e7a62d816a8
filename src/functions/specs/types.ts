/**
 * The shape every KAM.* function is declared in, once (see README "Adding a function").
 * From these declarations `npm run gen` writes the custom functions with their JSDoc
 * (src/functions/functions.ts, read by custom-functions-metadata-plugin), the function
 * sections of the help page (src/help/help.html) and the README function table; tests check
 * that those files match the specs and that every worked example gives its stated result.
 *
 * Nothing here imports Office: specs are plain data plus the pure core function they call.
 */
import type { OutGrid } from "../../core/kam";

/** Excel's view of a parameter: a single value, or a range (2-D array of cells). */
export type ParamType = "any" | "any[][]";

export interface ParamSpec {
  name: string;
  /**
   * "any[][]" for ranges (never number[][]: Excel would turn blank cells into 0), "any" for a
   * single value that the core reads and checks itself.
   */
  type: ParamType;
  optional?: boolean;
  /** The default as the user would type it ("10000", "\"skip\"", "FALSE"); the description must mention it. */
  default?: string;
  /** One sentence, shown by Excel while the argument is typed (plain text). */
  description: string;
}

export interface ReturnSpec {
  /** "number" and "string" for one value, "any[][]" for a spilled range, "any" for either. */
  type: "number" | "string" | "any" | "any[][]";
  description: string;
}

export interface ExampleSpec {
  /**
   * A formula a user can type, with literal arguments only: numbers, "text", TRUE/FALSE and
   * array constants ({1;2;3} a column, {1,2,3} a row); an empty argument is an omitted one.
   */
  formula: string;
  /** What the formula gives, rounded as shown: a value, "text", or an array constant for a spill. */
  result: string;
  /** How the result comes about, for the help page (HTML allowed: code, b, i, sub, sup). */
  explanation: string;
}

export interface FunctionSpec {
  /** Excel name without "KAM.". */
  name: string;
  /** Custom function id (same as name). */
  id: string;
  /** One line: Excel's function description, the README table (plain text). */
  summary: string;
  params: ParamSpec[];
  returns: ReturnSpec;
  /** The worked example: shown on the help page and evaluated by the tests. */
  example: ExampleSpec;
  /** Published sources of the definition or the example, cited on the help page. */
  sources?: string[];
  /** The help page's text about the function (HTML paragraphs, lists, tables); default: the summary. */
  details?: string;
  /**
   * The pure cell-level function in src/core: takes Excel's arguments in order (omitted ones as
   * null), returns a value or a 2-D array to spill, throws KamError for bad input.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Excel passes untyped cell values; the core checks them.
  impl: (...args: any[]) => number | string | OutGrid | number[][];
}
