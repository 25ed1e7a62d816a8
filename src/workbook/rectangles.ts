/**
 * Rectangles of equal cells in a block of the plan: how a writer applies a number format or a
 * style to a whole column of a table in one call instead of one per cell. Pure (no Office
 * import).
 */
import { hasFormula } from "./fill";
import { blockSize, type BlockPlan, type CellPlan, type RangeRef } from "./plan";

/** A rectangle of equal cells, in sheet coordinates. */
export interface Rect extends RangeRef {
  key: string;
}

/** The key of a cell that may join any run (see `rectangles`). */
export const WILDCARD = "\u0000*";

/**
 * Groups the cells of a block into rectangles of equal keys: vertical runs per column, then
 * runs with the same rows and key in adjacent columns merge. `key` returns undefined for a cell
 * that takes no part, or WILDCARD for one that may join any run (an empty cell can take a
 * number format without changing anything).
 */
export function rectangles(block: BlockPlan, key: (c: CellPlan) => string | undefined): Rect[] {
  const { rows, cols } = blockSize(block);
  const out: Rect[] = [];
  let open = new Map<string, Rect>(); // runs ending at the previous column, by "r0:r1:key"
  for (let c = 0; c < cols; c++) {
    const runs: { r0: number; r1: number; key: string }[] = [];
    let cur: { r0: number; r1: number; key: string } | undefined;
    let lastReal = -1; // last row of `cur` that is not a wildcard
    for (let r = 0; r < rows; r++) {
      const k = key(block.cells[r]?.[c] ?? {});
      if (k === WILDCARD) {
        continue;
      }
      if (cur && k === cur.key) {
        cur.r1 = r;
        lastReal = r;
        continue;
      }
      if (cur) {
        cur.r1 = lastReal;
        runs.push(cur);
        cur = undefined;
      }
      if (k !== undefined) {
        cur = { r0: r, r1: r, key: k };
        lastReal = r;
      }
    }
    if (cur) runs.push(cur);
    const next = new Map<string, Rect>();
    for (const run of runs) {
      const id = `${run.r0}:${run.r1}:${run.key}`;
      const prev = open.get(id);
      if (prev) {
        prev.cols++;
        next.set(id, prev);
      } else {
        const rect = { row: block.row + run.r0, col: block.col + c, rows: run.r1 - run.r0 + 1, cols: 1, key: run.key };
        out.push(rect);
        next.set(id, rect);
      }
    }
    open = next;
  }
  return out;
}

/** A cell with nothing to write: no formula, no value. */
export const isEmptyCell = (c: CellPlan) => !hasFormula(c) && (c.value === undefined || c.value === null || c.value === "");
