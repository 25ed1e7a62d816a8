/**
 * The CLI at scale: writes a synthetic customer CSV of N rows (seeded, same shape as the
 * sample), runs `kam-workbook` on it in a fresh process, and prints JSON with the wall time,
 * the exit code and the child's peak resident set (maxRSS). Usage:
 *   tsx bench/cli-scale.ts N [dir]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { syntheticTable } from "./synthetic";

export function writeSyntheticCsv(n: number, file: string): void {
  const t = syntheticTable(n);
  writeFileSync(file, Papa.unparse({ fields: t.headers, data: t.rows as unknown[][] }));
}

export function runCliAtScale(n: number, dir = mkdtempSync(join(tmpdir(), "kam-cli-"))): { n: number; seconds: number; cpuSeconds: number; exitCode: number | null; peakRssMB: number; stderr: string } {
  const csv = join(dir, `customers-${n}.csv`);
  writeSyntheticCsv(n, csv);
  const out = join(dir, `key-accounts-${n}.xlsx`);
  // /usr/bin/time is not always there: the child reports its own peak RSS at exit.
  const probe = join(dir, "probe.cjs");
  // Its CPU time too: on the shared machine the wall time is often several times the work.
  writeFileSync(probe, `process.on("exit", () => { const u = process.resourceUsage(); require("fs").writeFileSync(${JSON.stringify(join(dir, "rss"))}, JSON.stringify([u.maxRSS, (u.userCPUTime + u.systemCPUTime) / 1e6])); });\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ["--require", probe, join(__dirname, "../bin/kam-workbook.cjs"), csv, "-o", out, "--force"], { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const seconds = (Date.now() - started) / 1000;
  const [rssKB, cpuSeconds] = JSON.parse(readFileSync(join(dir, "rss"), "utf8")) as [number, number];
  return { n, seconds, cpuSeconds, exitCode: run.status, peakRssMB: rssKB / 1024, stderr: run.stderr.slice(-2000) };
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 100_000);
  console.log(JSON.stringify(runCliAtScale(n, process.argv[3])));
}
