/**
 * Weights from pairwise comparisons: the consistency ratio the pane passes in BuildInput is
 * written on the scoring sheet (row 7), flagged above 0.10, and absent for typed weights.
 */
import { describe, expect, it } from "vitest";
import { buildWorkbook, SCORING } from "../../src/workbook/build";
import { PlanEngine } from "../fake-excel/plan-engine";
import { smallInput } from "./fixtures";

const row = (cr: number | undefined) => {
  const { plan } = buildWorkbook(smallInput({ consistencyRatio: cr }));
  const engine = new PlanEngine(plan);
  return [0, 1, 2].map((c) => engine.value("KAM Scoring", SCORING.consistencyRow, c));
};

describe("consistency ratio on the scoring sheet", () => {
  it("records an accepted ratio above 0.10 with a warning", () => {
    const [label, value, note] = row(0.59);
    expect(label).toMatch(/consistency ratio/);
    expect(value).toBe(0.59);
    expect(note).toMatch(/Above 0\.10.*confirmed/);
  });
  it("records an acceptable ratio as such", () => {
    expect(row(0.04)[2]).toMatch(/0\.10 or less/);
  });
  it("writes nothing for typed weights", () => {
    const [label, value] = row(undefined);
    expect(String(label ?? "")).not.toMatch(/consistency/);
    expect(value ?? null).not.toBeTypeOf("number");
  });
});
