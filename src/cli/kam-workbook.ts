/**
 * kam-workbook: builds the key-account workbook (scoring, loss scenarios, concentration)
 * from a customer table in a CSV or .xlsx file, without Excel.
 *
 *   npx kam-workbook customers.csv -o key-accounts.xlsx [--top 10 | --cutoff 7 | --share 0.1]
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { buildWorkbook, KeyRule } from "../workbook/build";
import { guessRoles, ROLE_LABELS, validateTable } from "../workbook/customers";
import { defaultCriteria } from "../workbook/defaults";
import { planToXlsx } from "../workbook/xlsx-writer";
import { KamError } from "../core/errors";
import { comparePeriods, type PeriodComparison, takeSnapshot } from "../core/history";
import { appendSnapshot } from "../workbook/history-sheet";
import { assignAxes } from "../core/portfolio-axes";
import { CLV_LABEL } from "../workbook/model";
import { readHistoryFile } from "./read-history";
import { InputFileError, readTable } from "./read-table";

const USAGE = `Usage: kam-workbook <customers.csv|customers.xlsx> [options]

Options:
  -o, --output FILE      where to write the workbook (default: key-accounts.xlsx)
      --sheet NAME       sheet to read from an .xlsx file (default: the first)
      --top N            key accounts are the top N by weighted score (default 10)
      --cutoff SCORE     key accounts score at least SCORE (1–10)
      --share FRACTION   key accounts carry at least FRACTION of revenue (e.g. 0.1)
      --fixed-costs X    annual fixed costs for the loss scenarios (default 0)
      --method M         scaling of data criteria: minmax, percentile or zscore
      --attractiveness LIST  criteria (comma-separated) on the portfolio's attractiveness axis
      --strength LIST    criteria on the strength axis; a criterion in both lists counts on both.
                         Default: relationship, wallet, position, retention, tenure, NPS-type
                         criteria on strength, every other on attractiveness
      --clv              add Lifetime value (margin × (1 − churn) / (discount + churn)) as a
                         criterion; needs margin (or cost) and churn columns
      --discount RATE    discount rate per year of the lifetime value (default 0.1)
      --history FILE     carry the KAM History sheet of an earlier workbook forward
      --close PERIOD     close the quarter: add this build's figures to the history as PERIOD
                         (e.g. "2026 Q3"), dated --close-date (default today, yyyy-mm-dd)
      --strict           stop when the table has problems instead of leaving those rows out
  -h, --help             show this help`;

/** A rule of the core broken by an option (an unknown criterion, a period closed twice): the CLI's message. */
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
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        sheet: { type: "string" },
        top: { type: "string" },
        cutoff: { type: "string" },
        share: { type: "string" },
        "fixed-costs": { type: "string" },
        method: { type: "string" },
        strict: { type: "boolean" },
        attractiveness: { type: "string" },
        strength: { type: "string" },
        history: { type: "string" },
        clv: { type: "boolean" },
        discount: { type: "string" },
        close: { type: "string" },
        "close-date": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    err(`kam-workbook: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: o, positionals } = args;
  if (o.help) {
    out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    err(`kam-workbook: give exactly one input file\n\n${USAGE}`);
    return 2;
  }
  const input = positionals[0];
  if (!existsSync(input)) {
    err(`kam-workbook: ${input}: no such file`);
    return 2;
  }
  const num = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!Number.isFinite(x)) throw new InputFileError(`--${name} must be a number, got "${v}"`);
    return x;
  };
  try {
    const table = await readTable(input, o.sheet);
    const roles = guessRoles(table.headers);
    if (roles.name === undefined || roles.revenue === undefined) {
      const missing = [roles.name === undefined ? ROLE_LABELS.name : "", roles.revenue === undefined ? ROLE_LABELS.revenue : ""].filter(Boolean).join(" and ");
      throw new InputFileError(`cannot tell which column holds the ${missing}; headers are: ${table.headers.join(", ")}`);
    }
    let keyRule: KeyRule = { kind: "top", n: num("top", o.top) ?? 10 };
    if (o.cutoff !== undefined) keyRule = { kind: "cutoff", score: num("cutoff", o.cutoff)! };
    if (o.share !== undefined) keyRule = { kind: "share", threshold: num("share", o.share)! };
    const method = o.method ?? "minmax";
    if (!["minmax", "percentile", "zscore"].includes(method)) throw new InputFileError(`--method must be minmax, percentile or zscore, got "${method}"`);
    const criteria = defaultCriteria(table, roles).map((c) => ({ ...c, method: method as "minmax" }));
    const issues = validateTable(table, roles, criteria.filter((c) => c.column !== undefined).map((c) => c.column!));
    if (issues.length > 0) {
      err(`${issues.length} problem${issues.length === 1 ? "" : "s"} in ${input}:`);
      for (const i of issues.slice(0, 20)) err(`  ${i.message}`);
      if (issues.length > 20) err(`  ... and ${issues.length - 20} more`);
      if (o.strict) return 1;
      err("Those rows are left out (use --strict to stop instead).");
    }
    if (o.clv) {
      if (roles.churn === undefined || (roles.margin === undefined && roles.cost === undefined)) {
        throw new InputFileError(`--clv needs a margin (or cost) column and a churn column; headers are: ${table.headers.join(", ")}`);
      }
      criteria.push({ label: CLV_LABEL, kind: "data", derived: "clv", direction: "benefit", method: method as "minmax", weight: 1 });
    }
    const list = (v: string | undefined) => (v === undefined ? undefined : v.split(",").map((x) => x.trim()).filter(Boolean));
    const today = new Date().toISOString().slice(0, 10);
    const axes = fromKam(() => assignAxes(criteria.map((c) => c.label), list(o.attractiveness), list(o.strength)));
    let history = o.history === undefined ? [] : await readHistoryFile(o.history);
    const base = { table, roles, criteria, keyRule, fixedCosts: num("fixed-costs", o["fixed-costs"]), builtOn: today, portfolio: { axes }, writeHistory: true, clvDiscount: num("discount", o.discount) };
    let built = buildWorkbook({ ...base, history });
    if (o.close !== undefined) {
      const r = built.review;
      const snapshot = fromKam(() => takeSnapshot(o.close!, o["close-date"] ?? today, r.scheme, r.rows));
      const before = history[history.length - 1];
      history = fromKam(() => appendSnapshot(history, snapshot));
      built = buildWorkbook({ ...base, history });
      out(`Closed ${snapshot.period} (${snapshot.date}); the history holds ${history.length} period${history.length === 1 ? "" : "s"}.`);
      if (before) for (const line of reviewLines(comparePeriods(before, snapshot), before.period)) out(line);
    }
    const { plan, summary } = built;
    const bytes = await planToXlsx(plan);
    const output = o.output ?? "key-accounts.xlsx";
    mkdirSync(dirname(output) || ".", { recursive: true });
    writeFileSync(output, bytes);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    out(`Wrote ${output}: ${summary.customers} customers${summary.excluded.length ? ` (${summary.excluded.length} rows left out)` : ""}.`);
    out(`Key accounts (${summary.keyAccounts.length}): ${summary.keyAccounts.join(", ") || "none"}`);
    out(`  carry ${pct(summary.keyRevenueShare)} of revenue${summary.keyMarginShare !== undefined ? ` and ${pct(summary.keyMarginShare)} of margin` : ""}.`);
    if (Number.isFinite(summary.hhi)) out(`HHI ${Math.round(summary.hhi).toLocaleString("en-US")}: ${summary.hhiLevel}.`);
    out(`Losing the largest customer costs ${pct(summary.top1Loss.share)} of revenue; the largest three ${pct(summary.top3Loss.share)}.`);
    if (summary.disclosure.length) out(`At or above 10% of revenue: ${summary.disclosure.map((d) => `${d.name} (${pct(d.share)})`).join(", ")}.`);
    for (const w of summary.warnings) err(`Warning: ${w}`);
    return 0;
  } catch (e) {
    if (e instanceof InputFileError) {
      err(`kam-workbook: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
