/**
 * The task pane as a user meets it, in Debian's Chromium at 320 and 450 px over the fake Excel
 * host: axe-core finds nothing on any step or state; a keyboard-only walk keeps focus where the
 * user acted; long names do not make the pane scroll sideways; failures, Retry, Cancel and a
 * summary gone stale say what happened; the selection in Excel is followed.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, closePane, horizontalOverflow, openPane, overflowing, startPane } from "./pane-harness";

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
      await page.evaluate(() => (window.__kamFake!.latencyMs = 150));
      await page.click("#build");
      await page.waitForSelector("#cancel");
      await expectClean(page, "building");
      await page.waitForSelector("#summary", { timeout: 60_000 });
      await expectClean(page, "summary");
      await page.evaluate(() => {
        const fake = window.__kamFake!;
        fake.latencyMs = 0;
        fake.injectFailure({ atSync: fake.stats.syncs + 2 });
      });
      await page.click("#build");
      await page.waitForSelector("#failure", { timeout: 60_000 });
      await expectClean(page, "failure");
      expect(errors).toEqual([]);
      await page.close();
    }, 240_000);
  });
}

/** Presses Tab until `id` has focus; fails after `max` presses. Returns how many it took. */
async function tabTo(page: Page, id: string, max = 40, key = "Tab"): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    if ((await active(page)) === id) return i;
  }
  throw new Error(`${id} not reached in ${max} presses of ${key}; focus is on ${await active(page)}`);
}

/**
 * The workbook's content and active sheet, without object ids (as in wizard.test.ts): a sheet
 * put back after a failed rebuild is the backup copy of the old one, equal in all but its id.
 */
async function snapshot(page: Page): Promise<unknown> {
  const raw = await page.evaluate(() => JSON.stringify({ ...(window.__kamFake!.snapshot() as object), active: window.__kamFake!.activeSheet }));
  const cells = (grid: (unknown[] | null)[]) => {
    const out: Record<string, unknown> = {};
    grid.forEach((row, r) => row?.forEach((v, c) => v !== null && v !== undefined && (out[`${r},${c}`] = v)));
    return out;
  };
  return JSON.parse(raw, (k, v) => (k === "id" ? undefined : ["content", "numFmt", "style"].includes(k) ? cells(v) : v));
}

