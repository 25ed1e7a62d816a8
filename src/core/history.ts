/**
 * The review history: a snapshot of the scoring sheet taken when a quarter is closed, kept as
 * values, and the rules for comparing two snapshots. A snapshot carries the scoring scheme
 * (criteria, directions, weights) it was made with and a short fingerprint of it, so that
 * scores made under different schemes are flagged as not comparable instead of silently
 * mixed. No sheet layout here: the KAM History sheet and the CLI write these rows.
 */
import { valueError } from "./errors";
import type { Label } from "./input";
import { movers, Movers, nameKey, stability, trend, Trend } from "./review";
import type { Direction } from "./scoring";

/** One criterion of a scoring scheme. */
export interface Criterion {
  name: string;
  direction: Direction;
  /** 0 or more; only the weights' proportions matter. */
  weight: number;
}

export interface ScoringScheme {
  criteria: Criterion[];
}

/** One customer in a snapshot. */
export interface SnapshotRow {
  customer: Label;
  revenue: number;
  margin?: number;
  /** One 1–10 score per criterion, in the scheme's order; undefined: blank. */
  scores: (number | undefined)[];
  weightedScore?: number;
  /** 1 = best. */
  rank?: number;
  key: boolean;
  /** Portfolio box (or the user's label for it); undefined when not computed. */
  quadrant?: string;
}

/** A closed period: its label (e.g. "2026 Q3"), the day it was closed (ISO yyyy-mm-dd), the scheme and the rows. */
export interface Snapshot {
  period: string;
  date: string;
  scheme: ScoringScheme;
  /** `schemeFingerprint(scheme)` when the snapshot was taken. */
  fingerprint: string;
  rows: SnapshotRow[];
}

/** Decimals of each weight's share of the total in the canonical scheme: 1/3 and 0.333333333 are the same weight. */
export const WEIGHT_SHARE_DECIMALS = 9;

const DIRECTIONS: readonly Direction[] = ["benefit", "cost"];

