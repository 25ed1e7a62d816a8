/**
 * Filled-down formulas (src/workbook/fill.ts): a column of copies of one formula is held as one
 * run, each cell's formula built when read, and written to the .xlsx as a shared formula
 * (ECMA-376 Part 1, 18.3.1.40). Expected texts worked by hand: a relative reference moves with
 * the row, a $-row does not. Read back by openpyxl and ExcelJS, which move the shared formula's
 * text to each cell themselves.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Fill, FilledCell, hasFormula, plainCell, withFormat } from "../../src/workbook/fill";
import { instantiate, isCopy, template, toR1C1 } from "../../src/workbook/formula-text";
import { type CellPlan, columnLetter, type WorkbookPlan } from "../../src/workbook/plan";
import { SheetBuilder } from "../../src/workbook/sheet-builder";
import { planToXlsx } from "../../src/workbook/xlsx-writer";
import { readWithOpenpyxl } from "../support/openpyxl";

describe("instantiate", () => {
  it("moves relative rows and columns, keeps $ parts (worked by hand)", () => {
    const t = template(`=IF(ISNUMBER(F101),F101/$B$4,"")`, 100, 6)!;
    expect(instantiate(t, 104, 6)).toBe(`=IF(ISNUMBER(F105),F105/$B$4,"")`);
    const rank = template(`=COUNTIF($D$19:$D$269,">"&D101)+COUNTIF($D$19:D100,D101)+L$11`, 100, 2)!;
    expect(instantiate(rank, 101, 2)).toBe(`=COUNTIF($D$19:$D$269,">"&D102)+COUNTIF($D$19:D101,D102)+L$11`);
    // Another column moves relative columns too (not used by runs, which stay in their column).
    expect(instantiate(template("=A1+$A1", 0, 1)!, 0, 2)).toBe("=B1+$A1");
  });

  it("gives a copy of the template further down: isCopy agrees and the R1C1 form is the same", () => {
    const part = fc.record({ absCol: fc.boolean(), absRow: fc.boolean(), col: fc.integer({ min: 1, max: 200 }), row: fc.integer({ min: 1, max: 5_000 }) });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), fc.integer({ min: 5_000, max: 6_000 }), fc.integer({ min: 0, max: 20_000 }), (refs, row, down) => {
        // A run goes down from its first row, so references above stay on the sheet.
        const to = row + down;
        const formula = `=${refs.map((r) => `${r.absCol ? "$" : ""}${columnLetter(r.col - 1)}${r.absRow ? "$" : ""}${r.row}`).join("+")}`;
        const t = template(formula, row, 300)!;
        const moved = instantiate(t, to, 300);
        expect(isCopy(t, moved, to, 300)).toBe(true);
        expect(toR1C1(moved, to, 300)).toBe(t.r1c1);
        expect(instantiate(t, row, 300)).toBe(formula);
      }),
      { numRuns: 300 },
    );
  });
});

describe("SheetBuilder runs", () => {
  afterEach(() => {
    SheetBuilder.verifyFills = true; // as test/setup/verify-fills.ts leaves it
  });

  it("holds copies of the cell above as one run; anything else starts afresh", () => {
    const s = new SheetBuilder("S");
    for (let r = 1; r <= 4; r++) s.set(r, 1, { formula: `=A${r + 1}*2`, result: r, format: "0.0" });
    s.set(5, 1, { formula: "=A6*3", result: 5 }); // not a copy
    s.set(6, 1, { formula: "=A7*3", result: 6 }); // a copy of that one
    const cells = s.toPlan().blocks[0].cells;
    const run = cells.slice(1, 5).map((r) => r[1]);
    expect(run.every((c) => c instanceof FilledCell && c.fill === (run[0] as FilledCell).fill)).toBe(true);
    expect(run.map((c) => c.formula)).toEqual(["=A2*2", "=A3*2", "=A4*2", "=A5*2"]);
    expect(run.map((c) => [c.result, c.format])).toEqual([1, 2, 3, 4].map((x) => [x, "0.0"]));
    expect(cells[5][1] instanceof FilledCell && (cells[5][1] as FilledCell).fill).not.toBe((run[0] as FilledCell).fill);
    expect(cells[6][1].formula).toBe("=A7*3");
    expect(cells.map((r) => plainCell(r[1]))).toEqual([{}, ...[2, 3, 4, 5].map((n, i) => ({ formula: `=A${n}*2`, result: i + 1, format: "0.0" })), { formula: "=A6*3", result: 5 }, { formula: "=A7*3", result: 6 }]);
  });

  it("does not join a run across a gap or a cell written over", () => {
    const s = new SheetBuilder("S");
    s.set(0, 0, { formula: "=B1" });
    s.set(2, 0, { formula: "=B3" }); // a row between
    s.set(3, 0, { formula: "=B4" });
    s.set(3, 0, { value: 7 }); // written over
    s.set(4, 0, { formula: "=B5" });
    const col = s.toPlan().blocks[0].cells.map((r) => r[0]);
    expect(col[0]).toEqual({ formula: "=B1" });
    expect(col[3]).toEqual({ value: 7 });
    expect(col[4]).toEqual({ formula: "=B5" }); // a new start, not a copy of row 3's old formula
    expect(col.map((c) => (c && hasFormula(c) ? c.formula : c?.value))).toEqual(["=B1", undefined, "=B3", 7, "=B5"]);
  });

  it("filledRow: the same cells whether its source is called for every row or only the first", () => {
    const source = (r: number): CellPlan[] => [{ formula: `=IF(ISNUMBER(A${r + 1}),A${r + 1}/$Z$1,"")`, format: "0%" }, { value: "same" }, { formula: `=SUM($A$1:A${r + 1})` }];
    const build = (verify: boolean) => {
      SheetBuilder.verifyFills = verify;
      const s = new SheetBuilder("S");
      for (let r = 3; r < 50; r++) s.filledRow(r, 2, source, (k) => r * 10 + k);
      return s.toPlan().blocks[0].cells.map((row) => row.map(plainCell));
    };
    const quick = build(false);
    expect(build(true)).toEqual(quick);
    expect(quick[49]).toEqual([{}, {}, { formula: `=IF(ISNUMBER(A50),A50/$Z$1,"")`, format: "0%", result: 490 }, { value: "same" }, { formula: "=SUM($A$1:A50)", result: 492 }]);
  });

  it("filledRow with verifyFills refuses a source whose rows are not filled down", () => {
    const s = new SheetBuilder("S");
    const source = (r: number): CellPlan[] => [{ formula: r === 3 ? "=A1" : `=A${r + 1}` }];
    s.filledRow(2, 0, source, () => 0);
    expect(() => s.filledRow(3, 0, source, () => 0)).toThrow(/row 4, column 1 is not the one above filled down/);
    const values = (r: number): CellPlan[] => [{ value: r }];
    s.filledRow(10, 0, values, () => 0);
    expect(() => s.filledRow(11, 0, values, () => 0)).toThrow(/not the one above filled down/);
  });

  it("keeps the formula when a cell changes format, and as a plain object", () => {
    const fill = Fill.of("=A1*2", 0, 1)!;
    const c = new FilledCell(fill, 5, 12, "#,##0");
    expect(withFormat(c, '"EUR" #,##0')).toMatchObject({ formula: "=A6*2", result: 12, format: '"EUR" #,##0' });
    expect(plainCell(c)).toEqual({ formula: "=A6*2", result: 12, format: "#,##0" });
    expect(structuredClone(plainCell(c))).toEqual({ formula: "=A6*2", result: 12, format: "#,##0" });
  });
});

describe("runs in the .xlsx", () => {
  function plan(): WorkbookPlan {
    const s = new SheetBuilder("Runs");
    s.set(0, 0, { value: "x" });
    s.set(0, 1, { value: "twice" });
    for (let r = 1; r <= 5; r++) {
      s.set(r, 0, { value: r });
      s.set(r, 1, { formula: `=A${r + 1}*2+$A$2`, result: 2 * r + 1 });
    }
    s.set(6, 1, { formula: "=SUM(B2:B6)", result: 35 });
    return { sheets: [s.toPlan()] };
  }

  it("writes a run as one shared formula with each cell's cached value", async () => {
    const bytes = await planToXlsx(plan());
    const xml = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).toContain(`<c r="B2"><f t="shared" ref="B2:B6" si="0">A2*2+$A$2</f><v>3</v></c>`);
    expect(xml).toContain(`<c r="B3"><f t="shared" si="0"/><v>5</v></c>`);
    expect(xml).toContain(`<c r="B6"><f t="shared" si="0"/><v>11</v></c>`);
    expect(xml).toContain(`<c r="B7"><f>SUM(B2:B6)</f><v>35</v></c>`);
  });

  it("reads back with each cell's own formula in openpyxl and ExcelJS", async () => {
    const bytes = await planToXlsx(plan());
    const file = join(mkdtempSync(join(tmpdir(), "kam-fill-")), "runs.xlsx");
    writeFileSync(file, bytes);
    const cells = readWithOpenpyxl(file).sheets[0].cells.filter((c) => c[1] === 1 && c[0] >= 1);
    expect(cells.map((c) => c[3])).toEqual([1, 2, 3, 4, 5].map((r) => `=A${r + 1}*2+$A$2`).concat("=SUM(B2:B6)"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect([2, 3, 4, 5, 6].map((r) => wb.worksheets[0].getCell(r, 2).formula)).toEqual([2, 3, 4, 5, 6].map((r) => `A${r}*2+$A$2`));
  }, 60_000);
});
