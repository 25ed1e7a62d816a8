/** The wizard's view of Excel, through Office.js: each call is one `Excel.run` batch. */
import { BuildCancelled, type BuildRequest, type WizardHost } from "./wizard/host";

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
/** `runOn` continues on the context of an earlier batch (removing event handlers needs it). */
type RunOn = <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Splits 'My sheet'!B7 into the sheet name and B7. */
export function splitAddress(address: string): { sheet?: string; cells: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { cells: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, cells: address.slice(bang + 1) };
}

/** A dynamic import loaded once (and tried again after a failure). */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((e: unknown) => {
      loading = undefined;
      throw e;
    }));
}

/**
 * Reading the workbook's tables loads right after the pane starts, in a chunk of its own: it
 * brings the sheet registry (every sheet's layout, to recognise our own sheets), which the
 * first screen does not need.
 */
const loadSource = once(() => import(/* webpackChunkName: "source" */ "./excel-source"));

/**
 * The sheet builder (and the plan builder it falls back to) load after the pane is on screen:
 * not needed for step 1, they were a fifth of the code the pane parsed before its first render.
 */
const loadBuilder = once(() => Promise.all([import(/* webpackChunkName: "builder" */ "./build-sheets"), import(/* webpackChunkName: "builder" */ "./wizard/compute")]));
const loadCloseQuarter = once(() => import(/* webpackChunkName: "builder" */ "./close-quarter"));

/** Progress from here on cannot be cancelled: the new sheets stand (see buildSheets' commit step). */
const COMMITTED = 0.97;

/** Builds the sheets in one batch; cancelling works through the progress callback (see `COMMITTED`). */
async function buildInExcel(run: Run, request: BuildRequest, onProgress: (message: string, fraction: number) => void, signal?: AbortSignal) {
  const [{ buildSheets }, { computeInWorker }] = await loadBuilder();
  return run(async (context) => {
    // buildSheets calls the callback between syncs; a throw before the commit step makes it put
    // the workbook back and reject.
    const progress = (message: string, fraction: number) => {
      if (signal?.aborted && fraction < COMMITTED) throw new BuildCancelled();
      onProgress(message, fraction);
    };
    // The sheets are computed in a Web Worker: the pane stays responsive meanwhile.
    const result = await buildSheets(context, request, progress, { compute: computeInWorker });
    const summary = { ...result.summary, warnings: [...result.summary.warnings, ...result.warnings] };
    return { summary, sheetNames: result.sheetNames };
  });
}

/** Shows a cell (an address like 'My sheet'!B7) and selects it. */
function selectCellIn(run: Run, address: string): Promise<void> {
  return run(async (context) => {
    const { sheet, cells } = splitAddress(address);
    const ws = sheet ? context.workbook.worksheets.getItem(sheet) : context.workbook.worksheets.getActiveWorksheet();
    ws.activate();
    ws.getRange(cells).select();
    await context.sync();
  });
}

/** 0-based column of the cell reading `text` in row `row` of `sheet`. */
function locateIn(run: Run, sheet: string, row: number, text: string): Promise<number | undefined> {
  return run(async (context) => {
    const cells = context.workbook.worksheets.getItem(sheet).getRangeByIndexes(row, 0, 1, 250);
    cells.load("values");
    await context.sync();
    const c = (cells.values[0] ?? []).findIndex((v) => v === text);
    return c < 0 ? undefined : c;
  });
}

/** Calls `listener` on each selection change; resolves to a function that stops it. */
function onSelectionChangedIn(run: Run, listener: () => void): Promise<() => void> {
  return run(async (context) => {
    const handler = context.workbook.onSelectionChanged.add(async () => listener());
    await context.sync();
    return () => {
      void run(async (ctx) => {
        handler.remove();
        await ctx.sync();
      }).catch(() => undefined);
    };
  });
}

/** Close quarter and Delete a period, on the KAM History sheet (loaded on first use, as the builder). */
function historyActions(run: Run): Pick<WizardHost, "closeQuarter" | "deletePeriod" | "listPeriods"> {
  const today = () => new Date().toISOString().slice(0, 10);
  return {
    closeQuarter: async (period, names) => {
      const { closeQuarterInExcel, closeQuarterReport } = await loadCloseQuarter();
      const scope = { scoring: names.scoring, portfolio: names.portfolio };
      const r = await run((context) => closeQuarterInExcel(context, { period, date: today(), names: scope }));
      const rebuildWhy = r.reviewColumns ? undefined : `${names.scoring} shows each customer's previous score, trend and rank change against ${r.period} once the sheets are built again.`;
      return { report: closeQuarterReport(r), rebuildWhy };
    },
    listPeriods: async () => {
      const { historyPeriodsInExcel } = await loadCloseQuarter();
      return run((context) => historyPeriodsInExcel(context));
    },
    deletePeriod: async (period) => {
      const { deletePeriodInExcel, deletePeriodReport } = await loadCloseQuarter();
      const r = await run((context) => deletePeriodInExcel(context, period));
      return { report: deletePeriodReport(r), rebuildWhy: "The portfolio's list of closed periods is brought up to date when the sheets are built again." };
    },
  };
}

export function officeHost(run: Run = (batch) => Excel.run(batch), runOn: RunOn = (context, batch) => Excel.run(context, batch)): WizardHost {
  return {
    prefetch: () => void loadBuilder().catch(() => undefined),
    run: (batch, context) => (context ? runOn(context, batch) : run(batch)),
    listSources: async () => {
      const { offeredSources } = await loadSource();
      return run((context) => offeredSources(context));
    },
    readSource: async (id) => {
      const { readSource } = await loadSource();
      return run((context) => readSource(context, id));
    },
    readPrevious: async () => {
      const [{ readPreviousSettings }] = await loadBuilder();
      return run((context) => readPreviousSettings(context));
    },
    build: (request, onProgress, signal) => buildInExcel(run, request, onProgress, signal),
    activate: async (sheet) => {
      const [{ activateSheet }] = await loadBuilder();
      return run((context) => activateSheet(context, sheet));
    },
    ...historyActions(run),
    selectCell: (address) => selectCellIn(run, address),
    locate: (sheet, row, text) => locateIn(run, sheet, row, text),
    onSelectionChanged: (listener) => onSelectionChangedIn(run, listener),
  };
}
