/**
 * The KAM spreadsheet functions as pure functions of cell values. Each takes what Excel
 * passes (2-D arrays of cell values, scalars, `null` for an omitted argument), applies the
 * shared input rules of `input.ts`, calls a metric, and returns a value or a 2-D array to
 * spill. Problems are thrown as `KamError`; a problem with one element of a spilled result is
 * returned in that element instead, so the rest of the spill still shows.
 *
 * `src/functions/functions.ts` only wraps these for Excel; tests call them directly.
 */
import { ahp } from "./ahp";
import * as conc from "./concentration";
import { ABC_A_SHARE, ABC_B_SHARE, HHI_POINTS, PARETO_SHARE, roundTotal, SCALE_HIGH, SCALE_LOW } from "./defaults";
import { KamError, naError, numError, valueError } from "./errors";
import {
  asGrid,
  Cell,
  cellToNumber,
  countOf,
  describePosition,
  Grid,
  isBlank,
  Label,
  NumberList,
  optionalBoolean,
  optionalChoice,
  optionalInteger,
  optionalNumber,
  readNumberList,
  readRecords,
} from "./input";
import { expectedLoss, lossTable, topLoss } from "./loss";
import { Direction, MissingRule, ScaleMethod, scaleValues, weightedScore } from "./scoring";

/** One element of a result: a number, a text, a boolean (a label as typed), blank ("") or an error for that element. */
export type Out = number | string | boolean | KamError;
export type OutGrid = Out[][];

function requireValues(list: NumberList, what = "values"): NumberList {
  if (list.count === 0) {
    throw naError(list.cells === 0 ? `no ${what} given` : `no ${what}: all ${list.cells} cells are blank`);
  }
  return list;
}

/** Revenues (or other amounts) for a concentration measure: numbers, at least one, none negative. */
function concentrationValues(values: Cell): Float64Array {
  return requireValues(readNumberList(values, { nonNegative: true })).values;
}

/**
 * Σx and Σx² of the values of a concentration measure (HHI and its inverse), checked as by
 * `concentrationValues` but in one pass that keeps no copy; values too large or too small for
 * plain sums (beyond 2^±200) are read again and scaled.
 */
function concentrationSums(values: Cell): { sum: number; sumSq: number } {
  const list = requireValues(readNumberList(values, { nonNegative: true, sums: true, keep: false }));
  return conc.plainSums(list.sums!) ?? conc.scaledSums(concentrationValues(values));
}

/** A single value for a concentration measure (SHARE, ABC): negative → #NUM!, as in a range of values. */
function nonNegative(x: number, where: string): number {
  if (x < 0) throw numError(`${where} is negative (${x})`);
  return x;
}

/** Applies `f` to each cell of `input`, keeping its shape: blanks stay blank, problems stay in their cell. */
function mapCells(input: Cell, label: string, f: (x: number, where: string) => Out): OutGrid {
  const grid = asGrid(input);
  let flat = 0;
  return grid.map((row) =>
    row.map((cell) => {
      const where = describePosition(label, flat++, grid);
      if (isBlank(cell)) return "";
      try {
        return f(cellToNumber(cell, where), where);
      } catch (e) {
        if (e instanceof KamError) return e;
        throw e;
      }
    }),
  );
}

// 1. WSCORE -------------------------------------------------------------------------------

export const MISSING_RULES: readonly MissingRule[] = ["skip", "zero", "error"];

/** Weights: one row or one column, every cell a number ≥ 0. */
function readWeights(weights: Cell): Float64Array {
  const grid = asGrid(weights);
  const rows = grid.length;
  const cols = rows > 0 ? grid[0].length : 0;
  if (rows === 0 || cols === 0) throw naError("no weights given");
  if (rows > 1 && cols > 1) throw valueError(`weights must be one row or one column, got ${rows} rows × ${cols} columns`);
  const out = new Float64Array(rows * cols);
  grid.flat().forEach((cell, i) => {
    const where = `weight ${i + 1}`;
    if (isBlank(cell)) throw valueError(`${where} is blank; type 0 to leave a criterion out`);
    const w = cellToNumber(cell, where);
    if (w < 0) throw numError(`${where} is negative (${w}); weights must be 0 or more`);
    out[i] = w;
  });
  return out;
}

