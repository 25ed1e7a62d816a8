/** The review history model: scheme fingerprints, snapshots and comparing two periods. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KamError } from "../../src/core/errors";
import {
  canonicalScheme,
  checkSnapshot,
  comparePeriods,
  fnv1a32,
  schemeDifferences,
  schemeFingerprint,
  ScoringScheme,
  snapshotHeader,
  snapshotValues,
  SnapshotRow,
  takeSnapshot,
} from "../../src/core/history";

const SCHEME: ScoringScheme = {
  criteria: [
    { name: "Revenue", direction: "benefit", weight: 3 },
    { name: "Growth", direction: "benefit", weight: 2 },
    { name: "Cost to serve", direction: "cost", weight: 1 },
  ],
};

const row = (customer: string, weightedScore: number, rank: number, key: boolean): SnapshotRow => ({
  customer,
  revenue: 1000 * weightedScore,
  scores: [weightedScore, weightedScore, weightedScore],
  weightedScore,
  rank,
  key,
  quadrant: key ? "Strategic" : "Streamline",
});

function throwsValue(f: () => unknown, message: RegExp): void {
  expect(f).toThrow(KamError);
  expect(f).toThrow(message);
}

describe("FNV-1a 32", () => {
  it("matches the published test vectors (Fowler/Noll/Vo reference test suite)", () => {
    expect(fnv1a32("")).toBe("811c9dc5");
    expect(fnv1a32("a")).toBe("e40c292c");
    expect(fnv1a32("foobar")).toBe("bf9cf968");
  });
});

describe("scheme fingerprint", () => {
  it("is 8 hex digits and the same for a scheme typed in another order, case or scale of weights", () => {
    const fp = schemeFingerprint(SCHEME);
    expect(fp).toMatch(/^[0-9a-f]{8}$/);
    const same: ScoringScheme = {
      criteria: [
        { name: " cost TO serve", direction: "cost", weight: 0.5 },
        { name: "REVENUE", direction: "benefit", weight: 1.5 },
        { name: "Growth ", direction: "benefit", weight: 1 },
      ],
    };
    expect(schemeFingerprint(same)).toBe(fp);
    expect(canonicalScheme(SCHEME)).toBe("cost to serve\tcost\t0.166666667\ngrowth\tbenefit\t0.333333333\nrevenue\tbenefit\t0.500000000");
  });
  it("changes with a weight, a direction, an added or a removed criterion", () => {
    const fp = schemeFingerprint(SCHEME);
    const variants: ScoringScheme[] = [
      { criteria: SCHEME.criteria.map((c, i) => (i === 0 ? { ...c, weight: 4 } : c)) },
      { criteria: SCHEME.criteria.map((c, i) => (i === 1 ? { ...c, direction: "cost" as const } : c)) },
      { criteria: [...SCHEME.criteria, { name: "Fit", direction: "benefit", weight: 1 }] },
      { criteria: SCHEME.criteria.slice(0, 2) },
    ];
    for (const v of variants) expect(schemeFingerprint(v)).not.toBe(fp);
  });
  it("describes what changed in words", () => {
    const next: ScoringScheme = {
      criteria: [
        { name: "Revenue", direction: "benefit", weight: 2 },
        { name: "Growth", direction: "benefit", weight: 1 },
        { name: "Fit", direction: "benefit", weight: 1 },
      ],
    };
    // before: Revenue 3/6 = 50%, Growth 2/6 = 33.3333%; after: Revenue 2/4 = 50%, Growth 1/4 = 25%
    expect(schemeDifferences(SCHEME, next)).toEqual(["criterion Cost to serve removed", "criterion Fit added", "weight of Growth 33.3333% → 25%"]);
    expect(schemeDifferences(SCHEME, { criteria: [{ ...SCHEME.criteria[0] }, SCHEME.criteria[1], { ...SCHEME.criteria[2], direction: "benefit" }] })).toEqual([
      "direction of Cost to serve cost → benefit",
    ]);
    expect(schemeDifferences(SCHEME, SCHEME)).toEqual([]);
  });
  it("rejects a scheme that cannot score: no criteria, duplicate or blank names, bad weights", () => {
    throwsValue(() => schemeFingerprint({ criteria: [] }), /no criteria/);
    throwsValue(() => schemeFingerprint({ criteria: [SCHEME.criteria[0], { ...SCHEME.criteria[0], name: "revenue " }] }), /"Revenue" and "revenue " have the same name/);
    throwsValue(() => schemeFingerprint({ criteria: [{ ...SCHEME.criteria[0], name: "  " }] }), /no name/);
    throwsValue(() => schemeFingerprint({ criteria: [{ ...SCHEME.criteria[0], weight: -1 }] }), /weight -1/);
    throwsValue(() => schemeFingerprint({ criteria: [{ ...SCHEME.criteria[0], weight: 0 }] }), /add up to 0/);
  });
  it("property: invariant under reordering and scaling the weights", () => {
    const criterion = fc.record({
      name: fc.constantFrom("Revenue", "Growth", "Margin", "Fit", "Tenure", "NPS"),
      direction: fc.constantFrom("benefit" as const, "cost" as const),
      weight: fc.integer({ min: 0, max: 20 }),
    });
    const scheme = fc
      .uniqueArray(criterion, { minLength: 1, maxLength: 6, selector: (c) => c.name })
      .filter((cs) => cs.some((c) => c.weight > 0))
      .map((criteria) => ({ criteria }));
    fc.assert(
      fc.property(scheme, fc.constantFrom(2, 4, 0.5), (s, k) => {
        const shuffled = { criteria: [...s.criteria].reverse().map((c) => ({ ...c, weight: c.weight * k })) };
        expect(schemeFingerprint(shuffled)).toBe(schemeFingerprint(s));
        expect(schemeDifferences(s, shuffled)).toEqual([]);
      }),
    );
  });
});

describe("snapshots", () => {
  const q1 = takeSnapshot("2026 Q1", "2026-03-31", SCHEME, [row("Acme", 8, 1, true), row("Birch", 7, 2, true), row("Cobalt", 4, 3, false)]);
  it("carry the scheme's fingerprint and lay out as rows under a header", () => {
    expect(q1.fingerprint).toBe(schemeFingerprint(SCHEME));
    expect(snapshotHeader(SCHEME)).toEqual(["Period", "Date", "Customer", "Revenue", "Margin", "Revenue", "Growth", "Cost to serve", "Weighted score", "Rank", "Key account", "Quadrant", "Scheme"]);
    expect(snapshotValues(q1)[0]).toEqual(["2026 Q1", "2026-03-31", "Acme", 8000, "", 8, 8, 8, 8, 1, true, "Strategic", q1.fingerprint]);
  });
  it("reject a blank period, a bad date, a customer twice and a row with too few scores", () => {
    throwsValue(() => takeSnapshot(" ", "2026-03-31", SCHEME, []), /period needs a label/);
    throwsValue(() => takeSnapshot("Q1", "31/03/2026", SCHEME, []), /yyyy-mm-dd/);
    throwsValue(() => takeSnapshot("Q1", "2026-03-31", SCHEME, [row("Acme", 8, 1, true), row(" ACME", 7, 2, true)]), /row 2: customer " ACME" appears twice/);
    throwsValue(() => takeSnapshot("Q1", "2026-03-31", SCHEME, [{ ...row("Acme", 8, 1, true), scores: [8] }]), /1 scores for 3 criteria/);
  });
  it("flag a snapshot whose scheme was edited after it was taken", () => {
    const edited = { ...q1, scheme: { criteria: SCHEME.criteria.map((c, i) => (i === 0 ? { ...c, weight: 5 } : c)) } };
    throwsValue(() => checkSnapshot(edited), /period 2026 Q1: the fingerprint .* does not match its scoring scheme/);
  });
});

describe("comparing periods", () => {
  // Three quarters worked by hand.
  const q1 = takeSnapshot("2026 Q1", "2026-03-31", SCHEME, [row("Acme", 8, 1, true), row("Birch", 7, 2, true), row("Cobalt", 4, 3, false)]);
  const q2 = takeSnapshot("2026 Q2", "2026-06-30", SCHEME, [row("Acme", 8.5, 1, true), row("cobalt", 7.5, 2, true), row("Birch", 5, 3, false), row("Dune", 3, 4, false)]);
  it("gives movers, stability, trends and rank changes between comparable periods", () => {
    const c = comparePeriods(q1, q2);
    expect(c.comparable).toBe(true);
    expect(c.differences).toEqual([]);
    // key sets {Acme, Birch} → {Acme, cobalt}: Cobalt in, Birch out, 1 of 3 stayed
    expect(c.movers).toEqual({ entered: ["cobalt"], left: ["Birch"] });
    expect(c.stability).toBe(1 / 3);
    expect(c.customers).toEqual([
      { customer: "Acme", trend: "Up", rankChange: 0 },
      { customer: "cobalt", trend: "Up", rankChange: 1 },
      { customer: "Birch", trend: "Down", rankChange: -1 },
      { customer: "Dune", trend: "New", rankChange: undefined },
    ]);
  });
  it("marks periods under different schemes as not comparable: movers still, no trends or rank changes", () => {
    const changed: ScoringScheme = { criteria: SCHEME.criteria.map((c, i) => (i === 2 ? { ...c, weight: 2 } : c)) };
    const q3 = takeSnapshot("2026 Q3", "2026-09-30", changed, [row("Acme", 9, 1, true), row("Dune", 8, 2, true)]);
    const c = comparePeriods(q2, q3);
    expect(c.comparable).toBe(false);
    // weights 3/2/1 → 3/2/2: shares 50/33.3/16.7% → 42.9/28.6/28.6%
    expect(c.differences).toEqual(["weight of Cost to serve 16.6667% → 28.5714%", "weight of Growth 33.3333% → 28.5714%", "weight of Revenue 50% → 42.8571%"]);
    expect(c.movers).toEqual({ entered: ["Dune"], left: ["cobalt"] });
    expect(c.stability).toBe(1 / 3);
    expect(c.customers).toEqual([{ customer: "Acme" }, { customer: "Dune" }]);
  });
  it("uses the tolerance of KAM.TREND", () => {
    expect(comparePeriods(q1, q2, 0.5).customers.map((x) => x.trend)).toEqual(["Same", "Up", "Down", "New"]);
  });
});
