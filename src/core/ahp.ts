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
