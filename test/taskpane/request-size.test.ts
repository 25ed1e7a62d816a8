/**
 * Request-size accounting shared by the Office writer and the fake Excel host: one jsonBytes,
 * checked against Node's own UTF-8 count, and the batch that syncs before a request overflows.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonBytes, OP_BYTES, rowBytes, SyncBatch } from "../../src/taskpane/request-size";

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
