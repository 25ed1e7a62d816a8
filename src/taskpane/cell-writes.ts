/**
 * What the Office writer sends for the cells of a block, decided without Office (no Office
 * import, so tests call it directly): the value each cell goes in with, the columns of copies
 * of one formula that go as a single R1C1 formula, and the 2-D writes for the rest. Also the
 * small conversions the layout calls need (column widths in points, free table names).
 */
import { blockSize, type BlockPlan, type CellPlan } from "../workbook/plan";
import { isCopy, template, type Template } from "../workbook/formula-text";
import { jsonBytes, OP_BYTES, type FormulaInput } from "./request-size";

/** What to put in `range.formulas` for a planned cell: formulas as they are, literal text behind an apostrophe. */
export function formulaInput(c: CellPlan | undefined): FormulaInput {
  if (!c) return null;
  if (c.formula !== undefined) return c.formula;
  const v = c.value;
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "string") return `'${v}`;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  return v;
}

/** Runs shorter than this stay in the 2-D arrays. */
const MIN_SHARED_RUN = 3;

/** A run of `n` cells down column `c` from row `r0` (block coordinates) holding copies of one formula. */
export interface SharedRun {
  r0: number;
  n: number;
  c: number;
  /** The formula in R1C1 notation, the same for every cell of the run. */
  formula: string;
}

/**
 * The contents of a block as the writer sends them: vertical runs of copies of one formula
 * (`shared`, one R1C1 write each), and every other cell's input by row (`rows`, block
 * coordinates; null where there is nothing to write or the cell is in a shared run).
 */
export function blockContents(block: BlockPlan): { shared: SharedRun[]; rows: FormulaInput[][] } {
  return runSteps(blockContentsSteps(block));
}

/**
 * Work done in steps: the generator yields (nothing) between steps of bounded size and returns
 * the result, so a caller on the UI thread can let the event loop run between steps (the
 * Office writer does, see `office-writer.ts`) while `runSteps` runs it in one go.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const n = steps.next();
    if (n.done) return n.value;
  }
}

/** Rows of a block handled between two steps of `blockContentsSteps` and `rowWritesSteps`. */
const STEP_ROWS = 500;

/** `blockContents` in steps of at most `STEP_ROWS` rows of one column or row. */
export function* blockContentsSteps(block: BlockPlan): Steps<{ shared: SharedRun[]; rows: FormulaInput[][] }> {
  const { rows, cols } = blockSize(block);
  const shared: SharedRun[] = [];
  const covered: boolean[][] = Array.from({ length: rows }, () => []);
  for (let c = 0; c < cols; c++) {
    let run: { r0: number; t: Template } | undefined;
    const close = (end: number) => {
      if (run && end - run.r0 >= MIN_SHARED_RUN) {
        shared.push({ r0: run.r0, n: end - run.r0, c, formula: run.t.r1c1 });
        for (let r = run.r0; r < end; r++) covered[r][c] = true;
      }
      run = undefined;
    };
    for (let r = 0; r < rows; r++) {
      if (r > 0 && r % STEP_ROWS === 0) yield;
      const f = block.cells[r][c]?.formula;
      if (run && f !== undefined && isCopy(run.t, f, block.row + r, block.col + c)) continue;
      close(r);
      const t = f === undefined ? undefined : template(f, block.row + r, block.col + c);
      if (t) run = { r0: r, t };
    }
    close(rows);
  }
  const out: FormulaInput[][] = [];
  for (let r = 0; r < rows; r++) {
    if (r > 0 && r % STEP_ROWS === 0) yield;
    const src = block.cells[r];
    const row = new Array<FormulaInput>(cols);
    for (let c = 0; c < cols; c++) row[c] = covered[r][c] ? null : formulaInput(src[c]);
    out.push(row);
  }
  return { shared, rows: out };
}

/** One 2-D write: `part` at (r0, c0) of the block, and its estimated cost with the operation's allowance. */
export interface RowWrite {
  r0: number;
  c0: number;
  part: FormulaInput[][];
  bytes: number;
}

