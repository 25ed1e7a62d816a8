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

