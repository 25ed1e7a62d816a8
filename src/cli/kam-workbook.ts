/**
 * kam-workbook: builds the key-account workbook (scoring, loss scenarios, concentration)
 * from a customer table in a CSV or .xlsx file, without Excel.
 *
 *   npx kam-workbook customers.csv -o key-accounts.xlsx [--top 10 | --cutoff 7 | --share 0.1]
 *
 * Exit codes: 0 written; 1 the input cannot give a right workbook (nothing written);
 * 2 a wrong option or output path (nothing written); 3 an internal error.
 */
import { existsSync, mkdirSync, realpathSync, renameSync, statSync, unlinkSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { mapColumns, type ColumnOverrides, type OverrideRole } from "../table/columns";
import { complementColumn, findTotals, mergeDuplicates, nameKey, withoutRows } from "../table/clean";
import type { DecimalMark } from "../table/numbers";
import { type BuildInput, type BuildResult, type BuildSummary, buildWorkbook, type CriterionSpec, type KeyRule } from "../workbook/build";
import { ROLE_LABELS, type Role, type Roles, type SourceTable, validateTable } from "../workbook/customers";
import { defaultCriteria, DEFAULTS_TEXT, smallKeyNote, withCostShares } from "../workbook/defaults";
import { planToXlsxFile } from "../workbook/xlsx-writer";
import { KamError } from "../core/errors";
import { comparePeriods, type PeriodComparison, type Snapshot, takeSnapshot } from "../core/history";
import { assignAxes } from "../core/portfolio-axes";
import { appendSnapshot, deletePeriod } from "../workbook/history-sheet";
import { CLV_LABEL } from "../workbook/model";
import { notesSheet } from "./notes-sheet";
import { CURRENCY_TEXT, laidOut } from "../workbook/layout";
import { readHistoryFile } from "./read-history";
import { InputFileError, readTableDetailed, type TableRead } from "./read-table";
import type { WorkbookPlan } from "../workbook/plan";

export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

const USAGE = `Usage: kam-workbook <customers.csv|customers.xlsx> [options]

Options:
  -o, --output FILE        where to write the workbook (default: key-accounts.xlsx); never an input
      --force              replace FILE when it exists
      --sheet NAME         sheet to read from an .xlsx file (any case; default: the one
                           visible sheet holding a customer table)
      --column ROLE=HEADER which column holds ROLE (repeatable); ROLE is name, revenue,
                           margin, cost, churn, retention (churn = 1 − it), region or segment;
                           HEADER is the header text or the column letter, or "none"
      --criterion H=SPEC   a criterion: SPEC is benefit, cost or off, optionally ":WEIGHT"
                           (e.g. --criterion "Complaints=cost:2", --criterion NPS=off)
      --top N              key accounts are the top N by weighted score (default 10)
      --cutoff SCORE       key accounts score at least SCORE (above 1, up to 10)
      --share FRACTION     key accounts carry at least FRACTION of revenue each (0 to 1, e.g. 0.1)
      --fixed-costs X      annual fixed costs for the loss scenarios (default 0)
      --method M           scaling of data criteria: minmax, percentile or zscore
      --currency CODE      show amounts with a currency code, e.g. EUR (default: none)
      --decimal MARK       decimal mark for numbers that read either way ("1.234"): . or ,
      --locale TAG         the same from a locale, e.g. de-DE (decimal comma) or en-US
      --duplicates MODE    rows with the same customer name: sum (default) or error
      --max-dropped F      stop when rows left out carry more than F of revenue (0 to 1;
                           default: warn; 0 under --strict)
      --sensitivity        add the KAM Sensitivity sheet: weight ranges, key-set probability
                           and churn-loss risk, computed now (a second or two for 10,000
                           customers) and flagged "out of date" on the sheet after an edit
      --strict             stop when the table has any problem instead of leaving rows out
      --attractiveness LIST  criteria (comma-separated) on the portfolio's attractiveness axis
      --strength LIST      criteria on the strength axis; a criterion in both lists counts on
                           both. Default: relationship, wallet, position, retention, tenure,
                           NPS-type criteria on strength, every other on attractiveness
      --clv                add Lifetime value (margin × (1 − churn) / (discount + churn)) as a
                           criterion; needs margin (or cost) and churn columns
      --discount RATE      discount rate per year of the lifetime value (default 0.1)
      --history FILE       carry the KAM History sheet of an earlier workbook forward
      --close PERIOD       close the quarter: add this build's figures to the history as
                           PERIOD (e.g. "2026 Q3"), dated --close-date (default today)
      --delete-period PERIOD  leave PERIOD out of the history carried forward with
                           --history (the only way a period is deleted; before --close)
  -h, --help               show this help

Exit codes: 0 written, 1 input problem (nothing written), 2 wrong option or output path
(nothing written), 3 internal error.`;

/** An error in what the user typed: exit 2. */
class UsageError extends Error {}

const ROLE_KEYS: readonly OverrideRole[] = ["name", "revenue", "margin", "cost", "churn", "retention", "region", "segment"];

function parseNumber(name: string, v: string, check: (x: number) => boolean, expect: string): number {
  const x = Number(v.trim());
  if (v.trim() === "" || !Number.isFinite(x) || !check(x)) throw new UsageError(`--${name} must be ${expect}, got "${v}"`);
  return x;
}

function decimalOfLocale(tag: string): DecimalMark {
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(tag).formatToParts(1.5);
  } catch {
    throw new UsageError(`--locale must be a locale tag such as de-DE or en-US, got "${tag}"`);
  }
  const mark = parts.find((p) => p.type === "decimal")?.value;
  if (mark !== "," && mark !== ".") throw new UsageError(`--locale ${tag}: its decimal mark "${mark}" is not supported; use --decimal`);
  return mark;
}

