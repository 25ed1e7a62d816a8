#!/usr/bin/env node
// Runs the TypeScript CLI in src/cli through tsx, so no build step is needed.
require("tsx/cjs");
const { main } = require("../src/cli/kam-workbook.ts");

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`kam-workbook: internal error: ${e && e.message ? e.message : e}`);
    process.exitCode = 3;
  },
);
