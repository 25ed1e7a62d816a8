/**
 * Formula text: the A1 tokenizer and the A1 ⇄ R1C1 conversions the Office writer relies on to
 * send a column of copies of one formula as a single R1C1 formula. Expected R1C1 forms worked
 * by hand from Excel's notation (R2C3 is $C$2; R[-1]C is the cell above; RC[2] two to the
 * right); the fake host's own converter (`r1c1ToA1`, written apart) is the second opinion.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { colNumber, fromR1C1, isCopy, template, tokenize, toR1C1, type Ref } from "../../src/workbook/formula-text";
import { columnLetter } from "../../src/workbook/plan";
import { r1c1ToA1 } from "../fake-excel/model";

const ref = (col: number, row: number, absCol = false, absRow = false): Ref => ({ absCol, col, absRow, row });

describe("tokenize", () => {
  it("splits references from literal text: absolute, mixed and relative, in ranges", () => {
    expect(tokenize("=SUM($A$1:B2)")).toEqual(["=SUM(", ref(1, 1, true, true), ":", ref(2, 2), ")"]);
    expect(tokenize("=$C5+C$5")).toEqual(["=", ref(3, 5, true, false), "+", ref(3, 5, false, true), ""]);
    expect(tokenize("=XFD1048576")).toEqual(["=", ref(16_384, 1_048_576), ""]);
  });

  it("leaves references inside strings and quoted sheet names alone, apostrophes and quotes doubled", () => {
    expect(tokenize(`="A1 and ""B2"""&C3`)).toEqual([`="A1 and ""B2"""&`, ref(3, 3), ""]);
    expect(tokenize("='Bob''s A1'!B2")).toEqual(["='Bob''s A1'!", ref(2, 2), ""]);
    expect(tokenize("='A1'!$B$2")).toEqual(["='A1'!", ref(2, 2, true, true), ""]);
  });

  it("reads function names, sheet names and out-of-grid words as text, not references", () => {
    // LOG10( and ATAN2( are functions; XFE1 is past the last column, A0 and A1048577 outside the rows.
    expect(tokenize("=LOG10(A1)+ATAN2(1,2)+XFE1+A0+A1048577")).toEqual(["=LOG10(", ref(1, 1), ")+ATAN2(1,2)+XFE1+A0+A1048577"]);
    expect(tokenize("=Sheet1!A1+AB1!C2")).toEqual(["=Sheet1!", ref(1, 1), "+AB1!", ref(3, 2), ""]);
    expect(tokenize("=1E5+1.5E+3*B2")).toEqual(["=1E5+1.5E+3*", ref(2, 2), ""]);
  });

  it("gives up (undefined) on what it does not model", () => {
    for (const f of ["=SUM(A:A)", "=SUM($A:$B)", "=SUM(1:3)", "=SUM(Start:End)", "=#REF!+1", "=Table1[Revenue]", "=[Book1]Sheet1!A1", '="open', "='open!A1"]) {
      expect(tokenize(f), f).toBeUndefined();
    }
  });
});

describe("toR1C1 and fromR1C1", () => {
  // Moved from test/taskpane/office-writer.test.ts with the converter.
  it("converts A1 formulas to R1C1 only where it is sure, and the host's converter agrees", () => {
    const cases: [string, number, number, string | undefined][] = [
      ['=IF(ISNUMBER(B20),B20/$B$5,"")', 19, 2, '=IF(ISNUMBER(RC[-1]),RC[-1]/R5C2,"")'],
      ["=COUNTIF($P$20:P19,P20)", 19, 16, "=COUNTIF(R20C16:R[-1]C[-1],RC[-1])"],
      ["='KAM Scoring (2)'!A20", 3, 4, "='KAM Scoring (2)'!R[16]C[-4]"],
      ["='R1C1 A1'!$A1&\"B2 RC\"", 0, 0, "='R1C1 A1'!RC1&\"B2 RC\""],
      ["=LOG10(A1)+1E5+ATAN2(B2,C3)", 1, 1, "=LOG10(R[-1]C[-1])+1E5+ATAN2(RC,R[1]C[1])"],
      ["=SUMPRODUCT(LARGE($B$2:$B$9,{1,2,3}))", 0, 0, "=SUMPRODUCT(LARGE(R2C2:R9C2,{1,2,3}))"],
      ["=SUM(A:A)", 0, 0, undefined],
      ["=SUM(1:3)", 0, 0, undefined],
      ["=#REF!+1", 0, 0, undefined],
      ["=Table1[Revenue]", 0, 0, undefined],
    ];
    for (const [a1, row, col, r1c1] of cases) {
      expect(toR1C1(a1, row, col), a1).toBe(r1c1);
      if (r1c1 === undefined) continue;
      expect(fromR1C1(r1c1, row, col), a1).toBe(a1);
      expect(r1c1ToA1(r1c1, row, col), a1).toBe(a1);
    }
  });

  it("convert absolute, mixed and relative references, ranges, quoted names and the grid's corners, by hand", () => {
    // Each case: the A1 formula, the 0-based cell it is in, and its R1C1 form there.
    const cases: [string, [number, number], string][] = [
      ["=A1", [0, 0], "=RC"],
      ["=A1", [4, 2], "=R[-4]C[-2]"],
      ["=$A$1+$A1+A$1", [4, 2], "=R1C1+R[-4]C1+R1C[-2]"],
      ["=SUM(B2:B9)", [0, 0], "=SUM(R[1]C[1]:R[8]C[1])"],
      ["='Bob''s RC'!C3&\"R1C1\"", [2, 2], "='Bob''s RC'!RC&\"R1C1\""],
      ["=XFD1048576", [1_048_575, 16_383], "=RC"],
    ];
    for (const [a1, [row, col], r1c1] of cases) {
      expect(toR1C1(a1, row, col), a1).toBe(r1c1);
      expect(fromR1C1(r1c1, row, col), r1c1).toBe(a1);
      expect(r1c1ToA1(r1c1, row, col), r1c1).toBe(a1);
    }
  });

  it("are undefined where unsure: lower-case references, or a reference moved off the sheet", () => {
    expect(toR1C1("=a1", 0, 0)).toBeUndefined();
    expect(toR1C1("=SUM(A:A)", 0, 0)).toBeUndefined();
    expect(fromR1C1("=R[-1]C", 0, 0)).toBeUndefined();
    expect(fromR1C1("=RC[-1]", 5, 0)).toBeUndefined();
  });

  it("recognise copies of a formula down a column, and only those", () => {
    const t = template('=IF(ISNUMBER(B20),B20/$B$5,"")', 19, 2)!;
    expect(isCopy(t, '=IF(ISNUMBER(B21),B21/$B$5,"")', 20, 2)).toBe(true);
    expect(isCopy(t, '=IF(ISNUMBER(B21),B21/$B$6,"")', 20, 2)).toBe(false);
    expect(isCopy(t, '=IF(ISNUMBER(B20),B20/$B$5,"")', 20, 2)).toBe(false);
    expect(isCopy(t, '=IF(ISNUMBER(B021),B021/$B$5,"")', 20, 2)).toBe(false);
  });
});

// ------------------------------------------------------------------ property: A1 → R1C1 → A1

const cellRef = fc
  .record({ col: fc.integer({ min: 1, max: 16_384 }), row: fc.integer({ min: 1, max: 1_048_576 }), absCol: fc.boolean(), absRow: fc.boolean() })
  .map((r) => `${r.absCol ? "$" : ""}${columnLetter(r.col - 1)}${r.absRow ? "$" : ""}${r.row}`);
/** Text that looks like references in both notations, and the quote characters. */
const trickyText = fc.string({ unit: fc.constantFrom("A", "R", "C", "1", "[", "-", "]", "$", ":", "!", " ", "'", '"', "é") });
const stringLiteral = trickyText.map((s) => `"${s.replace(/"/g, '""')}"`);
const quotedSheet = trickyText.filter((s) => s.length > 0).map((s) => `'${s.replace(/'/g, "''")}'!`);
const operand: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    cellRef,
    fc.tuple(cellRef, cellRef).map(([a, b]) => `${a}:${b}`),
    fc.tuple(quotedSheet, cellRef).map(([s, r]) => s + r),
    stringLiteral,
    fc.constantFrom("1", "0.5", "1E5", "TRUE", "{1,2,3}"),
    fc.tuple(fc.constantFrom("SUM", "IF", "LOG10", "ATAN2", "COUNTIF", "RC", "R1C1"), fc.array(tie("e"), { minLength: 1, maxLength: 3 })).map(([f, args]) => `${f}(${args.join(",")})`),
  ),
})).e;
const formula = fc.array(operand, { minLength: 1, maxLength: 5 }).chain((xs) => fc.array(fc.constantFrom("+", "-", "*", "/", "&", "<>"), { minLength: xs.length - 1, maxLength: xs.length - 1 }).map((ops) => "=" + xs.map((x, i) => (i === 0 ? x : ops[i - 1] + x)).join("")));
const cell = fc.record({ row: fc.integer({ min: 0, max: 1_048_575 }), col: fc.integer({ min: 0, max: 16_383 }) });

