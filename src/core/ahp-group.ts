/**
 * AHP with several raters (the pane's AHP step): each rater fills in a pairwise matrix, any
 * pair may be left unanswered, and the group's matrix is the geometric mean of the answered
 * judgements per pair (aggregation of individual judgements, AIJ: Aczél & Saaty, "Procedures
 * for synthesizing ratio judgements", Journal of Mathematical Psychology 27(1), 1983; Forman
 * & Peniwati, "Aggregating individual judgments and priorities with the AHP", European
 * Journal of Operational Research 108(1), 1998). A pair nobody answered is completed by the
 * value that minimises λmax (Bozóki, Fülöp & Rónyai 2010), as KAM.AHP does.
 *
 * Besides the group's weights and consistency it reports how far the raters agree:
 * - per pair, the spread of the judgements: smallest, largest and the geometric standard
 *   deviation exp(σ(ln a)) (1 when everyone agrees, 2 when judgements lie a factor 2 either
 *   side of the group value);
 * - a consensus figure: the relative homogeneity S of the raters' priority vectors (Jost,
 *   "Partitioning diversity into independent alpha and beta components", Ecology 88(10),
 *   2007; used for AHP groups by Goepel, "Implementing the AHP as a standard method for MCDM
 *   in corporate enterprises", ISAHP 2013): with Hα the mean Shannon entropy of the raters'
 *   weights and Hγ that of their mean, Dβ = exp(Hγ − Hα) and S = (1/Dβ − 1/K)/(1 − 1/K) for K
 *   raters; 1 when all raters give the same weights, towards 0 the more they differ.
 * The worst judgements of the group matrix come with the value that would make them consistent.
 */
import {
  type AhpMethod,
  ahp,
  ahpWeights,
  comparisonsConnected,
  completeMinLambda,
  consistencyRatio,
  gci,
  type Judgement,
  type MissingPair,
  randomIndexLimit,
  type RiTable,
  worstJudgements,
} from "./ahp";

/** One rater's matrix: a_ij in row i, column j; null (or undefined) for a pair not answered. */
export type RaterMatrix = readonly (readonly (number | null | undefined)[])[];

export interface GroupAhpOptions {
  method?: AhpMethod;
  riTable?: RiTable;
  /** How many of the worst judgements to list (default 3). */
  worst?: number;
  /** Criteria names for messages ("Revenue vs NPS"); default "criterion 1" etc. */
  labels?: readonly string[];
}

export interface PairSpread {
  /** 0-based, i < j. */
  i: number;
  j: number;
  /** Raters who answered the pair. */
  answered: number;
  /** Group judgement: geometric mean of the answers, or the λmax completion when nobody answered. */
  group: number;
  /** Smallest and largest answer (NaN when nobody answered). */
  min: number;
  max: number;
  /** Geometric standard deviation exp(σ(ln a)), σ over the answers (population); 1 for one answer, NaN for none. */
  spread: number;
}

export interface RaterResult {
  /** The rater's own weights, or undefined when their answers do not link every criterion. */
  weights?: Float64Array;
  cr?: number;
  /** Pairs the rater left unanswered. */
  unanswered: number;
}

export interface GroupAhp {
  /** The group's matrix, unanswered pairs completed. */
  matrix: Float64Array[];
  /** Pairs (i < j) no rater answered, completed by λmax minimisation. */
  completed: MissingPair[];
  weights: Float64Array;
  lambdaMax: number;
  /** Consistency ratio with the chosen table; undefined beyond the table's sizes. */
  cr: number | undefined;
  gci: number;
  /** Relative homogeneity S of the raters' weights (1 for one rater); NaN if a rater's weights are undefined. */
  consensus: number;
  pairs: PairSpread[];
  worst: Judgement[];
  raters: RaterResult[];
}

/** A problem in the raters' input, with a message saying what to fix. */
export class GroupAhpError extends Error {}

const pairName = (labels: readonly string[] | undefined, i: number, j: number) =>
  `${labels?.[i] ?? `criterion ${i + 1}`} vs ${labels?.[j] ?? `criterion ${j + 1}`}`;

/** Reciprocals this far from 1 (a_ij·a_ji) are typed as inconsistent, not rounding (1/3 typed as 0.333). */
const RECIPROCAL_TOLERANCE = 0.01;

/**
 * Rater r's judgement of pair i < j: a_ij, else 1/a_ji, else undefined. Both given must be
 * reciprocal within 1% (0.333 for 1/3 is fine); a value must be a positive number.
 */
function judgement(m: RaterMatrix, r: number, i: number, j: number, labels?: readonly string[]): number | undefined {
  const at = (a: number, b: number) => {
    const v = m[a]?.[b];
    if (v === null || v === undefined) return undefined;
    if (!(typeof v === "number" && Number.isFinite(v) && v > 0)) {
      throw new GroupAhpError(`Rater ${r + 1}: ${pairName(labels, a, b)} must be a positive number (1/9 to 9), not ${String(v)}.`);
    }
    return v;
  };
  const upper = at(i, j);
  const lower = at(j, i);
  if (upper !== undefined && lower !== undefined && Math.abs(Math.log(upper * lower)) > Math.log1p(RECIPROCAL_TOLERANCE)) {
    throw new GroupAhpError(`Rater ${r + 1}: ${pairName(labels, i, j)} is ${upper} but ${pairName(labels, j, i)} is ${lower}; one should be 1 divided by the other. Clear one of them.`);
  }
  return upper ?? (lower === undefined ? undefined : 1 / lower);
}

