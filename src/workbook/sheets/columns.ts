/** Helpers the sheet specs share to declare columns with their widths and per-customer blocks. */
import type { Model } from "../model";
import { a1 } from "../plan";

/** A column declared with its header and width (characters). */
export interface ColumnDecl {
  key: string;
  header: string;
  width: number;
}

/** The first two columns of a helper block: each customer's name and revenue, linked from the scoring sheet. */
export const LINKED_CUSTOMER_COLUMNS = [
  { key: "name", header: "Customer", width: 28 },
  { key: "revenue", header: "Revenue", width: 14 },
] as const;

/** The 0-based sheet column of each declared column, placed side by side from `firstCol`. */
export function placeColumns<const C extends readonly ColumnDecl[]>(firstCol: number, columns: C): Record<C[number]["key"], number> {
  return Object.fromEntries(columns.map((c, i) => [c.key, firstCol + i])) as Record<C[number]["key"], number>;
}

/** A block with one row per customer (at least one) from row `first`, and its columns as absolute ranges. */
export function customerRows(model: Model, first: number): { first: number; last: number; column: (col: number) => string } {
  const last = first + Math.max(model.customers.length, 1) - 1;
  return { first, last, column: (col: number) => `${a1(first, col, true)}:${a1(last, col, true)}` };
}