/** The criteria checked and keyed: a name key, the direction and the weight's share, sorted by key. */
function canonicalCriteria(scheme: ScoringScheme): { key: string; name: string; direction: Direction; share: string }[] {
  const criteria = scheme.criteria;
  if (criteria.length === 0) throw valueError("the scoring scheme has no criteria");
  const seen = new Map<string, string>();
  let total = 0;
  for (const c of criteria) {
    const key = nameKey(c.name);
    if (key === "") throw valueError("a criterion has no name");
    const other = seen.get(key);
    if (other !== undefined) throw valueError(`criteria "${other}" and "${c.name}" have the same name`);
    seen.set(key, c.name);
    if (!DIRECTIONS.includes(c.direction)) throw valueError(`criterion "${c.name}" has direction ${JSON.stringify(c.direction)}; expected "benefit" or "cost"`);
    if (!(Number.isFinite(c.weight) && c.weight >= 0)) throw valueError(`criterion "${c.name}" has weight ${c.weight}; weights must be 0 or more`);
    total += c.weight;
  }
  if (!(total > 0)) throw valueError("the weights of the scoring scheme add up to 0");
  return criteria
    .map((c) => ({ key: nameKey(c.name), name: c.name, direction: c.direction, share: (c.weight / total).toFixed(WEIGHT_SHARE_DECIMALS) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The scheme as one text that does not depend on how it was typed: criteria by name key
 * (trimmed, case-insensitive) in sorted order, each with its direction and its weight as a
 * share of the total. Reordering criteria or scaling all weights (1, 2, 3 → 2, 4, 6) gives
 * the same scores and the same text; any other change gives another text.
 */
export function canonicalScheme(scheme: ScoringScheme): string {
  return canonicalCriteria(scheme)
    .map((c) => `${c.key}\t${c.direction}\t${c.share}`)
    .join("\n");
}

/**
 * FNV-1a, 32 bits, of the UTF-8 bytes of `text`, as 8 lower-case hex digits. Fowler, Noll &
 * Vo; offset basis 2166136261, prime 16777619 (see the IETF draft "The FNV Non-Cryptographic
 * Hash Algorithm"). Not a security hash: it tells schemes apart, it does not protect them.
 */
export function fnv1a32(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** Short stable fingerprint of a scoring scheme: 8 hex digits, equal for schemes that score alike. */
export function schemeFingerprint(scheme: ScoringScheme): string {
  return fnv1a32(canonicalScheme(scheme));
}

const percent = (share: string): string => `${Number((Number(share) * 100).toFixed(4))}%`;

/**
 * What changed from scheme `a` to scheme `b`, in words ("criterion Growth added", "weight of
 * Revenue 40% → 30%"). Empty when the two score alike (the same canonical scheme).
 */
export function schemeDifferences(a: ScoringScheme, b: ScoringScheme): string[] {
  const before = new Map(canonicalCriteria(a).map((c) => [c.key, c]));
  const after = new Map(canonicalCriteria(b).map((c) => [c.key, c]));
  const out: string[] = [];
  for (const [key, c] of before) if (!after.has(key)) out.push(`criterion ${c.name} removed`);
  for (const [key, c] of after) {
    const old = before.get(key);
    if (old === undefined) {
      out.push(`criterion ${c.name} added`);
      continue;
    }
    if (old.direction !== c.direction) out.push(`direction of ${c.name} ${old.direction} → ${c.direction}`);
    if (old.share !== c.share) out.push(`weight of ${c.name} ${percent(old.share)} → ${percent(c.share)}`);
  }
  return out;
}

/** Throws when a snapshot's fingerprint is not its scheme's: the scheme columns were edited after it was taken. */
export function checkSnapshot(s: Snapshot): void {
  const expected = schemeFingerprint(s.scheme);
  if (s.fingerprint !== expected) {
    throw valueError(`period ${s.period}: the fingerprint ${s.fingerprint} does not match its scoring scheme (${expected}); the snapshot was edited after it was taken`);
  }
  const n = s.scheme.criteria.length;
  const seen = new Set<string>();
  s.rows.forEach((r, i) => {
    const key = nameKey(r.customer);
    if (key === "") throw valueError(`period ${s.period}, row ${i + 1}: the customer is blank`);
    if (seen.has(key)) throw valueError(`period ${s.period}, row ${i + 1}: customer ${JSON.stringify(r.customer)} appears twice`);
    seen.add(key);
    if (r.scores.length !== n) throw valueError(`period ${s.period}, row ${i + 1}: ${r.scores.length} scores for ${n} criteria`);
  });
}

/** Makes a snapshot: fingerprints the scheme and checks the rows (one row per customer, one score per criterion). */
export function takeSnapshot(period: string, date: string, scheme: ScoringScheme, rows: SnapshotRow[]): Snapshot {
  if (period.trim() === "") throw valueError("the period needs a label, e.g. 2026 Q3");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw valueError(`the date must be yyyy-mm-dd, got ${JSON.stringify(date)}`);
  const snapshot: Snapshot = { period: period.trim(), date, scheme, fingerprint: schemeFingerprint(scheme), rows };
  checkSnapshot(snapshot);
  return snapshot;
}

/** The fixed columns of a snapshot row, before and after the criterion scores. */
export const SNAPSHOT_LEADING_COLUMNS = ["Period", "Date", "Customer", "Revenue", "Margin"] as const;
export const SNAPSHOT_TRAILING_COLUMNS = ["Weighted score", "Rank", "Key account", "Quadrant", "Scheme"] as const;

/** The header of a snapshot's rows: the fixed columns with one column per criterion of its scheme. */
export function snapshotHeader(scheme: ScoringScheme): string[] {
  return [...SNAPSHOT_LEADING_COLUMNS, ...scheme.criteria.map((c) => c.name), ...SNAPSHOT_TRAILING_COLUMNS];
}

/** A snapshot as rows of values under `snapshotHeader` (blank: ""). */
export function snapshotValues(s: Snapshot): (string | number | boolean)[][] {
  const v = (x: number | string | undefined) => x ?? "";
  return s.rows.map((r) => [s.period, s.date, r.customer, r.revenue, v(r.margin), ...r.scores.map(v), v(r.weightedScore), v(r.rank), r.key, v(r.quadrant), s.fingerprint]);
}

/** One customer's change between two periods (undefined where it cannot be told). */
export interface CustomerChange {
  customer: Label;
  /** Weighted-score trend; undefined when the schemes differ or there is no current score. */
  trend?: Trend;
  /** Previous rank − current rank: positive moved up. Undefined when new, unranked or the schemes differ. */
  rankChange?: number;
}

export interface PeriodComparison {
  /** True when both snapshots were scored under the same scheme. */
  comparable: boolean;
  /** What changed in the scheme, in words (empty when comparable). */
  differences: string[];
  /** Key accounts that came in and left (facts under either scheme). */
  movers: Movers<Label>;
  /** Jaccard index of the two key sets; NaN when both are empty. */
  stability: number;
  /** One entry per customer of the current snapshot, in its order. */
  customers: CustomerChange[];
}

/**
 * Compares a period with the one before it. Key-set movers and stability are always given;
 * score trends and rank changes only when both were made under the same scheme, since a
 * score under other criteria or weights is another measure.
 */
export function comparePeriods(previous: Snapshot, current: Snapshot, tolerance = 0): PeriodComparison {
  checkSnapshot(previous);
  checkSnapshot(current);
  const differences = schemeDifferences(previous.scheme, current.scheme);
  const comparable = differences.length === 0;
  const keyNames = (s: Snapshot) => s.rows.filter((r) => r.key).map((r) => r.customer);
  const before = new Map(previous.rows.map((r) => [nameKey(r.customer), r]));
  const customers = current.rows.map((r): CustomerChange => {
    if (!comparable) return { customer: r.customer };
    const old = before.get(nameKey(r.customer));
    const rankChange = old?.rank !== undefined && r.rank !== undefined ? old.rank - r.rank : undefined;
    return { customer: r.customer, trend: trend(old?.weightedScore, r.weightedScore, tolerance), rankChange };
  });
  return {
    comparable,
    differences,
    movers: movers(keyNames(previous), keyNames(current)),
    stability: stability(keyNames(previous), keyNames(current)),
    customers,
  };
}
