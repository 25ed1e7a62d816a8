/**
 * Close quarter in the task pane, in Debian's Chromium over the fake Excel host: after a build,
 * the labelled Period field and the button add the period to KAM History, the report is
 * announced in the live region, and closing the same period again is refused with a message.
 * After the first close the pane offers "Rebuild now to compare" (the scoring sheet's review
 * columns come with a build); Delete a period asks first, naming the period and what goes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axeViolations, closePane, horizontalOverflow, openPane, startPane } from "./pane-harness";

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const historyPeriods = (page: Page) =>
  page.evaluate(() => {
    const fake = window.__kamFake!;
    const rows = fake.sheetValues("KAM History").slice(4);
    return [...new Set(rows.map((r) => r[0]).filter((v) => v !== null && v !== undefined))];
  });

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

    // The first close: the review columns come with a build, and the pane offers it.
    expect(await page.textContent("#rebuild-why")).toMatch(/previous score, trend and rank change against 2026 Q1 once the sheets are built again/);
    await page.click("#rebuild-compare");
    await page.waitForFunction(() => document.querySelector("#announce")?.textContent?.startsWith("Done."), null, { timeout: 60_000 });
    expect(await page.evaluate(() => window.__kamFake!.sheetValues("KAM Scoring")[18].map(String))).toEqual(expect.arrayContaining(["Previous score", "Trend", "Rank change"]));
    await page.getByLabel("Period", { exact: true }).fill("2026 Q1");
    await page.click("#close-quarter");
    await page.waitForFunction(() => /already in the history/.test(document.querySelector("#message")?.textContent ?? ""), null, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector("#announce")?.textContent === "2026 Q1 was not closed.", null, { timeout: 5_000 });
    await page.getByLabel("Period", { exact: true }).fill("2026 Q2");
    await page.click("#close-quarter");
    await page.waitForSelector("#close-quarter-result", { timeout: 60_000 });
    expect(await page.locator("#rebuild-compare").count()).toBe(0); // the columns are there: they compare with Q2 at once

    // Delete a period: a confirmation naming it and what goes; Escape keeps it, focus back on the button.
    await page.selectOption("#delete-period-choice", "2026 Q1");
    await page.focus("#delete-period");
    await page.keyboard.press("Enter");
    const dialog = page.locator("#delete-period-dialog");
    await dialog.waitFor();
    expect(await dialog.getAttribute("role")).toBe("alertdialog");
    expect(await activeId(page)).toBe("keep-period"); // the safe answer has focus
    expect(await dialog.textContent()).toMatch(/^Delete 2026 Q1 from the history\? Its \d+ rows \(one per customer, \d+ key accounts?, closed \d{4}-\d\d-\d\d\) are removed from KAM History\. The other periods and every other sheet stay as they are\./);
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement?.id === "delete-period");
    expect(await activeId(page)).toBe("delete-period");
    expect(await historyPeriods(page)).toEqual(["2026 Q1", "2026 Q2"]);
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.click("#confirm-delete");
    await page.waitForFunction(() => document.querySelector("#close-quarter-result")?.textContent?.startsWith("Deleted 2026 Q1"), null, { timeout: 60_000 });
    expect(await historyPeriods(page)).toEqual(["2026 Q2"]);
    expect(await page.textContent("#close-quarter-result")).toMatch(/^Deleted 2026 Q1: \d+ rows removed from the history; the history holds 1 period\./);
    expect(await activeId(page)).toBe("delete-period");
    expect(await page.locator("#delete-period-choice option").allTextContents()).toEqual(["2026 Q2"]);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
