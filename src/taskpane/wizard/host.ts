/** What the wizard needs from Excel; taskpane.ts provides it through Office.js, tests provide fakes. */
import type { BuildInput, BuildSummary, PreviousInputs, SheetNames } from "../../workbook/build";
import type { SourceTable } from "../../workbook/customers";

export interface SourceInfo {
  id: string;
  /** Shown in the drop-down, e.g. "Customers (Sheet1!A1:F61), 60 rows". */
  label: string;
}

export type BuildRequest = Omit<BuildInput, "sheetNames" | "previous">;

export interface WizardHost {
  listSources(): Promise<SourceInfo[]>;
  readSource(id: string): Promise<SourceTable>;
  /** What the user set on the sheets the add-in built before, if there are any. */
  readPrevious(): Promise<PreviousInputs | undefined>;
  build(request: BuildRequest, onProgress: (message: string, fraction: number) => void): Promise<{ summary: BuildSummary; sheetNames: SheetNames }>;
  activate(sheet: string): Promise<void>;
  /** Close quarter: append the sheets' figures to the KAM History sheet as `period`; resolves to a one-line report. */
  closeQuarter?(period: string, sheetNames: SheetNames): Promise<string>;
}
