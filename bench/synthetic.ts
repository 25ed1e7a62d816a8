/** Synthetic customer tables of any size for the benchmark (same shape as the sample). */
import type { BuildInput } from "../src/workbook/build";
import type { SourceTable } from "../src/workbook/customers";
import { defaultCriteria } from "../src/workbook/defaults";
import type { Scalar } from "../src/workbook/plan";

export function syntheticTable(n: number): SourceTable {
  let seed = 42;
  const r = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const rows: Scalar[][] = [];
  for (let i = 0; i < n; i++) {
    const revenue = Math.round(Math.exp(11 + 1.2 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())));
    rows.push([`Customer ${i + 1}`, revenue, Math.round(revenue * (0.6 + 0.3 * r())), Math.round(r() * 50) / 100, Math.round(r() * 20), Math.round(r() * 100) - 20, Math.round(r() * 9) + 1]);
  }
  return { sheetName: "Customers", origin: { row: 0, col: 0 }, headers: ["Customer", "Revenue", "Cost", "Churn probability", "Tenure (years)", "NPS", "Strategic fit (1-10)"], rows };
}

export function syntheticInput(n: number): BuildInput {
  const table = syntheticTable(n);
  const roles = { name: 0, revenue: 1, cost: 2, churn: 3 };
  return { table, roles, criteria: defaultCriteria(table, roles), keyRule: { kind: "top", n: 10 }, fixedCosts: 1_000_000, builtOn: "2026-11-23" };
}
