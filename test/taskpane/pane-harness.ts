/**
 * The task pane in real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core): the built taskpane.html with office.js from the @microsoft/office-js
 * package and the fake Excel host injected. Shared by the pane tests and the screenshot script.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { Browser, chromium, Page } from "playwright-core";
import { readCsv } from "../../src/cli/read-table";
import { CHROMIUM } from "../../scripts/test-deps.mjs";
import { DIST, ensureBuilt, ROOT } from "../functions/build";

const OFFICE_DIST = join(ROOT, "node_modules/@microsoft/office-js/dist");
export const HOSTILE_HTML = "<img src=x onerror=alert(1)>";
export const HOSTILE_FORMULA = '=HYPERLINK("http://example.invalid","click")';

let server: Server | undefined;
let base = "";
let browser: Browser | undefined;
let fakeBundle = "";

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".json": "application/json", ".xml": "text/xml" };

/** The sample customers with two hostile names among the largest and a number stored as text. */
export function seedRows(): unknown[][] {
  const t = readCsv(join(ROOT, "assets/sample-customers.csv"));
  const rows = [t.headers, ...t.rows];
  const name = t.headers.indexOf("Customer");
  const revenue = t.headers.indexOf("Revenue");
  rows[1][name] = HOSTILE_HTML;
  rows[2][name] = HOSTILE_FORMULA;
  rows[10][revenue] = "1,234";
  return rows;
}

/** `n` synthetic customers (deterministic): name, revenue, margin, NPS, tenure. */
export function syntheticRows(n: number): unknown[][] {
  const rows: unknown[][] = [["Customer", "Revenue", "Margin", "NPS", "Tenure (years)"]];
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const revenue = Math.round(10_000 + 5_000_000 * rnd() ** 3);
    rows.push([`Customer ${i + 1}`, revenue, Math.round(revenue * (0.1 + 0.3 * rnd())), Math.round(-50 + 120 * rnd()), Math.round(1 + 20 * rnd())]);
  }
  return rows;
}

export async function startPane(): Promise<void> {
  if (browser) return;
  ensureBuilt();
  const out = await build({ entryPoints: [join(ROOT, "test/fake-excel/browser-entry.ts")], bundle: true, write: false, format: "iife", platform: "browser", target: "es2020", logLevel: "silent" });
  fakeBundle = out.outputFiles[0].text;
  server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? "/").split("?")[0]);
    const file = url.startsWith("/office/") ? join(OFFICE_DIST, normalize(url.slice("/office/".length))) : join(DIST, normalize(url));
    if (!file.startsWith(OFFICE_DIST) && !file.startsWith(DIST)) return void res.writeHead(403).end();
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function closePane(): Promise<void> {
  await browser?.close();
  browser = undefined;
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
}

export interface PaneOptions {
  prebuilt?: boolean;
  rows?: unknown[][];
  /** Pane width in CSS pixels (default 320, the narrowest a task pane gets in Excel desktop). */
  width?: number;
  height?: number;
  /** Name of the customer table (default CustomerTable). */
  table?: string;
  /** No customer table at all: an empty Sheet1 only. */
  empty?: boolean;
  /** Office.context.displayLanguage for the pane. */
  locale?: string;
  /** Office.context.officeTheme. */
  officeTheme?: Record<string, unknown>;
  /** Evaluate formulas in the fake (default true). */
  evaluate?: boolean;
  /** See FakeExcel.sliceMs. */
  sliceMs?: number;
  /** Script run before the page's own (e.g. a PerformanceObserver). */
  init?: string;
  /**
   * Holds taskpane.js until this settles (the pre-rendered step is then all there is), and
   * returns as soon as the page's HTML has arrived.
   */
  holdTaskpane?: Promise<void>;
}

export interface Pane {
  page: Page;
  dialogs: string[];
  errors: string[];
}

/**
 * Appended to office.js: Office.context (office.js's getter asks OSF._OfficeAppFactory) then
 * reports the test's display language and theme.
 */
function officeContextPatch(options: PaneOptions): string {
  const values = JSON.stringify({ displayLanguage: options.locale, officeTheme: options.officeTheme });
  return `
;(function () {
  var values = ${values};
  var f = OSF._OfficeAppFactory;
  var getContext = f.getContext;
  f.getContext = function () {
    var real = getContext.apply(this, arguments) || {};
    return new Proxy(real, { get: function (t, p) { return values[p] !== undefined && values[p] !== null ? values[p] : Reflect.get(t, p); } });
  };
})();
`;
}

/** Opens the built task pane over a fake workbook. */
export async function openPane(options: PaneOptions = {}): Promise<Pane> {
  await startPane();
  // A context of its own (axe-core's playwright runner needs one) that goes with the page.
  const context = await browser!.newContext({ viewport: { width: options.width ?? 320, height: options.height ?? 900 } });
  const page = await context.newPage();
  page.on("close", () => void context.close().catch(() => undefined));
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(e.message));
  // Everything is served locally: office.js from the npm package, nothing from the network.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (options.holdTaskpane && url === `${base}/taskpane.js`) return void options.holdTaskpane.then(() => route.continue());
    if (url.startsWith(base)) return route.continue();
    // taskpane.html names Microsoft's hosted office.js; office.js then loads its companion files
    // from the same folder. Serve all of them from the npm package.
    const hosted = /\/lib\/1\/hosted\/([^?#]+)/.exec(url);
    if (hosted) {
      const file = join(OFFICE_DIST, normalize(hosted[1]));
      if (file.startsWith(OFFICE_DIST) && existsSync(file)) {
        // Outside Office, Office.context has no display language or theme: report the test's, as Excel would.
        if (hosted[1] === "office.js" && (options.locale || options.officeTheme)) return route.fulfill({ body: readFileSync(file, "utf8") + officeContextPatch(options), contentType: "text/javascript" });
        return route.fulfill({ path: file, contentType: TYPES[extname(file)] ?? "text/javascript" });
      }
    }
    return route.abort();
  });
  const seed = options.empty ? undefined : { sheet: "Customers", table: options.table ?? "CustomerTable", rows: options.rows ?? seedRows(), prebuilt: options.prebuilt, evaluate: options.evaluate, sliceMs: options.sliceMs };
  await page.addInitScript({ content: `window.__KAM_SEED__ = ${JSON.stringify(seed ?? null)};\n${options.init ?? ""}\n${fakeBundle}` });
  if (options.holdTaskpane) {
    await page.goto(`${base}/taskpane.html`, { waitUntil: "commit" });
    return { page, dialogs, errors };
  }
  await page.goto(`${base}/taskpane.html`);
  await page.evaluate(() => window.__kamReady);
  return { page, dialogs, errors };
}

/** Set KAM_SCREENSHOTS=dir to save what the pane looks like (file `name`.png). */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const dir = process.env.KAM_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: options.fullPage ?? true });
}

/** How many pixels the page is wider than the pane (0 when nothing needs a sideways scroll). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Elements that stick out on the right, for a message when there is overflow. */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > w + 0.5 && !e.closest(".kam-preview-wrap,.kam-sr-only"))
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${String(e.className).slice(0, 40)} right=${Math.round(e.getBoundingClientRect().right)}`);
  });
}

/** axe-core's violations on the page as it is now: "rule (impact): target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} ${n.failureSummary?.split("\n")[1] ?? ""}`));
}
