/**
 * Analytic Hierarchy Process (Saaty): criteria weights from a reciprocal pairwise-comparison
 * matrix, and the consistency ratio of the judgements.
 */
/**
 * Saaty's classic random consistency index RI for n = 1..10 (Saaty, The Analytic Hierarchy
 * Process, 1980): 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49.
 */
export const SAATY_RI: readonly number[] = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

/** A CI this close below 0 is rounding in λmax of a consistent matrix, and counts as 0. */
const CI_ROUNDING = 1e-12;

export interface AhpResult {
  /** Principal right eigenvector, normalised to sum to 1. */
  weights: Float64Array;
  /** Principal eigenvalue λmax. */
  lambdaMax: number;
  /** CI = (λmax − n) / (n − 1); 0 for n ≤ 2. */
  ci: number;
  /** CR = CI / RI (Saaty's classic table); 0 for n ≤ 2; undefined beyond the table (n > 10). */
  cr: number | undefined;
}

/**
 * Power iteration on a positive reciprocal matrix (rows of equal length n). By the
 * Perron–Frobenius theorem the iteration converges to the unique positive principal
 * eigenvector; we stop when no weight moves by more than 1e-15.
 */
export function ahp(matrix: readonly Float64Array[]): AhpResult {
  const n = matrix.length;
  let w = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iter = 0; iter < 10000; iter++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = matrix[i];
      for (let j = 0; j < n; j++) s += row[j] * w[j];
      next[i] = s;
      total += s;
    }
    let delta = 0;
    for (let i = 0; i < n; i++) {
      next[i] /= total;
      delta = Math.max(delta, Math.abs(next[i] - w[i]));
    }
    [w, next] = [next, w];
    if (delta < 1e-15) break;
  }
  let lambda = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += matrix[i][j] * w[j];
    lambda += s / w[i];
  }
  lambda /= n;
  if (n <= 2) return { weights: w, lambdaMax: lambda, ci: 0, cr: 0 };
  // λmax ≥ n for every positive reciprocal matrix (equal when consistent), so a negative CI
  // can only be rounding; larger shortfalls are left visible rather than hidden.
  const raw = (lambda - n) / (n - 1);
  const ci = raw < 0 && raw > -CI_ROUNDING ? 0 : raw;
  const cr = n <= SAATY_RI.length ? ci / SAATY_RI[n - 1] : undefined;
  return { weights: w, lambdaMax: lambda, ci, cr };
}

// ---------------------------------------------------------------------------------------------
// AHP toolkit (issue 13): geometric-mean weights, optimal completion of incomplete matrices,
// random-index tables, the geometric consistency index and the most inconsistent judgements.
// Everything above is unchanged; these are additions.

export type AhpMethod = "eigen" | "geometric";

/**
 * Row geometric means, normalised to sum to 1 (the logarithmic least-squares weights of
 * Crawford & Williams 1985). Computed in logarithms so long rows of large judgements cannot
 * overflow.
 */
export function geometricWeights(matrix: readonly Float64Array[]): Float64Array {
  const n = matrix.length;
  const logs = new Float64Array(n);
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.log(matrix[i][j]);
    logs[i] = s / n;
    if (logs[i] > max) max = logs[i];
  }
  const w = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    w[i] = Math.exp(logs[i] - max);
    total += w[i];
  }
  for (let i = 0; i < n; i++) w[i] /= total;
  return w;
}

/** Weights by the chosen method: principal eigenvector (Saaty) or row geometric means. */
export function ahpWeights(matrix: readonly Float64Array[], method: AhpMethod): Float64Array {
  return method === "geometric" ? geometricWeights(matrix) : ahp(matrix).weights;
}

/** A pair (i, j), i < j, 0-based, left unanswered: both a_ij and a_ji blank. */
export type MissingPair = readonly [number, number];

/**
 * True when the answered pairs connect all n criteria (every criterion is compared, directly
 * or through others, with every other). Bozóki, Fülöp & Rónyai (2010), Theorem 2: the
 * λmax-optimal completion exists and is unique exactly when this graph is connected.
 */
