/**
 * The figures of the KAM Sensitivity sheet, computed once at the build by the same core as the
 * KAM.WEIGHTRANGE, KAM.KEYPROB and KAM.LOSSVAR functions: per criterion the weight range that
 * keeps today's key set and the most critical criterion; per customer the key-set probability
 * under uncertain weights with a stable / contested label; the churn-loss distribution (expected
 * loss, VaR, expected shortfall, P(operating profit < 0)).
 *
 * A criterion no customer has a score on is skipped, as every weighted score on the scoring
 * sheet skips it. Customers without a score on every other criterion are left out of the
 * weight analysis (a blank score has no value to weigh) and counted, so the sheet can say so. Blank churn
 * probabilities count as 0 (the customer is not expected to leave) and blank margins as 0
 * (nothing is lost), both counted too.
 */
import { lossDistribution, profitShortfallRisk } from "./loss-risk";
import { weightRanges } from "./sensitivity";
import { keyProbabilities } from "./smaa";

/** Key-set probabilities strictly between these are "contested"; at or outside them, "stable". */
export const CONTESTED_LOW = 0.1;
export const CONTESTED_HIGH = 0.9;
/** SMAA settings on the sheet: each weight varies uniformly by ±50% (spread 0.5), seed 1. */
export const SHEET_SPREAD = 0.5;
export const SHEET_SEED = 1;
/** Samples: 10,000, fewer (not below 1,000) for large tables so a build stays around a second. */
export const SHEET_SAMPLES = 10_000;
export const MIN_SHEET_SAMPLES = 1_000;
/** Customers × criteria × samples a build may spend on KEYPROB (about one second). */
export const SAMPLE_BUDGET = 1.2e8;
/** Confidence levels of the VaR / expected-shortfall rows. */
export const RISK_LEVELS: readonly number[] = [0.9, 0.95, 0.99];
/** Points of the P(loss ≥ x) curve, from 0 to the 99.9% VaR. */
export const EXCEEDANCE_POINTS = 21;

export type KeyLabel = "stable" | "contested";

export interface SensitivityInput {
  criteria: readonly string[];
  weights: readonly number[];
  /** Per criterion, per customer: the 1–10 score, NaN when blank. */
  scores: readonly ArrayLike<number>[];
  customers: number;
  /** How many customers are key accounts today (the rule's count at the build). */
  keyCount: number;
  /** Per customer: margin and churn probability (undefined when blank); absent without such a column. */
  margins?: readonly (number | undefined)[];
  churn?: readonly (number | undefined)[];
  fixedCosts: number;
}

export interface CriterionRange {
  /** Lowest share of the total weight keeping the key set (NaN: the criterion holds all the weight). */
  lowest: number;
  current: number;
  highest: number;
  /** How far the share can fall / rise before the key set changes (Infinity: it never does). */
  roomDown: number;
  roomUp: number;
}

export interface WeightAnalysis {
  /** Customers (0-based, table order) with a score on every criterion: the ones analysed. */
  included: number[];
  /** The key set's size within the analysed customers. */
  n: number;
  /** Per criterion; undefined for a criterion no customer has a score on (skipped, as on the scoring sheet). */
  ranges: (CriterionRange | undefined)[];
  /** The criterion whose share can move least before the key set changes, or undefined when none can change it. */
  critical?: { criterion: number; room: number; direction: "down" | "up" };
  samples: number;
  spread: number;
  seed: number;
  /** Per included customer (same order): P(in the top n), key today, label. */
  probability: Float64Array;
  keyToday: boolean[];
  label: KeyLabel[];
  /** Upper bound on the standard error of a probability: 0.5/√samples. */
  standardError: number;
}

export interface RiskLevel {
  confidence: number;
  valueAtRisk: number;
  expectedShortfall: number;
}

export interface LossAnalysis {
  expectedLoss: number;
  levels: RiskLevel[];
  totalMargin: number;
  profitToday: number;
  /** P(operating profit after churn < 0) = P(loss > total margin − fixed costs). */
  profitNegative: number;
  exact: boolean;
  /** Loss error bound of the approximation (0 when exact). */
  lossError: number;
  /** Customers with a blank churn probability (counted as 0) or a blank margin (counted as 0). */
  blankChurn: number;
  blankMargin: number;
  /** [x, P(loss ≥ x)] from 0 to the 99.9% VaR. */
  exceedance: [number, number][];
}

export interface SensitivityReport {
  weights?: WeightAnalysis;
  /** Why there is no weight analysis (no criteria, weights adding to 0, fewer than 2 customers scored). */
  weightProblem?: string;
  loss?: LossAnalysis;
  /** Why there is no loss analysis (no margin or no churn column). */
  lossProblem?: string;
}

export const keyLabel = (p: number): KeyLabel => (p > CONTESTED_LOW && p < CONTESTED_HIGH ? "contested" : "stable");

/** Samples for a table of this size: SHEET_SAMPLES within the budget, never fewer than MIN_SHEET_SAMPLES. */
export function sheetSamples(customers: number, criteria: number): number {
  const affordable = Math.floor(SAMPLE_BUDGET / Math.max(1, customers * criteria) / 100) * 100;
  return Math.max(MIN_SHEET_SAMPLES, Math.min(SHEET_SAMPLES, affordable));
}

