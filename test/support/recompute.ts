/**
 * An independent recomputation of every figure of the three KAM sheets from the inputs the
 * scoring table holds after a user's action, from first principles (docs/domain.md), without
 * the code under test (no import from src/): the scaling, weighted score, rank, key-account
 * rule, loss tables, concentration ratios, HHI, Gini, Pareto and ABC are written out again here.
 *
 * `checkSheets` finds each figure on the sheets by its label or title (not by the builders'
 * layout constants) and says, cell by cell, whether it is right, flagged (an error value, or
 * blank where no number is right), or wrong: a number that is not the figure, the one outcome
 * a finance sheet must never show.
 */
import type { UnoSheet, UnoValue } from "./uno";

const KEY = "Key account";
const TOL = 1e-9;

export interface Criterion {
  label: string;
  kind: "data" | "manual";
  scoreCol: number;
  rawCol?: number;
  weight: number;
  direction: string;
  method: string;
}
export interface Row {
  sheetRow: number;
  name: string;
  /** Revenue as the user means it: a number typed as text counts as that number; blank is null. */
  revenue: number | null;
  margin: number | null;
  churn: number | null;
  raw: (number | null)[]; // by criterion
  manual: (number | null)[]; // by criterion
  /** Cells holding a number stored as text, as A1 addresses. */
  textCells: string[];
  /** Typed under the table without the row's formulas. */
  uncounted: boolean;
}

export const colLetter = (c: number): string => (c < 26 ? String.fromCharCode(65 + c) : colLetter(Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26)));
export const addr = (r: number, c: number) => `${colLetter(c)}${r + 1}`;

function asNumber(v: UnoValue | undefined): { x: number | null; text: boolean } {
  if (typeof v === "number") return { x: v, text: false };
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v.trim()))) return { x: Number(v.trim()), text: true };
  return { x: null, text: false };
}

const findRow = (vals: UnoValue[][], label: string, col = 0, from = 0): number => {
  for (let r = from; r < vals.length; r++) if (vals[r]?.[col] === label) return r;
  return -1;
};
const startsRow = (vals: UnoValue[][], prefix: string): number => vals.findIndex((row) => typeof row[0] === "string" && row[0].startsWith(prefix));

/** Reads the scoring sheet's inputs: criteria and settings above the table, then the customer rows. */
export function readInputs(scoring: UnoSheet) {
  const v = scoring.values;
  const header = findRow(v, "Customer");
  const heads = v[header] as string[];
  const col = (h: string) => heads.indexOf(h);
  const critRow = findRow(v, "Criterion");
  const at = (label: string) => findRow(v, label);
  const criteria: Criterion[] = [];
  heads.forEach((h, c) => {
    const label = v[critRow][c];
    if (c === 0 || typeof label !== "string" || label === "") return;
    const method = String(v[at("Scaling")][c]);
    const kind = method.startsWith("typed") ? "manual" : "data";
    const rawCol = kind === "data" ? (col(label) >= 0 ? col(label) : col("Revenue")) : undefined;
    criteria.push({ label, kind, scoreCol: c, rawCol, weight: asNumber(v[at("Weight")][c]).x ?? NaN, direction: String(v[at("Direction (benefit / cost)")][c]), method });
  });
  const ruleLabel = String(v[3][0]);
  const rule = { kind: ruleLabel.includes("top N") ? "top" : ruleLabel.includes("at least") && ruleLabel.includes("share") ? "share" : "cutoff", value: asNumber(v[3][1]).x ?? NaN };
  const rows: Row[] = [];
  // The customers: every named row under the header up to the first empty row. A row typed
  // under the table without its formulas is a customer too (it has no weighted-score formula).
  const totalCol = col("Weighted score");
  for (let r = header + 1; r < v.length && v[r][0] !== "" && v[r][0] !== undefined; r++) {
    const textCells: string[] = [];
    const num = (c: number) => {
      if (c < 0) return null;
      const n = asNumber(v[r][c]);
      if (n.text) textCells.push(addr(r, c));
      return n.x;
    };
    rows.push({
      sheetRow: r,
      name: String(v[r][0]),
      revenue: num(col("Revenue")),
      margin: num(heads.findIndex((h) => h.startsWith("Margin"))),
      churn: num(col("Churn probability")),
      raw: criteria.map((c) => (c.rawCol === undefined ? null : num(c.rawCol))),
      manual: criteria.map((c) => (c.kind === "manual" ? num(c.scoreCol) : null)),
      textCells,
      uncounted: !scoring.formulas[r]?.[totalCol],
    });
  }
  return { header, heads, col, criteria, rule, rows };
}

export type Expected = number | string | null; // null: no number is right here (error or blank)

