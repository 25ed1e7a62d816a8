/** Specs of the revenue-concentration functions: shares, CRn, HHI, Gini, Pareto, ABC, Lorenz. */
import * as kam from "../../core/kam";
import type { FunctionSpec, ParamSpec } from "./types";

const VALUES: ParamSpec = { name: "values", type: "any[][]", description: "All customers' revenues (0 or more)." };
const DOJ_HHI = "U.S. Department of Justice, Antitrust Division: Herfindahl–Hirschman Index (worked example of four firms)";
const MERGER_GUIDELINES = "U.S. Department of Justice and Federal Trade Commission: Merger Guidelines (2023), §2.1; Horizontal Merger Guidelines (2010), §5.3";
const INEQ = "R package ineq (A. Zeileis): documentation of Gini, example vector";

export const SPECS: FunctionSpec[] = [
  {
    name: "SHARE",
    id: "SHARE",
    summary: "Share of the total: value divided by the sum of values.",
    params: [
      { name: "value", type: "any[][]", description: "A customer's revenue, or a range of them (one share each)." },
      { name: "values", type: "any[][]", description: "All customers' revenues (0 or more)." },
    ],
    returns: { type: "any[][]", description: "The share (0–1) of each value." },
    example: { formula: "=KAM.SHARE(25,{25;75})", result: "0.25", explanation: "25 of a total of 100." },
    details: "<p>value ÷ Σ values. <code>value</code> may be a range: one share spills for each cell.</p>",
    impl: kam.SHARE,
  },
  {
    name: "TOPSHARE",
    id: "TOPSHARE",
    summary: "Concentration ratio CRn: the combined share of the n largest customers.",
    params: [VALUES, { name: "n", type: "any", description: "How many of the largest customers to add up; n at or above the count gives 1." }],
    returns: { type: "number", description: "Combined share (0–1) of the n largest." },
    example: { formula: "=KAM.TOPSHARE({20;50;30},2)", result: "0.8", explanation: "Revenues 20, 50, 30: CR1 = <b>0.5</b>, CR2 = (50 + 30) / 100 = 0.8, CR3 = 1." },
    details: "<p>Concentration ratio CR<sub>n</sub>: combined share of the n largest customers. n at or above the number of customers gives 1.</p>",
    impl: kam.TOPSHARE,
  },
  {
    name: "HHI",
    id: "HHI",
    summary: "Herfindahl–Hirschman index: the sum of squared shares, times scale.",
    params: [VALUES, { name: "scale", type: "any", optional: true, default: "10000", description: "10000 (default: antitrust points, 0–10,000) or 1 (0–1)." }],
    returns: { type: "number", description: "The HHI." },
    example: {
      formula: "=KAM.HHI({30;30;20;20})",
      result: "2600",
      explanation: "Four firms with shares 30%, 30%, 20%, 20% have HHI 30² + 30² + 20² + 20² = 2,600; <code>=KAM.HHI({30;30;20;20},1)</code> = 0.26.",
    },
    sources: [DOJ_HHI],
    details: "<p>Herfindahl–Hirschman index: Σ share² × scale. <code>scale</code> 10000 (default) gives antitrust points (0–10,000); 1 gives the 0–1 scale.</p>",
    impl: kam.HHI,
  },
  {
    name: "HHILEVEL",
    id: "HHILEVEL",
    summary: "Concentration level of an HHI on the 0–10,000 scale: Unconcentrated, Moderately concentrated or Highly concentrated.",
    params: [
      { name: "hhi", type: "any", description: "An HHI in antitrust points (0–10,000), e.g. from KAM.HHI." },
      {
        name: "standard",
        type: "any",
        optional: true,
        default: '"2023"',
        description: '"2023" (default: US Merger Guidelines 2023, thresholds 1,000 and 1,800) or "2010" (1,500 and 2,500).',
      },
    ],
    returns: { type: "string", description: "The level." },
    example: {
      formula: "=KAM.HHILEVEL(2600)",
      result: '"Highly concentrated"',
      explanation: '2,600 is above 1,800. <code>=KAM.HHILEVEL(1500,"2010")</code> = Moderately concentrated.',
    },
    sources: [MERGER_GUIDELINES],
    details: `<p>Concentration level of an HHI given on the 0–10,000 scale.</p>
<table>
  <tr><th>standard</th><th>Unconcentrated</th><th>Moderately concentrated</th><th>Highly concentrated</th></tr>
  <tr><td>"2023" (default) — 2023 US Merger Guidelines</td><td>below 1,000</td><td>1,000 to 1,800</td><td>above 1,800</td></tr>
  <tr><td>"2010" — 2010 Horizontal Merger Guidelines</td><td>below 1,500</td><td>1,500 to 2,500</td><td>above 2,500</td></tr>
</table>
<p>The HHI is rounded to 6 decimals before it is classified, so a computed 1800.0000000000002 (floating-point noise from a spreadsheet formula) is 1,800: moderately concentrated.</p>`,
    impl: kam.HHILEVEL,
  },
  {
    name: "EFFECTIVEN",
    id: "EFFECTIVEN",
    summary: "Effective number of customers: 1 / HHI on the 0–1 scale, the number of equal-sized customers with the same concentration.",
    params: [VALUES],
    returns: { type: "number", description: "The effective number of customers." },
    example: { formula: "=KAM.EFFECTIVEN({30;30;20;20})", result: "3.85", explanation: "Shares 30/30/20/20: 1 / 0.26 = 3.85 customers." },
    details: "<p>Effective number of customers, 1 / HHI on the 0–1 scale: how many equal-sized customers would give the same concentration.</p>",
    impl: kam.EFFECTIVEN,
  },
  {
    name: "GINI",
    id: "GINI",
    summary: "Gini coefficient of the values (0 = all equal, towards 1 = one customer has everything), as R's ineq::Gini.",
    params: [
      VALUES,
      {
        name: "corrected",
        type: "any",
        optional: true,
        default: "FALSE",
        description: "FALSE (default) divides by n; TRUE gives the small-sample version that divides by n − 1.",
      },
    ],
    returns: { type: "number", description: "The Gini coefficient." },
    example: {
      formula: "=KAM.GINI({541;1463;2445;3438;4437;5401;6392;8304;11904;22261})",
      result: "0.4621",
      explanation: "The <code>ineq</code> documentation's vector; with <code>corrected</code> TRUE, <b>0.5134</b>.",
    },
    sources: [INEQ],
    details:
      "<p>Gini coefficient as in R's <code>ineq</code> package: sort ascending, G = (2 Σ i·x<sub>(i)</sub> / Σx − (n + 1)) / n. <code>corrected</code> = TRUE divides by n − 1 instead (small-sample version). 0 means all customers are equal.</p>",
    impl: kam.GINI,
  },
  {
    name: "PARETO",
    id: "PARETO",
    summary: "Pareto count: the smallest number of customers, largest first, whose combined revenue reaches share of the total.",
    params: [VALUES, { name: "share", type: "any", optional: true, default: "0.8", description: "The share to reach, above 0 and at most 1 (default 0.8)." }],
    returns: { type: "number", description: "Number of customers." },
    example: { formula: "=KAM.PARETO({20;50;30})", result: "2", explanation: "Revenues 20, 50, 30: 50 + 30 = 80% of the total." },
    details: "<p>Smallest number of customers, largest first, whose combined revenue reaches <code>share</code> (default 0.8) of the total.</p>",
    impl: kam.PARETO,
  },
  {
    name: "ABC",
    id: "ABC",
    summary: "ABC class of a customer: A while the cumulative share of the larger customers before it is below a, B below b, else C.",
    params: [
      { name: "value", type: "any[][]", description: "A customer's revenue, or a range of them (one class each); each must be one of values." },
      VALUES,
      { name: "a", type: "any", optional: true, default: "0.8", description: "Upper bound of class A as a share (default 0.8)." },
      { name: "b", type: "any", optional: true, default: "0.95", description: "Upper bound of class B as a share (default 0.95)." },
    ],
    returns: { type: "any[][]", description: '"A", "B" or "C" for each value.' },
    example: {
      formula: "=KAM.ABC({50;30;10;5;5},{50;30;10;5;5})",
      result: '{"A";"A";"B";"B";"B"}',
      explanation: "Revenues 50, 30, 10, 5, 5 (total 100): shares before are 0, 0.5, 0.8, 0.9, 0.9.",
    },
    details:
      "<p>ABC class by the cumulative share of the larger customers <i>before</i> this one (descending order): below <code>a</code> (0.8) → A, below <code>b</code> (0.95) → B, else C. Using the share before the customer keeps a single dominant customer in A. Customers with equal revenue all get the class of the first of them. <code>value</code> may be a range (spills); a value that is not in <code>values</code> gives <code>#N/A</code>.</p>",
    impl: kam.ABC,
  },
  {
    name: "LORENZ",
    id: "LORENZ",
    summary: "Lorenz curve: from (0, 0), the cumulative share of customers and of revenue, smallest customers first.",
    params: [VALUES],
    returns: { type: "any[][]", description: "n + 1 rows of two columns: share of customers, share of revenue." },
    example: {
      formula: "=KAM.LORENZ({4;1;3;2})",
      result: "{0,0;0.25,0.1;0.5,0.3;0.75,0.6;1,1}",
      explanation: "Sorted 1, 2, 3, 4 of a total of 10: each customer adds a quarter of the customers and its revenue over 10.",
    },
    details:
      "<p>Spills n + 1 rows of two columns from (0, 0): cumulative share of customers and cumulative share of revenue, smallest customers first. Chart it as a scatter with lines against the diagonal.</p>",
    impl: kam.LORENZ,
  },
];
