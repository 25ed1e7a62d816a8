/**
 * The wizard's state, one hook per concern (App.tsx puts them together): busy and the step's
 * message, the live region, the source list, the table and its column roles, the settings and
 * what is checked from them, the steps, and the change watch. The build is in build-state.ts.
 */
import { type Dispatch, type SetStateAction, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PreviousInputs } from "../../workbook/build";
import { type Role, type Roles, type SourceTable, validateTable } from "../../workbook/customers";
import { ChangeWatch, type WatchState, type WatchTarget } from "../change-watch";
import type { Busy, Step } from "./api";
import { detect } from "./columns";
import type { NumberLocale } from "./format";
import type { SourceInfo, WizardHost } from "./host";
import { applyPrevious, buildRequest, criteriaFor, defaultSettings, type Settings, signature, validateSettings } from "./model";

export type Guard = (kind: NonNullable<Busy>, task: () => Promise<void>) => Promise<void>;

/**
 * What the pane is busy with, the step's message, and `guard`: runs a task as busy, its error
 * shown as the message. `initial`: what it is busy with before any effect has run (the wizard
 * starts by listing the sources, so its first screen, also the one the build pre-renders,
 * says so rather than "No customer table yet").
 */
export function useGuard(initial: Busy = null) {
  const [busy, setBusy] = useState<Busy>(initial);
  const [error, setError] = useState("");
  const guard: Guard = useCallback(async (kind, task) => {
    setBusy(kind);
    setError("");
    try {
      await task();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, setBusy, error, setError, guard };
}

/** The live region's text and `announce` (cleared first, so that the same words are announced again). */
export function useAnnouncer(): [string, (text: string) => void] {
  const [announcement, setAnnouncement] = useState("");
  const announce = useCallback((text: string) => {
    setAnnouncement("");
    setTimeout(() => setAnnouncement(text), 50);
  }, []);
  return [announcement, announce];
}

/** The sources the picker offers; it follows the user's selection in Excel. */
export function useSources(host: WizardHost, guard: Guard) {
  const [sources, setSources] = useState<SourceInfo[]>([]);
  const [sourceId, setSourceId] = useState("");
  const show = useCallback((list: SourceInfo[]) => {
    setSources(list);
    setSourceId((id) => (list.some((s) => s.id === id) ? id : (list[0]?.id ?? "")));
  }, []);
  const refreshSources = useCallback(() => guard("list", async () => show(await host.listSources())), [guard, host, show]);
  useEffect(() => {
    void refreshSources();
    return followSelection(host, show);
  }, [host, refreshSources, show]);
  return { sources, sourceId, setSourceId, refreshSources };
}

/** Lists the sources again after each selection change (a short pause first: selections come in bursts); returns the stop. */
function followSelection(host: WizardHost, show: (list: SourceInfo[]) => void): () => void {
  let stop: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let live = true;
  const relist = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void host.listSources().then((list) => live && show(list), () => undefined), 250);
  };
  void host.onSelectionChanged?.(relist).then(
    (s) => (live ? (stop = s) : s()),
    () => undefined,
  );
  return () => {
    live = false;
    clearTimeout(timer);
    stop?.();
  };
}

/** The settings, the sheets' earlier settings they started from, and whether those were read. */
export function useSettings(nl: NumberLocale) {
  const [settings, setSettings] = useState<Settings>(() => defaultSettings(nl));
  const [baseline, setBaseline] = useState<PreviousInputs>();
  const [prefilled, setPrefilled] = useState(false);
  const [leaveOut, setLeaveOut] = useState(true);
  const update = useCallback((change: (s: Settings) => Settings) => setSettings(change), []);
  return { settings, setSettings, update, baseline, setBaseline, prefilled, setPrefilled, leaveOut, setLeaveOut };
}

/** The table read and its column roles (the shared mapping's; tied roles left for the user). */
export function useTable(nl: NumberLocale, setSettings: Dispatch<SetStateAction<Settings>>) {
  const [table, setTable] = useState<SourceTable>();
  const [roles, setRoles] = useState<Roles>({});
  const [detected, setDetected] = useState<Roles>({});
  const [unresolved, setUnresolved] = useState<Role[]>([]);
  const [churnComplement, setChurnComplement] = useState(false);
  const newCriteria = useCallback((t: SourceTable, r: Roles) => setSettings((s) => ({ ...s, criteria: criteriaFor(t, r, nl), pairwise: {}, crConfirmed: false })), [nl, setSettings]);
  const applyDetection = useCallback(
    (t: SourceTable) => {
      const d = detect(t);
      setRoles(d.roles);
      setDetected(d.roles);
      setUnresolved(d.unresolved);
      setChurnComplement(d.complement);
      newCriteria(t, d.roles);
    },
    [newCriteria],
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
      if (role !== "region" && role !== "segment") newCriteria(table, next);
    },
    [roles, table, detected, newCriteria],
  );
  return { table, setTable, roles, detected, setRole, unresolved, churnComplement, setChurnComplement, applyDetection };
}