/** Every figure of the three sheets, computed from the inputs. */
export function recompute(inputs: ReturnType<typeof readInputs>, lossInputs: { fixed: number; months: number }, concInputs: { pareto: number; a: number; b: number }) {
  const { criteria, rule, rows } = inputs;
  const n = rows.length;
  // Scores per criterion.
  const scores = criteria.map((c, j) => {
    if (c.kind === "manual") return rows.map((r) => r.manual[j]);
    const xs = rows.map((r) => r.raw[j]).filter((x): x is number => x !== null);
    const min = Math.min(...xs);
    const max = Math.max(...xs);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    return rows.map((r) => {
      const x = r.raw[j];
      if (x === null) return null;
      let u: number;
      if (c.method === "min-max") u = max === min ? 0.5 : (x - min) / (max - min);
      else if (c.method === "percentile") u = xs.length <= 1 ? 0.5 : (xs.filter((y) => y < x).length + (xs.filter((y) => y === x).length - 1) / 2) / (xs.length - 1);
      else u = sd === 0 ? 0.5 : (Math.max(-3, Math.min(3, (x - mean) / sd)) + 3) / 6;
      if (c.direction === "cost") u = 1 - u;
      return 1 + 9 * u;
    });
  });
  // A customer without revenue is absent: no weighted score either.
  const totals: (number | null)[] = rows.map((_, i) => {
    if (rows[i].revenue === null) return null;
    let sw = 0;
    let s = 0;
    let any = false;
    criteria.forEach((c, j) => {
      const x = scores[j][i];
      if (x === null) return;
      any = true;
      sw += c.weight;
      s += c.weight * x;
    });
    if (!any) return null;
    return sw === 0 ? NaN : Math.round((s / sw) * 1e10) / 1e10;
  });
  // A customer without revenue is absent from ranking, concentration and loss.
  const present = rows.map((r) => r.revenue !== null);
  const ranked = rows.map((_, i) => present[i] && totals[i] !== null && Number.isFinite(totals[i]!));
  const rank: (number | null)[] = rows.map((_, i) => {
    if (!ranked[i]) return null;
    let k = 1;
    rows.forEach((__, j) => {
      if (!ranked[j]) return;
      if (totals[j]! > totals[i]! || (totals[j] === totals[i] && j < i)) k++;
    });
    return k;
  });
  const revs = rows.map((r, i) => (present[i] ? r.revenue! : null));
  const totalRevenue = revs.reduce<number>((a, b) => a + (b ?? 0), 0);
  const share = revs.map((x) => (x === null || totalRevenue === 0 ? null : x / totalRevenue));
  const key = rows.map((_, i) => {
    if (rule.kind === "top") return rank[i] !== null && rank[i]! <= rule.value;
    if (rule.kind === "cutoff") return ranked[i] && totals[i]! >= rule.value;
    return share[i] !== null && share[i]! >= rule.value;
  });
  const keyCount = key.filter(Boolean).length;

  // Loss: orders largest first, ties by the other measure, then by position.
  const idx = rows.map((_, i) => i).filter((i) => present[i]);
  const m = (i: number) => rows[i].margin ?? 0;
  const hasMargin = rows.some((r) => r.margin !== null);
  const byRev = [...idx].sort((a, b) => revs[b]! - revs[a]! || (hasMargin ? m(b) - m(a) : 0) || a - b);
  const byMargin = [...idx].sort((a, b) => m(b) - m(a) || revs[b]! - revs[a]! || a - b);
  const totalMargin = idx.reduce((a, i) => a + m(i), 0);
  const { fixed, months } = lossInputs;
  const breakEven = (R: number, M: number): Expected => (R <= 0 || M <= 0 ? "not reachable" : fixed / (M / R));
  const lossRow = (order: number[], k: number): Expected[] => {
    if (k > order.length) return [k, "", "", "", "", "", "", "", "", ""];
    const take = order.slice(0, k);
    const C = take.reduce((a, i) => a + revs[i]!, 0);
    const E = take.reduce((a, i) => a + m(i), 0);
    const be = breakEven(totalRevenue - C, totalMargin - E);
    return [
      k,
      rows[order[k - 1]].name,
      C,
      totalRevenue === 0 ? null : C / totalRevenue,
      E,
      totalMargin === 0 ? null : E / totalMargin,
      totalMargin - E - fixed,
      be,
      typeof be === "number" ? (totalRevenue - C - be) / (totalRevenue - C) : "",
      (E * months) / 12,
    ];
  };
  const keyOrder = rule.kind === "share" ? byRev.filter((i) => key[i]) : rows.map((_, i) => i).filter((i) => key[i]).sort((a, b) => rank[a]! - rank[b]!);
  const expectedLoss = keyOrder.reduce((a, i) => a + (rows[i].margin !== null && rows[i].churn !== null ? rows[i].margin! * rows[i].churn! : 0), 0);

  // Concentration.
  const xs = byRev.map((i) => revs[i]!);
  const count = xs.length;
  const T = totalRevenue;
  const zero = T === 0;
  const cr = (k: number): Expected => (zero ? null : xs.slice(0, k).reduce((a, b) => a + b, 0) / T);
  const hhi = zero ? null : xs.reduce((a, x) => a + (x / T) ** 2, 0) * 10000;
  let gini: Expected = null;
  if (!zero && count > 0) {
    let s = 0;
    for (const a of xs) for (const b of xs) s += Math.abs(a - b);
    gini = s / (2 * count * T);
  }
  const tol = 1e-9;
  let before = 0;
  let pareto = 0;
  const cls: string[] = [];
  xs.forEach((x) => {
    if (!zero && before / T < concInputs.pareto - tol) pareto++;
    before += x;
  });
  xs.forEach((x) => {
    const larger = xs.filter((y) => y > x).reduce((a, b) => a + b, 0);
    cls.push(larger / T < concInputs.a - tol ? "A" : larger / T < concInputs.b - tol ? "B" : "C");
  });
  const level = hhi === null ? null : Math.round(hhi * 1e6) / 1e6 < 1000 ? "Unconcentrated" : Math.round(hhi * 1e6) / 1e6 <= 1800 ? "Moderately concentrated" : "Highly concentrated";
  return {
    scores,
    totals,
    rank,
    key,
    share,
    keyCount,
    totalRevenue,
    totalMargin,
    hasMargin,
    byRev,
    byMargin,
    lossRow,
    keyOrder,
    expectedLoss,
    conc: {
      total: T,
      count,
      cr,
      hhi,
      level,
      effective: hhi === null ? null : 10000 / hhi,
      gini,
      pareto: zero ? null : pareto,
      abc: zero ? null : { A: cls.filter((c) => c === "A").length, B: cls.filter((c) => c === "B").length, C: cls.filter((c) => c === "C").length },
      disclosure: zero ? null : xs.filter((x) => x / T >= 0.1).length,
      top: xs,
    },
    n,
    breakEven,
    revenueOf: (i: number) => revs[i]!,
  };
}

