/** The wizard's view of Excel, through Office.js: each call is one `Excel.run` batch. */
import { DEFAULT_SHEET_NAMES } from "../workbook/sheets/registry";
import type * as BuildSheetsModule from "./build-sheets";
import { listSources, readSource } from "./excel-source";
import { BuildCancelled, type WizardHost } from "./wizard/host";

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The add-in's own sheets (and their "(2)" variants) are never offered as a source. */
const OWN = new Set(Object.values(DEFAULT_SHEET_NAMES).map((n) => n.toLowerCase()));
const isOwnSheet = (name: string) => OWN.has(name.toLowerCase().replace(/ \(\d+\)$/, ""));

/** Splits 'My sheet'!B7 into the sheet name and B7. */
export function splitAddress(address: string): { sheet?: string; cells: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { cells: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, cells: address.slice(bang + 1) };
}

/**
 * The sheet builder (and the plan builder it falls back to) load after the pane is on screen:
 * not needed for step 1, they were a fifth of the code the pane parsed before its first render.
 */
let builder: Promise<[typeof BuildSheetsModule, typeof import("./wizard/compute")]> | undefined;
function loadBuilder(): Promise<[typeof BuildSheetsModule, typeof import("./wizard/compute")]> {
  builder ??= Promise.all([import(/* webpackChunkName: "builder" */ "./build-sheets"), import(/* webpackChunkName: "builder" */ "./wizard/compute")]).catch((e: unknown) => {
    builder = undefined;
    throw e;
  });
  return builder;
}

/** Progress from here on cannot be cancelled: the new sheets stand (see buildSheets' commit step). */
const COMMITTED = 0.97;

/** `runOn` continues on the context of an earlier batch (removing event handlers needs it). */
type RunOn = <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export function officeHost(run: Run = (batch) => Excel.run(batch), runOn: RunOn = (context, batch) => Excel.run(context, batch)): WizardHost {
  return {
    prefetch: () => void loadBuilder().catch(() => undefined),
    run: (batch, context) => (context ? runOn(context, batch) : run(batch)),
    listSources: () =>
      run(async (context) =>
        (await listSources(context))
          // No empty entries and none on the add-in's own sheets: neither can be a customer table.
          .filter((s) => s.rows > 0 && !isOwnSheet(s.sheet))
          .map((s) => ({
            id: s.id,
            label: s.name,
            detail: `${s.address.includes("!") ? s.address : `${s.sheet}!${s.address}`} · ${s.rows.toLocaleString()} row${s.rows === 1 ? "" : "s"}`,
            rows: s.rows,
            sheet: s.sheet,
            kind: s.ref.kind === "selection" ? ("selection" as const) : ("table" as const),
          })),
      ),
    readSource: (id) => run((context) => readSource(context, id)),
    readPrevious: async () => {
      const [{ readPreviousSettings }] = await loadBuilder();
      return run((context) => readPreviousSettings(context));
    },
    build: async (request, onProgress, signal) => {
      const [{ buildSheets }, { computeInWorker }] = await loadBuilder();
      return run(async (context) => {
        // Cancelling works through the progress callback: buildSheets calls it between syncs,
        // and a throw before the commit step makes it put the workbook back and reject.
        const result = await buildSheets(
          context,
          request,
          (message, fraction) => {
            if (signal?.aborted && fraction < COMMITTED) throw new BuildCancelled();
            onProgress(message, fraction);
          },
          // The sheets are computed in a Web Worker: the pane stays responsive meanwhile.
          { compute: computeInWorker },
        );
        const summary = { ...result.summary, warnings: [...result.summary.warnings, ...result.warnings] };
        return { summary, sheetNames: result.sheetNames };
      });
    },
    activate: async (sheet) => {
      const [{ activateSheet }] = await loadBuilder();
      return run((context) => activateSheet(context, sheet));
    },
    closeQuarter: async (period, names) => {
      // Loaded on first use, as the builder (not needed for the pane's first screen).
      const { closeQuarterInExcel, closeQuarterReport } = await import(/* webpackChunkName: "builder" */ "./close-quarter");
      return run(async (context) => closeQuarterReport(await closeQuarterInExcel(context, { period, date: new Date().toISOString().slice(0, 10), names: { scoring: names.scoring, portfolio: names.portfolio } })));
    },
    selectCell: (address) =>
      run(async (context) => {
        const { sheet, cells } = splitAddress(address);
        const ws = sheet ? context.workbook.worksheets.getItem(sheet) : context.workbook.worksheets.getActiveWorksheet();
        ws.activate();
        ws.getRange(cells).select();
        await context.sync();
      }),
    locate: (sheet, row, text) =>
      run(async (context) => {
        const cells = context.workbook.worksheets.getItem(sheet).getRangeByIndexes(row, 0, 1, 250);
        cells.load("values");
        await context.sync();
        const c = (cells.values[0] ?? []).findIndex((v) => v === text);
        return c < 0 ? undefined : c;
      }),
    onSelectionChanged: (listener) =>
      run(async (context) => {
        const handler = context.workbook.onSelectionChanged.add(async () => listener());
        await context.sync();
        return () => {
          void run(async (ctx) => {
            handler.remove();
            await ctx.sync();
          }).catch(() => undefined);
        };
      }),
  };
}
