/** The layout rules (layout.ts): number text by format, wrapping, widths from content, print setup. */
import { describe, expect, it } from "vitest";
import { fitColumns, formatNumber, laidOut, MAX_WIDTH, neededWidth, printSetup, wrappedLines } from "../../src/workbook/layout";
import type { SheetPlan } from "../../src/workbook/plan";

describe("formatNumber", () => {
  it("shows numbers as Excel does under the builders' formats (worked by hand)", () => {
    expect(formatNumber(1234567.4, "#,##0")).toBe("1,234,567");
    expect(formatNumber(-1234567.5, "#,##0")).toBe("-1,234,568");
    expect(formatNumber(0.1923, "0.0%")).toBe("19.2%");
    expect(formatNumber(0.5, "0%")).toBe("50%");
    expect(formatNumber(7.256, "0.00")).toBe("7.26");
    expect(formatNumber(1234.5, '"EUR" #,##0')).toBe("EUR 1,235");
    expect(formatNumber(1 / 3)).toBe("0.333333333");
    expect(formatNumber(42)).toBe("42");
  });
});

describe("wrappedLines", () => {
  it("wraps word by word", () => {
    expect(wrappedLines("Revenue share", 20)).toBe(1);
    expect(wrappedLines("Cumulative share before", 10)).toBe(3);
    expect(wrappedLines("Operating profit after loss", 16)).toBe(2);
  });
});

const sheet = (cells: SheetPlan["blocks"][0]["cells"], extra: Partial<SheetPlan> = {}): SheetPlan => ({ name: "S", blocks: [{ row: 0, col: 0, cells }], ...extra });

describe("fitColumns", () => {
  it("widens a column for a label with a value beside it, not for a title that spills into empty cells", () => {
    const p = sheet([
      [{ value: "A long title that spills over the empty cells to its right", style: "title" }],
      [{ value: "Months to replace lost revenue", style: "label" }, { value: 12, style: "input" }],
    ]);
    const { widths } = fitColumns(p);
    expect(widths[0]).toBe(neededWidth({ value: "Months to replace lost revenue", style: "label" }));
    expect(widths[0]).toBeGreaterThanOrEqual(Math.ceil("Months to replace lost revenue".length * 1.1));
  });

  it("widens a column for a note whose right neighbour is a hidden (grouped) helper column: text does not spill there", () => {
    const note = { value: "2023 US Merger Guidelines: above 1,800 highly concentrated.", style: "note" as const };
    const open = fitColumns(sheet([[{ value: 1 }, note]]));
    const hidden = fitColumns(sheet([[{ value: 1 }, note]], { hiddenColumns: [{ col: 2, cols: 3 }] }));
    expect(open.widths[1]).toBeLessThan(neededWidth(note));
    expect(hidden.widths[1]).toBe(Math.min(neededWidth(note), MAX_WIDTH));
  });

  it("fits formatted figures and gives wrapped headers the height of their lines", () => {
    const p = sheet([
      [{ value: "Operating profit after loss", style: "header" }, { value: "k", style: "header" }],
      [{ formula: "=1", result: -12_345_678, format: "#,##0" }, { value: 1 }],
    ]);
    const { widths, rowHeights } = fitColumns(p);
    expect(widths[0]).toBeGreaterThanOrEqual("-12,345,678".length);
    // 13 wide: "Operating" / "profit" / "after loss".
    expect(widths[0]).toBe(13);
    expect(rowHeights).toEqual([{ row: 0, height: 45 }]);
  });

  it("ignores hidden rows", () => {
    const p = sheet([[{ value: "x".repeat(50) }, { value: 1 }]], { hiddenRows: [{ row: 0, rows: 1 }] });
    expect(fitColumns(p).widths[0]).toBeLessThan(10);
  });
});

