/** The pane's AHP rules (wizard/model.ts): several raters, skipped pairs, the RI table, the worst judgements. */
import { describe, expect, it } from "vitest";
import { numberLocale } from "../../src/taskpane/wizard/format";
import { type CriterionRow, defaultSettings, pairKey, type Settings, weightsOf } from "../../src/taskpane/wizard/model";

const nl = numberLocale("en-US");
const row = (label: string): CriterionRow => ({ key: label, label, kind: "data", column: 1, include: true, direction: "benefit", method: "minmax", weightText: "1" });

function settings(over: Partial<Settings>): Settings {
  return { ...defaultSettings(nl), criteria: ["A", "B", "C"].map(row), weightMode: "ahp", ...over };
}

describe("pane AHP", () => {
  // Sliders: −1 = A twice B, −7 = A 8× C, −1 = B twice C: the 3 × 3 matrix {1,2,8;½,1,2;⅛,½,1}.
  const one = { [pairKey("A", "B")]: -1, [pairKey("A", "C")]: -7, [pairKey("B", "C")]: -1 };

  it("one rater: the eigenvector weights, CR with the chosen table, and the worst judgements with their consistent value", () => {
    const w = weightsOf(settings({ pairwise: one }), nl);
    expect(w.weights).toEqual([64.3, 25.5, 10.1]);
    expect(w.cr).toBeCloseTo(0.0462, 4);
    expect(weightsOf(settings({ pairwise: one, riTable: "saaty2005" }), nl).cr).toBeCloseTo(0.0516, 4);
    expect(w.worst!.map((j) => [j.i, j.j])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(w.worst![1].consistent).toBeCloseTo(8 / 2 ** (1 / 3), 9);
    expect(w.consensus).toBeUndefined();
  });

  it("two raters are combined by the geometric mean; a skipped pair is completed", () => {
    // Rater 2 says A is 8× B where rater 1 says 2×: the group value is 4, a factor 2 either side.
    const w = weightsOf(settings({ pairwise: one, raters: [{ ...one, [pairKey("A", "B")]: -7 }] }), nl);
    expect(w.pairs!.find((p) => p.i === 0 && p.j === 1)!.group).toBeCloseTo(4, 12);
    expect(w.pairs!.find((p) => p.i === 0 && p.j === 1)!.spread).toBeCloseTo(2, 12);
    expect(w.consensus).toBeGreaterThan(0.9);
    expect(w.consensus).toBeLessThan(1);
    // A-C skipped by the only rater: completed to a_AC = a_AB·a_BC = 4, a consistent matrix
    const skipped = weightsOf(settings({ pairwise: { ...one, [pairKey("A", "C")]: null } }), nl);
    expect(skipped.completed).toBe(1);
    expect(skipped.cr).toBeCloseTo(0, 9);
    expect(skipped.weights).toEqual([57.1, 28.6, 14.3]);
    // skipping everything that links C: says which pair to answer
    const cut = weightsOf(settings({ pairwise: { ...one, [pairKey("A", "C")]: null, [pairKey("B", "C")]: null } }), nl);
    expect(cut.error).toMatch(/answer at least one of: A vs C, B vs C/);
  });
});
