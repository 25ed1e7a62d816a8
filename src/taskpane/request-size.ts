/**
 * Request-size accounting for Office.js batches: how many bytes a queued operation adds to the
 * next `context.sync()`, and when to sync so that no request exceeds the limit. No Office
 * import: the Office writer (`office-writer.ts`) counts with it, and the fake Excel host
 * (`test/fake-excel`) measures with the same `jsonBytes`, so the two count a value alike.
 *
 * The estimate is the JSON of the values set plus a fixed allowance per operation: it is not
 * the wire format (Office.js adds object paths and action ids), which is why the default
 * budget stays 1 MB under the limit.
 */

/** Excel on the web rejects requests (and responses) above 5 MB. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** Default budget per sync: 4 MB leaves about 1 MB of the limit for what the estimate leaves out. */
export const DEFAULT_MAX_SYNC_BYTES = 4_000_000;

/** Allowance for one queued operation besides its value (object path, method name, ids). */
export const OP_BYTES = 120;

/**
 * Allowances for the layout operations whose values are not measured one by one, in bytes of
 * JSON. The writer counts each with OP_BYTES on top, and the two together are at least what the
 * fake host measures for the operation with sheet-sized indexes (in brackets; checked in
 * test/taskpane/request-size.test.ts for all but `activate`), so the estimate does not fall
 * below the host's count.
 */
export const ALLOWANCE = {
  /**
   * A style on a rectangle: the range's four indexes and up to seven property sets (bold,
   * italic, size, font colour, fill colour, wrap, vertical alignment) of 11–25 bytes each [32–114
   * for our styles, the header's the largest; 139 with all seven].
   */
  style: 200,
  /** A column width, row height or hidden rows: an address or four indexes, and one number or `true` [33–37]. */
  columnOrRows: 24,
  /**
   * Helper rows or columns grouped and collapsed: the entire rows or columns, `group` and
   * `hideGroupDetails` with the option's name, three operations, so two more OP_BYTES on top of
   * the one the writer adds [measured in the test].
   */
  group: 2 * OP_BYTES + 48,
  /** Freezing panes: one or two counts, or a range's four indexes [16]. */
  freeze: 16,
  /** A table: its range, `hasHeaders`, and its name (ours are short) [55]. */
  table: 100,
  /**
   * A colour scale: the range, and the criteria object of three entries of type and colour,
   * the midpoint with a formula [209].
   */
  colorScale: 300,
  /**
   * A chart: its type and source range, then title, each series' values and categories, axis
   * titles, legend and position, a dozen operations [191 with three series]. The title and
   * names are counted apart, as JSON.
   */
  chart: 600,
  /**
   * Print setup: orientation, the zoom object (two numbers), print area (four indexes), title
   * rows (an address), and three footer texts counted apart, as JSON [~120].
   */
  print: 200,
  /** Activating a sheet: a method call without arguments [2]. */
  activate: 8,
  /**
   * Emptying a sheet for rewriting (`emptySheet`) queues six operations besides deleting its
   * tables and charts by name (counted as JSON): the sheet look-up, clearing conditional
   * formats, clearing cells, un-hiding rows, unfreezing panes, the tab colour. This one is a
   * count of operations, each counted as OP_BYTES.
   */
  emptySheetOps: 6,
} as const;

/**
 * UTF-8 size of a value's JSON (what `Buffer.byteLength(JSON.stringify(v))` gives, without
 * Buffer: this also runs in the browser). JSON.stringify escapes a lone surrogate as `\udxxx`
 * (ASCII), so every surrogate left in its output is half of a pair: the pair is one code point
 * of 4 bytes, 2 per half.
 */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? "";
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) n += c > 0x7ff && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

/** A value of a row as it goes into `range.formulas`. */
export type FormulaInput = string | number | boolean | null;

/** Bytes of JSON each null in a row costs: "null". */
const NULL_BYTES = 4;
/** Room for the brackets of the row and of the 2-D array around it. */
const ROW_BRACKETS = 3;
/**
 * Margin on a row's estimate: a row shares its columns with its group (see `rowWrites`), so
 * the group may write a few nulls this row would not have written alone.
 */
const ROW_MARGIN = 1.1;
/** Bytes added to every row's estimate: the rounding and a short row's share of a write's nulls. */
const ROW_SLACK = 8;

/**
 * Estimated JSON size of what a row contributes to the 2-D writes: its values from the first
 * to the last non-null one ("null" for the gaps), brackets and commas, with a margin. Rows of
 * nulls are not written.
 */
export function rowBytes(row: FormulaInput[]): number {
  let first = -1;
  let last = -1;
  let bytes = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (v === null) continue;
    if (first < 0) first = c;
    last = c;
    bytes += typeof v === "string" ? jsonBytes(v) : String(v).length;
  }
  if (first < 0) return 0;
  for (let c = first; c <= last; c++) if (row[c] === null) bytes += NULL_BYTES;
  // Commas between the values, brackets, and the margin.
  return Math.ceil((bytes + (last - first) + ROW_BRACKETS) * ROW_MARGIN) + ROW_SLACK;
}

/** Counts the payload queued since the last sync and syncs when the next piece would not fit. */
export class SyncBatch {
  syncs = 0;
  total = 0;
  largest = 0;
  private pending = 0;
  /** `sync` sends what is queued (`context.sync()`); `progress` is called after each sync. */
  constructor(
    private readonly send: () => Promise<void>,
    readonly max: number = DEFAULT_MAX_SYNC_BYTES,
    private readonly progress: () => void = () => undefined,
  ) {}
  /** Counts an operation queued with `bytes` of values. */
  add(bytes: number): void {
    this.pending += bytes + OP_BYTES;
  }
  /** True when `bytes` more can go into the current batch. */
  fits(bytes: number): boolean {
    return this.pending + bytes + OP_BYTES <= this.max;
  }
  get empty(): boolean {
    return this.pending === 0;
  }
  async sync(): Promise<void> {
    await this.send();
    this.syncs++;
    this.total += this.pending;
    this.largest = Math.max(this.largest, this.pending);
    this.pending = 0;
    this.progress();
  }
  /** Makes room for an operation of `bytes`: syncs first if it would overflow the batch. */
  async room(bytes: number): Promise<void> {
    if (!this.empty && !this.fits(bytes)) await this.sync();
  }
}
