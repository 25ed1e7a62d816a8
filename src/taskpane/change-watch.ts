/**
 * Watches the KAM sheets and the customer table in Excel and says when the sheets need a
 * refresh: rows inserted into or deleted from the scoring table, a customer typed under it
 * without the row's formulas, the customer table edited, a KAM sheet deleted. A sort needs
 * nothing: the sheets' formulas follow sorted rows. Independent of the pane's UI: the pane
 * subscribes, shows the message and a button that calls `refresh()` (a rebuild in place,
 * which keeps weights, manual scores, the rule and the loss inputs).
 *
 * Events used (Excel JavaScript API requirement sets): Worksheet.onChanged, Table.onChanged,
 * WorksheetCollection.onDeleted: ExcelApi 1.7; Worksheet.onRowSorted: ExcelApi 1.10. The
 * wizard needs ExcelApi 1.12, so all are there wherever the wizard runs. Events also fire for
 * the add-in's own writes: the watch is stopped while a build runs.
 */
import { CHECK } from "../workbook/model";
import { a1 } from "../workbook/plan";

export const STALE_MESSAGE = "The scoring table changed: refresh";
export const SOURCE_MESSAGE = "The customer table changed: refresh";

export type WatchState = { stale: false } | { stale: true; message: string; reasons: string[] };

/** What to watch: the sheets the last build wrote and the table it read (if it was a table). */
export interface WatchTarget {
  scoringSheet: string;
  otherSheets: string[];
  sourceTable?: string;
}

type Handle = { remove(): void };
type EventArgs = { changeType?: string; address?: string; worksheetId?: string };
interface EventSource {
  add(handler: (args: EventArgs) => Promise<unknown> | unknown): Handle;
}

/** `Excel.run`, optionally on the context of an earlier run (as needed to remove handlers). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>, context?: Excel.RequestContext) => Promise<T>;

export class ChangeWatch {
  private state: WatchState = { stale: false };
  private readonly listeners = new Set<(s: WatchState) => void>();
  private handles: { context: Excel.RequestContext; list: Handle[] } | null = null;
  private target?: WatchTarget;

  constructor(
    private readonly run: ExcelRunner,
    private readonly rebuild: () => Promise<void>,
  ) {}

  /** Calls `callback` with the state now and on every change; returns the unsubscribe function. */
  subscribe(callback: (s: WatchState) => void): () => void {
    this.listeners.add(callback);
    callback(this.state);
    return () => this.listeners.delete(callback);
  }

  get current(): WatchState {
    return this.state;
  }

  /**
   * Starts watching (again) after a build: the sheets are fresh. With `keepStale` (after a
   * build that failed and left the workbook as it was) a refresh still asked for stays asked.
   */
  async watch(target: WatchTarget, options: { keepStale?: boolean } = {}): Promise<void> {
    await this.stop();
    this.target = target;
    if (!options.keepStale) this.set({ stale: false });
    await this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const scoring = sheets.getItem(target.scoringSheet);
      const ev = (x: unknown) => x as EventSource;
      const list: Handle[] = [
        ev(scoring.onChanged).add((a) => this.onScoringChanged(a)),
        ev(sheets.onDeleted).add(() => this.onSheetDeleted()),
      ];
      if (target.sourceTable) list.push(ev(context.workbook.tables.getItem(target.sourceTable).onChanged).add(() => this.mark(SOURCE_MESSAGE, "the customer table was edited")));
      await context.sync();
      this.handles = { context, list };
    });
  }

  /** Stops watching (before a build, whose own writes would fire the events). */
  async stop(): Promise<void> {
    const h = this.handles;
    this.handles = null;
    if (!h) return;
    // One round trip: Excel.run(context, batch) syncs after the batch.
    await this.run(async () => {
      for (const x of h.list) x.remove();
    }, h.context);
  }

  /** Rebuilds in place (keeping every manual input) and watches the new sheets. */
  async refresh(): Promise<void> {
    const target = this.target;
    await this.stop();
    try {
      await this.rebuild();
    } finally {
      if (target) await this.watch(target);
    }
  }

  private async onScoringChanged(a: EventArgs): Promise<void> {
    if (a.changeType === "RowInserted" || a.changeType === "RowDeleted" || a.changeType === "CellInserted" || a.changeType === "CellDeleted") {
      this.mark(STALE_MESSAGE, a.changeType === "RowDeleted" || a.changeType === "CellDeleted" ? "rows were deleted from the scoring table" : "rows were inserted into the scoring table");
      return;
    }
    // A value typed: is there now a customer under the table that the figures do not count?
    const target = this.target;
    if (!target) return;
    const uncounted = await this.run(async (context) => {
      const cell = context.workbook.worksheets.getItem(target.scoringSheet).getRange(a1(CHECK.uncounted.row, CHECK.uncounted.col));
      cell.load("values");
      await context.sync();
      return cell.values[0][0];
    });
    if (typeof uncounted === "number" && uncounted > 0) this.mark(STALE_MESSAGE, `${uncounted} customer${uncounted === 1 ? " is" : "s are"} below the table without the row's formulas`);
  }

  private onSheetDeleted(): void {
    this.mark(STALE_MESSAGE, "a sheet was deleted");
  }

  private mark(message: string, reason: string): void {
    const reasons = this.state.stale ? [...this.state.reasons, reason] : [reason];
    // The scoring table's message wins: it names the sheet the user works in.
    const msg = this.state.stale && this.state.message === STALE_MESSAGE ? STALE_MESSAGE : message;
    this.set({ stale: true, message: msg, reasons: [...new Set(reasons)] });
  }

  private set(s: WatchState): void {
    this.state = s;
    for (const l of this.listeners) l(s);
  }
}
