/**
 * Reading spreadsheet input. Excel hands a custom function a range as a 2-D array of cell
 * values; the wizard reads the same shapes. Everything that turns cells into numbers lives
 * here so every function applies the same rules:
 * - blank cells (`null`, `undefined`, `""`) are skipped;
 * - text and booleans are a `#VALUE!` that names the position;
 * - an error value in the range is given back;
 * - positions count from 1 in reading order (left to right, then down).
 */
import { KamError, excelErrorCodeOf, numError, valueError } from "./errors";

export type Cell = unknown;
export type Grid = readonly (readonly Cell[])[];

export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || cell === "";
}

/** Accepts a 2-D range, a 1-D list or a single value, and returns it as a 2-D grid. */
export function asGrid(input: Cell): Grid {
  if (Array.isArray(input)) {
    if (input.length === 0) return [];
    return Array.isArray(input[0]) ? (input as Grid) : [input as readonly Cell[]];
  }
  return [[input]];
}

export function cellCount(grid: Grid): number {
  let n = 0;
  for (const row of grid) n += row.length;
  return n;
}

/** Describes a cell position for messages: "value 17", with row and column for 2-D blocks. */
export function describePosition(label: string, flatIndex: number, grid: Grid): string {
  const cols = grid.length > 0 ? grid[0].length : 0;
  if (grid.length > 1 && cols > 1) {
    const r = Math.floor(flatIndex / cols) + 1;
    const c = (flatIndex % cols) + 1;
    return `${label} ${flatIndex + 1} (row ${r}, column ${c})`;
  }
  return `${label} ${flatIndex + 1}`;
}