function analyseWeights(input: SensitivityInput): WeightAnalysis | string {
  if (input.criteria.length === 0) return "No criteria: nothing to weigh.";
  if (input.weights.some((w) => !(w >= 0))) return "The weights must be 0 or more.";
  // A criterion nobody has a score on is skipped by every weighted score (as on the scoring sheet).
  const used = input.scores.map((_, k) => k).filter((k) => Array.from(input.scores[k]).some(Number.isFinite));
  const K = used.length;
  const w = Float64Array.from(used, (k) => input.weights[k]);
  if (!(w.reduce((s, x) => s + x, 0) > 0)) return "The weights of the criteria with scores add up to 0: there is no weighted score to test.";
  const included: number[] = [];
  for (let i = 0; i < input.customers; i++) if (used.every((k) => Number.isFinite(input.scores[k][i]))) included.push(i);
  const m = included.length;
  if (m < 2) return "Fewer than two customers have a score on every criterion: there is no key set to test.";
  const n = Math.min(Math.max(input.keyCount, 1), m);
  const block = new Float64Array(m * K);
  included.forEach((i, r) => used.forEach((k, c) => (block[r * K + c] = input.scores[k][i])));
  const r = weightRanges(block, m, w, n);
  const ranges: (CriterionRange | undefined)[] = input.criteria.map(() => undefined);
  used.forEach((k, c) => {
    const lowest = r.lowest[c];
    ranges[k] = {
      lowest,
      current: r.current[c],
      highest: r.highest[c],
      roomDown: Number.isNaN(lowest) || lowest <= 0 ? Infinity : r.current[c] - lowest,
      roomUp: r.highest[c] >= 1 ? Infinity : r.highest[c] - r.current[c],
    };
  });
  let critical: WeightAnalysis["critical"];
  ranges.forEach((c, k) => {
    if (c === undefined) return;
    for (const [room, direction] of [
      [c.roomDown, "down"],
      [c.roomUp, "up"],
    ] as const) {
      if (Number.isFinite(room) && (critical === undefined || room < critical.room)) critical = { criterion: k, room, direction };
    }
  });
  const samples = sheetSamples(m, K);
  const probability = keyProbabilities(block, m, w, { n, spread: SHEET_SPREAD, samples, seed: SHEET_SEED });
  const today = keyProbabilities(block, m, w, { n, spread: 0, samples: 1, seed: SHEET_SEED });
  return {
    included,
    n,
    ranges,
    critical,
    samples,
    spread: SHEET_SPREAD,
    seed: SHEET_SEED,
    probability,
    keyToday: Array.from(today, (x) => x === 1),
    label: Array.from(probability, keyLabel),
    standardError: 0.5 / Math.sqrt(samples),
  };
}

function analyseLoss(input: SensitivityInput): LossAnalysis | string {
  if (input.margins === undefined || input.churn === undefined) {
    const missing = input.margins === undefined && input.churn === undefined ? "margin (or cost) and churn-probability columns" : input.margins === undefined ? "a margin (or cost) column" : "a churn-probability column";
    return `Add ${missing} to the source table to see the churn-loss risk.`;
  }
  const N = input.customers;
  const margins = new Float64Array(N);
  const probabilities = new Float64Array(N);
  let blankChurn = 0;
  let blankMargin = 0;
  let expectedLoss = 0;
  let totalMargin = 0;
  for (let i = 0; i < N; i++) {
    const m = input.margins[i];
    const p = input.churn[i];
    if (m === undefined) blankMargin++;
    if (p === undefined) blankChurn++;
    margins[i] = m ?? 0;
    probabilities[i] = p === undefined ? 0 : Math.min(1, Math.max(0, p));
    expectedLoss += margins[i] * probabilities[i];
    totalMargin += margins[i];
  }
  const d = lossDistribution(margins, probabilities);
  const levels = RISK_LEVELS.map((c) => ({ confidence: c, valueAtRisk: d.quantile(c), expectedShortfall: d.expectedShortfall(c) }));
  const top = Math.max(0, d.quantile(0.999));
  const exceedance: [number, number][] = Array.from({ length: EXCEEDANCE_POINTS }, (_, k) => {
    const x = (top * k) / (EXCEEDANCE_POINTS - 1);
    return [x, d.probAtLeast(x)];
  });
  return {
    expectedLoss,
    levels,
    totalMargin,
    profitToday: totalMargin - input.fixedCosts,
    profitNegative: profitShortfallRisk(d, margins, input.fixedCosts),
    exact: d.exact,
    lossError: d.lossError,
    blankChurn,
    blankMargin,
    exceedance,
  };
}

export function sensitivityReport(input: SensitivityInput): SensitivityReport {
  const weights = analyseWeights(input);
  const loss = analyseLoss(input);
  return {
    ...(typeof weights === "string" ? { weightProblem: weights } : { weights }),
    ...(typeof loss === "string" ? { lossProblem: loss } : { loss }),
  };
}
