/** The layers depend one way, as each folder's README.md under src/ says. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(__dirname, "../src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** Every module a file imports: relative paths resolved against src/, packages as named. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']/g)].map(([, spec]) =>
    spec.startsWith(".") ? relative(SRC, resolve(file, "..", spec)) : spec,
  );
}

describe("layers", () => {
  it("src/core imports only src/core", () => {
    const bad = files(join(SRC, "core")).flatMap((f) => imports(f).filter((m) => !m.startsWith("core/")).map((m) => `${relative(SRC, f)} → ${m}`));
    expect(bad).toEqual([]);
  });
  it("src/workbook imports only src/core, itself, the pure column mapping and, in the .xlsx writer (and its chart parts), archiver and Node's streams", () => {
    const writerOnly = new Set(["archiver", "node:events", "node:fs", "node:fs/promises", "node:stream"]);
    const allowed = (f: string, m: string) =>
      m.startsWith("core/") || m.startsWith("workbook/") || m === "table/columns" || (writerOnly.has(m) && (f.endsWith("xlsx-writer.ts") || f.endsWith("xlsx-charts.ts")));
    const bad = files(join(SRC, "workbook")).flatMap((f) => imports(f).filter((m) => !allowed(f, m)).map((m) => `${relative(SRC, f)} → ${m}`));
    expect(bad).toEqual([]);
    expect(files(join(SRC, "workbook")).length).toBeGreaterThan(10); // the walk found the files
  });
  it("the column mapping the workbook uses is pure: src/table/columns.ts imports only src/core and plan types", () => {
    const f = join(SRC, "table", "columns.ts");
    expect(imports(f).filter((m) => !m.startsWith("core/") && m !== "workbook/plan")).toEqual([]);
  });
  it("the pane's table rules are pure: src/table's clean, numbers and grid import only src/core, the workbook's types and each other", () => {
    const pure = new Set(["table/columns", "table/numbers", "table/clean", "table/grid", "workbook/plan", "workbook/customers"]);
    const bad = ["clean", "numbers", "grid"].flatMap((name) =>
      imports(join(SRC, "table", `${name}.ts`))
        .filter((m) => !m.startsWith("core/") && !pure.has(m))
        .map((m) => `table/${name}.ts → ${m}`),
    );
    expect(bad).toEqual([]);
  });
  it("every folder under src/ opens with a README.md saying what lives there and what it may import", () => {
    const folders = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? [p, ...folders(p)] : [];
      });
    const all = folders(SRC);
    expect(all.length).toBeGreaterThan(6);
    const missing = all.filter((d) => !readdirSync(d).includes("README.md") && !readdirSync(d).every((f) => f.endsWith(".ts") && readFileSync(join(d, f), "utf8").startsWith("/**")));
    expect(missing.map((d) => relative(SRC, d))).toEqual([]);
    for (const d of all.filter((d) => readdirSync(d).includes("README.md"))) {
      expect(readFileSync(join(d, "README.md"), "utf8"), relative(SRC, d)).toMatch(/\*\*May import:\*\*|No code lives here/);
    }
  });
  it("the CLI never imports the task pane or the custom functions; the functions import only src/core; the pane never imports the CLI", () => {
    const offending = (dir: string, bad: (m: string) => boolean) =>
      files(join(SRC, dir)).flatMap((f) => imports(f).filter(bad).map((m) => `${relative(SRC, f)} → ${m}`));
    expect(offending("cli", (m) => m.startsWith("taskpane/") || m.startsWith("functions/"))).toEqual([]);
    expect(offending("functions", (m) => !m.startsWith("core/") && !m.startsWith("functions/"))).toEqual([]);
    expect(offending("taskpane", (m) => m.startsWith("cli/"))).toEqual([]);
  });
  it("the wizard reaches Excel only through its host: no Office.js call in src/taskpane/wizard", () => {
    const wizard = join(SRC, "taskpane", "wizard");
    const calls = readdirSync(wizard)
      .filter((f) => /\.tsx?$/.test(f))
      .flatMap((f) =>
        readFileSync(join(wizard, f), "utf8")
          .split("\n")
          .filter((line) => /\b(Excel|Office)\.(run|context|[A-Z]\w*\.)/.test(line) && !/^\s*(\/\/|\*|\/\*\*)/.test(line))
          .map((line) => `${f}: ${line.trim()}`),
      );
    expect(calls).toEqual([]);
  });
});
