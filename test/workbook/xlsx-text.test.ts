/**
 * Text the .xlsx writer writes itself (xlsx-stream.ts) comes back as it was: XML markup
 * characters, quotes, a leading "=" (text, never a formula), emoji, right-to-left and combining
 * characters, very long strings, leading and trailing spaces, line breaks and tabs, as literal
 * cells, as formulas' cached text and in a sheet name. Read back with openpyxl (an independent
 * reader), and with ExcelJS (which the CLI uses to read a workbook's history back). Control
 * characters, which XML 1.0 cannot hold, are written as Excel's `_xHHHH_` escapes (ECMA-376
 * Part 1, 22.9.2.19), which Excel and LibreOffice decode and openpyxl 3.0 hands over as they
 * are: decoded here the way Excel does, with a text that itself reads like an escape kept as typed.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { escapeText } from "../../src/workbook/xlsx-stream";
import { planToXlsx } from "../../src/workbook/xlsx-writer";
import { readWithOpenpyxl } from "../support/openpyxl";

const TRICKY = [
  `Smith & Sons <Ltd> "quoted" 'single'`,
  "=HYPERLINK(\"http://x\",\"click\")",
  "=1+1",
  "+49 30 1234",
  "Grüße 😀 👩‍👩‍👧 ﷺ שלום e\u0301",
  "  leading and trailing  ",
  "line one\nline two\ttabbed",
  "bell\u0007 and nul-free \u001f end",
  "carriage\r\nreturn",
  "_x0041_ typed as is",
  "x".repeat(32_000),
  "]]> <![CDATA[ &amp; &#65;",
];

/** Excel's reading of an ST_Xstring: _xHHHH_ is the character HHHH. */
const decodeExcelEscapes = (s: string) => s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function plan(): WorkbookPlan {
  const rows = TRICKY.map((t, i) => [{ value: t }, { formula: `=A${i + 1}&""`, result: t }, { value: i }]);
  return { sheets: [{ name: "Bob's & <Co> 😀", blocks: [{ row: 0, col: 0, cells: rows }] }] };
}

describe("text in the written .xlsx", () => {
  it("escapes what XML cannot hold and keeps the rest as it is", () => {
    expect(escapeText("a&b<c>d")).toBe("a&amp;b&lt;c&gt;d");
    expect(escapeText("x\u0001y\rz")).toBe("x_x0001_y_x000D_z");
    expect(escapeText("_x0041_")).toBe("_x005F_x0041_");
    expect(escapeText("lone \ud800 half")).toBe("lone _xD800_ half");
    expect(escapeText("emoji 😀\ttab\nline")).toBe("emoji 😀\ttab\nline");
  });

  it("reads back the same in openpyxl and ExcelJS, literals as text and formulas with their cached text", async () => {
    const bytes = await planToXlsx(plan());
    const sheetXml = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheetXml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/); // eslint-disable-line no-control-regex
    const file = join(mkdtempSync(join(tmpdir(), "kam-text-")), "text.xlsx");
    writeFileSync(file, bytes);
    const sheet = readWithOpenpyxl(file).sheets[0];
    expect(sheet.name).toBe("Bob's & <Co> 😀");
    TRICKY.forEach((t, i) => {
      const literal = sheet.cells.find((c) => c[0] === i && c[1] === 0)!;
      const formula = sheet.cells.find((c) => c[0] === i && c[1] === 1)!;
      // read-xlsx.py files any text starting with "=" as a formula; ExcelJS below tells them apart.
      expect(decodeExcelEscapes(String(literal[2] ?? literal[3])), `row ${i + 1}`).toBe(t);
      expect(formula[3]).toBe(`=A${i + 1}&""`);
      expect(decodeExcelEscapes(String(formula[4])), `row ${i + 1} cached`).toBe(t);
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    TRICKY.forEach((t, i) => {
      const v = ws.getCell(i + 1, 1).value;
      expect(typeof v, `ExcelJS row ${i + 1} is text, never a formula`).toBe("string");
      expect(decodeExcelEscapes(v as string), `ExcelJS row ${i + 1}`).toBe(t);
      expect(ws.getCell(i + 1, 2).formula).toBe(`A${i + 1}&""`);
    });
  }, 60_000);
});
