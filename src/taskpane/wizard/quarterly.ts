/**
 * The quarterly review's state (issue 12): Close quarter, the periods on KAM History, Delete a
 * period, and the offer to rebuild when the sheets would show more after it. The work is in
 * close-quarter.ts through the host; this holds what the pane shows.
 */
import { useCallback, useState } from "react";
import { quarterLabel } from "../quarter-label";
import type { HistoryReport, PeriodInfo, WizardHost } from "./host";

export interface QuarterlyReview {
  /** Close quarter: the period's label as typed (starts as this quarter, e.g. 2026 Q3). */
  period: string;
  setPeriod(text: string): void;
  /** The last Close quarter / Delete a period report, in words. */
  closed: string;
  /** Why building again would show more (review columns after a first close, the periods list after a delete); "" when not. */
  rebuildWhy: string;
  /** The periods on KAM History, oldest first (undefined until listed). */
  periods?: PeriodInfo[];
  listPeriods(): Promise<void>;
  closeQuarter(): Promise<void>;
  deletePeriod(period: string): Promise<void>;
  /** Forgets the last report (a new build starts). */
  reset(): void;
}

/** What the hook needs from the wizard: its host and its guarded, announced way of running an action. */
export interface ReviewDeps {
  host: WizardHost;
  /** Runs `task` as the busy action `kind`, its error shown as the step's message; false when it could not start. */
  run(kind: "close" | "delete", task: () => Promise<void>): Promise<void>;
  announce(text: string): void;
  showError(text: string): void;
  /** The built sheets' names (undefined before a build). */
  sheetNames?: Parameters<NonNullable<WizardHost["closeQuarter"]>>[1];
}

export function useQuarterlyReview({ host, run, announce, showError, sheetNames }: ReviewDeps): QuarterlyReview {
  const [period, setPeriod] = useState(() => quarterLabel(new Date()));
  const [closed, setClosed] = useState("");
  const [rebuildWhy, setRebuildWhy] = useState("");
  const [periods, setPeriods] = useState<PeriodInfo[]>();

  const listPeriods = useCallback(async () => {
    if (!host.listPeriods) return;
    setPeriods(await host.listPeriods().catch(() => undefined));
  }, [host]);

  /** One history action: its report shown and announced, the periods listed again either way. */
  const report = useCallback(
    (kind: "close" | "delete", label: string, action: () => Promise<HistoryReport>) =>
      run(kind, async () => {
        setClosed("");
        setRebuildWhy("");
        try {
          const r = await action();
          setClosed(r.report);
          setRebuildWhy(r.rebuildWhy ?? "");
          announce(r.rebuildWhy ? `${r.report} ${r.rebuildWhy}` : r.report);
        } catch (e) {
          announce(`${label} ${kind === "close" ? "was not closed" : "was not deleted"}.`);
          throw e;
        } finally {
          await listPeriods();
        }
      }),
    [run, announce, listPeriods],
  );

  const closeQuarter = useCallback(async () => {
    const label = period.trim();
    if (!sheetNames || !host.closeQuarter) return;
    if (label === "") return showError("Type the period's label first, e.g. 2026 Q3.");
    await report("close", label, () => host.closeQuarter!(label, sheetNames));
  }, [period, sheetNames, host, showError, report]);

  const deletePeriod = useCallback((label: string) => (host.deletePeriod ? report("delete", label, () => host.deletePeriod!(label)) : Promise.resolve()), [host, report]);

  const reset = useCallback(() => {
    setClosed("");
    setRebuildWhy("");
  }, []);

  return { period, setPeriod, closed, rebuildWhy, periods, listPeriods, closeQuarter, deletePeriod, reset };
}
