/**
 * The user's customer table: guessing what each column means, checking it before a build,
 * and turning it into customer records. Pure: the task pane reads the cells through Office.js
 * and the CLI reads a CSV or .xlsx file, both into a `SourceTable`.
 */
import { excelErrorCodeOf } from "../core/errors";
import { isBlank, numberAsTextHint } from "../core/input";
import { mapColumns } from "../table/columns";
import { a1, quoteSheetName, Scalar } from "./plan";

export interface SourceTable {
  /** Where the table is, for messages: sheet name and 0-based position of the header row's first cell. */
  sheetName: string;
  origin: { row: number; col: number };
  headers: string[];
  /** Data rows (without the header), as cell values. */
  rows: Scalar[][];
}

export type Role = "name" | "revenue" | "margin" | "cost" | "churn" | "region" | "segment";
export const ROLES: readonly Role[] = ["name", "revenue", "margin", "cost", "churn", "region", "segment"];
export const ROLE_LABELS: Record<Role, string> = {
  name: "Customer name / ID",
  revenue: "Revenue",
  margin: "Margin / contribution",
  cost: "Cost",
  churn: "Churn probability",
  region: "Region",
  segment: "Segment",
};

/** Column index per role; a role is absent when the table has no such column. */
export type Roles = Partial<Record<Role, number>>;

/**
 * Guesses the role of each column from its headers alone (the pane's first guess). The full
 * rules, with the reasons, ambiguity and the cell contents, are `mapColumns` in
 * src/table/columns.ts; this is that function without rows, taking the first of tied columns.
 */
export function guessRoles(headers: readonly string[]): Roles {
  return mapColumns({ headers, rows: [] }).roles;
}

export type IssueKind = "blank-name" | "duplicate-name" | "text-number" | "negative-revenue" | "error-value" | "blank-revenue" | "blank-amount" | "bad-probability";

export interface TableIssue {
  kind: IssueKind;
  /** 0-based data row (not counting the header). */
  row: number;
  /** Cell address like 'Customers'!B7. */
  address: string;
  message: string;
}

const NUMERIC_ROLES: Role[] = ["revenue", "margin", "cost", "churn"];

/** Address of a data cell for messages, like 'Q3 Customers'!C4. */
export function cellAddress(t: SourceTable, row: number, col: number): string {
  return `${quoteSheetName(t.sheetName)}!${a1(t.origin.row + 1 + row, t.origin.col + col)}`;
}

/** Blank, or text of spaces only. */
function isEmpty(cell: Scalar): boolean {
  return isBlank(cell) || (typeof cell === "string" && cell.trim() === "");
}

/**
 * Checks the table against the chosen roles. Every problem names its cell. Only the columns in
 * use are checked: the roles' and the criteria's (numeric columns used as data criteria are
 * checked like the numeric roles).
 */
export function validateTable(t: SourceTable, roles: Roles, criteriaColumns: readonly number[] = []): TableIssue[] {
  const issues: TableIssue[] = [];
  const seen = new Map<string, number>();
  const numericCols = new Map<number, string>();
  for (const r of NUMERIC_ROLES) if (roles[r] !== undefined) numericCols.set(roles[r]!, ROLE_LABELS[r]);
  for (const c of criteriaColumns) if (!numericCols.has(c)) numericCols.set(c, t.headers[c] || `column ${c + 1}`);
  const used = [...new Set([...Object.values(roles), ...criteriaColumns])].filter((c): c is number => c !== undefined).sort((x, y) => x - y);
  const mustHave = new Map<number, string>();
  for (const r of ["cost", "margin"] as const) if (roles[r] !== undefined) mustHave.set(roles[r]!, r);
  t.rows.forEach((row, r) => {
    if (row.every((c) => isBlank(c))) return; // an empty row is not a customer
    for (const c of used) {
      const code = excelErrorCodeOf(row[c]);
      if (code !== undefined) {
        issues.push({ kind: "error-value", row: r, address: cellAddress(t, r, c), message: `${cellAddress(t, r, c)} holds the error ${code}` });
      }
    }
    // The address is made only for a cell with a problem (a few strings per row add up at 100,000 rows).
    const add = (kind: TableIssue["kind"], c: number, message: (addr: string) => string) => {
      const address = cellAddress(t, r, c);
      issues.push({ kind, row: r, address, message: message(address) });
    };
    if (roles.name !== undefined) {
      const nameCol = roles.name;
      const cell = row[nameCol];
      if (isEmpty(cell)) add("blank-name", nameCol, (addr) => `${addr}: the customer name is blank`);
      else if (excelErrorCodeOf(cell) === undefined) {
        const key = String(cell).trim().toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) add("duplicate-name", nameCol, (addr) => `${addr}: "${String(cell).trim()}" already appears at ${cellAddress(t, first, nameCol)}`);
        else seen.set(key, r);
      }
    }
    for (const [c, label] of numericCols) {
      const cell = row[c];
      if (excelErrorCodeOf(cell) !== undefined) continue;
      if (isEmpty(cell)) {
        if (c === roles.revenue) add("blank-revenue", c, (addr) => `${addr}: revenue is blank`);
        else if (mustHave.has(c)) add("blank-amount", c, (addr) => `${addr}: ${mustHave.get(c)} is blank; type 0 if there is none`);
        continue;
      }
      if (typeof cell === "string" || typeof cell === "boolean") {
        const hint = typeof cell === "string" ? numberAsTextHint(cell) : "";
        add("text-number", c, (addr) => `${addr}: ${label} is text "${String(cell)}", expected a number${hint}`);
        continue;
      }
      const x = cell as number;
      if (c === roles.revenue && x < 0) add("negative-revenue", c, (addr) => `${addr}: revenue is negative (${x})`);
      if (c === roles.churn && (x < 0 || x > 1)) add("bad-probability", c, (addr) => `${addr}: churn probability ${cell} is outside 0 to 1`);
    }
  });
  return issues;
}