/** " |churn = 1 − column" when churn is read as a complement: part of the build's signature. */
export const churnNote = (complement: boolean, roles: Roles) => (complement && roles.churn !== undefined ? "|churn = 1 − column" : "");

/** What is checked from the table and settings: the table's problems, the fields' errors, and the settings' signature when valid. */
export function useChecks(table: SourceTable | undefined, roles: Roles, settings: Settings, nl: NumberLocale, baseline: PreviousInputs | undefined, churnComplement: boolean) {
  // Checked again only when the columns in use change (not on every keystroke in a weight).
  const criteriaColumns = settings.criteria
    .filter((c) => c.include && c.column !== undefined)
    .map((c) => c.column!)
    .join(",");
  const issues = useMemo(() => {
    if (!table || roles.name === undefined || roles.revenue === undefined) return [];
    return validateTable(table, roles, criteriaColumns === "" ? [] : criteriaColumns.split(",").map(Number));
  }, [table, roles, criteriaColumns]);
  const errors = useMemo(() => validateSettings(settings, nl), [settings, nl]);
  const currentSignature = useMemo(() => {
    if (!table || Object.keys(errors).length > 0) return undefined;
    return signature(buildRequest(table, roles, settings, nl, baseline, "")) + churnNote(churnComplement, roles);
  }, [table, roles, settings, nl, baseline, errors, churnComplement]);
  return { issues, errors, currentSignature };
}

interface StepDeps {
  host: WizardHost;
  nl: NumberLocale;
  guard: Guard;
  setError(text: string): void;
  settingsState: ReturnType<typeof useSettings>;
  /** Loads steps 2 and 3; resolves when they can be shown. */
  loadLater(): Promise<unknown>;
  laterLoaded(): boolean;
}

/** The current step and `go`; coming to the criteria for a table first reads what the sheets built before say. */
export function useSteps({ host, nl, guard, setError, settingsState, loadLater, laterLoaded }: StepDeps) {
  const [step, setStep] = useState<Step>(1);
  const { prefilled, setPrefilled, setSettings, setBaseline } = settingsState;
  const prefill = useCallback(async () => {
    const prev = await host.readPrevious().catch((e: unknown) => {
      setError(`The settings of the sheets built before could not be read (${e instanceof Error ? e.message : String(e)}); the defaults are shown.`);
      return undefined;
    });
    if (prev) {
      setSettings((s) => applyPrevious(s, prev, nl));
      setBaseline(prev);
    }
    setPrefilled(true);
  }, [host, nl, setError, setSettings, setBaseline, setPrefilled]);
  const go = useCallback(
    (to: Step) => {
      setError("");
      const first = to === 2 && step === 1 && !prefilled;
      if (!first && (to === 1 || laterLoaded())) return setStep(to);
      void guard("prefill", async () => {
        if (first) await prefill();
        await loadLater();
        setStep(to);
      });
    },
    [step, prefilled, guard, prefill, setError, loadLater, laterLoaded],
  );
  return { step, setStep, go, heading: useStepFocus(step) };
}

/** A new step starts at its top, with its heading focused (screen readers read it); not on the first render. */
function useStepFocus(step: Step) {
  const heading = useRef<HTMLDivElement>(null);
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    window.scrollTo(0, 0);
    heading.current?.querySelector<HTMLElement>("h2")?.focus();
  }, [step]);
  return heading;
}

/**
 * The change watch (issue 8 point 7): stopped before each build, so our own writes never raise
 * the banner, and started on the sheets of each successful build. `refreshRef` is what its
 * Refresh runs.
 */
export function useChangeWatch(host: WizardHost, announce: (text: string) => void) {
  const refreshRef = useRef<() => Promise<void>>(async () => undefined);
  const watch = useMemo(() => (host.run ? new ChangeWatch(host.run, () => refreshRef.current()) : undefined), [host]);
  const watched = useRef<WatchTarget | undefined>(undefined);
  const [watchState, setWatchState] = useState<WatchState>({ stale: false });
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
  return { watch, watched, watchState, refreshRef };
}
