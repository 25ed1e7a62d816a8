/** AHP toolkit of issue 13: geometric weights, optimal completion, RI tables, GCI, worst judgements. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ahp, completeMinLambda, gci, randomIndex } from "../../src/core/ahp";
import * as kam from "../../src/core/kam";
import * as ks from "../../src/core/kam-sensitivity";
import { DRINKS, expectKamError } from "./helpers";

const F = (m: number[][]) => m.map((r) => Float64Array.from(r));
const weightsOf = (grid: number[][]) => grid.map((r) => r[0]);
/** A consistent matrix a_ij = w_i / w_j. */
const consistent = (w: number[]) => w.map((wi) => w.map((wj) => wi / wj));

// The 3 × 3 matrix with a12·a23/a13 = 1/2 used in ahp.test.ts: λmax = 1 + c^(1/3) + c^(−1/3).
const THREE = [
  [1, 2, 8],
  [1 / 2, 1, 2],
  [1 / 8, 1 / 2, 1],
];
const CI_THREE = 0.0268107879394865;

/** Random positive reciprocal matrices with Saaty-scale judgements. */
const reciprocal = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.array(fc.constantFrom(1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
    const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
    let k = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        m[i][j] = upper[k++];
        m[j][i] = 1 / m[i][j];
      }
    }
    return m;
  }),
);

