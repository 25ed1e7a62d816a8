/**
 * The task pane: gzip size of each bundle in dist/ (target: task pane ≤ 200 KB) and its first
 * render in Debian's Chromium with the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate;
 * target ≤ 1 s).
 *
 * What is measured is our page alone: taskpane.html with functions.js, taskpane.js and
 * taskpane.css (the shared runtime loads the functions first), from navigation start to the
 * first step's heading in the DOM ("first render") and to the frame that shows it ("first
 * frame"), and to the pane being live ("interactive": the commit of its hydration, from which every
 * control's handler runs; before the pre-rendering, the first render was that commit). Left out:
 * - office.js: a stub answers Office.onReady at once;
 * - Excel: a light stub `Excel.run` holds every batch until the fake Excel host
 *   (test/fake-excel: 2 MB of HyperFormula standing in for Excel) has loaded, and the bench
 *   loads that script only once the pane is interactive, so it neither delays nor competes
 *   with the first render or the hydration.
 * The stub does have CustomFunctions.associate (a no-op), as office.js has: functions.js runs
 * to its end, registering its 16 functions, as it does in Excel.
 * "Source list" is the time from the fake host being ready to the source picker filled in
 * (the pane's first Excel batch and its render; the fake host's own work is in it).
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
  /** What the numbers measure, as printed. */
  measures: string;
  firstRenderMs: number[];
  firstFrameMs: number[];
  /** When the pane was live: its hydration committed (the "kam-interactive" mark). */
  interactiveMs: number[];
  /** When taskpane.js had arrived (responseEnd), from navigation. */
  scriptArrivedMs: number[];
  /** From the fake host being ready (loaded after the first render) to the source list filled in. */
  sourceListMs: number[];
  medianFirstRenderMs: number;
  medianFirstFrameMs: number;
  medianInteractiveMs: number;
  medianScriptArrivedMs: number;
  medianSourceListMs: number;
}

const OFFICE_STUB = `window.Office = {
  HostType: { Excel: "Excel" }, PlatformType: { PC: "PC", Mac: "Mac", OfficeOnline: "OfficeOnline", iOS: "iOS" },
  context: { displayLanguage: "en-US", requirements: { isSetSupported: function () { return true; } } },
  onReady: function (cb) { var info = { host: "Excel", platform: "PC" }; if (cb) setTimeout(function () { cb(info); }, 0); return Promise.resolve(info); }
};
window.CustomFunctions = { associate: function () {} };`;

/**
 * Excel until the fake host is loaded: every batch waits for it, then runs on the real fake
 * (which replaces window.Excel). The bench injects the fake host's script after the first render.
 */
const EXCEL_STUB = `(function () {
  var loaded; window.__hostLoaded = new Promise(function (r) { loaded = r; });
  window.__loadFakeHost = function () {
    var s = document.createElement("script"); s.src = "/__fake-host.js";
    s.onload = function () { window.__hostReady = performance.now(); loaded(); };
    document.head.appendChild(s);
  };
  window.Excel = { run: function () { var args = arguments; return window.__hostLoaded.then(function () { return window.Excel.run.apply(null, args); }); } };
})();`;

/**
 * First render: the step's heading in the DOM (the pre-rendered page has it when the parser
 * reaches it). First frame: the frame after it, with whether the heading was drawn styled then
 * (taskpane.css and Fluent's theme variables applied). Interactive: the pane's "kam-interactive"
 * mark, set in the commit of its hydration (every control's handler live from there). The
 * fake host is loaded after that, so it competes with neither.
 */
const OBSERVER = `new MutationObserver(function (_, obs) {
  var h = document.getElementById("step-heading");
  if (!window.__firstRender && h) {
    window.__firstRender = performance.now();
    requestAnimationFrame(function () { setTimeout(function () {
      window.__firstFrame = performance.now();
      var app = document.querySelector(".fui-FluentProvider");
      window.__styled = getComputedStyle(h).fontSize !== "" && getComputedStyle(document.body).overflowX === "hidden" && !!app && getComputedStyle(app).getPropertyValue("--colorNeutralForeground1").trim() !== "";
    }, 0); });
  }
  if (document.querySelector("#source option")) { window.__ready = performance.now(); obs.disconnect(); }
}).observe(document, { childList: true, subtree: true });
new PerformanceObserver(function (list, po) {
  var m = list.getEntriesByName("kam-interactive")[0];
  if (m) { window.__interactive = m.startTime; po.disconnect(); window.__loadFakeHost(); }
}).observe({ type: "mark", buffered: true });`;

