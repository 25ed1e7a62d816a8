/**
 * npm run screenshots: the task pane at 320 px, each step, over the fake Excel host, as the
 * pane tests drive it (test/taskpane/pane-harness.ts). Writes docs/images/pane-*.png for the
 * README (pane-4-close-quarter.png: Close quarter after the build). Builds dist/ first when it
 * is out of date.
 */
import { join } from "node:path";
import { closePane, openPane, shot } from "../test/taskpane/pane-harness";

const OUT = join(__dirname, "../docs/images");

async function main(): Promise<void> {
  process.env.KAM_SCREENSHOTS = OUT;
  const { page } = await openPane({ width: 320, height: 640 });
  await page.waitForSelector("#source option", { state: "attached" });
  await page.click("#read");
  await page.waitForSelector("#issues");
  await shot(page, "pane-1-source");
  await page.click("#to-criteria");
  await page.waitForSelector("#data-criteria");
  await page.fill("#fixed-costs", "2000000");
  await shot(page, "pane-2-criteria");
  await page.check("#mode-ahp");
  await page.waitForSelector("#ahp-cr");
  await page.locator("#pair-0-1").focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
  await page.locator("#pair-1-2").focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
  await page.locator("#ahp").scrollIntoViewIfNeeded();
  await shot(page, "pane-2-pairwise");
  await page.check("#mode-direct");
  await page.click("#to-build");
  await page.click("#build");
  await page.waitForSelector("#summary", { timeout: 60_000 });
  await shot(page, "pane-3-summary");
  // Close quarter, under the summary: the period field and the report of what was added.
  await page.getByLabel("Period").fill("2026 Q3");
  await page.click("#close-quarter");
  await page.waitForSelector("#close-quarter-result", { timeout: 60_000 });
  await page.locator("#close-quarter-result").scrollIntoViewIfNeeded();
  await shot(page, "pane-4-close-quarter", { fullPage: false });
  await page.evaluate(() => {
    const fake = window.__kamFake!;
    fake.injectFailure({ atSync: fake.stats.syncs + 2 });
  });
  await page.click("#build");
  await page.waitForSelector("#failure", { timeout: 60_000 });
  await shot(page, "pane-3-failure", { fullPage: false });
  await page.close();
  await closePane();
  console.log(`wrote ${OUT}/pane-*.png`);
}

main().catch(async (e) => {
  console.error(e);
  await closePane();
  process.exitCode = 1;
});
