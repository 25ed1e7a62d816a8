/**
 * Property tests (fast-check): laws every input must satisfy, checked on random customer
 * tables. They complement the worked examples, which pin exact values.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ahp, SAATY_RI } from "../../src/core/ahp";
import * as kam from "../../src/core/kam";
import { col } from "./helpers";

/**
 * Revenues: 1–60 non-negative amounts with a positive total, in cents-like magnitudes. Zeros
 * come from the integers; fractional amounts start at a cent, because subnormal doubles such
 * as 5e-324 are not amounts anyone books and turn into 0 when rescaled (CI once found that).
 */
const revenues = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 5_000_000 }), fc.double({ min: 0.01, max: 1e7, noNaN: true, noDefaultInfinity: true })), {
    minLength: 1,
    maxLength: 60,
  })
  .filter((xs) => xs.some((x) => x > 0));

const EPS = 1e-12;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("concentration laws", () => {
  it("1/n ≤ HHI ≤ 1 and EFFECTIVEN = 1/HHI lies in [1, n]", () => {
    fc.assert(
      fc.property(revenues, (xs) => {
        const h = kam.HHI(col(...xs), 1);
        const n = xs.length;
        expect(h).toBeGreaterThanOrEqual(1 / n - EPS);
        expect(h).toBeLessThanOrEqual(1 + EPS);
        const e = kam.EFFECTIVEN(col(...xs));
        expect(e).toBeCloseTo(1 / h, 9);
        expect(e).toBeGreaterThanOrEqual(1 - EPS);
        expect(e).toBeLessThanOrEqual(n + 1e-9);
      }),
    );
  });
  it("HHI and Gini do not change when revenues are permuted or rescaled", () => {
    fc.assert(
      fc.property(revenues, fc.double({ min: 0.001, max: 1000, noNaN: true }), (xs, k) => {
        const shuffled = [...xs].reverse();
        const scaled = xs.map((x) => x * k);
        expect(kam.HHI(col(...shuffled))).toBeCloseTo(kam.HHI(col(...xs)), 6);
        expect(kam.HHI(col(...scaled))).toBeCloseTo(kam.HHI(col(...xs)), 6);
        expect(kam.GINI(col(...scaled))).toBeCloseTo(kam.GINI(col(...xs)), 9);
      }),
    );
  });
  it("0 ≤ Gini < 1, and Gini ≤ (n − 1)/n", () => {
    fc.assert(
      fc.property(revenues, (xs) => {
        const g = kam.GINI(col(...xs));
        expect(g).toBeGreaterThanOrEqual(-EPS);
        expect(g).toBeLessThan(1);
        expect(g).toBeLessThanOrEqual((xs.length - 1) / xs.length + EPS);
      }),
    );
  });
  it("TOPSHARE rises with n from 0 to 1 and is at least n/count", () => {
    fc.assert(
      fc.property(revenues, (xs) => {
        let prev = 0;
        for (let n = 1; n <= xs.length; n++) {
          const t = kam.TOPSHARE(col(...xs), n);
          expect(t).toBeGreaterThanOrEqual(prev - EPS);
          expect(t).toBeGreaterThanOrEqual(n / xs.length - 1e-9);
          prev = t;
        }
        // all but the smallest, plus the smallest's own share, is everything
        const smallest = xs.reduce((a, b) => Math.min(a, b));
        expect(kam.TOPSHARE(col(...xs), xs.length - 1) + smallest / sum(xs)).toBeCloseTo(1, 9);
      }),
    );
  });
  it("PARETO is the smallest k whose TOPSHARE reaches the share", () => {
    fc.assert(
      fc.property(revenues, fc.double({ min: 0.05, max: 1, noNaN: true }), (xs, s) => {
        const k = kam.PARETO(col(...xs), s);
        expect(k).toBeGreaterThanOrEqual(1);
        expect(k).toBeLessThanOrEqual(xs.length);
        expect(kam.TOPSHARE(col(...xs), k)).toBeGreaterThanOrEqual(s - 1e-9);
        if (k > 1) expect(kam.TOPSHARE(col(...xs), k - 1)).toBeLessThan(s + 1e-9);
      }),
    );
  });
  it("PARETO on revenues in whole units, tenths or cents matches exact integer arithmetic, exact hits included", () => {
    // Revenues k/d with whole k adding up to 100 (cut points in 1..99) and d = 1, 10 or 100,
    // and whole-percent shares p: every p that equals a running total of the largest is an
    // exact hit, and tenths and cents make binary rounding miss such hits (0.7 + 0.1 < 0.8).
    // The reference decides 100 · Σ top k ≥ p · Σ all on the integers k in BigInt.
    const pieces = fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 25 }).map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), 100];
      return points.slice(1).map((x, i) => x - points[i]);
    });
    fc.assert(
      fc.property(pieces, fc.constantFrom(1, 10, 100), fc.integer({ min: 1, max: 100 }), (ks, d, p) => {
        const desc = [...ks].sort((a, b) => b - a).map(BigInt);
        const total = desc.reduce((a, b) => a + b, 0n);
        let expected = 0;
        for (let top = 0n; expected < desc.length && 100n * top < BigInt(p) * total; expected++) top += desc[expected];
        expect(kam.PARETO(col(...ks.map((k) => k / d)), p / 100)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
  it("SHARE adds up to 1", () => {
    fc.assert(
      fc.property(revenues, (xs) => {
        const shares = kam.SHARE(col(...xs), col(...xs)).map((r) => r[0] as number);
        expect(sum(shares)).toBeCloseTo(1, 9);
      }),
    );
  });
  it("LORENZ is the ascending prefix sums over the total, never decreases, stays under the diagonal and is convex", () => {
    fc.assert(
      fc.property(revenues, (xs) => {
        const pts = kam.LORENZ(col(...xs));
        const asc = [...xs].sort((a, b) => a - b);
        const total = sum(asc);
        expect(pts).toHaveLength(asc.length + 1);
        let prefix = 0;
        for (let i = 0; i <= asc.length; i++) {
          expect(pts[i][0]).toBeCloseTo(i / asc.length, 15);
          expect(pts[i][1]).toBeCloseTo(prefix / total, 9);
          prefix += asc[i] ?? 0;
        }
        for (let i = 1; i < pts.length; i++) {
          expect(pts[i][1]).toBeGreaterThanOrEqual(pts[i - 1][1] - EPS);
          expect(pts[i][1]).toBeLessThanOrEqual(pts[i][0] + 1e-9);
          if (i > 1) {
            const slopeBefore = pts[i - 1][1] - pts[i - 2][1];
            expect(pts[i][1] - pts[i - 1][1]).toBeGreaterThanOrEqual(slopeBefore - 1e-9);
          }
        }
      }),
    );
  });
  it("ABC classes never improve as revenue falls, and the largest customer is always A", () => {
    fc.assert(
      fc.property(revenues, (xs) => {
        const sorted = [...xs].sort((a, b) => b - a);
        const classes = kam.ABC(col(...sorted), col(...xs)).map((r) => r[0] as string);
        expect(classes[0]).toBe("A");
        for (let i = 1; i < classes.length; i++) expect(classes[i] >= classes[i - 1]).toBe(true);
      }),
    );
  });
  it("TOPLOSS equals the revenue in the LOSSTABLE row for the same k", () => {
    fc.assert(
      fc.property(revenues, fc.integer({ min: 1, max: 10 }), (xs, k) => {
        const names = xs.map((_, i) => `C${i}`);
        const table = kam.LOSSTABLE(col(...names), col(...xs), null, k);
        const last = table[table.length - 1];
        expect(kam.TOPLOSS(col(...xs), k)).toBeCloseTo(last[2] as number, 6);
      }),
    );
  });
});

describe("scoring laws", () => {
  const score = fc.double({ min: 1, max: 10, noNaN: true });
  it("WSCORE lies between the smallest and the largest score", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.tuple(fc.array(score, { minLength: n, maxLength: n }), fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: n, maxLength: n })),
        ),
        ([s, w]) => {
          fc.pre(w.some((x) => x > 1e-9));
          const v = kam.WSCORE([s], [w])[0][0] as number;
          expect(v).toBeGreaterThanOrEqual(Math.min(...s) - 1e-9);
          expect(v).toBeLessThanOrEqual(Math.max(...s) + 1e-9);
        },
      ),
    );
  });
  it("WSCORE of many rows is, row by row, WSCORE of that row alone (blanks, text numbers, bad text and all-zero weights mixed in)", () => {
    const cell = fc.oneof(score, score, score, fc.constant(null), fc.constant(""), score.map((x) => String(x)), fc.constant("n/a"));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 2, maxLength: 8 }),
            fc.oneof(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: n, maxLength: n }), fc.constant(Array.from({ length: n }, () => 0))),
          ),
        ),
        ([rows, w]) => {
          const many = kam.WSCORE(rows, [w]);
          rows.forEach((row, r) => {
            const alone = kam.WSCORE([row], [w])[0][0];
            const got = many[r][0];
            if (alone instanceof Error) {
              expect(got).toBeInstanceOf(Error);
              expect((got as Error).message).toBe(`row ${r + 1}: ${alone.message.replace("row 1, ", `row ${r + 1}, `)}`);
            } else expect(Object.is(got, alone), `row ${r + 1}`).toBe(true);
          });
        },
      ),
    );
  });
  it("SCALE stays within [low, high], keeps order for benefit and reverses it for cost", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom("minmax", "percentile", "zscore"),
        (xs, method) => {
          const up = kam.SCALE(col(...xs), 1, 10, "benefit", method).map((r) => r[0] as number);
          const down = kam.SCALE(col(...xs), 1, 10, "cost", method).map((r) => r[0] as number);
          for (let i = 0; i < xs.length; i++) {
            expect(up[i]).toBeGreaterThanOrEqual(1 - 1e-9);
            expect(up[i]).toBeLessThanOrEqual(10 + 1e-9);
            expect(up[i] + down[i]).toBeCloseTo(11, 9);
            for (let j = 0; j < xs.length; j++) {
              if (xs[i] < xs[j]) expect(up[i]).toBeLessThanOrEqual(up[j] + 1e-9);
            }
          }
        },
      ),
    );
  });
  it("AHP recovers the weights of any consistent matrix, with CR ≈ 0", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }), (raw) => {
        const total = sum(raw);
        const w = raw.map((x) => x / total);
        const m = w.map((wi) => w.map((wj) => wi / wj));
        kam.AHP(m).forEach((r, i) => expect(r[0]).toBeCloseTo(w[i], 9));
        // λmax = n up to rounding; a rounding-sized shortfall must not show as a negative CR
        const cr = kam.AHPCR(m);
        expect(cr).toBeCloseTo(0, 9);
        expect(cr).toBeGreaterThanOrEqual(0);
      }),
    );
  });
  it("AHP weights are positive and sum to 1, and λmax ≥ n (Perron–Frobenius, Saaty) for any reciprocal Saaty-scale matrix", () => {
    const judgement = fc.constantFrom(1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9, 2, 1 / 2);
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }).chain((n) => fc.tuple(fc.constant(n), fc.array(judgement, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }))),
        ([n, upper]) => {
          const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
          let k = 0;
          for (let i = 0; i < n; i++)
            for (let j = i + 1; j < n; j++) {
              m[i][j] = upper[k++];
              m[j][i] = 1 / m[i][j];
            }
          const result = ahp(m.map((r) => Float64Array.from(r)));
          result.weights.forEach((x) => expect(x).toBeGreaterThan(0));
          expect(sum(Array.from(result.weights))).toBeCloseTo(1, 12);
          // For a positive reciprocal matrix λmax ≥ n, with equality only when consistent.
          expect(result.lambdaMax).toBeGreaterThanOrEqual(n - 1e-10);
          // λmax really is an eigenvalue: A·w = λmax·w for the weights returned
          for (let i = 0; i < n; i++) {
            const aw = m[i].reduce((acc, a, j) => acc + a * result.weights[j], 0);
            expect(aw).toBeCloseTo(result.lambdaMax * result.weights[i], 9);
          }
          expect(kam.AHPCR(m)).toBeCloseTo((result.lambdaMax - n) / (n - 1) / SAATY_RI[n - 1], 12);
        },
      ),
    );
  });
});
