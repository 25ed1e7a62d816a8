/**
 * The function specs (src/functions/specs) are the one declaration of each KAM.* function:
 * these tests fail when the generated files (functions.ts, the help page's function sections,
 * the README table) drift from them, when a spec disagrees with its core function, or when a
 * worked example does not give its stated result.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_SPECS } from "../../src/functions/specs";
import { generatedFiles, renderReadme, replaceGenerated, resultCells } from "../../scripts/function-docs";
import { ROOT } from "./build";
import { exampleCall, parseLiteral, resultMismatches } from "./example-formula";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

describe("generated from the function specs", () => {
  for (const { path, content } of generatedFiles(ALL_SPECS, read)) {
    it(`${path} is up to date (run npm run gen after editing a spec)`, () => {
      expect(read(path)).toBe(content);
    });
  }

  it("notices drift: a changed spec renders differently, a missing region is an error", () => {
    const readme = read("README.md");
    const edited = ALL_SPECS.map((s) => (s.id === "HHI" ? { ...s, summary: "Something else." } : s));
    expect(renderReadme(readme, edited)).not.toBe(readme);
    expect(() => replaceGenerated("no markers here", "nav", "x", "help.html")).toThrow(/no <!-- gen:nav -->/);
  });

  it("lists every topic file of src/functions/specs in index.ts", () => {
    const dir = join(ROOT, "src/functions/specs");
    const index = readFileSync(join(dir, "index.ts"), "utf8");
    const topics = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "types.ts");
    expect(topics.length).toBeGreaterThanOrEqual(4);
    for (const f of topics) expect(index, `index.ts imports ./${f.slice(0, -3)}`).toContain(`from "./${f.slice(0, -3)}"`);
  });
});

describe("each function spec", () => {
  it("has a unique Excel name that is its id", () => {
    const ids = ALL_SPECS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of ALL_SPECS) {
      expect(s.id, s.name).toBe(s.name);
      expect(s.id).toMatch(/^[A-Z][A-Z0-9]*$/);
    }
  });

  for (const spec of ALL_SPECS) {
    describe(`KAM.${spec.name}`, () => {
      it("declares the parameters of its core function, optional ones last, defaults stated in the description", () => {
        expect(spec.impl.length, "parameters of the core function").toBe(spec.params.length);
        const names = spec.params.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
        const firstOptional = spec.params.findIndex((p) => p.optional);
        if (firstOptional >= 0) expect(spec.params.slice(firstOptional).every((p) => p.optional)).toBe(true);
        for (const p of spec.params) {
          expect(p.name).toMatch(/^[a-z][a-z0-9]*$/);
          expect(p.description.trim(), p.name).not.toBe("");
          if (p.default !== undefined) {
            expect(p.optional, `${p.name} has a default, so it is optional`).toBe(true);
            expect(p.description, `${p.name}'s description names its default`).toContain(p.default);
          }
        }
        expect(spec.summary).not.toMatch(/\n/);
      });

      it(`gives the stated result for its example ${spec.example.formula}`, () => {
        const { name, args } = exampleCall(spec);
        expect(name).toBe(spec.name);
        const result = spec.impl(...args);
        expect(resultMismatches(result, spec.example.result)).toEqual([]);
        // The result has the type the spec declares to Excel.
        const kind = spec.returns.type;
        if (kind === "number" || kind === "string") expect(typeof result).toBe(kind);
        if (kind === "any[][]") expect(Array.isArray(result)).toBe(true);
      });
    });
  }
});

describe("example checks", () => {
  it("read array constants, text, booleans and omitted arguments as Excel passes them", () => {
    expect(parseLiteral('{1,"a";TRUE,2.5}')).toEqual([[1, "a"], [true, 2.5]]);
    expect(parseLiteral("{1;2}")).toEqual([[1], [2]]);
    expect(resultCells('{"k","x, y";1,""}')).toEqual([["k", "x, y"], ["1", ""]]);
    const losstable = ALL_SPECS.find((s) => s.id === "LOSSTABLE")!;
    expect(exampleCall(losstable).args[3]).toBeNull();
  });

  it("fail on a wrong figure, a wrong shape or a wrong type, and allow only the rounding shown", () => {
    expect(resultMismatches(0.4620911, "0.4621")).toEqual([]);
    expect(resultMismatches(0.4626, "0.4621")).not.toEqual([]);
    expect(resultMismatches(6.66, "6.6")).not.toEqual([]);
    expect(resultMismatches([[1], [5.5]], "{1;5.5;10}")).not.toEqual([]);
    expect(resultMismatches([["A"], ["B"]], '{"A";"A"}')).not.toEqual([]);
    expect(resultMismatches("2600", "2600")).not.toEqual([]);
    expect(resultMismatches([[6.6]], "6.6")).toEqual([]);
  });
});
