/**
 * Specs of the AHP functions: criteria weights and consistency from pairwise comparisons, and
 * issue 13's toolkit (geometric-mean weights, unanswered pairs completed, random-index tables,
 * GCI, the worst judgements). AHP and AHPCR call kam-sensitivity.ts's versions, which give
 * kam.ts's results when the new optional arguments are omitted on a complete matrix.
 */
import { AHP, AHPCR, AHPWORST, GCI } from "../../core/kam-sensitivity";
import type { FunctionSpec, ParamSpec } from "./types";

const AHP_COMPLETION = "Bozóki, S., Fülöp, J. & Rónyai, L. (2010), On optimal completion of incomplete pairwise comparison matrices, Mathematical and Computer Modelling 52(1–2), 318–333";
const SAATY_1980 = "Saaty, T. L. (1980), The Analytic Hierarchy Process, McGraw-Hill";
const SAATY_2008 = "T. L. Saaty, Decision making with the analytic hierarchy process, Int. J. Services Sciences 1(1), 2008, 83–98";
const EXAMPLE_MATRIX = "{1,2,8;0.5,1,2;0.125,0.5,1}";
const PAIRWISE: ParamSpec = { name: "matrix", type: "any[][]", description: "Square matrix of judgements, as for KAM.AHP (unanswered pairs completed)." };

export const SPECS: FunctionSpec[] = [
  {
    name: "AHP",
    id: "AHP",
    summary: "Criteria weights from a pairwise comparison matrix (eigenvector or geometric mean); unanswered pairs are completed.",
    params: [
      {
        name: "matrix",
        type: "any[][]",
        description:
          "Square matrix of judgements a_ij (how much more important row i is than column j). The upper triangle is enough; a pair left blank on both sides is completed with the value that makes the matrix most consistent (smallest λmax).",
      },
      { name: "method", type: "any", optional: true, default: "\"eigen\"", description: "\"eigen\": principal eigenvector (Saaty); \"geometric\": normalised row geometric means." },
    ],
    returns: { type: "any[][]", description: "One weight per criterion, adding up to 1, as a column." },
    example: {
      formula: `=KAM.AHP(${EXAMPLE_MATRIX},"geometric")`,
      result: "{0.6434;0.2553;0.1013}",
      explanation: "Rows multiply to 16, 1 and 1/16; their cube roots 2.520, 1, 0.397 divided by their sum. With a 4 × 4 matrix whose pair (3, 4) is blank, AHPy's example completes a₃₄ to 0.7303.",
    },
    sources: [SAATY_1980, SAATY_2008, "Crawford, G. & Williams, C. (1985), A note on the analysis of subjective judgment matrices, Journal of Mathematical Psychology 29(4), 387–405", AHP_COMPLETION],
    details: `<p>Criteria weights from a square pairwise comparison matrix on Saaty's 1–9 scale: cell (i, j) says how much more important criterion i is than j, and cell (j, i) must be its reciprocal (within 10<sup>−6</sup>; type <code>=1/3</code> rather than 0.33). Blank cells whose mirror is filled are taken as reciprocals, and a blank diagonal as 1, so filling the upper triangle is enough. A pair left blank on both sides is <i>unanswered</i>: it is completed with the value that makes the matrix most consistent (smallest λ<sub>max</sub>, Bozóki, Fülöp &amp; Rónyai 2010, as the AHPy package does); the answered pairs must link every criterion (<code>#N/A</code> otherwise). <code>method</code> "eigen" (default) gives the principal eigenvector, "geometric" the normalised row geometric means. Saaty's published drinks matrix gives <b>0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327</b>.</p>`,
    impl: AHP,
  },
  {
    name: "AHPCR",
    id: "AHPCR",
    summary: "Consistency ratio CI/RI of a pairwise comparison matrix, with a choice of random-index table.",
    params: [
      PAIRWISE,
      {
        name: "ritable",
        type: "any",
        optional: true,
        default: "\"saaty1980\"",
        description: "\"saaty1980\" (3–10 criteria), \"saaty2005\" (3–15) or \"donegan-dodd\" (3–100, linear between the listed sizes). Beyond a table: #N/A.",
      },
    ],
    returns: { type: "number", description: "CR = (λmax − n)/(n − 1) / RI; 0 for 1 or 2 criteria. Below 0.1 is usually taken as acceptable." },
    example: {
      formula: `=KAM.AHPCR(${EXAMPLE_MATRIX},"saaty2005")`,
      result: "0.0516",
      explanation: "λmax = 1 + 2^(1/3) + 2^(−1/3) = 3.0536, CI = 0.0268, RI = 0.52. With Saaty's 1980 table (RI 0.58): 0.0462.",
    },
    sources: [
      SAATY_1980,
      "Saaty, T. L. (2005), Theory and Applications of the Analytic Network Process, RWS Publications, p. 31",
      "Donegan, H. A. & Dodd, F. J. (1991), A note on Saaty's random indexes, Mathematical and Computer Modelling 15(10), 135–137",
    ],
    details: `<p>Consistency ratio CR = CI / RI with CI = (λ<sub>max</sub> − n) / (n − 1), unanswered pairs completed as for KAM.AHP. CR ≤ 0.10 is usually accepted; above that, revisit the judgements (KAM.AHPWORST lists the worst). 0 for n ≤ 2. Tools differ in their random-index table, which is why their CRs differ; pick the one to match. Between listed sizes RI is interpolated linearly; beyond a table's last size the function returns <code>#N/A</code>, and an unknown table name <code>#VALUE!</code>.</p>
<table>
  <tr><th>n</th><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td><td>8</td><td>9</td><td>10</td><td>11</td><td>12</td><td>13</td><td>14</td><td>15</td></tr>
  <tr><th>saaty1980</th><td>0.58</td><td>0.90</td><td>1.12</td><td>1.24</td><td>1.32</td><td>1.41</td><td>1.45</td><td>1.49</td><td></td><td></td><td></td><td></td><td></td></tr>
  <tr><th>saaty2005</th><td>0.52</td><td>0.89</td><td>1.11</td><td>1.25</td><td>1.35</td><td>1.40</td><td>1.45</td><td>1.49</td><td>1.52</td><td>1.54</td><td>1.56</td><td>1.58</td><td>1.59</td></tr>
  <tr><th>donegan-dodd</th><td>0.4914</td><td>0.8286</td><td>1.0591</td><td>1.1797</td><td>1.2519</td><td>1.3171</td><td>1.3733</td><td>1.4055</td><td>1.4213</td><td>1.4497</td><td>1.4643</td><td>1.4822</td><td>1.4969</td></tr>
</table>
<p>Donegan &amp; Dodd also list n = 16…20 (1.5078, 1.5153, 1.5262, 1.5313, 1.5371) and 25…100 (1.5619, 1.5772, 1.5976, 1.6102, 1.6178, 1.6237, 1.6277, 1.6213, 1.6339).</p>`,
    impl: AHPCR,
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
      { name: "k", type: "any", optional: true, default: "3", description: "How many judgements to list (default 3; all of them if there are fewer)." },
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
