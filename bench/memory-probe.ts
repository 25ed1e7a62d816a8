/**
 * Runs one memory case in a fresh process and prints JSON: the growth of the process's peak
 * resident set (maxRSS) and of the V8 heap while the result is still held. Usage:
 *   tsx bench/memory-probe.ts hhi|scale|build N
 */
import * as kam from "../src/core/kam";
import { buildWorkbook } from "../src/workbook/build";
import { syntheticInput } from "./synthetic";

const [what, size] = process.argv.slice(2);
const n = Number(size);
const grid = what === "build" ? [] : Array.from({ length: n }, (_, i) => [1 + ((i * 7919) % 100_003)]);
const input = what === "build" ? syntheticInput(n) : undefined;
const mb = (b: number) => b / 2 ** 20;
const rss0 = process.resourceUsage().maxRSS * 1024;
const heap0 = process.memoryUsage().heapUsed;
const result = what === "hhi" ? kam.HHI(grid) : what === "scale" ? kam.SCALE(grid) : buildWorkbook(input!);
const heap1 = process.memoryUsage().heapUsed;
const rss1 = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ what, n, peakRssGrowthMB: mb(rss1 - rss0), heapHeldMB: mb(heap1 - heap0), kept: typeof result }));
