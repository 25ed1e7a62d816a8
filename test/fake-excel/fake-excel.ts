/**
 * A fake Excel host for tests: the subset of the Excel JavaScript API the task pane uses, with
 * Office.js's batching semantics, over a workbook model whose formulas HyperFormula evaluates.
 *
 * - Property sets and method calls are queued and run, in order, at `context.sync()`.
 * - Reading a property that was not loaded before a sync throws PropertyNotLoaded, as Office.js
 *   does; `*OrNullObject` methods give objects whose `isNullObject` is known after a sync.
 * - Each sync is counted, with the JSON size of what it sets (property values and method
 *   arguments) and of what it returns; a request or response over 5 MB is rejected like Excel
 *   on the web rejects it. `injectFailure` makes a chosen sync fail part-way through its batch.
 *
 * Test helpers: `sheetValues`, `cell`, `stats`, `addSheet` (seed data, optionally as an Excel
 * table), `type` (what a user types into a cell), `select`, `snapshot`.
 */
import { jsonBytes, PAYLOAD_LIMIT } from "../../src/taskpane/request-size";
import { a1, type ErrorCell } from "../../src/workbook/plan";
import {
  Box,
  boxAddress,
  CellStyle,
  ChartAxisModel,
  ChartModel,
  ChartSeriesModel,
  colIndex,
  Content,
  FakeOfficeError,
  interpretInput,
  MAX_COLS,
  MAX_ROWS,
  parseAddress,
  r1c1ToA1,
  PageLayoutModel,
  Scalar,
  SheetModel,
  TableModel,
  WorkbookModel,
} from "./model";

export { FakeOfficeError, interpretInput, parseTypedNumber } from "./model";
export type { Content } from "./model";

// Sizes are measured with the writer's own jsonBytes, so an emoji counts alike on both sides.
export { PAYLOAD_LIMIT } from "../../src/taskpane/request-size";

/** Office.js limit on cells in one get. */
const MAX_GET_CELLS = 5_000_000;

export interface SyncRecord {
  /** JSON size of the property values and method arguments queued for this sync. */
  bytes: number;
  /** Queued operations (property sets, method calls, object look-ups, loads). */
  ops: number;
  /** JSON size of the loaded values returned. */
  responseBytes: number;
}

export interface FakeStats {
  syncs: number;
  totalBytes: number;
  largestBytes: number;
  largestResponseBytes: number;
  perSync: SyncRecord[];
}

interface Failure {
  /** Absolute sync number (1-based over the host's life) that fails. */
  atSync: number;
  /** How many queued operations run before the failure (default: half of them). */
  afterOps?: number;
  message?: string;
}

type Op = () => void;

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  /** @internal */ queue: Op[] = [];
  /** @internal */ bytes = 0;
  /** @internal */ responseBytes = 0;
  constructor(readonly host: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }
  /** @internal */ enqueue(op: Op, bytes = 0): void {
    this.queue.push(op);
    this.bytes += bytes;
  }
  sync(): Promise<void> {
    return this.host.runBatch(this);
  }
  /** Office.js API surface that is not modelled: no tracked objects in this fake. */
  get trackedObjects() {
    return { add: () => undefined, remove: () => undefined };
  }
}

const notLoaded = (prop: string) =>
  new FakeOfficeError("PropertyNotLoaded", `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);

/** Parses the argument of `load()` into property names (collections: without "items/"). */
function loadProps(arg: unknown, all: readonly string[]): string[] {
  if (arg === undefined || arg === null) return [...all];
  let names: string[];
  if (typeof arg === "string") names = arg.split(",");
  else if (Array.isArray(arg)) names = arg.map(String);
  else if (typeof arg === "object") {
    const o = arg as Record<string, unknown>;
    if (typeof o.select === "string") names = o.select.split(",");
    else if (o.$all) return [...all];
    else names = Object.keys(o).filter((k) => o[k]);
  } else names = [];
  return names.map((n) => n.trim().replace(/^items\//, "")).filter((n) => n !== "");
}

/** A proxy object: bound to its model when the operation that obtained it runs. */
abstract class ClientObject<T> {
  private bound = false;
  private target: T | null = null;
  protected readonly loaded = new Map<string, unknown>();
  protected abstract readonly scalarProps: readonly string[];

  constructor(
    protected readonly ctx: FakeRequestContext,
    bind: (() => T | null) | { target: T | null },
  ) {
    if (typeof bind === "function") {
      ctx.enqueue(() => {
        this.target = bind();
        this.bound = true;
      });
    } else {
      this.target = bind.target;
      this.bound = true;
    }
  }

  get context(): FakeRequestContext {
    return this.ctx;
  }

  get isNullObject(): boolean {
    if (!this.bound) throw notLoaded("isNullObject");
    return this.target === null;
  }

  /** The model, for operations running inside a sync. */
  protected t(): T {
    if (!this.bound) throw new FakeOfficeError("GeneralException", "fake host: object used before the operation that creates it");
    if (this.target === null) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist.");
    return this.target;
  }

  /** The model or null (for objects derived from a null object). */
  protected tOrNull(): T | null {
    return this.bound ? this.target : null;
  }

  protected get<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as V;
  }

  protected set(prop: string, value: unknown, apply: (t: T) => void): void {
    this.ctx.enqueue(() => apply(this.t()), jsonBytes({ [prop]: value }));
  }

  protected call(args: unknown[], fn: (t: T) => void): void {
    this.ctx.enqueue(() => fn(this.t()), jsonBytes(args.map((a) => (a instanceof ClientObject ? null : a))));
  }

  protected abstract read(t: T, prop: string): unknown;

  load(arg?: unknown): this {
    const props = loadProps(arg, this.scalarProps);
    this.ctx.enqueue(() => {
      const t = this.tOrNull();
      if (t === null) return;
      for (const p of props) {
        const v = this.read(t, p);
        this.loaded.set(p, v);
        this.ctx.responseBytes += jsonBytes(v);
      }
    });
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** A collection: `items` after a load. */
abstract class ClientCollection<M, P extends ClientObject<M>, O> extends ClientObject<O> {
  private list: P[] | undefined;
  protected abstract models(o: O): M[];
  protected abstract item(m: M): P;
  protected abstract readonly itemProps: readonly string[];
  protected readonly scalarProps: readonly string[] = [];
  protected read(): unknown {
    return undefined;
  }

  override load(arg?: unknown): this {
    const props = loadProps(arg, this.itemProps);
    this.ctx.enqueue(() => {
      const o = this.tOrNull();
      const ms = o === null ? [] : this.models(o);
      this.list = ms.map((m) => {
        const p = this.item(m);
        (p as unknown as { preload(props: string[]): void }).preload(props);
        return p;
      });
    });
    return this;
  }

  get items(): P[] {
    if (!this.list) throw notLoaded("items");
    return this.list;
  }

  getCount(): { value: number } {
    const result = { value: NaN };
    this.ctx.enqueue(() => (result.value = this.models(this.t()).length));
    return result;
  }
}

/** An object with one property that can be set (queued by `set`) but, unloaded, not read. */
function writeOnly<K extends string>(prop: K, set: (v: unknown) => void): Record<K, never> {
  const o = {};
  Object.defineProperty(o, prop, {
    set,
    get: () => {
      throw notLoaded(prop);
    },
    enumerable: true,
  });
  return o as Record<K, never>;
}

/** Mixed into item proxies so a collection load can fill their properties. */
function preloadable<T>(obj: ClientObject<T>, read: (t: T, p: string) => unknown, ctx: FakeRequestContext) {
  return (props: string[]) => {
    const t = (obj as unknown as { tOrNull(): T | null }).tOrNull();
    if (t === null) return;
    for (const p of props) {
      const v = read(t, p);
      (obj as unknown as { loaded: Map<string, unknown> }).loaded.set(p, v);
      ctx.responseBytes += jsonBytes(v);
    }
  };
}

// ---------------------------------------------------------------- workbook

export class FakeWorkbook extends ClientObject<WorkbookModel> {
  protected readonly scalarProps = ["name"] as const;
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly application: { suspendApiCalculationUntilNextSync(): void; calculate(type: string): void };
  constructor(ctx: FakeRequestContext) {
    super(ctx, { target: ctx.host.model });
    this.worksheets = new FakeWorksheetCollection(ctx, { target: ctx.host.model });
    this.tables = new FakeTableCollection(ctx, { target: { workbook: ctx.host.model } });
    this.application = { suspendApiCalculationUntilNextSync: () => ctx.enqueue(() => undefined), calculate: () => ctx.enqueue(() => undefined) };
  }
  protected read(_t: WorkbookModel, p: string): unknown {
    if (p === "name") return "Book1.xlsx";
    throw new FakeOfficeError("NotImplemented", `fake host: Workbook.${p}`);
  }
  /** Workbook.onSelectionChanged: handlers run when the test calls `FakeExcel.select`. */
  get onSelectionChanged(): { add(handler: (e: unknown) => Promise<unknown>): { remove(): void } } {
    const host = this.ctx.host;
    return {
      add: (handler) => {
        host.selectionHandlers.add(handler);
        return { remove: () => host.selectionHandlers.delete(handler) };
      },
    };
  }
  getSelectedRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const wb = this.t();
      const sel = wb.selection ?? { sheet: wb.sheets.find((s) => s.id === wb.activeId) ?? wb.sheets[0], box: { r0: 0, c0: 0, rows: 1, cols: 1 } };
      return { sheet: sel.sheet, box: sel.box };
    });
  }
}

// ---------------------------------------------------------------- worksheets

const WORKSHEET_PROPS = ["name", "id", "position", "tabColor", "visibility"] as const;

export class FakeWorksheetCollection extends ClientCollection<SheetModel, FakeWorksheet, WorkbookModel> {
  protected readonly itemProps = WORKSHEET_PROPS;
  protected models(o: WorkbookModel): SheetModel[] {
    return [...o.sheets];
  }
  protected item(m: SheetModel): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { target: m });
  }
  /** WorksheetCollection.onDeleted (ExcelApi 1.7). */
  get onDeleted(): FakeEvent {
    return new FakeEvent(this.ctx, (f) => this.call([], (wb) => f(wb, "WorksheetDeleted")));
  }
  add(name?: string): FakeWorksheet {
    this.ctx.bytes += jsonBytes([name]);
    return new FakeWorksheet(this.ctx, () => this.t().addSheet(name));
  }
  getItem(key: string): FakeWorksheet {
    this.ctx.bytes += jsonBytes([key]);
    return new FakeWorksheet(this.ctx, () => {
      const s = this.t().findSheet(key);
      if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: worksheet "${key}".`);
      return s;
    });
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    this.ctx.bytes += jsonBytes([key]);
    return new FakeWorksheet(this.ctx, () => this.t().findSheet(key) ?? null);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.t().findSheet(this.t().activeId) ?? null);
  }
}

