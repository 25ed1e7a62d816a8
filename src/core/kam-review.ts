/**
 * The portfolio and quarterly-review functions (issue 12) as pure functions of cell values,
 * in the manner of kam.ts: each takes what Excel passes (2-D arrays of cell values, scalars,
 * `null` for an omitted argument), applies the shared input rules of `input.ts`, calls the
 * maths in portfolio.ts, review.ts and clv.ts, and returns a value or a 2-D array to spill.
 * Problems with the whole call are thrown as `KamError`; a problem with one element of a
 * spill (text where a score belongs, a retention above 1) is returned in that element, so
 * the rest of the spill still shows.
 *
 * Local helpers here (`readCell`, `elementwise`, `scalarNumber`, `isOmitted`) stand in for
 * kam.ts's unexported `mapCells` and input.ts's unexported `isOmitted`; they can move to
 * input.ts once its refactoring lands.
 */
import { checkDiscount, checkRetention, clv } from "./clv";
import { KamError, excelErrorCodeOf, naError, numError, valueError } from "./errors";
import { asGrid, Cell, cellCount, cellToNumber, countOf, describePosition, Grid, isBlank, Label } from "./input";
import type { Out, OutGrid } from "./kam";
import { DEFAULT_CUT, QUADRANTS, quadrantIndex } from "./portfolio";
import { movers, nameKey, stability, trend } from "./review";

// Shared reading ----------------------------------------------------------------------------

/** True when an optional argument was left out: omitted, a blank cell or an empty range. */
function isOmitted(input: Cell): boolean {
  return isBlank(input) || (Array.isArray(input) && asGrid(input).length === 0);
}

/** "3 rows × 1 column". */
function shapeOf(grid: Grid): string {
  return `${countOf(grid.length, "row")} × ${countOf(grid.length > 0 ? grid[0].length : 0, "column")}`;
}

function sameShape(a: Grid, b: Grid): boolean {
  return a.length === b.length && (a.length === 0 || a[0].length === b[0].length);
}

/** Throws #VALUE! unless `b` has exactly the rows and columns of `a`. */
function requireSameShape(a: Grid, aLabel: string, b: Grid, bLabel: string): void {
  if (!sameShape(a, b)) {
    throw valueError(`${bLabel} is ${shapeOf(b)} but ${aLabel} is ${shapeOf(a)}; give ranges of the same shape`);
  }
}

/** Throws #N/A for a range without cells. */
function requireCells(grid: Grid, label: string): void {
  if (cellCount(grid) === 0) throw naError(`no ${label} given`);
}

/** The number in row r, column c of a grid (undefined: blank). Text, TRUE/FALSE and error values throw, naming the cell. */
function readCell(grid: Grid, r: number, c: number, label: string): number | undefined {
  const cell = grid[r][c];
  if (typeof cell === "number" && Number.isFinite(cell)) return cell;
  if (isBlank(cell)) return undefined;
  const cols = grid[0].length;
  return cellToNumber(cell, describePosition(label, r * cols + c, grid));
}

/** The position of row r, column c of `grid` for messages ("margin 3", "retention 4 (row 2, column 2)"). */
function whereIs(grid: Grid, r: number, c: number, label: string): string {
  return describePosition(label, r * grid[0].length + c, grid);
}

/** A result in the shape of `shape`: `f(r, c)` for each cell; a KamError it throws goes into that cell. */
function elementwise(shape: Grid, f: (r: number, c: number) => Out): OutGrid {
  return shape.map((row, r) =>
    row.map((_, c) => {
      try {
        return f(r, c);
      } catch (e) {
        if (e instanceof KamError) return e;
        throw e;
      }
    }),
  );
}

/**
 * Two ranges read cell by cell: `first` gives the shape of the result and must have cells;
 * `second` must have the same shape. `f` gets both numbers (undefined: blank); a cell's
 * problem (text, an error value) goes into that cell of the result.
 */
function pairwise(
  first: Cell,
  firstLabel: string,
  second: Cell,
  secondLabel: string,
  f: (x: number | undefined, y: number | undefined) => Out,
): OutGrid {
  const a = asGrid(first);
  const b = asGrid(second);
  requireCells(a, `${firstLabel} scores`);
  requireSameShape(a, firstLabel, b, secondLabel);
  return elementwise(a, (r, c) => f(readCell(a, r, c, firstLabel), readCell(b, r, c, secondLabel)));
}