export interface CheckResult {
  checked: number;
  right: number;
  flagged: string[];
  wrong: string[];
  /** Figures checked per sheet. */
  bySheet: Record<string, number>;
}

/**
 * Compares every figure of the sheets with the recomputation. A cell is right when it equals
 * the figure, flagged when it shows an error (or is blank where no number is right), wrong
 * otherwise. `mayFlag(sheet, row)`, when given, limits where a flag is acceptable; elsewhere a
 * flag counts as wrong too.
 */
export function checkSheets(sheets: UnoSheet[], options: { mayFlag?: (where: string) => boolean } = {}): CheckResult & { inputs: ReturnType<typeof readInputs>; figures: ReturnType<typeof recompute> } {
  // By name (the summary sheet comes first in the workbook); a renamed set falls back to the order.
  const named = (name: string, i: number) => sheets.find((s) => s.name === name) ?? sheets.filter((s) => s.name !== "KAM Summary")[i];
  const [scoring, loss, conc] = [named("KAM Scoring", 0), named("KAM Loss Scenarios", 1), named("KAM Concentration", 2)];
  const inputs = readInputs(scoring);
  const L = loss.values;
  const C = conc.values;
  const lv = (label: string) => asNumber(L[findRow(L, label)]?.[1]).x ?? NaN;
  const cv = (label: string) => asNumber(C[findRow(C, label)]?.[1]).x ?? NaN;
  const f = recompute(inputs, { fixed: lv("Annual fixed costs"), months: lv("Months to replace lost revenue") }, { pareto: cv("Pareto share"), a: cv("ABC: class A below cumulative share"), b: cv("ABC: class B below cumulative share") });
  const res: CheckResult = { checked: 0, right: 0, flagged: [], wrong: [], bySheet: {} };
  const check = (sheet: UnoSheet, r: number, c: number, want: Expected, what: string) => checker(sheet, res, options)(r, c, want, what);
  const fin = (x: number | null): Expected => (x === null ? "" : Number.isFinite(x) ? x : null);

  // Scoring sheet: per customer, then the two figures above the table.
  const col = inputs.col;
  inputs.rows.forEach((row, i) => {
    if (row.uncounted) return; // its own row has no formulas; the sheets must flag it (checked below)
    const r = row.sheetRow;
    inputs.criteria.forEach((c, j) => {
      if (c.kind === "data") check(scoring, r, c.scoreCol, fin(f.scores[j][i]), `${c.label} score of ${row.name}`);
    });
    check(scoring, r, col("Revenue share"), row.revenue === null ? "" : fin(f.share[i] ?? NaN), `revenue share of ${row.name}`);
    check(scoring, r, col("Weighted score"), fin(f.totals[i]), `weighted score of ${row.name}`);
    check(scoring, r, col("Rank"), f.rank[i] ?? "", `rank of ${row.name}`);
    check(scoring, r, col("Key account"), f.key[i] ? KEY : "", `key flag of ${row.name}`);
  });
  const sv = scoring.values;
  check(scoring, findRow(sv, "Total revenue"), 1, f.totalRevenue, "total revenue");
  check(scoring, findRow(sv, "Key accounts"), 1, f.keyCount, "key-account count");

  // Loss sheet.
  check(loss, findRow(L, "Total revenue"), 1, f.totalRevenue, "total revenue");
  check(loss, findRow(L, "Customers"), 1, f.conc.count, "customers");
  if (f.hasMargin) {
    check(loss, findRow(L, "Total margin (contribution)"), 1, f.totalMargin, "total margin");
    const fixed = lv("Annual fixed costs");
    check(loss, findRow(L, "Operating profit today"), 1, f.totalMargin - fixed, "profit today");
    const be = f.breakEven(f.totalRevenue, f.totalMargin);
    check(loss, findRow(L, "Break-even revenue today"), 1, be, "break-even today");
    check(loss, findRow(L, "Margin of safety today"), 1, typeof be === "number" ? (f.totalRevenue - be) / f.totalRevenue : "", "margin of safety today");
  }
  const lossTable = (title: string, order: number[], cols: number) => {
    const t = startsRow(L, title);
    if (t < 0) {
      res.wrong.push(`${loss.name}: no table "${title}"`);
      return;
    }
    for (let r = t + 2; typeof L[r]?.[0] === "number"; r++) {
      const k = L[r][0] as number;
      const want = f.lossRow(order, k);
      for (let c = 1; c < cols; c++) check(loss, r, c, want[c], `${title.slice(0, 22)} k=${k} col ${c + 1}`);
    }
  };
  lossTable("Worst case by revenue", f.byRev, f.hasMargin ? 10 : 4);
  if (f.hasMargin) lossTable("Worst case by margin", f.byMargin, 10);
  const ka = findRow(L, "Key accounts", 0, 11);
  if (ka < 0) res.wrong.push(`${loss.name}: no key-account table`);
  let listed = 0;
  for (let r = ka + 2; ka >= 0 && typeof L[r]?.[0] === "number"; r++) {
    const k = L[r][0] as number;
    listed = k;
    const i = f.keyOrder[k - 1];
    if (i === undefined) {
      check(loss, r, 1, "", `key account ${k}`);
      continue;
    }
    const row = inputs.rows[i];
    check(loss, r, 1, row.name, `key account ${k}`);
    check(loss, r, 2, row.revenue, `key account ${k} revenue`);
    check(loss, r, 3, fin(f.share[i]), `key account ${k} % of revenue`);
    if (f.hasMargin) check(loss, r, 4, row.margin ?? "", `key account ${k} margin`);
    if (col("Churn probability") >= 0) check(loss, r, 5, row.churn ?? "", `key account ${k} churn`);
    if (f.hasMargin && col("Churn probability") >= 0) check(loss, r, 6, row.margin !== null && row.churn !== null ? row.margin * row.churn : "", `key account ${k} expected loss`);
  }
  const el = findRow(L, "Total expected loss of the key accounts", 1);
  if (el >= 0) check(loss, el, 6, f.expectedLoss, "total expected loss");
  if (f.keyOrder.length > listed && !L.some((row) => row.some((x) => typeof x === "string" && x.includes(`${f.keyOrder.length}`) && /not (shown|listed)|lists the first/.test(x)))) {
    res.wrong.push(`${loss.name}: ${f.keyOrder.length} key accounts, ${listed} listed, and no note says how many are not shown`);
  }

  // Concentration sheet.
  const cc = f.conc;
  check(conc, findRow(C, "Total revenue"), 1, cc.total, "total revenue");
  check(conc, findRow(C, "Customers"), 1, cc.count, "customers");
  for (const k of [1, 5, 10, 20]) check(conc, findRow(C, `Top ${k} share (CR${k})`), 1, cc.cr(k), `CR${k}`);
  check(conc, findRow(C, "HHI (0–10,000)"), 1, cc.hhi, "HHI");
  check(conc, findRow(C, "HHI level"), 1, cc.level, "HHI level");
  check(conc, findRow(C, "Effective number of customers"), 1, cc.effective, "effective number");
  check(conc, findRow(C, "Gini coefficient"), 1, cc.gini, "Gini");
  check(conc, findRow(C, "Customers making up that share"), 1, cc.pareto, "Pareto count");
  check(conc, findRow(C, "A customers"), 1, cc.abc?.A ?? null, "A customers");
  check(conc, findRow(C, "B customers"), 1, cc.abc?.B ?? null, "B customers");
  check(conc, findRow(C, "C customers"), 1, cc.abc?.C ?? null, "C customers");
  check(conc, findRow(C, "Customers at or above 10% of revenue"), 1, cc.disclosure, "disclosure count");
  const p = startsRow(C, "Pareto: the ");
  let cum = 0;
  for (let r = p + 2; p >= 0 && typeof C[r]?.[0] === "number"; r++) {
    const k = C[r][0] as number;
    const x = cc.top[k - 1];
    if (x === undefined) {
      check(conc, r, 1, "", `Pareto chart k=${k}`);
      continue;
    }
    cum += x;
    check(conc, r, 1, x, `Pareto chart k=${k} revenue`);
    check(conc, r, 2, cc.total === 0 ? null : cum / cc.total, `Pareto chart k=${k} cumulative share`);
  }
  const summary = sheets.find((s) => s.name === "KAM Summary");
  if (summary) checkSummary(summary, f, inputs, check, res);
  return { ...res, inputs, figures: f };
}

