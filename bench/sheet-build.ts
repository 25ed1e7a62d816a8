/** Sheet builds against the fake Excel host: syncs, request payload and add-in CPU time. */
import { buildSheets } from "../src/taskpane/build-sheets";
import { buildWorkbook } from "../src/workbook/build";
import { FakeExcel } from "../test/fake-excel/fake-excel";
import { syntheticInput } from "./synthetic";

export interface SheetBuildResult {
  customers: number;
  syncs: number;
  largestRequestBytes: number;
  totalRequestBytes: number;
  /** Add-in CPU for the sheet plan (validation, builders, summary): buildWorkbook timed alone. */
  planMs: number;
  /** Whole build against the fake host (plan, writer and the fake's own work): an upper bound. */
  wallMs: number;
}

export async function benchSheetBuilds(sizes: number[]): Promise<SheetBuildResult[]> {
  const out: SheetBuildResult[] = [];
  for (const n of sizes) {
    const input = syntheticInput(n);
    const p0 = performance.now();
    buildWorkbook(input);
    const planMs = performance.now() - p0;
    // Formulas are not evaluated here (that is part 3); the fake only records what is written.
    const fake = new FakeExcel({ evaluate: false });
    fake.resetStats();
    const t0 = performance.now();
    await fake.run((context) => buildSheets(context, input));
    const wallMs = performance.now() - t0;
    const r: SheetBuildResult = {
      customers: n,
      syncs: fake.stats.syncs,
      largestRequestBytes: fake.stats.largestBytes,
      totalRequestBytes: fake.stats.totalBytes,
      planMs,
      wallMs,
    };
    out.push(r);
    console.log(
      `build ${String(n).padStart(6)} customers: ${r.syncs} syncs, largest request ${(r.largestRequestBytes / 1e6).toFixed(2)} MB, total ${(r.totalRequestBytes / 1e6).toFixed(2)} MB, plan ${r.planMs.toFixed(0)} ms, whole build with the fake host ${wallMs.toFixed(0)} ms`,
    );
  }
  return out;
}