interface CriterionOverride {
  header: string;
  direction?: "benefit" | "cost";
  weight?: number;
  off: boolean;
}

function parseCriterion(spec: string): CriterionOverride {
  const m = /^(.+?)=(benefit|cost|off)(?::(.+))?$/i.exec(spec.trim());
  if (!m) throw new UsageError(`--criterion must look like HEADER=benefit, HEADER=cost:2 or HEADER=off, got "${spec}"`);
  const kind = m[2].toLowerCase();
  const weight = m[3] === undefined ? undefined : parseNumber("criterion", m[3], (x) => x >= 0, "a weight of 0 or more after the colon");
  return { header: m[1].trim(), direction: kind === "off" ? undefined : (kind as "benefit" | "cost"), weight, off: kind === "off" };
}

function parseColumns(specs: string[]): ColumnOverrides {
  const out: ColumnOverrides = {};
  for (const s of specs) {
    const m = /^\s*([a-z]+)\s*=(.*)$/i.exec(s);
    if (!m) throw new UsageError(`--column must look like ROLE="Header", got "${s}"`);
    const role = m[1].toLowerCase() as OverrideRole;
    if (!ROLE_KEYS.includes(role)) throw new UsageError(`--column: unknown role "${m[1]}"; roles are ${ROLE_KEYS.join(", ")}`);
    if (role in out) throw new UsageError(`--column ${role} is given twice`);
    const header = m[2].trim().replace(/^"(.*)"$/, "$1");
    if (header === "") throw new UsageError(`--column ${role}: give a header, a column letter or none`);
    out[role] = header.toLowerCase() === "none" ? null : header;
  }
  if ("churn" in out && "retention" in out) throw new UsageError("--column churn and --column retention both set churn: give one");
  return out;
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A rule of the core broken by an option (a period closed twice, a bad date): the input's problem. */
function fromKam<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof KamError) throw new InputFileError(e.message);
    throw e;
  }
}

/** What changed since the period before, in a few lines for the terminal. */
function reviewLines(c: PeriodComparison, previous: string): string[] {
  const names = (xs: unknown[]) => (xs.length === 0 ? "none" : xs.join(", "));
  const lines = [
    `Since ${previous}: key accounts in: ${names(c.movers.entered)}; out: ${names(c.movers.left)}; stability ${Number.isNaN(c.stability) ? "n/a" : `${Math.round(c.stability * 100)}%`}.`,
  ];
  if (!c.comparable) lines.push(`Scores not compared: the scoring scheme changed (${c.differences.join("; ")}).`);
  else {
    const count = (t: string) => c.customers.filter((x) => x.trend === t).length;
    lines.push(`Weighted scores: ${count("Up")} up, ${count("Down")} down, ${count("Same")} the same, ${count("New")} new.`);
  }
  return lines;
}