/**
 * The summary sheet (issue 10), each figure found by its label and recomputed from the same
 * independent figures: the key accounts listed in the rule's order, their combined share of
 * revenue and margin, concentration, the worst case, the expected loss, the customers at or
 * above 10% of revenue, and the charts' data.
 */
function checkSummary(
  sheet: UnoSheet,
  f: ReturnType<typeof recompute>,
  inputs: ReturnType<typeof readInputs>,
  check: (sheet: UnoSheet, r: number, c: number, want: Expected, what: string) => void,
  res: CheckResult,
): void {
  const S = sheet.values;
  const fin = (x: number | null | undefined): Expected => (x === null || x === undefined ? "" : Number.isFinite(x) ? x : null);
  const cc = f.conc;
  const zero = f.totalRevenue === 0;
  // The subtitle counts the customers by formula.
  const subtitle = S[1]?.[0];
  if (typeof subtitle === "string" && !subtitle.startsWith(`${cc.count} customers`) && !/^Not every customer is counted/.test(subtitle)) res.wrong.push(`${sheet.name}!A2: "${subtitle}", want ${cc.count} customers`);
  // Key accounts, in the rule's order (rank; by revenue under the share rule).
  const section = findRow(S, "Key accounts");
  const header = section < 0 ? -1 : findRow(S, "Customer", 0, section);
  if (header < 0) res.wrong.push(`${sheet.name}: no key-account list`);
  const heads = (S[header] ?? []) as string[];
  const marginCol = heads.indexOf("Margin");
  let listed = 0;
  for (let r = header + 1; header >= 0 && typeof S[r]?.[heads.length - 1] === "number"; r++) {
    const k = S[r][heads.length - 1] as number;
    listed = k;
    const i = f.keyOrder[k - 1];
    if (i === undefined) {
      check(sheet, r, 0, "", `summary key account ${k}`);
      continue;
    }
    const row = inputs.rows[i];
    check(sheet, r, 0, row.name, `summary key account ${k}`);
    check(sheet, r, 1, row.revenue, `summary key account ${k} revenue`);
    check(sheet, r, 2, fin(f.share[i]), `summary key account ${k} share`);
    check(sheet, r, 3, fin(f.totals[i]), `summary key account ${k} weighted score`);
    if (marginCol >= 0) check(sheet, r, marginCol, row.margin ?? "", `summary key account ${k} margin`);
  }
  if (f.keyOrder.length > listed && !S.some((row) => row.some((x) => typeof x === "string" && x.startsWith(`${f.keyOrder.length - listed} more key accounts are not shown`)))) {
    res.wrong.push(`${sheet.name}: ${f.keyOrder.length} key accounts, ${listed} listed, and no note says how many are not shown`);
  }
  const keys = f.keyOrder;
  const keyRevenue = keys.reduce((a, i) => a + inputs.rows[i].revenue!, 0);
  const keyMargin = keys.reduce((a, i) => a + (inputs.rows[i].margin ?? 0), 0);
  const together = findRow(S, "Key accounts together");
  check(sheet, together, 1, keyRevenue, "key accounts' revenue");
  check(sheet, together, 2, zero ? null : keyRevenue / f.totalRevenue, "key accounts' share of revenue");
  if (f.hasMargin) {
    const m = findRow(S, "Their share of margin");
    check(sheet, m, 1, keyMargin, "key accounts' margin");
    check(sheet, m, 2, f.totalMargin === 0 ? null : keyMargin / f.totalMargin, "key accounts' share of margin");
  }
  // Concentration.
  check(sheet, findRow(S, "HHI (0–10,000)"), 1, cc.hhi, "summary HHI");
  check(sheet, findRow(S, "HHI level"), 1, cc.level, "summary HHI level");
  check(sheet, findRow(S, "Top 5 share (CR5)"), 1, cc.cr(5), "summary CR5");
  check(sheet, findRow(S, "Gini coefficient"), 1, cc.gini, "summary Gini");
  check(sheet, findRow(S, "Customers making up 80% of revenue"), 1, cc.pareto, "summary Pareto count");
  // Worst case: the largest and the 3 largest customers leave.
  for (const [label, k] of [["The largest customer leaves", 1], ["The 3 largest customers leave", 3]] as const) {
    const r = findRow(S, label);
    if (r < 0) continue; // fewer customers than k at the build
    const want = f.lossRow(f.byRev, k);
    const cols = f.hasMargin ? 5 : 2;
    for (let c = 1; c <= cols; c++) check(sheet, r, c, want[c + 1], `summary: ${label} col ${c + 1}`);
  }
  const el = findRow(S, "Total expected margin loss of the key accounts");
  if (el >= 0) check(sheet, el, 1, f.expectedLoss, "summary total expected loss");
  // Customers at or above 10% of revenue, largest first.
  const ds = findRow(S, "Customers at or above 10% of revenue");
  const disclosed = zero ? [] : f.byRev.filter((i) => f.revenueOf(i) / f.totalRevenue >= 0.1);
  const endOfList = (x: UnoValue) => typeof x === "string" && (x.startsWith("How to read") || / more at or above| has 10% /.test(x));
  for (let r = ds + 2, k = 0; ds >= 0 && r < S.length && !endOfList(S[r][0]); r++, k++) {
    const i = disclosed[k];
    if (i === undefined) {
      check(sheet, r, 0, zero ? null : "", `summary 10% customer ${k + 1}`);
      continue;
    }
    check(sheet, r, 0, inputs.rows[i].name, `summary 10% customer ${k + 1}`);
    check(sheet, r, 1, f.revenueOf(i), `summary 10% customer ${k + 1} revenue`);
    check(sheet, r, 2, f.revenueOf(i) / f.totalRevenue, `summary 10% customer ${k + 1} share`);
  }
  // The charts' data: share lost by k, and the cumulative share of the k largest.
  const lossData = S.findIndex((row) => row[0] === "k" && row[1] === "% of revenue lost");
  for (let r = lossData + 1; lossData >= 0 && typeof S[r]?.[0] === "number"; r++) {
    const k = S[r][0] as number;
    const want = f.lossRow(f.byRev, k);
    check(sheet, r, 1, want[3], `summary chart: % of revenue lost k=${k}`);
    if (f.hasMargin) check(sheet, r, 2, want[5], `summary chart: % of margin lost k=${k}`);
  }
  const pareto = S.findIndex((row) => row[0] === "k" && row[1] === "Cumulative share of revenue");
  let cum = 0;
  for (let r = pareto + 1; pareto >= 0 && typeof S[r]?.[0] === "number"; r++) {
    const k = S[r][0] as number;
    const x = cc.top[k - 1];
    if (x === undefined) {
      check(sheet, r, 1, "", `summary chart: cumulative share k=${k}`);
      continue;
    }
    cum += x;
    check(sheet, r, 1, zero ? null : cum / f.totalRevenue, `summary chart: cumulative share k=${k}`);
  }
}