export function WSCORE(scores: Cell, weights: Cell, missing?: Cell): OutGrid {
  const rule = optionalChoice(missing, "missing", MISSING_RULES, "skip");
  const w = readWeights(weights);
  const grid = asGrid(scores);
  const rows = grid.length;
  const cols = rows > 0 ? grid[0].length : 0;
  if (rows === 0 || cols === 0) throw naError("no scores given");
  let customers: Cell[][];
  if (cols === w.length) customers = grid as Cell[][];
  else if (cols === 1 && rows === w.length) customers = [grid.map((r) => r[0])];
  else {
    throw valueError(
      `scores has ${countOf(rows, "row")} × ${countOf(cols, "column")} but weights has ${countOf(w.length, "value")}; give one column per weight`,
    );
  }
  const vertical = customers.length === 1 && cols === 1 && rows > 1;
  const out: OutGrid = new Array(customers.length);
  // Every score a finite number, the usual case: weightedScore's sums in one pass, no copy, no
  // try block; the weights' sum is the same for every such row (added in weightedScore's order).
  let weightSum = 0;
  for (let c = 0; c < w.length; c++) weightSum += w[c];
  const n = w.length;
  for (let r = 0; r < customers.length; r++) {
    const cells = customers[r];
    let sum = 0;
    let c = 0;
    for (; c < n; c++) {
      const cell = cells[c];
      if (typeof cell !== "number" || cell - cell !== 0) break;
      sum += w[c] * cell;
    }
    out[r] = [c === n && weightSum !== 0 ? roundTotal(sum / weightSum) : scoreRowSlowly(cells, w, rule, r, customers.length, vertical)];
  }
  return out;
}

/** One customer's weighted score when a score is blank or not a number (or the weights add up to 0): the value or the error, naming the row. */
function scoreRowSlowly(cells: readonly Cell[], w: Float64Array, rule: MissingRule, r: number, count: number, vertical: boolean): number | KamError {
  const row = new Float64Array(w.length);
  try {
    readScoreRow(cells, rule, vertical ? (c) => `score ${c + 1}` : (c) => `score in row ${r + 1}, column ${c + 1}`, row);
    return weightedScore(row, w, rule);
  } catch (e) {
    if (!(e instanceof KamError)) throw e;
    return new KamError(e.code, (count > 1 ? `row ${r + 1}: ` : "") + e.message);
  }
}

/** One customer's scores when one is blank or not a number: blanks as NaN (or #N/A under "error"), bad cells thrown. */
function readScoreRow(cells: readonly Cell[], rule: MissingRule, where: (c: number) => string, row: Float64Array): void {
  for (let c = 0; c < row.length; c++) {
    const cell = cells[c];
    if (typeof cell === "number" && Number.isFinite(cell)) {
      row[c] = cell;
      continue;
    }
    if (isBlank(cell)) {
      if (rule === "error") throw naError(`${where(c)} is blank (missing = "error")`);
      row[c] = NaN;
    } else {
      row[c] = cellToNumber(cell, where(c));
    }
  }
}

// 2. SCALE --------------------------------------------------------------------------------

export const DIRECTIONS: readonly Direction[] = ["benefit", "cost"];
export const SCALE_METHODS: readonly ScaleMethod[] = ["minmax", "percentile", "zscore"];

