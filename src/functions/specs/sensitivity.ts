/**
 * Issue 13: how sure is the key set — weight stability, key-set probability, churn-loss risk,
 * and the AHP consistency toolkit (GCI, AHPWORST). The extended AHP and AHPCR (method, RI table,
 * unanswered pairs completed) are declared with the other AHP functions in ahp.ts.
 */
import { AHPWORST, GCI, KEYPROB, LOSSRISK, LOSSVAR, WEIGHTRANGE } from "../../core/kam-sensitivity";
import type { FunctionSpec, ParamSpec } from "./types";

const SAATY_1980 = "Saaty, T. L. (1980), The Analytic Hierarchy Process, McGraw-Hill";
const EXAMPLE_MATRIX = "{1,2,8;0.5,1,2;0.125,0.5,1}";

/** The parameters WEIGHTRANGE and KEYPROB share. */
const SCORES: ParamSpec = {
  name: "scores",
  type: "any[][]",
  description: "Scores, one row per customer and one column per criterion; every cell must hold a number (a blank is #N/A naming the cell).",
};
const KEY_COUNT: ParamSpec = {
  name: "n",
  type: "any",
  description: "How many customers are key accounts: the n highest weighted scores, equal scores in table order (as on the KAM Scoring sheet).",
};
/** The parameters LOSSRISK and LOSSVAR share. */
const MARGINS: ParamSpec = { name: "margins", type: "any[][]", description: "Each customer's margin (a negative margin leaving is a gain)." };
const CHURN: ParamSpec = { name: "probabilities", type: "any[][]", description: "Each customer's probability of leaving (0–1), in the same layout as margins." };
const PAIRWISE: ParamSpec = { name: "matrix", type: "any[][]", description: "Square matrix of judgements, as for KAM.AHP (unanswered pairs completed)." };

