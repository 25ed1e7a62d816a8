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

/**
 * A helper block with one row per row of the scoring ranges (the table and the spare rows under
 * it, `model.end`) from row `first`, and its columns as absolute ranges. Helper rows read the
 * scoring sheet by position (INDEX), so rows sorted, inserted or deleted there stay covered.
 */
export function customerRows(model: Model, first: number): { first: number; last: number; column: (col: number) => string } {
  const last = first + (model.end - model.first);
  return { first, last, column: (col: number) => `${a1(first, col, true)}:${a1(last, col, true)}` };
}

/**
 * A helper row's position in the scoring ranges (which start at the header row): 2 in the
 * block's first row. Written as ROW()-ROW($G$first)+2 on `gapCol`, an empty column beside the
 * block (no reference into the block, so no cycle), the same formula in every row (one R1C1
 * formula per column for the writer), and still right if rows are inserted above the block.
 */
export function helperPosition(first: number, gapCol: number): string {
  return `(ROW()-ROW(${a1(first, gapCol).replace(/(\d+)$/, "$$$1")})+2)`;
}

/** The scoring sheet's cell at position `pos` of the range of `col`, or "" past its end (rows deleted there). */
export function linked(model: Model, col: number, pos: string, blank = '""', text = false): string {
  const range = model.range(col);
  const at = `INDEX(${range},${pos})`;
  return text ? `=IF(ROWS(${range})<${pos},"",${at}&"")` : `=IF(ROWS(${range})<${pos},"",IF(ISNUMBER(${at}),${at},${blank}))`;
}
