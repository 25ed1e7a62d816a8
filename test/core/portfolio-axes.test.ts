/** The split of criteria between the portfolio's two axes. */
import { describe, expect, it } from "vitest";
import { KamError } from "../../src/core/errors";
import { assignAxes, axisWeights, defaultAxis, emptyAxes } from "../../src/core/portfolio-axes";

describe("default axis of a criterion", () => {
  it("puts size, growth, margin, lifetime value, fit and brand on attractiveness", () => {
    for (const label of ["Revenue", "Revenue growth %", "Margin", "Customer lifetime value", "Strategic fit", "Brand strength", "Cost to serve", "Revenue potential"]) {
      expect(defaultAxis(label), label).toBe("attractiveness");
    }
  });
  it("puts relationship, share of wallet, position, retention-type criteria on strength", () => {
    for (const label of ["Relationship", "Share of wallet", "Competitive position", "Retention", "Churn probability", "Tenure (years)", "NPS", "Existing connections", "Referrals and reputation", "Feedback"]) {
      expect(defaultAxis(label), label).toBe("strength");
    }
  });
});

describe("assignAxes from the CLI lists", () => {
  const labels = ["Revenue", "NPS", "Tenure (years)", "Strategic fit"];
  it("without lists takes the defaults", () => {
    expect(assignAxes(labels)).toEqual(["attractiveness", "strength", "strength", "attractiveness"]);
  });
  it("one list: named there on that axis, the rest on the other", () => {
    expect(assignAxes(labels, undefined, ["nps "])).toEqual(["attractiveness", "strength", "attractiveness", "attractiveness"]);
    expect(assignAxes(labels, ["REVENUE"], undefined)).toEqual(["attractiveness", "strength", "strength", "strength"]);
  });
  it("both lists: named in both counts on both, in neither on none", () => {
    expect(assignAxes(labels, ["Revenue", "NPS"], ["NPS", "Tenure (years)"])).toEqual(["attractiveness", "both", "strength", "none"]);
  });
  it("an unknown name is #VALUE! naming it and the criteria", () => {
    expect(() => assignAxes(labels, ["Growth"])).toThrow(KamError);
    expect(() => assignAxes(labels, ["Growth"])).toThrow(/no criterion is called "Growth".*Revenue, NPS/);
  });
});

describe("axis weights", () => {
  it("carry the scoring weight to the axes the criterion is on", () => {
    expect(axisWeights("both", 2)).toEqual({ attractiveness: 2, strength: 2 });
    expect(axisWeights("strength", 3)).toEqual({ attractiveness: 0, strength: 3 });
    expect(axisWeights("none", 3)).toEqual({ attractiveness: 0, strength: 0 });
  });
  it("name the axes left without weight", () => {
    expect(emptyAxes([axisWeights("attractiveness", 1)])).toEqual(["strength"]);
    expect(emptyAxes([axisWeights("both", 1)])).toEqual([]);
  });
});