/** Handler of a fake host event: called with the event's arguments, as Office.js calls it. */
export type FakeEventHandler = (args: Record<string, unknown>) => unknown;

/**
 * An event of the fake host (Worksheet.onChanged / onRowSorted, Table.onChanged,
 * WorksheetCollection.onDeleted): `add` registers at the next sync, as in Office.js, and
 * returns an object whose `remove` unregisters at the following one.
 */
export class FakeEvent {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly at: (f: (wb: WorkbookModel, key: string) => void) => void,
  ) {}
  add(handler: FakeEventHandler): { remove(): void } {
    let where: { wb: WorkbookModel; key: string } | undefined;
    this.at((wb, key) => {
      where = { wb, key };
      const set = wb.listeners.get(key) ?? new Set();
      set.add(handler);
      wb.listeners.set(key, set);
    });
    return { remove: () => this.ctx.enqueue(() => where?.wb.listeners.get(where.key)?.delete(handler), 0) };
  }
}

export class FakeWorksheet extends ClientObject<SheetModel> {
  protected readonly scalarProps = WORKSHEET_PROPS;
  /** @internal */ readonly preload = preloadable(this, (t, p) => this.read(t, p), this.ctx);
  private nav: Record<string, unknown> = {};

  protected read(t: SheetModel, p: string): unknown {
    switch (p) {
      case "name":
        return t.name;
      case "id":
        return t.id;
      case "position":
        return t.workbook.sheets.indexOf(t);
      case "tabColor":
        return t.tabColor;
      case "visibility":
        return "Visible";
    }
    throw new FakeOfficeError("NotImplemented", `fake host: Worksheet.${p}`);
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.set("name", v, (t) => t.workbook.renameSheet(t, v));
  }
  get id(): string {
    return this.get("id");
  }
  get position(): number {
    return this.get("position");
  }
  set position(v: number) {
    this.set("position", v, (t) => t.workbook.moveSheet(t, v));
  }
  get tabColor(): string {
    return this.get("tabColor");
  }
  set tabColor(v: string) {
    this.set("tabColor", v, (t) => (t.tabColor = v));
  }
  get visibility(): string {
    return this.get("visibility");
  }
  private child<C>(key: string, make: () => C): C {
    return (this.nav[key] ??= make()) as C;
  }
  get customProperties(): FakeCustomPropertyCollection {
    return this.child("cp", () => new FakeCustomPropertyCollection(this.ctx, () => this.tOrNull()));
  }
  get freezePanes(): FakeFreezePanes {
    return this.child("fp", () => new FakeFreezePanes(this.ctx, () => this.tOrNull()));
  }
  get tables(): FakeTableCollection {
    return this.child("tables", () => new FakeTableCollection(this.ctx, () => (this.tOrNull() ? { workbook: this.t().workbook, sheet: this.t() } : null)));
  }
  get charts(): FakeChartCollection {
    return this.child("charts", () => new FakeChartCollection(this.ctx, () => this.tOrNull()));
  }
  get pageLayout(): FakePageLayout {
    return this.child("pageLayout", () => new FakePageLayout(this.ctx, () => this.tOrNull()));
  }
  getRange(address?: string): FakeRange {
    this.ctx.bytes += jsonBytes([address]);
    return new FakeRange(this.ctx, () => {
      const t = this.t();
      if (address === undefined) return { sheet: t, box: { r0: 0, c0: 0, rows: MAX_ROWS, cols: MAX_COLS } };
      const { sheet, box } = parseAddress(address);
      const s = sheet === undefined ? t : t.workbook.findSheet(sheet);
      if (!s) throw new FakeOfficeError("InvalidArgument", `The argument is invalid: address "${address}"`);
      return { sheet: s, box };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    this.ctx.bytes += jsonBytes([startRow, startColumn, rowCount, columnCount]);
    return new FakeRange(this.ctx, () => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) {
        throw new FakeOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
      }
      return { sheet: this.t(), box: { r0: startRow, c0: startColumn, rows: rowCount, cols: columnCount } };
    });
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => ({ sheet: this.t(), box: this.t().usedBox(Boolean(valuesOnly)) ?? { r0: 0, c0: 0, rows: 1, cols: 1 } }));
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.tOrNull();
      const box = t?.usedBox(Boolean(valuesOnly));
      return t && box ? { sheet: t, box } : null;
    });
  }
  activate(): void {
    this.call([], (t) => (t.workbook.activeId = t.id));
  }
  /** Worksheet.onChanged (ExcelApi 1.7). */
  get onChanged(): FakeEvent {
    return new FakeEvent(this.ctx, (f) => this.call([], (t) => f(t.workbook, `WorksheetChanged:${t.id}`)));
  }
  /** Worksheet.onRowSorted (ExcelApi 1.10). */
  get onRowSorted(): FakeEvent {
    return new FakeEvent(this.ctx, (f) => this.call([], (t) => f(t.workbook, `WorksheetRowSorted:${t.id}`)));
  }
  delete(): void {
    this.call([], (t) => t.workbook.deleteSheet(t));
  }
  /** Worksheet.copy (ExcelApi 1.10): "None"/"End" puts the copy last, "After" after `relativeTo`. */
  copy(positionType: string = "None", relativeTo?: FakeWorksheet): FakeWorksheet {
    if (!["None", "End", "After"].includes(positionType)) throw new FakeOfficeError("NotImplemented", `fake host: Worksheet.copy("${positionType}")`);
    this.ctx.bytes += jsonBytes([positionType]);
    return new FakeWorksheet(this.ctx, () => this.t().workbook.copySheet(this.t(), positionType === "After" ? relativeTo?.model() : undefined));
  }
  /** @internal The sheet, inside an operation. */
  model(): SheetModel {
    return this.t();
  }
}

// ---------------------------------------------------------------- custom properties

type PropModel = { sheet: SheetModel; key: string };

