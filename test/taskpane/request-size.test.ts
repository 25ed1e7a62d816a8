/**
 * Request-size accounting shared by the Office writer and the fake Excel host: one jsonBytes,
 * checked against Node's own UTF-8 count, the batch that syncs before a request overflows, and
 * the layout allowances against what the fake host counts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writePlan } from "../../src/taskpane/office-writer";
import { ALLOWANCE, jsonBytes, OP_BYTES, rowBytes, SyncBatch } from "../../src/taskpane/request-size";
import type { CellStyle, SheetPlan } from "../../src/workbook/plan";
import { STYLES } from "../../src/workbook/styles";
import { FakeExcel } from "../fake-excel/fake-excel";

const utf8 = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? "", "utf8");

describe("jsonBytes", () => {
  it("counts the UTF-8 bytes of the JSON, by hand", () => {
    expect(jsonBytes("abc")).toBe(5); // "abc"
    expect(jsonBytes("é")).toBe(4); // U+00E9: 2 bytes, plus the quotes
    expect(jsonBytes("€")).toBe(5); // U+20AC: 3 bytes
    // U+1F600 is one code point of 4 bytes in UTF-8 (two UTF-16 units): 6 with the quotes, not 8.
    expect(jsonBytes("😀")).toBe(6);
    expect(jsonBytes(["😀", 1])).toBe(10); // ["😀",1]
    // A lone surrogate is written by JSON.stringify as the escape \ud83d: 6 ASCII bytes.
    expect(jsonBytes("\ud83d")).toBe(8);
    expect(jsonBytes(undefined)).toBe(0);
    expect(jsonBytes({ bold: true })).toBe(13);
  });

  it("agrees with Buffer.byteLength(JSON.stringify(x)) for any text, pairs and lone surrogates included", () => {
    const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    const text = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: fc.oneof(fc.constantFrom("a", "\u00e9", "\u20ac", "😀"), loneSurrogate) }));
    const value = fc.oneof(text, fc.array(fc.oneof(text, fc.double(), fc.boolean(), fc.constant(null))), fc.dictionary(text, text));
    fc.assert(fc.property(value, (v) => jsonBytes(v) === utf8(v)));
  });
});

describe("rowBytes", () => {
  it("is at least the JSON of the row from its first to its last value, and 0 for a row of nulls", () => {
    expect(rowBytes([null, null])).toBe(0);
    const cell = fc.oneof(fc.constant(null), fc.string({ unit: "binary" }), fc.integer(), fc.boolean());
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 12 }), (row) => {
        const first = row.findIndex((v) => v !== null);
        if (first < 0) return rowBytes(row) === 0;
        const last = row.length - 1 - [...row].reverse().findIndex((v) => v !== null);
        return rowBytes(row) >= jsonBytes([row.slice(first, last + 1)]);
      }),
    );
  });
});

describe("SyncBatch", () => {
  it("counts an allowance per operation and syncs before a batch would pass its budget", async () => {
    let sent = 0;
    let progress = 0;
    const batch = new SyncBatch(
      async () => void sent++,
      1000,
      () => progress++,
    );
    expect(batch.empty).toBe(true);
    await batch.room(500);
    batch.add(500);
    expect(sent).toBe(0);
    expect(batch.fits(1000 - 500 - 2 * OP_BYTES)).toBe(true);
    expect(batch.fits(1000 - 500 - 2 * OP_BYTES + 1)).toBe(false);
    await batch.room(500); // 620 + 620 > 1000: the first goes now
    expect(sent).toBe(1);
    batch.add(500);
    await batch.sync();
    expect({ syncs: batch.syncs, total: batch.total, largest: batch.largest, sent, progress }).toEqual({ syncs: 2, total: 2 * (500 + OP_BYTES), largest: 500 + OP_BYTES, sent: 2, progress: 2 });
  });
});

describe("ALLOWANCE", () => {
  const far = { row: 1_000_000, col: 16_000, rows: 48_000, cols: 300 };
  // A far block of two cells, without a style unless the element gives one.
  const bare: SheetPlan = { name: "Layout", blocks: [{ row: 0, col: 0, cells: [[{ value: "Name" }]] }, { row: far.row, col: far.col, cells: [[{}, {}]] }] };
  /** What one layout element adds to the writer's estimate and to the fake host's count, against the same sheet without it. */
  async function cost(element: Partial<SheetPlan>) {
    const write = async (sheet: SheetPlan) => {
      const fake = new FakeExcel({ evaluate: false });
      fake.resetStats();
      const stats = await fake.run((ctx) => writePlan(ctx, { sheets: [sheet] }));
      return { estimated: stats.payloadBytes, measured: fake.stats.totalBytes };
    };
    const without = await write(bare);
    const withIt = await write({ ...bare, ...element });
    return { estimated: withIt.estimated - without.estimated, measured: withIt.measured - without.measured };
  }

  it("with OP_BYTES, covers what the fake host counts for each layout operation at sheet-sized indexes", async () => {
    const elements: [keyof typeof ALLOWANCE, Partial<SheetPlan>][] = [
      ...Object.keys(STYLES).map((style): [keyof typeof ALLOWANCE, Partial<SheetPlan>] => ["style", { blocks: [bare.blocks[0], { row: far.row, col: far.col, cells: [[{ style: style as CellStyle }, { style: style as CellStyle }]] }] }]),
      ["columnOrRows", { columnWidths: [...Array<number>(far.col).fill(0), 123.5] }],
      ["group", { hiddenRows: [{ row: far.row, rows: far.rows }] }],
      ["group", { hiddenColumns: [{ col: far.col, cols: far.cols }] }],
      ["freeze", { freeze: { rows: 12, cols: 3 } }],
      ["table", { tables: [{ row: far.row, col: 0, rows: far.rows, cols: 12, name: "KAMScoring_12" }] }],
      ["colorScale", { colorScales: [far] }],
      [
        "chart",
        {
          charts: [
            {
              kind: "line",
              title: "",
              data: { row: far.row, col: 0, rows: far.rows, cols: 1 },
              series: ["", "", ""].map((name, i) => ({ name, values: { row: far.row + 1, col: i + 1, rows: far.rows - 1, cols: 1 } })),
              anchor: { row: far.row, col: 20, rows: 20, cols: 10 },
            },
          ],
        },
      ],
    ];
    for (const [kind, element] of elements) {
      const { estimated, measured } = await cost(element);
      expect(measured, kind).toBeGreaterThan(0);
      // One operation's allowance (the two styled cells are one rectangle, one call).
      expect(estimated, kind).toBe(ALLOWANCE[kind] + OP_BYTES + (kind === "chart" ? jsonBytes(["", null, null, ["", "", ""]]) : 0));
      expect(estimated, kind).toBeGreaterThanOrEqual(measured);
    }
  });
});
