/**
 * The build's state (step 3): building from the table read on step 1 (or read again by
 * Refresh), its progress, Cancel, the outcome or the failure, and the change watch around it.
 */
import { type MutableRefObject, useCallback, useRef, useState } from "react";
import type { PreviousInputs } from "../../workbook/build";
import { ROLE_LABELS, type Role, type Roles, type SourceTable, type TableIssue, validateTable } from "../../workbook/customers";
import { a1Range } from "../../workbook/plan";
import type { ChangeWatch, WatchTarget } from "../change-watch";
import type { Busy, BuildOutcome, Failure, Progress, Step } from "./api";
import { churnTable } from "./columns";
import type { NumberLocale } from "./format";
import { BuildCancelled, type BuildRequest, type WizardHost } from "./host";
import { buildRequest, type Settings, settingsOf, signature } from "./model";
import { churnNote } from "./state";

export interface BuildDeps {
  host: WizardHost;
  nl: NumberLocale;
  busy: Busy;
  setBusy(b: Busy): void;
  setError(text: string): void;
  announce(text: string): void;
  watch?: ChangeWatch;
  watched: MutableRefObject<WatchTarget | undefined>;
  table?: SourceTable;
  roles: Roles;
  unresolved: Role[];
  churnComplement: boolean;
  settings: Settings;
  baseline?: PreviousInputs;
  setBaseline(b: PreviousInputs): void;
  issues: TableIssue[];
  leaveOut: boolean;
  sourceId: string;
}

/** The request for a build from `read`, or the message saying why there is none. */
function prepare(d: BuildDeps, read: SourceTable, fresh: boolean): { request: BuildRequest; sig: string } | string {
  if (d.unresolved.length > 0) return `Choose the column for ${d.unresolved.map((r) => ROLE_LABELS[r].toLowerCase()).join(" and ")} on the first step: two columns fit equally well.`;
  // A renewal/retention probability is read as churn = 1 − p (as the CLI does).
  const source = churnTable(read, d.roles, d.churnComplement);
  const request = buildRequest(source, d.roles, d.settings, d.nl, d.baseline, new Date().toISOString().slice(0, 10));
  const problems = fresh ? validateTable(source, d.roles, request.criteria.flatMap((c) => (c.column === undefined ? [] : [c.column]))) : d.issues;
  if (problems.length > 0 && !d.leaveOut) return `The table has ${problems.length} problem(s). Fix them in Excel and read the table again, or tick "Build with the flagged rows left out".`;
  return { request, sig: signature(request) + churnNote(d.churnComplement, d.roles) };
}

/** The source a build read, to read again on Refresh: a selection is remembered as the range it was. */
function sourceOf(sourceId: string, read: SourceTable): string {
  if (sourceId !== "selection") return sourceId;
  return `range:${read.sheetName}!${a1Range({ row: read.origin.row, col: read.origin.col, rows: read.rows.length + 1, cols: read.headers.length })}`;
}

export function useBuild(d: BuildDeps) {
  const [progress, setProgress] = useState<Progress>();
  const [outcome, setOutcome] = useState<BuildOutcome>();
  const [failure, setFailure] = useState<Failure>();
  const [cancelling, setCancelling] = useState(false);
  const abort = useRef<AbortController | null>(null);
  /** The source the last successful build read (the picker follows the selection, so it may show another one now). */
  const builtFrom = useRef("");
  const run = useBuildRun(d, { setProgress, setOutcome, setFailure, builtFrom });

  /** Builds from `fresh` (the table read again by Refresh) or the table read on the first step. */
  const buildFrom = useCallback(
    async (fresh?: SourceTable) => {
      const read = fresh ?? d.table;
      if (!read || d.busy) return;
      const prepared = prepare(d, read, fresh !== undefined);
      if (typeof prepared === "string") return d.setError(prepared);
      const controller = new AbortController();
      abort.current = controller;
      d.setBusy("build");
      d.setError("");
      setFailure(undefined);
      setCancelling(false);
      try {
        await run(read, prepared, controller.signal, fresh !== undefined);
      } finally {
        abort.current = null;
        d.setBusy(null);
        setCancelling(false);
      }
    },
    [d, run],
  );
  const cancel = useCallback(() => {
    if (!abort.current) return;
    setCancelling(true);
    abort.current.abort();
    d.announce("Cancelling…");
  }, [d]);
  const clear = useCallback(() => {
    setOutcome(undefined);
    setFailure(undefined);
    setProgress(undefined);
  }, []);
  return { progress, outcome, failure, cancelling, buildFrom, build: useCallback(() => buildFrom(), [buildFrom]), cancel, clear, builtFrom };
}

