/** Specs of the scoring functions: weighted score and scaling to a score. */
import * as kam from "../../core/kam";
import type { FunctionSpec } from "./types";

export const SPECS: FunctionSpec[] = [
  {
    name: "WSCORE",
    id: "WSCORE",
    summary: "Weighted score of each customer: the sum of weight × score over the sum of the weights, so a 1–10 scale stays 1–10.",
    params: [
      { name: "scores", type: "any[][]", description: "Scores, one column per criterion; several rows give one result per row (customer)." },
      { name: "weights", type: "any[][]", description: "One weight per criterion, as one row or one column. Weights must be 0 or more." },
      {
        name: "missing",
        type: "any",
        optional: true,
        default: '"skip"',
        description: 'What a blank score means: "skip" (default: leave the criterion out and renormalise the weights), "zero", or "error" (#N/A).',
      },
    ],
    returns: { type: "any[][]", description: "The weighted score, one per row of scores." },
    example: {
      formula: "=KAM.WSCORE({8,6,4},{0.5,0.3,0.2})",
      result: "6.6",
      explanation: 'Scores 8, 6, 4 with weights 0.5, 0.3, 0.2: 0.5·8 + 0.3·6 + 0.2·4 = 6.6. With the 6 left blank, "skip" gives (4 + 0.8) / 0.7 = <b>6.857</b> and "zero" gives <b>4.8</b>.',
    },
    details: `<p>Weighted score: Σ weight × score / Σ weight, so scores on a 1–10 scale give a total on the 1–10 scale. <code>weights</code> is one row or column, one weight (0 or more) per criterion. With several rows of scores, one result per row spills.</p>
<p><code>missing</code>: <code>"skip"</code> (default) leaves blank criteria out and renormalises the remaining weights; <code>"zero"</code> counts a blank as 0; <code>"error"</code> returns <code>#N/A</code> for that row. A row whose scores are all blank gives <code>#N/A</code> under "skip" (there is nothing to average); if the weights of the scored criteria add up to 0 the result is <code>#DIV/0!</code>.</p>`,
    impl: kam.WSCORE,
  },
  {
    name: "SCALE",
    id: "SCALE",
    summary: "Scales each value to a score between low and high (1–10 by default) relative to the whole set. Blanks stay blank.",
    params: [
      { name: "values", type: "any[][]", description: "The raw values of one criterion, e.g. each customer's revenue." },
      { name: "low", type: "any", optional: true, default: "1", description: "Bottom of the scale (default 1)." },
      { name: "high", type: "any", optional: true, default: "10", description: "Top of the scale (default 10)." },
      {
        name: "direction",
        type: "any",
        optional: true,
        default: '"benefit"',
        description: '"benefit" (default: higher is better) or "cost" (lower is better, the scale is reversed).',
      },
      {
        name: "method",
        type: "any",
        optional: true,
        default: '"minmax"',
        description: '"minmax" (default: linear between smallest and largest), "percentile" (by rank, ties averaged) or "zscore" (clipped at ±3σ).',
      },
    ],
    returns: { type: "any[][]", description: "One score per value, in the shape of values." },
    example: {
      formula: "=KAM.SCALE({10;20;30})",
      result: "{1;5.5;10}",
      explanation:
        'Linear from the smallest value (1) to the largest (10); with <code>"cost"</code> it spills 10, 5.5, 1. <code>=KAM.SCALE({1,2,3,1000},1,10,"benefit","percentile")</code> gives <b>1, 4, 7, 10</b>.',
    },
    details: `<p>Maps each value to a score between <code>low</code> (default 1) and <code>high</code> (default 10) relative to the whole set; spills one score per value, blanks stay blank. <code>direction</code> <code>"benefit"</code> (default, higher is better) or <code>"cost"</code> (reversed). A set whose values are all equal maps to the middle of the scale.</p>
<ul>
  <li><code>"minmax"</code> (default): linear between the smallest and the largest value.</li>
  <li><code>"percentile"</code>: by rank; tied values get their average rank; rank 1 → low, rank n → high. Robust to outliers.</li>
  <li><code>"zscore"</code>: (x − mean) / σ with σ the population standard deviation (as STDEV.P), clipped at ±3, then −3 → low and +3 → high.</li>
</ul>`,
    impl: kam.SCALE,
  },
];
