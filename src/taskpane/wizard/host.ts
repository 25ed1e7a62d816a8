/** What the wizard needs from Excel; taskpane.ts provides it through Office.js, tests provide fakes. */
import type { BuildInput, BuildSummary, PreviousInputs, SheetNames } from "../../workbook/build";
import type { SourceTable } from "../../workbook/customers";
import type { ExcelRunner } from "../change-watch";

export interface SourceInfo {
  id: string;
  /** Shown in the picker: the table's name, or "Current selection". */
  label: string;
  /** Shown under the picker, e.g. "Customers!A1:F61 · 60 rows". */
  detail?: string;
  /** Rows under the header, when known. */
  rows?: number;
  /** Sheet the source is on. */
  sheet?: string;
  kind?: "table" | "selection";
}

/** A closed period on KAM History, as the pane lists it. */
export interface PeriodInfo {
  period: string;
  date: string;
  customers: number;
  keyAccounts: number;
}

/** What Close quarter or Delete a period did, in words, and why building again would show more (when it would). */
export interface HistoryReport {
  report: string;
  rebuildWhy?: string;
}

export type BuildRequest = Omit<BuildInput, "sheetNames" | "previous">;

/** Thrown by `build` when the user cancelled before anything was changed for good. */
export class BuildCancelled extends Error {
  constructor() {
    super("Cancelled. Nothing was changed.");
    this.name = "BuildCancelled";
  }
}

export interface WizardHost {
  listSources(): Promise<SourceInfo[]>;
  readSource(id: string): Promise<SourceTable>;
  /** What the user set on the sheets the add-in built before, if there are any. */
  readPrevious(): Promise<PreviousInputs | undefined>;
  /**
   * Builds the sheets. When `signal` is aborted while the build can still be undone, the build
   * puts the workbook back as it was and rejects with `BuildCancelled`.
   */
  build(request: BuildRequest, onProgress: (message: string, fraction: number) => void, signal?: AbortSignal): Promise<{ summary: BuildSummary; sheetNames: SheetNames }>;
  activate(sheet: string): Promise<void>;
  /** Close quarter: append the sheets' figures to the KAM History sheet as `period`; resolves to a one-line report. */
  closeQuarter?(period: string, sheetNames: SheetNames): Promise<HistoryReport>;
  /** The periods on the KAM History sheet, oldest first (none without the sheet). */
  listPeriods?(): Promise<PeriodInfo[]>;
  /** Delete a period: removes its rows from KAM History (nothing else there). */
  deletePeriod?(period: string): Promise<HistoryReport>;
  /** Shows a cell (an address like 'My sheet'!B7) in Excel and selects it. */
  selectCell?(address: string): Promise<void>;
  /** 0-based column of the cell reading `text` in 0-based row `row` of `sheet`, if there is one. */
  locate?(sheet: string, row: number, text: string): Promise<number | undefined>;
  /** Calls `listener` when the user selects other cells; returns a function that stops it. */
  onSelectionChanged?(listener: () => void): Promise<() => void>;
  /** Starts loading what building needs (called once the first step is on screen). */
  prefetch?(): void;
  /** `Excel.run` for the change watch (src/taskpane/change-watch.ts); without it the pane does not watch. */
  run?: ExcelRunner;
}
