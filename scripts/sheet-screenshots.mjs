#!/usr/bin/env node
/**
 * Renders one picture per sheet of the demo workbook for the README, as a reader would see it
 * printed: builds out/key-accounts.xlsx from the sample (as `npm run demo`, with fixed costs of
 * 2,000,000 and amounts in EUR), prints it to PDF with LibreOffice (recomputing every formula), finds each sheet's first
 * page by the sheet name in its footer, and renders that page to docs/images/<sheet>.png.
 * Needs LibreOffice and poppler-utils from Debian (installed when missing, see test-deps.mjs).
 * Usage: npm run screenshots:sheets (npm run screenshots makes the pane pictures too)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureTestPrograms, PDFTOPPM, PDFTOTEXT, SOFFICE } from "./test-deps.mjs";

ensureTestPrograms();
const root = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "kam-screenshots-"));
const xlsx = join(root, "out", "key-accounts.xlsx");
execFileSync(process.execPath, [join(root, "bin", "kam-workbook.cjs"), join(root, "assets", "sample-customers.csv"), "-o", xlsx, "--fixed-costs", "2000000", "--currency", "EUR", "--force"], {
  stdio: "inherit",
});

// A fresh LibreOffice profile that recomputes every formula on load.
const profile = join(work, "profile");
mkdirSync(join(profile, "user"), { recursive: true });
writeFileSync(
  join(profile, "user", "registrymodifications.xcu"),
  `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
);
execFileSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, xlsx], { stdio: "ignore" });
const pdf = join(work, "key-accounts.pdf");
const text = spawnSync(PDFTOTEXT, ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).stdout;
const pages = text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim() !== "");
const out = join(root, "docs", "images");
mkdirSync(out, { recursive: true });
const seen = new Set();
pages.forEach((page, i) => {
  // The footer's first word group is the sheet name (left footer "&A").
  const footer = page.trimEnd().split("\n").pop() ?? "";
  const sheet = /^\s*(KAM [A-Za-z ]+?)\s{2,}/.exec(footer)?.[1];
  if (!sheet || seen.has(sheet)) return;
  seen.add(sheet);
  const file = sheet.toLowerCase().replace(/\s+/g, "-");
  execFileSync(PDFTOPPM, ["-png", "-r", "110", "-f", String(i + 1), "-l", String(i + 1), "-singlefile", pdf, join(work, file)]);
  copyFileSync(join(work, `${file}.png`), join(out, `${file}.png`));
  console.log(`docs/images/${file}.png: ${sheet}, page ${i + 1} of ${pages.length}`);
});
console.log(`The demo workbook prints as ${pages.length} pages.`);
