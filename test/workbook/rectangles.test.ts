/** Rectangles of equal cells: every keyed cell in exactly one rectangle of its key, nothing else covered but wildcards. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BlockPlan, CellPlan } from "../../src/workbook/plan";
import { rectangles, WILDCARD } from "../../src/workbook/rectangles";

describe("rectangles", () => {
  // Moved from test/taskpane/office-writer.test.ts with the function.
  it("groups equal cells into rectangles; empty cells may join a number-format run", () => {
    const block = {
      row: 2,
      col: 1,
      cells: [
        [{ style: "header" as const }, { style: "header" as const }, {}],
        [{ value: 1, format: "0%" }, { value: 2, format: "0%" }, { value: "x" }],
        [{}, {}, { value: "y" }],
        [{ value: 3, format: "0%" }, { value: 4, format: "0%" }, {}],
      ],
    };
    expect(rectangles(block, (c) => c.style)).toEqual([{ row: 2, col: 1, rows: 1, cols: 2, key: "header" }]);
    const formats = rectangles(block, (c) => c.format ?? (c.value === undefined && !c.style ? "\u0000*" : undefined));
    expect(formats).toEqual([{ row: 3, col: 1, rows: 3, cols: 2, key: "0%" }]);
  });

  it("merges a column run with the same run in the next column, by hand", () => {
    // A column of three "a" with a "b" below it; beside it "a", a gap, "a".
    const block: BlockPlan = { row: 10, col: 3, cells: [[{ format: "a" }, { format: "a" }], [{ format: "a" }, {}], [{ format: "a" }, { format: "a" }], [{ format: "b" }]] };
    expect(rectangles(block, (c) => c.format)).toEqual([
      { row: 10, col: 3, rows: 3, cols: 1, key: "a" },
      { row: 13, col: 3, rows: 1, cols: 1, key: "b" },
      { row: 10, col: 4, rows: 1, cols: 1, key: "a" },
      { row: 12, col: 4, rows: 1, cols: 1, key: "a" },
    ]);
    // When the empty cell is a wildcard it joins the run: the "a" cells make one 3×2 rectangle.
    expect(rectangles(block, (c) => c.format ?? WILDCARD)).toEqual([
      { row: 10, col: 3, rows: 3, cols: 2, key: "a" },
      { row: 13, col: 3, rows: 1, cols: 1, key: "b" },
    ]);
  });

  it("covers each keyed cell exactly once with its key, and covers only wildcards besides", () => {
    const key = fc.constantFrom<string | undefined>("a", "b", undefined, WILDCARD);
    const grid = fc.integer({ min: 1, max: 6 }).chain((cols) => fc.array(fc.array(key, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 8 }));
    fc.assert(
      fc.property(grid, fc.nat(5), fc.nat(5), (keys, row, col) => {
        const block: BlockPlan = { row, col, cells: keys.map((r) => r.map((k): CellPlan => ({ format: k }))) };
        const covered = keys.map((r) => r.map(() => [] as string[]));
        for (const rect of rectangles(block, (c) => c.format)) {
          for (let r = rect.row - row; r < rect.row - row + rect.rows; r++) for (let c = rect.col - col; c < rect.col - col + rect.cols; c++) covered[r][c].push(rect.key);
        }
        keys.forEach((r, i) =>
          r.forEach((k, j) => {
            if (k === WILDCARD) expect(covered[i][j].length).toBeLessThanOrEqual(1);
            else if (k === undefined) expect(covered[i][j]).toEqual([]);
            else expect(covered[i][j]).toEqual([k]);
          }),
        );
      }),
    );
  });
});
