/**
 * The shared argument reader (src/core/input.ts): one pass over Excel's 2-D array, the same
 * numbers and sums whatever the shape, and HHI from the reader's sums equal to HHI from the
 * values, to the last bit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as conc from "../../src/core/concentration";
import { FieldSpec, readNumberList, readRecords, readRecordsCarefully } from "../../src/core/input";
import * as kam from "../../src/core/kam";
import { sum } from "../../src/core/numeric";
import { col } from "./helpers";

describe("readNumberList", () => {
  it("reads rows of any length in reading order, skipping blanks, with positions", () => {
    const list = readNumberList([[1], [2, null, 3], [], ["", 4, 5, 6]], { positions: true });
    expect(Array.from(list.values)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(list.positions!)).toEqual([0, 1, 3, 5, 6, 7]);
    expect(list.count).toBe(6);
    expect(list.cells).toBe(8);
  });

  it("takes Σx, Σx² and the largest value in the same pass, with or without keeping the numbers", () => {
    const cells = [[3, 1e16], [null, 1], [-1, 2.5]];
    const kept = readNumberList(cells, { sums: true });
    const xs = [3, 1e16, 1, -1, 2.5];
    expect(Array.from(kept.values)).toEqual(xs);
    expect(kept.sums).toEqual({ sum: sum(xs), sumSq: sum(xs.map((x) => x * x)), max: 1e16 });
    const counted = readNumberList(cells, { sums: true, keep: false });
    expect(counted.values).toHaveLength(0);
    expect(counted.count).toBe(5);
    expect(counted.sums).toEqual(kept.sums);
    expect(readNumberList(cells).sums).toBeUndefined();
  });

  it("names the cell of a bad value whatever is asked for", () => {
    expect(() => readNumberList([[1], ["x"]], { sums: true, keep: false })).toThrow('value 2 is text "x", expected a number');
    expect(() => readNumberList([[1, -2]], { nonNegative: true, sums: true, keep: false })).toThrow("value 2 is negative (-2)");
  });
});

describe("HHI and EFFECTIVEN from the reader's sums", () => {
  const amount = fc.oneof(
    fc.integer({ min: 0, max: 5_000_000 }),
    fc.double({ min: 0.01, max: 1e7, noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: 1e200, max: 1e300, noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: 1e-300, max: 1e-200, noNaN: true }),
  );
  const amounts = fc.array(amount, { minLength: 1, maxLength: 40 }).filter((xs) => xs.some((x) => x > 0));

  it("equal the values' HHI and effective number exactly, including beyond the plain-sum range", () => {
    fc.assert(
      fc.property(amounts, (xs) => {
        const values = Float64Array.from(xs);
        expect(Object.is(kam.HHI(col(...xs)), conc.hhi(values, 10000))).toBe(true);
        expect(Object.is(kam.HHI(col(...xs), 1), conc.hhi(values, 1))).toBe(true);
        expect(Object.is(kam.EFFECTIVEN(col(...xs)), conc.effectiveN(values))).toBe(true);
      }),
    );
  });

  it("keep the errors: all zeros #DIV/0!, nothing #N/A", () => {
    expect(() => kam.HHI(col(0, 0))).toThrow("the values total 0");
    expect(() => kam.EFFECTIVEN(col(null, ""))).toThrow("no values: all 2 cells are blank");
  });
});

describe("readRecords", () => {
  // Cells as Excel gives them: numbers of either sign, blanks, text (some that read as error
  // values), booleans, error objects, and numbers outside any range.
  const cell = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -3, max: 100 }) },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
    { weight: 3, arbitrary: fc.constantFrom(null, undefined, "") },
    { weight: 1, arbitrary: fc.constantFrom("Acme", "#N/A", "#name", "12", " ", true, false, { code: "#DIV/0!" }, Infinity, NaN) },
  );
  const outcome = (read: () => unknown) => {
    try {
      const r = read() as { fields: unknown[]; positions: Uint32Array; count: number };
      return { fields: r.fields.map((f) => (f instanceof Float64Array ? Array.from(f) : f === undefined ? f : [...(f as unknown[])])), positions: Array.from(r.positions), count: r.count };
    } catch (e) {
      return { error: String(e) };
    }
  };

  it("reads as the careful position-by-position read does: the same records, or the same first problem", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((rows) =>
          fc.tuple(
            fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: rows, maxLength: rows }),
            fc.array(fc.tuple(cell), { minLength: 2 * rows, maxLength: 2 * rows }),
            fc.option(fc.array(fc.tuple(cell), { minLength: 2 * rows, maxLength: 2 * rows })),
            fc.boolean(),
          ),
        ),
        ([key, partner, third, keyIsNumber]) => {
          const specs: FieldSpec[] = [
            { input: key, label: keyIsNumber ? "revenue" : "name", kind: keyIsNumber ? "number" : "label", nonNegative: keyIsNumber },
            { input: partner, label: keyIsNumber ? "name" : "revenue", kind: keyIsNumber ? "label" : "number", range: keyIsNumber ? undefined : [0, 50] },
            { input: third, label: "margin", kind: "number", optional: true },
          ];
          expect(outcome(() => readRecords(specs))).toEqual(outcome(() => readRecordsCarefully(specs)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("keeps names and amounts of a plain table paired, blank rows left out", () => {
    const r = readRecords([
      { input: [[10], [null], [30]], label: "revenue", kind: "number", nonNegative: true },
      { input: [["A"], [""], [7]], label: "name", kind: "label" },
    ]);
    expect(r.count).toBe(2);
    expect(Array.from(r.fields[0] as Float64Array)).toEqual([10, 30]);
    expect(r.fields[1]).toEqual(["A", 7]);
    expect(Array.from(r.positions)).toEqual([0, 2]);
    expect(() => readRecords([{ input: [[1], [2]], label: "revenue", kind: "number" }, { input: [["A"], [null]], label: "name", kind: "label" }])).toThrow("name 2 is blank but revenue 2 is not");
  });
});