/** Text of every cell of a sheet, for notes and flags. */
export const sheetText = (s: UnoSheet): string[] => s.values.flat().filter((x): x is string => typeof x === "string");

// ---------------------------------------------------------------- portfolio and review

/** The four boxes of the key-account portfolio (McDonald, Rogers & Woodburn), in the sheet's order. */
const BOXES = ["Strategic", "Star", "Status", "Streamline"] as const;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Checks the KAM Portfolio sheet against `base` (the recomputation of the scoring sheet): each
 * row k is the k-th customer of the scoring table now (or blank past them); attractiveness and
 * strength are the weighted averages of the customer's 1–10 scores with the weights per axis
 * typed on the portfolio sheet (scores present only; a customer without revenue is not placed);
 * the box by the cuts (at the cut is high); counts, revenue and shares per box and of the
 * customers not placed. When the sheet has a review block and `history` is given: key accounts
 * now and then, in both, in, out and the Jaccard stability against the last closed period.
 * Found by labels, not by the builders' layout constants.
 */
export function checkPortfolio(
  sheets: UnoSheet[],
  base: ReturnType<typeof checkSheets>,
  options: { mayFlag?: (where: string) => boolean } = {},
): CheckResult {
  const res: CheckResult = { checked: 0, right: 0, flagged: [], wrong: [], bySheet: {} };
  const sheet = sheets.find((s) => s.name === "KAM Portfolio");
  if (!sheet) return { ...res, wrong: ["no KAM Portfolio sheet"] };
  const v = sheet.values;
  const check = checker(sheet, res, options);
  const { inputs, figures: f } = base;
  const num = (x: UnoValue | undefined) => (typeof x === "number" ? x : NaN);
  const attCut = num(v[findRow(v, "Attractiveness cut (high at or above)")]?.[1]);
  const strCut = num(v[findRow(v, "Strength cut (strong at or above)")]?.[1]);
  const critRow = findRow(v, "Criterion");
  const wa = findRow(v, "Weight on attractiveness");
  const ws = findRow(v, "Weight on strength");
  const weights = inputs.criteria.map((c) => {
    const col = v[critRow].indexOf(c.label);
    return { a: num(v[wa]?.[col]) || 0, s: num(v[ws]?.[col]) || 0 };
  });
  const axis = (i: number, w: (j: number) => number): number | null => {
    if (inputs.rows[i].revenue === null) return null;
    let sw = 0;
    let s = 0;
    inputs.criteria.forEach((_, j) => {
      const x = f.scores[j][i];
      if (x === null || w(j) === 0) return;
      sw += w(j);
      s += w(j) * x;
    });
    return sw === 0 ? null : s / sw;
  };
  const att = inputs.rows.map((_, i) => axis(i, (j) => weights[j].a));
  const str = inputs.rows.map((_, i) => axis(i, (j) => weights[j].s));
  const box = inputs.rows.map((_, i) => {
    if (att[i] === null || str[i] === null) return "";
    const high = r6(att[i]!) >= r6(attCut);
    const strong = r6(str[i]!) >= r6(strCut);
    return high ? (strong ? "Strategic" : "Star") : strong ? "Status" : "Streamline";
  });
  // Rows: the customer table's header is the row with "Quadrant" in column F.
  const header = v.findIndex((row) => row[0] === "Customer" && row[5] === "Quadrant");
  if (header < 0) return { ...res, wrong: ["KAM Portfolio: no customer table"] };
  const fin = (x: number | null): Expected => (x === null ? "" : x);
  for (let r = header + 1; r < v.length && v[r].some((x) => x !== "" && x !== undefined); r++) {
    const i = r - header - 1;
    const row = inputs.rows[i];
    if (!row) {
      // Past the customers: nothing but blanks (and #N/A in the chart's columns).
      for (let c = 0; c < 7; c++) check(r, c, "", `blank row ${i + 1} col ${c + 1}`);
      continue;
    }
    check(r, 0, row.name, `customer ${i + 1}`);
    if (row.uncounted) continue; // the sheets flag it (row 3); its figures are checked below
    check(r, 1, row.revenue ?? "", `revenue of ${row.name}`);
    check(r, 2, f.key[i] ? KEY : "", `key flag of ${row.name}`);
    check(r, 3, fin(att[i]), `attractiveness of ${row.name}`);
    check(r, 4, fin(str[i]), `strength of ${row.name}`);
    check(r, 5, box[i], `box of ${row.name}`);
  }
  const counted = inputs.rows.map((row, i) => ({ row, i })).filter(({ row }) => row.name !== "");
  const total = counted.reduce((a, { row }) => a + (row.revenue ?? 0), 0);
  const quadrantRow = findRow(v, "Quadrant");
  let placedRevenue = 0;
  BOXES.forEach((q) => {
    const r = findRow(v, q, 0, quadrantRow);
    const inBox = counted.filter(({ i }) => box[i] === q);
    const revenue = inBox.reduce((a, { row }) => a + row.revenue!, 0);
    placedRevenue += revenue;
    check(r, 1, inBox.length, `${q} customers`);
    check(r, 2, revenue, `${q} revenue`);
    check(r, 3, total === 0 ? "" : revenue / total, `${q} revenue share`);
  });
  const unplaced = startsRow(v, "Not placed");
  check(unplaced, 1, counted.filter(({ i }) => box[i] === "").length, "customers not placed");
  check(unplaced, 2, total - placedRevenue, "revenue not placed");
  check(unplaced, 3, total === 0 ? "" : (total - placedRevenue) / total, "revenue share not placed");

  // The review block, against the History sheet's last period (read from its values).
  const history = sheets.find((s) => s.name === "KAM History");
  const last = findRow(v, "Last closed period");
  if (history && last >= 0) {
    const h = history.values;
    const hh = h.findIndex((row) => row[0] === "Period" && row[2] === "Customer");
    const col = (name: string) => h[hh].indexOf(name);
    const period = String(v[last][1]);
    const then = h.slice(hh + 1).filter((row) => row[0] === period && row[col("Key account")] === KEY).map((row) => String(row[col("Customer")]));
    const now = inputs.rows.filter((_, i) => f.key[i]).map((row) => row.name);
    const stayed = now.filter((x) => then.some((y) => sameName(x, y))).length;
    check(findRow(v, "Key accounts now"), 1, now.length, "key accounts now");
    check(findRow(v, "Key accounts then"), 1, then.length, "key accounts then");
    check(findRow(v, "In both"), 1, stayed, "key accounts in both");
    check(findRow(v, "Came in"), 1, now.length - stayed, "came in");
    check(findRow(v, "Left"), 1, then.length - stayed, "left");
    const either = now.length + then.length - stayed;
    check(findRow(v, "Stability (in both / in either)"), 1, either === 0 ? "" : stayed / either, "stability");
  }
  return res;
}

