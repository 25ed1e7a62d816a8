/** The wizard's state as the steps see it, and what they may do to it (state lives in App.tsx's hooks). */
import type { Theme } from "@fluentui/react-components";
import type { BuildSummary, PreviousInputs, SheetNames } from "../../workbook/build";
import type { Role, Roles, SourceTable, TableIssue } from "../../workbook/customers";
import type { NumberLocale } from "./format";
import type { BuildRequest, SourceInfo, WizardHost } from "./host";
import type { FieldErrors, Settings } from "./model";
import type { QuarterlyReview } from "./quarterly";

export type Step = 1 | 2 | 3;

export interface Progress {
  phase: string;
  fraction: number;
}

export interface BuildOutcome {
  summary: BuildSummary;
  sheetNames: SheetNames;
  /** `signature` of the request built: the summary is out of date when the settings' differs. */
  signature: string;
  request: BuildRequest;
}

export interface Failure {
  cancelled: boolean;
  message: string;
}

export interface WizardProps {
  host: WizardHost;
  nl: NumberLocale;
  theme: Theme;
  /** Status of the connection to Excel, shown at the bottom. */
  status?: { text: string; state: "loading" | "ready" | "error" };
  /** Where "Function help" leads. */
  helpUrl?: string;
}

export type Busy = "list" | "read" | "prefill" | "build" | "close" | "delete" | null;

/** Shared by the steps: the wizard's state and what they may do to it. */
export interface WizardApi extends QuarterlyReview {
  host: WizardHost;
  nl: NumberLocale;
  busy: Busy;
  sources: SourceInfo[];
  sourceId: string;
  setSourceId(id: string): void;
  refreshSources(): Promise<void>;
  readSource(): Promise<void>;
  table?: SourceTable;
  roles: Roles;
  detected: Roles;
  setRole(role: keyof Roles, column: number | undefined): void;
  /** Roles whose best columns tie and the user has not chosen yet: the step cannot go on. */
  unresolved: Role[];
  /** Churn is read as 1 − the churn column (a renewal/retention probability). */
  churnComplement: boolean;
  setChurnComplement(v: boolean): void;
  issues: TableIssue[];
  leaveOut: boolean;
  setLeaveOut(v: boolean): void;
  settings: Settings;
  update(change: (s: Settings) => Settings): void;
  errors: FieldErrors;
  baseline?: PreviousInputs;
  go(step: Step): void;
  build(): Promise<void>;
  cancel(): void;
  /** Set while "Refresh" (after the scoring table changed in Excel) rebuilds in place. */
  refreshing: boolean;
  cancelling: boolean;
  progress?: Progress;
  outcome?: BuildOutcome;
  failure?: Failure;
  /** The current settings' signature, when they are valid. */
  currentSignature?: string;
  announce(text: string): void;
  /** A message about the last action, shown beside the step's buttons. */
  error: string;
  showError(text: string): void;
  selectCell(address: string): void;
  activateSheet(name: string): void;
}
