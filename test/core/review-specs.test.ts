/**
 * The specs of the issue 12 functions: well-formed, and every worked example on the help
 * page is true. Each example formula is parsed (numbers, percentages, text and array
 * constants such as {8;8;3;3}) and evaluated with the spec's own impl, so a help example
 * cannot drift from the code.
 */
import { describe, expect, it } from "vitest";
import { SPECS } from "../../src/functions/specs/review";

type Arg = number | string | (number | string)[][];

/** Splits on `sep` outside quotes and braces. */
function split(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "{") depth++;
    else if (!quoted && ch === "}") depth--;
    else if (!quoted && depth === 0 && ch === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function scalar(text: string): number | string {
  const t = text.trim();
  if (t.startsWith('"')) return t.slice(1, -1);
  if (t.endsWith("%")) return Number(t.slice(0, -1)) / 100;
  const x = Number(t);
  if (t === "" || Number.isNaN(x)) throw new Error(`cannot read ${JSON.stringify(text)}`);
  return x;
}

function arg(text: string): Arg {
  const t = text.trim();
  if (!t.startsWith("{")) return scalar(t);
  return split(t.slice(1, -1), ";").map((r) => split(r, ",").map(scalar));
}

/** Evaluates "=KAM.NAME(args)" with the spec's impl. */
function evaluate(formula: string): unknown {
  const m = /^=KAM\.([A-Z]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`not a KAM formula: ${formula}`);
  const spec = SPECS.find((s) => s.name === m[1]);
  if (!spec) throw new Error(`no spec for ${m[1]}`);
  return spec.impl(...split(m[2], ",").map(arg));
}

/** A result as the example shows it: rows joined by "; ", columns by " | ", numbers to the decimals shown. */
function show(result: unknown, expected: string): string {
  const decimals = /\.(\d+)/.exec(expected)?.[1].length ?? 0;
  const cell = (x: unknown) => (typeof x === "number" ? x.toFixed(decimals) : String(x));
  if (!Array.isArray(result)) return cell(result);
  return (result as unknown[][]).map((r) => r.map(cell).join(" | ")).join("; ");
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
    const { formula, result } = spec.example;
    expect(show(evaluate(formula), result)).toBe(result);
  });
  it("the CLV example's other figure (no horizon) holds too", () => {
    expect(show(evaluate("=KAM.CLV(100,0.8,10%)"), "266.67")).toBe("266.67");
  });
});