/**
 * Checks the scoring sheet's review columns against the History sheet's values: the previous
 * weighted score of the same customer (names compared trimmed, case-insensitively) in the
 * period the portfolio sheet compares with, the trend (Up, Down, Same, New: the current score
 * against it, to 6 decimals), the rank change (previous rank − rank) and the key flag then.
 */
export function checkReviewColumns(sheets: UnoSheet[], base: ReturnType<typeof checkSheets>, options: { mayFlag?: (where: string) => boolean } = {}): CheckResult {
  const res: CheckResult = { checked: 0, right: 0, flagged: [], wrong: [], bySheet: {} };
  const scoring = sheets.find((s) => s.name === "KAM Scoring") ?? sheets[0];
  const portfolio = sheets.find((s) => s.name === "KAM Portfolio")!;
  const history = sheets.find((s) => s.name === "KAM History")!;
  const check = checker(scoring, res, options);
  const pv = portfolio.values;
  const compared = String(pv[findRow(pv, "Scores compared with")][1]);
  const last = String(pv[findRow(pv, "Last closed period")][1]);
  const h = history.values;
  const hh = h.findIndex((row) => row[0] === "Period" && row[2] === "Customer");
  const hc = (name: string) => h[hh].indexOf(name);
  const find = (period: string, name: string) => h.slice(hh + 1).find((row) => row[0] === period && sameName(String(row[hc("Customer")]), name));
  const { inputs, figures: f } = base;
  inputs.rows.forEach((row, i) => {
    if (row.uncounted) return;
    const r = row.sheetRow;
    const before = find(compared, row.name);
    const prev = typeof before?.[hc("Weighted score")] === "number" ? (before[hc("Weighted score")] as number) : null;
    check(r, inputs.col("Previous score"), prev ?? "", `previous score of ${row.name}`);
    const now = f.totals[i];
    const d = prev === null || now === null ? 0 : r6(now - prev);
    const trend = now === null || !Number.isFinite(now) ? (now === null ? "" : null) : prev === null ? "New" : d > 0 ? "Up" : d < 0 ? "Down" : "Same";
    check(r, inputs.col("Trend"), trend, `trend of ${row.name}`);
    const prevRank = before?.[hc("Rank")];
    check(r, inputs.col("Rank change"), prev === null || f.rank[i] === null ? "" : (prevRank as number) - f.rank[i]!, `rank change of ${row.name}`);
    const thenRow = find(last, row.name);
    check(r, inputs.col("Key account then"), thenRow?.[hc("Key account")] === KEY ? KEY : "", `key account then of ${row.name}`);
  });
  return res;
}

