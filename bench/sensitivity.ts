/**
 * npx tsx bench/sensitivity.ts [--quick]: issue 13's speed targets, measured on the
 * cell-level functions called as Excel calls them (2-D arrays of cell values in):
 *   KEYPROB   1,000 customers × 12 criteria × 10,000 samples   ≤ 2 s
 *   LOSSVAR   exact, 25 customers                             ≤ 0.5 s
 *   LOSSVAR   binned, 10,000 customers                        ≤ 1 s
 *   WEIGHTRANGE 10,000 customers × 12 criteria                ≤ 0.5 s
 * plus LOSSRISK and an AHP completion for reference. Prints the median (and quartiles) of
 * several runs; --quick runs each case fewer times.
 */
import * as ks from "../src/core/kam-sensitivity";
import { lossDistribution } from "../src/core/loss-risk";
import { xoshiro128ss } from "../src/core/smaa";

const quick = process.argv.includes("--quick");
const random = xoshiro128ss(2026);

/** Scores 1–10 with two decimals, one row per customer. */
function scores(customers: number, criteria: number): number[][] {
  return Array.from({ length: customers }, () => Array.from({ length: criteria }, () => Math.round((1 + 9 * random()) * 100) / 100));
}
const weights = (criteria: number) => [Array.from({ length: criteria }, (_, k) => k + 1)];
/** Margins spread like a customer base (log-uniform over three decades), churn probabilities 2–30%. */
function churn(customers: number): { margins: number[][]; probabilities: number[][] } {
  return {
    margins: Array.from({ length: customers }, () => [Math.round(Math.exp(6 + 7 * random()))]),
    probabilities: Array.from({ length: customers }, () => [Math.round((0.02 + 0.28 * random()) * 1000) / 1000]),
  };
}

interface Row {
  name: string;
  median: number;
  p25: number;
  p75: number;
  /** Median CPU time of this process (user + system), which load from other processes does not inflate. */
  cpu: number;
  runs: number;
  target?: number;
  note?: string;
}

function measure(name: string, runs: number, f: () => unknown, target?: number, note?: string): Row {
  f(); // warm-up (JIT)
  const times: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * (times.length - 1) + 0.5))];
  return { name, median: at(0.5), p25: at(0.25), p75: at(0.75), cpu: cpus[Math.floor((cpus.length - 1) / 2)], runs, target, note };
}

const rows: Row[] = [];
const runs = quick ? 3 : 7;

{
  const s = scores(1000, 12);
  rows.push(measure("KEYPROB 1,000 × 12, 10,000 samples, n = 25", runs, () => ks.KEYPROB(s, weights(12), 25), 2000));
  rows.push(measure("KEYPROB 1,000 × 12, 10,000 samples, spread 0.3", runs, () => ks.KEYPROB(s, weights(12), 25, 0.3)));
}
{
  const c = churn(25);
  rows.push(measure("LOSSVAR exact, 25 customers", runs, () => ks.LOSSVAR(c.margins, c.probabilities, 0.95), 500));
  rows.push(measure("LOSSRISK exact, 25 customers", runs, () => ks.LOSSRISK(c.margins, c.probabilities, 1e5)));
  const c30 = churn(30);
  rows.push(measure("LOSSVAR exact, 30 customers (the exact limit)", runs, () => ks.LOSSVAR(c30.margins, c30.probabilities, 0.95)));
}
{
  const c = churn(10000);
  const d = lossDistribution(
    c.margins.map((r) => r[0]),
    c.probabilities.map((r) => r[0]),
  );
  const total = c.margins.reduce((s, r) => s + Math.abs(r[0]), 0);
  const note = `δ = ${d.lossError.toFixed(0)} = ${((100 * d.lossError) / total).toFixed(3)}% of Σ|margin|, ε = ${d.probabilityError.toExponential(1)}`;
  rows.push(measure("LOSSVAR binned, 10,000 customers", runs, () => ks.LOSSVAR(c.margins, c.probabilities, 0.95), 1000, note));
  const c100k = churn(100000);
  rows.push(measure("LOSSVAR binned, 100,000 customers", quick ? 1 : 3, () => ks.LOSSVAR(c100k.margins, c100k.probabilities, 0.95)));
}
{
  const s = scores(10000, 12);
  rows.push(measure("WEIGHTRANGE 10,000 × 12, n = 25", runs, () => ks.WEIGHTRANGE(s, weights(12), 25), 500));
  rows.push(measure("WEIGHTRANGE 10,000 × 12, n = 5,000", runs, () => ks.WEIGHTRANGE(s, weights(12), 5000)));
}
{
  // 12 criteria, 20 of 66 pairs unanswered (connected), judgements from a noisy consistent matrix
  const n = 12;
  const w = Array.from({ length: n }, () => 1 + 8 * random());
  const grid: (number | null)[][] = w.map((wi) => w.map((wj) => wi / wj));
  let blanks = 0;
  for (let i = 0; i < n && blanks < 20; i++) {
    for (let j = i + 2; j < n && blanks < 20; j += 2) {
      grid[i][j] = grid[j][i] = null;
      blanks++;
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (grid[i][j] !== null) grid[j][i] = 1 / (grid[i][j] = (grid[i][j] as number) * Math.exp(0.3 * (random() - 0.5)));
  rows.push(measure("AHP 12 × 12 with 20 unanswered pairs", runs, () => ks.AHP(grid)));
}

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`${pad("case", 50)} ${"median ms".padStart(10)} ${"p25".padStart(8)} ${"p75".padStart(8)} ${"cpu ms".padStart(8)}  target (on the median)`);
for (const r of rows) {
  const verdict = r.target === undefined ? "" : `≤ ${r.target} ms ${r.median <= r.target ? "ok" : "MISSED"}`;
  console.log(`${pad(r.name, 50)} ${r.median.toFixed(1).padStart(10)} ${r.p25.toFixed(1).padStart(8)} ${r.p75.toFixed(1).padStart(8)} ${r.cpu.toFixed(1).padStart(8)}  ${verdict}${r.note ? `  (${r.note})` : ""}`);
}
if (rows.some((r) => r.target !== undefined && r.median > r.target)) process.exitCode = 1;