/** A complete matrix from judgements per pair (undefined: placeholder 1, listed as missing). */
function fromPairs(n: number, value: (i: number, j: number) => number | undefined): { matrix: Float64Array[]; missing: MissingPair[] } {
  const matrix = Array.from({ length: n }, () => new Float64Array(n).fill(1));
  const missing: MissingPair[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = value(i, j);
      if (v === undefined) missing.push([i, j]);
      else {
        matrix[i][j] = v;
        matrix[j][i] = 1 / v;
      }
    }
  }
  return { matrix, missing };
}

const entropy = (w: ArrayLike<number>) => {
  let h = 0;
  for (let i = 0; i < w.length; i++) if (w[i] > 0) h -= w[i] * Math.log(w[i]);
  return h;
};

/** Relative homogeneity S = (1/Dβ − 1/K)/(1 − 1/K), Dβ = exp(Hγ − Hα); 1 for a single vector. */
export function relativeHomogeneity(vectors: readonly ArrayLike<number>[]): number {
  const K = vectors.length;
  if (K <= 1) return 1;
  const n = vectors[0].length;
  const mean = new Float64Array(n);
  let alpha = 0;
  for (const w of vectors) {
    alpha += entropy(w) / K;
    for (let i = 0; i < n; i++) mean[i] += w[i] / K;
  }
  const inverseBeta = Math.exp(alpha - entropy(mean));
  // Hγ ≥ Hα (entropy is concave), so 1/Dβ ≤ 1; rounding may overshoot by an ulp.
  return Math.min(1, (inverseBeta - 1 / K) / (1 - 1 / K));
}

/**
 * The group's AHP from one matrix per rater (each n × n, same n). Throws GroupAhpError naming
 * the rater and pair for a value that is not a positive number or a pair typed both ways that
 * does not agree, and when the pairs answered by anyone do not link every criterion.
 */
export function groupAhp(raters: readonly RaterMatrix[], options: GroupAhpOptions = {}): GroupAhp {
  const K = raters.length;
  if (K === 0) throw new GroupAhpError("Add at least one rater's comparisons.");
  const n = raters[0].length;
  raters.forEach((m, r) => {
    if (m.length !== n || m.some((row) => row.length !== n)) throw new GroupAhpError(`Rater ${r + 1}'s matrix is not ${n} × ${n} like rater 1's.`);
  });
  const labels = options.labels;
  // answers[pair] = each rater's judgement or undefined
  const answers: (number | undefined)[][][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j > i ? raters.map((m, r) => judgement(m, r, i, j, labels)) : [])));
  const pairs: PairSpread[] = [];
  const given = fromPairs(n, (i, j) => {
    const logs = answers[i][j].filter((v): v is number => v !== undefined).map(Math.log);
    if (logs.length === 0) {
      pairs.push({ i, j, answered: 0, group: NaN, min: NaN, max: NaN, spread: NaN });
      return undefined;
    }
    const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
    const variance = logs.reduce((s, x) => s + (x - mean) ** 2, 0) / logs.length;
    const group = Math.exp(mean);
    pairs.push({ i, j, answered: logs.length, group, min: Math.exp(Math.min(...logs)), max: Math.exp(Math.max(...logs)), spread: Math.exp(Math.sqrt(variance)) });
    return group;
  });
  if (!comparisonsConnected(n, given.missing)) {
    const names = given.missing.map(([i, j]) => pairName(labels, i, j));
    throw new GroupAhpError(`The answered pairs do not link every criterion to the others; answer at least one of: ${names.join(", ")}.`);
  }
  const matrix = completeMinLambda(given.matrix, given.missing);
  for (const p of pairs) if (p.answered === 0) p.group = matrix[p.i][p.j];
  const method = options.method ?? "eigen";
  const riTable = options.riTable ?? "saaty1980";
  const result = ahp(matrix);
  const completed = new Set(given.missing.map(([i, j]) => i * n + j));
  const worst = worstJudgements(matrix, result.weights, options.worst ?? 3, (i, j) => completed.has(i * n + j));
  const raterResults: RaterResult[] = raters.map((_, r) => {
    const own = fromPairs(n, (i, j) => answers[i][j][r]);
    if (!comparisonsConnected(n, own.missing)) return { unanswered: own.missing.length };
    const m = completeMinLambda(own.matrix, own.missing);
    return { weights: ahpWeights(m, method), cr: consistencyRatio(m, riTable), unanswered: own.missing.length };
  });
  const vectors = raterResults.map((r) => r.weights);
  const consensus = vectors.every((w) => w !== undefined) ? relativeHomogeneity(vectors as Float64Array[]) : NaN;
  return {
    matrix,
    completed: given.missing,
    weights: ahpWeights(matrix, method),
    lambdaMax: result.lambdaMax,
    cr: consistencyRatio(matrix, riTable),
    gci: gci(matrix),
    consensus,
    pairs,
    worst,
    raters: raterResults,
  };
}

/** Why a consistency ratio is missing: the table's sizes, for the pane's message. */
export function riTableCoverage(table: RiTable): string {
  return `3 to ${randomIndexLimit(table)} criteria`;
}