/**
 * An optional scalar argument: undefined when blank or omitted; a single cell (alone or as a
 * one-cell range) is read as a number; a range of several cells is a #VALUE!, not its first cell.
 */
function optionalScalar(value: Cell, name: string): number | undefined {
  if (Array.isArray(value)) {
    const grid = asGrid(value);
    const n = cellCount(grid);
    if (n > 1) throw valueError(`${name} must be a single value, got a range of ${countOf(n, "cell")}`);
    return n === 0 ? undefined : optionalScalar(grid[0][0], name);
  }
  return isBlank(value) ? undefined : cellToNumber(value, name);
}

/** A scalar argument: blank or omitted gives `fallback`, or #N/A when there is none (a required argument). */
function scalarNumber(value: Cell, name: string, fallback?: number): number {
  const x = optionalScalar(value, name) ?? fallback;
  if (x === undefined) throw naError(`${name} is required`);
  return x;
}

/** The non-blank names of a range in reading order, as typed. An error value in the range is given back. */
function readNames(input: Cell, label: string): Label[] {
  const grid = asGrid(input);
  const out: Label[] = [];
  let flat = 0;
  for (const row of grid) {
    for (const cell of row) {
      const where = describePosition(label, flat++, grid);
      if (isBlank(cell)) continue;
      const code = excelErrorCodeOf(cell);
      if (code !== undefined) throw new KamError(code, `${where} is the error ${code}`);
      if (typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean") out.push(cell);
      else throw valueError(`${where} is not a name`);
    }
  }
  return out;
}

// KAM.PORTFOLIO --------------------------------------------------------------------------

/** The four box names: the defaults, or the four cells of `labels` (in the order Strategic, Star, Status, Streamline). */
function readQuadrantLabels(labels: Cell): Label[] {
  if (isOmitted(labels)) return [...QUADRANTS];
  const grid = asGrid(labels);
  const n = cellCount(grid);
  if (n !== 4) {
    throw valueError(`labels must be 4 cells (names for ${QUADRANTS.join(", ")}), got ${countOf(n, "cell")}`);
  }
  const out: Label[] = [];
  const seen = new Map<string, number>();
  grid.flat().forEach((cell, i) => {
    const where = `label ${i + 1} (for ${QUADRANTS[i]})`;
    const code = excelErrorCodeOf(cell);
    if (code !== undefined) throw new KamError(code, `${where} is the error ${code}`);
    if (typeof cell !== "string" && typeof cell !== "number" && typeof cell !== "boolean") throw valueError(`${where} is not a name`);
    const key = nameKey(cell);
    if (key === "") throw valueError(`${where} is blank; give four names or leave labels out`);
    const other = seen.get(key);
    if (other !== undefined) throw valueError(`${where} is the same as label ${other + 1} (${JSON.stringify(cell)}); the four boxes need different names`);
    seen.set(key, i);
    out.push(cell);
  });
  return out;
}

/**
 * KAM.PORTFOLIO(attractiveness, strength, [attractiveness_cut], [strength_cut], [labels]):
 * the box of each customer, in the shape of `attractiveness`. A blank in either input gives
 * a blank; text gives #VALUE! in that cell; ranges of different shapes give #VALUE!.
 */
export function PORTFOLIO(attractiveness: Cell, strength: Cell, attractivenessCut?: Cell, strengthCut?: Cell, labels?: Cell): OutGrid {
  const aCut = scalarNumber(attractivenessCut, "attractiveness_cut", DEFAULT_CUT);
  const sCut = scalarNumber(strengthCut, "strength_cut", DEFAULT_CUT);
  const names = readQuadrantLabels(labels);
  return pairwise(attractiveness, "attractiveness", strength, "strength", (x, y) =>
    x === undefined || y === undefined ? "" : names[quadrantIndex(x, y, aCut, sCut)],
  );
}

// KAM.MOVERS and KAM.STABILITY ------------------------------------------------------------

export const MOVERS_HEADER = ["In", "Out"] as const;

/**
 * KAM.MOVERS(previous, current): a two-column table under the header In, Out: names in
 * `current` not in `previous` (current's order) and names in `previous` not in `current`
 * (previous's order), the shorter column padded with blanks. Names compare trimmed and
 * case-insensitively; blanks are skipped; a name listed twice counts once.
 */
export function MOVERS(previous: Cell, current: Cell): OutGrid {
  const m = movers(readNames(previous, "previous"), readNames(current, "current"));
  const table: OutGrid = [[...MOVERS_HEADER]];
  const rows = Math.max(m.entered.length, m.left.length);
  for (let i = 0; i < rows; i++) table.push([m.entered[i] ?? "", m.left[i] ?? ""]);
  return table;
}

/** KAM.STABILITY(previous, current): Jaccard index of the two sets of names; both empty → #N/A. */
export function STABILITY(previous: Cell, current: Cell): number {
  const j = stability(readNames(previous, "previous"), readNames(current, "current"));
  if (Number.isNaN(j)) throw naError("previous and current are both empty: there is no key set to compare");
  return j;
}

// KAM.TREND -----------------------------------------------------------------------------------

/**
 * KAM.TREND(previous, current, [tolerance]): per cell "Up", "Down", "Same", "New" (no
 * previous score) or blank (no current score), in the shape of `current`.
 */
export function TREND(previous: Cell, current: Cell, tolerance?: Cell): OutGrid {
  const tol = scalarNumber(tolerance, "tolerance", 0);
  if (tol < 0) throw numError(`tolerance is ${tol}; it must be 0 or more`);
  return pairwise(current, "current", previous, "previous", (now, before) => trend(before, now, tol) ?? "");
}

// KAM.CLV --------------------------------------------------------------------------------------

/**
 * A rate argument of CLV: a single value (checked once, the whole call fails) or a range of
 * the shape of `margin` (checked per cell). Returns the rate at row r, column c.
 */
function rateReader(input: Cell, name: string, margin: Grid, check: (x: number, where: string) => void): (r: number, c: number) => number {
  const grid = asGrid(input);
  if (cellCount(grid) <= 1) {
    const x = scalarNumber(input, name);
    check(x, name);
    return () => x;
  }
  requireSameShape(margin, "margin", grid, name);
  return (r, c) => {
    const x = readCell(grid, r, c, name);
    if (x === undefined) throw valueError(`${whereIs(grid, r, c, name)} is blank but ${whereIs(margin, r, c, "margin")} is not`);
    check(x, whereIs(grid, r, c, name));
    return x;
  };
}

/**
 * KAM.CLV(margin, retention, discount, [years], [acquisition_cost]): lifetime value of each
 * margin, in the shape of `margin`. Without years m·r/(1+i−r) − cost; with years T,
 * Σ_{t=1..T} m·(r/(1+i))^t − cost. Blank margins stay blank.
 */
export function CLV(margin: Cell, retention: Cell, discount: Cell, years?: Cell, acquisitionCost?: Cell): OutGrid {
  const m = asGrid(margin);
  requireCells(m, "margins");
  const horizon = optionalScalar(years, "years");
  if (horizon !== undefined && !(Number.isInteger(horizon) && horizon >= 1)) {
    throw numError(`years must be a whole number of at least 1, got ${horizon}; leave it out for an unlimited horizon`);
  }
  const cost = scalarNumber(acquisitionCost, "acquisition_cost", 0);
  if (cost < 0) throw numError(`acquisition_cost is ${cost}; enter the cost as an amount of 0 or more`);
  const rAt = rateReader(retention, "retention", m, checkRetention);
  const iAt = rateReader(discount, "discount", m, checkDiscount);
  return elementwise(m, (r, c) => {
    const x = readCell(m, r, c, "margin");
    if (x === undefined) return "";
    const where = whereIs(m, r, c, "margin");
    try {
      return clv({ margin: x, retention: rAt(r, c), discount: iAt(r, c), years: horizon, acquisitionCost: cost });
    } catch (e) {
      // the message of a per-cell #NUM! names the margin it belongs to
      if (e instanceof KamError && m.length * m[0].length > 1 && !e.message.includes(where)) throw new KamError(e.code, `${where}: ${e.message}`);
      throw e;
    }
  });
}
