/**
 * Loads the built functions.js the way Excel does: in a fresh global scope with a
 * `CustomFunctions` runtime whose `associate` records each id, then calls every function
 * listed in the built functions.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_SPECS } from "../../src/functions/specs";
import { DRINKS } from "../core/helpers";
import { DIST, ensureBuilt } from "./build";
import { exampleCall, resultMismatches } from "./example-formula";

class StandInError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}
const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

interface FunctionMeta {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: { name: string; description?: string; type?: string; dimensionality?: string; optional?: boolean }[];
  result: { type?: string; dimensionality?: string };
}

let registered: Map<string, (...args: unknown[]) => unknown>;
let metadata: { functions: FunctionMeta[] };

beforeAll(() => {
  ensureBuilt();
  registered = new Map();
  const sandbox: Record<string, unknown> = {
    CustomFunctions: {
      associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
      Error: StandInError,
      ErrorCode,
    },
    console,
  };
  sandbox.self = sandbox;
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(join(DIST, "functions.js"), "utf8"), sandbox, { filename: "functions.js" });
  metadata = JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8"));
}, 180_000);

const c = (...xs: unknown[]) => xs.map((x) => [x]);
const names = c("Acme", "Birch", "Cobalt", "Dune");
const revenues = c(100, 50, 30, 20);
const margins = c(40, 10, 15, 5);
const drinks = DRINKS;

/** Arguments as Excel passes them (omitted optional arguments arrive as null) and the expected result. */
const CALLS: Record<string, { args: unknown[]; check: (r: unknown) => void }> = {
  WSCORE: { args: [[[8, 6, 4]], [[0.5, 0.3, 0.2]], null], check: (r) => expect((r as number[][])[0][0]).toBeCloseTo(6.6, 12) },
  SCALE: { args: [c(10, 20, 30), null, null, null, null], check: (r) => expect(r).toEqual([[1], [5.5], [10]]) },
  SHARE: { args: [[[25]], c(25, 75)], check: (r) => expect(r).toEqual([[0.25]]) },
  TOPSHARE: { args: [c(20, 50, 30), 2], check: (r) => expect(r).toBeCloseTo(0.8, 14) },
  HHI: { args: [c(30, 30, 20, 20), null], check: (r) => expect(r).toBe(2600) },
  HHILEVEL: { args: [1800.0000000000002, null], check: (r) => expect(r).toBe("Moderately concentrated") },
  EFFECTIVEN: { args: [c(30, 30, 20, 20)], check: (r) => expect(r).toBeCloseTo(1 / 0.26, 12) },
  GINI: { args: [c(541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261), null], check: (r) => expect(r).toBeCloseTo(0.4620911302676238, 12) },
  PARETO: { args: [c(20, 50, 30), null], check: (r) => expect(r).toBe(2) },
  ABC: { args: [c(50, 30, 10, 5, 5), c(50, 30, 10, 5, 5), null, null], check: (r) => expect(r).toEqual(c("A", "A", "B", "B", "B")) },
  LORENZ: { args: [c(4, 1, 3, 2)], check: (r) => expect((r as number[][])[2]).toEqual([0.5, expect.closeTo(0.3, 14)]) },
  TOPLOSS: { args: [c(10, 100, 50, 50), 2, c(1, 10, 5, 20)], check: (r) => expect(r).toBe(30) },
  LOSSTABLE: {
    args: [names, revenues, margins, null, 30],
    check: (r) => {
      const t = r as unknown[][];
      expect(t).toHaveLength(5);
      expect(t[1].slice(0, 3)).toEqual([1, "Acme", 100]);
      expect(t[2][7]).toBe(-10);
    },
  },
  EXPECTEDLOSS: { args: [c(100, 200), c(0.1, 0.5)], check: (r) => expect(r).toBeCloseTo(110, 12) },
  AHP: { args: [drinks], check: (r) => expect((r as number[][])[6][0]).toBeCloseTo(0.327, 3) },
  AHPCR: { args: [drinks], check: (r) => expect(r).toBeCloseTo(0.022, 3) },
  // Issue 13: sensitivity of the key set, churn-loss risk, AHP consistency (worked examples of the issue).
  WEIGHTRANGE: {
    args: [[[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], [[0.3, 0.4, 0.3]], 2],
    check: (r) => {
      const t = r as number[][];
      expect(t[1].map((x) => Number(x.toFixed(12)))).toEqual([0, 0.4, 0.6]);
      expect(t[2][0]).toBeCloseTo(1 / 15, 12);
    },
  },
  KEYPROB: {
    args: [[[1, 0], [0, 1], [0.6, 0.6]], [[1, 1]], 2, null, null, null],
    check: (r) => {
      const p = (r as number[][]).map((x) => x[0]);
      expect(p[0]).toBeGreaterThan(0.5 - 0.02);
      expect(p[0]).toBeLessThan(0.5 + 0.02);
      expect(p[0] + p[1]).toBeCloseTo(1, 12);
      expect(p[2]).toBe(1);
    },
  },
  LOSSRISK: { args: [c(100, 50, 20), c(0.1, 0.2, 0.5), 50], check: (r) => expect(r).toBeCloseTo(0.28, 12) },
  LOSSVAR: { args: [c(100, 50, 20), c(0.1, 0.2, 0.5), 0.9], check: (r) => expect(r).toBe(70) },
  GCI: { args: [[[1, 2, 8], [0.5, 1, 2], [0.125, 0.5, 1]]], check: (r) => expect(r).toBeCloseTo(Math.log(2) ** 2 / 3, 12) },
  AHPWORST: {
    args: [[[1, 2, 8], [0.5, 1, 2], [0.125, 0.5, 1]], null],
    check: (r) => expect((r as number[][])[0].slice(0, 3)).toEqual([1, 2, 2]),
  },
  // Issue 12: portfolio and quarterly review.
  PORTFOLIO: { args: [c(8, 8, 3, 3), c(7, 2, 9, 1), null, null, null], check: (r) => expect(r).toEqual(c("Strategic", "Star", "Status", "Streamline")) },
  MOVERS: {
    args: [c("Acme", "Birch", "Cobalt", "Dune"), c("Elm", " ACME", "Fir", "Cobalt")],
    check: (r) => expect(r).toEqual([["In", "Out"], ["Elm", "Birch"], ["Fir", "Dune"]]),
  },
  STABILITY: { args: [c("Acme", "Birch", "Cobalt", "Dune"), c("Acme", "Cobalt", "Elm")], check: (r) => expect(r).toBeCloseTo(0.4, 14) },
  TREND: { args: [c(5, 5, null), c(6, 4, 7), null], check: (r) => expect(r).toEqual(c("Up", "Down", "New")) },
  CLV: { args: [[[100]], [[0.8]], [[0.1]], null, null], check: (r) => expect((r as number[][])[0][0]).toBeCloseTo(800 / 3, 10) },
};

describe("built functions.js and functions.json", () => {
  it("registers exactly the KAM functions listed in functions.json", () => {
    const ids = metadata.functions.map((f) => f.id).sort();
    expect(ids).toEqual(Object.keys(CALLS).sort());
    expect([...registered.keys()].sort()).toEqual(ids);
  });

  it("calls every function of the specs (src/functions/specs), and only those", () => {
    expect(Object.keys(CALLS).sort()).toEqual(ALL_SPECS.map((s) => s.id).sort());
  });

  for (const spec of ALL_SPECS) {
    it(`gives the help page's worked example ${spec.example.formula} through the registered function`, () => {
      const { args } = exampleCall(spec);
      expect(resultMismatches(registered.get(spec.id)!(...args), spec.example.result)).toEqual([]);
    });
  }

  it("documents every function and parameter, with a help link to the served help page", () => {
    const help = readFileSync(join(DIST, "help.html"), "utf8");
    for (const f of metadata.functions) {
      expect(f.description, f.id).toBeTruthy();
      expect(f.helpUrl, f.id).toBe(`https://localhost:3000/help.html#${f.id.toLowerCase()}`);
      expect(help, `help.html has a section for ${f.id}`).toContain(`id="${f.id.toLowerCase()}"`);
      for (const p of f.parameters) expect(p.description, `${f.id}.${p.name}`).toBeTruthy();
    }
  });

  it("types every range parameter any[][] so blank cells are not turned into 0", () => {
    for (const f of metadata.functions) {
      for (const p of f.parameters) {
        if (p.dimensionality === "matrix") expect(p.type ?? "any", `${f.id}.${p.name}`).toBe("any");
        expect(p.type ?? "any", `${f.id}.${p.name}`).not.toBe("number");
      }
    }
  });

  for (const [id, call] of Object.entries(CALLS)) {
    it(`calls KAM.${id} through the registered function`, () => {
      const fn = registered.get(id);
      expect(fn, id).toBeTypeOf("function");
      call.check(fn!(...call.args));
    });
  }

  it("throws CustomFunctions.Error with the function name and position for bad input", () => {
    const hhi = registered.get("HHI")!;
    let thrown: unknown;
    try {
      hhi(c(1, 2, "n/a"), null);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(StandInError);
    expect(thrown).toMatchObject({ code: "#VALUE!", message: 'KAM.HHI: value 3 is text "n/a", expected a number' });
  });

  it("uses #NUM! and #DIV/0! without a message (Excel shows messages only for #VALUE! and #N/A)", () => {
    const hhi = registered.get("HHI")!;
    expect(() => hhi(c(1, -1), null)).toThrow(expect.objectContaining({ code: "#NUM!", message: undefined }));
    expect(() => hhi(c(0, 0), null)).toThrow(expect.objectContaining({ code: "#DIV/0!" }));
  });

  it("passes an input #N/A back, and maps #REF! (not a valid result) to #VALUE! with a message", () => {
    const gini = registered.get("GINI")!;
    expect(() => gini(c(1, new StandInError("#N/A")), null)).toThrow(expect.objectContaining({ code: "#N/A" }));
    expect(() => gini(c(1, new StandInError("#REF!")), null)).toThrow(
      expect.objectContaining({ code: "#VALUE!", message: "KAM.GINI: value 2 is the error #REF!" }),
    );
  });

  it("returns per-row errors inside a spill", () => {
    const wscore = registered.get("WSCORE")!;
    const out = wscore([[8, 6], [8, "x"]], [[1, 1]], null) as unknown[][];
    expect(out[0][0]).toBe(7);
    expect(out[1][0]).toBeInstanceOf(StandInError);
    expect(out[1][0]).toMatchObject({ code: "#VALUE!" });
  });
});