export interface Customer {
  name: string;
  revenue: number;
  /** Contribution margin: the margin column, or revenue − cost. */
  margin?: number;
  churn?: number;
  region?: string;
  segment?: string;
  /** Raw value of every column, by column index (numbers or null when blank/not numeric). */
  numbers: (number | null)[];
  /** 0-based data row in the source table. */
  sourceRow: number;
}

export interface Extracted {
  customers: Customer[];
  /** Rows left out and why (one entry per row, the first problem's message). */
  excluded: { row: number; reason: string }[];
}

/**
 * Customer records from a table whose issues the user chose to leave out: every row with an
 * issue is excluded (and reported), empty rows are skipped silently.
 */
export function extractCustomers(t: SourceTable, roles: Roles, issues: readonly TableIssue[]): Extracted {
  if (roles.name === undefined) throw new Error("choose the column that holds the customer name");
  if (roles.revenue === undefined) throw new Error("choose the column that holds revenue");
  const reasons = new Map<number, string>();
  for (const i of issues) if (!reasons.has(i.row)) reasons.set(i.row, i.message);
  const customers: Customer[] = [];
  const excluded: Extracted["excluded"] = [];
  t.rows.forEach((row, r) => {
    if (row.every((c) => isBlank(c))) return;
    const reason = reasons.get(r);
    if (reason !== undefined) {
      excluded.push({ row: r, reason });
      return;
    }
    const num = (c: number | undefined): number | undefined => (c === undefined || typeof row[c] !== "number" ? undefined : (row[c] as number));
    const text = (c: number | undefined): string | undefined => (c === undefined || isBlank(row[c]) ? undefined : String(row[c]));
    const revenue = num(roles.revenue)!;
    const cost = num(roles.cost);
    const margin = num(roles.margin) ?? (cost !== undefined ? revenue - cost : undefined);
    customers.push({
      name: String(row[roles.name!]).trim(),
      revenue,
      margin,
      churn: num(roles.churn),
      region: text(roles.region),
      segment: text(roles.segment),
      numbers: t.headers.map((_, c) => (typeof row[c] === "number" ? (row[c] as number) : null)),
      sourceRow: r,
    });
  });
  return { customers, excluded };
}

/**
 * Columns that hold numbers in most non-blank rows: candidates for data criteria. A number
 * stored as text ("1,234", "$5,000") counts too, so the column is offered and its cells then
 * flagged by `validateTable`; an identifier with leading zeros ("0012") does not. With
 * `textNumbers: false` only real numbers count.
 */
export function numericColumns(t: SourceTable, options: { textNumbers?: boolean } = {}): number[] {
  const textNumbers = options.textNumbers ?? true;
  const numberLike = (v: Scalar): boolean => typeof v === "number" || (textNumbers && typeof v === "string" && numberAsTextHint(v) !== "" && !/^\s*0\d/.test(v));
  return t.headers
    .map((_, c) => c)
    .filter((c) => {
      let numbers = 0;
      let filled = 0;
      for (const row of t.rows) {
        if (isBlank(row[c])) continue;
        filled++;
        if (numberLike(row[c])) numbers++;
      }
      return filled > 0 && numbers / filled >= 0.5;
    });
}
