/**
 * Step 1 pre-rendered into taskpane.html by the build (src/taskpane/wizard/prerender.tsx) and
 * hydrated by taskpane.js: what the page shows before any script of ours has run, and that
 * hydration takes that markup over as it is (same nodes, no mismatch) and makes it live.
 *
 * No click before hydration can be lost: until the pane is live and has listed the sources,
 * every control of the shell is disabled (the picker) or disabled-focusable (Read table,
 * Refresh list), as it stays after hydration until the list arrives; the only thing a click
 * can act on is "Function help", a plain link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, closePane, openPane, startPane } from "./pane-harness";

beforeAll(() => startPane(), 180_000);
afterAll(() => closePane());

describe("the pre-rendered first step", () => {
  it("shows step 1 styled before taskpane.js has run, with every control inert or a plain link; hydration keeps its nodes and makes it live", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { page, errors } = await openPane({ holdTaskpane: held });
    await page.waitForSelector("#step-heading");
    // Nothing of ours has run: no React root, no mark.
    expect(await page.evaluate(() => performance.getEntriesByName("kam-interactive").length)).toBe(0);
    expect(await page.textContent("#step-heading")).toBe("Customer table");
    expect(await page.textContent("#kam-status")).toBe("Connecting to Excel…");
    expect(await page.getAttribute("#kam-app", "data-prerendered")).toBe("step 1");
    // Styled: Fluent's theme variables and Griffel's rules are in the page, the button is a Fluent button.
    const looks = await page.evaluate(() => {
      const app = document.querySelector(".fui-FluentProvider")!;
      const read = document.getElementById("read")!;
      return { fg: getComputedStyle(app).getPropertyValue("--colorNeutralForeground1").trim(), height: read.getBoundingClientRect().height, buckets: document.querySelectorAll("style[data-make-styles-bucket]").length };
    });
    expect(looks.fg).toBe("#242424");
    expect(looks.height).toBe(32);
    expect(looks.buckets).toBeGreaterThan(0);
    // Every control: disabled, disabled-focusable, or a link that works without script.
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll("#kam-app button, #kam-app select, #kam-app input, #kam-app a, #kam-app [tabindex]:not([tabindex='-1'])")].map((e) => ({
        id: e.id || e.textContent,
        inert: (e as HTMLButtonElement).disabled || e.getAttribute("aria-disabled") === "true",
        link: e.tagName === "A" && !!e.getAttribute("href"),
      })),
    );
    expect(controls.length).toBeGreaterThanOrEqual(4);
    expect(controls.filter((c) => !c.inert && !c.link)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    // Hydration takes these very nodes over.
    await page.evaluate(() => ((document.getElementById("step-heading") as HTMLElement & { probe?: number }).probe = 1));
    release();
    await page.waitForFunction(() => performance.getEntriesByName("kam-interactive").length === 1);
    expect(await page.evaluate(() => (document.getElementById("step-heading") as HTMLElement & { probe?: number }).probe)).toBe(1);
    await page.waitForSelector("#source option", { state: "attached" });
    expect(await page.textContent("#kam-status")).not.toBe("Connecting to Excel…");
    // Live: the same nodes now act.
    await page.click("#read");
    await page.waitForSelector("#source-info");
    // The theme's <style> moved to <head>; no second copy of Griffel's rules was inserted
    // (src/taskpane/wizard/pane.tsx rehydrateStyles took them over).
    const after = await page.evaluate(() => {
      const rules = [...document.querySelectorAll("style[data-make-styles-bucket]")].flatMap((s) => [...(s as HTMLStyleElement).sheet!.cssRules].map((r) => r.cssText));
      const empty = [...document.querySelectorAll("style[data-make-styles-bucket]")].filter((s) => (s as HTMLStyleElement).sheet!.cssRules.length === 0).length;
      return { inBody: document.querySelectorAll("#kam-app style").length, dup: rules.filter((r, i) => rules.indexOf(r) !== i), empty };
    });
    expect(after.inBody).toBe(0);
    expect(after.dup).toEqual([]);
    // The pre-rendered elements serve as Griffel's sheets: no empty twin per bucket.
    expect(after.empty).toBe(0);
    expect(errors).toEqual([]);
    // Remembered for the next start: this pane was light.
    expect(await page.evaluate(() => localStorage.getItem("kam-theme"))).toBe("light");
    await page.close();
  }, 120_000);

  it("keeps the light step hidden for a pane last shown dark, until the pane is live in the dark theme", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const dark = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#333333", controlForegroundColor: "#FFFFFF", isDarkTheme: true };
    const { page, errors } = await openPane({ holdTaskpane: held, officeTheme: dark, init: `try { localStorage.setItem("kam-theme", "dark"); } catch (e) {}` });
    await page.waitForSelector("#step-heading", { state: "attached" });
    const before = await page.evaluate(() => ({
      shell: document.documentElement.dataset.shell,
      visibility: getComputedStyle(document.getElementById("kam-app")!).visibility,
      body: getComputedStyle(document.body).backgroundColor,
    }));
    expect(before).toEqual({ shell: "dark", visibility: "hidden", body: "rgb(38, 38, 38)" });
    release();
    await page.waitForFunction(() => performance.getEntriesByName("kam-interactive").length === 1);
    await page.waitForFunction(() => document.documentElement.dataset.shell === undefined);
    const after = await page.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      visibility: getComputedStyle(document.getElementById("kam-app")!).visibility,
      fg: getComputedStyle(document.querySelector(".fui-FluentProvider")!).getPropertyValue("--colorNeutralForeground1").trim(),
    }));
    expect(after.theme).toBe("dark");
    expect(after.visibility).toBe("visible");
    expect(after.fg).not.toBe("#242424"); // the dark theme's text colour, not the light shell's
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
