/**
 * Browser build of the fake Excel host for the task pane tests: installs `window.Excel` (the
 * subset of the API the add-in uses, over HyperFormula) and seeds the workbook from
 * `window.__KAM_SEED__` = { sheet, table, rows, prebuilt }. With `prebuilt`, the KAM sheets are
 * built first (as an earlier session of the wizard would have) and `window.__kamReady`
 * resolves when they are. Tests inspect `window.__kamFake`.
 */
import { FakeExcel, SeedCell } from "./fake-excel";
import { runWizard } from "./wizard-flow";

declare global {
  interface Window {
    __KAM_SEED__?: { sheet: string; table: string; rows: SeedCell[][]; prebuilt?: boolean; evaluate?: boolean; sliceMs?: number } | null;
    /** What the fake Office reports in Office.context: displayLanguage, officeTheme. */
    __KAM_OFFICE__?: { displayLanguage?: string; officeTheme?: Record<string, unknown> };
    __kamFake?: FakeExcel;
    __kamReady?: Promise<unknown>;
  }
}

// The fake measures payloads with Node's Buffer.byteLength; the browser has TextEncoder.
const g = globalThis as unknown as { Buffer?: { byteLength(s: string): number } };
if (!g.Buffer) {
  const enc = new TextEncoder();
  g.Buffer = { byteLength: (s: string) => enc.encode(s).length };
}

const seed = window.__KAM_SEED__;
const fake = new FakeExcel({ evaluate: seed?.evaluate });
fake.sliceMs = seed?.sliceMs ?? 0;
if (seed) fake.addSheet(seed.sheet, seed.rows, { table: seed.table });
window.__kamFake = fake;
window.__kamReady = seed?.prebuilt ? runWizard(fake) : Promise.resolve();
(window as unknown as { Excel: unknown }).Excel = { run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => fake.run(batch) };

// Office.context outside Office has no display language or theme: report the test's, as Excel
// would. office.js is loaded by then; its context object may be set later, so wrap whatever it is.
const office = window.__KAM_OFFICE__;
if (office && (office.displayLanguage || office.officeTheme)) {
  document.addEventListener("DOMContentLoaded", () => {
    const O = (window as unknown as { Office?: Record<string, unknown> }).Office;
    if (!O) return;
    let real = (O.context ?? {}) as Record<string, unknown>;
    const wrap = () =>
      new Proxy(real, {
        get: (t, p) => (p === "displayLanguage" && office.displayLanguage ? office.displayLanguage : p === "officeTheme" && office.officeTheme ? office.officeTheme : Reflect.get(t, p)),
      });
    Object.defineProperty(O, "context", { configurable: true, get: wrap, set: (v) => (real = v) });
  });
}