export class FakeCustomPropertyCollection extends ClientCollection<PropModel, FakeCustomProperty, SheetModel> {
  protected readonly itemProps = ["key", "value"] as const;
  protected models(o: SheetModel): PropModel[] {
    return [...o.props.values()].map((p) => ({ sheet: o, key: p.key }));
  }
  protected item(m: PropModel): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, { target: m });
  }
  add(key: string, value: string): FakeCustomProperty {
    this.ctx.bytes += jsonBytes([key, value]);
    return new FakeCustomProperty(this.ctx, () => {
      const s = this.t();
      if (key.length > 255) throw new FakeOfficeError("InvalidArgument", "The key is limited to 255 characters.");
      s.props.set(key.toLowerCase(), { key, value: String(value) });
      s.workbook.touch();
      return { sheet: s, key };
    });
  }
  getItem(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, () => {
      const p = this.t().props.get(key.toLowerCase());
      if (!p) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: custom property "${key}".`);
      return { sheet: this.t(), key: p.key };
    });
  }
  getItemOrNullObject(key: string): FakeCustomProperty {
    return new FakeCustomProperty(this.ctx, () => {
      const s = this.tOrNull();
      const p = s?.props.get(key.toLowerCase());
      return s && p ? { sheet: s, key: p.key } : null;
    });
  }
}

export class FakeCustomProperty extends ClientObject<PropModel> {
  protected readonly scalarProps = ["key", "value"] as const;
  /** @internal */ readonly preload = preloadable(this, (t, p) => this.read(t, p), this.ctx);
  protected read(t: PropModel, p: string): unknown {
    const prop = t.sheet.props.get(t.key.toLowerCase());
    if (p === "key") return prop?.key ?? t.key;
    if (p === "value") return prop?.value ?? "";
    throw new FakeOfficeError("NotImplemented", `fake host: WorksheetCustomProperty.${p}`);
  }
  get key(): string {
    return this.get("key");
  }
  get value(): string {
    return this.get("value");
  }
  set value(v: string) {
    this.set("value", v, (t) => {
      t.sheet.props.set(t.key.toLowerCase(), { key: t.key, value: v });
      t.sheet.workbook.touch();
    });
  }
  delete(): void {
    this.call([], (t) => {
      t.sheet.props.delete(t.key.toLowerCase());
      t.sheet.workbook.touch();
    });
  }
}

/** worksheet.pageLayout (ExcelApi 1.9): orientation, zoom, print area, title rows, footers. */
export class FakePageLayout extends ClientObject<SheetModel> {
  protected readonly scalarProps = ["orientation", "zoom"] as const;
  readonly headersFooters: { defaultForAllPages: FakeHeaderFooter };
  constructor(ctx: FakeRequestContext, bind: () => SheetModel | null) {
    super(ctx, bind);
    this.headersFooters = { defaultForAllPages: new FakeHeaderFooter(ctx, () => this.tOrNull()) };
  }
  protected read(t: SheetModel, p: string): unknown {
    if (p === "orientation") return t.pageLayout.orientation;
    if (p === "zoom") return { ...t.pageLayout.zoom };
    throw new FakeOfficeError("NotImplemented", `fake host: PageLayout.${p}`);
  }
  get orientation(): string {
    return this.get("orientation");
  }
  set orientation(v: string) {
    if (v !== "Portrait" && v !== "Landscape") throw new FakeOfficeError("InvalidArgument", `orientation ${v}`);
    this.set("orientation", v, (t) => (t.pageLayout.orientation = v));
  }
  get zoom(): PageLayoutModel["zoom"] {
    return this.get("zoom");
  }
  set zoom(v: PageLayoutModel["zoom"]) {
    this.set("zoom", v, (t) => (t.pageLayout.zoom = { ...v }));
  }
  setPrintArea(area: FakeRange | string): void {
    this.ctx.enqueue(
      () => {
        const t = this.t();
        const box = typeof area === "string" ? parseAddress(area).box : area.model().box;
        t.pageLayout.printArea = boxAddress(t.name, box).replace(/^.*!/, "");
      },
      jsonBytes([typeof area === "string" ? area : null]),
    );
  }
  setPrintTitleRows(rows: string): void {
    if (!/^\$?\d+:\$?\d+$/.test(rows)) throw new FakeOfficeError("InvalidArgument", `title rows ${rows}`);
    this.call([rows], (t) => (t.pageLayout.titleRows = rows));
  }
}

export class FakeHeaderFooter extends ClientObject<SheetModel> {
  protected readonly scalarProps = ["leftFooter", "centerFooter", "rightFooter"] as const;
  protected read(t: SheetModel, p: string): unknown {
    if (p === "leftFooter") return t.pageLayout.footer.left;
    if (p === "centerFooter") return t.pageLayout.footer.center;
    if (p === "rightFooter") return t.pageLayout.footer.right;
    throw new FakeOfficeError("NotImplemented", `fake host: HeaderFooter.${p}`);
  }
  set leftFooter(v: string) {
    this.set("leftFooter", v, (t) => (t.pageLayout.footer.left = v));
  }
  set centerFooter(v: string) {
    this.set("centerFooter", v, (t) => (t.pageLayout.footer.center = v));
  }
  set rightFooter(v: string) {
    this.set("rightFooter", v, (t) => (t.pageLayout.footer.right = v));
  }
}

export class FakeFreezePanes extends ClientObject<SheetModel> {
  protected readonly scalarProps = [] as const;
  protected read(): unknown {
    return undefined;
  }
  freezeAt(frozenRange: FakeRange | string): void {
    this.ctx.enqueue(
      () => {
        const t = this.t();
        const box = typeof frozenRange === "string" ? parseAddress(frozenRange).box : frozenRange.model().box;
        t.freeze = { rows: box.r0 + box.rows, cols: box.c0 + box.cols };
        t.workbook.touch();
      },
      jsonBytes([typeof frozenRange === "string" ? frozenRange : null]),
    );
  }
  freezeRows(count = 1): void {
    this.call([count], (t) => (t.freeze = { rows: count, cols: 0 }));
  }
  freezeColumns(count = 1): void {
    this.call([count], (t) => (t.freeze = { rows: 0, cols: count }));
  }
  unfreeze(): void {
    this.call([], (t) => (t.freeze = null));
  }
  /** The frozen cells: whole rows for frozen rows only, whole columns for frozen columns only; null when nothing is frozen. */
  getLocationOrNullObject(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.t();
      if (!t.freeze) return null;
      const { rows, cols } = t.freeze;
      return { sheet: t, box: { r0: 0, c0: 0, rows: rows || MAX_ROWS, cols: cols || MAX_COLS } };
    });
  }
}

// ---------------------------------------------------------------- ranges

type RangeModel = { sheet: SheetModel; box: Box };

const RANGE_PROPS = ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "cellCount", "values", "formulas", "numberFormat", "valueTypes", "text", "rowHidden", "columnHidden"] as const;

function grid<V>(box: Box, f: (r: number, c: number) => V): V[][] {
  if (box.rows * box.cols > MAX_GET_CELLS) throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", "The range is too large to get.");
  return Array.from({ length: box.rows }, (_, i) => Array.from({ length: box.cols }, (_, j) => f(box.r0 + i, box.c0 + j)));
}

/** Applies a 2-D array, or one value to every cell (Office.js accepts both), to a range. */
function eachInput(box: Box, input: unknown, f: (r: number, c: number, v: unknown) => void): void {
  if (Array.isArray(input)) {
    if (input.length !== box.rows || input.some((row) => !Array.isArray(row) || row.length !== box.cols)) {
      throw new FakeOfficeError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
    }
    input.forEach((row: unknown[], i) => row.forEach((v, j) => f(box.r0 + i, box.c0 + j, v)));
    return;
  }
  if (box.rows * box.cols > 2_000_000) throw new FakeOfficeError("NotImplemented", "fake host: setting a value on an unbounded range");
  for (let i = 0; i < box.rows; i++) for (let j = 0; j < box.cols; j++) f(box.r0 + i, box.c0 + j, input);
}

export class FakeRange extends ClientObject<RangeModel> {
  protected readonly scalarProps = RANGE_PROPS;
  private nav: Record<string, unknown> = {};

  /** @internal The model, inside a sync. */
  model(): RangeModel {
    return this.t();
  }

  protected read(t: RangeModel, p: string): unknown {
    const { sheet, box } = t;
    const wb = sheet.workbook;
    switch (p) {
      case "address":
        return boxAddress(sheet.name, box);
      case "rowIndex":
        return box.r0;
      case "columnIndex":
        return box.c0;
      case "rowCount":
        return box.rows;
      case "columnCount":
        return box.cols;
      case "cellCount":
        return box.rows * box.cols;
      case "values":
        return grid(box, (r, c) => wb.value(sheet, r, c).value);
      case "valueTypes":
        return grid(box, (r, c) => wb.value(sheet, r, c).type);
      case "text":
        return grid(box, (r, c) => {
          const v = wb.value(sheet, r, c).value;
          return v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
        });
      case "formulas":
        return grid(box, (r, c) => wb.formula(sheet, r, c));
      case "numberFormat":
        return grid(box, (r, c) => sheet.numFmt[r]?.[c] ?? "General");
      case "columnHidden": {
        let hidden = 0;
        for (const c of sheet.hiddenColumns) if (c >= box.c0 && c < box.c0 + box.cols) hidden++;
        return hidden === 0 ? false : hidden === box.cols ? true : null;
      }
      case "rowHidden": {
        // true when every row is hidden, false when none is, null when mixed (as Excel)
        let hidden = 0;
        for (const r of sheet.hiddenRows) if (r >= box.r0 && r < box.r0 + box.rows) hidden++;
        return hidden === 0 ? false : hidden === box.rows ? true : null;
      }
    }
    throw new FakeOfficeError("NotImplemented", `fake host: Range.${p}`);
  }

  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get cellCount(): number {
    return this.get("cellCount");
  }
  get values(): Scalar[][] {
    return this.get("values");
  }
  set values(v: unknown) {
    this.set("values", v, (t) => this.write(t, v));
  }
  get rowHidden(): boolean | null {
    return this.get("rowHidden");
  }
  set rowHidden(v: boolean) {
    this.set("rowHidden", v, ({ sheet, box }) => {
      if (!v) for (const r of [...sheet.hiddenRows]) if (r >= box.r0 && r < box.r0 + box.rows) sheet.hiddenRows.delete(r);
      if (v) {
        if (box.rows > 100_000) throw new FakeOfficeError("NotImplemented", "fake host: hiding more than 100,000 rows");
        for (let r = box.r0; r < box.r0 + box.rows; r++) sheet.hiddenRows.add(r);
      }
      sheet.workbook.touch();
    });
  }
  get columnHidden(): boolean | null {
    return this.get("columnHidden");
  }
  set columnHidden(v: boolean) {
    this.set("columnHidden", v, ({ sheet, box }) => {
      for (let c = box.c0; c < box.c0 + box.cols; c++) {
        if (v) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
      }
      sheet.workbook.touch();
    });
  }
  get formulas(): Scalar[][] {
    return this.get("formulas");
  }
  set formulas(v: unknown) {
    this.set("formulas", v, (t) => this.write(t, v));
  }
  /** Sets R1C1 formulas (2-D, or one for every cell); reading them back is not modelled. */
  set formulasR1C1(v: unknown) {
    this.set("formulasR1C1", v, ({ sheet, box }) =>
      eachInput(box, v, (r, c, x) => {
        if (x === null || x === undefined) return;
        const content = interpretInput(typeof x === "string" && x.startsWith("=") ? r1c1ToA1(x, r, c) : x);
        if (content !== "skip") sheet.set(r, c, content);
      }),
    );
  }
  get valueTypes(): string[][] {
    return this.get("valueTypes");
  }
  get text(): string[][] {
    return this.get("text");
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(v: unknown) {
    this.set("numberFormat", v, ({ sheet, box }) =>
      eachInput(box, v, (r, c, x) => {
        if (x === null || x === undefined) return;
        if (typeof x !== "string") throw new FakeOfficeError("InvalidArgument", `Invalid number format ${JSON.stringify(x)}`);
        const row = (sheet.numFmt[r] ??= []);
        row[c] = x === "" || x === "General" ? undefined : x;
      }),
    );
  }

  private write({ sheet, box }: RangeModel, v: unknown): void {
    eachInput(box, v, (r, c, x) => {
      const content = interpretInput(x);
      if (content !== "skip") sheet.set(r, c, content);
    });
  }

  get worksheet(): FakeWorksheet {
    return (this.nav.ws ??= new FakeWorksheet(this.ctx, () => this.tOrNull()?.sheet ?? null)) as FakeWorksheet;
  }
  get format(): FakeRangeFormat {
    return (this.nav.format ??= new FakeRangeFormat(this.ctx, () => this.tOrNull())) as FakeRangeFormat;
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.nav.cf ??= new FakeConditionalFormatCollection(this.ctx, () => this.tOrNull())) as FakeConditionalFormatCollection;
  }

  private derived(f: (t: RangeModel) => RangeModel | null): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.tOrNull();
      return t === null ? null : f(t);
    });
  }
  private static check(b: Box): Box {
    if (b.r0 < 0 || b.c0 < 0 || b.rows < 1 || b.cols < 1 || b.r0 + b.rows > MAX_ROWS || b.c0 + b.cols > MAX_COLS) {
      throw new FakeOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
    }
    return b;
  }
  getCell(row: number, column: number): FakeRange {
    this.ctx.bytes += jsonBytes([row, column]);
    return this.derived(({ sheet, box }) => ({ sheet, box: FakeRange.check({ r0: box.r0 + row, c0: box.c0 + column, rows: 1, cols: 1 }) }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    this.ctx.bytes += jsonBytes([deltaRows, deltaColumns]);
    return this.derived(({ sheet, box }) => ({ sheet, box: FakeRange.check({ ...box, rows: box.rows + deltaRows, cols: box.cols + deltaColumns }) }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived(({ sheet, box }) => ({ sheet, box: FakeRange.check({ ...box, r0: box.r0 + rowOffset, c0: box.c0 + columnOffset }) }));
  }
  getRow(row: number): FakeRange {
    return this.derived(({ sheet, box }) => ({ sheet, box: FakeRange.check({ ...box, r0: box.r0 + row, rows: 1 }) }));
  }
  getColumn(column: number): FakeRange {
    return this.derived(({ sheet, box }) => ({ sheet, box: FakeRange.check({ ...box, c0: box.c0 + column, cols: 1 }) }));
  }
  getEntireColumn(): FakeRange {
    return this.derived(({ sheet, box }) => ({ sheet, box: { r0: 0, c0: box.c0, rows: MAX_ROWS, cols: box.cols } }));
  }
  getEntireRow(): FakeRange {
    return this.derived(({ sheet, box }) => ({ sheet, box: { r0: box.r0, c0: 0, rows: box.rows, cols: MAX_COLS } }));
  }
  /** Groups the range's rows or columns for an outline (ExcelApi 1.10): one level deeper each time, as Excel nests groups. */
  group(option: "ByRows" | "ByColumns"): void {
    this.call([option], ({ sheet, box }) => {
      const [levels, from, count] = option === "ByRows" ? [sheet.outlineRows, box.r0, box.rows] : [sheet.outlineColumns, box.c0, box.cols];
      if (count > 100_000) throw new FakeOfficeError("NotImplemented", "fake host: grouping more than 100,000 rows or columns");
      for (let i = from; i < from + count; i++) levels.set(i, (levels.get(i) ?? 0) + 1);
      sheet.workbook.touch();
    });
  }
  /** Collapses the groups of the range (ExcelApi 1.10): hides its grouped rows or columns; an error where nothing is grouped. */
  hideGroupDetails(option: "ByRows" | "ByColumns"): void {
    this.call([option], ({ sheet, box }) => {
      const [levels, hidden, from, count] = option === "ByRows" ? [sheet.outlineRows, sheet.hiddenRows, box.r0, box.rows] : [sheet.outlineColumns, sheet.hiddenColumns, box.c0, box.cols];
      let any = false;
      for (let i = from; i < from + count; i++) {
        if (!levels.has(i)) continue;
        any = true;
        hidden.add(i);
      }
      if (!any) throw new FakeOfficeError("InvalidOperation", "fake host: no group to collapse in the range");
      sheet.workbook.touch();
    });
  }
  /** The region around the top-left cell bounded by blank rows and columns (ExcelApi 1.7). */
  getSurroundingRegion(): FakeRange {
    return this.derived(({ sheet, box }) => {
      let r0 = box.r0;
      let c0 = box.c0;
      let r1 = box.r0;
      let c1 = box.c0;
      const rowHas = (r: number, from: number, to: number) => {
        for (let c = Math.max(0, from); c <= to; c++) if (!sheet.isEmpty(r, c)) return true;
        return false;
      };
      const colHas = (c: number, from: number, to: number) => {
        for (let r = Math.max(0, from); r <= to; r++) if (!sheet.isEmpty(r, c)) return true;
        return false;
      };
      for (let changed = true; changed; ) {
        changed = false;
        if (r0 > 0 && rowHas(r0 - 1, c0 - 1, c1 + 1)) {
          r0--;
          changed = true;
        }
        if (rowHas(r1 + 1, c0 - 1, c1 + 1)) {
          r1++;
          changed = true;
        }
        if (c0 > 0 && colHas(c0 - 1, r0 - 1, r1 + 1)) {
          c0--;
          changed = true;
        }
        if (colHas(c1 + 1, r0 - 1, r1 + 1)) {
          c1++;
          changed = true;
        }
      }
      return { sheet, box: { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 } };
    });
  }
  private usedWithin(t: RangeModel, valuesOnly: boolean): RangeModel | null {
    const u = t.sheet.usedBox(valuesOnly);
    if (!u) return null;
    const b = t.box;
    const r0 = Math.max(u.r0, b.r0);
    const c0 = Math.max(u.c0, b.c0);
    const r1 = Math.min(u.r0 + u.rows, b.r0 + b.rows) - 1;
    const c1 = Math.min(u.c0 + u.cols, b.c0 + b.cols) - 1;
    if (r1 < r0 || c1 < c0) return null;
    // shrink to the cells actually used inside the intersection
    let top = r1 + 1;
    let bottom = r0 - 1;
    let left = c1 + 1;
    let right = c0 - 1;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        if (t.sheet.isEmpty(r, c) && (valuesOnly || (t.sheet.numFmt[r]?.[c] === undefined && t.sheet.style[r]?.[c] === undefined))) continue;
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
    return bottom < top ? null : { sheet: t.sheet, box: { r0: top, c0: left, rows: bottom - top + 1, cols: right - left + 1 } };
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this.derived((t) => this.usedWithin(t, Boolean(valuesOnly)) ?? { sheet: t.sheet, box: { ...t.box, rows: 1, cols: 1 } });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this.derived((t) => this.usedWithin(t, Boolean(valuesOnly)));
  }
  select(): void {
    this.call([], (t) => {
      t.sheet.workbook.selection = { sheet: t.sheet, box: t.box };
      t.sheet.workbook.activeId = t.sheet.id;
    });
  }
  /**
   * Range.copyFrom with copyType "All": cells, number formats, looks and the conditional formats
   * inside the source, to the same place or (for cells without formulas) another place.
   */
  copyFrom(source: FakeRange, copyType = "All"): void {
    this.ctx.enqueue(() => {
      if (copyType !== "All") throw new FakeOfficeError("NotImplemented", `fake host: copyFrom("${copyType}")`);
      const dst = this.t();
      const src = source.model();
      const dr = dst.box.r0 - src.box.r0;
      const dc = dst.box.c0 - src.box.c0;
      const { sheet: from, box } = src;
      const to = dst.sheet;
      for (let r = box.r0; r < box.r0 + box.rows; r++) {
        const width = Math.max(from.content[r]?.length ?? 0, from.numFmt[r]?.length ?? 0, from.style[r]?.length ?? 0);
        for (let c = box.c0; c < Math.min(box.c0 + box.cols, width); c++) {
          const v = from.get(r, c);
          if (v?.t === "f" && (dr !== 0 || dc !== 0)) throw new FakeOfficeError("NotImplemented", "fake host: copying formulas to another place");
          to.set(r + dr, c + dc, v && { ...v });
          (to.numFmt[r + dr] ??= [])[c + dc] = from.numFmt[r]?.[c];
          (to.style[r + dr] ??= [])[c + dc] = from.style[r]?.[c] && { ...from.style[r][c] };
        }
      }
      const inside = (b: Box) => b.r0 >= box.r0 && b.c0 >= box.c0 && b.r0 + b.rows <= box.r0 + box.rows && b.c0 + b.cols <= box.c0 + box.cols;
      for (const cf of from.conditionalFormats.filter((f) => inside(f.box))) {
        to.conditionalFormats.push({ ...JSON.parse(JSON.stringify(cf)), box: { ...cf.box, r0: cf.box.r0 + dr, c0: cf.box.c0 + dc } });
      }
      to.workbook.touch();
    }, jsonBytes([copyType]));
  }
  /** Range.delete: whole rows with shift "Up" only (what the pane's Delete a period does). */
  delete(shift: string): void {
    this.call([shift], ({ sheet, box }) => {
      if (shift !== "Up" || box.c0 !== 0 || box.cols < 16384) throw new FakeOfficeError("NotImplemented", `fake host: Range.delete(${shift}) of a part of a row`);
      sheet.workbook.deleteRows(sheet, box.r0, box.rows);
      sheet.workbook.touch();
    });
  }
  clear(): void {
    this.call([], ({ sheet, box }) => {
      const rows = Math.max(sheet.content.length, sheet.numFmt.length, sheet.style.length);
      for (let r = box.r0; r < Math.min(box.r0 + box.rows, rows); r++) {
        // Only as far as the row holds anything: a whole-sheet range has 16,384 columns.
        const width = Math.max(sheet.content[r]?.length ?? 0, sheet.numFmt[r]?.length ?? 0, sheet.style[r]?.length ?? 0);
        for (let c = box.c0; c < Math.min(box.c0 + box.cols, width); c++) {
          if (sheet.content[r]) sheet.set(r, c, undefined);
          if (sheet.numFmt[r]) sheet.numFmt[r][c] = undefined;
          if (sheet.style[r]) sheet.style[r][c] = undefined;
        }
      }
      sheet.workbook.touch();
    });
  }
}

function styleCells({ sheet, box }: RangeModel, patch: CellStyle): void {
  if (box.rows * box.cols > 2_000_000) throw new FakeOfficeError("NotImplemented", "fake host: cell formats on an unbounded range");
  for (let r = box.r0; r < box.r0 + box.rows; r++) {
    const row = (sheet.style[r] ??= []);
    for (let c = box.c0; c < box.c0 + box.cols; c++) row[c] = { ...row[c], ...patch };
  }
  sheet.workbook.touch();
}

export class FakeRangeFormat extends ClientObject<RangeModel> {
  protected readonly scalarProps = ["columnWidth", "wrapText"] as const;
  readonly font: FakeFont;
  readonly fill: FakeFill;
  constructor(ctx: FakeRequestContext, bind: () => RangeModel | null) {
    super(ctx, bind);
    this.font = new FakeFont(ctx, () => this.tOrNull());
    this.fill = new FakeFill(ctx, () => this.tOrNull());
  }
  protected read(t: RangeModel, p: string): unknown {
    if (p === "columnWidth") return t.sheet.colWidths.get(t.box.c0) ?? 48;
    if (p === "wrapText") return Boolean(t.sheet.style[t.box.r0]?.[t.box.c0]?.wrap);
    throw new FakeOfficeError("NotImplemented", `fake host: RangeFormat.${p}`);
  }
  get columnWidth(): number {
    return this.get("columnWidth");
  }
  set columnWidth(v: number) {
    this.set("columnWidth", v, ({ sheet, box }) => {
      for (let c = box.c0; c < box.c0 + box.cols; c++) sheet.colWidths.set(c, v);
    });
  }
  set rowHeight(v: number) {
    this.set("rowHeight", v, ({ sheet, box }) => {
      for (let r = box.r0; r < box.r0 + box.rows; r++) sheet.rowHeights.set(r, v);
    });
  }
  get wrapText(): boolean {
    return this.get("wrapText");
  }
  set wrapText(v: boolean) {
    this.set("wrapText", v, (t) => styleCells(t, { wrap: v }));
  }
  set verticalAlignment(v: string) {
    this.set("verticalAlignment", v, (t) => styleCells(t, { vAlign: v }));
  }
  set horizontalAlignment(v: string) {
    this.set("horizontalAlignment", v, () => undefined);
  }
  autofitColumns(): void {
    this.call([], () => undefined);
  }
}

export class FakeFont extends ClientObject<RangeModel> {
  protected readonly scalarProps = [] as const;
  protected read(): unknown {
    throw new FakeOfficeError("NotImplemented", "fake host: read fonts with fake.cell()");
  }
  set bold(v: boolean) {
    this.set("bold", v, (t) => styleCells(t, { bold: v }));
  }
  set italic(v: boolean) {
    this.set("italic", v, (t) => styleCells(t, { italic: v }));
  }
  set size(v: number) {
    this.set("size", v, (t) => styleCells(t, { size: v }));
  }
  set color(v: string) {
    this.set("color", v, (t) => styleCells(t, { color: v }));
  }
}

export class FakeFill extends ClientObject<RangeModel> {
  protected readonly scalarProps = [] as const;
  protected read(): unknown {
    throw new FakeOfficeError("NotImplemented", "fake host: read fills with fake.cell()");
  }
  set color(v: string) {
    this.set("color", v, (t) => styleCells(t, { fill: v }));
  }
}

type CfModel = { sheet: SheetModel; index: number };

export class FakeConditionalFormatCollection extends ClientObject<RangeModel> {
  protected readonly scalarProps = [] as const;
  protected read(): unknown {
    return undefined;
  }
  /** Removes the conditional formats that lie within the range (Excel: those that intersect it). */
  clearAll(): void {
    this.ctx.enqueue(() => {
      const { sheet, box } = this.t();
      const inside = (b: Box) => b.r0 < box.r0 + box.rows && box.r0 < b.r0 + b.rows && b.c0 < box.c0 + box.cols && box.c0 < b.c0 + b.cols;
      for (let i = sheet.conditionalFormats.length - 1; i >= 0; i--) if (inside(sheet.conditionalFormats[i].box)) sheet.conditionalFormats.splice(i, 1);
      sheet.workbook.touch();
    });
  }
  add(type: string): FakeConditionalFormat {
    this.ctx.bytes += jsonBytes([type]);
    return new FakeConditionalFormat(this.ctx, () => {
      const t = this.t();
      t.sheet.conditionalFormats.push({ box: t.box, type });
      t.sheet.workbook.touch();
      return { sheet: t.sheet, index: t.sheet.conditionalFormats.length - 1 };
    });
  }
}

export class FakeConditionalFormat extends ClientObject<CfModel> {
  protected readonly scalarProps = ["type"] as const;
  protected read(t: CfModel, p: string): unknown {
    if (p === "type") return t.sheet.conditionalFormats[t.index].type;
    throw new FakeOfficeError("NotImplemented", `fake host: ConditionalFormat.${p}`);
  }
  get colorScale(): { criteria: Excel.ConditionalColorScaleCriteria } {
    return writeOnly("criteria", (v) =>
      this.ctx.enqueue(() => {
        const m = this.t().sheet.conditionalFormats[this.t().index];
        if (m.type !== "ColorScale") throw new FakeOfficeError("InvalidArgument", "Not a colour scale.");
        m.criteria = JSON.parse(JSON.stringify(v));
      }, jsonBytes(v)),
    );
  }
}

// ---------------------------------------------------------------- tables

type TableScope = { workbook: WorkbookModel; sheet?: SheetModel };

export class FakeTableCollection extends ClientCollection<TableModel, FakeTable, TableScope> {
  protected readonly itemProps = ["name", "id", "showHeaders"] as const;
  protected models(o: TableScope): TableModel[] {
    return o.workbook.tables.filter((t) => !o.sheet || t.sheet === o.sheet);
  }
  protected item(m: TableModel): FakeTable {
    return new FakeTable(this.ctx, { target: m });
  }
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    this.ctx.bytes += jsonBytes([typeof address === "string" ? address : null, hasHeaders]);
    return new FakeTable(this.ctx, () => {
      const scope = this.t();
      let sheet: SheetModel;
      let box: Box;
      if (typeof address === "string") {
        const p = parseAddress(address);
        const s = p.sheet !== undefined ? scope.workbook.findSheet(p.sheet) : (scope.sheet ?? scope.workbook.findSheet(scope.workbook.activeId));
        if (!s) throw new FakeOfficeError("InvalidArgument", `The argument is invalid: address "${address}"`);
        sheet = s;
        box = p.box;
      } else {
        ({ sheet, box } = address.model());
      }
      if (scope.sheet && scope.sheet !== sheet) throw new FakeOfficeError("InvalidArgument", "The range is on another worksheet.");
      return scope.workbook.addTable(sheet, box, hasHeaders);
    });
  }
  getItem(key: string): FakeTable {
    return new FakeTable(this.ctx, () => {
      const t = this.models(this.t()).find((m) => m.name.toLowerCase() === key.toLowerCase() || m.id === key);
      if (!t) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: table "${key}".`);
      return t;
    });
  }
  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.ctx, () => {
      const o = this.tOrNull();
      return o ? (this.models(o).find((m) => m.name.toLowerCase() === key.toLowerCase() || m.id === key) ?? null) : null;
    });
  }
}

