/**
 * Rows that are not customers, and customers on several rows. Pure.
 *
 * - Totals and subtotals: a name that reads "Total", "Subtotal", "Grand total", "Sum" (or
 *   "Gesamt", "Summe", "Total général", "Sous-total", "Suma", "Totaal", "Totalt", "Summa",
 *   "I alt", "Yhteensä"…), alone or with a year, a bracket or a value of the region/segment
 *   column ("Total North"); a row whose revenue is a SUM/SUBTOTAL formula; or a row whose
 *   revenue (and margin and cost, when present) equals the sum of at least two rows above it
 *   since the previous total, or of all customers above it (a grand total) — when its name is
 *   blank, or two or more amounts match, or (grand total only) it is the last row.
 * - Duplicates: rows whose names are equal after trimming, folding case and spaces. Summed
 *   (revenue, margin, cost) by default; other numbers kept when equal, churn averaged weighted
 *   by revenue, anything else taken from the first row and reported.
 *
 * Rows are never removed, only emptied, so every cell address in later messages stays right.
 */
import { isBlank } from "../core/input";
import type { Roles, SourceTable } from "../workbook/customers";
import { cellAddress } from "../workbook/customers";
import type { Scalar } from "../workbook/plan";

const TOTAL_WORDS =
  "grand total|sub-?total|total|totals|sum|sums|gesamt|gesamtsumme|summe|insgesamt|zwischensumme|endsumme|total général|total general|sous-total|totale|suma|suma total|totaal|subtotaal|eindtotaal|totalt|summa|delsumma|i alt|sum i alt|total i alt|yhteensä|välisumma|kaikki yhteensä";
const TOTAL_ONLY = new RegExp(`^(${TOTAL_WORDS})\\s*[:.]?\\s*(\\(.*\\)|(fy\\s*)?\\d{2,4}|all|alle|tous|todos|alles|alla|kaikki)?\\s*$`, "iu");
const SUBTOTAL_START = /^(grand total|sub-?total|zwischensumme|sous-total|subtotaal|delsumma|välisumma|gesamtsumme|endsumme|total général|suma total|eindtotaal)\b/iu;
const TOTAL_START = new RegExp(`^(${TOTAL_WORDS})\\s*[:\\-–]?\\s+(.+)$`, "iu");

export interface LeftOut {
  row: number;
  /** 'Sheet'!A7 of the name cell (or the row's first cell). */
  address: string;
  name: string;
  revenue?: number;
  reason: string;
}

const num = (v: Scalar | undefined): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(0.005, 1e-9 * Math.abs(b));

