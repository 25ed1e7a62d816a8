/** Specs of the loss-scenario functions: losing the largest customers, expected loss. */
import * as kam from "../../core/kam";
import type { FunctionSpec } from "./types";

export const SPECS: FunctionSpec[] = [
  {
    name: "TOPLOSS",
    id: "TOPLOSS",
    summary: "Revenue lost if the k largest customers leave; with margins, the margin that leaves with those customers.",
    params: [
      { name: "values", type: "any[][]", description: "All customers' revenues (0 or more)." },
      { name: "k", type: "any", description: "How many of the largest customers leave (0 or more)." },
      { name: "margins", type: "any[][]", optional: true, description: "Each customer's margin (contribution), same size as values." },
    ],
    returns: { type: "number", description: "Revenue lost, or margin lost when margins are given." },
    example: {
      formula: "=KAM.TOPLOSS({10;100;50;50},2,{1;10;5;20})",
      result: "30",
      explanation: "Revenues 10, 100, 50, 50 with margins 1, 10, 5, 20: k = 2 loses revenue <b>150</b> (without margins) and margin 10 + 20 = 30; of the two customers with 50, the one with the larger margin goes first.",
    },
    details:
      "<p>Revenue lost if the k largest customers leave. With <code>margins</code> (same size), returns the margin that leaves with those same customers. Equal revenues are taken larger margin first (the worse case).</p>",
    impl: kam.TOPLOSS,
  },
  {
    name: "LOSSTABLE",
    id: "LOSSTABLE",
    summary: "Worst-case loss table: losing the largest customers one by one, with revenue and margin lost, HHI of what remains and operating profit.",
    params: [
      { name: "names", type: "any[][]", description: "Customer names, same size as revenues." },
      { name: "revenues", type: "any[][]", description: "Customer revenues (0 or more)." },
      { name: "margins", type: "any[][]", optional: true, description: "Customer margins (contribution), same size as revenues." },
      { name: "kmax", type: "any", optional: true, default: "10", description: "Largest number of customers lost to show (default 10)." },
      { name: "fixedcosts", type: "any", optional: true, description: "Annual fixed costs; when given, operating profit after the loss is shown." },
    ],
    returns: { type: "any[][]", description: "A table with a header row and one row per k." },
    example: {
      formula: '=KAM.LOSSTABLE({"Acme";"Birch";"Cobalt";"Dune"},{100;50;30;20},{40;10;15;5},,30)',
      result:
        '{"k","Customer lost","Cumulative revenue lost","% of revenue","Cumulative margin lost","% of margin","HHI of remaining","Operating profit after loss";' +
        '1,"Acme",100,0.5,40,0.5714,3800,0;2,"Birch",150,0.75,50,0.7143,5200,-10;3,"Cobalt",180,0.9,65,0.9286,10000,-25;4,"Dune",200,1,70,1,"",-30}',
      explanation:
        "Acme 100, Birch 50, Cobalt 30, Dune 20 with margins 40, 10, 15, 5 and fixed costs 30: total margin 70, so losing Acme leaves 70 − 40 − 30 = 0, and the HHI of Birch, Cobalt and Dune (50/100, 30/100, 20/100) is 3,800.",
    },
    details:
      "<p>Spills a worst-case table with a header row: k, customer lost at step k, cumulative revenue lost, % of revenue, cumulative margin lost, % of margin, HHI (0–10,000) of the customers that remain, and operating profit after the loss (total margin − margin lost − fixed costs, shown when fixed costs are given; fixed costs without margins give <code>#VALUE!</code>). <code>kmax</code> defaults to 10. Names are returned as they are (a numeric customer ID stays a number). Cells that do not apply are blank; HHI is blank once no customer remains.</p>",
    impl: kam.LOSSTABLE,
  },
  {
    name: "EXPECTEDLOSS",
    id: "EXPECTEDLOSS",
    summary: "Expected margin loss: the sum of each customer's margin times their probability of leaving.",
    params: [
      { name: "margins", type: "any[][]", description: "Customer margins (contribution)." },
      { name: "probabilities", type: "any[][]", description: "Probability of losing each customer, 0 to 1, same size as margins." },
    ],
    returns: { type: "number", description: "The expected loss." },
    example: {
      formula: "=KAM.EXPECTEDLOSS({100;200},{0.1;0.5})",
      result: "110",
      explanation: "Margins 100 and 200 with churn probabilities 0.1 and 0.5: 10 + 100 = 110.",
    },
    details: "<p>Σ margin × probability of losing the customer. A probability outside 0..1 gives <code>#NUM!</code>.</p>",
    impl: kam.EXPECTEDLOSS,
  },
];