export function SCALE(values: Cell, low?: Cell, high?: Cell, direction?: Cell, method?: Cell): OutGrid {
  const lo = optionalNumber(low, "low", SCALE_LOW);
  const hi = optionalNumber(high, "high", SCALE_HIGH);
  const dir = optionalChoice(direction, "direction", DIRECTIONS, "benefit");
  const how = optionalChoice(method, "method", SCALE_METHODS, "minmax");
  const list = requireValues(readNumberList(values, { positions: true }));
  const scaled = scaleValues(list.values, { low: lo, high: hi, direction: dir, method: how });
  // The spill keeps the shape of the range: each score where its value was, blanks stay "".
  const grid = asGrid(values);
  const positions = list.positions!;
  const out: OutGrid = new Array(grid.length);
  let i = 0;
  let flat = 0;
  const next = (): Out => {
    const v = i < positions.length && positions[i] === flat ? scaled[i++] : "";
    flat++;
    return v;
  };
  for (let r = 0; r < grid.length; r++) {
    const width = grid[r].length;
    if (width === 1) {
      out[r] = [next()]; // a column, the usual case: an array literal is several times faster to make
      continue;
    }
    const row: Out[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = next();
    out[r] = row;
  }
  return out;
}

// 3–9. Concentration -----------------------------------------------------------------------

export function SHARE(value: Cell, values: Cell): OutGrid {
  const total = conc.totalOf(concentrationValues(values));
  return mapCells(value, "value", (x, where) => conc.share(nonNegative(x, where), total));
}

export function TOPSHARE(values: Cell, n: Cell): number {
  if (isBlank(n)) throw naError("n is required: how many of the largest customers to add up");
  const count = optionalInteger(n, "n", 1, 0);
  return conc.topShare(concentrationValues(values), count);
}

export function HHI(values: Cell, scale?: Cell): number {
  const s = optionalNumber(scale, "scale", HHI_POINTS);
  if (!(s > 0)) throw numError(`scale must be above 0 (10000 for antitrust points, 1 for 0–1), got ${s}`);
  const { sum, sumSq } = concentrationSums(values);
  return conc.hhiFromSums(sum, sumSq, s);
}

export const HHI_STANDARDS: readonly conc.HhiStandard[] = ["2023", "2010"];

export function HHILEVEL(hhi: Cell, standard?: Cell): string {
  if (isBlank(hhi)) throw naError("hhi is required");
  const points = optionalNumber(hhi, "hhi", 0);
  const std = optionalChoice(typeof standard === "number" ? String(standard) : standard, "standard", HHI_STANDARDS, "2023");
  return conc.hhiLevel(points, std);
}

export function EFFECTIVEN(values: Cell): number {
  const { sum, sumSq } = concentrationSums(values);
  return conc.effectiveNFromSums(sum, sumSq);
}

export function GINI(values: Cell, corrected?: Cell): number {
  const corr = optionalBoolean(corrected, "corrected", false);
  return conc.gini(concentrationValues(values), corr);
}

export function PARETO(values: Cell, share?: Cell): number {
  const target = optionalNumber(share, "share", PARETO_SHARE);
  if (!(target > 0 && target <= 1)) throw numError(`share must be above 0 and at most 1, got ${target}`);
  return conc.paretoCount(concentrationValues(values), target);
}

export function ABC(value: Cell, values: Cell, a?: Cell, b?: Cell): OutGrid {
  const ta = optionalNumber(a, "a", ABC_A_SHARE);
  const tb = optionalNumber(b, "b", ABC_B_SHARE);
  conc.checkAbcThresholds(ta, tb);
  const classify = conc.abcClassifier(concentrationValues(values), ta, tb);
  return mapCells(value, "value", (x, where) => {
    const cls = classify(nonNegative(x, where));
    if (cls === undefined) throw naError(`${where} (${x}) is not one of the values`);
    return cls;
  });
}

export function LORENZ(values: Cell): number[][] {
  return conc.lorenz(concentrationValues(values));
}

// 12–14. Loss scenarios --------------------------------------------------------------------

export function TOPLOSS(values: Cell, k: Cell, margins?: Cell): number {
  if (isBlank(k)) throw naError("k is required: how many of the largest customers leave");
  const count = optionalInteger(k, "k", 1, 0);
  const rec = readRecords([
    { input: values, label: "value", kind: "number", nonNegative: true },
    { input: margins, label: "margin", kind: "number", optional: true },
  ]);
  if (rec.count === 0) throw naError("no values given");
  const result = topLoss(rec.fields[0] as Float64Array, count, rec.fields[1] as Float64Array | undefined);
  return result.margin ?? result.revenue;
}

export const LOSSTABLE_HEADER = [
  "k",
  "Customer lost",
  "Cumulative revenue lost",
  "% of revenue",
  "Cumulative margin lost",
  "% of margin",
  "HHI of remaining",
  "Operating profit after loss",
] as const;

export function LOSSTABLE(names: Cell, revenues: Cell, margins?: Cell, kmax?: Cell, fixedcosts?: Cell): OutGrid {
  const k = optionalInteger(kmax, "kmax", 10, 1);
  const fixed = isBlank(fixedcosts) ? undefined : optionalNumber(fixedcosts, "fixedcosts", 0);
  const rec = readRecords([
    { input: revenues, label: "revenue", kind: "number", nonNegative: true },
    { input: names, label: "name", kind: "label" },
    { input: margins, label: "margin", kind: "number", optional: true },
  ]);
  if (rec.count === 0) throw naError("no revenues given");
  const labels = rec.fields[1] as Label[];
  const rows = lossTable({
    revenues: rec.fields[0] as Float64Array,
    margins: rec.fields[2] as Float64Array | undefined,
    kmax: k,
    fixedCosts: fixed,
  });
  const blank = (x: number | undefined): Out => (x === undefined ? "" : x);
  const table: OutGrid = [[...LOSSTABLE_HEADER]];
  for (const r of rows) {
    table.push([
      r.k,
      labels[r.lost],
      r.revenueLost,
      r.revenueLostShare,
      blank(r.marginLost),
      blank(r.marginLostShare),
      blank(r.hhiPointsRemaining),
      blank(r.operatingProfit),
    ]);
  }
  return table;
}

export function EXPECTEDLOSS(margins: Cell, probabilities: Cell): number {
  const rec = readRecords([
    { input: margins, label: "margin", kind: "number" },
    { input: probabilities, label: "probability", kind: "number", range: [0, 1] },
  ]);
  if (rec.count === 0) throw naError("no margins given");
  return expectedLoss(rec.fields[0] as Float64Array, rec.fields[1] as Float64Array);
}

// 15–16. AHP ----------------------------------------------------------------------------------

/** Relative tolerance for a_ij · a_ji = 1. */
export const RECIPROCAL_TOLERANCE = 1e-6;

/**
 * Reads a square pairwise matrix. A blank cell whose mirror holds a number gets its
 * reciprocal and a blank diagonal cell is 1, so users may fill in the upper triangle only.
 */
export function readPairwiseMatrix(matrix: Cell): Float64Array[] {
  const grid: Grid = asGrid(matrix);
  const n = grid.length;
  if (n === 0) throw naError("no matrix given");
  const cols = grid[0].length;
  if (cols !== n) throw valueError(`the matrix must be square, got ${n} rows × ${cols} columns`);
  const where = (i: number, j: number) => `row ${i + 1}, column ${j + 1}`;
  const read = (i: number, j: number): number | undefined => {
    const cell = grid[i][j];
    if (isBlank(cell)) return undefined;
    if (typeof cell === "string" && /^\s*\d+(\.\d+)?\s*\/\s*\d+(\.\d+)?\s*$/.test(cell)) {
      throw valueError(`${where(i, j)} is the text "${cell}"; type it as a formula (=${cell.trim()}) or a number`);
    }
    const x = cellToNumber(cell, where(i, j));
    if (!(x > 0)) throw valueError(`${where(i, j)} is ${x}; pairwise judgements must be positive`);
    return x;
  };
  const m = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = read(i, j);
      if (x !== undefined) {
        m[i][j] = x;
        continue;
      }
      if (i === j) {
        m[i][j] = 1;
        continue;
      }
      const mirror = read(j, i);
      if (mirror === undefined) throw valueError(`${where(i, j)} and ${where(j, i)} are both blank`);
      m[i][j] = 1 / mirror;
    }
  }
  for (let i = 0; i < n; i++) {
    if (Math.abs(m[i][i] - 1) > RECIPROCAL_TOLERANCE) throw valueError(`${where(i, i)} is ${m[i][i]}; the diagonal must be 1`);
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(m[i][j] * m[j][i] - 1) > RECIPROCAL_TOLERANCE) {
        throw valueError(`the matrix is not reciprocal: ${where(i, j)} is ${m[i][j]} but ${where(j, i)} is ${m[j][i]} (expected ${1 / m[i][j]}; type reciprocals as formulas such as =1/3)`);
      }
    }
  }
  return m;
}

export function AHP(matrix: Cell): number[][] {
  return Array.from(ahp(readPairwiseMatrix(matrix)).weights, (w) => [w]);
}

export function AHPCR(matrix: Cell): number {
  const result = ahp(readPairwiseMatrix(matrix));
  if (result.cr === undefined) {
    throw naError(`Saaty's random index table covers 3 to 10 criteria; this matrix has ${result.weights.length}`);
  }
  return result.cr;
}