export function comparisonsConnected(n: number, missing: readonly MissingPair[]): boolean {
  const absent = new Set(missing.map(([i, j]) => i * n + j));
  const seen = new Uint8Array(n);
  const stack = [0];
  seen[0] = 1;
  let reached = 1;
  while (stack.length > 0) {
    const i = stack.pop()!;
    for (let j = 0; j < n; j++) {
      if (seen[j] || i === j) continue;
      const key = i < j ? i * n + j : j * n + i;
      if (absent.has(key)) continue;
      seen[j] = 1;
      reached++;
      stack.push(j);
    }
  }
  return reached === n;
}

/** The transpose of a reciprocal matrix, whose Perron vector is the left eigenvector. */
function transpose(matrix: readonly Float64Array[]): Float64Array[] {
  const n = matrix.length;
  return Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => matrix[j][i]));
}

/**
 * λmax and its gradient with respect to y_k = ln a_ij of each missing pair k = (i, j)
 * (a_ji = 1/a_ij moves with it). For a simple eigenvalue, ∂λ/∂a_pq = v_p·w_q / (v·w) with w the
 * right and v the left Perron vector (Wilkinson's first-order perturbation formula), so
 * ∂λ/∂y = (a_ij·v_i·w_j − a_ji·v_j·w_i) / (v·w).
 */
function lambdaAndGradient(matrix: Float64Array[], missing: readonly MissingPair[]): { lambda: number; gradient: Float64Array } {
  const right = ahp(matrix);
  const v = ahp(transpose(matrix)).weights;
  const w = right.weights;
  let vw = 0;
  for (let i = 0; i < w.length; i++) vw += v[i] * w[i];
  const gradient = new Float64Array(missing.length);
  missing.forEach(([i, j], k) => {
    gradient[k] = (matrix[i][j] * v[i] * w[j] - matrix[j][i] * v[j] * w[i]) / vw;
  });
  return { lambda: right.lambdaMax, gradient };
}

function setMissing(matrix: Float64Array[], missing: readonly MissingPair[], y: Float64Array): void {
  missing.forEach(([i, j], k) => {
    matrix[i][j] = Math.exp(y[k]);
    matrix[j][i] = Math.exp(-y[k]);
  });
}

/** Gradient size at which the completion counts as optimal (λmax is then flat to ~1e-20). */
const COMPLETION_GRADIENT = 1e-11;

/** The identity matrix of size k × k, row-major (the starting inverse-Hessian estimate). */
function identityMatrix(k: number): Float64Array {
  const h = new Float64Array(k * k);
  for (let i = 0; i < k; i++) h[i * k + i] = 1;
  return h;
}

/** h·v for a row-major k × k matrix h. */
function multiply(h: Float64Array, v: Float64Array): Float64Array {
  const k = v.length;
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let t = 0;
    for (let j = 0; j < k; j++) t += h[i * k + j] * v[j];
    out[i] = t;
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** BFGS update of the inverse Hessian h in place, with step s = y' − y and gradient change q. */
function updateInverseHessian(h: Float64Array, s: Float64Array, q: Float64Array): void {
  const k = s.length;
  const sq = dot(s, q);
  if (!(sq > 1e-300)) return;
  const hq = multiply(h, q);
  const qhq = dot(q, hq);
  const rho = 1 / sq;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      h[i * k + j] += (1 + qhq * rho) * rho * s[i] * s[j] - rho * (hq[i] * s[j] + s[i] * hq[j]);
    }
  }
}

interface LambdaPoint {
  y: Float64Array;
  lambda: number;
  gradient: Float64Array;
}

/**
 * Backtracking (Armijo) along d from `at`; λmax is only accurate to rounding, so allow that
 * much slack. Leaves `a` filled at the accepted point, or returns undefined after 60 halvings.
 */
