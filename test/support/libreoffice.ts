/**
 * LibreOffice Calc, headless, as an independent formula engine: opens .xlsx files, recomputes
 * every formula on load (a fresh profile set to "always recalculate"), and converts them.
 * Used by the LibreOffice test and by the benchmark.
 */
import { spawnSync } from "node:child_process";
import { recalculatingProfile, SOFFICE } from "../../scripts/test-deps.mjs";

/** CSV filter options: comma, double quotes, UTF-8, from line 1, raw values (not as shown), every sheet. */
export const CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

// The profile itself is made in scripts/test-deps.mjs, which the README picture script shares.
export { recalculatingProfile };

/** Opens `files` in LibreOffice (recomputing them) and converts them with `filter` into `outDir`. */
export function convertWithLibreOffice(files: string[], outDir: string, filter: string, profile: string): void {
  const run = spawnSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, ...files], {
    encoding: "utf8",
    timeout: 1_800_000,
  });
  if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
}
