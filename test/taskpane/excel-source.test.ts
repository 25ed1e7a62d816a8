/** Finding and reading the customer table through Office.js. */
import { describe, expect, it } from "vitest";
import { buildSheets } from "../../src/taskpane/build-sheets";
import { listSources, readSource } from "../../src/taskpane/excel-source";
import { guessRoles } from "../../src/workbook/customers";
import { defaultCriteria } from "../../src/workbook/defaults";
import { smallTable } from "../workbook/fixtures";
import { FakeExcel } from "../fake-excel/fake-excel";

function workbook(): FakeExcel {
  const fake = new FakeExcel();
  const t = smallTable();
  // A table that does not start at A1, on a sheet whose name needs quotes.
  fake.addSheet("Key accounts 2026", [t.headers, ...t.rows], { at: "C5", table: "Accounts" });
  fake.addSheet("Other", [
    ["Name", "Sales", "Flag", "Note"],
    ["Alpha", 10, true, { formula: "=1/0" }],
    ["Beta", null, false, "x"],
    [null, null, null, null],
  ]);
  return fake;
}

describe("listSources", () => {
  it("lists the tables with their place and size, and the block around the selected cell", async () => {
    const fake = workbook();
    fake.select("Other", "B2");
    const sources = await fake.run((ctx) => listSources(ctx));
    expect(sources.map((s) => [s.id, s.label])).toEqual([
      ["table:Accounts", "Accounts ('Key accounts 2026'!C5:I12), 7 rows"],
      ["selection", "Current selection (Other!A1:D3), 2 rows"],
    ]);
    expect(sources[0]).toMatchObject({ sheet: "Key accounts 2026", address: "'Key accounts 2026'!C5:I12", rows: 7, columns: 7 });
    expect(fake.stats.syncs).toBe(2);
  });

  it("takes the used part of a selection of whole columns", async () => {
    const fake = workbook();
    fake.select("Other", "A:C");
    const sources = await fake.run((ctx) => listSources(ctx));
    expect(sources[1].label).toBe("Current selection (Other!A1:C3), 2 rows");
  });

  it("leaves out the table on the add-in's own scoring sheet", async () => {
    const fake = workbook();
    const t = smallTable();
    const roles = guessRoles(t.headers);
    await fake.run((ctx) => buildSheets(ctx, { table: t, roles, criteria: defaultCriteria(t, roles), keyRule: { kind: "top", n: 3 } }));
    expect(fake.model.tables.map((x) => x.name)).toEqual(["Accounts", "KAMScoring", "KAMPortfolio"]);
    const sources = await fake.run((ctx) => listSources(ctx));
    expect(sources.map((s) => s.id)).toEqual(["table:Accounts", "selection"]);
  });

  it("knows the add-in's own sheet by its properties, renamed or not; a sheet of the user's with our name is a source", async () => {
    const fake = workbook();
    const t = smallTable();
    const roles = guessRoles(t.headers);
    await fake.run((ctx) => buildSheets(ctx, { table: t, roles, criteria: defaultCriteria(t, roles), keyRule: { kind: "top", n: 3 } }));
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("KAM Scoring").name = "My scores";
      await ctx.sync();
    });
    fake.addSheet("KAM Loss Scenarios (2)", [["Name", "Sales"], ["Alpha", 10]], { table: "Mine" });
    const sources = await fake.run((ctx) => listSources(ctx));
    expect(sources.map((s) => s.id)).toEqual(["table:Accounts", "table:Mine", "selection"]);
  });
});

describe("readSource", () => {
  it("reads a table with its origin, in one sync when its size is known from the list", async () => {
    const fake = workbook();
    const [info] = await fake.run((ctx) => listSources(ctx));
    const before = fake.stats.syncs;
    const t = await fake.run((ctx) => readSource(ctx, info));
    expect(fake.stats.syncs - before).toBe(1);
    expect(t).toEqual({ ...smallTable(), sheetName: "Key accounts 2026", origin: { row: 4, col: 2 } });
  });

  it("reads by id in two syncs, and in chunks of rows when asked to", async () => {
    const fake = workbook();
    const before = fake.stats.syncs;
    const t = await fake.run((ctx) => readSource(ctx, "table:Accounts"));
    expect(fake.stats.syncs - before).toBe(2);
    const chunked = await fake.run((ctx) => readSource(ctx, "table:Accounts", { chunkCells: 14 }));
    expect(fake.stats.syncs - before).toBe(2 + 1 + 4); // 8 rows of 7 cells, 2 rows per sync
    expect(chunked).toEqual(t);
  });

  it("gives blanks as null, errors as {code}, booleans; drops trailing empty rows", async () => {
    const fake = workbook();
    fake.select("Other", "A1:D4");
    const t = await fake.run((ctx) => readSource(ctx, "selection"));
    expect(t).toEqual({
      sheetName: "Other",
      origin: { row: 0, col: 0 },
      headers: ["Name", "Sales", "Flag", "Note"],
      rows: [
        ["Alpha", 10, true, { code: "#DIV/0!" }],
        ["Beta", null, false, "x"],
      ],
    });
  });

  it("explains an empty selection", async () => {
    const fake = workbook();
    fake.select("Other", "F10:G12");
    await expect(fake.run((ctx) => readSource(ctx, { kind: "selection" }))).rejects.toThrow(/The selection is empty/);
  });

  it("reads a range by sheet and address", async () => {
    const fake = workbook();
    const t = await fake.run((ctx) => readSource(ctx, { kind: "range", sheet: "Other", address: "A1:B2" }));
    expect(t.headers).toEqual(["Name", "Sales"]);
    expect(t.rows).toEqual([["Alpha", 10]]);
  });
});
