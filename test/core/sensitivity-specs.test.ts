/** The worked example of every issue-13 spec, evaluated through its impl, gives the stated result. */
import { describe, expect, it } from "vitest";
import { SPECS } from "../../src/functions/specs/sensitivity";

/** Splits at top-level commas (not inside {} or quotes). */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "{") depth++;
    else if (!quoted && c === "}") depth--;
    else if (!quoted && depth === 0 && c === ",") {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** An Excel constant: number, "text" or an array {a,b;c,d}. */
function constant(s: string): unknown {
  const t = s.trim();
  if (t.startsWith("{")) return t.slice(1, -1).split(";").map((r) => r.split(",").map((x) => constant(x)));
  if (t.startsWith('"')) return t.slice(1, -1);
  return Number(t);
}

const flat = (x: unknown): unknown[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);

describe("issue 13 specs", () => {
  for (const spec of SPECS) {
    it(`${spec.name}: ${spec.example.formula} → ${spec.example.result}`, () => {
      const m = /^=KAM\.([A-Z]+)\((.*)\)$/.exec(spec.example.formula);
      expect(m?.[1]).toBe(spec.name);
      const args = splitArgs(m![2]).map(constant);
      const got = flat(spec.impl(...args));
      const want = flat(constant(spec.example.result));
      expect(got).toHaveLength(want.length);
      // results are shown to 4 significant decimals at most
      want.forEach((w, i) => expect(Math.abs((got[i] as number) - (w as number))).toBeLessThanOrEqual(5e-5));
      expect(spec.id).toBe(spec.name);
      expect(spec.sources?.length).toBeGreaterThan(0);
    });
  }
});
