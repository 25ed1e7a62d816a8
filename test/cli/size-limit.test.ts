/**
 * Issue 9: a table too large for a usable workbook (1,000,000 rows, or anything over
 * MAX_ROWS in src/table/read.ts) is refused by `kam-workbook` with a message naming the
 * limit, exit 1 and no file, before the rows are parsed.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/kam-workbook";
import { MAX_ROWS } from "../../src/table/read";

describe("kam-workbook size limit", () => {
  it("refuses a CSV with more than MAX_ROWS rows, naming the limit, with exit 1 and no file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kam-limit-"));
    const input = join(dir, "customers.csv");
    const rows = Array.from({ length: MAX_ROWS + 100 }, (_, i) => `Customer ${i + 1},${1000 + (i % 997)}`);
    writeFileSync(input, ["Customer,Revenue", ...rows].join("\n"));
    const out = join(dir, "out.xlsx");
    const err: string[] = [];
    const code = await main([input, "-o", out], () => {}, (s) => err.push(s));
    expect(code).toBe(1);
    expect(err.join("\n")).toContain(`customers.csv has more than ${MAX_ROWS.toLocaleString("en-US")} rows; kam-workbook reads at most ${MAX_ROWS.toLocaleString("en-US")} customers`);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
