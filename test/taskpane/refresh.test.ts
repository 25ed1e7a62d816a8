/**
 * Issue 8 point 7, through the pane in Debian's Chromium over the fake Excel host: after a
 * build the pane watches its sheets and the customer table. The user's own typing and a sort
 * leave the sheets right and raise nothing; a row inserted into the scoring table and a
 * customer added to the customer table raise "The scoring table changed: refresh" (a Fluent
 * MessageBar, announced in the live region); one click on Refresh rebuilds in place, the new
 * customer counted, the score typed on the sheet kept, and the banner gone. axe-core finds
 * nothing with the banner up.
 *
 * Excel raises change events for the add-in's own writes too; the fake host does not, so the
 * page wraps its batch runner to do as Excel would (`excelEventsForOwnWrites`): every batch
 * that changed the workbook fires "RowInserted" on every sheet. The pane's build and refresh
 * must still never raise the banner (the watch is stopped while they write).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCORING } from "../../src/workbook/sheets/scoring";
import { smallTable } from "../workbook/fixtures";
import { axeViolations, closePane, openPane, startPane } from "./pane-harness";

beforeAll(() => startPane(), 180_000);
afterAll(() => closePane());

type Grid = unknown[][];
const scoring = (page: Page) => page.evaluate(() => window.__kamFake!.sheetValues("KAM Scoring") as unknown[][]);
const first = SCORING.headerRow + 1;

/** The customer rows of the scoring sheet, by header. */
function customers(grid: Grid): Record<string, unknown>[] {
  const header = grid[SCORING.headerRow].map(String);
  const out: Record<string, unknown>[] = [];
  for (let r = first; r < grid.length && grid[r][0] !== null && grid[r][0] !== "" && grid[r][0] !== undefined; r++) {
    out.push(Object.fromEntries(header.map((h, c) => [h, grid[r][c]])));
  }
  return out;
}

/** A1 address of a customer's cell in a column of the scoring sheet. */
function cellOf(grid: Grid, name: string, column: string): string {
  const c = grid[SCORING.headerRow].map(String).indexOf(column);
  const r = grid.findIndex((row, i) => i >= first && row[0] === name);
  expect(c, column).toBeGreaterThanOrEqual(0);
  expect(r, name).toBeGreaterThan(0);
  return `${String.fromCharCode(65 + c)}${r + 1}`;
}

/** Checked without the code under test: ranks 1…n ordered by the weighted score, the top 3 key. */
function expectRanked(rows: Record<string, unknown>[]): void {
  const scoreCol = Object.keys(rows[0]).find((h) => /weighted/i.test(h))!;
  expect(scoreCol, "weighted score column").toBeDefined();
  const byScore = [...rows].sort((a, b) => (b[scoreCol] as number) - (a[scoreCol] as number));
  for (const r of rows) expect(typeof r[scoreCol], `score of ${String(r.Customer)}`).toBe("number");
  byScore.forEach((r, i) => {
    // Ties share the better rank.
    const better = byScore.filter((o) => (o[scoreCol] as number) > (r[scoreCol] as number)).length;
    expect(r.Rank, `rank of ${String(r.Customer)} (${i})`).toBe(better + 1);
  });
}

/** Runs in the page: after each batch that changed cells, "RowInserted" on every sheet (and table). */
function excelEventsForOwnWrites(): void {
  type Model = { sheets: { id: string }[]; tables: { id: string; sheet: { id: string } }[]; emit(key: string, args: Record<string, unknown>): Promise<void> };
  const fake = window.__kamFake as unknown as { runBatch(ctx: unknown): Promise<void>; snapshot(): unknown; model: Model };
  const original = fake.runBatch.bind(fake);
  const w = window as unknown as { __ownWriteEvents: number };
  w.__ownWriteEvents = 0;
  fake.runBatch = async (ctx) => {
    const before = JSON.stringify(fake.snapshot());
    try {
      await original(ctx);
    } finally {
      if (JSON.stringify(fake.snapshot()) !== before) {
        for (const s of fake.model.sheets) {
          w.__ownWriteEvents++;
          await fake.model.emit(`WorksheetChanged:${s.id}`, { type: "WorksheetChanged", changeType: "RowInserted", worksheetId: s.id, address: "1:1", source: "Local" });
        }
        for (const t of fake.model.tables) await fake.model.emit(`TableChanged:${t.id}`, { type: "TableChanged", changeType: "RowInserted", tableId: t.id, worksheetId: t.sheet.id, address: "1:1", source: "Local" });
      }
    }
  };
}

const bannerText = (page: Page) => page.evaluate(() => document.querySelector("#changed")?.textContent ?? null);

