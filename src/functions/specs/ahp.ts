/** Specs of the AHP functions: criteria weights and consistency from pairwise comparisons. */
import { AHP, AHPCR } from "../../core/kam-sensitivity";
import type { FunctionSpec } from "./types";

const MATRIX_3 = "{1,2,8;0.5,1,2;0.125,0.5,1}";
const SAATY_2008 = "T. L. Saaty, Decision making with the analytic hierarchy process, Int. J. Services Sciences 1(1), 2008, 83–98";

export const SPECS: FunctionSpec[] = [
  {
    name: "AHP",
    id: "AHP",
    summary: "AHP criteria weights from a pairwise comparison matrix (Saaty 1–9 scale): the principal eigenvector, summing to 1.",
    params: [
      {
        name: "matrix",
        type: "any[][]",
        description:
          "Square reciprocal matrix: row i, column j says how much more important criterion i is than j. Blanks below the diagonal are taken as reciprocals; a pair left blank on both sides is completed with the value that makes the matrix most consistent (smallest λmax).",
      },
      { name: "method", type: "any", optional: true, default: "\"eigen\"", description: "\"eigen\": principal eigenvector (Saaty); \"geometric\": normalised row geometric means." },
    ],
    returns: { type: "any[][]", description: "One weight per criterion, as a column." },
    example: {
      formula: `=KAM.AHP(${MATRIX_3})`,
      result: "{0.6434;0.2553;0.1013}",
      explanation:
        "Criterion 1 is twice as important as criterion 2 and 8 times as important as criterion 3; criterion 2 is twice as important as 3. The principal eigenvector, scaled to sum to 1. Saaty's published drinks matrix (relative consumption of drinks in the US; coffee, wine, tea, beer, soda, milk, water) gives weights <b>0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327</b>.",
    },
    sources: [SAATY_2008, "Bozóki, S., Fülöp, J. & Rónyai, L. (2010), On optimal completion of incomplete pairwise comparison matrices, Mathematical and Computer Modelling 52(1–2), 318–333"],
    details: `<p>Criteria weights from a square pairwise comparison matrix on Saaty's 1–9 scale: cell (i, j) says how much more important criterion i is than j, and cell (j, i) must be its reciprocal (within 10<sup>−6</sup>; type <code>=1/3</code> rather than 0.33). Blank cells whose mirror is filled are taken as reciprocals, and a blank diagonal as 1, so filling the upper triangle is enough. Returns the principal eigenvector (or, with <code>method</code> "geometric", the normalised row geometric means), summing to 1, as a column. A pair left blank on both sides is completed with the value that minimises λ<sub>max</sub> (Bozóki, Fülöp &amp; Rónyai 2010). A matrix that is not square, not positive or not reciprocal gives <code>#VALUE!</code>.</p>`,
    impl: AHP,
  },
  {
    name: "AHPCR",
    id: "AHPCR",
    summary: "AHP consistency ratio CR = CI / RI (Saaty's random index); 0.10 or less is usually accepted.",
    params: [
      { name: "matrix", type: "any[][]", description: "Square reciprocal pairwise comparison matrix (0 for 1 or 2 criteria); pairs blank on both sides are completed as in KAM.AHP." },
      {
        name: "ri_table",
        type: "any",
        optional: true,
        default: "\"saaty1980\"",
        description: "\"saaty1980\" (3–10 criteria), \"saaty2005\" (3–15) or \"donegan-dodd\" (3–100, linear between the listed sizes). Beyond a table: #N/A.",
      },
    ],
    returns: { type: "number", description: "The consistency ratio." },
    example: {
      formula: `=KAM.AHPCR(${MATRIX_3})`,
      result: "0.046",
      explanation: "The matrix [[1, 2, 8], [1/2, 1, 2], [1/8, 1/2, 1]] has λ<sub>max</sub> = 3.0536, CI = 0.0268 and CR = 0.0268 / 0.58 = 0.046. Saaty's drinks matrix (see KAM.AHP) has CR = <b>0.022</b>.",
    },
    sources: [SAATY_2008, "Saaty, T. L. (2005), Theory and Applications of the Analytic Network Process, RWS Publications, p. 31", "Donegan, H. A. & Dodd, F. J. (1991), A note on Saaty's random indexes, Mathematical and Computer Modelling 15(10), 135–137"],
    details: `<p>Consistency ratio CR = CI / RI with CI = (λ<sub>max</sub> − n) / (n − 1). CR ≤ 0.10 is usually accepted; above that, revisit the judgements. 0 for n ≤ 2. RI comes from Saaty's classic 1980 table by default (3–10 criteria, below); <code>ri_table</code> picks <code>"saaty2005"</code> (3–15) or <code>"donegan-dodd"</code> (Donegan &amp; Dodd 1991, 3–100, linear between listed sizes). Beyond the chosen table the function returns <code>#N/A</code>.</p>
<table>
  <tr><th>n</th><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td><td>8</td><td>9</td><td>10</td></tr>
  <tr><th>RI</th><td>0.58</td><td>0.90</td><td>1.12</td><td>1.24</td><td>1.32</td><td>1.41</td><td>1.45</td><td>1.49</td></tr>
</table>`,
    impl: AHPCR,
  },
];
