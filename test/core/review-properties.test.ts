/**
 * Property tests (fast-check) for the issue 12 functions: laws that hold for any input,
 * complementing the worked examples in review.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLV, MOVERS, PORTFOLIO, STABILITY, TREND } from "../../src/core/kam-review";
import { col } from "./helpers";

/**
 * Names from a small pool, so that lists overlap, each spelled with random case and padding
 * (and sometimes blank): the same customer must be recognised whatever the spelling.
 */
const spelledName = fc
  .tuple(fc.constantFrom("Acme", "Birch Ltd", "Cobalt", "Dune & Co", "Elm", "Fir", "Gale", 1001), fc.boolean(), fc.constantFrom("", " ", "  ", "\u00a0"))
  .map(([name, upper, pad]) => (typeof name === "number" ? name : `${pad}${upper ? name.toUpperCase() : name}${pad}`));
const nameList = fc.array(fc.oneof({ weight: 6, arbitrary: spelledName }, { weight: 1, arbitrary: fc.constant("") }), { maxLength: 12 });

/** The customer a spelling stands for, worked out independently of nameKey: the generator only pads the ends and changes case. */
const keys = (xs: unknown[]): Set<string> => new Set(xs.filter((x) => x !== "").map((x) => String(x).trim().toLowerCase()));

describe("STABILITY laws", () => {
  it("a set against itself is 1; the index is symmetric and lies in 0..1", () => {
    fc.assert(
      fc.property(nameList, nameList, (a, b) => {
        const nonEmpty = keys(a).size > 0;
        if (nonEmpty) expect(STABILITY(col(...a), col(...a))).toBe(1);
        if (keys(a).size + keys(b).size === 0) return;
        const j = STABILITY(col(...a), col(...b));
        expect(STABILITY(col(...b), col(...a))).toBe(j);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("MOVERS laws", () => {
  it("In and Out are disjoint, In ⊆ current \\ previous, Out ⊆ previous \\ current, and 1 − STABILITY = movers / union", () => {
    fc.assert(
      fc.property(nameList, nameList, (previous, current) => {
        const table = MOVERS(col(...previous), col(...current));
        expect(table[0]).toEqual(["In", "Out"]);
        const entered = table.slice(1).map((r) => r[0]).filter((x) => x !== "");
        const left = table.slice(1).map((r) => r[1]).filter((x) => x !== "");
        const inKeys = keys(entered);
        const outKeys = keys(left);
        const prev = keys(previous);
        const cur = keys(current);
        expect(inKeys.size).toBe(entered.length); // each mover once
        expect(outKeys.size).toBe(left.length);
        for (const k of inKeys) {
          expect(outKeys.has(k)).toBe(false);
          expect(cur.has(k)).toBe(true);
          expect(prev.has(k)).toBe(false);
        }
        for (const k of outKeys) {
          expect(prev.has(k)).toBe(true);
          expect(cur.has(k)).toBe(false);
        }
        // everyone who is in only one list is a mover
        const union = new Set([...prev, ...cur]);
        expect(inKeys.size + outKeys.size).toBe([...union].filter((k) => prev.has(k) !== cur.has(k)).length);
        if (union.size > 0) {
          expect(STABILITY(col(...previous), col(...current))).toBeCloseTo(1 - (inKeys.size + outKeys.size) / union.size, 12);
        }
        // the table has as many rows as the longer column, the header apart
        expect(table.length).toBe(1 + Math.max(entered.length, left.length));
      }),
    );
  });
});

describe("TREND laws", () => {
  // Quarter steps are exact in binary, so the sign of the difference is exact too.
  const score = fc.integer({ min: 4, max: 40 }).map((n) => n / 4);
  it("Up, Down and Same follow the sign of current − previous beyond the tolerance", () => {
    fc.assert(
      fc.property(score, score, fc.integer({ min: 0, max: 8 }).map((n) => n / 4), (p, c, t) => {
        const [[result]] = TREND(col(p), col(c), t);
        const d = c - p;
        expect(result).toBe(d > t ? "Up" : d < -t ? "Down" : "Same");
        // swapping the periods swaps Up and Down
        const [[back]] = TREND(col(c), col(p), t);
        expect(back).toBe(result === "Up" ? "Down" : result === "Down" ? "Up" : "Same");
      }),
    );
  });
});

describe("CLV laws", () => {
  const margin = fc.double({ min: 1, max: 1e6, noNaN: true });
  const retention = fc.double({ min: 0, max: 0.98, noNaN: true });
  const discount = fc.double({ min: 0, max: 0.3, noNaN: true });
  it("the finite horizon equals the year-by-year sum, grows with the years and converges to the infinite horizon", () => {
    fc.assert(
      fc.property(margin, retention, discount, fc.integer({ min: 1, max: 40 }), (m, r, i, years) => {
        const at = (t?: number) => CLV(m, r, i, t)[0][0] as number;
        let naive = 0;
        for (let t = 1; t <= years; t++) naive += m * (r / (1 + i)) ** t;
        expect(at(years)).toBeCloseTo(naive, 6);
        const infinite = at();
        expect(at(years)).toBeLessThanOrEqual(at(years + 1) + 1e-9 * infinite);
        expect(at(years)).toBeLessThanOrEqual(infinite * (1 + 1e-12));
        // the remainder after T years is CLV∞ · q^T with q = r/(1+i) ≤ 0.98: below 1e-9 of CLV∞ by 2,000 years
        expect(Math.abs(infinite - at(2000))).toBeLessThanOrEqual(1e-9 * infinite);
      }),
    );
  });
});

describe("PORTFOLIO laws", () => {
  const score = fc.double({ min: 1, max: 10, noNaN: true });
  const rankOf = (q: unknown) => ({ Strategic: [1, 1], Star: [1, 0], Status: [0, 1], Streamline: [0, 0] })[q as string];
  it("is monotone: higher scores never move a customer to a box with a lower axis", () => {
    fc.assert(
      fc.property(score, score, score, score, score, score, (a, s, da, ds, aCut, sCut) => {
        const a2 = a + (da - 1);
        const s2 = s + (ds - 1);
        const [[before], [after]] = PORTFOLIO(col(a, a2), col(s, s2), aCut, sCut);
        const [x1, y1] = rankOf(before)!;
        const [x2, y2] = rankOf(after)!;
        expect(x2).toBeGreaterThanOrEqual(x1);
        expect(y2).toBeGreaterThanOrEqual(y1);
        // and the box agrees with the cuts (away from the 6-decimal rounding band)
        if (Math.abs(a - aCut) > 1e-6) expect(x1).toBe(a >= aCut ? 1 : 0);
        if (Math.abs(s - sCut) > 1e-6) expect(y1).toBe(s >= sCut ? 1 : 0);
      }),
    );
  });
});
