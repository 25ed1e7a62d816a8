/*
 * KAM custom functions. Each function only hands Excel's arguments to the pure core
 * (src/core/kam.ts) and adapts the result and errors for Excel. The JSDoc below is the
 * source of functions.json (custom-functions-metadata-plugin): keep every description.
 *
 * Range parameters are typed any[][] on purpose: a number[][] parameter turns blank cells
 * into 0, which would silently change every metric.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes untyped cell values; the core checks them. */
import * as kam from "../core/kam";
import { run } from "./excel-errors";

/**
 * Weighted score of each customer: the sum of weight × score over the sum of the weights, so a 1–10 scale stays 1–10.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#wscore
 * @param {any[][]} scores Scores, one column per criterion; several rows give one result per row (customer).
 * @param {any[][]} weights One weight per criterion, as one row or one column. Weights must be 0 or more.
 * @param {any} [missing] What a blank score means: "skip" (default: leave the criterion out and renormalise the weights), "zero", or "error" (#N/A).
 * @returns {any[][]} The weighted score, one per row of scores.
 */
export function wscore(scores: any[][], weights: any[][], missing?: any): any[][] {
  return run("WSCORE", () => kam.WSCORE(scores, weights, missing));
}

/**
 * Scales each value to a score between low and high (1–10 by default) relative to the whole set. Blanks stay blank.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#scale
 * @param {any[][]} values The raw values of one criterion, e.g. each customer's revenue.
 * @param {any} [low] Bottom of the scale (default 1).
 * @param {any} [high] Top of the scale (default 10).
 * @param {any} [direction] "benefit" (default: higher is better) or "cost" (lower is better, the scale is reversed).
 * @param {any} [method] "minmax" (default: linear between smallest and largest), "percentile" (by rank, ties averaged) or "zscore" (clipped at ±3σ).
 * @returns {any[][]} One score per value, in the shape of values.
 */
export function scale(values: any[][], low?: any, high?: any, direction?: any, method?: any): any[][] {
  return run("SCALE", () => kam.SCALE(values, low, high, direction, method));
}

/**
 * Share of the total: value divided by the sum of values.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#share
 * @param {any[][]} value A customer's revenue, or a range of them (one share each).
 * @param {any[][]} values All customers' revenues (0 or more).
 * @returns {any[][]} The share (0–1) of each value.
 */
export function share(value: any[][], values: any[][]): any[][] {
  return run("SHARE", () => kam.SHARE(value, values));
}

/**
 * Concentration ratio CRn: the combined share of the n largest customers.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#topshare
 * @param {any[][]} values All customers' revenues (0 or more).
 * @param {any} n How many of the largest customers to add up; n at or above the count gives 1.
 * @returns {number} Combined share (0–1) of the n largest.
 */
export function topshare(values: any[][], n: any): number {
  return run("TOPSHARE", () => kam.TOPSHARE(values, n));
}

/**
 * Herfindahl–Hirschman index: the sum of squared shares, times scale.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#hhi
 * @param {any[][]} values All customers' revenues (0 or more).
 * @param {any} [scale] 10000 (default: antitrust points, 0–10,000) or 1 (0–1).
 * @returns {number} The HHI.
 */
export function hhi(values: any[][], scale?: any): number {
  return run("HHI", () => kam.HHI(values, scale));
}

/**
 * Concentration level of an HHI on the 0–10,000 scale: Unconcentrated, Moderately concentrated or Highly concentrated.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#hhilevel
 * @param {any} hhi An HHI in antitrust points (0–10,000), e.g. from KAM.HHI.
 * @param {any} [standard] "2023" (default: US Merger Guidelines 2023, thresholds 1,000 and 1,800) or "2010" (1,500 and 2,500).
 * @returns {string} The level.
 */
export function hhilevel(hhi: any, standard?: any): string {
  return run("HHILEVEL", () => kam.HHILEVEL(hhi, standard));
}

/**
 * Effective number of customers: 1 / HHI on the 0–1 scale, the number of equal-sized customers with the same concentration.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#effectiven
 * @param {any[][]} values All customers' revenues (0 or more).
 * @returns {number} The effective number of customers.
 */
export function effectiven(values: any[][]): number {
  return run("EFFECTIVEN", () => kam.EFFECTIVEN(values));
}

/**
 * Gini coefficient of the values (0 = all equal, towards 1 = one customer has everything), as R's ineq::Gini.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#gini
 * @param {any[][]} values All customers' revenues (0 or more).
 * @param {any} [corrected] FALSE (default) divides by n; TRUE gives the small-sample version that divides by n − 1.
 * @returns {number} The Gini coefficient.
 */
