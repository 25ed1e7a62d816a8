/**
 * npm run gen [-- --check]: writes, from the function specs (src/functions/specs), the custom
 * functions with their JSDoc (src/functions/functions.ts), the function sections of
 * src/help/help.html and the README function table. With --check it writes nothing and exits
 * with status 1 when a file is out of date (test/functions/specs.test.ts checks the same).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ALL_SPECS } from "../src/functions/specs";
import { generatedFiles } from "./function-docs";

const ROOT = resolve(__dirname, "..");
const check = process.argv.includes("--check");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

let stale = 0;
for (const { path, content } of generatedFiles(ALL_SPECS, read)) {
  if (read(path) === content) continue;
  if (check) {
    console.error(`${path} is out of date: run npm run gen`);
    stale++;
  } else {
    writeFileSync(join(ROOT, path), content);
    console.log(`wrote ${path}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