function lineSearch(a: Float64Array[], missing: readonly MissingPair[], at: LambdaPoint, d: Float64Array, slope: number): LambdaPoint | undefined {
  let step = 1;
  for (let back = 0; back < 60; back++) {
    const y = Float64Array.from(at.y, (yi, i) => yi + step * d[i]);
    setMissing(a, missing, y);
    const trial = lambdaAndGradient(a, missing);
    if (trial.lambda <= at.lambda + 1e-4 * step * slope + 1e-14 * at.lambda) return { y, ...trial };
    step /= 2;
  }
  return undefined;
}

/**
 * Completes an incomplete pairwise matrix with the values that minimise λmax (Bozóki, Fülöp
 * & Rónyai, "On optimal completion of incomplete pairwise comparison matrices", Mathematical
 * and Computer Modelling 52, 2010). With x = e^y, λmax is a convex function of y (their
 * Section 3, after Kingman's log-convexity theorem), strictly convex when the answered pairs
 * are connected, so its unique minimum is found by a descent method: here BFGS on y with the
 * analytic gradient and a backtracking line search, from y = 0 (all missing values 1), until
 * the gradient is below 1e-11. AHPy uses cyclic coordinates on the same objective.
 * `matrix` holds any placeholder at the missing positions; a completed copy is returned.
 */
export function completeMinLambda(matrix: readonly Float64Array[], missing: readonly MissingPair[]): Float64Array[] {
  const a = matrix.map((row) => Float64Array.from(row));
  const k = missing.length;
  if (k === 0) return a;
  const start = new Float64Array(k);
  setMissing(a, missing, start);
  let point: LambdaPoint = { y: start, ...lambdaAndGradient(a, missing) };
  let h = identityMatrix(k); // inverse-Hessian estimate, row-major k × k
  for (let iter = 0; iter < 500; iter++) {
    const gmax = point.gradient.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
    if (gmax < COMPLETION_GRADIENT) break;
    let d = multiply(h, point.gradient).map((x) => -x);
    let slope = dot(d, point.gradient);
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      h = identityMatrix(k);
      d = point.gradient.map((g) => -g);
      slope = -gmax * gmax;
    }
    const next = lineSearch(a, missing, point, d, slope);
    if (!next) {
      setMissing(a, missing, point.y);
      break;
    }
    const s = Float64Array.from(next.y, (x, i) => x - point.y[i]);
    const q = Float64Array.from(next.gradient, (x, i) => x - point.gradient[i]);
    updateInverseHessian(h, s, q);
    point = next;
  }
  return a;
}

export type RiTable = "saaty1980" | "saaty2005" | "donegan-dodd";
export const RI_TABLES: readonly RiTable[] = ["saaty1980", "saaty2005", "donegan-dodd"];

/**
 * Random indices as [n, RI] rows, smallest n first. Between listed sizes RI is interpolated
 * linearly (as AHPy does); beyond the last size there is none.
 * - saaty1980: Saaty, The Analytic Hierarchy Process (1980), n = 3…10 (SAATY_RI above).
 * - saaty2005: Saaty, Theory and Applications of the Analytic Network Process (2005), p. 31, n = 3…15.
 * - donegan-dodd: Donegan & Dodd, "A note on Saaty's random indexes", Mathematical and Computer
 *   Modelling 15(10), 1991, 135–137, n = 3…20 and 25…100 (values as AHPy lists them; the
 *   value for 90, 1.6213, is below that for 80 as published there).
 */
export const RI_ROWS: Readonly<Record<RiTable, readonly (readonly [number, number])[]>> = {
  saaty1980: SAATY_RI.slice(2).map((ri, i) => [i + 3, ri] as const),
  saaty2005: [0.52, 0.89, 1.11, 1.25, 1.35, 1.4, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59].map((ri, i) => [i + 3, ri] as const),
  "donegan-dodd": [
    ...[0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822, 1.4969, 1.5078, 1.5153, 1.5262, 1.5313, 1.5371].map(
      (ri, i) => [i + 3, ri] as const,
    ),
    [25, 1.5619],
    [30, 1.5772],
    [40, 1.5976],
    [50, 1.6102],
    [60, 1.6178],
    [70, 1.6237],
    [80, 1.6277],
    [90, 1.6213],
    [100, 1.6339],
  ],
};

