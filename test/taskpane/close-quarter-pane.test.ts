/**
 * Close quarter in the task pane, in Debian's Chromium over the fake Excel host: after a build,
 * the labelled Period field and the button add the period to KAM History, the report is
 * announced in the live region, and closing the same period again is refused with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, closePane, openPane, startPane } from "./pane-harness";

beforeAll(() => startPane(), 180_000);
afterAll(() => closePane());

describe("Close quarter in the pane", () => {
  it("closes the typed period once, says so in the live region, and refuses it a second time", async () => {
    const { page, errors } = await openPane();
    await page.waitForSelector("#source option", { state: "attached" });
    await page.click("#read");
    await page.waitForSelector("#to-criteria");
    await page.click("#to-criteria");
    await page.waitForSelector("#data-criteria");
    await page.click("#to-build");
    expect(await page.locator("#close-quarter").count()).toBe(0); // nothing to close before a build
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    // The field is labelled "Period" and starts as this quarter.
    const field = page.getByLabel("Period");
    expect(await field.inputValue()).toMatch(/^\d{4} Q[1-4]$/);
    await field.fill("");
    expect(await page.getAttribute("#close-quarter", "aria-disabled")).toBe("true");
    await field.fill("2026 Q1");
    await page.click("#close-quarter");
    await page.waitForSelector("#close-quarter-result", { timeout: 60_000 });
    expect(await page.textContent("#close-quarter-result")).toMatch(/^Closed 2026 Q1: \d+ customers, \d+ key accounts; the history holds 1 period\./);
    await page.waitForFunction(() => document.querySelector("#announce")?.textContent?.startsWith("Closed 2026 Q1"), null, { timeout: 5_000 });
    const sheets = await page.evaluate(() => JSON.stringify(window.__kamFake!.snapshot()));
    expect(sheets).toContain("KAM History");
    expect(await axeViolations(page)).toEqual([]);
    await page.click("#close-quarter");
    await page.waitForFunction(() => /already in the history/.test(document.querySelector("#message")?.textContent ?? ""), null, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector("#announce")?.textContent === "2026 Q1 was not closed.", null, { timeout: 5_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
