/** Group AHP for the pane: several raters, unanswered pairs, RI tables, consensus, spread, worst judgements. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ahp } from "../../src/core/ahp";
import { GroupAhpError, groupAhp, relativeHomogeneity } from "../../src/core/ahp-group";
import * as ks from "../../src/core/kam-sensitivity";
import { DRINKS } from "./helpers";

const THREE = [
  [1, 2, 8],
  [1 / 2, 1, 2],
  [1 / 8, 1 / 2, 1],
];
/** Only the upper triangle typed, as the pane fills it. */
const upper = (m: (number | null)[][]) => m.map((r, i) => r.map((v, j) => (j > i ? v : null)));
const entropy = (w: number[]) => -w.reduce((s, x) => s + x * Math.log(x), 0);

describe("group AHP", () => {
  it("one rater with a complete matrix gives KAM.AHP's weights and CR, and consensus 1", () => {
    const g = groupAhp([upper(DRINKS as number[][])]);
    const expected = ks.AHP(DRINKS).map((r) => r[0] as number);
    Array.from(g.weights).forEach((w, i) => expect(w).toBeCloseTo(expected[i], 12));
    expect(g.cr).toBeCloseTo(ks.AHPCR(DRINKS), 12);
    expect(g.consensus).toBe(1);
    expect(g.pairs.every((p) => p.spread === 1 && p.answered === 1)).toBe(true);
  });

  it("aggregates by the geometric mean per pair, with its spread (worked by hand)", () => {
    // Rater 1: A is 3× B; rater 2: B is 3× A → group 1, weights ½ ½; spread exp(|ln 3|) = 3.
    const g = groupAhp([
      [
        [1, 3],
        [null, 1],
      ],
      [
        [1, null],
        [3, 1],
      ],
    ]);
    expect(g.matrix[0][1]).toBeCloseTo(1, 15);
    expect(Array.from(g.weights)).toEqual([0.5, 0.5]);
    expect(g.pairs[0]).toMatchObject({ i: 0, j: 1, answered: 2 });
    expect(g.pairs[0].min).toBeCloseTo(1 / 3, 15);
    expect(g.pairs[0].max).toBeCloseTo(3, 15);
    expect(g.pairs[0].spread).toBeCloseTo(3, 14);
    // Weights (¾, ¼) and (¼, ¾): Hα = H(¾, ¼), Hγ = ln 2, 1/Dβ = e^Hα / 2, S = (e^Hα/2 − ½)/½ = e^Hα − 1.
    expect(g.consensus).toBeCloseTo(Math.exp(entropy([0.75, 0.25])) - 1, 14);
    // Judgements 2 and 8: group 4, a factor 2 either side.
    const h = groupAhp([[[1, 2], [null, 1]], [[1, 8], [null, 1]]]);
    expect(h.matrix[0][1]).toBeCloseTo(4, 14);
    expect(h.pairs[0].spread).toBeCloseTo(2, 14);
  });

  it("completes a pair nobody answered as KAM.AHP does (AHPy's example: 0.7303) and leaves it out of the worst", () => {
    const ahpy = [
      [1, 1, 5, 2],
      [1, 1, 3, 4],
      [1 / 5, 1 / 3, 1, null],
      [1 / 2, 1 / 4, null, 1],
    ];
    const g = groupAhp([ahpy, ahpy]);
    expect(g.completed).toEqual([[2, 3]]);
    expect(Math.round(g.matrix[2][3] * 1e4) / 1e4).toBe(0.7303);
    const fn = ks.AHP(ahpy).map((r) => r[0] as number);
    Array.from(g.weights).forEach((w, i) => expect(w).toBeCloseTo(fn[i], 9));
    expect(g.pairs.find((p) => p.i === 2 && p.j === 3)).toMatchObject({ answered: 0 });
    expect(g.worst.some((w) => w.i === 2 && w.j === 3)).toBe(false);
    expect(g.raters[0].unanswered).toBe(1);
  });

  it("a pair only one rater answered takes that rater's value", () => {
    const a = [
      [1, 2, 4],
      [null, 1, null],
      [null, null, 1],
    ];
    const b = [
      [1, 2, 4],
      [null, 1, 2],
      [null, null, 1],
    ];
    const g = groupAhp([a, b]);
    expect(g.matrix[1][2]).toBeCloseTo(2, 14);
    expect(g.pairs.find((p) => p.i === 1)?.answered).toBe(1);
    // a is completed (1,2) = 2 too: consistent, same weights as b → full consensus
    expect(g.consensus).toBeCloseTo(1, 9);
    expect(g.cr).toBeCloseTo(0, 9);
  });

  it("RI table choice, GCI and the worst judgements with the value that would be consistent", () => {
    const g80 = groupAhp([THREE]);
    const g05 = groupAhp([THREE], { riTable: "saaty2005" });
    expect(g80.cr).toBeCloseTo(ks.AHPCR(THREE), 12); // 0.0462
    expect(g05.cr).toBeCloseTo(ks.AHPCR(THREE, "saaty2005"), 12); // 0.0516
    expect(g80.cr! / g05.cr!).toBeCloseTo(0.52 / 0.58, 12);
    expect(g80.gci).toBeCloseTo(Math.log(2) ** 2 / 3, 12);
    expect(g80.worst.map((w) => [w.i, w.j])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(g80.worst[1].consistent).toBeCloseTo(8 / 2 ** (1 / 3), 9); // 6.3496: 8 is off by the factor 2^(1/3)
    const geo = groupAhp([THREE], { method: "geometric" });
    ks.AHP(THREE, "geometric").forEach((r, i) => expect(geo.weights[i]).toBeCloseTo(r[0] as number, 14));
    // 11 criteria: beyond Saaty's 1980 table, inside Saaty's 2005 one
    const eleven = Array.from({ length: 11 }, (_, i) => Array.from({ length: 11 }, (_, j) => (i === j ? 1 : i < j ? 2 : 0.5)));
    expect(groupAhp([eleven]).cr).toBeUndefined();
    expect(groupAhp([eleven], { riTable: "saaty2005" }).cr).toBeGreaterThan(0);
  });

  it("says what to fix: rater and pair named", () => {
    const labels = ["Revenue", "NPS", "Growth"];
    expect(() => groupAhp([THREE, [[1, -2, 8], [null, 1, 2], [null, null, 1]]], { labels })).toThrow(/Rater 2: Revenue vs NPS must be a positive number/);
    expect(() => groupAhp([[[1, 2, 8], [2, 1, 2], [null, null, 1]]], { labels })).toThrow(/Rater 1: Revenue vs NPS is 2 but NPS vs Revenue is 2/);
    // typed 0.333 for 1/3 is fine
    expect(() => groupAhp([[[1, 3], [0.333, 1]]])).not.toThrow();
    expect(() =>
      groupAhp(
        [
          [
            [1, 2, null],
            [null, 1, null],
            [null, null, 1],
          ],
        ],
        { labels },
      ),
    ).toThrow(GroupAhpError);
    expect(() => groupAhp([[[1, 2, null], [null, 1, null], [null, null, 1]]], { labels })).toThrow(/answer at least one of: Revenue vs Growth, NPS vs Growth/);
    expect(() => groupAhp([THREE, [[1, 2], [null, 1]]])).toThrow(/Rater 2's matrix is not 3 × 3/);
    expect(() => groupAhp([])).toThrow(/at least one rater/);
  });

  it("properties: consistent raters aggregate to the geometric mean of their weights (Aczél & Saaty 1983); consensus in 0..1, 1 for equal raters; group between min and max", () => {
    const weights = fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(weights, { minLength: 1, maxLength: 5 }), (ws) => {
        const raters = ws.map((w) => w.map((wi) => w.map((wj) => wi / wj)));
        const g = groupAhp(raters);
        const geo = [0, 1, 2].map((i) => Math.exp(ws.reduce((s, w) => s + Math.log(w[i] / w.reduce((a, b) => a + b, 0)), 0) / ws.length));
        const total = geo.reduce((a, b) => a + b, 0);
        geo.forEach((x, i) => expect(g.weights[i]).toBeCloseTo(x / total, 9));
        expect(g.consensus).toBeGreaterThanOrEqual(0);
        expect(g.consensus).toBeLessThanOrEqual(1);
        for (const p of g.pairs) {
          expect(p.group).toBeGreaterThanOrEqual(p.min * (1 - 1e-12));
          expect(p.group).toBeLessThanOrEqual(p.max * (1 + 1e-12));
        }
        expect(groupAhp([raters[0], raters[0], raters[0]]).consensus).toBeCloseTo(1, 12);
      }),
      { numRuns: 200 },
    );
    expect(relativeHomogeneity([Float64Array.of(0.2, 0.8)])).toBe(1);
    // the eigenvector of the group matrix is what the pane shows
    const direct = ahp(THREE.map((r) => Float64Array.from(r))).weights;
    groupAhp([THREE]).weights.forEach((w, i) => expect(w).toBeCloseTo(direct[i], 14));
  });
});
