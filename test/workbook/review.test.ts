/**
 * Three quarters closed in a row, the way the pane does it but with HyperFormula as the
 * spreadsheet: build, read the sheets' values, close the quarter (snapshot appended to the
 * History sheet), change the table, build again with the history. The scoring sheet's previous
 * score, trend and rank change, and the portfolio's movers and stability, equal what the core
 * computes from the snapshots (comparePeriods, KAM.TREND, KAM.STABILITY).
 */
import { describe, expect, it } from "vitest";
import { STABILITY, TREND } from "../../src/core/kam-review";
import { comparePeriods, type Snapshot } from "../../src/core/history";
import { buildWorkbook, SCORING } from "../../src/workbook/build";
import { closeQuarter, snapshotFromSheets } from "../../src/workbook/close-quarter";
import { HISTORY_SHEET_NAME, readHistory } from "../../src/workbook/history-sheet";
import type { Scalar, WorkbookPlan } from "../../src/workbook/plan";
import { PORTFOLIO } from "../../src/workbook/sheets/portfolio";
import { PlanEngine } from "../fake-excel/plan-engine";
import { smallInput, smallTable } from "./fixtures";

function values(engine: PlanEngine, sheet: string): Scalar[][] {
  const id = engine.hf.getSheetId(sheet)!;
  return engine.hf.getSheetValues(id).map((r) => r.map((v) => (v !== null && typeof v === "object" ? String((v as { value: string }).value) : (v as Scalar))));
}

/** The quarter's table: revenues scaled per customer, so the key set changes. */
function quarter(scale: number[]) {
  const t = smallTable();
  t.rows = t.rows.map((r, i) => [r[0], (r[1] as number) * scale[i], ...r.slice(2)]);
  return t;
}

const QUARTERS = [
  { period: "2026 Q1", date: "2026-03-31", scale: [1, 1, 1, 1, 1, 1, 1] },
  { period: "2026 Q2", date: "2026-06-30", scale: [1, 0.3, 1, 4, 1, 1, 1] }, // Birch drops, Dune jumps
  { period: "2026 Q3", date: "2026-09-30", scale: [1, 0.3, 0.2, 4, 8, 1, 1] }, // Cobalt drops, Ember jumps
];

