/**
 * Key-account selection: the rule kinds, which customers a rule names (with ties broken the same
 * way everywhere), the disclosure share, and the summary figures of the selection. The build
 * summary calls these; the scoring and concentration sheets emit the equivalent formulas (see
 * `src/workbook/scoring-sheet.ts`), and a test evaluates both at the boundaries.
 */
import { DISCLOSURE_SHARE, KEY_ACCOUNTS_TYPICAL, SMALL_KEY_SHARE } from "./defaults";
import { reachesShare, sum } from "./numeric";
import { rankDescending } from "./scoring";

/**
 * How key accounts are chosen: the top N by weighted score, every customer whose weighted score
 * is at least a cut-off, or every customer carrying at least a share of revenue.
 */
export type KeyRule = { kind: "top"; n: number } | { kind: "cutoff"; score: number } | { kind: "share"; threshold: number };
export type KeyRuleKind = KeyRule["kind"];
export const KEY_RULE_KINDS: readonly KeyRuleKind[] = ["top", "cutoff", "share"];

/** The number a rule is set by (N, the score, the share). */
export function keyRuleValue(rule: KeyRule): number {
  return rule.kind === "top" ? rule.n : rule.kind === "cutoff" ? rule.score : rule.threshold;
}

/** A rule of `kind` set to `value`. */
export function keyRuleOf(kind: KeyRuleKind, value: number): KeyRule {
  return kind === "top" ? { kind, n: value } : kind === "cutoff" ? { kind, score: value } : { kind, threshold: value };
}

/** What the rule looks at for one customer. */
export interface KeyCandidate {
  /** Rank by weighted total, 1 = best, unique (ties by position, see `rankDescending`); 0 = no score. */
  rank: number;
  /** Weighted total rounded to `TOTAL_DECIMALS` (NaN: no score). */
  total: number;
  revenue: number;
}

/**
 * Whether one customer is a key account under `rule`:
 * - top N: ranked 1..N (equal totals are ranked by position, so exactly N are named);
 * - cut-off: a weighted total at least the score (totals are rounded, so ties compare equal);
 * - share: revenue at least `threshold` of `totalRevenue`, allowing for rounding as Pareto/ABC do.
 */
export function isKeyAccount(rule: KeyRule, c: KeyCandidate, totalRevenue: number): boolean {
  if (rule.kind === "top") return c.rank > 0 && c.rank <= rule.n;
  if (rule.kind === "cutoff") return !Number.isNaN(c.total) && c.total >= rule.score;
  return totalRevenue > 0 && reachesShare(c.revenue, totalRevenue, rule.threshold);
}

/** Ranks and key flags of every customer from their rounded weighted totals and revenues. */
export function selectKeyAccounts(rule: KeyRule, totals: Float64Array, revenues: ArrayLike<number>): { ranks: Uint32Array; key: boolean[] } {
  const ranks = rankDescending(totals);
  const totalRevenue = sum(revenues);
  const key = Array.from(totals, (total, i) => isKeyAccount(rule, { rank: ranks[i], total, revenue: revenues[i] }, totalRevenue));
  return { ranks, key };
}

/** A customer at or above `DISCLOSURE_SHARE` of revenue (allowing for rounding), to be disclosed. */
export function isDisclosed(revenue: number, totalRevenue: number): boolean {
  return totalRevenue > 0 && reachesShare(revenue, totalRevenue, DISCLOSURE_SHARE);
}

/**
 * A key account carrying less than `SMALL_KEY_SHARE` of revenue (allowing for rounding, so
 * exactly 1% is not small), to be named with the reason: it is key on its other criteria.
 */
export function isSmallKeyAccount(revenue: number, totalRevenue: number): boolean {
  return totalRevenue > 0 && !reachesShare(revenue, totalRevenue, SMALL_KEY_SHARE);
}

/** True when a top-N rule names an unusual number of key accounts (practice: 5 to 25). */
export function unusualKeyCount(n: number): boolean {
  return n < KEY_ACCOUNTS_TYPICAL.min || n > KEY_ACCOUNTS_TYPICAL.max;
}

export interface KeyAccountSummary {
  /** Indices of the key accounts, best ranked first (unscored last, in table order). */
  keyAccounts: number[];
  /** Their share of revenue (0 when revenue totals 0). */
  revenueShare: number;
  /** Their share of margin, when there are margins and they do not total 0. */
  marginShare?: number;
  /** Customers at or above the disclosure share, largest first. */
  disclosure: { index: number; share: number }[];
  /** Key accounts below `SMALL_KEY_SHARE` of revenue, best ranked first, with their share. */
  small: { index: number; share: number }[];
}

/** The figures the build summary reports about a selection, with compensated sums. */
export function summariseKeyAccounts(key: boolean[], ranks: ArrayLike<number>, revenues: Float64Array, margins?: Float64Array): KeyAccountSummary {
  const order = (i: number) => ranks[i] || Infinity;
  const keyAccounts = key.flatMap((k, i) => (k ? [i] : [])).sort((i, j) => order(i) - order(j) || i - j);
  const totalRevenue = sum(revenues);
  const measurable = revenues.length > 0 && totalRevenue > 0;
  const revenueShare = measurable ? sum(keyAccounts.map((i) => revenues[i])) / totalRevenue : 0;
  const totalMargin = margins ? sum(margins) : 0;
  const marginShare = margins && totalMargin !== 0 ? sum(keyAccounts.map((i) => margins[i])) / totalMargin : undefined;
  const disclosure = measurable
    ? Array.from(revenues, (r, index) => ({ index, share: r / totalRevenue }))
        .filter((d) => isDisclosed(revenues[d.index], totalRevenue))
        .sort((a, b) => b.share - a.share)
    : [];
  const small = measurable ? keyAccounts.filter((i) => isSmallKeyAccount(revenues[i], totalRevenue)).map((index) => ({ index, share: revenues[index] / totalRevenue })) : [];
  return { keyAccounts, revenueShare, marginShare, disclosure, small };
}
