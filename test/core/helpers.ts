import { expect } from "vitest";
import { KamError } from "../../src/core/errors";

/** Asserts that `f` throws a KamError with this Excel code and a message matching `message`. */
export function expectKamError(f: () => unknown, code: string, message?: RegExp | string): KamError {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected a KamError to be thrown").toBeInstanceOf(KamError);
  const err = caught as KamError;
  expect(err.code).toBe(code);
  if (message !== undefined) {
    if (typeof message === "string") expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
  }
  return err;
}

/** Every churn pattern of independent Bernoulli(p_i) customers: its loss Σ m_i·X_i and probability, ascending by loss (brute force, 2^N). */
export function churnOutcomes(m: number[], p: number[]): { loss: number; prob: number }[] {
  const out: { loss: number; prob: number }[] = [];
  for (let mask = 0; mask < 1 << m.length; mask++) {
    let loss = 0;
    let prob = 1;
    m.forEach((mi, i) => {
      const gone = (mask >> i) & 1;
      if (gone) loss += mi;
      prob *= gone ? p[i] : 1 - p[i];
    });
    out.push({ loss, prob });
  }
  return out.sort((a, b) => a.loss - b.loss);
}

/** A column range as Excel passes it: [[x1], [x2], ...]. */
export const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);
/** A row range: [[x1, x2, ...]]. */
export const row = (...xs: unknown[]): unknown[][] => [xs];

// Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services
// Sciences 1(1): relative consumption of drinks in the US. Order: coffee, wine, tea, beer,
// soda, milk, water. Published eigenvector: .177 .019 .042 .116 .190 .129 .327; the AHPy
// package reproduces it and reports CR = 0.022 with Saaty's random index.
export const DRINKS = [
  [1, 9, 5, 2, 1, 1, 1 / 2],
  [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
  [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
  [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
  [1, 9, 4, 2, 1, 2, 1 / 2],
  [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
  [2, 9, 9, 3, 2, 3, 1],
];
export const DRINKS_WEIGHTS = [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327];