export async function main(argv: string[], out = console.log, err = console.error): Promise<number> {
  try {
    return await run(argv, out, err);
  } catch (e) {
    if (e instanceof Stopped) return e.code;
    if (e instanceof UsageError) {
      err(`kam-workbook: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof InputFileError) {
      err(`kam-workbook: ${e.message}`);
      return EXIT.input;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
      err(`kam-workbook: ${(e as Error).message}`);
      return EXIT.input;
    }
    err(`kam-workbook: internal error: ${(e as Error).message ?? String(e)} (please report it with the input's headers)`);
    return EXIT.internal;
  }
}

/** The run stops with this exit code; what to say has been said. */
class Stopped extends Error {
  constructor(readonly code: number) {
    super(`stopped with exit code ${code}`);
  }
}

/** Says why the input cannot give a right workbook (exit 1). */
function stopOnInput(err: (s: string) => void, message: string): never {
  err(`kam-workbook: ${message}`);
  throw new Stopped(EXIT.input);
}

const OPTIONS = {
  output: { type: "string", short: "o" },
  force: { type: "boolean" },
  sheet: { type: "string" },
  column: { type: "string", multiple: true },
  criterion: { type: "string", multiple: true },
  top: { type: "string" },
  cutoff: { type: "string" },
  share: { type: "string" },
  "fixed-costs": { type: "string" },
  method: { type: "string" },
  currency: { type: "string" },
  decimal: { type: "string" },
  locale: { type: "string" },
  duplicates: { type: "string" },
  "max-dropped": { type: "string" },
  strict: { type: "boolean" },
  sensitivity: { type: "boolean" },
  attractiveness: { type: "string" },
  strength: { type: "string" },
  history: { type: "string" },
  clv: { type: "boolean" },
  discount: { type: "string" },
  close: { type: "string" },
  "close-date": { type: "string" },
  "delete-period": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

/** The command line: the options and the one input file (which must exist), or the help. */
function parseCommandLine(argv: string[], out: (s: string) => void, err: (s: string) => void): { o: Values; input: string } {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    err(`kam-workbook: ${(e as Error).message}\n\n${USAGE}`);
    throw new Stopped(EXIT.usage);
  }
  const { values: o, positionals } = args;
  if (o.help) {
    out(USAGE);
    throw new Stopped(EXIT.ok);
  }
  if (positionals.length !== 1) {
    err(`kam-workbook: give exactly one input file\n\n${USAGE}`);
    throw new Stopped(EXIT.usage);
  }
  const input = positionals[0];
  if (!existsSync(input)) {
    err(`kam-workbook: ${input}: no such file`);
    throw new Stopped(EXIT.usage);
  }
  if (statSync(input).isDirectory()) throw new UsageError(`${input} is a directory, not a customer table`);
  return { o, input };
}

/** The options that shape the workbook, each checked, with a message naming it. */
interface Settings {
  keyRule: KeyRule;
  fixedCosts?: number;
  method: CriterionSpec["method"];
  currency?: string;
  decimal?: DecimalMark;
  duplicates: "sum" | "error";
  maxDropped?: number;
  overrides: ColumnOverrides;
  criterionOverrides: CriterionOverride[];
}

function keyRuleOf(o: Values): KeyRule {
  const rules = (["top", "cutoff", "share"] as const).filter((k) => o[k] !== undefined);
  if (rules.length > 1) throw new UsageError(`give one key-account rule, not ${rules.map((r) => `--${r}`).join(" and ")}`);
  if (o.top !== undefined) return { kind: "top", n: parseNumber("top", o.top, (x) => Number.isInteger(x) && x >= 1, "a whole number of 1 or more") };
  if (o.cutoff !== undefined) return { kind: "cutoff", score: parseNumber("cutoff", o.cutoff, (x) => x > 1 && x <= 10, "a score above 1 and at most 10") };
  if (o.share !== undefined) return { kind: "share", threshold: parseNumber("share", o.share, (x) => x > 0 && x < 1, "a fraction above 0 and below 1 (e.g. 0.1 for 10%)") };
  return { kind: "top", n: 10 };
}

function decimalOf(o: Values): DecimalMark | undefined {
  if (o.decimal !== undefined && o.locale !== undefined) throw new UsageError("give --decimal or --locale, not both");
  if (o.locale !== undefined) return decimalOfLocale(o.locale);
  if (o.decimal === undefined) return undefined;
  const d = o.decimal.trim().toLowerCase();
  if (d === "," || d === "comma") return ",";
  if (d === "." || d === "point" || d === "dot") return ".";
  throw new UsageError(`--decimal must be . or , (or point / comma), got "${o.decimal}"`);
}

/** Every option is checked before anything is read or written. */
function checkOptions(o: Values): Settings {
  const keyRule = keyRuleOf(o);
  const fixedCosts = o["fixed-costs"] === undefined ? undefined : parseNumber("fixed-costs", o["fixed-costs"], (x) => x >= 0, "an amount of 0 or more");
  const method = o.method ?? "minmax";
  const currency = o.currency?.trim();
  if (currency !== undefined && !CURRENCY_TEXT.test(currency)) throw new UsageError(`--currency: give a currency code or symbol of 1 to 5 letters, e.g. EUR (got "${o.currency}")`);
  if (!["minmax", "percentile", "zscore"].includes(method)) throw new UsageError(`--method must be minmax, percentile or zscore, got "${method}"`);
  const decimal = decimalOf(o);
  const duplicates = o.duplicates ?? "sum";
  if (duplicates !== "sum" && duplicates !== "error") throw new UsageError(`--duplicates must be sum or error, got "${duplicates}"`);
  const maxDropped = o["max-dropped"] !== undefined ? parseNumber("max-dropped", o["max-dropped"], (x) => x >= 0 && x <= 1, "a fraction from 0 to 1") : o.strict ? 0 : undefined;
  const overrides = parseColumns(o.column ?? []);
  const criterionOverrides = (o.criterion ?? []).map(parseCriterion);
  return { keyRule, fixedCosts, method: method as CriterionSpec["method"], currency, decimal, duplicates, maxDropped, overrides, criterionOverrides };
}

/** The output: never an input, never a directory, never an existing file without --force. */
function checkOutput(o: Values, input: string): { output: string; outDir: string } {
  const output = o.output ?? "key-accounts.xlsx";
  if (output.trim() === "") throw new UsageError("-o/--output is empty");
  if (extname(output).toLowerCase() !== ".xlsx") throw new UsageError(`-o/--output must end in .xlsx, got "${output}"`);
  if (sameFile(output, input)) throw new UsageError(`-o/--output ${output} is the input file; the input is never overwritten`);
  if (existsSync(output)) {
    if (statSync(output).isDirectory()) throw new UsageError(`-o/--output ${output} is a directory; give a file name ending in .xlsx`);
    if (!o.force) throw new UsageError(`-o/--output ${output} exists; add --force to replace it`);
  }
  const outDir = dirname(resolve(output));
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`-o/--output: ${dirname(output)} is not a directory`);
  return { output, outDir };
}

/** The mapping of columns to roles, printed as a table; stops when a role is ambiguous or the name or revenue is missing. */
function mapRoles(table: SourceTable, overrides: ColumnOverrides, out: (s: string) => void, err: (s: string) => void): { table: SourceTable; roles: Roles; mappingRows: [string, string, string][] } {
  const mapping = mapColumns(table, overrides);
  const roles: Roles = { ...mapping.roles };
  const mappingRows = mapping.choices.map((c): [string, string, string] => [
    ROLE_LABELS[c.role as Role] + (c.complement ? " (1 − column)" : ""),
    c.column === undefined ? "—" : table.headers[c.column] || `column ${c.column + 1}`,
    c.reason,
  ]);
  out(`Columns (change with --column ROLE="Header" or ROLE=none):`);
  const w0 = Math.max(...mappingRows.map((r) => r[0].length));
  const w1 = Math.max(...mappingRows.map((r) => r[1].length));
  for (const [role, col, why] of mappingRows) out(`  ${role.padEnd(w0)}  ${col.padEnd(w1)}  ${why}`);
  if (mapping.problems.length) {
    for (const p of mapping.problems) err(`kam-workbook: ${p}`);
    throw new Stopped(EXIT.input);
  }
  if (roles.name === undefined || roles.revenue === undefined) {
    const missing = [roles.name === undefined ? "customer name" : "", roles.revenue === undefined ? "revenue" : ""].filter(Boolean).join(" and ");
    const flag = roles.name === undefined ? "name" : "revenue";
    stopOnInput(err, `cannot tell which column holds the ${missing}; choose with --column ${flag}="Header". The headers are: ${table.headers.filter(Boolean).map((h) => `"${h}"`).join(", ")}`);
  }
  const withChurn = mapping.churnIsComplement && roles.churn !== undefined ? complementColumn(table, roles.churn) : table;
  return { table: withChurn, roles, mappingRows };
}

/** Totals and subtotals are left out and listed. */
function leaveOutTotals(table: SourceTable, roles: Roles, read: TableRead, out: (s: string) => void): { table: SourceTable; totalRows: Set<number>; leftOut: string[] } {
  const totals = findTotals(table, roles, read.formulaTotalRows);
  const leftOut: string[] = [];
  if (totals.length) {
    out(`Left out ${plural(totals.length, "total row")} (not customers):`);
    for (const t of totals) {
      const line = `${t.address}: ${t.reason}`;
      out(`  ${line}`);
      leftOut.push(line);
    }
    table = withoutRows(table, totals.map((t) => t.row));
  }
  return { table, totalRows: new Set(totals.map((t) => t.row)), leftOut };
}

/** Under --duplicates error: stops when a customer appears twice. */
function refuseDuplicates(table: SourceTable, roles: Roles, totalRows: Set<number>, err: (s: string) => void): void {
  const seen = new Map<string, number>();
  const dupes: string[] = [];
  table.rows.forEach((r, i) => {
    const v = r[roles.name!];
    if (v === null || (typeof v === "string" && v.trim() === "") || totalRows.has(i)) return;
    const k = nameKey(v);
    if (seen.has(k)) dupes.push(`"${String(v).trim()}" on data rows ${seen.get(k)! + 1} and ${i + 1}`);
    else seen.set(k, i);
  });
  if (dupes.length) stopOnInput(err, `${plural(dupes.length, "customer")} appear more than once (--duplicates error): ${dupes.slice(0, 10).join("; ")}${dupes.length > 10 ? "; …" : ""}`);
}

/** Rows of the same customer are summed (the default), and listed; the lines for the notes sheet are returned. */
function sumDuplicates(table: SourceTable, roles: Roles, totalRows: Set<number>, read: TableRead, out: (s: string) => void): { table: SourceTable; merged: string[] } {
  const m = mergeDuplicates(table, roles, totalRows);
  const merged: string[] = [];
  if (m.merges.length) {
    out(`Summed ${plural(m.merges.length, "customer")} found on several rows (--duplicates error to stop instead):`);
    for (const g of m.merges.slice(0, 20)) {
      const merge = read.mergedNameRows.size && g.rows.slice(1).every((r) => read.mergedNameRows.has(r)) ? " (a merged name cell)" : "";
      out(`  "${g.name}": ${g.addresses.join(", ")}${merge}${g.keptFirst.length ? `; ${g.keptFirst.join(", ")} differ: first row's value kept` : ""}`);
    }
    if (m.merges.length > 20) out(`  … and ${m.merges.length - 20} more (listed in the KAM Notes sheet)`);
    for (const g of m.merges) merged.push(`"${g.name}": ${g.addresses.join(", ")}${g.keptFirst.length ? `; ${g.keptFirst.join(", ")} differ: first row's value kept` : ""}`);
  }
  return { table: m.table, merged };
}

/** The default criteria with the user's --criterion changes applied. */
function applyCriterionOverrides(criteria: CriterionSpec[], table: SourceTable, settings: Settings): void {
  for (const co of settings.criterionOverrides) {
    const key = co.header.toLowerCase();
    const i = criteria.findIndex((c) => c.label.toLowerCase() === key || (c.column !== undefined && table.headers[c.column].toLowerCase() === key));
    if (co.off) {
      if (i < 0) throw new UsageError(`--criterion ${co.header}=off: no criterion is named "${co.header}"; the criteria are: ${criteria.map((c) => `"${c.label}"`).join(", ")}`);
      criteria.splice(i, 1);
      continue;
    }
    if (i >= 0) {
      criteria[i] = { ...criteria[i], direction: co.direction ?? criteria[i].direction, weight: co.weight ?? criteria[i].weight };
      continue;
    }
    const col = table.headers.findIndex((h) => h.toLowerCase() === key);
    if (col < 0) throw new UsageError(`--criterion: no column is named "${co.header}"; the headers are: ${table.headers.filter(Boolean).map((h) => `"${h}"`).join(", ")}`);
    criteria.push({ label: table.headers[col], kind: "data", column: col, direction: co.direction ?? "benefit", method: settings.method, weight: co.weight ?? 1 });
  }
}

/** The criteria (defaults, --criterion, --clv) and the portfolio's axes. */
function chooseCriteria(table: SourceTable, roles: Roles, o: Values, settings: Settings, out: (s: string) => void): { table: SourceTable; criteria: CriterionSpec[]; axes: ReturnType<typeof assignAxes>; clvDiscount?: number } {
  table = withCostShares(table, roles);
  const criteria: CriterionSpec[] = defaultCriteria(table, roles).map((c) => ({ ...c, method: settings.method }));
  applyCriterionOverrides(criteria, table, settings);
  if (criteria.length === 0) throw new UsageError("every criterion was turned off (--criterion …=off); keep at least one");
  if (o.clv) {
    if (roles.churn === undefined || (roles.margin === undefined && roles.cost === undefined)) {
      throw new UsageError(`--clv needs a margin (or cost) column and a churn column; headers are: ${table.headers.join(", ")}`);
    }
    criteria.push({ label: CLV_LABEL, kind: "data", derived: "clv", direction: "benefit", method: settings.method, weight: 1 });
  }
  const clvDiscount = o.discount === undefined ? undefined : parseNumber("discount", o.discount, (x) => x > -1, "a rate above −1 (0.1 for 10%)");
  const list = (v: string | undefined) => (v === undefined ? undefined : v.split(",").map((x) => x.trim()).filter(Boolean));
  let axes;
  try {
    axes = assignAxes(criteria.map((c) => c.label), list(o.attractiveness), list(o.strength));
  } catch (e) {
    if (e instanceof KamError) throw new UsageError(`--${e.message}`);
    throw e;
  }
  out(`Criteria: ${criteria.map((c) => `${c.label} (${c.direction}, weight ${c.weight})`).join("; ")}.`);
  return { table, criteria, axes, clvDiscount };
}

/** Stops when a column in use has formula cells without a saved value. */
function refuseUncomputed(read: TableRead, roles: Roles, criteria: CriterionSpec[], totalRows: Set<number>, err: (s: string) => void): void {
  const used = new Set<number>([...Object.values(roles), ...criteria.map((c) => c.column)].filter((c): c is number => c !== undefined));
  const unknown = read.uncomputed.filter((u) => used.has(u.col) && !totalRows.has(u.row));
  if (unknown.length === 0) return;
  stopOnInput(
    err,
    `${plural(unknown.length, "formula cell")} in the columns used ha${unknown.length === 1 ? "s" : "ve"} no saved value (the file was written by a program that does not calculate): ${unknown
      .slice(0, 10)
      .map((u) => `${u.address} (=${u.formula})`)
      .join(", ")}${unknown.length > 10 ? ", …" : ""}. Open and save the file in Excel or LibreOffice, or export it as CSV.`,
  );
}

/** A row's revenue when it is a positive number, else 0. */
const revenueOf = (t: SourceTable, roles: Roles, r: number) => {
  const v = t.rows[r][roles.revenue!];
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0;
};

/**
 * Problems in the rows: listed, with the share of revenue they carry; under --strict or above
 * --max-dropped the run stops, otherwise those rows are left out (the build leaves them out
 * by the same check, and its summary is what the run reports).
 */
function checkRows(table: SourceTable, roles: Roles, criteria: CriterionSpec[], run: { input: string; o: Values; settings: Settings; leftOut: string[] }, err: (s: string) => void): void {
  const issues = validateTable(table, roles, criteria.filter((c) => c.column !== undefined).map((c) => c.column!));
  const badRows = new Set(issues.map((i) => i.row));
  let droppedRevenue = 0;
  let keptRevenue = 0;
  table.rows.forEach((_, r) => (badRows.has(r) ? (droppedRevenue += revenueOf(table, roles, r)) : (keptRevenue += revenueOf(table, roles, r))));
  const droppedShare = droppedRevenue + keptRevenue > 0 ? droppedRevenue / (droppedRevenue + keptRevenue) : 0;
  if (issues.length > 0) {
    err(`${plural(issues.length, "problem")} in ${run.input}:`);
    for (const i of issues.slice(0, 20)) err(`  ${i.message}`);
    if (issues.length > 20) err(`  ... and ${issues.length - 20} more`);
    err(`${plural(badRows.size, "row")} with problems carry ${pct(droppedShare)} of the revenue that can be read.`);
    if (run.o.strict) stopOnInput(err, "stopped (--strict); nothing written.");
    const max = run.settings.maxDropped;
    if (max !== undefined && droppedShare > max) stopOnInput(err, `the rows left out carry ${pct(droppedShare)} of revenue, more than --max-dropped ${run.o["max-dropped"] ?? 0}; nothing written.`);
    err(`Warning: those rows are left out (use --strict or --max-dropped to stop instead).`);
    for (const i of issues) run.leftOut.push(i.message);
  }
  const customerCount = table.rows.filter((r, i) => !badRows.has(i) && r.some((c) => c !== null && c !== "")).length;
  if (customerCount === 0) stopOnInput(err, "no customer rows can be used; nothing written.");
  const rule = run.settings.keyRule;
  if (rule.kind === "top" && rule.n >= customerCount) {
    throw new UsageError(`--top ${rule.n}: the table has ${plural(customerCount, "usable customer")}, so every one would be a key account; give a smaller N`);
  }
}

/** The history carried forward (--history, --delete-period), ready for the build. */
async function historyOf(o: Values, out: (s: string) => void): Promise<Snapshot[]> {
  let history = o.history === undefined ? [] : await readHistoryFile(o.history);
  if (o["delete-period"] !== undefined) {
    if (o.history === undefined) throw new UsageError("--delete-period needs --history FILE: the workbook whose history to carry forward without that period");
    const r = fromKam(() => deletePeriod(history, o["delete-period"]!));
    history = r.history;
    out(`Deleted ${r.deleted.period} (${plural(r.deleted.rows.length, "customer")}) from the history; it holds ${plural(history.length, "period")}.`);
  }
  return history;
}

/** Builds the workbook; with --close, closes the quarter into the history and builds again with it. */
function buildWithHistory(buildInput: Omit<BuildInput, "history">, history: Snapshot[], o: Values, out: (s: string) => void): BuildResult {
  const built = buildWorkbook({ ...buildInput, history });
  if (o.close === undefined) return built;
  const r = built.review;
  const snapshot = fromKam(() => takeSnapshot(o.close!, o["close-date"] ?? buildInput.builtOn!, r.scheme, r.rows));
  const before = history[history.length - 1];
  const closed = fromKam(() => appendSnapshot(history, snapshot));
  const rebuilt = buildWorkbook({ ...buildInput, history: closed });
  out(`Closed ${snapshot.period} (${snapshot.date}); the history holds ${plural(closed.length, "period")}.`);
  if (before) for (const line of reviewLines(comparePeriods(before, snapshot), before.period)) out(line);
  return rebuilt;
}

/** Stops when no customer, or every customer, meets the key-account rule. */
function checkKeySet(summary: BuildSummary, o: Values, err: (s: string) => void): void {
  if (summary.customers === 0) stopOnInput(err, "no customer rows can be used; nothing written.");
  if (summary.keyAccounts.length === 0) {
    stopOnInput(err, `no customer meets the key-account rule (${o.cutoff !== undefined ? `--cutoff ${o.cutoff}` : o.share !== undefined ? `--share ${o.share}` : "--top"}); nothing written. Lower it.`);
  }
  if (summary.keyAccounts.length === summary.customers) stopOnInput(err, `every customer meets the key-account rule; nothing written. Raise it.`);
}

/** Key accounts under 1% of revenue (the core's rule, in the build summary): named, with why. */
function smallKeyAccountNotes(summary: BuildSummary, roles: Roles, criteria: CriterionSpec[]): string[] {
  return summary.smallKeyAccounts.map((k) => smallKeyNote(k.name, pct(k.share), criteria, roles.revenue));
}

/** Writes the workbook beside the target and renames it, so a failure never leaves half a workbook. */
async function writeWorkbookFile(plan: WorkbookPlan, output: string, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const tmp = `${resolve(output)}.${process.pid}.tmp`;
  try {
    await planToXlsxFile(plan, tmp);
    renameSync(tmp, output);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
}

/** What was built, for the terminal. */
function printSummary(summary: BuildSummary, output: string, o: Values, notes: { keyNotes: string[]; disclosure: string[] }, out: (s: string) => void, err: (s: string) => void): void {
  const excluded = summary.excluded.length;
  out(`Wrote ${output}: ${plural(summary.customers, "customer")}${excluded ? ` (${plural(excluded, "row")} left out)` : ""}${o.sensitivity ? ", with the KAM Sensitivity sheet" : ""}.`);
  out(`Key accounts (${summary.keyAccounts.length}): ${summary.keyAccounts.join(", ")}`);
  out(`  carry ${pct(summary.keyRevenueShare)} of revenue${summary.keyMarginShare !== undefined ? ` and ${pct(summary.keyMarginShare)} of margin` : ""}.`);
  if (Number.isFinite(summary.hhi)) out(`HHI ${Math.round(summary.hhi).toLocaleString("en-US")}: ${summary.hhiLevel}.`);
  out(`Losing the largest customer costs ${pct(summary.top1Loss.share)} of revenue; the largest three ${pct(summary.top3Loss.share)}.`);
  out(`At or above 10% of revenue: ${notes.disclosure.length ? notes.disclosure.join(", ") : "none"}.`);
  for (const n of notes.keyNotes) out(`Note: ${n}`);
  for (const w of summary.warnings) err(`Warning: ${w}`);
}

/** Reads the table and cleans it: columns mapped, totals left out, duplicates summed or refused. */
async function readAndClean(input: string, o: Values, settings: Settings, out: (s: string) => void, err: (s: string) => void) {
  const read = await readTableDetailed(input, { sheet: o.sheet, decimal: settings.decimal });
  out(`Read ${input}: ${plural(read.table.rows.length, "row")} below the header.`);
  for (const n of read.notes) out(`  ${n}`);
  const mapped = mapRoles(read.table, settings.overrides, out, err);
  const { roles, mappingRows } = mapped;
  const totals = leaveOutTotals(mapped.table, roles, read, out);
  let table = totals.table;
  let merged: string[] = [];
  if (settings.duplicates === "error") refuseDuplicates(table, roles, totals.totalRows, err);
  else ({ table, merged } = sumDuplicates(table, roles, totals.totalRows, read, out));
  return { read, table, roles, mappingRows, totalRows: totals.totalRows, leftOut: totals.leftOut, merged };
}

async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { o, input } = parseCommandLine(argv, out, err);
  const settings = checkOptions(o);
  const { output, outDir } = checkOutput(o, input);
  const cleaned = await readAndClean(input, o, settings, out, err);
  const { read, roles, mappingRows, totalRows, leftOut, merged } = cleaned;
  const { table, criteria, axes, clvDiscount } = chooseCriteria(cleaned.table, roles, o, settings, out);
  refuseUncomputed(read, roles, criteria, totalRows, err);
  checkRows(table, roles, criteria, { input, o, settings, leftOut }, err);
  const builtOn = new Date().toISOString().slice(0, 10);
  const history = await historyOf(o, out);
  const { keyRule, fixedCosts, currency } = settings;
  const buildInput = { table, roles, criteria, keyRule, fixedCosts, sensitivity: o.sensitivity === true, builtOn, portfolio: { axes }, clvDiscount, writeHistory: true, currency };
  const { plan, summary } = buildWithHistory(buildInput, history, o, out);
  checkKeySet(summary, o, err);
  const keyNotes = smallKeyAccountNotes(summary, roles, criteria);
  const disclosure = summary.disclosure.map((d) => `${d.name} (${pct(d.share)})`);
  // The notes sheet follows the same layout and print rules as the KAM sheets (widths from the
  // content, one page wide, footer with sheet, page and build date).
  const notes = notesSheet({ source: basename(input), builtOn, reading: read.notes, mapping: mappingRows, leftOut, merged, defaults: DEFAULTS_TEXT, keyNotes, disclosure });
  plan.sheets.push(laidOut(notes, builtOn));
  await writeWorkbookFile(plan, output, outDir);
  printSummary(summary, output, o, { keyNotes, disclosure }, out, err);
  return EXIT.ok;
}
