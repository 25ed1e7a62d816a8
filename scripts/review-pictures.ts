/**
 * Makes the pictures of the README's "Quarterly review" walkthrough: three quarters of the
 * sample customers closed with kam-workbook, a fourth built against that history, the
 * workbook recomputed and printed to PDF by LibreOffice, and the pages showing the portfolio,
 * the scoring sheet's review columns and the history rendered to PNG with pdftoppm (Debian's
 * poppler-utils). Run: npx tsx scripts/review-pictures.ts
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/kam-workbook";
import { convertWithLibreOffice, recalculatingProfile } from "../test/support/libreoffice";

const OUT = join(process.cwd(), "docs", "images");
const dir = mkdtempSync(join(tmpdir(), "kam-pictures-"));
const lines = readFileSync("assets/sample-customers.csv", "utf8").trim().split("\n");
const header = lines[0].split(",");
const revenue = header.indexOf("Revenue");

/** The sample with some customers' revenue moved, so the key set changes from quarter to quarter. */
function quarter(q: number): string {
  const rows = lines.slice(1).map((l, i) => {
    const cells = l.split(",");
    const factor = q === 0 ? 1 : i % 7 === q ? 3 : i % 5 === q ? 0.4 : 1 + 0.03 * q;
    cells[revenue] = String(Math.round(Number(cells[revenue]) * factor));
    return cells.join(",");
  });
  const file = join(dir, `q${q + 1}.csv`);
  writeFileSync(file, [lines[0], ...rows].join("\n"));
  return file;
}

async function run(args: string[]): Promise<void> {
  const code = await main(args, (s) => console.log(s), (s) => console.error(s));
  if (code !== 0) throw new Error(`kam-workbook ${args.join(" ")} exited ${code}`);
}

function tool(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.error?.message} (install poppler-utils for pdftoppm and pdftotext)`);
  return r.stdout;
}

async function pictures(): Promise<void> {
let previous: string | undefined;
for (const q of [0, 1, 2]) {
  const output = join(dir, `q${q + 1}.xlsx`);
  await run([quarter(q), "-o", output, "--force", "--close", `2026 Q${q + 1}`, "--close-date", ["2026-03-31", "2026-06-30", "2026-09-30"][q], ...(previous ? ["--history", previous] : [])]);
  previous = output;
}
const final = join(dir, "review.xlsx");
await run([quarter(3), "-o", final, "--force", "--history", previous!]);

convertWithLibreOffice([final], dir, "pdf", recalculatingProfile(join(dir, "profile")));
const pdf = join(dir, "review.pdf");
const pages = Number(/Pages:\s+(\d+)/.exec(tool("pdfinfo", [pdf]))?.[1] ?? 0);
const wanted: [string, RegExp][] = [
  ["review-portfolio", /Key-account portfolio/],
  ["review-scoring", /Previous\s+Trend/],
  ["review-history", /Key-account history/],
];
mkdirSync(OUT, { recursive: true });
for (const [name, pattern] of wanted) {
  let page = 0;
  for (let p = 1; p <= pages && page === 0; p++) if (pattern.test(tool("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"]))) page = p;
  if (page === 0) throw new Error(`no page shows ${pattern}`);
  tool("pdftoppm", ["-png", "-r", "70", "-f", String(page), "-l", String(page), "-singlefile", pdf, join(dir, name)]);
  renameSync(join(dir, `${name}.png`), join(OUT, `${name}.png`));
  console.log(`docs/images/${name}.png: page ${page} of ${pages}`);
}
console.log(readdirSync(OUT).join(", "));
}

pictures().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
