/**
 * Formula text: A1 references in a formula, and the same formula in R1C1 notation. Pure (no
 * Office import), for the writers and the tests. The Office writer sends a column of copies of
 * one formula as a single R1C1 formula (`template`, `isCopy`, `toR1C1`); anything this does not
 * model exactly (whole-column or whole-row references, structured or external references, error
 * literals, lower-case references) gives undefined, and the caller keeps the A1 formula as it is.
 */
import { columnLetter } from "./plan";

/** Excel's grid: rows and columns. */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

/** 1-based column number of column letters (either case). */
export function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & ~32) - 64);
  return n;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Letters, digits, _ . $ and backslash: the characters of a name or a reference. */
const isWordChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 36 || c === 92;

/** A cell reference: 1-based column and row, each absolute ($) or relative. */
export interface Ref {
  absCol: boolean;
  col: number;
  absRow: boolean;
  row: number;
}

/** The index just past a string literal or quoted sheet name opening at i, or -1 when it never closes. */
function quotedEnd(f: string, i: number): number {
  const quote = f.charCodeAt(i);
  for (let j = i + 1; j < f.length; j++) {
    if (f.charCodeAt(j) !== quote) continue;
    if (j + 1 < f.length && f.charCodeAt(j + 1) === quote) j++; // a doubled quote inside
    else return j + 1;
  }
  return -1;
}

/** The cell reference that the word f[i, end) is: optional $, 1–3 letters, optional $, digits, nothing else. */
function referenceIn(f: string, i: number, end: number): Ref | undefined {
  let k = i;
  const absCol = f.charCodeAt(k) === 36;
  if (absCol) k++;
  const lettersStart = k;
  while (k < end && isLetter(f.charCodeAt(k))) k++;
  const letters = k - lettersStart;
  const absRow = k < end && f.charCodeAt(k) === 36;
  if (absRow) k++;
  const digitsStart = k;
  while (k < end && isDigit(f.charCodeAt(k))) k++;
  if (letters < 1 || letters > 3 || k === digitsStart || k !== end) return undefined;
  const col = colNumber(f.slice(lettersStart, lettersStart + letters));
  const row = Number(f.slice(digitsStart, end));
  return col <= MAX_COL && row >= 1 && row <= MAX_ROW ? { absCol, col, absRow, row } : undefined;
}

/** The index just past a number literal (digits, dots, an exponent) starting at i. */
function numberEnd(f: string, i: number): number {
  const n = f.length;
  let j = i;
  while (j < n && (isDigit(f.charCodeAt(j)) || f.charCodeAt(j) === 46)) j++;
  const e = j < n ? f.charCodeAt(j) : -1;
  if ((e === 69 || e === 101) && j + 1 < n) {
    let k = j + 1;
    if (f.charCodeAt(k) === 43 || f.charCodeAt(k) === 45) k++;
    if (k < n && isDigit(f.charCodeAt(k))) {
      j = k;
      while (j < n && isDigit(f.charCodeAt(j))) j++;
    }
  }
  return j;
}

const startsWord = (c: number) => isLetter(c) || c === 95 || c === 36 || c === 92;

/**
 * Splits an A1 formula into literal text and cell references (outside string literals and
 * quoted sheet names). Undefined when the formula has something this does not model
 * (whole-column or whole-row references, structured or external references, error literals),
 * so the caller keeps the formula as it is.
 */
export function tokenize(f: string): (string | Ref)[] | undefined {
  const n = f.length;
  const out: (string | Ref)[] = [];
  let lit = "";
  let i = 0;
  while (i < n) {
    const c = f.charCodeAt(i);
    let end = i + 1;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      end = quotedEnd(f, i);
      if (end < 0) return undefined;
    } else if (c === 91 /* [ */ || c === 35 /* # */) {
      return undefined;
    } else if (startsWord(c)) {
      // A word glued to a number or a dot ("1B1", ".B1") is no formula this models: R1C1_TOKEN
      // would not read it back as a reference, so the conversion would not come back.
      if (i > 0 && (isDigit(f.charCodeAt(i - 1)) || f.charCodeAt(i - 1) === 46)) return undefined;
      end = i;
      while (end < n && isWordChar(f.charCodeAt(end))) end++;
      const next = end < n ? f.charCodeAt(end) : -1;
      const ref = next === 40 /* ( */ || next === 33 /* ! */ ? undefined : referenceIn(f, i, end);
      if (ref) {
        out.push(lit, ref);
        lit = "";
        i = end;
        continue;
      }
      if (f.slice(i, end).includes("$") || next === 58 /* : */) return undefined; // A:A, $A:$B, names in ranges
    } else if (isDigit(c) || c === 46) {
      end = numberEnd(f, i);
      if (end < n && f.charCodeAt(end) === 58) return undefined; // 1:3
    }
    lit += f.slice(i, end);
    i = end;
  }
  out.push(lit);
  return out;
}

