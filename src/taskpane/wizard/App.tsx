/**
 * The Key Account Wizard, in React with Fluent UI v9: 1. source table and column roles,
 * checked before building; 2. criteria, weights (typed or pairwise) and the key-account rule;
 * 3. build, progress, summary. All figures come from the pure core (model.ts and below); these
 * components render state and collect choices. State lives in hooks (state.ts, build-state.ts,
 * quarterly.ts) and is updated in place, so focus and scroll stay where the user is; a step
 * change focuses the new step's heading.
 */
import { Button, FluentProvider, Link, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { type MutableRefObject, type ReactNode, useCallback, useEffect } from "react";
import type { ChangeWatch, WatchState, WatchTarget } from "../change-watch";
import type { Busy, Step, WizardApi, WizardProps } from "./api";
import { useBuild, useRefresh } from "./build-state";
import type { NumberLocale } from "./format";
import type { WizardHost } from "./host";
import { useQuarterlyReview } from "./quarterly";
import { SourceStep } from "./SourceStep";
import { type Guard, useAnnouncer, useChangeWatch, useChecks, useGuard, useSettings, useSources, useSteps, useTable } from "./state";

export type { BuildOutcome, Failure, Progress, Step, WizardApi, WizardProps } from "./api";

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
const laterLoaded = () => laterSteps !== undefined;

/** When the pane is idle after its first screen (or soon, where there is no requestIdleCallback). */
function whenIdle(task: () => void): () => void {
  const w = window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };
  if (w.requestIdleCallback && w.cancelIdleCallback) {
    const id = w.requestIdleCallback(task, { timeout: 1_000 });
    return () => w.cancelIdleCallback!(id);
  }
  const timer = setTimeout(task, 0);
  return () => clearTimeout(timer);
}

/** Steps 2 and 3 and the builder load once step 1 is on screen and the pane is idle, so Next rarely waits for them. */
function usePrefetch(host: WizardHost) {
  useEffect(
    () =>
      whenIdle(() => {
        void loadLaterSteps().catch(() => undefined);
        host.prefetch?.();
      }),
    [host],
  );
}

export function Wizard({ host, nl, theme, status, helpUrl = "help.html" }: WizardProps) {
  const { busy, setBusy, error, setError, guard } = useGuard("list");
  const [announcement, announce] = useAnnouncer();
  const sources = useSources(host, guard);
  usePrefetch(host);
  const settingsState = useSettings(nl);
  const tbl = useTable(nl, settingsState.setSettings);
  const checks = useChecks(tbl.table, tbl.roles, settingsState.settings, nl, settingsState.baseline, tbl.churnComplement);
  const steps = useSteps({ host, nl, guard, setError, settingsState, loadLater: loadLaterSteps, laterLoaded });
  const { watch, watched, watchState, refreshRef } = useChangeWatch(host, announce);
  const built = useBuild({ host, nl, busy, setBusy, setError, announce, watch, watched, ...tbl, ...settingsState, ...checks, sourceId: sources.sourceId });
  const { refreshing, refresh } = useRefresh({ host, busy, setError, sourceId: sources.sourceId, builtFrom: built.builtFrom, ...tbl, setStep: steps.setStep, buildFrom: built.buildFrom });
  refreshRef.current = refresh;
  const run = useUnwatchedAction(busy, guard, watch, watched);
  const review = useQuarterlyReview({ host, run, announce, showError: setError, sheetNames: built.outcome?.sheetNames });
  const { reset } = review;
  useEffect(() => void (busy === "build" && reset()), [busy, reset]);
  const readSource = useReadSource({ host, guard, announce, nl, sourceId: sources.sourceId, tbl, setPrefilled: settingsState.setPrefilled, clear: built.clear });
  const links = useExcelLinks(host, setError);
  const api: WizardApi = { host, nl, busy, error, showError: setError, announce, ...sources, readSource, ...tbl, ...settingsState, ...checks, go: steps.go, ...built, refreshing, ...links, ...review };
  const banner = <ChangedBanner state={watchState} busy={busy} refreshing={refreshing} refresh={refresh} />;
  return (
    <WizardShell theme={theme} helpUrl={helpUrl} status={status} step={steps.step} announcement={announcement} banner={banner}>
      <div ref={steps.heading}>{steps.step === 1 || !laterSteps ? <SourceStep w={api} /> : steps.step === 2 ? <laterSteps.CriteriaStep w={api} /> : <laterSteps.BuildStep w={api} />}</div>
    </WizardShell>
  );
}

