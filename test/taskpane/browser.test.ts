/**
 * The task pane in real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core): the built taskpane.html with office.js from the @microsoft/office-js
 * package and the fake Excel host injected. Clicks through the wizard and checks the sheets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePane, startPane, HOSTILE_FORMULA, HOSTILE_HTML, horizontalOverflow, openPane, type PaneOptions, shot } from "./pane-harness";

beforeAll(() => startPane(), 180_000);
afterAll(() => closePane());

const openTaskPane = (options: PaneOptions = {}) => openPane(options);

describe("task pane wizard in Chromium", () => {
  it("reads the table, flags problems with cell addresses, builds the sheets and summarises them", async () => {
    const { page, dialogs, errors } = await openTaskPane();
    await page.waitForSelector("#source option", { state: "attached" });
    expect(await page.locator("#source option").first().textContent()).toContain("CustomerTable");
    await page.click("#read");
    await page.waitForSelector("#source-info");
    expect(await page.textContent("#source-info")).toContain("60 rows × 13 columns");
    // the hostile name is shown as text in the preview
    expect(await page.locator("#preview").textContent()).toContain(HOSTILE_HTML);
    expect(await page.inputValue("#role-name")).toBe("1");
    expect(await page.inputValue("#role-revenue")).toBe("4");
    expect(await page.textContent("#issues")).toContain("Customers!E11: Revenue is text \"1,234\", expected a number (a number stored as text: convert it to a number)");
    expect(await page.isChecked("#leave-out")).toBe(true);
    await shot(page, "1-source");

    await page.click("#to-criteria");
    await page.waitForSelector("#data-criteria");
    expect(await page.textContent("#data-criteria")).toContain("Revenue");
    await page.fill("#rule-value", "3");
    expect(await page.textContent("#rule-note")).toContain("5 to 25");
    await page.fill("#rule-value", "8");
    await page.fill("#fixed-costs", "2000000");
    expect(await page.textContent("#fixed-costs-echo")).toBe("Read as 2,000,000");
    await shot(page, "2-criteria");
    expect(await horizontalOverflow(page), "the criteria step scrolls sideways").toBe(0);
    await page.click("#mode-ahp");
    await page.waitForSelector("#ahp-cr");
    expect(await horizontalOverflow(page), "the AHP comparisons scroll sideways").toBe(0);
    await page.click("#mode-direct");
    await page.click("#to-build");
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    await shot(page, "3-summary");

    const summary = await page.textContent("#summary");
    expect(summary).toContain("8 key accounts of 59 customers");
    expect(await page.textContent("#excluded")).toContain("1 row was left out");
    expect(await page.textContent("#disclosure")).toContain(HOSTILE_HTML); // the 9.4M customer carries 19%
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);

    const sheets = await page.evaluate(() => window.__kamFake!.sheetNames());
    expect(sheets).toEqual(expect.arrayContaining(["Customers", "KAM Scoring", "KAM Loss Scenarios", "KAM Concentration"]));
    const scoring = (await page.evaluate(() => window.__kamFake!.sheetValues("KAM Scoring"))) as unknown[][];
    const names = scoring.map((r) => r[0]);
    expect(names).toContain(HOSTILE_HTML);
    expect(names).toContain(HOSTILE_FORMULA); // text, not a formula
    const keyCount = scoring[5][1];
    expect(keyCount).toBe(8);
    // Key accounts below 1% of revenue, read off the sheet, are each named in the summary with the reason.
    const header = scoring.findIndex((r) => r.includes("Revenue share") && r.includes("Key account"));
    const [shareCol, keyCol] = [scoring[header].indexOf("Revenue share"), scoring[header].indexOf("Key account")];
    const small = scoring.slice(header + 1).filter((r) => typeof r[shareCol] === "number" && (r[shareCol] as number) < 0.01 && r[keyCol] !== "" && r[keyCol] !== null);
    expect(small.length, "the sample has key accounts below 1%").toBeGreaterThan(0);
    const notes = await page.textContent("#small-keys");
    for (const r of small) expect(notes).toContain(`${String(r[0])} has `);

    // the links activate each sheet
    await page.click('button[data-sheet="KAM Concentration"]');
    await expect.poll(() => page.evaluate(() => window.__kamFake!.activeSheet)).toBe("KAM Concentration");
    await page.close();
  }, 120_000);

  it("rebuilding keeps a manual score the user typed", async () => {
    const { page } = await openTaskPane();
    await page.waitForSelector("#source option", { state: "attached" });
    await page.click("#read");
    await page.waitForSelector("#to-criteria");
    await page.click("#to-criteria");
    await page.click("#to-build");
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    // The user rates the first customer on a manual criterion in Excel, then builds again.
    const { header, col } = await page.evaluate(() => {
      const v = window.__kamFake!.sheetValues("KAM Scoring");
      const header = v[18] as string[];
      return { header, col: header.findIndex((h) => typeof h === "string" && h.endsWith("(1–10)")) };
    });
    expect(col).toBeGreaterThan(0);
    const address = `${String.fromCharCode(65 + col)}20`;
    await page.evaluate((a) => window.__kamFake!.type("KAM Scoring", a, 9), address);
    await page.click("#build");
    await page.waitForFunction(() => document.querySelector("#progress-text")?.textContent === "Done", null, { timeout: 60_000 });
    const after = await page.evaluate((a) => window.__kamFake!.cell("KAM Scoring", a).value, address);
    expect(after).toBe(9);
    expect(header.length).toBeGreaterThan(5);
    await page.close();
  }, 120_000);

  it("coming back to a workbook built before shows its settings; what changes in the pane wins, the rest follows the sheet", async () => {
    const { page, errors } = await openTaskPane({ prebuilt: true });
    /** Types on the scoring sheet, in the column whose header is `header`, as the user would in Excel. */
    const typeOnSheet = (header: string, row: number, value: number) =>
      page.evaluate(
        ([h, r, v]) => {
          const fake = window.__kamFake!;
          const c = (fake.sheetValues("KAM Scoring")[18] as string[]).indexOf(h as string);
          fake.type("KAM Scoring", `${String.fromCharCode(65 + c)}${(r as number) + 1}`, v as number);
        },
        [header, row, value] as const,
      );
    const weightOnSheet = (header: string) =>
      page.evaluate((h) => {
        const v = window.__kamFake!.sheetValues("KAM Scoring");
        return v[8][(v[18] as string[]).indexOf(h)];
      }, header);
    await typeOnSheet("NPS score", 8, 25); // the weights row
    await page.waitForSelector("#source option", { state: "attached" });
    await page.click("#read");
    await page.click("#to-criteria");
    await page.waitForSelector("#from-sheets");
    const npsIdx = await page.$$eval("#data-criteria label", (ls) => ls.findIndex((l) => l.textContent === "NPS"));
    expect(await page.inputValue(`#weight-${npsIdx}`)).toBe("25");
    // In the pane: Revenue's weight becomes 4. On the sheet, meanwhile: Tenure's becomes 9.
    await page.fill("#weight-0", "4");
    await typeOnSheet("Tenure (years) score", 8, 9);
    await page.click("#to-build");
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    expect(await weightOnSheet("Revenue score")).toBe(4);
    expect(await weightOnSheet("NPS score")).toBe(25);
    expect(await weightOnSheet("Tenure (years) score")).toBe(9);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("coming back ticks each criterion of the sheet once, even when a column shares a preset's name", async () => {
    // "Feedback" is a data column of the table and also one of the manual presets.
    const rows = [
      ["Customer", "Revenue", "Feedback"],
      ["Acme", 1_200_000, 35],
      ["Birch", 800_000, 72],
      ["Cobalt", 300_000, 51],
    ];
    const { page, errors } = await openTaskPane({ prebuilt: true, rows });
    await page.waitForSelector("#source option", { state: "attached" });
    await page.click("#read");
    await page.click("#to-criteria");
    await page.waitForSelector("#from-sheets");
    const ticked = await page.$$eval("input[id^=inc-]:checked", (boxes) => boxes.map((b) => b.closest(".kam-criterion")!.querySelector("label")!.textContent));
    expect(ticked).toEqual(["Revenue", "Feedback"]);
    expect(await page.$$eval("#manual-criteria input[id^=inc-]:checked", (b) => b.length)).toBe(0);
    await page.click("#to-build");
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    const criteria = await page.evaluate(() => (window.__kamFake!.sheetValues("KAM Scoring")[7] as unknown[]).filter((v) => typeof v === "string" && v !== "Criterion"));
    expect(criteria).toEqual(["Revenue", "Feedback"]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("with only the loss sheet left from before, the fixed costs typed in the pane win", async () => {
    const { page, errors } = await openTaskPane({ prebuilt: true });
    await page.evaluate(() => {
      const fake = window.__kamFake!;
      fake.model.deleteSheet(fake.sheet("KAM Scoring")); // the user deleted it
      fake.type("KAM Loss Scenarios", "B4", 500_000);
    });
    await page.waitForSelector("#source option", { state: "attached" });
    await page.click("#read");
    await page.click("#to-criteria");
    await page.waitForSelector("#fixed-costs");
    expect(await page.inputValue("#fixed-costs")).toBe("500,000");
    await page.fill("#fixed-costs", "2000000");
    await page.click("#to-build");
    await page.click("#build");
    await page.waitForSelector("#summary", { timeout: 60_000 });
    expect(await page.evaluate(() => window.__kamFake!.cell("KAM Loss Scenarios", "B4").value)).toBe(2_000_000);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