describe("KAM.AHP with method and unanswered pairs", () => {
  it("behaves exactly as kam.AHP when nothing new is used", () => {
    expect(ks.AHP(DRINKS)).toEqual(kam.AHP(DRINKS));
    fc.assert(
      fc.property(reciprocal, (m) => {
        expect(ks.AHP(m)).toEqual(kam.AHP(m));
      }),
      { numRuns: 100 },
    );
    expect(ks.AHP(DRINKS, "eigen")).toEqual(kam.AHP(DRINKS));
  });

  it('"geometric" gives normalised row geometric means', () => {
    // rows multiply to 16, 1, 1/16: weights ∝ 16^(1/3), 1, 16^(−1/3)
    const g = [16 ** (1 / 3), 1, 16 ** (-1 / 3)];
    const total = g[0] + g[1] + g[2];
    weightsOf(ks.AHP(THREE, "geometric")).forEach((w, i) => expect(w).toBeCloseTo(g[i] / total, 15));
    weightsOf(ks.AHP(consistent([5, 3, 1, 1]), "Geometric")).forEach((w, i) => expect(w).toBeCloseTo([0.5, 0.3, 0.1, 0.1][i], 15));
    expectKamError(() => ks.AHP(THREE, "mean"), "#VALUE!", /method must be one of "eigen", "geometric"/);
  });

  it("completes AHPy's README example to 0.7303 (Bozóki, Fülöp & Rónyai 2010)", () => {
    const grid = [
      [1, 1, 5, 2],
      [1, 1, 3, 4],
      [1 / 5, 1 / 3, 1, null],
      [1 / 2, 1 / 4, "", 1],
    ];
    const { matrix, missing } = ks.readIncompletePairwise(grid);
    expect(missing).toEqual([[2, 3]]);
    expect(Math.round(matrix[2][3] * 1e4) / 1e4).toBe(0.7303);
    expect(matrix[3][2]).toBeCloseTo(1 / matrix[2][3], 15);
    // it is the minimum: moving the completed value either way raises λmax
    const lambda = (x: number) => {
      const m = matrix.map((r) => Float64Array.from(r));
      m[2][3] = x;
      m[3][2] = 1 / x;
      return ahp(m).lambdaMax;
    };
    const best = lambda(matrix[2][3]);
    for (const f of [0.99, 1.01, 0.9, 1.1]) expect(lambda(matrix[2][3] * f)).toBeGreaterThan(best);
    expect(ks.AHP(grid)).toEqual(Array.from(ahp(matrix).weights, (w) => [w]));
  });

  it("completes to the consistent value when the answered pairs allow it", () => {
    // a12 = 2 and a23 = 3 force a13 = 6 for λmax = 3 (consistent): weights 0.6, 0.3, 0.1.
    const m = ks.readIncompletePairwise([
      [1, 2, null],
      [null, 1, 3],
      [null, null, 1],
    ]).matrix;
    expect(m[0][2]).toBeCloseTo(6, 9);
    expect(ks.AHPCR([[1, 2, null], [null, 1, 3], [null, null, 1]])).toBeCloseTo(0, 10);
    // two unanswered pairs of a consistent 4 × 4 (w = 8, 4, 2, 1): completed to 8 and 2
    const w = [8, 4, 2, 1];
    const grid: (number | null)[][] = consistent(w);
    grid[0][3] = grid[3][0] = null;
    grid[1][2] = grid[2][1] = null;
    const done = ks.readIncompletePairwise(grid).matrix;
    expect(done[0][3]).toBeCloseTo(8, 8);
    expect(done[1][2]).toBeCloseTo(2, 8);
    weightsOf(ks.AHP(grid)).forEach((x, i) => expect(x).toBeCloseTo(w[i] / 15, 9));
  });

  it("answers #N/A when the answered pairs leave criteria unlinked", () => {
    // {1, 2} and {3, 4} compared only within each group
    const grid = [
      [1, 3, null, null],
      [null, 1, null, null],
      [null, null, 1, 2],
      [null, null, null, 1],
    ];
    expectKamError(() => ks.AHP(grid), "#N/A", /do not link every criterion.*4 pairs unanswered/);
    expectKamError(() => ks.AHP([[1, null], [null, 1]]), "#N/A", /do not link/);
    // kam.ts's checks still apply
    expectKamError(() => ks.AHP([[1, 3], [0.5, 1]]), "#VALUE!", /not reciprocal/);
    expectKamError(() => ks.AHP([[1, 2, 3], [0.5, 1, 2]]), "#VALUE!", /square/);
  });

  it("completion with many unanswered pairs reaches a stationary point of λmax", () => {
    fc.assert(
      fc.property(reciprocal.filter((m) => m.length >= 4), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (m, picks) => {
        const n = m.length;
        const pairs: [number, number][] = [];
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (j !== i + 1) pairs.push([i, j]); // keep the chain 1–2–…–n: connected
        const missing = [...new Set(picks.map((p) => p % pairs.length))].map((p) => pairs[p]);
        const done = completeMinLambda(F(m), missing);
        const base = ahp(done).lambdaMax;
        for (const [i, j] of missing) {
          for (const f of [0.999, 1.001]) {
            const t = done.map((r) => Float64Array.from(r));
            t[i][j] *= f;
            t[j][i] /= f;
            expect(ahp(t).lambdaMax).toBeGreaterThanOrEqual(base - 1e-12);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("KAM.AHPCR with random-index tables", () => {
  it("behaves exactly as kam.AHPCR by default, message included", () => {
    expect(ks.AHPCR(DRINKS)).toBe(kam.AHPCR(DRINKS));
    expect(ks.AHPCR(THREE, "saaty1980")).toBe(kam.AHPCR(THREE));
    const eleven = Array.from({ length: 11 }, () => new Array(11).fill(1));
    expectKamError(() => ks.AHPCR(eleven), "#N/A", "Saaty's random index table covers 3 to 10 criteria; this matrix has 11");
  });

  it("divides CI by Saaty's 2005 and Donegan & Dodd's indices", () => {
    expect(ks.AHPCR(THREE, "saaty2005")).toBeCloseTo(CI_THREE / 0.52, 12);
    expect(ks.AHPCR(THREE, "donegan-dodd")).toBeCloseTo(CI_THREE / 0.4914, 12);
    expect(ks.AHPCR([[1, 5], [0.2, 1]], "donegan-dodd")).toBe(0);
  });

  it("interpolates Donegan & Dodd linearly between listed sizes", () => {
    expect(randomIndex(20, "donegan-dodd")).toBe(1.5371);
    expect(randomIndex(22, "donegan-dodd")).toBeCloseTo(1.5371 + ((1.5619 - 1.5371) * 2) / 5, 15);
    expect(randomIndex(95, "donegan-dodd")).toBeCloseTo((1.6213 + 1.6339) / 2, 15);
    expect(randomIndex(15, "saaty2005")).toBe(1.59);
    expect(randomIndex(16, "saaty2005")).toBeUndefined();
    expect(randomIndex(2, "saaty2005")).toBe(0);
    // a 22 × 22 matrix with one inconsistent pair
    const m = consistent(Array.from({ length: 22 }, (_, i) => 1 + i));
    m[0][21] = 3;
    m[21][0] = 1 / 3;
    expect(ks.AHPCR(m, "donegan-dodd")).toBeCloseTo(ahp(F(m)).ci / 1.54702, 12);
  });

  it("answers #N/A beyond a table and #VALUE! for an unknown table", () => {
    const sixteen = Array.from({ length: 16 }, () => new Array(16).fill(1));
    expectKamError(() => ks.AHPCR(sixteen, "saaty2005"), "#N/A", "The saaty2005 random index table covers 3 to 15 criteria; this matrix has 16");
    expect(ks.AHPCR(sixteen, "donegan-dodd")).toBeCloseTo(0, 12);
    expectKamError(() => ks.AHPCR(THREE, "alonso"), "#VALUE!", /ri_table must be one of "saaty1980", "saaty2005", "donegan-dodd"/);
  });
});

describe("KAM.GCI", () => {
  it("is (ln c)²/3 for a 3 × 3 matrix with c = a12·a23/a13", () => {
    // Each of the three errors ln(a_ij·w_j/w_i) is ±(ln c)/3 with geometric-mean weights, so
    // GCI = 2/(2·1) · 3·(ln c / 3)² = (ln c)²/3; here c = 1/2.
    expect(ks.GCI(THREE)).toBeCloseTo(Math.log(2) ** 2 / 3, 15);
  });

  it("matches CI for every 3 × 3 matrix: CI = cosh(ln c / 3) − 1, so GCI = 3·arcosh(1 + CI)²", () => {
    fc.assert(
      fc.property(reciprocal.filter((m) => m.length === 3), (m) => {
        expect(gci(F(m))).toBeCloseTo(3 * Math.acosh(1 + ahp(F(m)).ci) ** 2, 6);
      }),
      { numRuns: 100 },
    );
  });

  it("is 0 for consistent matrices and for n ≤ 2", () => {
    expect(ks.GCI(consistent([4, 2, 1, 0.5]))).toBeCloseTo(0, 14);
    expect(ks.GCI([[1, 9], [1 / 9, 1]])).toBe(0);
    expect(ks.GCI([[1]])).toBe(0);
  });
});

describe("KAM.AHPWORST", () => {
  it("lists the three equal deviations of a 3 × 3 matrix in row order", () => {
    // For n = 3 the eigenvector equals the geometric means: w ∝ 16^(1/3), 1, 16^(−1/3).
    const r = ks.AHPWORST(THREE);
    expect(r.map((x) => x.slice(0, 3))).toEqual([
      [1, 2, 2],
      [1, 3, 8],
      [2, 3, 2],
    ]);
    expect(r[0][3]).toBeCloseTo(16 ** (1 / 3), 12);
    expect(r[1][3]).toBeCloseTo(16 ** (2 / 3), 12);
    expect(r[2][3]).toBeCloseTo(16 ** (1 / 3), 12);
  });

  it("puts a reversed judgement first and sorts by |ln(a_ij·w_j/w_i)|", () => {
    const m = consistent([8, 4, 2, 1]);
    m[0][3] = 1 / 8;
    m[3][0] = 8;
    const r = ks.AHPWORST(m, 6);
    expect(r).toHaveLength(6);
    expect(r[0].slice(0, 3)).toEqual([1, 4, 0.125]);
    const w = ahp(F(m)).weights;
    const dev = (x: number[]) => Math.abs(Math.log((x[2] * w[x[1] - 1]) / w[x[0] - 1]));
    for (let i = 1; i < r.length; i++) expect(dev(r[i])).toBeLessThanOrEqual(dev(r[i - 1]) + 1e-12);
    r.forEach((x) => expect(x[3]).toBeCloseTo(w[x[0] - 1] / w[x[1] - 1], 14));
    expect(ks.AHPWORST(m, 99)).toHaveLength(6);
  });

  it("leaves out unanswered pairs and checks k", () => {
    const grid = [
      [1, 2, null],
      [null, 1, 4],
      [null, null, 1],
    ];
    expect(ks.AHPWORST(grid, 5).map((x) => [x[0], x[1]])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expectKamError(() => ks.AHPWORST(THREE, 0), "#NUM!", /k must be a whole number of at least 1/);
    expectKamError(() => ks.AHPWORST([[1]]), "#N/A", /1 × 1 matrix has no judgements/);
  });
});
