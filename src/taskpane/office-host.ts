/** The wizard's view of Excel, through Office.js: each call is one `Excel.run` batch. */
import { activateSheet, buildSheets, readPreviousSettings } from "./build-sheets";
import { closeQuarterInExcel, closeQuarterReport } from "./close-quarter";
import { listSources, readSource } from "./excel-source";
import type { WizardHost } from "./wizard/host";

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export function officeHost(run: Run = (batch) => Excel.run(batch)): WizardHost {
  return {
    listSources: () => run(async (context) => (await listSources(context)).map((s) => ({ id: s.id, label: s.label }))),
    readSource: (id) => run((context) => readSource(context, id)),
    readPrevious: () => run((context) => readPreviousSettings(context)),
    build: (request, onProgress) =>
      run(async (context) => {
        const result = await buildSheets(context, request, onProgress);
        const summary = { ...result.summary, warnings: [...result.summary.warnings, ...result.warnings] };
        return { summary, sheetNames: result.sheetNames };
      }),
    activate: (sheet) => run((context) => activateSheet(context, sheet)),
    closeQuarter: (period, names) =>
      run(async (context) => closeQuarterReport(await closeQuarterInExcel(context, { period, date: new Date().toISOString().slice(0, 10), names: { scoring: names.scoring, portfolio: names.portfolio } }))),
  };
}
