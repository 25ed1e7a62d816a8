/** The pane's column roles come from the CLI's mapping (src/table/columns.ts), reasons and ambiguity included. */
import { describe, expect, it } from "vitest";
import { detectColumns, roleChoices } from "../../src/taskpane/wizard/columns";
import { mapColumns } from "../../src/table/columns";
import type { SourceTable } from "../../src/workbook/customers";
import type { Scalar } from "../../src/workbook/plan";

const table = (headers: string[], row: (i: number) => Scalar[]): SourceTable => ({
  sheetName: "Customers",
  origin: { row: 0, col: 0 },
  headers,
  rows: Array.from({ length: 4 }, (_, i) => row(i)),
});

describe("pane column roles", () => {
  it("shows the CLI's mapping: actual over budget, latest year, with its reason", () => {
    const t = table(["Customer", "Budget revenue", "Revenue 2023", "Revenue 2025"], (i) => [`C${i}`, 5, 10, 20]);
    const roles = detectColumns(t);
    expect(roles).toEqual(mapColumns(t).roles);
    expect(roles.revenue).toBe(3);
    const revenue = roleChoices(t, roles, roles).find((c) => c.role === "revenue")!;
    expect(revenue.reason).toBe(mapColumns(t).choices.find((c) => c.role === "revenue")!.reason);
    expect(revenue.reason).toContain("2025");
    expect(revenue.ambiguous).toBeUndefined();
  });

  it("asks the user to choose between two equally good columns, until they do", () => {
    const t = table(["Customer", "Revenue", "Sales"], (i) => [`C${i}`, 10, 12]);
    const roles = detectColumns(t);
    const before = roleChoices(t, roles, roles).find((c) => c.role === "revenue")!;
    expect(before.ambiguous).toBe(`"Revenue" and "Sales" fit equally well: choose the right one.`);
    const after = roleChoices(t, { ...roles, revenue: 2 }, roles).find((c) => c.role === "revenue")!;
    expect(after.ambiguous).toBeUndefined();
    expect(after.reason).toBe("Chosen by you");
  });

  it("does not take a renewal probability as churn, and says why", () => {
    const t = table(["Customer", "Revenue", "Probability of renewal"], (i) => [`C${i}`, 10, 0.9]);
    expect(mapColumns(t).churnIsComplement).toBe(true);
    const roles = detectColumns(t);
    expect(roles.churn).toBeUndefined();
    expect(roleChoices(t, roles, roles).find((c) => c.role === "churn")!.reason).toContain("renewal/retention probability");
  });
});
