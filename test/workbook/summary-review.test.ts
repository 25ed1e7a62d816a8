/**
 * The summary's "Since the last review" block and the cached values of the review figures
 * (issues 12 and 10), in HyperFormula (the fake host's engine): the block's period, key set
 * then and now, stability and the names that came in and left equal a computation by hand
 * from the snapshot and the scoring sheet's key flags (not the code under test); every formula
 * cell of the summary, portfolio and scoring sheets carries a cached value equal to what the
 * engine computes. LibreOffice checks the same after users' actions (user-actions.test.ts) and
 * cell by cell on the demo with a history (handout.test.ts).
 */
import { describe, expect, it } from "vitest";
import { takeSnapshot } from "../../src/core/history";
import { buildWorkbook, SCORING } from "../../src/workbook/build";
import { isErrorCell, type WorkbookPlan } from "../../src/workbook/plan";
import { buildScheme } from "../../src/workbook/sheets/portfolio";
import { NO_HISTORY_LINE, REVIEW_SECTION } from "../../src/workbook/sheets/summary-review";
import { PlanEngine } from "../fake-excel/plan-engine";
import { smallInput } from "./fixtures";

/** A closed period by hand: Acme, Dune and a customer since gone were the key accounts. */
function history(weights?: number[]) {
  const input = smallInput();
  const criteria = input.criteria.map((c, j) => ({ ...c, weight: weights?.[j] ?? c.weight }));
  const scheme = buildScheme(criteria);
  const row = (customer: string, key: boolean, score: number) => ({ customer, revenue: 100, scores: scheme.criteria.map(() => undefined), weightedScore: score, rank: 1, key });
  return [takeSnapshot("2026 Q3", "2026-09-30", scheme, [row("Acme Corp", true, 9), row("Dune GmbH", true, 8), row("Gone GmbH", true, 7), row("Birch Ltd", false, 5)])];
}

function summaryRows(engine: PlanEngine, plan: WorkbookPlan) {
  const sheet = plan.sheets.find((s) => s.name === "KAM Summary")!;
  const rows = sheet.blocks[0].cells.length;
  return Array.from({ length: rows }, (_, r) => [0, 1, 2].map((c) => engine.value("KAM Summary", r, c)));
}

describe("KAM Summary: since the last review", () => {
  const plan = buildWorkbook({ ...smallInput(), history: history(), writeHistory: true }).plan;
  const engine = new PlanEngine(plan);

  it("shows the period, the key set then and now, the stability and who came in and left, as worked by hand", () => {
    // Key accounts now, from the scoring sheet as the engine computes it.
    const scoring = plan.sheets.find((s) => s.name === "KAM Scoring")!;
    const header = scoring.blocks[0].cells[SCORING.headerRow].map((c) => c.value);
    const now: string[] = [];
    for (let r = SCORING.headerRow + 1; r < SCORING.headerRow + 8; r++) {
      if (engine.value("KAM Scoring", r, header.indexOf("Key account")) === "Key account") now.push(String(engine.value("KAM Scoring", r, 0)));
    }
    expect(now).toHaveLength(3);
    const then = ["Acme Corp", "Dune GmbH", "Gone GmbH"];
    const entered = now.filter((x) => !then.includes(x));
    const left = then.filter((x) => !now.includes(x));
    const both = now.length - entered.length;
    expect(entered.length).toBeGreaterThan(0);
    expect(left).toContain("Gone GmbH");

    const v = summaryRows(engine, plan);
    const at = (label: string) => v.findIndex((row) => row[0] === label);
    expect(at(REVIEW_SECTION)).toBeGreaterThan(0);
    expect(v[at("Compared with (last closed period)")][1]).toBe("2026 Q3");
    expect(v[at("Key accounts then, now")].slice(1)).toEqual([3, 3]);
    expect(v[at("Stability (in both / in either)")][1]).toBeCloseTo(both / (now.length + then.length - both), 12);
    const list = at("Came in");
    const names = v.slice(list + 1, list + 1 + Math.max(entered.length, left.length));
    expect(names.map((r) => r[0]).filter((x) => x !== "")).toEqual(entered);
    expect(names.map((r) => r[2]).filter((x) => x !== "")).toEqual(left);
    // Same scheme: no warning.
    expect(v.some((row) => String(row[0]).startsWith("Not comparable"))).toBe(false);
  });

  it("stores in every formula cell of the summary, portfolio and scoring sheets the value the engine computes", () => {
    let compared = 0;
    for (const name of ["KAM Summary", "KAM Portfolio", "KAM Scoring"]) {
      const sheet = plan.sheets.find((s) => s.name === name)!;
      sheet.blocks[0].cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (cell.formula === undefined) return;
          const where = `${name}!R${r + 1}C${c + 1} ${cell.formula.slice(0, 80)}`;
          expect(cell.result, where).toBeDefined();
          const got = engine.value(name, r, c);
          const want = cell.result;
          if (typeof want === "number") expect(Math.abs((got as number) - want), where).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
          else if (isErrorCell(want)) expect(got, where).toBe(want.code);
          else expect(got ?? "", where).toBe(want ?? "");
          compared++;
        }),
      );
    }
    expect(compared).toBeGreaterThan(300);
  });

  it("adds a chart of key-set size and stability per period (columns, and a line on a second axis)", () => {
    const charts = plan.sheets.find((s) => s.name === "KAM Summary")!.charts!;
    const chart = charts.find((c) => c.kind === "columnLine")!;
    expect(chart.title).toBe("Key accounts and stability of the key set, by period");
    // Closed period, then now.
    const cat = [1, 2].map((i) => engine.value("KAM Summary", chart.data.row + i, 0));
    expect(cat).toEqual(["2026 Q3", "Now (against 2026 Q3)"]);
    expect(engine.value("KAM Summary", chart.series[0].values.row + 1, 1)).toBe(3);
  });

  it("says in words when the last period was closed under another scheme", () => {
    const other = buildWorkbook({ ...smallInput(), history: history([5, 1, 1, 1, 2]), writeHistory: true }).plan;
    const v = summaryRows(new PlanEngine(other), other);
    const warning = v.map((r) => String(r[0])).find((t) => t.startsWith("Not comparable"));
    expect(warning).toMatch(/^Not comparable: 2026 Q3 was closed under another scoring scheme \(.*weight of Revenue.*\); trends start after the next Close quarter\.$/);
  });

  it("without a history says in one line how to start one, and draws no review chart", () => {
    const { plan: fresh } = buildWorkbook(smallInput());
    const sheet = fresh.sheets.find((s) => s.name === "KAM Summary")!;
    const texts = sheet.blocks[0].cells.flat().map((c) => c.value);
    expect(texts).toContain(NO_HISTORY_LINE);
    expect(texts).not.toContain(REVIEW_SECTION);
    expect(sheet.charts!.map((c) => c.kind)).toEqual(["line", "line"]);
  });
});
