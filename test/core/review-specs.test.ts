/**
 * The specs of the issue 12 functions: well-formed, and every worked example on the help
 * page is true. Each example formula is parsed with the shared example reader
 * (test/functions/example-formula.ts) and evaluated with the spec's own impl, so a help
 * example cannot drift from the code.
 */
import { describe, expect, it } from "vitest";
import { SPECS } from "../../src/functions/specs/review";
import type { FunctionSpec } from "../../src/functions/specs/types";
import { exampleCall, resultMismatches } from "../functions/example-formula";

/** What the spec's impl gives for `formula`, against `stated`, to the decimals shown (as the help page and the bundle test read examples). */
function exampleMismatches(spec: FunctionSpec, formula: string, stated: string): string[] {
  const { args } = exampleCall({ ...spec, example: { ...spec.example, formula } });
  return resultMismatches(spec.impl(...args), stated);
}


describe("issue 12 specs", () => {
  it("declares the five functions once each, with the agreed fields", () => {
    expect(SPECS.map((s) => s.name)).toEqual(["PORTFOLIO", "MOVERS", "STABILITY", "TREND", "CLV"]);
    for (const s of SPECS) {
      expect(s.id).toBe(s.name);
      expect(s.summary.length).toBeGreaterThan(20);
      expect(s.returns.description.length).toBeGreaterThan(20);
      // every parameter described; optional ones after the required ones; as many as the impl takes
      for (const p of s.params) expect(p.description.length, `${s.name}.${p.name}`).toBeGreaterThan(20);
      const firstOptional = s.params.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect(s.params.slice(firstOptional).every((p) => p.optional)).toBe(true);
      expect(s.impl.length, s.name).toBe(s.params.length);
    }
  });
  it.each(SPECS.map((s) => [s.name, s] as const))("the worked example of %s is what the function returns", (_name, spec) => {
    expect(exampleMismatches(spec, spec.example.formula, spec.example.result)).toEqual([]);
  });
  it("the CLV example's other figure (no horizon) holds too", () => {
    const clv = SPECS.find((s) => s.name === "CLV")!;
    expect(exampleMismatches(clv, "=KAM.CLV(100,0.8,0.1)", "266.67")).toEqual([]);
  });
});
