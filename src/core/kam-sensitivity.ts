/**
 * Issue 13 spreadsheet functions as pure functions of cell values, in the manner of kam.ts:
 * weight stability (WEIGHTRANGE), key-set probability (KEYPROB), churn-loss risk (LOSSRISK,
 * LOSSVAR) and the AHP toolkit (AHP and AHPCR with their new optional arguments, GCI,
 * AHPWORST). Each takes what Excel passes (2-D arrays of cell values, scalars, null for an
 * omitted argument), applies the input rules of input.ts, and returns a value or a 2-D array
 * to spill; problems are thrown as KamError.
 */
import {
  AhpMethod,
  ahp,
  ahpWeights,
  comparisonsConnected,
  completeMinLambda,
  consistencyRatio,
  gci,
  MissingPair,
  RI_TABLES,
  randomIndexLimit,
  worstJudgements,
} from "./ahp";
import { KamError, divError, naError, numError, valueError } from "./errors";
import { asGrid, Cell, cellToNumber, countOf, Grid, isBlank, optionalChoice, optionalInteger, optionalNumber, readRecords } from "./input";
import { readPairwiseMatrix } from "./kam";
import { lossDistribution, LossDistribution } from "./loss-risk";
import { weightRanges } from "./sensitivity";
import { keyProbabilities } from "./smaa";

export type Out = number | string | boolean | KamError;

// Shared readers -----------------------------------------------------------------------------

/** Weights: one row or one column of numbers ≥ 0 (blank is an error: 0 leaves a criterion out), adding up to more than 0. */
function readWeightVector(weights: Cell): Float64Array {
  const grid = asGrid(weights);
  const rows = grid.length;
  const cols = rows > 0 ? grid[0].length : 0;
  if (rows === 0 || cols === 0) throw naError("no weights given");
  if (rows > 1 && cols > 1) throw valueError(`weights must be one row or one column, got ${rows} rows × ${cols} columns`);
  const cells = rows > 1 ? grid.map((r) => r[0]) : grid[0];
  const out = new Float64Array(cells.length);
  let total = 0;
  for (let i = 0; i < cells.length; i++) {
    const where = `weight ${i + 1}`;
    if (isBlank(cells[i])) throw valueError(`${where} is blank; type 0 to leave a criterion out`);
    const w = cellToNumber(cells[i], where);
    if (w < 0) throw numError(`${where} is negative (${w}); weights must be 0 or more`);
    out[i] = w;
    total += w;
  }
  if (!(total > 0)) throw divError("the weights add up to 0");
  return out;
}

/** A complete scores block, one row per customer and one column per weight, as a row-major array. */
function readScoreBlock(scores: Cell, criteria: number): { values: Float64Array; customers: number } {
  const grid: Grid = asGrid(scores);
  const rows = grid.length;
  const cols = rows > 0 ? grid[0].length : 0;
  if (rows === 0 || cols === 0) throw naError("no scores given");
  if (cols !== criteria) {
    throw valueError(`scores has ${countOf(cols, "column")} but weights has ${countOf(criteria, "value")}; give one column per weight`);
  }
  const values = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = grid[r];
    for (let c = 0; c < cols; c++) {
      const cell = row[c];
      if (typeof cell === "number" && Number.isFinite(cell)) {
        values[r * cols + c] = cell;
        continue;
      }
      const where = `score in row ${r + 1}, column ${c + 1}`;
      if (isBlank(cell)) throw naError(`${where} is blank; every customer needs a score on every criterion`);
      values[r * cols + c] = cellToNumber(cell, where);
    }
  }
  return { values, customers: rows };
}

/** n: required, a whole number from 1 to the number of customers. */
function readKeyCount(n: Cell, customers: number): number {
  if (isBlank(n)) throw naError("n is required: how many customers are key accounts");
  const count = optionalInteger(n, "n", 1, 1);
  if (count > customers) throw numError(`n (${count}) is more than the ${countOf(customers, "customer")} in scores`);
  return count;
}

// WEIGHTRANGE ----------------------------------------------------------------------------------

/**
 * Per criterion (one row each) [lowest, current, highest] share of the total weight over which
 * today's top n stays the same, the other weights keeping their proportions. A criterion
 * holding all the weight has no lower end (the others have no proportions): #N/A there.
 */
export function WEIGHTRANGE(scores: Cell, weights: Cell, n: Cell): Out[][] {
  const w = readWeightVector(weights);
  const block = readScoreBlock(scores, w.length);
  const count = readKeyCount(n, block.customers);
  const r = weightRanges(block.values, block.customers, w, count);
  return Array.from(w, (_, k) => [
    Number.isNaN(r.lowest[k]) ? naError(`criterion ${k + 1} holds all the weight, so the other weights have no proportions to keep`) : r.lowest[k],
    r.current[k],
    r.highest[k],
  ]);
}

// KEYPROB --------------------------------------------------------------------------------------

/** Most weight samples KEYPROB draws (a million keeps a 1,000-customer table under a few minutes). */
export const MAX_SAMPLES = 1_000_000;