/** RI for an n × n matrix from a table: 0 for n ≤ 2, interpolated between rows, undefined beyond the table. */
export function randomIndex(n: number, table: RiTable): number | undefined {
  if (n <= 2) return 0;
  const rows = RI_ROWS[table];
  for (let r = 0; r < rows.length; r++) {
    const [size, ri] = rows[r];
    if (size === n) return ri;
    if (size > n) {
      if (r === 0) return undefined;
      const [s0, r0] = rows[r - 1];
      return r0 + ((ri - r0) * (n - s0)) / (size - s0);
    }
  }
  return undefined;
}

/** The largest n a table covers. */
export function randomIndexLimit(table: RiTable): number {
  const rows = RI_ROWS[table];
  return rows[rows.length - 1][0];
}

/** Consistency ratio CI / RI with the chosen table; 0 for n ≤ 2; undefined beyond the table. */
export function consistencyRatio(matrix: readonly Float64Array[], table: RiTable): number | undefined {
  const result = ahp(matrix);
  const n = matrix.length;
  if (n <= 2) return 0;
  const ri = randomIndex(n, table);
  return ri === undefined ? undefined : result.ci / ri;
}

/**
 * Geometric consistency index (Aguarón & Moreno-Jiménez, "The geometric consistency index:
 * approximated thresholds", European Journal of Operational Research 147, 2003):
 * GCI = 2 / ((n−1)(n−2)) · Σ_{i<j} ln²(a_ij · w_j / w_i), w the row geometric means; 0 for n ≤ 2.
 * Their thresholds: 0.31 (n = 3), 0.35 (n = 4), 0.37 (n > 4).
 */
export function gci(matrix: readonly Float64Array[]): number {
  const n = matrix.length;
  if (n <= 2) return 0;
  const w = geometricWeights(matrix);
  const lw = Array.from(w, Math.log);
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const e = Math.log(matrix[i][j]) - lw[i] + lw[j];
      s += e * e;
    }
  }
  return (2 * s) / ((n - 1) * (n - 2));
}

export interface Judgement {
  /** 0-based row and column, i < j. */
  i: number;
  j: number;
  judged: number;
  /** w_i / w_j: the value that would agree with the weights. */
  consistent: number;
  /** |ln(a_ij · w_j / w_i)|. */
  deviation: number;
}

/** Deviations this small are rounding in the weights of a consistent pair, and count as equal (0). */
const DEVIATION_ROUNDING = 1e-12;

/**
 * The judgements furthest from the weights: every answered pair i < j with its deviation
 * |ln(a_ij·w_j/w_i)|, largest first (ties, including rounding-sized deviations, in row order),
 * at most k of them. `skip` leaves out pairs that were not judged (completed values).
 */
export function worstJudgements(
  matrix: readonly Float64Array[],
  weights: ArrayLike<number>,
  k: number,
  skip: (i: number, j: number) => boolean = () => false,
): Judgement[] {
  const n = matrix.length;
  const all: Judgement[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (skip(i, j)) continue;
      const consistent = weights[i] / weights[j];
      const raw = Math.abs(Math.log(matrix[i][j] / consistent));
      all.push({ i, j, judged: matrix[i][j], consistent, deviation: raw < DEVIATION_ROUNDING ? 0 : raw });
    }
  }
  // Deviations equal to 1e-12 (e.g. the three of any 3 × 3 matrix, equal in exact arithmetic)
  // are compared as equal, and Array.prototype.sort is stable, so they keep row order.
  const key = (j: Judgement) => Math.round(j.deviation / DEVIATION_ROUNDING);
  all.sort((x, y) => key(y) - key(x));
  return all.slice(0, k);
}
