/**
 * The wizard's path through the host, as the task pane takes it: list the sources, read the
 * chosen one, guess roles and criteria, build the sheets. Used by the task pane tests.
 */
import { buildSheets, type BuildSheetsOptions, type BuildSheetsResult } from "../../src/taskpane/build-sheets";
import { listSources, readSource, type SourceInfo } from "../../src/taskpane/excel-source";
import type { BuildInput, KeyRule } from "../../src/workbook/build";
import { guessRoles, type Roles, type SourceTable } from "../../src/workbook/customers";
import { defaultCriteria } from "../../src/workbook/defaults";
import type { Scalar } from "../../src/workbook/plan";
import { FakeExcel, type SeedCell } from "./fake-excel";

export interface WizardRun {
  sources: SourceInfo[];
  table: SourceTable;
  input: Omit<BuildInput, "sheetNames" | "previous">;
  result: BuildSheetsResult;
  syncs: { list: number; read: number; build: number };
  progress: [string, number][];
}

export interface WizardChoices {
  /** Which source to use (default the first). */
  source?: (s: SourceInfo) => boolean;
  keyRule?: KeyRule;
  roles?: (t: SourceTable) => Roles;
  fixedCosts?: number;
  options?: BuildSheetsOptions;
  /** Changes to the input before building. */
  adjust?: (input: Omit<BuildInput, "sheetNames" | "previous">) => Omit<BuildInput, "sheetNames" | "previous">;
}

export async function runWizard(fake: FakeExcel, choices: WizardChoices = {}): Promise<WizardRun> {
  const s0 = fake.stats.syncs;
  const sources = await fake.run((ctx) => listSources(ctx));
  const s1 = fake.stats.syncs;
  const source = sources.find(choices.source ?? (() => true));
  if (!source) throw new Error(`no source: ${sources.map((s) => s.label).join("; ")}`);
  const table = await fake.run((ctx) => readSource(ctx, source));
  const s2 = fake.stats.syncs;
  const roles = choices.roles ? choices.roles(table) : guessRoles(table.headers);
  let input: Omit<BuildInput, "sheetNames" | "previous"> = {
    table,
    roles,
    criteria: defaultCriteria(table, roles),
    keyRule: choices.keyRule ?? { kind: "top", n: 10 },
    fixedCosts: choices.fixedCosts,
    builtOn: "2026-11-23",
  };
  if (choices.adjust) input = choices.adjust(input);
  const progress: [string, number][] = [];
  const result = await fake.run((ctx) => buildSheets(ctx, input, (m, f) => progress.push([m, f]), choices.options));
  return { sources, table, input, result, syncs: { list: s1 - s0, read: s2 - s1, build: fake.stats.syncs - s2 }, progress };
}

/** A fake workbook holding `headers` and `rows` as an Excel table on sheet "Customers". */
export function workbookWithTable(headers: string[], rows: SeedCell[][], options: { evaluate?: boolean; tableName?: string } = {}): FakeExcel {
  const fake = new FakeExcel({ evaluate: options.evaluate });
  fake.addSheet("Customers", [headers, ...rows], { table: options.tableName ?? "Customers" });
  return fake;
}

/** Column `c` of a sheet's values from row `from` (0-based), `count` rows. */
export function column(values: Scalar[][], c: number, from: number, count: number): Scalar[] {
  return Array.from({ length: count }, (_, i) => values[from + i]?.[c] ?? null);
}
