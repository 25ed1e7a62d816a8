/**
 * The shape of a KAM.* function declaration, as agreed in FUNCTION-SPEC.md. The h7-functions
 * branch implements the spec system; this file only carries the interface so that topic
 * files such as review.ts type-check on their own (the lead reconciles the two).
 */

/** How a parameter is declared to Excel: any[][] for ranges (blanks stay blank), any for a single value. */
export type ParamType = "any[][]" | "any" | "number" | "string";

export interface ParamSpec {
  name: string;
  type: ParamType;
  description: string;
  optional?: boolean;
  /** The default of an optional parameter, as the help page shows it. */
  default?: string;
}

export interface FunctionSpec {
  /** Excel name without "KAM.". */
  name: string;
  /** Custom function id (same as name). */
  id: string;
  /** One line, for JSDoc and the README. */
  summary: string;
  params: ParamSpec[];
  returns: { type: "number" | "string" | "any" | "any[][]"; description: string };
  example: { formula: string; result: string; explanation: string };
  /** Citations for the help page. */
  sources?: string[];
  /** The pure cell-level function in src/core: takes Excel cell values, returns a value or a 2-D array, throws KamError. */
  impl: (...args: unknown[]) => unknown;
}
