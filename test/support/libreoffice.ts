/**
 * LibreOffice Calc, headless, as an independent formula engine: opens .xlsx files, recomputes
 * every formula on load (a fresh profile set to "always recalculate"), and converts them.
 * Used by the LibreOffice test and by the benchmark.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SOFFICE } from "../../scripts/test-deps.mjs";

/** CSV filter options: comma, double quotes, UTF-8, from line 1, raw values (not as shown), every sheet. */
export const CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

/** Makes (in `dir`) a LibreOffice profile that recalculates every formula of an .xlsx on load. */
export function recalculatingProfile(dir: string): string {
  mkdirSync(join(dir, "user"), { recursive: true });
  writeFileSync(
    join(dir, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return dir;
}

/** Opens `files` in LibreOffice (recomputing them) and converts them with `filter` into `outDir`. */
export function convertWithLibreOffice(files: string[], outDir: string, filter: string, profile: string): void {
  const run = spawnSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, ...files], {
    encoding: "utf8",
    timeout: 1_800_000,
  });
  if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
}
