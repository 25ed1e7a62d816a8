import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/cli/read-table";

describe("readCsv", () => {
  it("keeps the name, region and segment columns as text exactly as written", () => {
    const t = readCsv(
      "customers.csv",
      ["Customer,Revenue,Region,Segment", "0012,100,01,1e3", "12,200,7,2", " 42 ,300.50,North,Retail"].join("\n"),
    );
    expect(t.rows).toEqual([
      ["0012", 100, "01", "1e3"],
      ["12", 200, "7", "2"],
      [" 42 ", 300.5, "North", "Retail"],
    ]);
  });

  it("parses a number only when nothing typed is lost; other numerals stay text", () => {
    // "1,234" is a number with a thousands separator since the reader understands formatted
    // numbers (src/table/numbers.ts); "0012" (an identifier), "1e5", "+5" and words stay text.
    const t = readCsv(
      "customers.csv",
      ["Customer,Revenue,Code,Note", "A,1234.50,0012,NaN", "B,-0.25,1e5,Infinity", 'C,1234,+5,"1,234"', "D,,12.0,"].join("\n"),
    );
    expect(t.rows.map((r) => r.slice(1))).toEqual([
      [1234.5, "0012", "NaN"],
      [-0.25, "1e5", "Infinity"],
      [1234, "+5", 1234],
      [null, 12, null],
    ]);
  });
});