export class FakeTable extends ClientObject<TableModel> {
  protected readonly scalarProps = ["name", "id", "showHeaders"] as const;
  /** @internal */ readonly preload = preloadable(this, (t, p) => this.read(t, p), this.ctx);
  private ws?: FakeWorksheet;
  protected read(t: TableModel, p: string): unknown {
    if (p === "name") return t.name;
    if (p === "id") return t.id;
    if (p === "showHeaders") return true;
    throw new FakeOfficeError("NotImplemented", `fake host: Table.${p}`);
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.set("name", v, (t) => {
      t.sheet.workbook.validateTableName(v, t);
      t.name = v;
    });
  }
  get id(): string {
    return this.get("id");
  }
  get worksheet(): FakeWorksheet {
    return (this.ws ??= new FakeWorksheet(this.ctx, () => this.tOrNull()?.sheet ?? null));
  }
  /** Table.onChanged (ExcelApi 1.7). */
  get onChanged(): FakeEvent {
    return new FakeEvent(this.ctx, (f) => this.call([], (t) => f(t.sheet.workbook, `TableChanged:${t.id}`)));
  }
  private range(f: (b: Box) => Box | null): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.tOrNull();
      const b = t ? f(t.box) : null;
      return t && b ? { sheet: t.sheet, box: b } : null;
    });
  }
  getRange(): FakeRange {
    return this.range((b) => b);
  }
  getHeaderRowRange(): FakeRange {
    return this.range((b) => ({ ...b, rows: 1 }));
  }
  getDataBodyRange(): FakeRange {
    return this.range((b) => ({ ...b, r0: b.r0 + 1, rows: b.rows - 1 }));
  }
  /** Removes the table (the fake keeps its cells either way: the writers clear or reuse them). */
  delete(): void {
    this.call([], (t) => {
      const wb = t.sheet.workbook;
      wb.tables.splice(wb.tables.indexOf(t), 1);
      wb.touch();
    });
  }
  /** Table.convertToRange: the table goes, its cells stay. */
  convertToRange(): FakeRange {
    const range = this.getRange();
    this.delete();
    return range;
  }
}

