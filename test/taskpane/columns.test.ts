/** The pane's column roles come from the CLI's mapping (src/table/columns.ts), reasons and ambiguity included. */
import { describe, expect, it } from "vitest";
import { churnTable, detect, detectColumns, roleChoices } from "../../src/taskpane/wizard/columns";
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

  it("picks nothing when two columns are equally good: the user must choose, told which two", () => {
    const t = table(["Customer", "Revenue", "Sales"], (i) => [`C${i}`, 10, 12]);
    const d = detect(t);
    expect(mapColumns(t).choices.find((c) => c.role === "revenue")!.tied).toEqual([2]);
    expect(d.roles.revenue).toBeUndefined();
    expect(d.unresolved).toEqual(["revenue"]);
    const before = roleChoices(t, d.roles, d.roles, d.unresolved).find((c) => c.role === "revenue")!;
    expect(before.column).toBeUndefined();
    expect(before.ambiguous).toBe(`"Revenue" and "Sales" fit equally well: choose the right one.`);
    // Chosen: no longer ambiguous, and the reason says who chose.
    const after = roleChoices(t, { ...d.roles, revenue: 2 }, d.roles, []).find((c) => c.role === "revenue")!;
    expect(after.ambiguous).toBeUndefined();
    expect(after.reason).toBe("Chosen by you");
  });

  it("reads a renewal probability as churn = 1 − p, labelled, as the CLI does", () => {
    const t = table(["Customer", "Revenue", "Probability of renewal"], (i) => [`C${i}`, 10, [0.9, 0.75, 1, 0][i]]);
    expect(mapColumns(t).churnIsComplement).toBe(true);
    const d = detect(t);
    expect(d.roles.churn).toBe(2);
    expect(d.complement).toBe(true);
    const churn = roleChoices(t, d.roles, d.roles, [], true).find((c) => c.role === "churn")!;
    expect(churn.label).toBe("Churn probability (1 − column)");
    expect(churn.reason).toContain("churn = 1 − it");
    // The build reads churn 0.1, 0.25, 0, 1 (worked by hand), the other columns untouched.
    const built = churnTable(t, d.roles, d.complement);
    [0.1, 0.25, 0, 1].forEach((p, i) => expect(built.rows[i][2]).toBeCloseTo(p, 12));
    expect(built.rows.map((r) => r[1])).toEqual([10, 10, 10, 10]);
    expect(t.rows[0][2]).toBe(0.9); // the table read is not changed
    // Turned off by the user: read as it is.
    expect(churnTable(t, d.roles, false)).toBe(t);
  });
});
