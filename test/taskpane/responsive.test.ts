/**
 * The pane while it builds 5,000 customers, measured with PerformanceObserver "longtask" from
 * the click on Build to the summary. The sheets are computed in a Web Worker; the fake Excel
 * host, standing in for Excel's own process, lets the page run between slices of its work
 * (sliceMs) and does not evaluate formulas.
 *
 * KNOWN GAP (issue 11): the goal is no long task over 200 ms. Not met yet: office-writer's
 * writePlan prepares the whole write between two syncs in one synchronous stretch (2–4 s at
 * 5,000 customers on the loaded 2-core test machine, whatever maxSyncBytes is), so that test
 * is declared `it.fails`: it turns red when the writer yields and the goal is met, and must
 * then become a plain `it`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePane, openPane, startPane, syntheticRows } from "./pane-harness";

beforeAll(() => startPane(), 180_000);
afterAll(() => closePane());

declare global {
  interface Window {
    __longTasks?: { start: number; duration: number }[];
  }
}

const OBSERVE = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: "longtask", buffered: true });`;

async function buildLarge(): Promise<{ worst: number; phases: string[]; summary: string | null; errors: string[] }> {
    const { page, errors } = await openPane({ rows: syntheticRows(5000), evaluate: false, sliceMs: 20, init: OBSERVE, height: 700 });
    await page.waitForSelector("#source option", { state: "attached" });
    await page.click("#read");
    await page.waitForSelector("#to-criteria", { timeout: 60_000 });
    await page.click("#to-criteria");
    await page.waitForSelector("#to-build");
    await page.click("#to-build");
    await page.waitForSelector("#build");
    const t0 = await page.evaluate(() => performance.now());
    // Record each phase as the page paints it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __phases: string[] }).__phases = seen;
      const tick = () => {
        const t = document.querySelector("#progress-text")?.textContent;
        if (t && seen.at(-1) !== t) seen.push(t);
        if (!document.querySelector("#summary")) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 150_000 });
    const long = await page.evaluate((t) => window.__longTasks!.filter((e) => e.start >= t), t0);
    const phases = await page.evaluate(() => (window as unknown as { __phases: string[] }).__phases);
    const worst = Math.max(0, ...long.map((e) => e.duration));
    console.log(`5,000 customers: ${long.length} long tasks, longest ${worst.toFixed(0)} ms; phases painted: ${phases.join(" → ")}`);
    const summary = await page.textContent("#summary-heading");
    await page.close();
    return { worst, phases, summary, errors };
}

describe("5,000 customers", () => {
  let run: Awaited<ReturnType<typeof buildLarge>>;
  it("builds with the progress painted per phase", async () => {
    run = await buildLarge();
    expect(run.phases).toContain("Computing the sheets…");
    expect(run.phases).toContain("Writing the sheets…");
    expect(run.summary).toContain("of 5,000 customers");
    expect(run.errors).toEqual([]);
  }, 300_000);

  // See KNOWN GAP above: fails today because of the writer's synchronous preparation.
  it.fails("no long task over 200 ms from Build to the summary", () => {
    expect(run, "the build above did not run").toBeDefined();
    expect(run.worst).toBeLessThanOrEqual(200);
  });
});