// ---------------------------------------------------------------- charts

type ChartRef = { sheet: SheetModel; chart: ChartModel };

export class FakeChartCollection extends ClientCollection<ChartRef, FakeChart, SheetModel> {
  protected readonly itemProps = ["name"] as const;
  protected models(o: SheetModel): ChartRef[] {
    return o.charts.map((chart) => ({ sheet: o, chart }));
  }
  protected item(m: ChartRef): FakeChart {
    return new FakeChart(this.ctx, { target: m });
  }
  getItem(name: string): FakeChart {
    return new FakeChart(this.ctx, () => {
      const sheet = this.t();
      const chart = sheet.charts.find((c) => c.name.toLowerCase() === name.toLowerCase());
      if (!chart) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: chart "${name}".`);
      return { sheet, chart };
    });
  }
  add(type: string, sourceData: FakeRange, seriesBy = "Auto"): FakeChart {
    this.ctx.bytes += jsonBytes([type, null, seriesBy]);
    return new FakeChart(this.ctx, () => {
      const sheet = this.t();
      const src = sourceData.model();
      if (src.sheet !== sheet) throw new FakeOfficeError("InvalidArgument", "fake host: chart data on another sheet");
      const byRows = seriesBy === "Rows";
      const n = byRows ? src.box.rows : src.box.cols;
      const series: ChartSeriesModel[] = Array.from({ length: n }, (_, i) => ({
        name: `Series${i + 1}`,
        values: { sheet, box: byRows ? { ...src.box, r0: src.box.r0 + i, rows: 1 } : { ...src.box, c0: src.box.c0 + i, cols: 1 } },
      }));
      const chart: ChartModel = { id: `chart${sheet.charts.length + 1}`, name: `Chart ${sheet.charts.length + 1}`, type, seriesBy, source: src.box, title: "", xTitle: "", yTitle: "", legendVisible: true, series };
      sheet.charts.push(chart);
      sheet.workbook.touch();
      return { sheet, chart };
    });
  }
}

class TextHolder {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly apply: (v: string) => void,
  ) {}
  set text(v: string) {
    this.ctx.enqueue(() => this.apply(v), jsonBytes({ text: v }));
  }
  get text(): string {
    throw notLoaded("text");
  }
}

export class FakeChart extends ClientObject<ChartRef> {
  protected readonly scalarProps = ["name"] as const;
  /** @internal */ readonly preload = preloadable(this, (t, p) => this.read(t, p), this.ctx);
  readonly title: TextHolder;
  readonly axes: { categoryAxis: FakeChartAxis; valueAxis: FakeChartAxis };
  readonly legend: { visible: boolean };
  readonly series: FakeChartSeriesCollection;
  constructor(ctx: FakeRequestContext, bind: (() => ChartRef | null) | { target: ChartRef | null }) {
    super(ctx, bind);
    this.title = new TextHolder(ctx, (v) => (this.t().chart.title = v));
    const axis = (which: "category" | "value") => () => {
      const chart = this.t().chart;
      chart.axes ??= { category: {}, value: {} };
      return chart.axes[which];
    };
    this.axes = {
      categoryAxis: new FakeChartAxis(ctx, new TextHolder(ctx, (v) => (this.t().chart.xTitle = v)), axis("category")),
      valueAxis: new FakeChartAxis(ctx, new TextHolder(ctx, (v) => (this.t().chart.yTitle = v)), axis("value")),
    };
    this.legend = writeOnly("visible", (v) => ctx.enqueue(() => (this.t().chart.legendVisible = v as boolean), jsonBytes({ visible: v })));
    this.series = new FakeChartSeriesCollection(ctx, () => this.tOrNull());
  }
  /** Chart.plotVisibleOnly (ExcelApi 1.8): false plots hidden rows and columns too. */
  set plotVisibleOnly(v: boolean) {
    this.ctx.enqueue(() => (this.t().chart.plotVisibleOnly = v), jsonBytes({ plotVisibleOnly: v }));
  }
  protected read(t: ChartRef, p: string): unknown {
    if (p === "name") return t.chart.name;
    throw new FakeOfficeError("NotImplemented", `fake host: Chart.${p}`);
  }
  get name(): string {
    return this.get("name");
  }
  delete(): void {
    this.call([], (t) => {
      t.sheet.charts.splice(t.sheet.charts.indexOf(t.chart), 1);
      t.sheet.workbook.touch();
    });
  }
  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    const addr = (x: FakeRange | string | undefined) => (x === undefined ? undefined : typeof x === "string" ? x : a1(x.model().box.r0, x.model().box.c0));
    this.ctx.enqueue(
      () => {
        const start = addr(startCell)!;
        parseAddress(start);
        const end = addr(endCell) ?? start;
        parseAddress(end);
        this.t().chart.position = { start, end };
      },
      jsonBytes([typeof startCell === "string" ? startCell : null, typeof endCell === "string" ? endCell : null]),
    );
  }
}

/** A chart axis: its title, bounds and where the other axis crosses it (ExcelApi 1.7). */
export class FakeChartAxis {
  constructor(
    private readonly ctx: FakeRequestContext,
    readonly title: TextHolder,
    private readonly model: () => ChartAxisModel,
  ) {}
  set minimum(v: number) {
    this.ctx.enqueue(() => (this.model().minimum = v), jsonBytes({ minimum: v }));
  }
  set maximum(v: number) {
    this.ctx.enqueue(() => (this.model().maximum = v), jsonBytes({ maximum: v }));
  }
  setPositionAt(value: number): void {
    this.ctx.enqueue(() => (this.model().crossesAt = value), jsonBytes([value]));
  }
}

type SeriesRef = { chart: ChartRef; index: number };

export class FakeChartSeriesCollection extends ClientObject<ChartRef> {
  protected readonly scalarProps = ["count"] as const;
  protected read(t: ChartRef, p: string): unknown {
    if (p === "count") return t.chart.series.length;
    throw new FakeOfficeError("NotImplemented", `fake host: ChartSeriesCollection.${p}`);
  }
  get count(): number {
    return this.get("count");
  }
  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(this.ctx, () => {
      const t = this.t();
      if (index < 0 || index >= t.chart.series.length) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist: chart series.");
      return { chart: t, index };
    });
  }
  add(name?: string): FakeChartSeries {
    this.ctx.bytes += jsonBytes([name]);
    return new FakeChartSeries(this.ctx, () => {
      const t = this.t();
      t.chart.series.push({ name: name ?? `Series${t.chart.series.length + 1}` });
      return { chart: t, index: t.chart.series.length - 1 };
    });
  }
}

export class FakeChartSeries extends ClientObject<SeriesRef> {
  protected readonly scalarProps = ["name"] as const;
  protected read(t: SeriesRef, p: string): unknown {
    if (p === "name") return t.chart.chart.series[t.index].name;
    throw new FakeOfficeError("NotImplemented", `fake host: ChartSeries.${p}`);
  }
  private s(): ChartSeriesModel {
    const t = this.t();
    return t.chart.chart.series[t.index];
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.set("name", v, () => (this.s().name = v));
  }
  setValues(sourceData: FakeRange): void {
    this.ctx.enqueue(() => (this.s().values = sourceData.model()));
  }
  setXAxisValues(sourceData: FakeRange): void {
    this.ctx.enqueue(() => (this.s().xValues = sourceData.model()));
  }
  setBubbleSizes(sourceData: FakeRange): void {
    this.ctx.enqueue(() => (this.s().bubbleSizes = sourceData.model()));
  }
  /** ChartSeries.chartType (ExcelApi 1.7): a combination chart draws this series so. */
  set chartType(v: string) {
    this.ctx.enqueue(() => (this.s().chartType = v), jsonBytes({ chartType: v }));
  }
  /** ChartSeries.axisGroup (ExcelApi 1.8): "Primary" or "Secondary" value axis. */
  set axisGroup(v: string) {
    this.ctx.enqueue(() => (this.s().axisGroup = v), jsonBytes({ axisGroup: v }));
  }
  set hasDataLabels(v: boolean) {
    this.ctx.enqueue(() => void v, jsonBytes({ hasDataLabels: v }));
  }
  /** points.getItemAt(i).dataLabel.formula: a data label linked to a cell. */
  get points(): { getItemAt(i: number): { dataLabel: { formula: string } } } {
    return {
      getItemAt: (i: number) => ({
        dataLabel: writeOnly("formula", (v) =>
          this.ctx.enqueue(() => {
            const s = this.s();
            s.labelFormulas ??= {};
            s.labelFormulas[i] = v as string;
          }, jsonBytes({ formula: v })),
        ),
      }),
    };
  }
}

// ---------------------------------------------------------------- host

export interface CellInfo {
  /** What Excel shows: text without its apostrophe, numbers, booleans, "#DIV/0!"-style codes; null when empty. */
  value: Scalar;
  type: "Empty" | "String" | "Double" | "Boolean" | "Error";
  /** The formula, when the cell holds one. */
  formula?: string;
  /** True when the cell holds literal text (not a formula, not a number). */
  isText: boolean;
  numberFormat: string;
  style: CellStyle;
}

/** A seed cell: a literal, an error cell read from a sheet (`{ code: "#N/A" }`), or a formula. */
export type SeedCell = Scalar | ErrorCell | { formula: string };

export interface FakeExcelOptions {
  /** Sheets of the new workbook (default one, "Sheet1"). */
  sheets?: string[];
  /** Evaluate formulas with HyperFormula when values are read (default true). */
  evaluate?: boolean;
  /** Reject requests / responses above this many bytes (default 5 MB, like Excel on the web). */
  payloadLimit?: number;
}

export class FakeExcel {
  readonly model = new WorkbookModel();
  readonly stats: FakeStats = { syncs: 0, totalBytes: 0, largestBytes: 0, largestResponseBytes: 0, perSync: [] };
  private readonly failures: Failure[] = [];
  readonly payloadLimit: number;

  constructor(options: FakeExcelOptions = {}) {
    for (const name of options.sheets ?? ["Sheet1"]) this.model.addSheet(name);
    this.model.evaluate = options.evaluate ?? true;
    this.payloadLimit = options.payloadLimit ?? PAYLOAD_LIMIT;
  }

  /** `Excel.run`: runs the batch function with a new request context, then syncs what is still queued. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const ctx = new FakeRequestContext(this);
    const result = await batch(ctx as unknown as Excel.RequestContext);
    if (ctx.queue.length > 0) await ctx.sync();
    return result;
  }

  /** A new request context, for tests that drive one directly. */
  context(): Excel.RequestContext {
    return new FakeRequestContext(this) as unknown as Excel.RequestContext;
  }

  /** Workbook.onSelectionChanged handlers (see FakeWorkbook.onSelectionChanged). */
  readonly selectionHandlers = new Set<(e: unknown) => Promise<unknown>>();
  /** Milliseconds each sync waits before it runs, like a round trip to Excel (default 0). */
  latencyMs = 0;
  /** When above 0, a sync lets the page's event loop run every this many ms of its own work (Excel runs out of process). */
  sliceMs = 0;

  /** Makes sync number `atSync` (1-based, counted over this host's life) fail after running `afterOps` of its operations (default half). */
  injectFailure(failure: Failure): void {
    this.failures.push(failure);
  }

  /** @internal */
  async runBatch(ctx: FakeRequestContext): Promise<void> {
    const queue = ctx.queue;
    const bytes = ctx.bytes;
    ctx.queue = [];
    ctx.bytes = 0;
    ctx.responseBytes = 0;
    const n = ++this.stats.syncs;
    const record: SyncRecord = { bytes, ops: queue.length, responseBytes: 0 };
    this.stats.perSync.push(record);
    this.stats.totalBytes += bytes;
    this.stats.largestBytes = Math.max(this.stats.largestBytes, bytes);
    await (this.latencyMs > 0 ? new Promise((r) => setTimeout(r, this.latencyMs)) : Promise.resolve());
    if (bytes > this.payloadLimit) throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${bytes} bytes).`);
    const failure = this.failures.find((f) => f.atSync === n);
    const limit = failure ? Math.min(queue.length, failure.afterOps ?? Math.floor(queue.length / 2)) : queue.length;
    let slice = performance.now();
    for (let i = 0; i < limit; i++) {
      queue[i]();
      if (this.sliceMs > 0 && performance.now() - slice > this.sliceMs) {
        // Excel works in its own process: let the page run between slices of the batch.
        await new Promise((r) => setTimeout(r, 0));
        slice = performance.now();
      }
    }
    if (failure) throw new FakeOfficeError("GeneralException", failure.message ?? `Injected failure of sync ${n} after ${limit} of ${queue.length} operations.`);
    record.responseBytes = ctx.responseBytes;
    this.stats.largestResponseBytes = Math.max(this.stats.largestResponseBytes, ctx.responseBytes);
    if (ctx.responseBytes > this.payloadLimit) throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size has exceeded the limit (${ctx.responseBytes} bytes).`);
  }

  /** Starts counting afresh. */
  resetStats(): void {
    Object.assign(this.stats, { syncs: this.stats.syncs, totalBytes: 0, largestBytes: 0, largestResponseBytes: 0, perSync: [] });
  }

  // ------------------------------------------------------------ test helpers

  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }

  sheet(name: string): SheetModel {
    const s = this.model.findSheet(name);
    if (!s) throw new Error(`no sheet "${name}" (sheets: ${this.sheetNames().join(", ")})`);
    return s;
  }

  /** Values of a sheet from A1 to the end of its used range (null for empty cells). */
  sheetValues(name: string): Scalar[][] {
    const s = this.sheet(name);
    const used = s.usedBox(true);
    if (!used) return [];
    return Array.from({ length: used.r0 + used.rows }, (_, r) =>
      Array.from({ length: used.c0 + used.cols }, (_, c) => {
        const v = this.model.value(s, r, c);
        return v.type === "Empty" ? null : v.value;
      }),
    );
  }

  /** One cell, by A1 address. */
  cell(name: string, address: string): CellInfo {
    const s = this.sheet(name);
    const { box } = parseAddress(address);
    return this.cellAt(s, box.r0, box.c0);
  }

  cellAt(s: SheetModel, r: number, c: number): CellInfo {
    const v = this.model.value(s, r, c);
    const content = s.get(r, c);
    return {
      value: v.type === "Empty" ? null : v.value,
      type: v.type,
      formula: content?.t === "f" ? content.f : undefined,
      isText: content?.t === "s",
      numberFormat: s.numFmt[r]?.[c] ?? "General",
      style: { ...s.style[r]?.[c] },
    };
  }

  /** A new sheet holding `rows` from `at` (default A1): strings are text as if typed with an apostrophe; `{formula}` cells are formulas. */
  addSheet(name: string, rows: SeedCell[][], options: { at?: string; table?: string } = {}): SheetModel {
    const s = this.model.addSheet(name);
    const { box } = parseAddress(options.at ?? "A1");
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        let c: Content | undefined;
        if (v === null || v === "") c = undefined;
        else if (typeof v === "object") c = { t: "f", f: "formula" in v ? v.formula : `=${v.code}` }; // an error literal evaluates to itself
        else if (typeof v === "string") c = { t: "s", s: v, q: true };
        else if (typeof v === "number") c = { t: "n", n: v };
        else c = { t: "b", b: v };
        if (c) s.set(box.r0 + i, box.c0 + j, c);
      }),
    );
    if (options.table !== undefined) {
      const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
      const t = this.model.addTable(s, { r0: box.r0, c0: box.c0, rows: rows.length, cols: width }, true);
      this.model.validateTableName(options.table, t);
      t.name = options.table;
    }
    return s;
  }

  /** What a user typing `input` into a cell does (Excel's parsing applies; an apostrophe makes text). */
  type(name: string, address: string, input: Scalar): void {
    const s = this.sheet(name);
    const { box } = parseAddress(address);
    const c = interpretInput(input);
    if (c !== "skip") s.set(box.r0, box.c0, c);
  }

  // ------------------------------------------------------------ what a user does, with events

  /** The user inserts rows before `row` (0-based) of a sheet; Excel fires onChanged ("RowInserted"). */
  async insertRowsAsUser(name: string, row: number, count = 1): Promise<void> {
    const s = this.sheet(name);
    this.model.insertRows(s, row, count);
    await this.changed(s, "RowInserted", `${row + 1}:${row + count}`, row);
  }

  /** The user deletes rows; onChanged ("RowDeleted"). */
  async deleteRowsAsUser(name: string, row: number, count = 1): Promise<void> {
    const s = this.sheet(name);
    this.model.deleteRows(s, row, count);
    await this.changed(s, "RowDeleted", `${row + 1}:${row + count}`, row);
  }

  /** Data › Sort of `address` (rows) by its column `key` (0-based in the sheet); onRowSorted. */
  async sortRowsAsUser(name: string, address: string, key: number, ascending: boolean): Promise<void> {
    const s = this.sheet(name);
    const { box } = parseAddress(address);
    this.model.sortRows(s, box, key, ascending);
    await this.model.emit(`WorksheetRowSorted:${s.id}`, { type: "WorksheetRowSorted", worksheetId: s.id, address, source: "Local" });
  }

  /** The user types into a cell; onChanged ("RangeEdited") of the sheet and of a table it is in. */
  async typeAsUser(name: string, address: string, input: Scalar): Promise<void> {
    this.type(name, address, input);
    const s = this.sheet(name);
    await this.changed(s, "RangeEdited", address, parseAddress(address).box.r0);
  }

  /** The user deletes a sheet; WorksheetCollection.onDeleted. */
  async deleteSheetAsUser(name: string): Promise<void> {
    const s = this.sheet(name);
    this.model.deleteSheet(s);
    await this.model.emit("WorksheetDeleted", { type: "WorksheetDeleted", worksheetId: s.id, source: "Local" });
  }

  private async changed(s: SheetModel, changeType: string, address: string, row: number): Promise<void> {
    await this.model.emit(`WorksheetChanged:${s.id}`, { type: "WorksheetChanged", changeType, worksheetId: s.id, address, source: "Local" });
    for (const t of this.model.tables) {
      if (t.sheet === s && row >= t.box.r0 && row <= t.box.r0 + t.box.rows) await this.model.emit(`TableChanged:${t.id}`, { type: "TableChanged", changeType, tableId: t.id, worksheetId: s.id, address, source: "Local" });
    }
  }

  /** Selects a range (the user's selection). */
  select(name: string, address: string): void {
    const s = this.sheet(name);
    this.model.selection = { sheet: s, box: parseAddress(address).box };
    this.model.activeId = s.id;
    for (const h of this.selectionHandlers) void h({ type: "SelectionChanged" });
  }

  get activeSheet(): string {
    return this.model.sheets.find((s) => s.id === this.model.activeId)?.name ?? "";
  }

  /** Everything in the workbook, as plain data, for before/after comparisons. */
  snapshot(): unknown {
    const m = this.model;
    return {
      sheets: m.sheets.map((s) => ({
        id: s.id,
        name: s.name,
        tabColor: s.tabColor,
        props: [...s.props.values()],
        content: s.content.map((row) => (row ? Array.from(row, (c) => (c === undefined ? null : c)) : null)),
        numFmt: s.numFmt.map((row) => (row ? Array.from(row, (c) => c ?? null) : null)),
        style: s.style.map((row) => (row ? Array.from(row, (c) => c ?? null) : null)),
        freeze: s.freeze,
        colWidths: [...s.colWidths],
        hiddenRows: [...s.hiddenRows].sort((a, b) => a - b),
        conditionalFormats: s.conditionalFormats,
        charts: s.charts.map((ch) => ({ ...ch, series: ch.series.map((x) => ({ name: x.name, values: x.values?.box, xValues: x.xValues?.box })) })),
      })),
      // By name: a restore re-creates tables in its own order, which Excel gives no meaning.
      tables: m.tables.map((t) => ({ id: t.id, name: t.name, sheet: t.sheet.name, box: t.box })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      active: m.activeId,
    };
  }

  /** Values of a chart's series and categories, read from the cells they point at. */
  chartData(
    sheetName: string,
    index = 0,
  ): {
    title: string;
    xTitle: string;
    yTitle: string;
    type: string;
    position?: { start: string; end: string };
    axes?: { category: ChartAxisModel; value: ChartAxisModel };
    series: { name: string; values: Scalar[]; categories: Scalar[]; sizes: Scalar[]; labelFormulas?: Record<number, string> }[];
  } {
    const ch = this.sheet(sheetName).charts[index];
    if (!ch) throw new Error(`no chart ${index} on ${sheetName}`);
    const read = (ref?: { sheet: SheetModel; box: Box }) => {
      if (!ref) return [];
      const out: Scalar[] = [];
      for (let r = ref.box.r0; r < ref.box.r0 + ref.box.rows; r++) for (let c = ref.box.c0; c < ref.box.c0 + ref.box.cols; c++) out.push(this.model.value(ref.sheet, r, c).value);
      return out;
    };
    return {
      title: ch.title,
      xTitle: ch.xTitle,
      yTitle: ch.yTitle,
      type: ch.type,
      position: ch.position,
      axes: ch.axes,
      series: ch.series.map((s) => ({ name: s.name, values: read(s.values), categories: read(s.xValues), sizes: read(s.bubbleSizes), labelFormulas: s.labelFormulas })),
    };
  }
}

export { colIndex };