interface RunSetters {
  setProgress(p: Progress | undefined): void;
  setOutcome(o: BuildOutcome): void;
  setFailure(f: Failure): void;
  builtFrom: MutableRefObject<string>;
}

/** One build through the host: progress announced per phase, the change watch off meanwhile, and the outcome or the failure. */
function useBuildRun(d: BuildDeps, s: RunSetters) {
  return useCallback(
    async (read: SourceTable, { request, sig }: { request: BuildRequest; sig: string }, signal: AbortSignal, fresh: boolean) => {
      s.setProgress({ phase: "Starting…", fraction: 0 });
      d.announce("Building the sheets.");
      let lastPhase = "";
      const onProgress = (phase: string, fraction: number) => {
        s.setProgress({ phase, fraction });
        if (phase === lastPhase) return;
        lastPhase = phase;
        if (fraction < 1) d.announce(phase);
      };
      // Our own writes fire Excel's change events: stop listening while the build writes.
      const before = d.watched.current;
      await d.watch?.stop().catch(() => undefined);
      try {
        const result = await d.host.build(request, onProgress, signal);
        s.setOutcome({ ...result, signature: sig, request });
        d.setBaseline(settingsOf(request));
        if (!fresh) s.builtFrom.current = sourceOf(d.sourceId, read);
        const sourceTable = s.builtFrom.current.startsWith("table:") ? s.builtFrom.current.slice("table:".length) : undefined;
        d.watched.current = { scoringSheet: result.sheetNames.scoring, otherSheets: [result.sheetNames.loss, result.sheetNames.concentration], sourceTable };
        await d.watch?.watch(d.watched.current).catch(() => undefined);
        s.setProgress({ phase: "Done", fraction: 1 });
        const n = result.summary.keyAccounts.length;
        d.announce(`Done. ${n} key account${n === 1 ? "" : "s"} of ${d.nl.amount(result.summary.customers)} customers.${signal.aborted ? " The cancel came too late: the sheets were already built." : ""}`);
      } catch (e) {
        const cancelled = e instanceof BuildCancelled || signal.aborted;
        s.setFailure({ cancelled, message: e instanceof Error ? e.message : String(e) });
        s.setProgress(undefined);
        d.announce(cancelled ? "Cancelled. Nothing was changed." : "The build failed. Nothing was changed.");
        // The workbook is as it was: keep watching the sheets built before, if any.
        if (before) await d.watch?.watch(before, { keepStale: true }).catch(() => undefined);
      }
    },
    [d, s],
  );
}

interface RefreshDeps {
  host: WizardHost;
  busy: Busy;
  setError(text: string): void;
  sourceId: string;
  builtFrom: MutableRefObject<string>;
  table?: SourceTable;
  setTable(t: SourceTable): void;
  applyDetection(t: SourceTable): void;
  setStep(s: Step): void;
  buildFrom(fresh?: SourceTable): Promise<void>;
}

/**
 * "Refresh" after the scoring table changed in Excel: reads the source table again and
 * rebuilds in place with the same settings (the build keeps every manual input on the
 * sheets). When the table's columns changed, the roles must be checked first: back to step 1.
 */
export function useRefresh(r: RefreshDeps) {
  const [refreshing, setRefreshing] = useState(false);
  const refresh = useCallback(async () => {
    if (r.busy || refreshing) return;
    setRefreshing(true);
    r.setError("");
    try {
      const t = await r.host.readSource(r.builtFrom.current || r.sourceId).catch((e: unknown) => {
        r.setError(`The customer table could not be read again (${e instanceof Error ? e.message : String(e)}): choose it on the first step and build again.`);
      });
      if (!t) return;
      r.setTable(t);
      if (r.table && r.table.headers.join("\u0000") === t.headers.join("\u0000")) return await r.buildFrom(t);
      r.applyDetection(t);
      r.setStep(1);
      r.setError("The customer table's columns changed: check the column roles and the criteria, then build again.");
    } finally {
      setRefreshing(false);
    }
  }, [r, refreshing]);
  return { refreshing, refresh };
}
