import type { BuildInput, CriterionSpec } from "../../src/workbook/build";
import type { SourceTable } from "../../src/workbook/customers";

/** A small hand-made customer table: name, revenue, cost, churn, region, NPS, tenure. */
export function smallTable(): SourceTable {
  return {
    sheetName: "Customers",
    origin: { row: 0, col: 0 },
    headers: ["Customer", "Revenue", "Cost", "Churn probability", "Region", "NPS", "Tenure (years)"],
    rows: [
      ["Acme Corp", 1_200_000, 900_000, 0.1, "North", 40, 8],
      ["Birch Ltd", 800_000, 500_000, 0.3, "South", 10, 3],
      ["Cobalt AG", 800_000, 600_000, 0.05, "North", 55, 12],
      ["Dune GmbH", 300_000, 250_000, 0.5, "East", -20, 1],
      ["Ember SA", 150_000, 90_000, 0.2, "West", 35, 5],
      ["Fjord AS", 90_000, 80_000, 0.15, "North", null, 2],
      ["Gale Inc", 60_000, 30_000, 0.4, "South", 70, 6],
    ],
  };
}

export function smallInput(overrides: Partial<BuildInput> = {}): BuildInput {
  const criteria: CriterionSpec[] = [
    { label: "Revenue", kind: "data", column: 1, direction: "benefit", method: "minmax", weight: 3 },
    { label: "NPS", kind: "data", column: 5, direction: "benefit", method: "percentile", weight: 1 },
    { label: "Tenure (years)", kind: "data", column: 6, direction: "benefit", method: "zscore", weight: 1 },
    { label: "Cost", kind: "data", column: 2, direction: "cost", method: "minmax", weight: 1 },
    { label: "Retention", kind: "manual", direction: "benefit", method: "minmax", weight: 2 },
  ];
  return {
    table: smallTable(),
    roles: { name: 0, revenue: 1, cost: 2, churn: 3, region: 4 },
    criteria,
    keyRule: { kind: "top", n: 3 },
    fixedCosts: 500_000,
    monthsToReplace: 12,
    builtOn: "2026-11-23",
    ...overrides,
  };
}
