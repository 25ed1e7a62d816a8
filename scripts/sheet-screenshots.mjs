#!/usr/bin/env node
/**
 * Renders the README's sheet pictures as a reader would see them printed, with LibreOffice
 * (recomputing every formula on load) and poppler-utils.
 *
 * 1. One picture per sheet of the demo workbook: builds out/key-accounts.xlsx from the sample (as
 *    `npm run demo`, with fixed costs of 2,000,000 and amounts in EUR), prints it to PDF, finds
 *    each sheet's first page by the sheet name in its footer, and renders that page to
 *    docs/images/<sheet>.png.
 * 2. The quarterly review: closes three quarters with the CLI (2026 Q1 is the sample; Q2, Q3 and
 *    Q4 are the sample with some revenues changed by a fixed rule, written to a temp dir, so that
 *    key accounts move), builds 2026 Q4 against that history and renders its summary page, its portfolio page, the
 *    scoring page with the review columns and the history's first page to docs/images/review-*.png.
 * Needs LibreOffice and poppler-utils from Debian (installed when missing, see test-deps.mjs).
 * Usage: npm run screenshots:sheets (npm run screenshots makes the pane pictures too)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { ensureTestPrograms, PDFTOPPM, PDFTOTEXT, recalculatingProfile, SOFFICE } from "./test-deps.mjs";

ensureTestPrograms();
const root = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "kam-screenshots-"));
const sample = join(root, "assets", "sample-customers.csv");
const out = join(root, "docs", "images");
mkdirSync(out, { recursive: true });

/** Writes `xlsx` from `csv` with the CLI, as the demo does (fixed costs 2,000,000, EUR), plus `extra` options. */
function buildWorkbook(csv, xlsx, extra = []) {
  const args = [join(root, "bin", "kam-workbook.cjs"), csv, "-o", xlsx, "--fixed-costs", "2000000", "--currency", "EUR", "--force", ...extra];
  execFileSync(process.execPath, args, { stdio: "inherit" });
}

// A fresh LibreOffice profile that recomputes every formula on load.
const profile = recalculatingProfile(join(work, "profile"));

/**
 * Prints `xlsx` to PDF with LibreOffice; returns the PDF and its pages, each with its text and
 * its sheet: the footer's first word group (left footer "&A").
 */
function printToPdf(xlsx) {
  execFileSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, xlsx], { stdio: "ignore" });
  const pdf = join(work, basename(xlsx).replace(/\.xlsx$/, ".pdf"));
  const text = spawnSync(PDFTOTEXT, ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).stdout;
  const pages = text
    .split("\f")
    .filter((p, i, all) => i < all.length - 1 || p.trim() !== "")
    .map((page, i) => {
      const footer = page.trimEnd().split("\n").pop() ?? "";
      return { number: i + 1, text: page, sheet: /^\s*(KAM [A-Za-z ]+?)\s{2,}/.exec(footer)?.[1] };
    });
  return { pdf, pages };
}

/** Renders one page of `pdf` to docs/images/<file>.png. */
function renderPage(pdf, page, file, what) {
  execFileSync(PDFTOPPM, ["-png", "-r", "110", "-f", String(page.number), "-l", String(page.number), "-singlefile", pdf, join(work, file)]);
  copyFileSync(join(work, `${file}.png`), join(out, `${file}.png`));
  console.log(`docs/images/${file}.png: ${what}, page ${page.number}`);
}

// 1. The demo: the first page of each sheet.
const demo = join(root, "out", "key-accounts.xlsx");
buildWorkbook(sample, demo);
const printed = printToPdf(demo);
const seen = new Set();
for (const page of printed.pages) {
  if (!page.sheet || seen.has(page.sheet)) continue;
  seen.add(page.sheet);
  renderPage(printed.pdf, page, page.sheet.toLowerCase().replace(/\s+/g, "-"), page.sheet);
}
console.log(`The demo workbook prints as ${printed.pages.length} pages.`);

// 2. The quarterly review.
/**
 * The sample as it might look in a later quarter (1, 2, 3): a fixed rule, so the pictures come
 * out the same on every run. Customer number i (0-based) grows by 60% when i % 7 == quarter and
 * loses 50% when i % 5 == quarter; everything else is unchanged.
 */
function laterQuarter(quarter) {
  const [header, ...rows] = readFileSync(sample, "utf8").trimEnd().split(/\r?\n/);
  const revenueAt = header.split(",").indexOf("Revenue");
  const changed = rows.map((row, i) => {
    const cells = row.split(",");
    const factor = (i % 7 === quarter ? 1.6 : 1) * (i % 5 === quarter ? 0.5 : 1);
    cells[revenueAt] = String(Math.round(Number(cells[revenueAt]) * factor));
    return cells.join(",");
  });
  const csv = join(work, `2026-q${quarter + 1}.csv`);
  writeFileSync(csv, [header, ...changed].join("\n") + "\n");
  return csv;
}

let history;
for (const quarter of [0, 1, 2]) {
  const period = `2026 Q${quarter + 1}`;
  const xlsx = join(work, `2026-q${quarter + 1}.xlsx`);
  const closeDate = ["2026-03-31", "2026-06-30", "2026-09-30"][quarter];
  buildWorkbook(quarter === 0 ? sample : laterQuarter(quarter), xlsx, [...(history ? ["--history", history] : []), "--close", period, "--close-date", closeDate]);
  history = xlsx;
}
const review = join(work, "2026-q4.xlsx");
buildWorkbook(laterQuarter(3), review, ["--history", history]);
const reviewed = printToPdf(review);
const first = (sheet, has = "") => reviewed.pages.find((p) => p.sheet === sheet && p.text.includes(has));
const wanted = [
  ["review-summary", "KAM Summary", "Since the last review"],
  ["review-portfolio", "KAM Portfolio", ""],
  ["review-scoring", "KAM Scoring", "Trend"],
  ["review-history", "KAM History", ""],
];
for (const [file, sheet, has] of wanted) {
  const page = first(sheet, has);
  if (!page) throw new Error(`The review workbook has no ${sheet} page${has ? ` showing "${has}"` : ""}`);
  renderPage(reviewed.pdf, page, file, sheet);
}
console.log(`The review workbook prints as ${reviewed.pages.length} pages.`);
rmSync(work, { recursive: true, force: true });
