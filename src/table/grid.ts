/**
 * The pure part of reading a table, shared by the CLI's file reader (src/table/read.ts) and
 * usable by the task pane on the cells it reads from Excel: the header row below title rows,
 * and formatted numbers in text cells turned into numbers per column.
 */
import type { SourceTable } from "../workbook/customers";
import type { Scalar } from "../workbook/plan";
import { textRoleColumns } from "./columns";
import { type ColumnFormat, decimalEvidence, type DecimalMark, parseNumberText, readsEitherWay } from "./numbers";

const isEmptyCell = (c: Scalar | undefined) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

/**
 * The header row: the first row (of the first 30) that fills at least 60% of the widest row's
 * cells (at least 2), all with text; rows above it are titles. Falls back to the first
 * non-empty row.
 */
export function findHeaderRow(grid: readonly (readonly Scalar[])[]): number {
  const widthOf = (r: readonly Scalar[] | undefined) => (r ?? []).filter((c) => !isEmptyCell(c)).length;
  const scan = Math.min(grid.length, 60);
  let widest = 0;
  for (let r = 0; r < scan; r++) widest = Math.max(widest, widthOf(grid[r]));
  for (let r = 0; r < Math.min(grid.length, 30); r++) {
    const row = grid[r] ?? [];
    const filled = row.filter((c) => !isEmptyCell(c));
    if (filled.length < Math.max(2, Math.ceil(widest * 0.6))) continue;
    if (filled.every((c) => typeof c === "string" && parseNumberText(c, ".") === undefined && parseNumberText(c, ",") === undefined)) return r;
  }
  return grid.findIndex((r) => widthOf(r) > 0);
}

/**
 * Turns text cells that hold formatted numbers into numbers, column by column. Name, region
 * and segment columns (by their headers) stay text exactly as written.
 */
export function convertNumbers(table: SourceTable, fileDecimal: DecimalMark, decimalFrom: string): Map<number, ColumnFormat> {
  const keepText = textRoleColumns(table.headers);
  const formats = new Map<number, ColumnFormat>();
  table.headers.forEach((_, c) => {
    if (keepText.has(c)) return;
    const texts: string[] = [];
    for (const row of table.rows) {
      const v = row[c];
      if (typeof v === "string" && v.trim() !== "") texts.push(v);
    }
    if (texts.length === 0) return;
    const ev = decimalEvidence(texts);
    let decimal = fileDecimal;
    let from = decimalFrom;
    if (decimalFrom !== "the option") {
      if (ev.comma > ev.point) [decimal, from] = [",", "from the cells"];
      else if (ev.point > ev.comma) [decimal, from] = [".", "from the cells"];
    }
    const f: ColumnFormat = { decimal, decimalFrom: from, thousands: new Set(), currencies: new Set(), percent: 0, accounting: 0, ambiguous: 0, numbers: 0, texts: 0 };
    for (const row of table.rows) {
      const v = row[c];
      if (typeof v !== "string") continue;
      if (v.trim() === "") {
        row[c] = null;
        continue;
      }
      const p = parseNumberText(v, decimal);
      if (!p) {
        f.texts++;
        continue;
      }
      row[c] = p.value;
      f.numbers++;
      if (from !== "from the cells" && from !== "the option" && readsEitherWay(v)) f.ambiguous++;
      if (p.thousands) f.thousands.add(p.thousands);
      if (p.currency) f.currencies.add(p.currency);
      if (p.percent) f.percent++;
      if (p.accounting) f.accounting++;
    }
    if (f.numbers > 0) formats.set(c, f);
  });
  return formats;
}

