/**
 * The task pane: gzip size of each bundle in dist/ (target: task pane ≤ 200 KB) and its first
 * render in Debian's Chromium with the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate;
 * target ≤ 1 s). office.js is left out: a stub stands in for it, answering Office.onReady at
 * once, and the fake Excel host (test/fake-excel) serves the workbook. First render is the time
 * from navigation to the first step's heading; "ready" is when the source list has filled in.
 */
import { build } from "esbuild";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM } from "../scripts/test-deps.mjs";
import { DIST, ensureBuilt, ROOT } from "../test/functions/build";
import { seedRows } from "../test/taskpane/pane-harness";

export interface PaneBenchResult {
  bundles: { file: string; bytes: number; gzipBytes: number }[];
  cpuThrottling: number;
  firstRenderMs: number[];
  readyMs: number[];
  /** Of the first render, the time after taskpane.js arrived (the pane's own start-up: parse, run, render). */
  paneOwnMs: number[];
  /** When the fake host's script (HyperFormula, standing in for Excel) finished, from navigation. */
  fakeHostReadyMs: number[];
  medianPaneOwnMs: number;
  medianFirstRenderMs: number;
  medianReadyMs: number;
}

const OFFICE_STUB = `window.Office = {
  HostType: { Excel: "Excel" }, PlatformType: { PC: "PC", Mac: "Mac", OfficeOnline: "OfficeOnline", iOS: "iOS" },
  context: { displayLanguage: "en-US", requirements: { isSetSupported: function () { return true; } } },
  onReady: function (cb) { var info = { host: "Excel", platform: "PC" }; if (cb) setTimeout(function () { cb(info); }, 0); return Promise.resolve(info); }
};`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchPane(quick: boolean): Promise<PaneBenchResult> {
  ensureBuilt();
  const bundles = readdirSync(DIST)
    .filter((f) => f.endsWith(".js"))
    .map((file) => {
      const buf = readFileSync(join(DIST, file));
      return { file, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
    });
  for (const b of bundles) console.log(`${b.file.padEnd(28)} ${(b.bytes / 1024).toFixed(0).padStart(5)} KB, gzip ${(b.gzipBytes / 1024).toFixed(1)} KB${b.file === "taskpane.js" ? " (target ≤ 200 KB)" : ""}`);

  const fake = (await build({ entryPoints: [join(ROOT, "test/fake-excel/browser-entry.ts")], bundle: true, write: false, format: "iife", platform: "browser", target: "es2020", logLevel: "silent" })).outputFiles[0].text;
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png" };
  const server = createServer((req, res) => {
    const file = join(DIST, normalize(decodeURIComponent((req.url ?? "/").split("?")[0])));
    if (!file.startsWith(DIST) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
  const firstRenderMs: number[] = [];
  const paneOwnMs: number[] = [];
  const fakeHostReadyMs: number[] = [];
  const readyMs: number[] = [];
  const cpuThrottling = 4;
  try {
    for (let run = 0; run < (quick ? 3 : 7); run++) {
      const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
      const page = await context.newPage();
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith(base)) return route.continue();
        if (/office\.js($|\?)/.test(url)) return route.fulfill({ body: OFFICE_STUB, contentType: "text/javascript" });
        return route.abort();
      });
      const seed = { sheet: "Customers", table: "CustomerTable", rows: seedRows() };
      await page.addInitScript({
        content: `window.__KAM_SEED__ = ${JSON.stringify(seed)};\n${fake}\nwindow.__fakeReady = performance.now();\n
new MutationObserver(function (_, obs) {
  if (!window.__firstRender && document.getElementById("step-heading")) window.__firstRender = performance.now();
  if (document.querySelector("#source option")) { window.__ready = performance.now(); obs.disconnect(); }
}).observe(document, { childList: true, subtree: true });`,
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuThrottling });
      await page.goto(`${base}/taskpane.html`);
      await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, null, { timeout: 60_000 });
      const t = await page.evaluate(() => {
        const w = window as unknown as { __firstRender: number; __ready: number; __fakeReady: number };
        const script = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/taskpane.js")) as PerformanceResourceTiming | undefined;
        return { first: w.__firstRender, ready: w.__ready, fake: w.__fakeReady, arrived: script?.responseEnd ?? 0 };
      });
      firstRenderMs.push(t.first);
      readyMs.push(t.ready);
      paneOwnMs.push(t.first - t.arrived);
      fakeHostReadyMs.push(t.fake);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const result = { bundles, cpuThrottling, firstRenderMs, readyMs, paneOwnMs, fakeHostReadyMs, medianFirstRenderMs: median(firstRenderMs), medianReadyMs: median(readyMs), medianPaneOwnMs: median(paneOwnMs) };
  console.log(`first render at 4× CPU throttling (office.js excluded): median ${result.medianFirstRenderMs.toFixed(0)} ms (target ≤ 1,000), source list ready ${result.medianReadyMs.toFixed(0)} ms; runs ${firstRenderMs.map((x) => x.toFixed(0)).join(", ")}; of which after taskpane.js arrived (the pane's own start-up) median ${result.medianPaneOwnMs.toFixed(0)} ms; the fake host's script was done at ${median(fakeHostReadyMs).toFixed(0)} ms`);
  return result;
}
