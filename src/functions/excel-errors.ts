/**
 * Turns core failures into the errors Excel shows. Only #VALUE! and #N/A display a custom
 * message in Excel, so other codes travel without one; error values Excel does not accept
 * as a custom-function result (#REF!, #NAME?, ...) become #VALUE! with a message naming them.
 */
import { KamError } from "../core/errors";
import type { Out } from "../core/kam";
import { ALL_SPECS } from "./specs";

/** Error values a custom function may return; CustomFunctions.ErrorCode's values are these strings. */
const OUTPUT_CODES = new Set<string>(["#VALUE!", "#N/A", "#NUM!", "#DIV/0!", "#NULL!"]);

const WITH_MESSAGE = new Set<string>(["#VALUE!", "#N/A"]);

export function toExcelError(fn: string, error: unknown): CustomFunctions.Error {
  if (error instanceof KamError) {
    const message = `KAM.${fn}: ${error.message}`;
    if (!OUTPUT_CODES.has(error.code)) return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
    const code = error.code as CustomFunctions.ErrorCode;
    return WITH_MESSAGE.has(error.code) ? new CustomFunctions.Error(code, message) : new CustomFunctions.Error(code);
  }
  // A defect, not a user error: say so rather than show a wrong number.
  const detail = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `KAM.${fn}: internal error (${detail})`);
}

type Cell = number | string | boolean | CustomFunctions.Error;

/**
 * Runs a core function and adapts its result: errors are thrown as `CustomFunctions.Error`;
 * errors inside a spilled result become error elements; a 1 × 1 result whose only element is
 * an error is thrown, so its message shows.
 */
export function run<T extends number | string>(fn: string, body: () => T): T;
export function run(fn: string, body: () => Out[][]): Cell[][];
export function run(fn: string, body: () => number | string | Out[][]): number | string | Cell[][];
export function run(fn: string, body: () => number | string | Out[][]): number | string | Cell[][] {
  let result: number | string | Out[][];
  try {
    result = body();
  } catch (e) {
    throw toExcelError(fn, e);
  }
  if (!Array.isArray(result)) return result;
  if (result.length === 1 && result[0].length === 1 && result[0][0] instanceof KamError) {
    throw toExcelError(fn, result[0][0]);
  }
  // Spills are often a million rows: replace error elements in place, copying nothing.
  const cells = result as (Out | CustomFunctions.Error)[][];
  for (const row of cells) {
    for (let c = 0; c < row.length; c++) {
      const x = row[c];
      if (x instanceof KamError) row[c] = toExcelError(fn, x);
    }
  }
  return cells as Cell[][];
}

const SPEC_BY_ID = new Map(ALL_SPECS.map((spec) => [spec.id, spec]));

/**
 * A custom function's body: calls the core function that the spec with this id names, with
 * Excel's arguments, through `run`. The result is typed `any` because each generated function
 * in functions.ts declares its own result type (from the spec) for Excel's metadata.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export function call(id: string, ...args: unknown[]): any {
  const spec = SPEC_BY_ID.get(id);
  if (spec === undefined) throw toExcelError(id, new Error(`no function spec with id ${id}`));
  return run(spec.name, () => spec.impl(...args));
}
