/**
 * The Key Account Wizard, in React with Fluent UI v9: 1. source table and column roles,
 * checked before building; 2. criteria, weights (typed or pairwise) and the key-account rule;
 * 3. build, progress, summary. All figures come from the pure core (model.ts and below); these
 * components render state and collect choices. State lives here and is updated in place, so
 * focus and scroll stay where the user is; a step change focuses the new step's heading.
 */
import { Button, FluentProvider, Link, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { BuildSummary, PreviousInputs, SheetNames } from "../../workbook/build";
import type { Role, Roles, SourceTable, TableIssue } from "../../workbook/customers";
import { ROLE_LABELS, validateTable } from "../../workbook/customers";
import { ChangeWatch, type WatchState, type WatchTarget } from "../change-watch";
import { quarterLabel } from "../quarter-label";
import { a1Range } from "../../workbook/plan";
import { churnTable, detect } from "./columns";
import type { NumberLocale } from "./format";
import { BuildCancelled, type BuildRequest, type SourceInfo, type WizardHost } from "./host";
import { applyPrevious, buildRequest, criteriaFor, defaultSettings, type FieldErrors, type Settings, settingsOf, signature, validateSettings } from "./model";
import { SourceStep } from "./SourceStep";
import type { Theme } from "@fluentui/react-components";

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

/** Shared by the steps: the wizard's state and what they may do to it. */
export interface WizardApi {
  host: WizardHost;
  nl: NumberLocale;
  busy: "list" | "read" | "prefill" | "build" | "close" | null;
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
  /** Close quarter: the period's label as typed (starts as this quarter, e.g. 2026 Q3). */
  period: string;
  setPeriod(text: string): void;
  /** Adds the built sheets' figures to the KAM History sheet as `period` (only when the host can). */
  closeQuarter(): Promise<void>;
  /** The last Close quarter report, in words. */
  closed: string;
}

const STEP_NAMES = ["Source", "Criteria", "Build"];

/** Steps 2 and 3, once their chunk is loaded (see later-steps.ts). */
let laterSteps: typeof import("./later-steps") | undefined;
let laterLoading: Promise<typeof import("./later-steps")> | undefined;
/** Loads steps 2 and 3 (once; again after a failure). */
export function loadLaterSteps(): Promise<typeof import("./later-steps")> {
  laterLoading ??= import(/* webpackChunkName: "steps" */ "./later-steps").then(
    (m) => (laterSteps = m),
    (e: unknown) => {
      laterLoading = undefined;
      throw e;
    },
  );
  return laterLoading;
}

export function Wizard({ host, nl, theme, status, helpUrl = "help.html" }: WizardProps) {
  const [step, setStep] = useState<Step>(1);
  const [busy, setBusy] = useState<WizardApi["busy"]>(null);
  const [sources, setSources] = useState<SourceInfo[]>([]);
  const [sourceId, setSourceId] = useState("");
  const [table, setTable] = useState<SourceTable>();
  const [roles, setRoles] = useState<Roles>({});
  const [detected, setDetected] = useState<Roles>({});
  const [unresolved, setUnresolved] = useState<Role[]>([]);
  const [churnComplement, setChurnComplement] = useState(false);
  const [leaveOut, setLeaveOut] = useState(true);
  const [settings, setSettings] = useState<Settings>(() => defaultSettings(nl));
  const [baseline, setBaseline] = useState<PreviousInputs>();
  const [prefilled, setPrefilled] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [outcome, setOutcome] = useState<BuildOutcome>();
  const [failure, setFailure] = useState<Failure>();
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const [watchState, setWatchState] = useState<WatchState>({ stale: false });
  const [refreshing, setRefreshing] = useState(false);
  const [period, setPeriod] = useState(() => quarterLabel(new Date()));
  const [closed, setClosed] = useState("");
  const abort = useRef<AbortController | null>(null);
  // The change watch (issue 8 point 7): stopped before each build, so our own writes never
  // raise the banner, and started on the sheets of each successful build.
  const refreshRef = useRef<() => Promise<void>>(async () => undefined);
  const watch = useMemo(() => (host.run ? new ChangeWatch(host.run, () => refreshRef.current()) : undefined), [host]);
  const watched = useRef<WatchTarget | undefined>(undefined);
  /** The source the last successful build read (the picker follows the selection, so it may show another one now). */
  const builtFrom = useRef<string>("");
  const heading = useRef<HTMLDivElement>(null);
  const firstStep = useRef(true);

  const announce = useCallback((text: string) => {
    // Cleared first, so that the same words are announced again.
    setAnnouncement("");
    setTimeout(() => setAnnouncement(text), 50);
  }, []);

  useEffect(() => {
    if (!watch) return;
    let was = false;
    const off = watch.subscribe((state) => {
      setWatchState(state);
      if (state.stale && !was) announce(`${state.message}: ${state.reasons.join("; ")}.`);
      was = state.stale;
    });
    return () => {
      off();
      void watch.stop().catch(() => undefined);
    };
  }, [watch, announce]);

  // Checked again only when the columns in use change (not on every keystroke in a weight).
  const criteriaColumns = settings.criteria
    .filter((c) => c.include && c.column !== undefined)
    .map((c) => c.column!)
    .join(",");
  const issues = useMemo(() => {
    if (!table || roles.name === undefined || roles.revenue === undefined) return [];
    const cols = criteriaColumns === "" ? [] : criteriaColumns.split(",").map(Number);
    return validateTable(table, roles, cols);
  }, [table, roles, criteriaColumns]);

  const errors = useMemo(() => validateSettings(settings, nl), [settings, nl]);
  const currentSignature = useMemo(() => {
    if (!table || Object.keys(errors).length > 0) return undefined;
    return signature(buildRequest(table, roles, settings, nl, baseline, "")) + (churnComplement && roles.churn !== undefined ? "|churn = 1 − column" : "");
  }, [table, roles, settings, nl, baseline, errors, churnComplement]);

  const guard = useCallback(async (kind: NonNullable<WizardApi["busy"]>, task: () => Promise<void>) => {
    setBusy(kind);
    setError("");
    try {
      await task();
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      setError(text);
    } finally {
      setBusy(null);
    }
  }, []);

  const refreshSources = useCallback(
    () =>
      guard("list", async () => {
        const list = await host.listSources();
        setSources(list);
        setSourceId((id) => (list.some((s) => s.id === id) ? id : (list[0]?.id ?? "")));
      }),
    [guard, host],
  );

  // Steps 2 and 3 load once step 1 is on screen, so Next rarely waits for them.
  useEffect(() => {
    const timer = setTimeout(() => {
      void loadLaterSteps().catch(() => undefined);
      host.prefetch?.();
    }, 0);
    return () => clearTimeout(timer);
  }, [host]);

  // The list follows the user's selection in Excel (a short pause first: selections come in bursts).
  useEffect(() => {
    void refreshSources();
    let stop: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    void host
      .onSelectionChanged?.(() => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          void host.listSources().then((list) => {
            if (!live) return;
            setSources(list);
            setSourceId((id) => (list.some((s) => s.id === id) ? id : (list[0]?.id ?? "")));
          }, () => undefined);
        }, 250);
      })
      .then((s) => {
        if (live) stop = s;
        else s();
      }, () => undefined);
    return () => {
      live = false;
      clearTimeout(timer);
      stop?.();
    };
  }, [host, refreshSources]);

  /** A newly read table's roles: the shared mapping's, tied roles left for the user. */
  const applyDetection = useCallback(
    (t: SourceTable) => {
      const d = detect(t);
      setRoles(d.roles);
      setDetected(d.roles);
      setUnresolved(d.unresolved);
      setChurnComplement(d.complement);
      setSettings((s) => ({ ...s, criteria: criteriaFor(t, d.roles, nl), pairwise: {}, crConfirmed: false }));
    },
    [nl],
  );

  const readSource = useCallback(
    () =>
      guard("read", async () => {
        const t = await host.readSource(sourceId);
        const sameShape = table && table.headers.join("\u0000") === t.headers.join("\u0000");
        setTable(t);
        if (!sameShape) {
          applyDetection(t);
          setPrefilled(false);
        }
        setOutcome(undefined);
        setFailure(undefined);
        setProgress(undefined);
        announce(`Read ${nl.amount(t.rows.length)} rows and ${t.headers.length} columns from ${t.sheetName}.`);
      }),
    [guard, host, sourceId, table, nl, announce, applyDetection],
  );

  const setRole = useCallback(
    (role: keyof Roles, column: number | undefined) => {
      if (!table) return;
      const next = { ...roles };
      if (column === undefined) delete next[role];
      else next[role] = column;
      setRoles(next);
      setUnresolved((u) => u.filter((r) => r !== role));
      if (role === "churn" && column !== detected.churn) setChurnComplement(false);
      if (role !== "region" && role !== "segment") setSettings((s) => ({ ...s, criteria: criteriaFor(table, next, nl), pairwise: {}, crConfirmed: false }));
    },
    [roles, table, nl, detected],
  );

  const go = useCallback(
    (to: Step) => {
      setError("");
      if (to === 2 && step === 1 && !prefilled) {
        // Coming to the criteria for this table: show what the sheets built before say.
        void guard("prefill", async () => {
          const prev = await host.readPrevious().catch((e: unknown) => {
            setError(`The settings of the sheets built before could not be read (${e instanceof Error ? e.message : String(e)}); the defaults are shown.`);
            return undefined;
          });
          if (prev) {
            setSettings((s) => applyPrevious(s, prev, nl));
            setBaseline(prev);
          }
          setPrefilled(true);
          await loadLaterSteps();
          setStep(2);
        });
        return;
      }
      if (to === 1 || laterSteps) setStep(to);
      else void guard("prefill", async () => {
        await loadLaterSteps();
        setStep(to);
      });
    },
    [step, prefilled, guard, host, nl],
  );

  // A new step starts at its top, with its heading focused (screen readers read it).
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    window.scrollTo(0, 0);
    heading.current?.querySelector<HTMLElement>("h2")?.focus();
  }, [step]);

  /** Builds from `fresh` (the table read again by Refresh) or the table read on the first step. */
  const buildFrom = useCallback(async (fresh?: SourceTable) => {
    const read = fresh ?? table;
    if (!read || busy) return;
    if (unresolved.length > 0) {
      setError(`Choose the column for ${unresolved.map((r) => ROLE_LABELS[r].toLowerCase()).join(" and ")} on the first step: two columns fit equally well.`);
      return;
    }
    // A renewal/retention probability is read as churn = 1 − p (as the CLI does).
    const source = churnTable(read, roles, churnComplement);
    const request = buildRequest(source, roles, settings, nl, baseline, new Date().toISOString().slice(0, 10));
    const sig = signature(request) + (churnComplement && roles.churn !== undefined ? "|churn = 1 − column" : "");
    const problems = fresh ? validateTable(source, roles, request.criteria.flatMap((c) => (c.column === undefined ? [] : [c.column]))) : issues;
    if (problems.length > 0 && !leaveOut) {
      setError(`The table has ${problems.length} problem(s). Fix them in Excel and read the table again, or tick "Build with the flagged rows left out".`);
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setBusy("build");
    setError("");
    setFailure(undefined);
    setClosed("");
    setCancelling(false);
    setProgress({ phase: "Starting…", fraction: 0 });
    announce("Building the sheets.");
    let lastPhase = "";
    // Our own writes fire Excel's change events: stop listening while the build writes.
    const before = watched.current;
    await watch?.stop().catch(() => undefined);
    try {
      const result = await host.build(
        request,
        (phase, fraction) => {
          setProgress({ phase, fraction });
          if (phase !== lastPhase) {
            lastPhase = phase;
            if (fraction < 1) announce(phase);
          }
        },
        controller.signal,
      );
      setOutcome({ ...result, signature: sig, request });
      setBaseline(settingsOf(request));
      // A selection is remembered as the range it was (Refresh must not read whatever is selected then).
      if (!fresh) builtFrom.current = sourceId === "selection" ? `range:${read.sheetName}!${a1Range({ row: read.origin.row, col: read.origin.col, rows: read.rows.length + 1, cols: read.headers.length })}` : sourceId;
      const sourceTable = builtFrom.current.startsWith("table:") ? builtFrom.current.slice("table:".length) : undefined;
      watched.current = { scoringSheet: result.sheetNames.scoring, otherSheets: [result.sheetNames.loss, result.sheetNames.concentration], sourceTable };
      await watch?.watch(watched.current).catch(() => undefined);
      setProgress({ phase: "Done", fraction: 1 });
      const n = result.summary.keyAccounts.length;
      announce(`Done. ${n} key account${n === 1 ? "" : "s"} of ${nl.amount(result.summary.customers)} customers.${controller.signal.aborted ? " The cancel came too late: the sheets were already built." : ""}`);
    } catch (e) {
      const cancelled = e instanceof BuildCancelled || controller.signal.aborted;
      const message = e instanceof Error ? e.message : String(e);
      setFailure({ cancelled, message });
      setProgress(undefined);
      announce(cancelled ? "Cancelled. Nothing was changed." : "The build failed. Nothing was changed.");
      // The workbook is as it was: keep watching the sheets built before, if any.
      if (before) await watch?.watch(before, { keepStale: true }).catch(() => undefined);
    } finally {
      abort.current = null;
      setBusy(null);
      setCancelling(false);
    }
  }, [table, busy, roles, settings, nl, baseline, issues, leaveOut, host, announce, watch, sourceId, unresolved, churnComplement]);

  const build = useCallback(() => buildFrom(), [buildFrom]);

  /**
   * "Refresh" after the scoring table changed in Excel: reads the source table again and
   * rebuilds in place with the same settings (the build keeps every manual input on the
   * sheets). When the table's columns changed, the roles must be checked first: back to step 1.
   */
  const refresh = useCallback(async () => {
    if (busy || refreshing) return;
    setRefreshing(true);
    setError("");
    try {
      let t: SourceTable;
      try {
        t = await host.readSource(builtFrom.current || sourceId);
      } catch (e) {
        setError(`The customer table could not be read again (${e instanceof Error ? e.message : String(e)}): choose it on the first step and build again.`);
        return;
      }
      if (!table || table.headers.join("\u0000") !== t.headers.join("\u0000")) {
        setTable(t);
        applyDetection(t);
        setStep(1);
        setError("The customer table's columns changed: check the column roles and the criteria, then build again.");
        return;
      }
      setTable(t);
      await buildFrom(t);
    } finally {
      setRefreshing(false);
    }
  }, [busy, refreshing, host, sourceId, table, buildFrom, applyDetection]);
  refreshRef.current = refresh;

  const cancel = useCallback(() => {
    if (!abort.current) return;
    setCancelling(true);
    abort.current.abort();
    announce("Cancelling…");
  }, [announce]);

  const closeQuarter = useCallback(async () => {
    if (!outcome || !host.closeQuarter || busy) return;
    const label = period.trim();
    if (label === "") {
      setError("Type the period's label first, e.g. 2026 Q3.");
      return;
    }
    const names = outcome.sheetNames;
    setClosed("");
    await guard("close", async () => {
      announce(`Closing ${label}.`);
      // Our own writes: the change watch is off meanwhile (a refresh already asked for stays asked).
      const w0 = watched.current;
      await watch?.stop().catch(() => undefined);
      try {
        const report = await host.closeQuarter!(label, names);
        setClosed(report);
        announce(report);
      } catch (e) {
        announce(`${label} was not closed.`);
        throw e;
      } finally {
        if (w0) await watch?.watch(w0, { keepStale: true }).catch(() => undefined);
      }
    });
  }, [outcome, host, busy, period, guard, announce, watch]);

  const update = useCallback((change: (s: Settings) => Settings) => setSettings(change), []);

  const showError = useCallback((text: string) => setError(text), []);
  const selectCell = useCallback(
    (address: string) => {
      host.selectCell?.(address).catch((e: unknown) => setError(`Could not select ${address}: ${e instanceof Error ? e.message : String(e)}`));
    },
    [host],
  );
  const activateSheet = useCallback(
    (name: string) => {
      host.activate(name).catch((e: unknown) => setError(`Could not open ${name}: ${e instanceof Error ? e.message : String(e)}`));
    },
    [host],
  );

  const api: WizardApi = {
    host,
    nl,
    busy,
    sources,
    sourceId,
    setSourceId,
    refreshSources,
    readSource,
    table,
    roles,
    detected,
    setRole,
    unresolved,
    churnComplement,
    setChurnComplement,
    issues,
    leaveOut,
    setLeaveOut,
    settings,
    update,
    errors,
    baseline,
    go,
    build,
    cancel,
    refreshing,
    cancelling,
    progress,
    outcome,
    failure,
    currentSignature,
    announce,
    error,
    showError,
    selectCell,
    activateSheet,
    period,
    setPeriod,
    closeQuarter,
    closed,
  };

  return (
    <FluentProvider theme={theme} className="kam-app">
      <header className="kam-header">
        <img className="kam-logo" src="assets/icon-32.png" width={20} height={20} alt="" />
        <h1 className="kam-title">Key Account Manager</h1>
        <Link className="kam-help" href={helpUrl} target="_blank" rel="noopener">
          Function help
        </Link>
      </header>
      <main className="kam-main">
        <nav aria-label="Wizard steps">
          <ol className="kam-steps">
            {STEP_NAMES.map((n, i) => (
              <li key={n} className={step === i + 1 ? "current" : i + 1 < step ? "done" : ""} aria-current={step === i + 1 ? "step" : undefined}>
                {i + 1} {n}
              </li>
            ))}
          </ol>
        </nav>
        {watchState.stale ? (
          <MessageBar id="changed" intent="warning" layout="multiline" className="kam-changed">
            <MessageBarBody>
              <MessageBarTitle>{watchState.message}</MessageBarTitle>
              <span id="changed-why">Excel says: {watchState.reasons.join("; ")}. Refresh rebuilds the sheets in place and keeps everything you typed on them.</span>
            </MessageBarBody>
            <MessageBarActions>
              <Button id="refresh-sheets" appearance="primary" disabledFocusable={busy !== null || refreshing} onClick={() => void refresh()}>
                {refreshing ? "Refreshing…" : "Refresh"}
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : null}
        <div ref={heading}>
          {step === 1 || !laterSteps ? <SourceStep w={api} /> : step === 2 ? <laterSteps.CriteriaStep w={api} /> : <laterSteps.BuildStep w={api} />}
        </div>
        <div id="announce" role="status" aria-live="polite" className="kam-sr-only">
          {announcement}
        </div>
      </main>
      {status ? (
        <footer className="kam-footer">
          <span id="kam-status" className="kam-status" data-state={status.state}>
            {status.text}
          </span>
        </footer>
      ) : null}
    </FluentProvider>
  );
}
