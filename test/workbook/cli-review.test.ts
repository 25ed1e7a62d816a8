/**
 * The quarterly review through kam-workbook: three quarters closed in a row, each run carrying
 * the history of the workbook before (--history) and closing its quarter (--close). The
 * movers, trends and stability it reports and keeps equal the core's on the same snapshots.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/kam-workbook";
import { readHistoryFile } from "../../src/cli/read-history";
import { comparePeriods } from "../../src/core/history";
import { smallTable } from "./fixtures";

const dir = mkdtempSync(join(tmpdir(), "kam-review-"));

function csv(scale: number[], relationship = false): string {
  const t = smallTable();
  let rows = t.rows.map((r, i) => [r[0], (r[1] as number) * scale[i], ...r.slice(2)]);
  if (relationship) {
    t.headers.push("Relationship (1-10)");
    rows = rows.map((r, i) => [...r, 1 + i]);
  }
  const file = join(dir, `q${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, [t.headers.join(","), ...rows.map((r) => r.map((v) => (v === null ? "" : v)).join(","))].join("\n"));
  return file;
}

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

describe("kam-workbook --history --close", () => {
  const scales = [
    [1, 1, 1, 1, 1, 1, 1],
    [1, 0.3, 1, 4, 1, 1, 1],
    [1, 0.3, 0.2, 4, 8, 1, 1],
  ];

  it("closes three quarters in a row and reports the movers and stability of each", async () => {
    let previous: string | undefined;
    const outputs: string[][] = [];
    for (const [i, scale] of scales.entries()) {
      const output = join(dir, `q${i + 1}.xlsx`);
      const args = [csv(scale), "-o", output, "--top", "3", "--close", `2026 Q${i + 1}`, "--close-date", `2026-0${3 * (i + 1)}-30`];
      if (previous) args.push("--history", previous);
      const r = await run(args);
      expect(r.err.filter((l) => !l.startsWith("Warning")), r.err.join("\n")).toEqual([]);
      expect(r.code).toBe(0);
      outputs.push(r.out);
      previous = output;
    }
    const history = await readHistoryFile(previous!);
    expect(history.map((s) => s.period)).toEqual(["2026 Q1", "2026 Q2", "2026 Q3"]);
    for (const i of [1, 2]) {
      const c = comparePeriods(history[i - 1], history[i]);
      expect(c.comparable).toBe(true);
      expect(c.movers.entered.length).toBeGreaterThan(0);
      const line = outputs[i].find((l) => l.startsWith(`Since 2026 Q${i}`))!;
      expect(line).toContain(`in: ${c.movers.entered.join(", ")}; out: ${c.movers.left.join(", ")}; stability ${Math.round(c.stability * 100)}%`);
      // The movers and stability by hand from the two key sets (names as Excel compares them).
      const keys = (k: number) => new Set(history[k].rows.filter((r) => r.key).map((r) => String(r.customer).trim().toLowerCase()));
      const [was, is] = [keys(i - 1), keys(i)];
      const both = [...is].filter((x) => was.has(x)).length;
      expect(c.movers.entered.map((x) => String(x).toLowerCase()).sort()).toEqual([...is].filter((x) => !was.has(x)).sort());
      expect(c.movers.left.map((x) => String(x).toLowerCase()).sort()).toEqual([...was].filter((x) => !is.has(x)).sort());
      expect(c.stability).toBeCloseTo(both / (was.size + is.size - both), 12);
      const up = c.customers.filter((x) => x.trend === "Up").length;
      expect(outputs[i].join("\n")).toContain(`Weighted scores: ${up} up`);
    }
    expect(outputs[0].some((l) => l.startsWith("Since"))).toBe(false);
  }, 60_000);

  it("a rebuild from the last workbook without --close keeps every snapshot", async () => {
    const output = join(dir, "again.xlsx");
    expect((await run([csv(scales[2]), "-o", output, "--top", "3", "--history", join(dir, "q3.xlsx")])).code).toBe(0);
    expect((await readHistoryFile(output)).map((s) => s.period)).toEqual(["2026 Q1", "2026 Q2", "2026 Q3"]);
  }, 60_000);

  it("flags a changed scheme and refuses a period closed twice", async () => {
    const output = join(dir, "q4.xlsx");
    // a new criterion (a rating column) is another scheme
    const r = await run([csv(scales[2], true), "-o", output, "--top", "3", "--history", join(dir, "q3.xlsx"), "--close", "2026 Q4"]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toMatch(/Scores not compared: the scoring scheme changed \(.*criterion Relationship added/);
    const again = await run([csv(scales[2]), "-o", join(dir, "dup.xlsx"), "--top", "3", "--history", output, "--close", "2026 q4"]);
    expect(again.code).toBe(1);
    expect(again.err.join("\n")).toMatch(/period 2026 q4 is already in the history/);
  }, 60_000);

  it("deletes a period only when asked, by name, and says so", async () => {
    const output = join(dir, "dropped.xlsx");
    const r = await run([csv(scales[2]), "-o", output, "--top", "3", "--history", join(dir, "q3.xlsx"), "--delete-period", "2026 q2"]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toMatch(/Deleted 2026 Q2 \(\d+ customers\) from the history; it holds 2 periods\./);
    expect((await readHistoryFile(output)).map((s) => s.period)).toEqual(["2026 Q1", "2026 Q3"]);
    const unknown = await run([csv(scales[2]), "-o", join(dir, "x2.xlsx"), "--top", "3", "--history", output, "--delete-period", "2025 Q4"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err.join("\n")).toMatch(/period 2025 Q4 is not in the history; it holds 2026 Q1, 2026 Q3/);
    const alone = await run([csv(scales[2]), "-o", join(dir, "x3.xlsx"), "--top", "3", "--delete-period", "2026 Q1"]);
    expect(alone.code).toBe(2);
    expect(alone.err.join("\n")).toMatch(/--delete-period needs --history/);
  }, 60_000);

  it("names an unknown criterion in --attractiveness", async () => {
    const r = await run([csv(scales[0]), "-o", join(dir, "x.xlsx"), "--attractiveness", "Revenue,Growth"]);
    expect(r.code).toBe(2); // a wrong option
    expect(r.err.join("\n")).toMatch(/attractiveness: no criterion is called "Growth"/);
  });
});