export const SPECS: FunctionSpec[] = [
  {
    name: "WEIGHTRANGE",
    id: "WEIGHTRANGE",
    summary: "For each criterion, the range of its weight share over which the top-n key accounts stay the same.",
    params: [
      SCORES,
      { name: "weights", type: "any[][]", description: "One weight per criterion, as one row or one column; 0 or more, adding up to more than 0." },
      KEY_COUNT,
    ],
    returns: {
      type: "any[][]",
      description:
        "One row per criterion: [lowest, current, highest] share of the total weight (0–1) for which every key account still scores at least every other customer, the other weights keeping their proportions. Exact: each end is where two customers' scores cross. A criterion holding all the weight has no lower end (#N/A).",
    },
    example: {
      formula: "=KAM.WEIGHTRANGE({5,8,4;7,6,8;8,8,6;7,4,6},{0.3,0.4,0.3},2)",
      result: "{0,0.3,1;0,0.4,0.6;0.0667,0.3,1}",
      explanation:
        "Weighted scores 5.9, 6.9, 7.4, 5.5: rows 3 and 2 are key. Raising criterion 2 past 60% lets row 1 (4.5 + 3.5t) overtake row 2 (7.5 − 1.5t); lowering criterion 3 below 1/15 does the same.",
    },
    sources: [
      "Tzeng, G.-H. & Huang, J.-J. (2011), Multiple Attribute Decision Making: Methods and Applications, CRC Press (the example's decision matrix, also used in scikit-criteria's tests)",
      "Triantaphyllou, E. & Sánchez, A. (1997), A sensitivity analysis approach for some deterministic multi-criteria decision-making methods, Decision Sciences 28(1), 151–194",
    ],
    impl: WEIGHTRANGE,
  },
  {
    name: "KEYPROB",
    id: "KEYPROB",
    summary: "Probability that each customer is among the top n when the weights are uncertain (SMAA-2).",
    params: [
      SCORES,
      { name: "weights", type: "any[][]", description: "Today's weights, one per criterion (used when spread is below 1)." },
      KEY_COUNT,
      {
        name: "spread",
        type: "any",
        optional: true,
        default: "1",
        description: "1: any weights at all (uniform over every weight vector); between 0 and 1: each weight varies uniformly by ± that fraction, then the weights are rescaled; 0: today's weights only (1 for today's key accounts, 0 otherwise).",
      },
      { name: "samples", type: "any", optional: true, default: "10000", description: "Number of weight vectors drawn (1 to 1,000,000). The standard error of each probability is at most 0.5/√samples (0.005 at 10,000)." },
      { name: "seed", type: "any", optional: true, default: "1", description: "Whole number from 0 to 4294967295 that fixes the random draws, so the result does not change on recalculation." },
    ],
    returns: { type: "any[][]", description: "One probability (0–1) per customer; together they add up to n." },
    example: {
      formula: "=KAM.KEYPROB({1,0;0,1;0.6,0.6},{1,1},2)",
      result: "{0.4894;0.5106;1}",
      explanation:
        "With weights (u, 1 − u) the third customer (0.6) always beats one of the others, and the first is key exactly when u > 1/2: the true values are 0.5, 0.5 and 1; 10,000 samples estimate them within ±0.015 (3 standard errors).",
    },
    sources: [
      "Lahdelma, R. & Salminen, P. (2001), SMAA-2: Stochastic multicriteria acceptability analysis for group decision making, Operations Research 49(3), 444–454",
      "Tervonen, T. & Lahdelma, R. (2007), Implementing stochastic multicriteria acceptability analysis, European Journal of Operational Research 178(2), 500–513",
      "Blackman, D. & Vigna, S. (2021), Scrambled linear pseudorandom number generators, ACM Transactions on Mathematical Software 47(4) (xoshiro128**)",
    ],
    impl: KEYPROB,
  },
  {
    name: "LOSSRISK",
    id: "LOSSRISK",
    summary: "Probability that the margin lost to churn reaches x, customers leaving independently.",
    params: [
      MARGINS,
      CHURN,
      { name: "x", type: "any", description: "The loss to reach." },
    ],
    returns: {
      type: "number",
      description:
        "P(Σ margin × leaves ≥ x). Exact for up to 30 customers with a probability strictly between 0 and 1; beyond that, exact for a loss within δ ≤ 0.1% of Σ|margin| of x (probability error ≤ 2·10⁻¹²).",
    },
    example: {
      formula: "=KAM.LOSSRISK({100;50;20},{0.1;0.2;0.5},50)",
      result: "0.28",
      explanation: "Losses of 50 or more need the first or second customer to leave: 1 − 0.9 × 0.8 = 0.28.",
    },
    sources: [
      "Horowitz, E. & Sahni, S. (1974), Computing partitions with applications to the knapsack problem, Journal of the ACM 21(2), 277–292 (meet in the middle)",
      "Hoeffding, W. (1963), Probability inequalities for sums of bounded random variables, Journal of the American Statistical Association 58(301), 13–30 (error bound of the binned method)",
    ],
    impl: LOSSRISK,
  },
  {
    name: "LOSSVAR",
    id: "LOSSVAR",
    summary: "Value at risk of the margin lost to churn: the smallest loss not exceeded with the given confidence.",
    params: [
      MARGINS,
      CHURN,
      { name: "confidence", type: "any", optional: true, default: "0.95", description: "Above 0 and at most 1." },
    ],
    returns: {
      type: "number",
      description:
        "The smallest x with P(loss ≤ x) ≥ confidence (probabilities compared with a tolerance of 10⁻⁹). Exact for up to 30 uncertain customers, and always one of the possible losses; beyond that within δ ≤ 0.1% of Σ|margin|.",
    },
    example: {
      formula: "=KAM.LOSSVAR({100;50;20},{0.1;0.2;0.5},0.95)",
      result: "120",
      explanation: "P(loss ≤ 100) = 0.94 and P(loss ≤ 120) = 0.98. At 0.5, 0.9 and 0.99 the answers are 20, 70 and 150.",
    },
    sources: ["Jorion, P. (2006), Value at Risk, 3rd ed., McGraw-Hill (definition)", "Hoeffding, W. (1963), Journal of the American Statistical Association 58(301), 13–30"],
    impl: LOSSVAR,
  },
  {
    name: "GCI",
    id: "GCI",
    summary: "Geometric consistency index of a pairwise comparison matrix.",
    params: [PAIRWISE],
    returns: {
      type: "number",
      description: "2/((n−1)(n−2)) · Σ_{i<j} ln²(a_ij·w_j/w_i) with geometric-mean weights; 0 for 1 or 2 criteria. Suggested limits: 0.31 (3 criteria), 0.35 (4), 0.37 (more).",
    },
    example: { formula: `=KAM.GCI(${EXAMPLE_MATRIX})`, result: "0.1602", explanation: "For 3 criteria GCI = (ln c)²/3 with c = a₁₂·a₂₃/a₁₃ = 1/2: (ln 2)²/3." },
    sources: ["Aguarón, J. & Moreno-Jiménez, J. M. (2003), The geometric consistency index: Approximated thresholds, European Journal of Operational Research 147(1), 137–145"],
    impl: GCI,
  },
  {
    name: "AHPWORST",
    id: "AHPWORST",
    summary: "The most inconsistent judgements of a pairwise comparison matrix, with the value that would be consistent.",
    params: [
      { name: "matrix", type: "any[][]", description: "Square matrix of judgements, as for KAM.AHP; completed pairs are not listed." },
      { name: "k", type: "any", optional: true, default: "3", description: "How many judgements to list (all of them if there are fewer)." },
    ],
    returns: {
      type: "any[][]",
      description: "One row per judgement, worst first: [i, j, judged a_ij, consistent value w_i/w_j] (1-based, i < j, eigenvector weights), sorted by |ln(a_ij·w_j/w_i)|; equal deviations in row order.",
    },
    example: {
      formula: `=KAM.AHPWORST(${EXAMPLE_MATRIX})`,
      result: "{1,2,2,2.5198;1,3,8,6.3496;2,3,2,2.5198}",
      explanation: "All three judgements are off by the same factor 2^(1/3), so they are listed in row order; 8 would be consistent at 6.35.",
    },
    sources: [SAATY_1980, "Saaty, T. L. (2003), Decision-making with the AHP: Why is the principal eigenvector necessary, European Journal of Operational Research 145(1), 85–91"],
    impl: AHPWORST,
  },
];
