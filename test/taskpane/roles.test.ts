/**
 * Issue 9 in the pane (Debian's Chromium, fake Excel host): the column roles come from the
 * CLI's mapping. Two equally good revenue columns: nothing is picked, the message beside the
 * drop-down names both, and the step cannot go on until the user chooses. A "Probability of
 * renewal" column is used as churn = 1 − p, labelled so, and the built scoring sheet holds
 * 1 − p (worked by hand below); unticking the box reads the column as it is.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCORING } from "../../src/workbook/sheets/scoring";
import { axeViolations, closePane, openPane, startPane } from "./pane-harness";

beforeAll(() => startPane(), 180_000);
afterAll(() => closePane());

const rows = [
  ["Customer", "Revenue", "Sales", "Probability of renewal", "NPS"],
  ["Acme", 1_200_000, 1_100_000, 0.9, 40],
  ["Birch", 800_000, 700_000, 0.75, 10],
  ["Cobalt", 300_000, 350_000, 0.6, 55],
  ["Delta", 150_000, 100_000, 1, -20],
  ["Ember", 90_000, 80_000, 0.2, 35],
];

describe("column roles in the pane", () => {
  it("requires a choice between tied columns and reads a renewal probability as churn = 1 − p", async () => {
    const { page, errors } = await openPane({ rows });
    await page.waitForSelector("#source option", { state: "attached" });
    await page.click("#read");
    await page.waitForSelector("#role-revenue");
    // The drop-down's accessible label (Fluent's Field names it with aria-labelledby).
    const churnLabel = () =>
      page.evaluate(() => {
        const select = document.querySelector("#role-churn")!;
        const ids = (select.getAttribute("aria-labelledby") ?? "").split(" ").filter(Boolean);
        return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ") || ((select as HTMLSelectElement).labels?.[0]?.textContent ?? "");
      });

    // Tied: nothing chosen, both named beside the drop-down, Next blocked and saying why.
    expect(await page.inputValue("#role-revenue")).toBe("choose");
    expect(await page.textContent("#role-revenue-note")).toBe(`"Revenue" and "Sales" fit equally well: choose the right one.`);
    expect(await page.getAttribute("#to-criteria", "aria-disabled")).toBe("true");
    expect(await page.textContent("#roles-todo")).toContain("Choose the column for revenue");
    await page.click("#to-criteria", { force: true });
    expect(await page.$("#data-criteria")).toBeNull();

    // Churn from the renewal probability, labelled.
    expect(await page.inputValue("#role-churn")).toBe("3");
    expect(await churnLabel()).toContain("Churn probability (1 − column)");
    expect(await page.textContent("#role-churn-note")).toContain("churn = 1 − it");
    expect(await page.isChecked("#churn-retention")).toBe(true);
    expect(await axeViolations(page), "axe with a role to choose").toEqual([]);

    // The user chooses: the step goes on.
    await page.selectOption("#role-revenue", "1");
    expect(await page.textContent("#role-revenue-note")).toBe("Chosen by you");
    expect(await page.$("#roles-todo")).toBeNull();
    expect(await page.getAttribute("#to-criteria", "aria-disabled")).toBeNull();
    await page.click("#to-criteria");
    await page.waitForSelector("#data-criteria");
    await page.click("#to-build");
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });

    // On the sheet: churn = 1 − renewal probability, per customer (by hand: 0.1, 0.25, 0.4, 0, 0.8).
    const churnOf = () =>
      page.evaluate((headerRow) => {
        const g = window.__kamFake!.sheetValues("KAM Scoring") as unknown[][];
        const c = g[headerRow].indexOf("Churn probability");
        return Object.fromEntries(g.slice(headerRow + 1, headerRow + 6).map((r) => [r[0], r[c]]));
      }, SCORING.headerRow);
    const expected: Record<string, number> = { Acme: 0.1, Birch: 0.25, Cobalt: 0.4, Delta: 0, Ember: 0.8 };
    let churn = await churnOf();
    for (const [name, p] of Object.entries(expected)) expect(churn[name], name).toBeCloseTo(p, 12);

    // Unticked: the column is read as it is (after a rebuild), and the summary said it was out of date.
    await page.click("#back-criteria");
    await page.click("#back-source");
    await page.uncheck("#churn-retention");
    expect(await churnLabel()).not.toContain("1 − column");
    await page.click("#to-criteria");
    await page.click("#to-build");
    expect(await page.$("#stale")).not.toBeNull();
    await page.click("#build");
    await page.waitForSelector("#stale", { state: "detached", timeout: 60_000 });
    churn = await churnOf();
    for (const [i, name] of ["Acme", "Birch", "Cobalt", "Delta", "Ember"].entries()) expect(churn[name], name).toBe(rows[i + 1][3]);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