/** The plural of a word used in messages: "value" → "values", "probability" → "probabilities". */
export function plural(word: string): string {
  return /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`;
}

/** A count with its noun: "1 cell", "2 cells". */
export function countOf(n: number, word: string): string {
  return `${n} ${n === 1 ? word : plural(word)}`;
}

/** Numbers stored as text, e.g. "1,234", "$5,000" or "12%": recognised to explain the problem, never converted. */
const NUMBER_AS_TEXT = /^\s*[-+(]?\s*[$€£]?\s*\d[\d,. ]*\s*%?\)?\s*$/;

/** The hint added to a message about text where a number belongs, when the text looks like a number. */
export function numberAsTextHint(text: string): string {
  return NUMBER_AS_TEXT.test(text) ? " (a number stored as text: convert it to a number)" : "";
}

function quoteText(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `"${short}"`;
}

/**
 * The one rule for turning a non-blank cell into a number. Throws the `KamError` a function
 * should return, naming `where` (e.g. "value 17").
 */
export function cellToNumber(cell: Cell, where: string): number {
  if (typeof cell === "number") {
    if (Number.isFinite(cell)) return cell;
    throw numError(`${where} is not a finite number`);
  }
  const code = excelErrorCodeOf(cell);
  if (code !== undefined) throw new KamError(code, `${where} is the error ${code}`);
  if (typeof cell === "boolean") {
    throw valueError(`${where} is ${cell ? "TRUE" : "FALSE"}, expected a number`);
  }
  if (typeof cell === "string") {
    throw valueError(`${where} is text ${quoteText(cell)}, expected a number${numberAsTextHint(cell)}`);
  }
  throw valueError(`${where} is not a number`);
}

export interface NumberList {
  /** The numbers, blanks left out, in reading order (empty with `keep: false`). */
  values: Float64Array;
  /** How many numbers the range holds. */
  count: number;
  /** For each number, its 0-based position among all cells of the range (only when asked for). */
  positions?: Uint32Array;
  /** Number of cells in the range, blanks included. */
  cells: number;
  /** Totals of the numbers, taken in the same pass (only when asked for). */
  sums?: Sums;
}

/** Compensated (Neumaier) Σx and Σx² in reading order, and the largest number (0 when there are none). */
export interface Sums {
  sum: number;
  sumSq: number;
  max: number;
}

export interface ReadOptions {
  /** Word used in messages: "value", "weight", "margin" ... */
  label?: string;
  /** Reject negative numbers with #NUM!. */
  nonNegative?: boolean;
  /** Also return where each number sits (for results that keep the shape of the range). */
  positions?: boolean;
  /** Also total the numbers (see `Sums`), so a metric of sums needs no second pass. */
  sums?: boolean;
  /** false: keep no array of the numbers (with `sums`, when the totals are all a metric needs). */
  keep?: boolean;
}

/** A typed array of `size` elements holding the first `used` of `a`. */
function grown<T extends Float64Array | Uint32Array>(a: T, used: number, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a.subarray(0, used));
  return b;
}

/**
 * How many rows `readNumberList` hands `NumberReader.read` at a time. V8 records type
 * information for a function only from about its eighth call, and a long loop it compiles
 * while running (on-stack replacement) leaves the code after the loop without any: the
 * compiled code then gives up at the loop's end, on every later call. In chunks, the method
 * runs whole many times and is compiled whole. A chunk is long enough that the calls cost
 * nothing measurable.
 */
const CHUNK_ROWS = 1024;

/** The state of one `readNumberList` pass; `read` continues it over more rows. */
class NumberReader {
  values: Float64Array;
  positions: Uint32Array | undefined;
  capacity: number;
  count = 0;
  flat = 0;
  // Neumaier sums of x and x², and the largest x (see numeric.ts `sum`). They start as -0, a
  // double, so the optimised loop never has to change their representation (−0 + x = x).
  s = -0;
  sc = -0;
  q = -0;
  qc = -0;
  max = -0;
  readonly nonNegative: boolean;
  readonly withSums: boolean;
  readonly keep: boolean;

  constructor(
    readonly grid: Grid,
    readonly options: ReadOptions,
  ) {
    this.nonNegative = options.nonNegative === true;
    this.withSums = options.sums === true;
    this.keep = options.keep !== false;
    this.capacity = grid.length > 0 ? grid.length * grid[0].length : 0;
    this.values = new Float64Array(this.keep ? this.capacity : 0);
    this.positions = options.positions ? new Uint32Array(this.capacity) : undefined;
  }

  /** Reads rows `from` to `to` (exclusive); `readNumberList` calls it a chunk at a time (see `CHUNK_ROWS`). */
  read(from: number, to: number): void {
    if (this.withSums && !this.keep && this.positions === undefined) this.readSums(from, to);
    else this.readAll(from, to);
  }

  /** `read` when only the totals are wanted (HHI, EFFECTIVEN): a loop with nothing else in it. */
  readSums(from: number, to: number): void {
    const { grid, nonNegative } = this;
    let { count, flat, s, sc, q, qc, max } = this;
    for (let r = from; r < to; r++) {
      const row = grid[r];
      for (let c = 0; c < row.length; c++, flat++) {
        const cell = row[c];
        let x: number;
        if (typeof cell === "number" && (cell >= 0 || (!nonNegative && cell < 0)) && cell !== Infinity && cell !== -Infinity) {
          x = cell;
        } else {
          if (isBlank(cell)) continue;
          x = this.slowCell(cell, flat);
        }
        count++;
        if (x > max) max = x;
        let t = s + x;
        sc += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
        s = t;
        const y = x * x;
        t = q + y;
        qc += q >= y ? q - t + y : y - t + q;
        q = t;
      }
    }
    this.count = count;
    this.flat = flat;
    this.s = s;
    this.sc = sc;
    this.q = q;
    this.qc = qc;
    this.max = max;
  }

  /** `read` keeping the numbers (and their positions, and the totals, when asked). */
  readAll(from: number, to: number): void {
    const { grid, nonNegative, withSums, keep } = this;
    let { values, positions, capacity, count, flat, s, sc, q, qc, max } = this;
    for (let r = from; r < to; r++) {
      const row = grid[r];
      if (flat + row.length > capacity) {
        capacity = Math.max(flat + row.length, 2 * capacity);
        if (keep) values = grown(values, count, capacity);
        if (positions) positions = grown(positions, count, capacity);
      }
      for (let c = 0; c < row.length; c++, flat++) {
        const cell = row[c];
        let x: number;
        if (typeof cell === "number" && (cell >= 0 || (!nonNegative && cell < 0)) && cell !== Infinity && cell !== -Infinity) {
          x = cell; // a finite number of the allowed sign (NaN fails both comparisons)
        } else {
          if (isBlank(cell)) continue;
          x = this.slowCell(cell, flat);
        }
        if (keep) values[count] = x;
        if (positions) positions[count] = flat;
        count++;
        if (withSums) {
          if (x > max) max = x;
          let t = s + x;
          sc += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
          s = t;
          const y = x * x;
          t = q + y;
          qc += q >= y ? q - t + y : y - t + q;
          q = t;
        }
      }
    }
    Object.assign(this, { values, positions, capacity, count, flat, s, sc, q, qc, max });
  }

  /** A cell off the fast path: a number of the wrong sign, or not a number (throws, naming the cell). */
  slowCell(cell: Cell, flat: number): number {
    const where = describePosition(this.options.label ?? "value", flat, this.grid);
    const x = cellToNumber(cell, where);
    if (this.nonNegative && x < 0) throw numError(`${where} is negative (${x}); concentration measures need values of 0 or more`);
    return x;
  }

  result(): NumberList {
    const { values, positions, count, flat } = this;
    return {
      values: values.subarray(0, this.keep ? count : 0),
      count,
      positions: positions?.subarray(0, count),
      cells: flat,
      sums: this.withSums ? { sum: this.s + this.sc, sumSq: this.q + this.qc, max: this.max } : undefined,
    };
  }
}

/**
 * Reads every non-blank cell of a range as a number, in one pass over Excel's 2-D array:
 * the output is sized from the first row's width (ranges are rectangles; a longer row grows
 * it), a fast path takes plain numbers of the allowed sign, and with `sums` the totals are
 * kept on the way, so a million-cell range is touched once.
 */
export function readNumberList(input: Cell, options: ReadOptions = {}): NumberList {
  const grid = asGrid(input);
  const reader = new NumberReader(grid, options);
  for (let from = 0; from < grid.length; from += CHUNK_ROWS) reader.read(from, Math.min(from + CHUNK_ROWS, grid.length));
  return reader.result();
}

/** Reads a scalar option: blank or omitted gives the default; anything else must be a finite number. */
export function optionalNumber(value: Cell, name: string, fallback: number): number {
  if (isBlank(value)) return fallback;
  if (Array.isArray(value)) return optionalNumber(asGrid(value)[0]?.[0], name, fallback);
  return cellToNumber(value, name);
}

/** Reads an optional whole number (k, n, kmax). */
export function optionalInteger(value: Cell, name: string, fallback: number, min: number): number {
  const x = optionalNumber(value, name, fallback);
  if (!Number.isInteger(x) || x < min) {
    throw numError(`${name} must be a whole number of at least ${min}, got ${x}`);
  }
  return x;
}

/** Reads an optional TRUE/FALSE flag; 1 and 0 are accepted as Excel does. */
export function optionalBoolean(value: Cell, name: string, fallback: boolean): boolean {
  if (isBlank(value)) return fallback;
  if (Array.isArray(value)) return optionalBoolean(asGrid(value)[0]?.[0], name, fallback);
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === "string") {
    const t = value.trim().toUpperCase();
    if (t === "TRUE") return true;
    if (t === "FALSE") return false;
  }
  const code = excelErrorCodeOf(value);
  if (code !== undefined) throw new KamError(code, `${name} is the error ${code}`);
  throw valueError(`${name} must be TRUE or FALSE, got ${JSON.stringify(value)}`);
}

/** Reads an optional keyword from a fixed list, case-insensitively. */
export function optionalChoice<T extends string>(value: Cell, name: string, choices: readonly T[], fallback: T): T {
  if (isBlank(value)) return fallback;
  if (Array.isArray(value)) return optionalChoice(asGrid(value)[0]?.[0], name, choices, fallback);
  const code = excelErrorCodeOf(value);
  if (code !== undefined) throw new KamError(code, `${name} is the error ${code}`);
  const text = String(value).trim().toLowerCase();
  const found = choices.find((c) => c.toLowerCase() === text);
  if (found === undefined) {
    throw valueError(`${name} must be one of ${choices.map((c) => `"${c}"`).join(", ")}, got ${JSON.stringify(value)}`);
  }
  return found;
}

/** One column of a paired read (see `readRecords`). */
export interface FieldSpec {
  input: Cell;
  label: string;
  kind: "number" | "label";
  /** When true the field may be omitted entirely (input blank/undefined). */
  optional?: boolean;
  nonNegative?: boolean;
  /** Allowed closed interval for numbers, checked with #NUM!. */
  range?: [number, number];
}

/** A label cell (a customer name or ID) as the user typed it: text, number or TRUE/FALSE. */
export type Label = string | number | boolean;

export interface Records {
  /** Per field: numbers (Float64Array) for number fields, labels as typed; undefined if omitted. */
  fields: (Float64Array | Label[] | undefined)[];
  /** 0-based cell positions kept. */
  positions: Uint32Array;
  count: number;
}

function isOmitted(input: Cell): boolean {
  if (isBlank(input)) return true;
  const g = asGrid(input);
  return g.length === 0;
}

/** Why a fast field read gave up: the careful read then finds (and names) the problem. */
const GIVE_UP = -1;

/**
 * The key field of `readRecords` in one pass: the positions of its non-blank cells into
 * `positions`, and their values (numbers into `numbers`, labels into `labels`). Returns how
 * many were kept, or `GIVE_UP` at the first cell that is not plainly good.
 */
function readKeyField(grid: Grid, spec: FieldSpec, positions: Uint32Array, numbers: Float64Array | undefined, labels: Label[] | undefined): number {
  let count = 0;
  let p = 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    for (let c = 0; c < row.length; c++, p++) {
      const cell = row[c];
      if (cell === null || cell === undefined || cell === "") continue;
      if (numbers !== undefined) {
        if (!plainNumber(cell, spec)) return GIVE_UP;
        numbers[count] = cell as number;
      } else {
        if (!plainLabel(cell)) return GIVE_UP;
        labels![count] = cell as Label;
      }
      positions[count++] = p;
    }
  }
  return count;
}

/**
 * A partner field of `readRecords` in one pass: a value at each of the key's `count`
 * `positions` and a blank everywhere else. Returns how many values it read (`count` when all
 * is well), or `GIVE_UP`. (Its loop ends in a bare `return`: see `CHUNK_ROWS` for why.)
 */
function readPartnerField(grid: Grid, spec: FieldSpec, positions: Uint32Array, count: number, numbers: Float64Array | undefined, labels: Label[] | undefined): number {
  let next = 0;
  let p = 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    for (let c = 0; c < row.length; c++, p++) {
      const cell = row[c];
      const blank = cell === null || cell === undefined || cell === "";
      if (next < count && positions[next] === p) {
        if (blank) return GIVE_UP;
        if (numbers !== undefined) {
          if (!plainNumber(cell, spec)) return GIVE_UP;
          numbers[next] = cell as number;
        } else {
          if (!plainLabel(cell)) return GIVE_UP;
          labels![next] = cell as Label;
        }
        next++;
      } else if (!blank) return GIVE_UP;
    }
  }
  return next;
}

/** A finite number that meets the field's sign and range rules. */
function plainNumber(cell: Cell, spec: FieldSpec): boolean {
  if (typeof cell !== "number" || cell !== cell || cell === Infinity || cell === -Infinity) return false;
  if (spec.nonNegative === true && cell < 0) return false;
  return spec.range === undefined || (cell >= spec.range[0] && cell <= spec.range[1]);
}

/**
 * A label cell as typed: text, a finite number or TRUE/FALSE (the caller has left out blanks).
 * Text starting with "#" may be an error value ("#N/A"): the careful read decides.
 */
function plainLabel(cell: Cell): boolean {
  return (typeof cell === "string" && cell.charCodeAt(0) !== 35) || typeof cell === "boolean" || (typeof cell === "number" && cell === cell && cell !== Infinity && cell !== -Infinity);
}

/** The fields' ranges as grids (undefined when an optional one is omitted), checked to hold as many cells as the key's. */
function sameSizedGrids(specs: FieldSpec[]): { grids: (Grid | undefined)[]; size: number } {
  const grids = specs.map((s) => (s.optional && isOmitted(s.input) ? undefined : asGrid(s.input)));
  const size = cellCount(grids[0] ?? []);
  grids.forEach((g, i) => {
    if (g !== undefined && cellCount(g) !== size) {
      throw valueError(`${plural(specs[i].label)} has ${countOf(cellCount(g), "cell")} but ${plural(specs[0].label)} has ${size}; give ranges of the same size`);
    }
  });
  return { grids, size };
}

/**
 * Reads several same-sized ranges cell by cell, as parallel columns of records (customer
 * name, revenue, margin ...). The first field is the key: a position whose key cell is blank
 * is skipped, and then every other cell there must be blank too. A key with a blank partner
 * is an error naming both, so no customer silently loses their margin.
 *
 * Each range is read once, field by field, in a tight loop that takes the plain cells (finite
 * numbers of the allowed sign and range, labels); at the first cell that is not plain it gives
 * up and `readRecordsCarefully` reads again, position by position, to name the first problem.
 */
export function readRecords(specs: FieldSpec[]): Records {
  const { grids, size } = sameSizedGrids(specs);
  const key = grids[0] ?? [];
  const positions = new Uint32Array(size);
  const fields: (Float64Array | Label[] | undefined)[] = specs.map((s, f) => (grids[f] === undefined ? undefined : s.kind === "number" ? new Float64Array(size) : new Array<Label>(size)));
  const asNumbers = (f: number) => (specs[f].kind === "number" ? (fields[f] as Float64Array) : undefined);
  const asLabels = (f: number) => (specs[f].kind === "number" ? undefined : (fields[f] as Label[]));
  const count = grids[0] === undefined ? 0 : readKeyField(key, specs[0], positions, asNumbers(0), asLabels(0));
  if (count === GIVE_UP) return readRecordsCarefully(specs);
  for (let f = 1; f < specs.length; f++) {
    const g = grids[f];
    if (g !== undefined && readPartnerField(g, specs[f], positions, count, asNumbers(f), asLabels(f)) !== count) return readRecordsCarefully(specs);
  }
  return {
    fields: fields.map((field) => (field instanceof Float64Array ? field.subarray(0, count) : trimmed(field, count))),
    positions: positions.subarray(0, count),
    count,
  };
}

/** The first `count` labels of `labels` (the array itself when it holds no more). */
function trimmed(labels: Label[] | undefined, count: number): Label[] | undefined {
  if (labels !== undefined) labels.length = count;
  return labels;
}

/**
 * `readRecords` position by position, with every check in reading order: the first problem
 * met is the one named. Exported for the test that the fast read agrees with it.
 */
export function readRecordsCarefully(specs: FieldSpec[]): Records {
  const { grids, size } = sameSizedGrids(specs);
  // Cell p of a grid in reading order, without flattening (a million-cell copy per field).
  const widths = grids.map((g) => (g === undefined || g.length === 0 ? 1 : g[0].length || 1));
  const cellAt = (f: number, p: number): Cell | undefined => {
    const g = grids[f];
    if (g === undefined) return undefined;
    const w = widths[f];
    return g[(p / w) | 0]?.[p % w];
  };
  const present = grids.map((g) => g !== undefined);
  const where = (f: number, p: number): string => describePosition(specs[f].label, p, grids[f]!);
  const numeric = specs.map((s) => s.kind === "number");
  const outNum = specs.map((s, i) => (numeric[i] && present[i] ? new Float64Array(size) : undefined));
  const outLabels = specs.map((s, i) => (!numeric[i] && present[i] ? new Array<Label>() : undefined));
  const positions = new Uint32Array(size);
  let count = 0;
  for (let p = 0; p < size; p++) {
    const keyCell = cellAt(0, p);
    if (isBlank(keyCell)) {
      for (let f = 1; f < specs.length; f++) {
        const c = cellAt(f, p);
        if (c !== undefined && !isBlank(c)) {
          throw valueError(`${describePosition(specs[f].label, p, grids[f]!)} has a value but ${specs[0].label} ${p + 1} is blank`);
        }
      }
      continue;
    }
    for (let f = 0; f < specs.length; f++) {
      if (!present[f]) continue;
      const spec = specs[f];
      const cell = cellAt(f, p);
      if (isBlank(cell)) throw valueError(`${where(f, p)} is blank but ${specs[0].label} ${p + 1} is not`);
      if (numeric[f]) {
        const x = typeof cell === "number" && Number.isFinite(cell) ? cell : cellToNumber(cell, where(f, p));
        if (spec.nonNegative && x < 0) throw numError(`${where(f, p)} is negative (${x})`);
        if (spec.range && (x < spec.range[0] || x > spec.range[1])) {
          throw numError(`${where(f, p)} is ${x}, outside ${spec.range[0]}..${spec.range[1]}`);
        }
        outNum[f]![count] = x;
      } else {
        const code = excelErrorCodeOf(cell);
        if (code !== undefined) throw new KamError(code, `${where(f, p)} is the error ${code}`);
        outLabels[f]!.push(typeof cell === "number" || typeof cell === "boolean" ? cell : String(cell));
      }
    }
    positions[count] = p;
    count++;
  }
  const fields = specs.map((_, f) => (numeric[f] ? outNum[f]?.subarray(0, count) : outLabels[f]));
  return { fields, positions: positions.subarray(0, count), count };
}
