/**
 * The column roles the source step shows, from the same mapping the CLI prints
 * (`mapColumns` in src/table/columns.ts): a column per role, the reason it was chosen, and
 * whether two columns fit equally well.
 *
 * As in the CLI, nothing is picked silently: a role whose best columns tie is left unset and
 * the user must choose (the step cannot go on until they do); the message beside the
 * drop-down names the tied columns. A renewal/retention probability is used as churn = 1 − p
 * (the build reads a copy of the table with that column complemented, `churnTable`), labelled
 * as such beside the drop-down; the user can turn that reading on or off for any churn column.
 */
import { mapColumns, type ColumnMapping } from "../../table/columns";
import { complementColumn } from "../../table/clean";
import { type Role, ROLE_LABELS, ROLES, type Roles, type SourceTable } from "../../workbook/customers";

export interface RoleChoice {
  role: Role;
  label: string;
  /** Chosen column, if any. */
  column?: number;
  /** Why this column was chosen (shown under the drop-down), when the mapping says. */
  reason?: string;
  /** Set while other columns fit as well as the best one and the user has not chosen: the message naming them. */
  ambiguous?: string;
  required: boolean;
  /** Churn read as 1 − the column. */
  complement?: boolean;
}

/** What the pane takes from the mapping when a table is read. */
export interface Detection {
  /** Roles with a clear best column (tied roles are left out: the user must choose). */
  roles: Roles;
  /** Roles whose best columns tie. */
  unresolved: Role[];
  /** The churn column is a renewal/retention probability: churn = 1 − it. */
  complement: boolean;
}

export const REQUIRED_ROLES: readonly Role[] = ["name", "revenue"];

/** The mapping of a table, computed once per table (the pane re-renders often; the mapping reads every row). */
const mappings = new WeakMap<SourceTable, ColumnMapping>();
function mappingOf(table: SourceTable): ColumnMapping {
  let m = mappings.get(table);
  if (!m) {
    m = mapColumns(table);
    mappings.set(table, m);
  }
  return m;
}

/** The roles detected by the shared mapping, without a silent pick among tied columns. */
export function detect(table: SourceTable): Detection {
  const m = mappingOf(table);
  const roles: Roles = { ...m.roles };
  const unresolved = m.choices.filter((c) => c.column !== undefined && c.tied.length > 0).map((c) => c.role as Role);
  for (const r of unresolved) delete roles[r];
  return { roles, unresolved, complement: m.churnIsComplement && roles.churn !== undefined };
}

/** The roles `detect` finds (tied roles left unset). */
export function detectColumns(table: SourceTable): Roles {
  return detect(table).roles;
}

/** The table the build reads: with churn = 1 − the churn column when `complement`. */
export function churnTable(table: SourceTable, roles: Roles, complement: boolean): SourceTable {
  return complement && roles.churn !== undefined ? complementColumn(table, roles.churn) : table;
}

const quote = (table: SourceTable, c: number) => `"${table.headers[c] || `Column ${c + 1}`}"`;

/** One entry per role, in the order the pane shows them. */
export function roleChoices(table: SourceTable, roles: Roles, detected: Roles, unresolved: readonly Role[] = [], complement = false): RoleChoice[] {
  const m = mappingOf(table);
  return ROLES.map((role) => {
    const column = roles[role];
    const mapped = m.choices.find((c) => c.role === role);
    let reason: string | undefined;
    let ambiguous: string | undefined;
    const isComplement = role === "churn" && complement && column !== undefined;
    if (unresolved.includes(role) && mapped && mapped.column !== undefined) {
      const names = [mapped.column, ...mapped.tied].map((c) => quote(table, c));
      ambiguous = `${names.slice(0, -1).join(", ")} and ${names.at(-1)} fit equally well: choose the right one.`;
    } else if (mapped && column !== undefined && column === mapped.column && detected[role] === column) {
      reason = mapped.reason;
    } else if (column !== undefined) {
      reason = "Chosen by you";
    } else if (mapped && mapped.column === undefined) {
      // The CLI's hint names its flag; in the pane the drop-down is the way to choose.
      reason = mapped.reason.replace(/ \(use --column[^)]*\)/, "");
    }
    if (isComplement && !(reason ?? "").includes("1 −")) reason = `${reason ? `${reason}; ` : ""}read as churn = 1 − ${quote(table, column)}`;
    const label = ROLE_LABELS[role] + (isComplement ? " (1 − column)" : "");
    return { role, label, column, reason, ambiguous, required: REQUIRED_ROLES.includes(role), complement: isComplement || undefined };
  });
}