describe("keyboard only", () => {
  it("walks the wizard; after each action focus is on the control acted on or the new step's heading", async () => {
    const { page, errors } = await openPane({ width: 320 });
    await page.waitForSelector("#source option", { state: "attached" });
    await tabTo(page, "read");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#source-info");
    expect(await active(page)).toBe("read");
    await tabTo(page, "role-revenue");
    await page.keyboard.press("ArrowUp"); // another column for the revenue, and back
    expect(await active(page)).toBe("role-revenue");
    await page.keyboard.press("ArrowDown");
    expect(await page.inputValue("#role-revenue")).toBe("4");
    await tabTo(page, "to-criteria");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#data-criteria");
    await expect.poll(() => active(page)).toBe("step-heading");
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // A weight: typed in place, the share beside it follows, focus stays.
    const stops = await tabTo(page, "weight-0");
    expect(stops).toBeLessThan(12);
    await page.keyboard.press("Control+a");
    await page.keyboard.type("-2");
    expect(await active(page)).toBe("weight-0");
    expect(await page.textContent("#weight-0-error")).toContain("cannot be negative");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("4");
    expect(await page.locator("#weight-0-error").count()).toBe(0);
    expect(await active(page)).toBe("weight-0");

    // The method: arrow keys in the radio group, then a pairwise slider.
    await tabTo(page, "mode-direct", 20, "Shift+Tab");
    await page.keyboard.press("ArrowDown");
    expect(await active(page)).toBe("mode-ahp");
    await page.waitForSelector("#ahp-cr");
    const before = await page.textContent("#ahp-weights");
    await tabTo(page, "pair-0-1", 60);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    expect(await active(page)).toBe("pair-0-1");
    expect(await page.getAttribute("#pair-0-1", "aria-valuetext")).toContain("3× as important");
    expect(await page.textContent("#ahp-weights")).not.toBe(before);
    await tabTo(page, "mode-ahp", 80, "Shift+Tab");
    await page.keyboard.press("ArrowUp");
    expect(await active(page)).toBe("mode-direct");

    // Your own criterion: Enter adds it and keeps focus in the field.
    await tabTo(page, "more-criteria-header", 40);
    await page.keyboard.press("Enter");
    await tabTo(page, "custom-criterion", 30);
    await page.keyboard.type("Strategic fit");
    await page.keyboard.press("Enter");
    expect(await active(page)).toBe("custom-criterion");
    expect(await page.textContent("#manual-criteria")).toContain("Strategic fit");

    // Enter in a field of the step goes on to the next step.
    await tabTo(page, "rule-value", 40);
    await page.keyboard.press("Control+a");
    await page.keyboard.type("5");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#build");
    await expect.poll(() => active(page)).toBe("step-heading");
    await tabTo(page, "build", 5);
    await page.keyboard.press("Enter");
    expect(await active(page)).toBe("build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    expect(await active(page)).toBe("build");
    expect(await page.textContent("#summary-heading")).toContain("5 key accounts");
    expect(await page.textContent("#todo")).toContain("Strategic fit");
    // The live region is cleared and then set 50 ms later (so the same words are announced
    // again): a fast build can show the summary before "Done." is in it.
    await expect.poll(() => page.textContent("#announce")).toContain("5 key accounts");
    // The to-do link selects the column to fill in.
    await page.click('[data-rate="Strategic fit"]');
    await expect.poll(() => page.evaluate(() => window.__kamFake!.activeSheet)).toBe("KAM Scoring");
    const scoring = (await page.evaluate(() => window.__kamFake!.sheetValues("KAM Scoring"))) as unknown[][];
    const col = scoring[18].indexOf("Strategic fit (1–10)");
    await expect.poll(() => page.evaluate(() => window.__kamFake!.model.selection?.box)).toEqual({ r0: 19, c0: col, rows: 1, cols: 1 });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe("failure, retry, cancel, stale summary", () => {
  it("a failed build says nothing was changed, leaves the workbook as it was, and Retry builds", async () => {
    const { page } = await openPane({ prebuilt: true });
    await toCriteria(page);
    await page.click("#to-build");
    const before = await snapshot(page);
    await page.evaluate(() => {
      const fake = window.__kamFake!;
      fake.injectFailure({ atSync: fake.stats.syncs + 2 });
    });
    await page.click("#build");
    await page.waitForSelector("#failure", { timeout: 60_000 });
    expect(await page.textContent("#failure")).toContain("Nothing was changed");
    expect(await page.textContent("#failure")).toContain("Injected failure");
    expect(await snapshot(page)).toEqual(before);
    expect(await page.textContent("#build")).toBe("Retry");
    expect(await active(page)).toBe("build");
    expect(await page.isEnabled("#back-criteria")).toBe(true);
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    expect(await page.locator("#failure").count()).toBe(0);
    await page.close();
  }, 120_000);

  it("Cancel while writing puts the workbook back; Back is disabled while building", async () => {
    const { page } = await openPane({ prebuilt: true });
    await toCriteria(page);
    await page.click("#to-build");
    const before = await snapshot(page);
    // Each sync takes 1.5 s, so the click lands while the sheets are being written.
    await page.evaluate(() => (window.__kamFake!.latencyMs = 1500));
    await page.click("#build");
    await page.waitForFunction(() => document.querySelector("#progress-text")?.textContent === "Writing the sheets…", null, { timeout: 60_000 });
    expect(await page.getAttribute("#back-criteria", "aria-disabled")).toBe("true");
    await page.click("#cancel");
    await page.waitForSelector("#failure", { timeout: 60_000 });
    expect(await page.textContent("#failure")).toContain("Cancelled.");
    expect(await page.textContent("#failure")).toContain("Nothing was changed");
    await page.evaluate(() => (window.__kamFake!.latencyMs = 0));
    expect(await snapshot(page)).toEqual(before);
    expect(await active(page)).toBe("build");
    await page.close();
  }, 120_000);

  it("a summary marks itself out of date when a setting changes, and explains 0 key accounts", async () => {
    const { page } = await openPane();
    await toCriteria(page);
    await page.click("#to-build");
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    expect(await page.locator("#stale").count()).toBe(0);
    await page.click("#back-criteria");
    await page.selectOption("#rule-kind", "share");
    await page.fill("#rule-value", "40");
    await page.click("#to-build");
    await page.waitForSelector("#stale");
    expect(await page.textContent("#stale")).toContain("Out of date");
    expect(await page.getAttribute("#build", "data-appearance")).toBe("primary");
    await page.click("#build");
    await page.waitForFunction(() => !document.querySelector("#stale") && document.querySelector("#summary-heading")?.textContent?.startsWith("0 key accounts"), null, { timeout: 60_000 });
    expect(await page.textContent("#zero-why")).toMatch(/No customer has 40\.0% of revenue or more; the largest has \d+\.\d%/);
    await page.close();
  }, 120_000);
});

describe("sources", () => {
  it("an empty workbook gets guidance, not a 0-row entry; the list follows the selection and never offers the add-in's sheets", async () => {
    const { page } = await openPane({ empty: true });
    await page.waitForSelector("#no-sources");
    expect(await page.locator("#source").count()).toBe(0);
    await expectClean(page, "empty workbook");
    await page.evaluate(() => {
      const fake = window.__kamFake!;
      fake.addSheet("Data", [["Customer", "Revenue"], ["Acme", 100], ["Birch", 50]]);
      fake.select("Data", "A1:B3");
    });
    await page.waitForSelector("#source");
    expect(await page.locator("#source option").allTextContents()).toEqual(["Current selection"]);
    expect(await page.textContent("#source-detail, .fui-Field__hint")).toContain("2 rows");
    await page.click("#read");
    await page.click("#to-criteria");
    await page.click("#to-build");
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    await page.evaluate(() => window.__kamFake!.select("KAM Scoring", "A19:C21"));
    await page.click("#back-criteria");
    await page.click("#back-source");
    await page.click("#refresh");
    await page.waitForTimeout(500);
    const labels = await page.locator("#source option").allTextContents();
    expect(labels.join()).not.toMatch(/KAM/);
    await page.close();
  }, 120_000);

  it("numbers follow the Office display language; a dark Office theme gives a dark pane that axe accepts", async () => {
    const { page } = await openPane({ locale: "de-DE", officeTheme: { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#333333", controlForegroundColor: "#FFFFFF", isDarkTheme: true } });
    await toCriteria(page);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await page.fill("#fixed-costs", "2.000.000");
    expect(await page.textContent("#fixed-costs-echo")).toBe("Read as 2.000.000");
    await page.fill("#fixed-costs", "2,5");
    expect(await page.textContent("#fixed-costs-echo")).toBe("Read as 2,5");
    await page.fill("#fixed-costs", "2000000");
    await expectClean(page, "criteria, dark, de-DE");
    await page.close();
  }, 120_000);
});