describe("refresh in the pane after the scoring table changed in Excel", () => {
  it("sort: nothing to do; inserted rows: banner, Refresh rebuilds in place keeping the typed score", async () => {
    const t = smallTable();
    const { page, errors } = await openPane({ rows: [t.headers, ...t.rows], table: "Customers" });
    await page.waitForSelector("#source option", { state: "attached" });
    await page.click("#read");
    await page.waitForSelector("#to-criteria");
    await page.click("#to-criteria");
    await page.waitForSelector("#data-criteria");
    // A criterion the user rates on the sheet, and a rule of three key accounts.
    await page.click("#more-criteria-header");
    await page.fill("#custom-criterion", "Retention");
    await page.press("#custom-criterion", "Enter");
    await page.selectOption("#rule-kind", "top");
    await page.fill("#rule-value", "3");
    await page.click("#to-build");
    await page.waitForSelector("#build");
    await page.evaluate(excelEventsForOwnWrites);
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    expect(await page.textContent("#summary-heading")).toContain("3 key accounts of 7 customers");
    // The build wrote (and Excel told every sheet), yet no banner: the watch was off meanwhile.
    expect(await page.evaluate(() => (window as unknown as { __ownWriteEvents: number }).__ownWriteEvents)).toBeGreaterThan(0);
    expect(await bannerText(page)).toBeNull();
    // A second build (Build again) with the sheets watched: still no banner from our own writes.
    const events = () => page.evaluate(() => (window as unknown as { __ownWriteEvents: number }).__ownWriteEvents);
    const n0 = await events();
    await page.click("#build");
    await page.waitForFunction((n) => (window as unknown as { __ownWriteEvents: number }).__ownWriteEvents > n && document.querySelector("#build")?.textContent === "Build again", n0, { timeout: 60_000 });
    expect(await events()).toBeGreaterThan(n0);
    expect(await bannerText(page)).toBeNull();

    const built = (await page.evaluate(() => window.__kamFake!.sheetNames())).filter((n) => n.startsWith("KAM"));
    expect(built).toContain("KAM Scoring");
    // The user rates a customer on the sheet: an edit of values, no banner.
    let grid = await scoring(page);
    const retention = cellOf(grid, "Gale Inc", "Retention (1–10)");
    await page.evaluate((a) => window.__kamFake!.typeAsUser("KAM Scoring", a, 10), retention);
    expect(await bannerText(page)).toBeNull();

    // Data › Sort Z–A by customer: the formulas follow the rows; no banner, figures right.
    const width = grid[SCORING.headerRow].filter((h) => h !== null && h !== "").length;
    await page.evaluate(([r0, r1, w]) => window.__kamFake!.sortRowsAsUser("KAM Scoring", `A${r0}:${String.fromCharCode(64 + w)}${r1}`, 0, false), [first + 1, first + 7, width] as const);
    grid = await scoring(page);
    expect(grid[first][0]).toBe("Gale Inc");
    expectRanked(customers(grid));
    expect(grid[SCORING.keyCountRow][SCORING.valueCol]).toBe(3);
    expect(await bannerText(page)).toBeNull();

    // A row inserted inside the scoring table: the banner, announced.
    await page.evaluate((r) => window.__kamFake!.insertRowsAsUser("KAM Scoring", r, 1), first + 3);
    await page.waitForSelector("#changed");
    expect(await bannerText(page)).toContain("The scoring table changed: refresh");
    await page.waitForFunction(() => document.querySelector("#announce")?.textContent?.includes("The scoring table changed: refresh"));
    // A new largest customer typed into a row inserted in the customer table.
    await page.evaluate(async () => {
      const fake = window.__kamFake!;
      await fake.insertRowsAsUser("Customers", 3, 1);
      await fake.typeAsUser("Customers", "A4", "Hyper Co");
      await fake.typeAsUser("Customers", "B4", 2_000_000);
      await fake.typeAsUser("Customers", "C4", 1_000_000);
    });
    expect(await bannerText(page)).toContain("The scoring table changed: refresh");
    expect(await axeViolations(page), "axe with the banner").toEqual([]);

    // One click: rebuilt in place, with the new customer; the typed score kept; no banner.
    await page.click("#refresh-sheets");
    await page.waitForSelector("#changed", { state: "detached", timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector("#summary-heading")?.textContent?.includes("of 8 customers"));
    grid = await scoring(page);
    const rows = customers(grid);
    expect(rows.map((r) => r.Customer).sort()).toEqual([...t.rows.map((r) => r[0]), "Hyper Co"].sort());
    expect(rows.find((r) => r.Customer === "Gale Inc")!["Retention (1–10)"]).toBe(10);
    expectRanked(rows);
    expect(grid[SCORING.keyCountRow][SCORING.valueCol]).toBe(3);
    const total = [...t.rows.map((r) => r[1] as number), 2_000_000].reduce((a, b) => a + b, 0);
    expect(grid[SCORING.totalRevenueRow][SCORING.valueCol]).toBe(total);
    const sheets = await page.evaluate(() => window.__kamFake!.sheetNames());
    expect(sheets.filter((n) => n.startsWith("KAM"))).toEqual(built); // rebuilt in place: no "(2)" copies
    expect(await page.textContent("#announce")).toMatch(/Done\./);

    // The refresh's own writes raised nothing, and the watch is on the new sheets.
    expect(await bannerText(page)).toBeNull();
    await page.evaluate((r) => window.__kamFake!.deleteRowsAsUser("KAM Scoring", r, 1), first + 2);
    await page.waitForSelector("#changed");
    expect(await bannerText(page)).toContain("rows were deleted from the scoring table");
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
