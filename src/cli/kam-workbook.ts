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
import { buildWorkbook, type CriterionSpec, type KeyRule } from "../workbook/build";
import { ROLE_LABELS, type Role, type Roles, type SourceTable, validateTable } from "../workbook/customers";
import { defaultCriteria, DEFAULTS_TEXT, withCostShares } from "../workbook/defaults";
import { planToXlsxFile } from "../workbook/xlsx-writer";
import { KamError } from "../core/errors";
import { comparePeriods, type PeriodComparison, takeSnapshot } from "../core/history";
import { assignAxes } from "../core/portfolio-axes";
import { appendSnapshot, deletePeriod } from "../workbook/history-sheet";
import { CLV_LABEL } from "../workbook/model";
import { notesSheet } from "./notes-sheet";
import { CURRENCY_TEXT, laidOut } from "../workbook/layout";
import { readHistoryFile } from "./read-history";
import { InputFileError, readTableDetailed } from "./read-table";

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

async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
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
      },
    });
  } catch (e) {
    err(`kam-workbook: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values: o, positionals } = args;
  if (o.help) {
    out(USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    err(`kam-workbook: give exactly one input file\n\n${USAGE}`);
    return EXIT.usage;
  }
  const input = positionals[0];
  if (!existsSync(input)) {
    err(`kam-workbook: ${input}: no such file`);
    return EXIT.usage;
  }
  if (statSync(input).isDirectory()) throw new UsageError(`${input} is a directory, not a customer table`);

  // Every option is checked before anything is read or written.
  const rules = (["top", "cutoff", "share"] as const).filter((k) => o[k] !== undefined);
  if (rules.length > 1) throw new UsageError(`give one key-account rule, not ${rules.map((r) => `--${r}`).join(" and ")}`);
  let keyRule: KeyRule = { kind: "top", n: 10 };
  if (o.top !== undefined) keyRule = { kind: "top", n: parseNumber("top", o.top, (x) => Number.isInteger(x) && x >= 1, "a whole number of 1 or more") };
  if (o.cutoff !== undefined) keyRule = { kind: "cutoff", score: parseNumber("cutoff", o.cutoff, (x) => x > 1 && x <= 10, "a score above 1 and at most 10") };
  if (o.share !== undefined) keyRule = { kind: "share", threshold: parseNumber("share", o.share, (x) => x > 0 && x < 1, "a fraction above 0 and below 1 (e.g. 0.1 for 10%)") };
  const fixedCosts = o["fixed-costs"] === undefined ? undefined : parseNumber("fixed-costs", o["fixed-costs"], (x) => x >= 0, "an amount of 0 or more");
  const method = o.method ?? "minmax";
  const currency = o.currency?.trim();
  if (currency !== undefined && !CURRENCY_TEXT.test(currency)) throw new UsageError(`--currency: give a currency code or symbol of 1 to 5 letters, e.g. EUR (got "${o.currency}")`);
  if (!["minmax", "percentile", "zscore"].includes(method)) throw new UsageError(`--method must be minmax, percentile or zscore, got "${method}"`);
  if (o.decimal !== undefined && o.locale !== undefined) throw new UsageError("give --decimal or --locale, not both");
  let decimal: DecimalMark | undefined;
  if (o.decimal !== undefined) {
    const d = o.decimal.trim().toLowerCase();
    if (d === "," || d === "comma") decimal = ",";
    else if (d === "." || d === "point" || d === "dot") decimal = ".";
    else throw new UsageError(`--decimal must be . or , (or point / comma), got "${o.decimal}"`);
  }
  if (o.locale !== undefined) decimal = decimalOfLocale(o.locale);
  const duplicates = o.duplicates ?? "sum";
  if (duplicates !== "sum" && duplicates !== "error") throw new UsageError(`--duplicates must be sum or error, got "${duplicates}"`);
  const maxDropped = o["max-dropped"] !== undefined ? parseNumber("max-dropped", o["max-dropped"], (x) => x >= 0 && x <= 1, "a fraction from 0 to 1") : o.strict ? 0 : undefined;
  const overrides = parseColumns(o.column ?? []);
  const criterionOverrides = (o.criterion ?? []).map(parseCriterion);

  // The output: never an input, never a directory, never an existing file without --force.
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

  const read = await readTableDetailed(input, { sheet: o.sheet, decimal });
  let table = read.table;
  out(`Read ${input}: ${plural(table.rows.length, "row")} below the header.`);
  for (const n of read.notes) out(`  ${n}`);

  // Columns.
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
    return EXIT.input;
  }
  if (roles.name === undefined || roles.revenue === undefined) {
    const missing = [roles.name === undefined ? "customer name" : "", roles.revenue === undefined ? "revenue" : ""].filter(Boolean).join(" and ");
    const flag = roles.name === undefined ? "name" : "revenue";
    err(`kam-workbook: cannot tell which column holds the ${missing}; choose with --column ${flag}="Header". The headers are: ${table.headers.filter(Boolean).map((h) => `"${h}"`).join(", ")}`);
    return EXIT.input;
  }
  if (mapping.churnIsComplement && roles.churn !== undefined) table = complementColumn(table, roles.churn);

  // Totals and subtotals.
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

  // Duplicates.
  const totalRows = new Set(totals.map((t) => t.row));
  const merged: string[] = [];
  if (duplicates === "error") {
    const seen = new Map<string, number>();
    const dupes: string[] = [];
    table.rows.forEach((r, i) => {
      const v = r[roles.name!];
      if (v === null || (typeof v === "string" && v.trim() === "") || totalRows.has(i)) return;
      const k = nameKey(v);
      if (seen.has(k)) dupes.push(`"${String(v).trim()}" on data rows ${seen.get(k)! + 1} and ${i + 1}`);
      else seen.set(k, i);
    });
    if (dupes.length) {
      err(`kam-workbook: ${plural(dupes.length, "customer")} appear more than once (--duplicates error): ${dupes.slice(0, 10).join("; ")}${dupes.length > 10 ? "; …" : ""}`);
      return EXIT.input;
    }
  } else {
    const m = mergeDuplicates(table, roles, totalRows);
    table = m.table;
    if (m.merges.length) {
      out(`Summed ${plural(m.merges.length, "customer")} found on several rows (--duplicates error to stop instead):`);
      for (const g of m.merges.slice(0, 20)) {
        const merge = read.mergedNameRows.size && g.rows.slice(1).every((r) => read.mergedNameRows.has(r)) ? " (a merged name cell)" : "";
        const line = `"${g.name}": ${g.addresses.join(", ")}${merge}${g.keptFirst.length ? `; ${g.keptFirst.join(", ")} differ: first row's value kept` : ""}`;
        out(`  ${line}`);
      }
      if (m.merges.length > 20) out(`  … and ${m.merges.length - 20} more (listed in the KAM Notes sheet)`);
      for (const g of m.merges) merged.push(`"${g.name}": ${g.addresses.join(", ")}${g.keptFirst.length ? `; ${g.keptFirst.join(", ")} differ: first row's value kept` : ""}`);
    }
  }

  // Criteria.
  table = withCostShares(table, roles);
  const criteria: CriterionSpec[] = defaultCriteria(table, roles).map((c) => ({ ...c, method: method as CriterionSpec["method"] }));
  for (const co of criterionOverrides) {
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
    criteria.push({ label: table.headers[col], kind: "data", column: col, direction: co.direction ?? "benefit", method: method as CriterionSpec["method"], weight: co.weight ?? 1 });
  }
  if (criteria.length === 0) throw new UsageError("every criterion was turned off (--criterion …=off); keep at least one");
  if (o.clv) {
    if (roles.churn === undefined || (roles.margin === undefined && roles.cost === undefined)) {
      throw new UsageError(`--clv needs a margin (or cost) column and a churn column; headers are: ${table.headers.join(", ")}`);
    }
    criteria.push({ label: CLV_LABEL, kind: "data", derived: "clv", direction: "benefit", method: method as CriterionSpec["method"], weight: 1 });
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

  // Formulas without a saved value in a column in use.
  const used = new Set<number>([...Object.values(roles), ...criteria.map((c) => c.column)].filter((c): c is number => c !== undefined));
  const unknown = read.uncomputed.filter((u) => used.has(u.col) && !totalRows.has(u.row));
  if (unknown.length) {
    err(
      `kam-workbook: ${plural(unknown.length, "formula cell")} in the columns used ha${unknown.length === 1 ? "s" : "ve"} no saved value (the file was written by a program that does not calculate): ${unknown
        .slice(0, 10)
        .map((u) => `${u.address} (=${u.formula})`)
        .join(", ")}${unknown.length > 10 ? ", …" : ""}. Open and save the file in Excel or LibreOffice, or export it as CSV.`,
    );
    return EXIT.input;
  }

  // Problems in the rows.
  const issues = validateTable(table, roles, criteria.filter((c) => c.column !== undefined).map((c) => c.column!));
  const revenueOf = (t: SourceTable, r: number) => {
    const v = t.rows[r][roles.revenue!];
    return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0;
  };
  const badRows = [...new Set(issues.map((i) => i.row))];
  const droppedRevenue = badRows.reduce((s, r) => s + revenueOf(table, r), 0);
  let keptRevenue = 0;
  table.rows.forEach((_, r) => !badRows.includes(r) && (keptRevenue += revenueOf(table, r)));
  const droppedShare = droppedRevenue + keptRevenue > 0 ? droppedRevenue / (droppedRevenue + keptRevenue) : 0;
  if (issues.length > 0) {
    err(`${plural(issues.length, "problem")} in ${input}:`);
    for (const i of issues.slice(0, 20)) err(`  ${i.message}`);
    if (issues.length > 20) err(`  ... and ${issues.length - 20} more`);
    err(`${plural(badRows.length, "row")} with problems carry ${pct(droppedShare)} of the revenue that can be read.`);
    if (o.strict) {
      err("kam-workbook: stopped (--strict); nothing written.");
      return EXIT.input;
    }
    if (maxDropped !== undefined && droppedShare > maxDropped) {
      err(`kam-workbook: the rows left out carry ${pct(droppedShare)} of revenue, more than --max-dropped ${o["max-dropped"] ?? 0}; nothing written.`);
      return EXIT.input;
    }
    err(`Warning: those rows are left out (use --strict or --max-dropped to stop instead).`);
    for (const i of issues) leftOut.push(i.message);
  }
  const customerCount = table.rows.filter((r, i) => !badRows.includes(i) && r.some((c) => c !== null && c !== "")).length;
  if (customerCount === 0) {
    err("kam-workbook: no customer rows can be used; nothing written.");
    return EXIT.input;
  }
  if (keyRule.kind === "top" && keyRule.n >= customerCount) {
    throw new UsageError(`--top ${keyRule.n}: the table has ${plural(customerCount, "usable customer")}, so every one would be a key account; give a smaller N`);
  }

  const builtOn = new Date().toISOString().slice(0, 10);
  let history = o.history === undefined ? [] : await readHistoryFile(o.history);
  if (o["delete-period"] !== undefined) {
    if (o.history === undefined) throw new UsageError("--delete-period needs --history FILE: the workbook whose history to carry forward without that period");
    const r = fromKam(() => deletePeriod(history, o["delete-period"]!));
    history = r.history;
    out(`Deleted ${r.deleted.period} (${plural(r.deleted.rows.length, "customer")}) from the history; it holds ${plural(history.length, "period")}.`);
  }
  const buildInput = { table, roles, criteria, keyRule, fixedCosts, sensitivity: o.sensitivity === true, builtOn, portfolio: { axes }, clvDiscount, writeHistory: true, currency };
  let built = buildWorkbook({ ...buildInput, history });
  if (o.close !== undefined) {
    const r = built.review;
    const snapshot = fromKam(() => takeSnapshot(o.close!, o["close-date"] ?? builtOn, r.scheme, r.rows));
    const before = history[history.length - 1];
    history = fromKam(() => appendSnapshot(history, snapshot));
    built = buildWorkbook({ ...buildInput, history });
    out(`Closed ${snapshot.period} (${snapshot.date}); the history holds ${plural(history.length, "period")}.`);
    if (before) for (const line of reviewLines(comparePeriods(before, snapshot), before.period)) out(line);
  }
  const { plan, summary } = built;
  if (summary.customers === 0) {
    err("kam-workbook: no customer rows can be used; nothing written.");
    return EXIT.input;
  }
  if (summary.keyAccounts.length === 0) {
    err(`kam-workbook: no customer meets the key-account rule (${o.cutoff !== undefined ? `--cutoff ${o.cutoff}` : o.share !== undefined ? `--share ${o.share}` : "--top"}); nothing written. Lower it.`);
    return EXIT.input;
  }
  if (summary.keyAccounts.length === summary.customers) {
    err(`kam-workbook: every customer meets the key-account rule; nothing written. Raise it.`);
    return EXIT.input;
  }
  // Key accounts under 1% of revenue: named, with why.
  const revenueByName = new Map<string, number>();
  let total = 0;
  table.rows.forEach((r, i) => {
    if (badRows.includes(i) || r[roles.name!] === null) return;
    const v = revenueOf(table, i);
    revenueByName.set(nameKey(r[roles.name!]), v);
    total += v;
  });
  const keyNotes: string[] = [];
  for (const k of summary.keyAccounts) {
    const share = total > 0 ? (revenueByName.get(nameKey(k)) ?? 0) / total : 0;
    if (share < 0.01) {
      const others = criteria.filter((c) => c.column !== roles.revenue).map((c) => c.label);
      keyNotes.push(`${k} has ${pct(share)} of revenue and is a key account on its other criteria (${others.join(", ")}).`);
    }
  }
  const disclosure = summary.disclosure.map((d) => `${d.name} (${pct(d.share)})`);
  // The notes sheet follows the same layout and print rules as the KAM sheets (widths from the
  // content, one page wide, footer with sheet, page and build date).
  plan.sheets.push(
    laidOut(notesSheet({
      source: basename(input),
      builtOn,
      reading: read.notes,
      mapping: mappingRows,
      leftOut,
      merged,
      defaults: DEFAULTS_TEXT,
      keyNotes,
      disclosure,
    }), builtOn),
  );
  mkdirSync(outDir, { recursive: true });
  // Written beside the target and renamed, so a failure never leaves half a workbook.
  const tmp = `${resolve(output)}.${process.pid}.tmp`;
  try {
    await planToXlsxFile(plan, tmp);
    renameSync(tmp, output);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
  const excluded = summary.excluded.length;
  out(`Wrote ${output}: ${plural(summary.customers, "customer")}${excluded ? ` (${plural(excluded, "row")} left out)` : ""}${o.sensitivity ? ", with the KAM Sensitivity sheet" : ""}.`);
  out(`Key accounts (${summary.keyAccounts.length}): ${summary.keyAccounts.join(", ")}`);
  out(`  carry ${pct(summary.keyRevenueShare)} of revenue${summary.keyMarginShare !== undefined ? ` and ${pct(summary.keyMarginShare)} of margin` : ""}.`);
  if (Number.isFinite(summary.hhi)) out(`HHI ${Math.round(summary.hhi).toLocaleString("en-US")}: ${summary.hhiLevel}.`);
  out(`Losing the largest customer costs ${pct(summary.top1Loss.share)} of revenue; the largest three ${pct(summary.top3Loss.share)}.`);
  out(`At or above 10% of revenue: ${disclosure.length ? disclosure.join(", ") : "none"}.`);
  for (const n of keyNotes) out(`Note: ${n}`);
  for (const w of summary.warnings) err(`Warning: ${w}`);
  return EXIT.ok;
}
