/**
 * The KAM Notes sheet prints without cutting text off: prose runs across the columns, and a
 * cell's text shows only up to the print area's right edge, so every text must fit between its
 * column and that edge (widths as the layout rules set them, text as wide as they estimate it).
 */
import Papa from "papaparse";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/kam-workbook";
import { breakLines, notesSheet, type NotesInput } from "../../src/cli/notes-sheet";
import { laidOut, neededWidth } from "../../src/workbook/layout";
import { DEFAULTS_TEXT } from "../../src/workbook/defaults";

const LONG_HEADER = "Net revenue after rebates and credit notes, fiscal year 2025 (EUR, audited)";

function input(): NotesInput {
  return {
    source: "customer-master-data-export-2025-final-v3.csv",
    builtOn: "2026-11-29",
    reading: ["Encoding: Windows-1252 (guessed by jschardet at 0.73 confidence; Möller and Müller read as such)", "Separator: semicolon; decimal comma in Revenue, Margin; thousands separator \".\""],
    mapping: [
      ["Customer name / ID", "Kunde", "header reads as a customer name (German \"Kunde\"), and every row holds text"],
      ["Revenue", LONG_HEADER, `header reads as revenue; latest year (2025) of "${LONG_HEADER}", "Revenue 2024"; actual preferred over "Budget revenue 2025"`],
    ],
    leftOut: ["Row 62 \"Total\": a total row (its amounts equal the sum of the rows above), left out of every figure."],
    merged: ["\"Acme Corp\" appears on rows 4, 19 and 40: their revenue, margin and cost are summed (12% of revenue)."],
    defaults: DEFAULTS_TEXT,
    keyNotes: ["Alder Utilities LLC has 0.5% of revenue and is a key account on its other criteria (Revenue growth %, Tenure (years), NPS, Strategic fit, Brand strength, Cost to serve (share of revenue))."],
    disclosure: ["Highmark Labs AB (19.2%)"],
  };
}

describe("KAM Notes sheet", () => {
  it("breaks prose at spaces into lines of the given width, a longer word alone", () => {
    expect(breakLines("aa bb cc dd", 5)).toEqual(["aa bb", "cc dd"]);
    expect(breakLines("aa bbbbbbb cc", 5)).toEqual(["aa", "bbbbbbb", "cc"]);
    expect(breakLines("", 5)).toEqual([""]);
    expect(breakLines("  one   two ", 20)).toEqual(["one two"]);
  });

  it("every text fits between its column and the print area's right edge", () => {
    const sheet = laidOut(notesSheet(input()), "2026-11-29");
    const widths = sheet.columnWidths!;
    const right = sheet.print!.area.cols;
    expect(right).toBe(3);
    const cut: string[] = [];
    sheet.blocks[0].cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (typeof cell.value !== "string" || cell.value === "") return;
        const room = widths.slice(c, right).reduce((s, w) => s + w, 0);
        if (neededWidth(cell) > room) cut.push(`row ${r + 1} col ${c + 1}: ${cell.value} (${neededWidth(cell)} > ${room})`);
      }),
    );
    expect(cut).toEqual([]);
    // Nothing was lost on the way: the prose reads the same once the rows are joined again.
    const text = sheet.blocks[0].cells.map((row) => row.map((c) => c.value ?? "").join(" ").trim()).join(" ");
    for (const d of DEFAULTS_TEXT) expect(text.replace(/\s+/g, " ")).toContain(d);
    expect(text.replace(/\s+/g, " ")).toContain(input().keyNotes[0]);
  });
});

describe("key accounts below 1% of revenue (the demo)", () => {
  it("are each named with the reason, on the terminal and in KAM Notes; larger key accounts are not", async () => {
    const sample = join(__dirname, "../../assets/sample-customers.csv");
    const out: string[] = [];
    const file = join(mkdtempSync(join(tmpdir(), "kam-small-")), "demo.xlsx");
    expect(await main([sample, "-o", file], (s) => out.push(s), () => {})).toBe(0);
    const text = out.join("\n");
    const keys = /Key accounts \(\d+\): (.+)/.exec(text)![1].split(", ");
    // Shares worked from the CSV itself, not from the code under test.
    const rows = Papa.parse<Record<string, string>>(readFileSync(sample, "utf8"), { header: true, skipEmptyLines: true }).data;
    const total = rows.reduce((s, r) => s + Number(r.Revenue), 0);
    const share = (name: string) => Number(rows.find((r) => r.Customer === name)!.Revenue) / total;
    const small = keys.filter((k) => share(k) < 0.01);
    expect(small.length).toBeGreaterThan(0); // the demo has some: the test checks something
    for (const k of keys) {
      const noted = text.includes(`Note: ${k} has ${(share(k) * 100).toFixed(1)}% of revenue and is a key account on its other criteria`);
      expect(noted, k).toBe(small.includes(k));
    }
  });
});
