/**
 * What the Office writer sends for a block: every cell exactly once, either in a shared R1C1
 * run whose formula gives back the cell's own formula, or in one 2-D write with its own input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockContents, columnSegments, formulaInput, rowWrites, widthRuns } from "../../src/taskpane/cell-writes";
import type { FormulaInput } from "../../src/taskpane/request-size";
import { fromR1C1 } from "../../src/workbook/formula-text";
import { a1, type BlockPlan, type CellPlan } from "../../src/workbook/plan";

describe("blockContents and rowWrites", () => {
  it("send a column of copies as one R1C1 formula, the rest as values, by hand", () => {
    const cells: CellPlan[][] = [[{ value: "Name" }, { value: "Share" }]];
    for (let r = 1; r <= 4; r++) cells.push([{ value: `C${r}` }, { formula: `=B${r + 1}/$B$9` }]);
    const { shared, rows } = blockContents({ row: 0, col: 0, cells });
    expect(shared).toEqual([{ r0: 1, n: 4, c: 1, formula: "=RC/R9C2" }]);
    expect(rows).toEqual([["'Name", "'Share"], ["'C1", null], ["'C2", null], ["'C3", null], ["'C4", null]]);
    // The header does not drag a column of nulls beside the names: two writes.
    expect(rowWrites(rows, 0, rows.length).map((w) => [w.r0, w.c0, w.part])).toEqual([
      [0, 0, [["'Name", "'Share"]]],
      [1, 0, [["'C1"], ["'C2"], ["'C3"], ["'C4"]]],
    ]);
    // A row with a blank cell inside a longer group joins it rather than costing a write of its own.
    const gap = [["'a", 1], ["'b", null], ["'c", 3], ["'d", 4], ["'e", 5]];
    expect(rowWrites(gap, 0, gap.length).map((w) => [w.r0, w.c0, w.part.length])).toEqual([[0, 0, 5]]);
  });

  it("account for every cell once, whatever the block", () => {
    const cellPlan = fc.oneof(
      fc.constant<CellPlan>({}),
      fc.integer().map((n): CellPlan => ({ value: n })),
      fc.constantFrom("x", "=1", "").map((s): CellPlan => ({ value: s })),
      fc.constantFrom("rel", "abs", "other").map((k): CellPlan => ({ formula: k })),
    );
    const grid = fc.integer({ min: 1, max: 5 }).chain((cols) => fc.array(fc.array(cellPlan, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 12 }));
    fc.assert(
      fc.property(grid, fc.nat(30), fc.nat(5), (raw, row, col) => {
        // Formulas that are copies of one another down a column (or not), in sheet coordinates.
        const cells = raw.map((r, i) => r.map((c, j): CellPlan => (c.formula === undefined ? c : { formula: c.formula === "rel" ? `=${a1(row + i - 1 + 1, col + j + 1)}*2` : c.formula === "abs" ? "=$A$1+1" : `=${i}` })));
        const block: BlockPlan = { row, col, cells };
        const { shared, rows } = blockContents(block);
        const seen = cells.map((r) => r.map(() => 0));
        for (const s of shared) {
          for (let r = s.r0; r < s.r0 + s.n; r++) {
            seen[r][s.c]++;
            expect(fromR1C1(s.formula, row + r, col + s.c)).toBe(cells[r][s.c].formula);
            expect(rows[r][s.c]).toBeNull();
          }
        }
        for (const w of rowWrites(rows, 0, rows.length)) {
          w.part.forEach((pr, i) =>
            pr.forEach((v, j) => {
              expect(v).toBe(rows[w.r0 + i][w.c0 + j]);
              if (v !== null) seen[w.r0 + i][w.c0 + j]++;
            }),
          );
        }
        cells.forEach((r, i) => r.forEach((c, j) => expect(seen[i][j]).toBe(formulaInput(c) === null ? 0 : 1)));
      }),
    );
  });
});

describe("formulaInput", () => {
  // Moved from test/taskpane/office-writer.test.ts with the function.
  it("writes literal text behind an apostrophe and nothing for empty cells", () => {
    expect(formulaInput({ value: "=1+1" })).toBe("'=1+1");
    expect(formulaInput({ value: "'quoted" })).toBe("''quoted");
    expect(formulaInput({ value: 3 })).toBe(3);
    expect(formulaInput({ value: true })).toBe(true);
    expect(formulaInput({ value: "" })).toBeNull();
    expect(formulaInput({ value: NaN })).toBeNull();
    expect(formulaInput({ formula: "=A1" })).toBe("=A1");
    expect(formulaInput({ style: "input" })).toBeNull();
  });
});

describe("layout helpers", () => {
  it("split used columns into writes bridging gaps of up to two, and group equal widths", () => {
    expect(columnSegments([true, false, false, true, false, false, false, true])).toEqual([
      [0, 3],
      [7, 7],
    ]);
    expect(widthRuns([10, 10, 0, 8, 8, 8])).toEqual([
      { c0: 0, c1: 1, width: 10 },
      { c0: 3, c1: 5, width: 8 },
    ]);
    const input: FormulaInput = formulaInput({ value: "+1" });
    expect(input).toBe("'+1");
  });
});
