#!/usr/bin/env node
/**
 * The programs from Debian's packages that the tests drive, and a way to get them:
 *
 *   chromium               the task pane tests (playwright-core, never a downloaded browser)
 *   fonts-liberation       metric-compatible fonts, so the pane lays out as with Arial/Segoe
 *   libreoffice-calc-nogui recomputes the .xlsx the add-in writes, as a third formula engine
 *   python3-uno            drives LibreOffice over UNO: user actions on built workbooks (sort,
 *                          insert, delete, paste) in test/support/uno-actions.py
 *   python3-openpyxl       reads the .xlsx as pandas/openpyxl users do (charts, tables, print setup, cached values)
 *   poppler-utils          reads the PDF LibreOffice prints (page count, chart text) and renders the README pictures
 *
 * `npm test` calls `ensureTestPrograms()` once (vitest globalSetup): when a program is missing
 * and apt-get can be run (as root, or through sudo), it installs the packages; otherwise it
 * stops with the command to run. `node scripts/test-deps.mjs` does the same by hand.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const CHROMIUM = "/usr/bin/chromium";
export const SOFFICE = "/usr/bin/soffice";
export const LIBERATION_SANS = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf";
/** Debian's LibreOffice UNO bridge for its own python3. */
export const UNO_MODULE = "/usr/lib/python3/dist-packages/uno.py";
/** Debian's Python, with Debian's openpyxl (not a pyenv or virtualenv one earlier on PATH). */
export const PYTHON = "/usr/bin/python3";
export const PDFTOTEXT = "/usr/bin/pdftotext";
export const PDFTOPPM = "/usr/bin/pdftoppm";

const PROGRAMS = [
  { path: CHROMIUM, pkg: "chromium", use: "the task pane tests" },
  { path: LIBERATION_SANS, pkg: "fonts-liberation", use: "laying out the task pane in its tests as with the fonts Office uses" },
  { path: SOFFICE, pkg: "libreoffice-calc-nogui", use: "recomputing the generated .xlsx in LibreOffice" },
  { path: UNO_MODULE, pkg: "python3-uno", use: "user actions on built workbooks in LibreOffice (UNO)" },
  { path: "/usr/lib/python3/dist-packages/openpyxl", pkg: "python3-openpyxl", use: "reading the generated .xlsx with openpyxl" },
  { path: PDFTOTEXT, pkg: "poppler-utils", use: "reading the PDF LibreOffice prints, and the README pictures" },
];

function can(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

export function ensureTestPrograms(log = (s) => console.log(s)) {
  const missing = PROGRAMS.filter((p) => !existsSync(p.path));
  if (missing.length === 0) return;
  const pkgs = missing.map((p) => p.pkg);
  const why = missing.map((p) => `${p.path} (${p.pkg}, for ${p.use})`).join(", ");
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  const sudo = !root && can("sudo") ? ["sudo"] : [];
  if (!can("apt-get") || (!root && sudo.length === 0)) {
    throw new Error(`The tests need ${why}. Install with: sudo apt-get install --no-install-recommends ${pkgs.join(" ")}`);
  }
  log(`Installing ${pkgs.join(", ")} from Debian's packages for the tests: missing ${why}.`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    execFileSync(cmd, rest, { stdio: "inherit", env });
  };
  run(["apt-get", "update"]);
  run(["apt-get", "install", "-y", "--no-install-recommends", ...pkgs]);
  const still = missing.filter((p) => !existsSync(p.path));
  if (still.length > 0) throw new Error(`apt-get finished but ${still.map((p) => p.path).join(", ")} is still missing.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) ensureTestPrograms();

/** Makes (in `dir`) a LibreOffice profile that recalculates every formula of an .xlsx on load. */
export function recalculatingProfile(dir) {
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