describe("three quarters closed in a row", () => {
  let history: readonly (readonly Scalar[])[] | undefined;
  const snapshots: Snapshot[] = [];
  let last: { plan: WorkbookPlan; engine: PlanEngine } | undefined;

  for (const [qi, q] of QUARTERS.entries()) {
    it(`${q.period}: the sheets compare with the quarter before, as the core does`, () => {
      const hist = history ? readHistory(history) : [];
      const { plan } = buildWorkbook(smallInput({ table: quarter(q.scale), history: hist }));
      const extra = history ? { [HISTORY_SHEET_NAME]: history.map((r) => r.map((v) => (typeof v === "string" ? `'${v}` : v))) } : {};
      const engine = new PlanEngine(plan, extra as never);
      const scoring = values(engine, "KAM Scoring");
      const portfolio = values(engine, "KAM Portfolio");
      const snap = snapshotFromSheets(scoring, portfolio, q.period, q.date);
      expect(snap.rows).toHaveLength(7);
      expect(snap.rows.filter((r) => r.key)).toHaveLength(3);
      expect(snap.rows.every((r) => r.quadrant !== undefined)).toBe(true);
      if (qi > 0) {
        const prev = snapshots[qi - 1];
        const c = comparePeriods(prev, snap);
        expect(c.comparable).toBe(true);
        const header = scoring[SCORING.headerRow].map(String);
        const at = (h: string) => header.indexOf(h);
        const rows = scoring.slice(SCORING.headerRow + 1, SCORING.headerRow + 8);
        rows.forEach((row, i) => {
          const before = prev.rows.find((r) => r.customer === row[0])!;
          expect(row[at("Previous score")]).toBeCloseTo(before.weightedScore!, 9);
          expect(row[at("Trend")]).toBe(c.customers[i].trend);
          expect(TREND([[before.weightedScore!]], [[row[at("Weighted score")]]])[0][0]).toBe(row[at("Trend")]);
          expect(row[at("Rank change")]).toBe(c.customers[i].rankChange);
          expect(row[at("Key account then")]).toBe(before.key ? "Key account" : "");
        });
        const P = PORTFOLIO;
        const v = (r: number) => portfolio[r][1];
        expect(v(P.lastPeriodRow)).toBe(prev.period);
        expect(v(P.comparedRow)).toBe(prev.period);
        expect(v(P.enteredRow)).toBe(c.movers.entered.length);
        expect(v(P.leftRow)).toBe(c.movers.left.length);
        expect(v(P.enteredRow)).toBeGreaterThan(0);
        const keys = (s: Snapshot) => s.rows.filter((r) => r.key).map((r) => [r.customer]);
        expect(v(P.stabilityRow) as number).toBeCloseTo(STABILITY(keys(prev), keys(snap)), 12);
        expect(v(P.stabilityRow) as number).toBeCloseTo(c.stability, 12);
      }
      const closed = closeQuarter(history, snap);
      history = closed.sheet.blocks[0].cells.map((r) => r.map((c) => (c.value === undefined ? null : c.value)));
      snapshots.push(snap);
      expect(closed.history.map((s) => s.period)).toEqual(QUARTERS.slice(0, qi + 1).map((x) => x.period));
      last = { plan, engine };
    });
  }

  it("a rebuild keeps every snapshot: the build never writes the History sheet", () => {
    const { plan } = buildWorkbook(smallInput({ history: readHistory(history!) }));
    expect(plan.sheets.map((s) => s.name)).not.toContain(HISTORY_SHEET_NAME);
    expect(readHistory(history!)).toEqual(snapshots);
    expect(last).toBeDefined();
  });

  it("the periods table lists the movers of each closed period", () => {
    const { plan } = buildWorkbook(smallInput({ history: readHistory(history!) }));
    const cells = plan.sheets.find((s) => s.name === "KAM Portfolio")!.blocks[0].cells;
    const P = PORTFOLIO;
    const row = (i: number) => cells[P.reviewTitleRow + 1 + i].slice(P.periodsCol, P.periodsCol + 8).map((c) => c.value);
    expect(row(0)[0]).toBe("2026 Q1");
    const c = comparePeriods(snapshots[0], snapshots[1]);
    expect(row(1)).toEqual(["2026 Q2", "2026-06-30", snapshots[1].fingerprint, "yes", 3, c.stability, c.movers.entered.join(", "), c.movers.left.join(", ")]);
  });

  it("a changed scheme is flagged: no scores compared, the period marked not comparable", () => {
    const input = smallInput({ history: readHistory(history!) });
    input.criteria[0] = { ...input.criteria[0], weight: 5 };
    const { plan } = buildWorkbook(input);
    const extra = { [HISTORY_SHEET_NAME]: history!.map((r) => r.map((v) => (typeof v === "string" ? `'${v}` : v))) };
    const engine = new PlanEngine(plan, extra as never);
    const portfolio = values(engine, "KAM Portfolio");
    expect(portfolio[PORTFOLIO.comparedRow][1]).toBeNull();
    expect(String(portfolio[PORTFOLIO.comparedRow][2])).toMatch(/No closed period under this scoring scheme/);
    const scoring = values(engine, "KAM Scoring");
    const header = scoring[SCORING.headerRow].map(String);
    const rows = scoring.slice(SCORING.headerRow + 1, SCORING.headerRow + 8);
    expect(rows.map((r) => r[header.indexOf("Previous score")])).toEqual(Array(7).fill(""));
    // movers are facts under any scheme: still given
    expect(portfolio[PORTFOLIO.lastPeriodRow][1]).toBe("2026 Q3");
    const snap = snapshotFromSheets(scoring, portfolio, "2026 Q4", "2026-12-31");
    const closed = closeQuarter(history, snap);
    expect(closed.comparison?.comparable).toBe(false);
    expect(closed.comparison?.differences).toContain("weight of Revenue 37.5% → 50%"); // 3/8 → 5/10; the others shrink in proportion
    expect(closed.comparison?.customers.every((c) => c.trend === undefined)).toBe(true);
  });
});