const MEASURES = "our page only (taskpane.html with step 1 pre-rendered + functions.js + taskpane.js + css, from navigation start); office.js stubbed; the fake Excel host loaded once the pane is interactive";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchPane(quick: boolean): Promise<PaneBenchResult> {
  ensureBuilt();
  const bundles = readdirSync(DIST)
    // The scripts, and the page itself (it carries the pre-rendered step and its CSS) with its stylesheet.
    .filter((f) => f.endsWith(".js") || f === "taskpane.html" || f === "taskpane.css")
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
  const firstFrameMs: number[] = [];
  const interactiveMs: number[] = [];
  const scriptArrivedMs: number[] = [];
  const sourceListMs: number[] = [];
  const cpuThrottling = 4;
  try {
    for (let run = 0; run < (quick ? 3 : 7); run++) {
      const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
      const page = await context.newPage();
      const seed = { sheet: "Customers", table: "CustomerTable", rows: seedRows() };
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url === `${base}/__fake-host.js`) return route.fulfill({ body: `window.__KAM_SEED__ = ${JSON.stringify(seed)};\n${fake}`, contentType: "text/javascript" });
        if (url.startsWith(base)) return route.continue();
        if (/office\.js($|\?)/.test(url)) return route.fulfill({ body: OFFICE_STUB, contentType: "text/javascript" });
        return route.abort();
      });
      await page.addInitScript({ content: `${EXCEL_STUB}\n${OBSERVER}` });
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuThrottling });
      await page.goto(`${base}/taskpane.html`);
      // Polled by the page's own timer, not page.waitForFunction: that injects Playwright's
      // selector engine into the page, 100 ms of script compiled on the pane's thread mid-start-up.
      // (A string: tsx would wrap a named function in a helper the page does not have.)
      await page.evaluate(`new Promise(function (resolve, reject) {
        var until = performance.now() + 60000;
        (function check() {
          if (window.__ready !== undefined && window.__styled !== undefined) resolve();
          else if (performance.now() > until) reject(new Error("the pane did not list the sources in 60 s"));
          else setTimeout(check, 50);
        })();
      })`);
      const t = await page.evaluate(() => {
        const w = window as unknown as { __firstRender: number; __firstFrame: number; __styled: boolean; __interactive: number; __ready: number; __hostReady: number };
        const script = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/taskpane.js")) as PerformanceResourceTiming | undefined;
        return { first: w.__firstRender, frame: w.__firstFrame, styled: w.__styled, interactive: w.__interactive, ready: w.__ready, host: w.__hostReady, arrived: script?.responseEnd ?? 0 };
      });
      if (!t.styled) throw new Error(`run ${run + 1}: the step's heading was in the DOM but its first frame was drawn without the pane's styles`);
      interactiveMs.push(t.interactive);
      firstRenderMs.push(t.first);
      firstFrameMs.push(t.frame);
      scriptArrivedMs.push(t.arrived);
      sourceListMs.push(t.ready - t.host);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const result: PaneBenchResult = {
    bundles, cpuThrottling, measures: MEASURES, firstRenderMs, firstFrameMs, interactiveMs, scriptArrivedMs, sourceListMs,
    medianFirstRenderMs: median(firstRenderMs), medianFirstFrameMs: median(firstFrameMs), medianInteractiveMs: median(interactiveMs), medianScriptArrivedMs: median(scriptArrivedMs), medianSourceListMs: median(sourceListMs),
  };
  const ms = (x: number) => x.toFixed(0);
  console.log(`first render at ${cpuThrottling}× CPU throttling, ${MEASURES}:`);
  console.log(`  first step's heading in the DOM: median ${ms(result.medianFirstRenderMs)} ms (target ≤ 1,000); runs ${firstRenderMs.map(ms).join(", ")}`);
  console.log(`  its frame (drawn with the pane's styles): median ${ms(result.medianFirstFrameMs)} ms; runs ${firstFrameMs.map(ms).join(", ")}`);
  console.log(`  interactive (hydration committed, every control live): median ${ms(result.medianInteractiveMs)} ms; runs ${interactiveMs.map(ms).join(", ")}; taskpane.js had arrived at median ${ms(result.medianScriptArrivedMs)} ms`);
  console.log(`  source list filled ${ms(result.medianSourceListMs)} ms (median) after the fake host was ready`);
  return result;
}
