/**
 * The fake Excel host behaves like Excel where the add-in's correctness depends on it: queued
 * operations, PropertyNotLoaded, null objects, how typed input is interpreted, payload limits,
 * renames and deletions followed by formulas, partial failure of a batch.
 */
import { describe, expect, it } from "vitest";
import { FakeExcel, interpretInput, parseTypedNumber } from "../fake-excel/fake-excel";

describe("fake Excel host", () => {
  it("queues until sync and throws PropertyNotLoaded for properties not loaded", async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      expect(() => ws.name).toThrow(/The property 'name' is not available/);
      ws.getRange("A1").values = [[5]];
      expect(fake.cell("Sheet1", "A1").value).toBeNull(); // not yet synced
      ws.load("name");
      await ctx.sync();
      expect(ws.name).toBe("Sheet1");
      expect(() => ws.position).toThrow(/not available/);
      expect(fake.cell("Sheet1", "A1").value).toBe(5);
    });
    expect(fake.stats.syncs).toBe(1);
  });

  it("gives null objects that are known after a sync", async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const prop = ctx.workbook.worksheets.getItem("Sheet1").customProperties.getItemOrNullObject("KAM.builtBy");
      expect(() => missing.isNullObject).toThrow(/not available/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(prop.isNullObject).toBe(true);
      ctx.workbook.worksheets.getItem("Nope");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  it("interprets input like Excel: only an apostrophe keeps formula- or number-like text as text", async () => {
    const inputs = ["1,234", "'1,234", "=1+1", "'=1+1", "TRUE", "'TRUE", "+1", "-2", "@x", "'@x", '=HYPERLINK("http://x","y")', "12%", "2024-01-05", "plain", "''quoted"];
    const fake = new FakeExcel();
    const out = await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:O1");
      r.formulas = [inputs];
      r.load("values,valueTypes,formulas");
      await ctx.sync();
      return { values: r.values[0], types: r.valueTypes[0], formulas: r.formulas[0] };
    });
    expect(out.values).toEqual([1234, "1,234", 2, "=1+1", true, "TRUE", 1, -2, "#NAME?", "@x", "y", 0.12, 45296, "plain", "'quoted"]);
    expect(out.types).toEqual(["Double", "String", "Double", "String", "Boolean", "String", "Double", "Double", "Error", "String", "String", "Double", "Double", "String", "String"]);
    expect(out.formulas[2]).toBe("=1+1");
    expect(out.formulas[3]).toBe("=1+1"); // text, returned without its apostrophe
    expect(fake.cell("Sheet1", "D1")).toMatchObject({ isText: true, formula: undefined });
    expect(parseTypedNumber("(1,234.5)")).toBe(-1234.5);
    expect(parseTypedNumber("1,23")).toBeUndefined();
    expect(interpretInput(null)).toBe("skip");
    expect(interpretInput("")).toBeUndefined();
  });

  it("null in a 2-D array leaves the cell alone; a single value fills the range", async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      r.values = [
        [1, 2],
        [3, 4],
      ];
      r.formulas = [
        [null, "x"],
        [null, null],
      ];
      (r as unknown as { numberFormat: string }).numberFormat = "0.0%";
      await ctx.sync();
    });
    expect(fake.sheetValues("Sheet1")).toEqual([
      [1, "x"],
      [3, 4],
    ]);
    expect(fake.cell("Sheet1", "B2").numberFormat).toBe("0.0%");
  });

  it("counts bytes per sync and rejects a request over 5 MB like Excel on the web", async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      const big = Array.from({ length: 60_000 }, (_, i) => [`'${"x".repeat(90)}${i}`]);
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A60000").formulas = big;
      await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").formulas = [["'a"], ["'b"]];
      await ctx.sync();
    });
    expect(fake.stats.perSync.map((s) => s.bytes > 5 * 1024 * 1024)).toEqual([true, false]);
    expect(fake.stats.perSync[1].bytes).toBeLessThan(100);
    expect(fake.sheetValues("Sheet1")).toEqual([["a"], ["b"]]);
  });

  it("follows renames in formulas, turns references to a deleted sheet into #REF!", async () => {
    const fake = new FakeExcel({ sheets: ["Data", "Calc"] });
    fake.type("Data", "A1", 21);
    fake.type("Calc", "A1", "='Data'!A1*2");
    fake.type("Calc", "A2", "=Data!A1+1");
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").name = "My data";
      await ctx.sync();
    });
    expect(fake.cell("Calc", "A1")).toMatchObject({ value: 42, formula: "='My data'!A1*2" });
    expect(fake.cell("Calc", "A2")).toMatchObject({ value: 22, formula: "='My data'!A1+1" });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("My data").delete();
      await ctx.sync();
    });
    expect(fake.cell("Calc", "A1")).toMatchObject({ type: "Error", formula: "=#REF!*2" });
  });

  it("a failed batch runs the operations before the failure and drops the rest", async () => {
    const fake = new FakeExcel();
    fake.injectFailure({ atSync: 1, afterOps: 2 });
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1"); // op 1: the look-up
      ws.getRange("A1").values = [[1]]; // ops 2 and 3
      ws.getRange("A2").values = [[2]];
      await expect(ctx.sync()).rejects.toThrow(/Injected failure of sync 1 after 2 of 5 operations/);
    });
    expect(fake.sheetValues("Sheet1")).toEqual([]);
  });

  it("makes table headers unique and non-blank, names tables uniquely", async () => {
    const fake = new FakeExcel();
    fake.addSheet("T", [
      ["Name", "name", null],
      ["a", 1, 2],
    ]);
    await fake.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("T").tables.add("A1:C2", true);
      t.load("name");
      await ctx.sync();
      expect(t.name).toBe("Table1");
      t.name = "Customers";
      ctx.workbook.worksheets.getItem("T").tables.add("E1:F2", true).name = "customers";
      await expect(ctx.sync()).rejects.toThrow(/already exists/);
    });
    expect(fake.sheetValues("T")[0].slice(0, 3)).toEqual(["Name", "name2", "Column3"]);
  });
});