/**
 * The writes for rows [from, to) of a block's cell values: rows with nothing left to write are
 * skipped; the others go in groups of rows with the same columns, so the headers above a run of
 * shared formulas do not drag thousands of "null"s along. A short group whose columns are a
 * subset of its neighbour's joins it (a row with a blank cell does not cost a write of its own).
 * Within a group, one write per run of used columns. Each write's cost includes an allowance
 * for the operation.
 */
export function rowWrites(rows: FormulaInput[][], from: number, to: number): RowWrite[] {
  return runSteps(rowWritesSteps(rows, from, to));
}

/** `rowWrites` in steps of at most `STEP_ROWS` rows, and one step per write. */
export function* rowWritesSteps(rows: FormulaInput[][], from: number, to: number): Steps<RowWrite[]> {
  const groups: { g0: number; g1: number; used: boolean[]; key: string }[] = [];
  for (let i = from; i < to; i++) {
    if (i > from && (i - from) % STEP_ROWS === 0) yield;
    const used = rows[i].map((v) => v !== null);
    if (!used.includes(true)) continue;
    const key = used.map((u) => (u ? "1" : "0")).join("");
    const last = groups[groups.length - 1];
    if (last && last.g1 === i && last.key === key) {
      last.g1 = i + 1;
      continue;
    }
    groups.push({ g0: i, g1: i + 1, used, key });
  }
  const merged: typeof groups = [];
  for (let k = 0; k < groups.length; k++) {
    if (k > 0 && k % STEP_ROWS === 0) yield;
    const g = groups[k];
    const last = merged[merged.length - 1];
    if (last && last.g1 === g.g0) {
      const union = last.used.map((u, c) => u || g.used[c]);
      const key = union.map((u) => (u ? "1" : "0")).join("");
      const short = (x: { g0: number; g1: number }) => x.g1 - x.g0 < 4;
      if (key === last.key && (short(g) || key === g.key)) {
        last.g1 = g.g1;
        continue;
      }
      if (key === g.key && short(last)) {
        Object.assign(last, { g1: g.g1, used: union, key });
        continue;
      }
    }
    merged.push({ ...g });
  }
  const out: RowWrite[] = [];
  for (const g of merged) {
    for (const [c0, c1] of columnSegments(g.used)) {
      const part = rows.slice(g.g0, g.g1).map((row) => row.slice(c0, c1 + 1));
      out.push({ r0: g.g0, c0, part, bytes: jsonBytes(part) + OP_BYTES });
      yield;
    }
  }
  return out;
}

/** Column runs [c0, c1] of the used columns of a row, gaps of up to 2 columns bridged: one write each. */
export function columnSegments(used: boolean[]): [number, number][] {
  const out: [number, number][] = [];
  for (let c0 = 0; c0 < used.length; ) {
    if (!used[c0]) {
      c0++;
      continue;
    }
    let c1 = c0;
    for (let c = c0 + 1; c < used.length && c <= c1 + 3; c++) if (used[c]) c1 = c;
    out.push([c0, c1]);
    c0 = c1 + 1;
  }
  return out;
}

/** Characters to points: Excel's column width in characters is about 7 pixels each plus 5 of padding, 0.75 pt per pixel. */
export const charsToPoints = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

/** Runs of equal neighbouring column widths (in characters, from column A), zero widths left out: one call each. */
export function widthRuns(widths: number[]): { c0: number; c1: number; width: number }[] {
  const out: { c0: number; c1: number; width: number }[] = [];
  for (let c = 0; c < widths.length; ) {
    let e = c;
    while (e + 1 < widths.length && widths[e + 1] === widths[c]) e++;
    if (widths[c] > 0) out.push({ c0: c, c1: e, width: widths[c] });
    c = e + 1;
  }
  return out;
}

/** A table name not in `taken` (compared without case): the name itself, or name_2, name_3, ... */
export function uniqueTableName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${name}_${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