export function nameKey(v: Scalar): string {
  const s = String(v);
  // Printable ASCII (most names) is its own NFC form and lower-cases the same without ICU,
  // which took 15 µs a name (0.7 s of a 50,000-customer CLI run).
  if (PRINTABLE_ASCII.test(s)) return s.trim().replace(/\s+/g, " ").toLowerCase();
  return s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en-US");
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Finds total and subtotal rows. `formulaTotals` are rows whose amounts are SUM/SUBTOTAL
 * formulas (from the .xlsx reader).
 */
export function findTotals(t: SourceTable, roles: Roles, formulaTotals: ReadonlySet<number> = new Set()): LeftOut[] {
  const out: LeftOut[] = [];
  const nameCol = roles.name;
  const rev = roles.revenue;
  const others = [roles.margin, roles.cost].filter((c): c is number => c !== undefined);
  const labels = new Set<string>();
  for (const c of [roles.region, roles.segment]) if (c !== undefined) for (const r of t.rows) if (!isBlank(r[c])) labels.add(nameKey(r[c]));
  const sumsOf = (): number[] => [0, ...others.map(() => 0)];
  let block = sumsOf();
  let blockRows = 0;
  let blockStart = 0;
  const grand = sumsOf();
  let grandRows = 0;
  let lastRow = -1;
  t.rows.forEach((row, r) => {
    if (!row.every((c) => isBlank(c))) lastRow = r;
  });
  t.rows.forEach((row, r) => {
    if (row.every((c) => isBlank(c))) return;
    const name = nameCol === undefined || isBlank(row[nameCol]) ? "" : String(row[nameCol]).trim();
    const amounts = [rev === undefined ? undefined : num(row[rev]), ...others.map((c) => num(row[c]))];
    let reason: string | undefined;
    const start = TOTAL_START.exec(name);
    if (TOTAL_ONLY.test(name) || SUBTOTAL_START.test(name)) reason = `"${name}" is a total row`;
    else if (start && labels.has(nameKey(start[2]))) reason = `"${name}" is a subtotal row`;
    else if (formulaTotals.has(r)) reason = "its amounts are SUM/SUBTOTAL formulas (a total row)";
    else if (amounts[0] !== undefined && amounts[0] !== 0 && amounts.every((a) => a !== undefined)) {
      const a = amounts as number[];
      // A named row with one amount could equal a sum by chance (100, 200, 300): the sum rule
      // takes it only when the name is blank, two or more amounts match, or it is the last row
      // and equals all the customers above it (at least three).
      const strong = name === "" || a.length >= 2;
      const equalsBlock = strong && blockRows >= 2 && a.every((x, k) => close(x, block[k]));
      const equalsGrand = (strong || (r === lastRow && grandRows >= 3)) && grandRows >= 2 && a.every((x, k) => close(x, grand[k]));
      if (equalsBlock) reason = `its amounts equal the sum of the ${blockRows} rows above it (${cellAddress(t, blockStart, nameCol ?? 0)} to ${cellAddress(t, r - 1, nameCol ?? 0)}): a subtotal`;
      else if (equalsGrand) reason = `its amounts equal the sum of all ${grandRows} customers above it: a total`;
    }
    if (reason !== undefined) {
      out.push({ row: r, address: cellAddress(t, r, nameCol ?? 0), name, revenue: amounts[0], reason });
      block = sumsOf();
      blockRows = 0;
      blockStart = r + 1;
      return;
    }
    amounts.forEach((x, k) => {
      block[k] += x ?? 0;
      grand[k] += x ?? 0;
    });
    blockRows++;
    grandRows++;
  });
  return out;
}

export interface Merge {
  name: string;
  /** Data rows merged, the first one keeps the sum. */
  rows: number[];
  addresses: string[];
  /** Columns whose values differed and were not summed (first row's value kept), by header. */
  keptFirst: string[];
}

/**
 * Merges rows of the same customer into the first of them (in a copy of the table) and
 * empties the others. Rows whose amounts are not all numbers (or blank) are not merged: the
 * validation then reports them as duplicates.
 */
export function mergeDuplicates(t: SourceTable, roles: Roles, skip: ReadonlySet<number> = new Set()): { table: SourceTable; merges: Merge[] } {
  if (roles.name === undefined) return { table: t, merges: [] };
  const nameCol = roles.name;
  const sumCols = [roles.revenue, roles.margin, roles.cost].filter((c): c is number => c !== undefined);
  const groups = new Map<string, number[]>();
  t.rows.forEach((row, r) => {
    if (skip.has(r) || isBlank(row[nameCol]) || (typeof row[nameCol] === "string" && row[nameCol].trim() === "")) return;
    const k = nameKey(row[nameCol]);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  });
  const rows = t.rows.slice();
  const merges: Merge[] = [];
  const okAmount = (v: Scalar) => isBlank(v) || typeof v === "number";
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    if (!g.every((r) => sumCols.every((c) => okAmount(t.rows[r][c])))) continue;
    const merged = t.rows[g[0]].slice();
    const keptFirst: string[] = [];
    t.headers.forEach((h, c) => {
      if (c === nameCol) return;
      const vals = g.map((r) => t.rows[r][c]);
      if (sumCols.includes(c)) {
        merged[c] = vals.every((v) => isBlank(v)) ? null : vals.reduce<number>((s, v) => s + (typeof v === "number" ? v : 0), 0);
      } else if (c === roles.churn && vals.every((v) => typeof v === "number") && roles.revenue !== undefined) {
        const revs = g.map((r) => (typeof t.rows[r][roles.revenue!] === "number" ? (t.rows[r][roles.revenue!] as number) : 0));
        const total = revs.reduce((a, b) => a + b, 0);
        merged[c] = total > 0 ? vals.reduce<number>((s, v, i) => s + (v as number) * revs[i], 0) / total : (vals[0] as number);
        if (new Set(vals).size > 1) keptFirst.push(`${h || `column ${c + 1}`} (revenue-weighted average)`);
      } else {
        const distinct = new Set(vals.filter((v) => !isBlank(v)).map((v) => JSON.stringify(v)));
        if (distinct.size > 1) keptFirst.push(h || `column ${c + 1}`);
        if (isBlank(merged[c])) merged[c] = vals.find((v) => !isBlank(v)) ?? null;
      }
    });
    rows[g[0]] = merged;
    for (const r of g.slice(1)) rows[r] = t.headers.map(() => null);
    merges.push({ name: String(t.rows[g[0]][nameCol]).trim(), rows: g, addresses: g.map((r) => cellAddress(t, r, nameCol)), keptFirst });
  }
  return { table: { ...t, rows }, merges };
}

/** A copy of the table with the given rows emptied (so addresses of the others stay right). */
export function withoutRows(t: SourceTable, rows: Iterable<number>): SourceTable {
  const copy = t.rows.slice();
  for (const r of rows) copy[r] = t.headers.map(() => null);
  return { ...t, rows: copy };
}

/** A copy of the table with churn = 1 − the column's value (a renewal or retention probability). */
export function complementColumn(t: SourceTable, col: number): SourceTable {
  return { ...t, rows: t.rows.map((r) => (typeof r[col] === "number" ? r.map((v, c) => (c === col ? 1 - (v as number) : v)) : r)) };
}