describe("A1 → R1C1 → A1", () => {
  it("gives back the formula at any cell, and the host's independent converter agrees", () => {
    fc.assert(
      fc.property(formula, cell, (f, { row, col }) => {
        const r1c1 = toR1C1(f, row, col);
        expect(r1c1, f).toBeDefined();
        expect(fromR1C1(r1c1!, row, col)).toBe(f);
        expect(r1c1ToA1(r1c1!, row, col)).toBe(f);
      }),
    );
  });

  it("a formula is a copy of its own template, and its R1C1 form is the same at the cell below", () => {
    fc.assert(
      fc.property(formula, cell, (f, { row, col }) => {
        const t = template(f, row, col)!;
        expect(isCopy(t, f, row, col)).toBe(true);
        const below = fromR1C1(t.r1c1, row + 1, col);
        fc.pre(below !== undefined && row + 1 < 1_048_576);
        expect(toR1C1(below!, row + 1, col)).toBe(t.r1c1);
        expect(isCopy(t, below!, row + 1, col)).toBe(true);
      }),
    );
  });

  it("whatever the text, a conversion that is made comes back", () => {
    const anyText = fc.string({ unit: fc.constantFrom("=", "A", "B", "$", "1", "2", ":", "(", ")", "'", '"', "!", "#", "[", "]", "+", ",", "x", "E", ".") });
    fc.assert(
      fc.property(anyText, cell, (f, { row, col }) => {
        const r1c1 = toR1C1(f, row, col);
        if (r1c1 !== undefined) expect(fromR1C1(r1c1, row, col)).toBe(f);
      }),
    );
  });

  it("column letters and numbers are inverse", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 16_384 }), (n) => colNumber(columnLetter(n - 1)) === n));
    expect(colNumber("XFD")).toBe(16_384);
    expect(colNumber("aa")).toBe(27);
  });
});

describe("conversions found wrong by the properties above", () => {
  it("a word glued to a number or a dot is left alone, in both directions", () => {
    expect(toR1C1(".B1", 0, 0)).toBeUndefined();
    expect(toR1C1("=1B1", 0, 0)).toBeUndefined();
  });
  it("a reference that would fall off the sheet has no A1 form", () => {
    expect(fromR1C1("=SUM(R[1048575]C:RC)+RC", 1, 0)).toBeUndefined();
    expect(fromR1C1("=RC[16384]", 0, 0)).toBeUndefined();
  });
});
