/** The layers depend one way, as src/core/README.md and src/workbook/README.md say. */
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
  it("src/workbook imports only src/core, itself, the pure column mapping and, in the .xlsx writer (and its chart parts), ExcelJS, JSZip, archiver and Node's streams", () => {
    const writerOnly = new Set(["exceljs", "jszip", "archiver", "node:events", "node:fs", "node:fs/promises", "node:stream"]);
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
});
