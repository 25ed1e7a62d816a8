/**
 * Evaluates the worked examples of the function specs: a formula with literal arguments
 * (numbers, "text", TRUE/FALSE, array constants, omitted arguments) is turned into the
 * arguments Excel passes, and a stated result is compared with what the function gives,
 * to the decimals shown.
 */
import type { FunctionSpec } from "../../src/functions/specs/types";

type Literal = number | string | boolean | null | Literal[][];

/** Splits at `separator` outside quotes and braces. */
function splitTop(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "{") depth++;
    else if (!quoted && ch === "}") depth--;
    else if (!quoted && depth === 0 && ch === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function scalar(text: string): number | string | boolean | null {
  const t = text.trim();
  if (t === "") return null;
  if (/^".*"$/.test(t)) return t.slice(1, -1).replace(/""/g, '"');
  if (/^(TRUE|FALSE)$/i.test(t)) return t.toUpperCase() === "TRUE";
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return Number(t);
  throw new Error(`not a literal: ${t}`);
}

/** A literal as Excel reads it: an array constant becomes a 2-D array. */
export function parseLiteral(text: string): Literal {
  const t = text.trim();
  if (!t.startsWith("{")) return scalar(t);
  if (!t.endsWith("}")) throw new Error(`unclosed array constant: ${t}`);
  const rows = splitTop(t.slice(1, -1), ";").map((r) => splitTop(r, ",").map(scalar));
  if (rows.some((r) => r.length !== rows[0].length)) throw new Error(`array constant rows differ in length: ${t}`);
  return rows;
}

/** The function name and Excel's arguments for `=KAM.NAME(a, b, ...)`, padded with null to the spec's parameters. */
export function exampleCall(spec: FunctionSpec): { name: string; args: unknown[] } {
  const m = spec.example.formula.match(/^=KAM\.([A-Z0-9.]+)\((.*)\)$/);
  if (!m) throw new Error(`${spec.name}: example formula is not =KAM.NAME(...): ${spec.example.formula}`);
  const texts = m[2].trim() === "" ? [] : splitTop(m[2], ",");
  if (texts.length > spec.params.length) throw new Error(`${spec.name}: example gives ${texts.length} arguments, the spec has ${spec.params.length}`);
  const args = spec.params.map((p, i) => {
    const v = i < texts.length ? parseLiteral(texts[i]) : null;
    // A range parameter given one value receives it as a 1 × 1 range.
    return p.type === "any[][]" && v !== null && !Array.isArray(v) ? [[v]] : v;
  });
  return { name: m[1], args };
}

function decimals(text: string): number {
  const m = text.trim().match(/\.(\d+)$/);
  return m ? m[1].length : 0;
}

/** Differences between an actual result and the stated one (empty when they agree to the decimals shown). */
export function resultMismatches(actual: unknown, stated: string): string[] {
  const expected = parseLiteral(stated);
  const statedCells = stated.trim().startsWith("{") ? splitTop(stated.trim().slice(1, -1), ";").map((r) => splitTop(r, ",")) : [[stated]];
  let got = actual;
  if (!Array.isArray(expected) && Array.isArray(got) && got.length === 1 && Array.isArray(got[0]) && got[0].length === 1) got = got[0][0];
  const exp: Literal[][] = Array.isArray(expected) ? expected : [[expected]];
  const act: unknown[][] = Array.isArray(expected) ? (got as unknown[][]) : [[got]];
  if (!Array.isArray(act) || act.length !== exp.length) return [`expected ${exp.length} rows, got ${JSON.stringify(got)}`];
  const out: string[] = [];
  exp.forEach((row, r) => {
    if (!Array.isArray(act[r]) || act[r].length !== row.length) {
      out.push(`row ${r + 1}: expected ${row.length} columns, got ${JSON.stringify(act[r])}`);
      return;
    }
    row.forEach((e, c) => {
      const a = act[r][c];
      const want = e === null ? "" : e;
      if (typeof want === "number") {
        const tolerance = 0.5 * 10 ** -decimals(statedCells[r][c]) + 1e-12 * Math.abs(want);
        if (typeof a !== "number" || !(Math.abs(a - want) <= tolerance)) out.push(`(${r + 1}, ${c + 1}): expected ${statedCells[r][c].trim()}, got ${String(a)}`);
      } else if (a !== want) out.push(`(${r + 1}, ${c + 1}): expected ${JSON.stringify(want)}, got ${JSON.stringify(a)}`);
    });
  });
  return out;
}