export function gini(values: any[][], corrected?: any): number {
  return run("GINI", () => kam.GINI(values, corrected));
}

/**
 * Pareto count: the smallest number of customers, largest first, whose combined revenue reaches share of the total.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#pareto
 * @param {any[][]} values All customers' revenues (0 or more).
 * @param {any} [share] The share to reach, above 0 and at most 1 (default 0.8).
 * @returns {number} Number of customers.
 */
export function pareto(values: any[][], share?: any): number {
  return run("PARETO", () => kam.PARETO(values, share));
}

/**
 * ABC class of a customer: A while the cumulative share of the larger customers before it is below a, B below b, else C.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#abc
 * @param {any[][]} value A customer's revenue, or a range of them (one class each); each must be one of values.
 * @param {any[][]} values All customers' revenues (0 or more).
 * @param {any} [a] Upper bound of class A as a share (default 0.8).
 * @param {any} [b] Upper bound of class B as a share (default 0.95).
 * @returns {any[][]} "A", "B" or "C" for each value.
 */
export function abc(value: any[][], values: any[][], a?: any, b?: any): any[][] {
  return run("ABC", () => kam.ABC(value, values, a, b));
}

/**
 * Lorenz curve: from (0, 0), the cumulative share of customers and of revenue, smallest customers first.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#lorenz
 * @param {any[][]} values All customers' revenues (0 or more).
 * @returns {any[][]} n + 1 rows of two columns: share of customers, share of revenue.
 */
export function lorenz(values: any[][]): any[][] {
  return run("LORENZ", () => kam.LORENZ(values));
}

/**
 * Revenue lost if the k largest customers leave; with margins, the margin that leaves with those customers.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#toploss
 * @param {any[][]} values All customers' revenues (0 or more).
 * @param {any} k How many of the largest customers leave (0 or more).
 * @param {any[][]} [margins] Each customer's margin (contribution), same size as values.
 * @returns {number} Revenue lost, or margin lost when margins are given.
 */
export function toploss(values: any[][], k: any, margins?: any[][]): number {
  return run("TOPLOSS", () => kam.TOPLOSS(values, k, margins));
}

/**
 * Worst-case loss table: losing the largest customers one by one, with revenue and margin lost, HHI of what remains and operating profit.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#losstable
 * @param {any[][]} names Customer names, same size as revenues.
 * @param {any[][]} revenues Customer revenues (0 or more).
 * @param {any[][]} [margins] Customer margins (contribution), same size as revenues.
 * @param {any} [kmax] Largest number of customers lost to show (default 10).
 * @param {any} [fixedcosts] Annual fixed costs; when given, operating profit after the loss is shown.
 * @returns {any[][]} A table with a header row and one row per k.
 */
export function losstable(names: any[][], revenues: any[][], margins?: any[][], kmax?: any, fixedcosts?: any): any[][] {
  return run("LOSSTABLE", () => kam.LOSSTABLE(names, revenues, margins, kmax, fixedcosts));
}

/**
 * Expected margin loss: the sum of each customer's margin times their probability of leaving.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#expectedloss
 * @param {any[][]} margins Customer margins (contribution).
 * @param {any[][]} probabilities Probability of losing each customer, 0 to 1, same size as margins.
 * @returns {number} The expected loss.
 */
export function expectedloss(margins: any[][], probabilities: any[][]): number {
  return run("EXPECTEDLOSS", () => kam.EXPECTEDLOSS(margins, probabilities));
}

/**
 * AHP criteria weights from a pairwise comparison matrix (Saaty 1–9 scale): the principal eigenvector, summing to 1.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#ahp
 * @param {any[][]} matrix Square reciprocal matrix: row i, column j says how much more important criterion i is than j. Blanks below the diagonal are taken as reciprocals.
 * @returns {any[][]} One weight per criterion, as a column.
 */
export function ahp(matrix: any[][]): any[][] {
  return run("AHP", () => kam.AHP(matrix));
}

/**
 * AHP consistency ratio CR = CI / RI (Saaty's random index); 0.10 or less is usually accepted.
 * @customfunction
 * @helpurl https://localhost:3000/help.html#ahpcr
 * @param {any[][]} matrix Square reciprocal pairwise comparison matrix, 3 to 10 criteria (0 for 1 or 2).
 * @returns {number} The consistency ratio.
 */
export function ahpcr(matrix: any[][]): number {
  return run("AHPCR", () => kam.AHPCR(matrix));
}