export function KEYPROB(scores: Cell, weights: Cell, n: Cell, spread?: Cell, samples?: Cell, seed?: Cell): number[][] {
  const w = readWeightVector(weights);
  const block = readScoreBlock(scores, w.length);
  const count = readKeyCount(n, block.customers);
  const s = optionalNumber(spread, "spread", 1);
  if (!(s >= 0 && s <= 1)) throw numError(`spread must be from 0 to 1 (1: any weights; 0: today's weights), got ${s}`);
  const draws = optionalInteger(samples, "samples", 10000, 1);
  if (draws > MAX_SAMPLES) throw numError(`samples must be at most ${MAX_SAMPLES.toLocaleString("en-US")}, got ${draws}`);
  const start = optionalInteger(seed, "seed", 1, 0);
  if (start > 0xffffffff) throw numError(`seed must be a whole number from 0 to 4294967295, got ${start}`);
  const probs = keyProbabilities(block.values, block.customers, w, { n: count, spread: s, samples: draws, seed: start });
  return Array.from(probs, (p) => [p]);
}

// LOSSRISK, LOSSVAR ------------------------------------------------------------------------------

function churnDistribution(margins: Cell, probabilities: Cell): LossDistribution {
  const rec = readRecords([
    { input: margins, label: "margin", kind: "number" },
    { input: probabilities, label: "probability", kind: "number", range: [0, 1] },
  ]);
  if (rec.count === 0) throw naError("no margins given");
  return lossDistribution(rec.fields[0] as Float64Array, rec.fields[1] as Float64Array);
}

/** P(loss ≥ x), loss = Σ margin·X, X independent Bernoulli(probability). */
export function LOSSRISK(margins: Cell, probabilities: Cell, x: Cell): number {
  if (isBlank(x)) throw naError("x is required: the loss to reach");
  const threshold = optionalNumber(x, "x", 0);
  return churnDistribution(margins, probabilities).probAtLeast(threshold);
}

/** The smallest loss x with P(loss ≤ x) ≥ confidence (value at risk of the churn loss). */
export function LOSSVAR(margins: Cell, probabilities: Cell, confidence?: Cell): number {
  const c = optionalNumber(confidence, "confidence", 0.95);
  if (!(c > 0 && c <= 1)) throw numError(`confidence must be above 0 and at most 1, got ${c}`);
  return churnDistribution(margins, probabilities).quantile(c);
}

// AHP toolkit ----------------------------------------------------------------------------------

export const AHP_METHODS: readonly AhpMethod[] = ["eigen", "geometric"];

interface Pairwise {
  matrix: Float64Array[];
  /** Pairs (i < j) left unanswered and completed by λmax minimisation. */
  missing: MissingPair[];
}

/**
 * Reads a pairwise matrix in which a pair may be left unanswered (a_ij and a_ji both blank):
 * the rest is read by kam.ts's rules (upper triangle enough, reciprocals checked), and the
 * unanswered pairs are completed by the values that minimise λmax.
 */
export function readIncompletePairwise(matrix: Cell): Pairwise {
  const grid: Grid = asGrid(matrix);
  const n = grid.length;
  const missing: MissingPair[] = [];
  let filled: Grid = grid;
  if (n > 0 && grid.every((row) => row.length === n)) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (isBlank(grid[i][j]) && isBlank(grid[j][i])) missing.push([i, j]);
    if (missing.length > 0) {
      const copy = grid.map((row) => [...row]);
      for (const [i, j] of missing) copy[i][j] = copy[j][i] = 1; // placeholders, replaced below
      filled = copy;
    }
  }
  const m = readPairwiseMatrix(filled);
  if (missing.length === 0) return { matrix: m, missing };
  if (!comparisonsConnected(n, missing)) {
    throw naError(`the answered pairs do not link every criterion to the others (${countOf(missing.length, "pair")} unanswered); answer at least one pair joining each group`);
  }
  return { matrix: completeMinLambda(m, missing), missing };
}

/** Weights of a pairwise matrix: "eigen" (default, principal eigenvector) or "geometric" (row geometric means). */
export function AHP(matrix: Cell, method?: Cell): number[][] {
  const how = optionalChoice(method, "method", AHP_METHODS, "eigen");
  return Array.from(ahpWeights(readIncompletePairwise(matrix).matrix, how), (w) => [w]);
}

/** Consistency ratio CI / RI with the chosen random-index table (default Saaty 1980). */
export function AHPCR(matrix: Cell, ri_table?: Cell): number {
  const table = optionalChoice(ri_table, "ri_table", RI_TABLES, "saaty1980");
  const m = readIncompletePairwise(matrix).matrix;
  const cr = consistencyRatio(m, table);
  if (cr === undefined) {
    const name = table === "saaty1980" ? "Saaty's random index table" : `The ${table} random index table`;
    throw naError(`${name} covers 3 to ${randomIndexLimit(table)} criteria; this matrix has ${m.length}`);
  }
  return cr;
}

/** Geometric consistency index of a pairwise matrix. */
export function GCI(matrix: Cell): number {
  return gci(readIncompletePairwise(matrix).matrix);
}

/** The k most inconsistent judgements: [i, j, judged a_ij, consistent w_i/w_j] per row, worst first. */
export function AHPWORST(matrix: Cell, k?: Cell): number[][] {
  const count = optionalInteger(k, "k", 3, 1);
  const { matrix: m, missing } = readIncompletePairwise(matrix);
  const unanswered = new Set(missing.map(([i, j]) => i * m.length + j));
  const worst = worstJudgements(m, ahp(m).weights, count, (i, j) => unanswered.has(i * m.length + j));
  if (worst.length === 0) throw naError(m.length < 2 ? "a 1 × 1 matrix has no judgements" : "no pair is answered");
  return worst.map((w) => [w.i + 1, w.j + 1, w.judged, w.consistent]);
}