/** Runs a busy action that writes to the workbook itself, the change watch off meanwhile (a refresh already asked for stays asked). */
function useUnwatchedAction(busy: Busy, guard: Guard, watch: ChangeWatch | undefined, watched: MutableRefObject<WatchTarget | undefined>) {
  return useCallback(
    async (kind: "close" | "delete", task: () => Promise<void>) => {
      if (busy) return;
      await guard(kind, async () => {
        const before = watched.current;
        await watch?.stop().catch(() => undefined);
        try {
          await task();
        } finally {
          if (before) await watch?.watch(before, { keepStale: true }).catch(() => undefined);
        }
      });
    },
    [busy, guard, watch, watched],
  );
}

interface ReadDeps {
  host: WizardHost;
  guard: Guard;
  announce(text: string): void;
  nl: NumberLocale;
  sourceId: string;
  tbl: ReturnType<typeof useTable>;
  setPrefilled(v: boolean): void;
  /** Forgets the last build's outcome, failure and progress. */
  clear(): void;
}

/** "Read table": a table of another shape gets its roles detected again (and its earlier settings read again on Next). */
function useReadSource({ host, guard, announce, nl, sourceId, tbl, setPrefilled, clear }: ReadDeps) {
  const { table, setTable, applyDetection } = tbl;
  return useCallback(
    () =>
      guard("read", async () => {
        const t = await host.readSource(sourceId);
        const sameShape = table && table.headers.join("\u0000") === t.headers.join("\u0000");
        setTable(t);
        if (!sameShape) {
          applyDetection(t);
          setPrefilled(false);
        }
        clear();
        announce(`Read ${nl.amount(t.rows.length)} rows and ${t.headers.length} columns from ${t.sheetName}.`);
      }),
    [guard, host, sourceId, table, setTable, applyDetection, setPrefilled, clear, announce, nl],
  );
}

/** Links into Excel: a cell address selects that cell, a sheet name opens the sheet; a failure is the step's message. */
function useExcelLinks(host: WizardHost, setError: (text: string) => void) {
  const selectCell = useCallback(
    (address: string) => void host.selectCell?.(address).catch((e: unknown) => setError(`Could not select ${address}: ${e instanceof Error ? e.message : String(e)}`)),
    [host, setError],
  );
  const activateSheet = useCallback((name: string) => void host.activate(name).catch((e: unknown) => setError(`Could not open ${name}: ${e instanceof Error ? e.message : String(e)}`)), [host, setError]);
  return { selectCell, activateSheet };
}

interface ShellProps {
  theme: WizardProps["theme"];
  helpUrl: string;
  status: WizardProps["status"];
  step: Step;
  announcement: string;
  banner: ReactNode;
  children: ReactNode;
}

/** The pane around the steps: header with Function help, the steps' list, the change banner, the live region and the status line. */
function WizardShell({ theme, helpUrl, status, step, announcement, banner, children }: ShellProps) {
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
        <StepList step={step} />
        {banner}
        {children}
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

function StepList({ step }: { step: Step }) {
  return (
    <nav aria-label="Wizard steps">
      <ol className="kam-steps">
        {STEP_NAMES.map((n, i) => (
          <li key={n} className={step === i + 1 ? "current" : i + 1 < step ? "done" : ""} aria-current={step === i + 1 ? "step" : undefined}>
            {i + 1} {n}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** "The scoring table changed in Excel" with Refresh, while the change watch says the sheets are stale. */
function ChangedBanner({ state, busy, refreshing, refresh }: { state: WatchState; busy: Busy; refreshing: boolean; refresh(): Promise<void> }) {
  if (!state.stale) return null;
  return (
    <MessageBar id="changed" intent="warning" layout="multiline" className="kam-changed">
      <MessageBarBody>
        <MessageBarTitle>{state.message}</MessageBarTitle>
        <span id="changed-why">Excel says: {state.reasons.join("; ")}. Refresh rebuilds the sheets in place and keeps everything you typed on them.</span>
      </MessageBarBody>
      <MessageBarActions>
        <Button id="refresh-sheets" appearance="primary" disabledFocusable={busy !== null || refreshing} onClick={() => void refresh()}>
          {refreshing ? "Refreshing…" : "Refresh"}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