/** The cell comparison of `checkSheets` for one more sheet. */
function checker(sheet: UnoSheet, res: CheckResult, options: { mayFlag?: (where: string) => boolean }) {
  return (r: number, c: number, want: Expected, what: string) => {
    if (r < 0) {
      res.wrong.push(`${sheet.name}: no row for ${what}`);
      return;
    }
    const got = sheet.values[r]?.[c];
    const where = `${sheet.name}!${addr(r, c)} ${what}`;
    res.checked++;
    res.bySheet[sheet.name] = (res.bySheet[sheet.name] ?? 0) + 1;
    const isErr = typeof got === "object" && got !== null;
    const same =
      typeof want === "number" && typeof got === "number"
        ? Math.abs(want - got) <= TOL * Math.max(1, Math.abs(want))
        : want === null
          ? false
          : (want === "" && (got === "" || got === undefined)) || want === got;
    if (same) res.right++;
    else if (isErr || (want === null && (got === "" || got === undefined))) {
      if (options.mayFlag && !options.mayFlag(where)) res.wrong.push(`${where}: flagged ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      else res.flagged.push(`${where}: ${JSON.stringify(got)}`);
    } else res.wrong.push(`${where}: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
}

/**
 * The summary's "Since the last review" block (issue 12), found by its labels and recomputed
 * from the History sheet's values and the independent key flags: the period compared with (the
 * last in History), the key set then and now, the stability (Jaccard), who came in (key now,
 * not then, in the scoring sheet's row order) and who left (key then, not now, in History's
 * order), names compared trimmed and case-insensitively.
 */
export function checkSummaryReview(sheets: UnoSheet[], base: ReturnType<typeof checkSheets>, options: { mayFlag?: (where: string) => boolean } = {}): CheckResult {
  const res: CheckResult = { checked: 0, right: 0, flagged: [], wrong: [], bySheet: {} };
  const summary = sheets.find((s) => s.name === "KAM Summary");
  const history = sheets.find((s) => s.name === "KAM History");
  if (!summary || !history) return { ...res, wrong: ["no KAM Summary or KAM History sheet"] };
  const check = checker(summary, res, options);
  const v = summary.values;
  const h = history.values;
  const hh = h.findIndex((row) => row[0] === "Period" && row[2] === "Customer");
  const hc = (name: string) => h[hh].indexOf(name);
  const periods = h.slice(hh + 1).map((row) => String(row[0])).filter((p) => p !== "");
  const last = periods[periods.length - 1];
  const then = h.slice(hh + 1).filter((row) => row[0] === last && row[hc("Key account")] === KEY).map((row) => String(row[hc("Customer")]));
  const { inputs, figures: f } = base;
  const now = inputs.rows.filter((row, i) => !row.uncounted && f.key[i]).map((row) => row.name);
  const entered = now.filter((x) => !then.some((y) => sameName(x, y)));
  const left = then.filter((y) => !now.some((x) => sameName(x, y)));
  const both = now.length - entered.length;
  check(findRow(v, "Compared with (last closed period)"), 1, last, "period compared with");
  const counts = findRow(v, "Key accounts then, now");
  check(counts, 1, then.length, "key accounts then");
  check(counts, 2, now.length, "key accounts now");
  const either = now.length + then.length - both;
  check(findRow(v, "Stability (in both / in either)"), 1, either === 0 ? "" : both / either, "stability");
  const list = findRow(v, "Came in");
  if (list < 0) return { ...res, wrong: [...res.wrong, "KAM Summary: no list of movers"] };
  // The list has as many rows as the build found movers; a note under it (above "How to read")
  // says when there are more now.
  const howTo = v.findIndex((row, r) => r > list && typeof row[0] === "string" && row[0].startsWith("How to read"));
  const listed = howTo - 1 - (list + 1);
  for (let k = 0; k < listed; k++) {
    check(list + 1 + k, 0, entered[k] ?? "", `came in ${k + 1}`);
    check(list + 1 + k, 2, left[k] ?? "", `left ${k + 1}`);
  }
  const note = String(v[howTo - 1]?.[0] ?? "");
  const more = entered.length > listed || left.length > listed;
  // While the sheets flag a problem the lists show errors, and the note cannot count the movers.
  const flaggedList = v.slice(list + 1, list + 1 + listed).some((row) => typeof row[0] === "object" && row[0] !== null);
  if (flaggedList) return res;
  res.checked++;
  if (more !== note.includes("More movers than listed")) res.wrong.push(`KAM Summary: ${entered.length} came in, ${left.length} left, ${listed} rows listed, note "${note}"`);
  return res;
}
