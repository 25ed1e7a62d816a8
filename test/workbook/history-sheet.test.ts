/** The KAM History sheet: snapshots written as values, read back unchanged, appended, checked. */
import { describe, expect, it } from "vitest";
import { KamError } from "../../src/core/errors";
import { type ScoringScheme, type SnapshotRow, takeSnapshot } from "../../src/core/history";
import { appendSnapshot, HISTORY, historyCriteria, historySheet, parseScheme, readHistory, schemeText } from "../../src/workbook/history-sheet";
import type { Scalar } from "../../src/workbook/plan";

const A: ScoringScheme = {
  criteria: [
    { name: "Revenue", direction: "benefit", weight: 3 },
    { name: "Cost to serve", direction: "cost", weight: 1 },
  ],
};
const B: ScoringScheme = { criteria: [...A.criteria, { name: "Relationship", direction: "benefit", weight: 2 }] };

const rows = (n: number, scores: number): SnapshotRow[] =>
  Array.from({ length: n }, (_, i) => ({
    customer: `C${i + 1}`,
    revenue: 1000 - i,
    margin: i === 1 ? undefined : 100 + i,
    scores: Array.from({ length: scores }, (_, j) => (i === 2 && j === 0 ? undefined : 1 + i + j / 2)),
    weightedScore: 9 - i,
    rank: i + 1,
    key: i < 2,
    quadrant: i < 2 ? "Strategic" : "Streamline",
  }));

/** The values a sheet plan shows, as the pane reads them back (A1 at [0][0], blanks null). */
function values(plan: ReturnType<typeof historySheet>): Scalar[][] {
  return plan.blocks[0].cells.map((r) => r.map((c) => (c.value === undefined ? null : c.value)));
}

describe("history sheet", () => {
  const q1 = takeSnapshot("2026 Q1", "2026-03-31", A, rows(3, 2));
  const q2 = takeSnapshot("2026 Q2", "2026-06-30", B, rows(4, 3));

  it("writes the scheme in words and reads it back", () => {
    expect(schemeText(A)).toBe("Revenue: benefit × 3; Cost to serve: cost × 1");
    expect(parseScheme(schemeText(B))).toEqual(B);
    expect(() => parseScheme("Revenue 3")).toThrow(KamError);
  });

  it("has one criterion column per criterion ever scored, fixed columns first", () => {
    expect(historyCriteria([q1, q2])).toEqual(["Revenue", "Cost to serve", "Relationship"]);
    const v = values(historySheet([q1, q2]));
    expect(v[HISTORY.headerRow].slice(HISTORY.firstCriterion)).toEqual(["Revenue", "Cost to serve", "Relationship"]);
    // Q1 rows have no Relationship score: blank, not 0
    expect(v[HISTORY.headerRow + 1][HISTORY.firstCriterion + 2]).toBeNull();
    expect(v[HISTORY.headerRow + 1][HISTORY.key]).toBe("Key account");
    expect(v[HISTORY.headerRow + 3][HISTORY.key]).toBeNull();
  });

  it("reads back exactly the snapshots it wrote (blanks stay blanks)", () => {
    expect(readHistory(values(historySheet([q1, q2])))).toEqual([q1, q2]);
  });

  it("still reads after the user sorts the table by customer", () => {
    const v = values(historySheet([q1, q2]));
    const body = v.slice(HISTORY.headerRow + 1).sort((x, y) => String(x[HISTORY.customer]).localeCompare(String(y[HISTORY.customer])));
    const back = readHistory([...v.slice(0, HISTORY.headerRow + 1), ...body]);
    expect(back.map((s) => s.period).sort()).toEqual(["2026 Q1", "2026 Q2"]);
    const byName = (s: typeof q1) => [...s.rows].sort((x, y) => String(x.customer).localeCompare(String(y.customer)));
    expect(byName(back.find((s) => s.period === "2026 Q2")!)).toEqual(byName(q2));
  });

  it("flags a period whose scheme was edited by hand", () => {
    const v = values(historySheet([q1]));
    v[HISTORY.headerRow + 1][HISTORY.scheme] = "Revenue: benefit × 5; Cost to serve: cost × 1";
    expect(() => readHistory(v)).toThrow(/fingerprint/);
  });

  it("appends a period, and refuses a period label already used", () => {
    expect(appendSnapshot([q1], q2)).toEqual([q1, q2]);
    expect(() => appendSnapshot([q1, q2], { ...q2, period: " 2026 q2" })).toThrow(/already in the history/);
  });
});

describe("the scheme in words on the history sheet", () => {
  it("wraps in a column of its planned width (every cell of the row in the same style, read from the top), its rows as tall as its lines (not cut off by the scores beside it)", async () => {
    const { laidOut, wrappedLines } = await import("../../src/workbook/layout");
    const long: ScoringScheme = { criteria: ["Revenue", "Cost to serve", "Relationship", "Strategic fit (1–10)", "Share of wallet", "NPS"].map((name, i) => ({ name, direction: i === 1 ? "cost" : "benefit", weight: i + 1 })) };
    const plan = laidOut(historySheet([takeSnapshot("2026 Q1", "2026-03-31", long, rows(3, 6))]));
    const first = plan.blocks[0].cells[HISTORY.headerRow + 1][HISTORY.scheme];
    expect(first.style).toBe("wrapped");
    expect(plan.blocks[0].cells[HISTORY.headerRow + 1].every((c) => c.style === "wrapped")).toBe(true);
    const width = plan.columnWidths![HISTORY.scheme];
    expect(width).toBe(60);
    const text = String(first.value);
    expect(text.length).toBeGreaterThan(width);
    const height = plan.rowHeights!.find((h) => h.row === HISTORY.headerRow + 1)?.height;
    expect(height).toBeGreaterThanOrEqual(15 * wrappedLines(text, 56));
    expect(wrappedLines(text, 56)).toBeGreaterThan(1);
  });
});
