/**
 * The key-account portfolio and quarterly-review functions of issue 12: KAM.PORTFOLIO,
 * KAM.MOVERS, KAM.STABILITY, KAM.TREND and KAM.CLV. The maths is in src/core/portfolio.ts,
 * review.ts and clv.ts; the cell-level functions in src/core/kam-review.ts.
 */
import { CLV, MOVERS, PORTFOLIO, STABILITY, TREND } from "../../core/kam-review";
import type { FunctionSpec } from "./types";

const NAME_RULES =
  "Names are compared trimmed (runs of spaces, tabs and non-breaking spaces count as one space) and case-insensitively, as Excel compares text; the ID 1001 and the text \"1001\" are the same customer. Blank cells are skipped and a name listed twice counts once.";

export const SPECS: FunctionSpec[] = [
  {
    name: "PORTFOLIO",
    id: "PORTFOLIO",
    summary: "Key-account portfolio box of each customer from its attractiveness and our relative strength: Strategic, Star, Status or Streamline.",
    params: [
      {
        name: "attractiveness",
        type: "any[][]",
        description:
          "Each customer's account attractiveness to us (size, growth, margin, lifetime value, fit), usually a weighted score on the 1–10 scale. A blank gives a blank; text gives #VALUE! in that cell.",
      },
      {
        name: "strength",
        type: "any[][]",
        description:
          "Our relative strength with each customer (relationship, share of their wallet, position against the best competitor), on the same scale. Same rows and columns as attractiveness, or #VALUE!.",
      },
      {
        name: "attractiveness_cut",
        type: "any",
        optional: true,
        default: "5.5",
        description: "Attractiveness at or above this is high (default 5.5, the middle of the 1–10 scale). Scores are compared after rounding to 6 decimals.",
      },
      {
        name: "strength_cut",
        type: "any",
        optional: true,
        default: "5.5",
        description: "Strength at or above this is strong (default 5.5). Scores are compared after rounding to 6 decimals.",
      },
      {
        name: "labels",
        type: "any[][]",
        optional: true,
        description: "Four cells renaming the boxes, in the order Strategic, Star, Status, Streamline (e.g. your own tier names). They must be four different, non-blank names.",
      },
    ],
    returns: {
      type: "any[][]",
      description:
        "One box per customer, in the shape of attractiveness: Strategic (both high: invest), Star (attractive, weak position: invest selectively), Status (less attractive, strong position: maintain), Streamline (both low: serve efficiently).",
    },
    example: {
      formula: "=KAM.PORTFOLIO({8;8;3;3},{7;2;9;1})",
      result: "Strategic; Star; Status; Streamline",
      explanation:
        "With both cuts at 5.5: 8 ≥ 5.5 and 7 ≥ 5.5 → Strategic; 8 ≥ 5.5 but 2 < 5.5 → Star; 3 < 5.5 but 9 ≥ 5.5 → Status; 3 and 1 both below → Streamline. A score of exactly 5.5 counts as high.",
    },
    sources: [
      "McDonald, M., Rogers, B. & Woodburn, D. (2000), Key Customers: How to Manage Them Profitably, Butterworth-Heinemann: the key-account portfolio (account attractiveness against relative strength).",
      "McDonald, M. & Woodburn, D. (2007), Key Account Management: The Definitive Guide, 2nd ed., Butterworth-Heinemann (Cranfield School of Management).",
    ],
    details: `<p>Places each customer in one of the four boxes of the key-account portfolio, from its <b>account attractiveness</b> to us (size, growth, margin, lifetime value, fit) and our <b>relative strength</b> with it (relationship, share of their wallet, position against the best competitor), both usually weighted scores on the 1–10 scale. One box spills per cell of <code>attractiveness</code>.</p>
<table>
  <tr><th></th><th>strength ≥ strength_cut</th><th>strength &lt; strength_cut</th></tr>
  <tr><th>attractiveness ≥ attractiveness_cut</th><td><b>Strategic</b>: invest</td><td><b>Star</b>: invest selectively</td></tr>
  <tr><th>attractiveness &lt; attractiveness_cut</th><td><b>Status</b>: maintain</td><td><b>Streamline</b>: serve efficiently</td></tr>
</table>
<ul>
  <li>Both cuts default to 5.5, the middle of the 1–10 scale. A score exactly at the cut counts as high. Scores and cuts are rounded to 6 decimals before they are compared (as <code>ROUND(x, 6)</code>), so a weighted score that a formula computes as 5.4999999999999 is 5.5 in Excel and LibreOffice alike.</li>
  <li><code>labels</code>: four cells that rename the boxes, in the order Strategic, Star, Status, Streamline; they must be four different names.</li>
  <li>A blank in either input gives a blank. Text gives <code>#VALUE!</code> in that cell. The two ranges must have the same rows and columns, or the result is <code>#VALUE!</code>.</li>
</ul>`,
    impl: PORTFOLIO,
  },
  {
    name: "MOVERS",
    id: "MOVERS",
    summary: "Customers who moved into and out of the key set between two periods, as a two-column table In, Out.",
    params: [
      { name: "previous", type: "any[][]", description: `The key accounts of the earlier period (names or IDs): a column, row or block. ${NAME_RULES}` },
      { name: "current", type: "any[][]", description: "The key accounts of this period, with the same name rules. The two lists may have different lengths." },
    ],
    returns: {
      type: "any[][]",
      description:
        "A header row In, Out, then the names in current but not in previous (in current's order) beside the names in previous but not in current (in previous's order), the shorter column padded with blanks. Names appear as first typed. No movers: the header row alone.",
    },
    example: {
      formula: '=KAM.MOVERS({"Acme";"Birch";"Cobalt";"Dune"},{"Elm";" ACME";"Fir";"Cobalt"})',
      result: "In | Out; Elm | Birch; Fir | Dune",
      explanation: '" ACME" is Acme (spaces and case do not count) and Cobalt stayed; Elm and Fir came in; Birch and Dune left.',
    },
    details: `<p>Who moved into and out of the key set between two periods. Spills a table with the header row <b>In</b>, <b>Out</b>: under In the names in <code>current</code> that are not in <code>previous</code> (in current's order), under Out the names in <code>previous</code> that are not in <code>current</code> (in previous's order); the shorter column is padded with blanks. With no movers, the header row alone.</p>
<p>Names are compared trimmed (runs of spaces, tabs and non-breaking spaces count as one space) and case-insensitively, as Excel compares text: <code>" ACME  Ltd"</code> and <code>"Acme Ltd"</code> are the same customer, and so are the ID 1001 and the text "1001". Blank cells are skipped; a name listed twice counts once; names are shown as first typed.</p>`,
    impl: MOVERS,
  },
  {
    name: "STABILITY",
    id: "STABILITY",
    summary: "Stability of the key set between two periods: the Jaccard index |previous ∩ current| / |previous ∪ current|.",
    params: [
      { name: "previous", type: "any[][]", description: `The key accounts of the earlier period. ${NAME_RULES}` },
      { name: "current", type: "any[][]", description: "The key accounts of this period, with the same name rules." },
    ],
    returns: {
      type: "number",
      description: "Between 0 (the key set was replaced entirely) and 1 (no change): the customers in both periods over the customers in either. Both lists empty: #N/A.",
    },
    example: {
      formula: '=KAM.STABILITY({"Acme";"Birch";"Cobalt";"Dune"},{"Acme";"Cobalt";"Elm"})',
      result: "0.4",
      explanation: "Acme and Cobalt are in both (2); Acme, Birch, Cobalt, Dune and Elm are in either (5): 2 / 5 = 0.4.",
    },
    sources: ['Jaccard, P. (1912), "The distribution of the flora in the alpine zone", New Phytologist 11(2), 37–50.'],
    details: `<p>How stable the key set is between two periods: the Jaccard index |previous ∩ current| / |previous ∪ current|, the customers in both periods over the customers in either. 1 means no change, 0 a key set replaced entirely. Names follow the rules of <a href="#movers">KAM.MOVERS</a>. Both lists empty: <code>#N/A</code>.</p>`,
    impl: STABILITY,
  },
  {
    name: "TREND",
    id: "TREND",
    summary: "Trend of each customer's score from the previous period: Up, Down, Same, New, or blank.",
    params: [
      { name: "previous", type: "any[][]", description: "Last period's scores, one per customer, in the same rows as current. A blank means the customer had no score then." },
      { name: "current", type: "any[][]", description: "This period's scores: same rows and columns as previous, or #VALUE!. Text gives #VALUE! in that cell." },
      {
        name: "tolerance",
        type: "any",
        optional: true,
        default: "0",
        description: "A change must be larger than this to count as Up or Down (0 or more; default 0). The change is rounded to 6 decimals before it is compared, so float noise is Same.",
      },
    ],
    returns: {
      type: "any[][]",
      description:
        'Per customer: "Up" if current − previous > tolerance, "Down" if < −tolerance, otherwise "Same"; "New" if previous is blank and current is not; blank if current is blank.',
    },
    example: {
      formula: "=KAM.TREND({5;7;6},{6;5;6.2},0.5)",
      result: "Up; Down; Same",
      explanation: "Changes +1, −2 and +0.2 against a tolerance of 0.5. A blank previous score beside a current one would give New.",
    },
    details: `<p>The trend of each customer's score since the previous period, one per cell of <code>current</code>:</p>
<table>
  <tr><th>Result</th><th>When</th></tr>
  <tr><td>Up</td><td>current − previous &gt; tolerance</td></tr>
  <tr><td>Down</td><td>current − previous &lt; −tolerance</td></tr>
  <tr><td>Same</td><td>otherwise</td></tr>
  <tr><td>New</td><td>previous is blank and current is not</td></tr>
  <tr><td>(blank)</td><td>current is blank</td></tr>
</table>
<p><code>tolerance</code> is 0 or more (default 0); a change of exactly the tolerance is Same. The change is rounded to 6 decimals before it is compared, so a recomputed score with floating-point noise is Same. The two ranges must have the same rows and columns (<code>#VALUE!</code> otherwise); text gives <code>#VALUE!</code> in that cell.</p>`,
    impl: TREND,
  },
  {
    name: "CLV",
    id: "CLV",
    summary: "Customer lifetime value in the simple retention model: the present value of the margin earned at the end of each year the customer stays, minus the acquisition cost.",
    params: [
      { name: "margin", type: "any[][]", description: "Margin per year (contribution, not revenue). A range gives one value per cell; blank margins stay blank. May be negative." },
      {
        name: "retention",
        type: "any[][]",
        description: "Probability that the customer stays from one year to the next, 0 to 1 (80% is 0.8; 1 − churn). One value, or a range of the shape of margin. Outside 0..1: #NUM!.",
      },
      {
        name: "discount",
        type: "any[][]",
        description: "Discount rate per year, e.g. 10% (0.1); above −1. One value, or a range of the shape of margin.",
      },
      {
        name: "years",
        type: "any",
        optional: true,
        description:
          "Horizon in whole years (1 or more). Left out: an unlimited horizon, m·r/(1 + i − r), which needs retention below 1 + discount (otherwise #NUM!).",
      },
      { name: "acquisition_cost", type: "any", optional: true, default: "0", description: "Cost of winning the customer, 0 or more, subtracted once." },
    ],
    returns: {
      type: "any[][]",
      description: "Without years: m·r / (1 + i − r) − cost. With years T: Σ_{t=1..T} m·(r / (1 + i))^t − cost. One value per margin.",
    },
    example: {
      formula: "=KAM.CLV(100,0.8,10%,5)",
      result: "212.41",
      explanation:
        "q = 0.8 / 1.1 = 0.7273; 100·(q + q² + q³ + q⁴ + q⁵) = 72.73 + 52.89 + 38.47 + 27.98 + 20.35 = 212.41. Without years: 100 × 0.8 / (1 + 0.1 − 0.8) = 80 / 0.3 = 266.67.",
    },
    sources: [
      'Gupta, S. & Lehmann, D. R. (2003), "Customers as assets", Journal of Interactive Marketing 17(1), 9–24: CLV = m·r / (1 + i − r), margins received at the end of each period, infinite horizon.',
      'Berger, P. D. & Nasr, N. I. (1998), "Customer lifetime value: marketing models and applications", Journal of Interactive Marketing 12(1), 17–30: the finite-horizon retention model.',
    ],
    details: `<p>Customer lifetime value in the simple retention model: the customer brings <code>margin</code> m at the end of each year they stay, stays from one year to the next with probability <code>retention</code> r (1 − churn), and money is discounted at <code>discount</code> i per year.</p>
<ul>
  <li>Without <code>years</code> (unlimited horizon): m·r / (1 + i − r) − acquisition_cost. This needs r &lt; 1 + i; otherwise the value is infinite and the result is <code>#NUM!</code>.</li>
  <li>With <code>years</code> T (a whole number, 1 or more): Σ<sub>t=1..T</sub> m·(r / (1 + i))<sup>t</sup> − acquisition_cost.</li>
</ul>
<p><code>margin</code> may be a range: one value spills per cell, blanks stay blank. <code>retention</code> and <code>discount</code> are one value or a range of the same shape as <code>margin</code>. Retention outside 0..1 gives <code>#NUM!</code> (type 80% or 0.8, not 80); a discount rate must be above −1; <code>acquisition_cost</code> (default 0) is an amount of 0 or more, subtracted once.</p>`,
    impl: CLV,
  },
];