describe("printSetup", () => {
  it("prints the used range and charts, landscape when wide, the table header repeated, footer with name, page and date", () => {
    const cells = [[{ value: "Customer", style: "header" as const }, ...Array.from({ length: 11 }, () => ({ value: "Header", style: "header" as const }))]];
    const p = laidOut(
      sheet(cells, {
        tables: [{ name: "T", row: 0, col: 0, rows: 1, cols: 12 }],
        charts: [{ kind: "line", title: "c", data: { row: 0, col: 0, rows: 1, cols: 1 }, series: [], anchor: { row: 3, col: 2, rows: 10, cols: 20 } }],
        columnWidths: Array(12).fill(12),
      }),
      "2026-11-28",
    );
    expect(p.print).toEqual({
      area: { row: 0, col: 0, rows: 13, cols: 22 },
      landscape: true,
      pagesTall: 0,
      titleRows: { row: 0, rows: 1 },
      footer: { left: "&A", center: "Page &P of &N", right: "Built 2026-11-28" },
    });
    expect(printSetup(sheet([[{ value: "narrow" }]])).landscape).toBe(false);
    expect(printSetup(sheet([[{ value: "t" }]], { freeze: { rows: 2, cols: 0 } })).titleRows).toEqual({ row: 0, rows: 2 });
  });
});

describe("number formats of the scoring sheet's inputs (issue 10)", () => {
  it("percent headers with a % sign, shares of revenue as %, amounts with thousands separators", async () => {
    const { buildWorkbook, SCORING } = await import("../../src/workbook/build");
    const headers = ["Customer", "Revenue", "Growth %", "Cost to serve (share of revenue)", "Employees", "NPS"];
    const rows = [
      ["A", 1_000_000, 1.5, 0.0305, 12_000, 40],
      ["B", 500_000, -2, 0.05, 800, 10],
      ["C", 250_000, 4, 0.1, 90, -5],
    ];
    const criteria = headers.slice(2).map((label, i) => ({ label, kind: "data" as const, column: i + 2, direction: "benefit" as const, method: "minmax" as const, weight: 1 }));
    const table = { sheetName: "Customers", origin: { row: 0, col: 0 }, headers, rows };
    const { plan } = buildWorkbook({ table, roles: { name: 0, revenue: 1 }, criteria, keyRule: { kind: "top", n: 1 } });
    const cells = plan.sheets[0].blocks[0].cells;
    const header = cells[SCORING.headerRow].map((c) => c.value);
    const first = cells[SCORING.headerRow + 1];
    const format = (h: string) => {
      expect(header, h).toContain(h);
      return first[header.indexOf(h)].format;
    };
    expect(format("Growth %")).toBe('0.0"%"');
    expect(formatNumber(1.5, '0.0"%"')).toBe("1.5%");
    expect(format("Cost to serve (share of revenue)")).toBe("0.0%");
    // Separators without a currency (COUNT_FORMAT): a raw value may be a count, as here.
    expect(format("Employees")).toBe("#,##0;-#,##0");
    expect(format("NPS")).toBeUndefined();
  });
});

describe("amounts with an optional currency on every sheet", () => {
  it("gives every amount (and only amounts) the currency; HHI points and raw criterion values keep plain separators", async () => {
    const { buildWorkbook } = await import("../../src/workbook/build");
    const { smallInput } = await import("./fixtures");
    const { AMOUNT_FORMAT, COUNT_FORMAT } = await import("../../src/workbook/layout");
    const plain = buildWorkbook(smallInput()).plan;
    const euro = buildWorkbook({ ...smallInput(), currency: "EUR" }).plan;
    expect(euro.sheets.map((s) => s.name)).toEqual(plain.sheets.map((s) => s.name));
    const changed = new Set<string>();
    plain.sheets.forEach((sheet, i) =>
      sheet.blocks.forEach((b, k) =>
        b.cells.forEach((row, r) =>
          row.forEach((c, j) => {
            const e = euro.sheets[i].blocks[k].cells[r][j];
            if (c.format === AMOUNT_FORMAT) {
              expect(e.format, `${sheet.name} ${r},${j}`).toBe('"EUR "#,##0');
              changed.add(sheet.name);
            } else expect(e.format, `${sheet.name} ${r},${j}`).toBe(c.format);
          }),
        ),
      ),
    );
    // Every sheet with amounts: not only the summary.
    expect([...changed].sort()).toEqual(["KAM Concentration", "KAM Loss Scenarios", "KAM Portfolio", "KAM Scoring", "KAM Summary"]);
    const formats = (name: string) => euro.sheets.find((s) => s.name === name)!.blocks.flatMap((b) => b.cells.flat().map((c) => c.format));
    expect(formats("KAM Concentration")).toContain(COUNT_FORMAT); // HHI
    expect(formatNumber(1234567, '"EUR "#,##0')).toBe("EUR 1,234,567");
    expect(formatNumber(1800, COUNT_FORMAT)).toBe("1,800");
  });
});
