/**
 * Issue 8, point 7: in Excel the add-in watches its sheets and the customer table. A sort needs
 * nothing (the formulas follow sorted rows); inserting or deleting rows in the scoring table,
 * or editing the customer table, shows "The scoring table changed: refresh" (or the table's
 * message), and one refresh rebuilds in place, keeping what the user typed on the sheets.
 * Driven through the fake Excel host's user actions and events, the way the pane drives it.
 */
import { describe, expect, it } from "vitest";
import { ChangeWatch, type ExcelRunner, SOURCE_MESSAGE, STALE_MESSAGE, type WatchState } from "../../src/taskpane/change-watch";
import { SCORING } from "../../src/workbook/build";
import { type FakeExcel } from "../fake-excel/fake-excel";
import { runWizard, workbookWithTable, type WizardChoices } from "../fake-excel/wizard-flow";
import { smallTable } from "../workbook/fixtures";

const choices: WizardChoices = {
  keyRule: { kind: "top", n: 3 },
  adjust: (input) => ({ ...input, criteria: [...input.criteria, { label: "Retention", kind: "manual", direction: "benefit", method: "minmax", weight: 2 }] }),
};

function setup() {
  const t = smallTable();
  const fake = workbookWithTable(t.headers, t.rows);
  const run: ExcelRunner = (batch, context) => (context ? batch(context).then(async (r) => (await context.sync(), r)) : fake.run(batch));
  return { fake, run };
}

const first = SCORING.headerRow + 1;
const header = (fake: FakeExcel) => fake.sheetValues("KAM Scoring")[SCORING.headerRow].map(String);
const rowOf = (fake: FakeExcel, name: string) => fake.sheetValues("KAM Scoring").findIndex((r, i) => i >= first && r[0] === name);
const cellOf = (fake: FakeExcel, name: string, column: string) => {
  const c = header(fake).indexOf(column);
  return `${String.fromCharCode(65 + c)}${rowOf(fake, name) + 1}`;
};

describe("the change watch (Excel): sort freely, refresh after inserts, deletes and table edits", () => {
  it("a sort keeps the sheets fresh; an inserted row asks for a refresh, which keeps the typed score", async () => {
    const { fake, run } = setup();
    await runWizard(fake, choices);
    const watch = new ChangeWatch(run, async () => void (await runWizard(fake, choices)));
    const states: WatchState[] = [];
    watch.subscribe((s) => states.push(s));
    await watch.watch({ scoringSheet: "KAM Scoring", otherSheets: ["KAM Loss Scenarios", "KAM Concentration"], sourceTable: "Customers" });

    // A manual score typed on the sheet.
    await fake.typeAsUser("KAM Scoring", cellOf(fake, "Gale Inc", "Retention (1–10)"), 10);
    expect(watch.current.stale).toBe(false);
    const keyCount = () => fake.cell("KAM Scoring", `B${SCORING.keyCountRow + 1}`).value;
    const before = keyCount();

    // Sort the table Z–A by customer: nothing to refresh, and the figures stay the same.
    const width = header(fake).filter((h) => h !== "").length;
    await fake.sortRowsAsUser("KAM Scoring", `A${first + 1}:${String.fromCharCode(64 + width)}${first + 7}`, 0, false);
    expect(fake.sheetValues("KAM Scoring")[first][0]).toBe("Gale Inc");
    expect(watch.current.stale).toBe(false);
    expect(keyCount()).toBe(before);
    const ranks = fake.sheetValues("KAM Scoring").slice(first, first + 7).map((r) => r[header(fake).indexOf("Rank")]);
    expect([...ranks].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);

    // Insert a row inside the table: the pane is told to refresh.
    await fake.insertRowsAsUser("KAM Scoring", first + 3, 1);
    expect(watch.current).toMatchObject({ stale: true, message: STALE_MESSAGE });
    expect(states.at(-1)).toEqual(watch.current);

    // One click: rebuilt in place, fresh again, the typed score kept.
    await watch.refresh();
    expect(watch.current.stale).toBe(false);
    expect(fake.cell("KAM Scoring", cellOf(fake, "Gale Inc", "Retention (1–10)")).value).toBe(10);
    expect(fake.sheetNames().filter((n) => n.startsWith("KAM"))).toHaveLength(5); // summary, scoring, loss, concentration, portfolio
  });

  it("a deleted row, a customer typed under the table, and an edit of the customer table each ask for a refresh", async () => {
    const { fake, run } = setup();
    await runWizard(fake, choices);
    const watch = new ChangeWatch(run, async () => void (await runWizard(fake, choices)));
    const target = { scoringSheet: "KAM Scoring", otherSheets: [], sourceTable: "Customers" };
    await watch.watch(target);

    await fake.deleteRowsAsUser("KAM Scoring", first + 1, 1);
    expect(watch.current).toMatchObject({ stale: true, message: STALE_MESSAGE });
    await watch.refresh();
    expect(watch.current.stale).toBe(false);
    expect(rowOf(fake, "Birch Ltd")).toBeGreaterThan(0); // back: the table is the source

    // A customer typed under the table without formulas: counted as not counted, and flagged.
    await fake.typeAsUser("KAM Scoring", `${String.fromCharCode(65 + header(fake).indexOf("Revenue"))}${first + 8}`, 5000);
    await fake.typeAsUser("KAM Scoring", `A${first + 8}`, "New Co");
    expect(watch.current).toMatchObject({ stale: true, message: STALE_MESSAGE });
    expect(String(fake.cell("KAM Scoring", "A3").value)).toMatch(/^1 customer below the table is not counted: refresh/);
    await watch.refresh();

    // The customer table edited: refresh, and the sheets then show the new revenue.
    await fake.typeAsUser("Customers", "B2", 1_500_000);
    expect(watch.current).toMatchObject({ stale: true, message: SOURCE_MESSAGE });
    await watch.refresh();
    expect(watch.current.stale).toBe(false);
    expect(fake.cell("KAM Scoring", cellOf(fake, "Acme Corp", "Revenue")).value).toBe(1_500_000);
  });
});