const a1Ref = (r: Ref) => `${r.absCol ? "$" : ""}${columnLetter(r.col - 1)}${r.absRow ? "$" : ""}${r.row}`;

function r1c1Part(abs: boolean, n: number, here: number, letter: string): string {
  return abs ? `${letter}${n}` : n === here ? letter : `${letter}[${n - here}]`;
}

/**
 * A formula as a template that can be filled in at any cell: literal text, and references
 * whose relative parts are offsets from the cell. Its R1C1 form is the same for every copy.
 */
export interface Template {
  r1c1: string;
  /** Literal text and references (relative column/row: offsets from the cell). */
  pieces: (string | Ref)[];
}

/** The template of an A1 formula at the 0-based cell (row, col), when the formula is one this models exactly. */
export function template(formula: string, row: number, col: number): Template | undefined {
  const parts = tokenize(formula);
  if (!parts) return undefined;
  let a1 = "";
  let r1c1 = "";
  const pieces: (string | Ref)[] = [];
  for (const p of parts) {
    if (typeof p === "string") {
      a1 += p;
      r1c1 += p;
      if (p !== "") pieces.push(p);
      continue;
    }
    a1 += a1Ref(p);
    r1c1 += r1c1Part(p.absRow, p.row, row + 1, "R") + r1c1Part(p.absCol, p.col, col + 1, "C");
    pieces.push({ absCol: p.absCol, col: p.absCol ? p.col : p.col - (col + 1), absRow: p.absRow, row: p.absRow ? p.row : p.row - (row + 1) });
  }
  // Only when the pieces give back the formula exactly (not, say, for lower-case references).
  return a1 === formula ? { r1c1, pieces } : undefined;
}

/** The template's formula at the 0-based cell (row, col): its relative references moved there. */
export function instantiate(t: Template, row: number, col: number): string {
  let out = "";
  for (const p of t.pieces) out += typeof p === "string" ? p : a1Ref({ ...p, col: p.absCol ? p.col : col + 1 + p.col, row: p.absRow ? p.row : row + 1 + p.row });
  return out;
}

/** True when `formula` at the 0-based cell (row, col) is a copy of the template (checked without building strings). */
export function isCopy(t: Template, formula: string, row: number, col: number): boolean {
  const f = formula;
  const n = f.length;
  let pos = 0;
  for (const p of t.pieces) {
    if (typeof p === "string") {
      if (!f.startsWith(p, pos)) return false;
      pos += p.length;
      continue;
    }
    if ((f.charCodeAt(pos) === 36) !== p.absCol) return false;
    if (p.absCol) pos++;
    let c = 0;
    const c0 = pos;
    while (pos < n && f.charCodeAt(pos) >= 65 && f.charCodeAt(pos) <= 90) c = c * 26 + (f.charCodeAt(pos++) - 64);
    if (pos === c0 || pos - c0 > 3) return false;
    if ((f.charCodeAt(pos) === 36) !== p.absRow) return false;
    if (p.absRow) pos++;
    if (f.charCodeAt(pos) === 48) return false; // no leading zeros
    let r = 0;
    const r0 = pos;
    while (pos < n && isDigit(f.charCodeAt(pos))) r = r * 10 + (f.charCodeAt(pos++) - 48);
    if (pos === r0) return false;
    if (c !== (p.absCol ? p.col : col + 1 + p.col) || r !== (p.absRow ? p.row : row + 1 + p.row)) return false;
  }
  return pos === n;
}

/** An A1 formula in R1C1 notation relative to the 0-based cell (row, col), or undefined when unsure. */
export function toR1C1(formula: string, row: number, col: number): string | undefined {
  return template(formula, row, col)?.r1c1;
}

const R1C1_TOKEN = /("(?:[^"]|"")*"|'(?:[^']|'')*')|(?<![A-Za-z0-9_.$])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_(])/g;

function a1Part(x: string | undefined, here: number): number {
  return x === undefined ? here : x.charCodeAt(0) === 91 ? here + Number(x.slice(1, -1)) : Number(x);
}

/** Back from R1C1 (as written by toR1C1) to A1 for the cell (row, col). */
export function fromR1C1(formula: string, row: number, col: number): string | undefined {
  let ok = true;
  const out = formula.replace(R1C1_TOKEN, (all: string, quoted: string | undefined, r: string | undefined, c: string | undefined) => {
    if (quoted !== undefined) return all;
    const R = a1Part(r, row + 1);
    const C = a1Part(c, col + 1);
    if (R < 1 || C < 1 || R > MAX_ROW || C > MAX_COL) ok = false; // off the sheet: no A1 form
    return `${c !== undefined && c.charCodeAt(0) !== 91 ? "$" : ""}${columnLetter(C - 1)}${r !== undefined && r.charCodeAt(0) !== 91 ? "$" : ""}${R}`;
  });
  return ok ? out : undefined;
}
