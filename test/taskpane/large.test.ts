/**
 * 20,000 customers: the build still takes a handful of syncs (plus one per ~4 MB sent), no
 * request or response goes over Excel on the web's 5 MB, and a rebuild keeps what the user
 * typed. HyperFormula needs minutes for the sheets' 20,000-row formulas (the
 * rank and loss-order formulas are quadratic), so at this size the fake stores the formulas
 * without evaluating them; a 1,000-row build written in many small chunks is evaluated.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/cli/read-table";
import * as kam from "../../src/core/kam";
import { buildWorkbook, CONC, SCORING } from "../../src/workbook/build";
import type { SourceTable } from "../../src/workbook/customers";
import type { Scalar } from "../../src/workbook/plan";
import { PAYLOAD_LIMIT } from "../fake-excel/fake-excel";
import { runWizard, workbookWithTable } from "../fake-excel/wizard-flow";

const SAMPLE = join(__dirname, "../../assets/sample-customers.csv");
const col = (xs: unknown[]) => xs.map((x) => [x]);

/** The sample table repeated to `n` rows, every customer renamed and its revenue varied. */
function sampleOf(n: number): SourceTable {
  const t = readCsv(SAMPLE);
  const nameCol = t.headers.indexOf("Customer");
  const revCol = t.headers.indexOf("Revenue");
  const rows = Array.from({ length: n }, (_, i) => {
    const r = [...t.rows[i % t.rows.length]] as Scalar[];
    r[0] = `C${100000 + i}`;
    r[nameCol] = `${r[nameCol]} ${Math.floor(i / t.rows.length) + 1}`;
    r[revCol] = (r[revCol] as number) + ((i * 7919) % 10007);
    return r;
  });
  return { ...t, rows };
}

describe("20,000 customers", () => {
  it("builds in a handful of syncs, none over 5 MB, and rebuilds keeping a typed score", async () => {
    const table = sampleOf(20_000);
    const fake = workbookWithTable(table.headers, table.rows, { evaluate: false });
    const t0 = performance.now();
    const run = await runWizard(fake);
    const firstMs = performance.now() - t0;
    const { syncs, result } = run;
    const plan = buildWorkbook({ ...run.input, sheetNames: result.sheetNames }).plan;
    const contentBytes = JSON.stringify(plan.sheets.map((s) => s.blocks.map((b) => b.cells.map((r) => r.map((c) => c.formula ?? c.value ?? null))))).length;
    const perSync = fake.stats.perSync.slice(-syncs.build);
    const report = {
      rows: 20_000,
      ms: Math.round(firstMs),
      syncs,
      contentMB: +(contentBytes / 1e6).toFixed(1),
      requestMB: perSync.map((s) => +(s.bytes / 1e6).toFixed(2)),
      readResponseMB: fake.stats.perSync.slice(-syncs.build - syncs.read, -syncs.build).map((s) => +(s.responseBytes / 1e6).toFixed(2)),
    };
    console.log("20,000-row build", JSON.stringify(report));

    expect(result.summary.customers).toBe(20_000);
    expect(syncs.list).toBe(2);
    // The size, then ~260,000 cells of values and types in chunks of 100,000 cells (each response under 5 MB).
    expect(syncs.read).toBe(4);
    // 1 to look at the workbook, 1 to commit, and one per 4 MB of what is sent: the formulas go as
    // one R1C1 formula per column, so the 38 MB of A1 formulas cost a few kB.
    const sent = perSync.reduce((n, s) => n + s.bytes, 0);
    expect(sent).toBeLessThan(contentBytes / 10);
    expect(syncs.build).toBe(2 + Math.ceil(sent / 4_000_000));
    for (const s of fake.stats.perSync) {
      expect(s.bytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
      expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    }

    // What was written is the plan: sample rows and the last row, names as text.
    const scoring = fake.sheet("KAM Scoring");
    const cells = plan.sheets[0].blocks[0].cells;
    for (const r of [SCORING.headerRow, SCORING.headerRow + 1, SCORING.headerRow + 12_345, SCORING.headerRow + 20_000]) {
      cells[r].forEach((c, k) => {
        const got = fake.cellAt(scoring, r, k);
        if (c.formula) expect(got.formula).toBe(c.formula);
        else if (typeof c.value === "string") expect(got).toMatchObject({ value: c.value, isText: true });
        else if (typeof c.value === "number") expect(got.value).toBe(c.value);
      });
    }
    expect(fake.model.tables.find((t) => t.name === "KAMScoring")?.box.rows).toBe(20_001);
    const revenues = table.rows.map((r) => r[table.headers.indexOf("Revenue")]);
    // The concentration helper reads the scoring table by position (so a sort or an inserted row
    // cannot point it at the wrong customer): its last row picks a name from the whole name
    // column, from the header row down to the spare rows.
    const helper = fake.sheet("KAM Concentration").get(CONC.totalRow + 20_000, 4) as { t: string; f: string };
    expect(helper.t).toBe("f");
    expect(helper.f).toContain(`INDEX('KAM Scoring'!$A$${SCORING.headerRow + 1}:$A$`);
    expect(result.summary.hhi).toBeCloseTo(kam.HHI(col(revenues)), 8);

    // The user types a manual score in the last row, then rebuilds.
    const manual = cells[SCORING.headerRow].findIndex((c) => c.value === "Brand strength (1–10)");
    const last = SCORING.headerRow + 20_000;
    scoring.set(last, manual, { t: "n", n: 3 });
    const t1 = performance.now();
    const again = await runWizard(fake);
    const rebuildMs = performance.now() - t1;
    const rebuildSyncs = fake.stats.perSync.slice(-again.syncs.build);
    console.log(
      "20,000-row rebuild",
      JSON.stringify({ ms: Math.round(rebuildMs), syncs: again.syncs, responseMB: rebuildSyncs.map((s) => +(s.responseBytes / 1e6).toFixed(2)) }),
    );
    expect(again.result.rebuilt).toBe(true);
    expect(fake.cellAt(fake.sheet("KAM Scoring"), last, manual).value).toBe(3);
    // Three more syncs: our sheets' properties, the rows above the table with the loss assumptions,
    // then only the name and manual-score columns (60,000 cells), not the 740,000 cells of both sheets.
    expect(again.syncs.build).toBe(syncs.build + 3);
    for (const s of fake.stats.perSync) expect(s.responseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(fake.sheetNames()).toEqual(["Sheet1", "Customers", "KAM Summary", "KAM Scoring", "KAM Loss Scenarios", "KAM Concentration", "KAM Portfolio"]);
  }, 300_000);
});

describe("400 customers written in many small syncs", () => {
  it("compute the same concentration figures as the core", async () => {
    const table = sampleOf(400);
    const fake = workbookWithTable(table.headers, table.rows);
    const run = await runWizard(fake, { options: { maxSyncBytes: 8_000 } });
    expect(run.syncs.build).toBeGreaterThan(6);
    for (const s of fake.stats.perSync) expect(s.bytes).toBeLessThanOrEqual(8_000);
    const revenues = table.rows.map((r) => r[table.headers.indexOf("Revenue")]);
    const t0 = performance.now();
    const v = (row: number) => fake.cell("KAM Concentration", `B${row + 1}`).value as number;
    expect(v(CONC.hhiRow)).toBeCloseTo(kam.HHI(col(revenues)), 8);
    expect(v(CONC.giniRow)).toBeCloseTo(kam.GINI(col(revenues)), 10);
    expect(v(CONC.paretoRow)).toBe(kam.PARETO(col(revenues)));
    console.log("400-row evaluation ms", Math.round(performance.now() - t0));
  }, 300_000);
});
