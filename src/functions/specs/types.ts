/**
 * The shape of a KAM.* function declaration (see the team's FUNCTION-SPEC): each function is
 * declared once in src/functions/specs/<topic>.ts and the Excel registration, JSDoc/README
 * text and help page are generated from it.
 */

export type SpecType = "number" | "string" | "any" | "any[][]";

export interface ParamSpec {
  name: string;
  type: SpecType;
  optional?: boolean;
  /** The default as shown to users, e.g. "10000" or "\"eigen\"". */
  default?: string;
  description: string;
}

export interface FunctionSpec {
  /** Excel name without "KAM.". */
  name: string;
  /** Custom function id (same as name). */
  id: string;
  /** One line, for JSDoc and the README. */
  summary: string;
  params: ParamSpec[];
  returns: { type: SpecType; description: string };
  example: { formula: string; result: string; explanation: string };
  /** Citations for the help page. */
  sources?: string[];
  /** The pure cell-level function in src/core: takes Excel cell values, returns a value or 2-D array, throws KamError. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Excel passes untyped cell values; each impl checks them.
  impl: (...args: any[]) => unknown;
}
