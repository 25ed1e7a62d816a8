/**
 * The column roles the source step shows, from the same mapping the CLI prints
 * (`mapColumns` in src/table/columns.ts): a column per role, the reason it was chosen, and
 * whether two columns fit equally well (then the pane asks the user to choose).
 *
 * One difference, flagged rather than hidden: when the mapping reads churn as 1 − a
 * renewal/retention probability, the pane does not take that column as churn (its build
 * reads the churn column as it is, which would be silently wrong); the reason under the
 * drop-down says so.
 */
import { mapColumns, type ColumnMapping } from "../../table/columns";
import { type Role, ROLE_LABELS, ROLES, type Roles, type SourceTable } from "../../workbook/customers";

export interface RoleChoice {
  role: Role;
  label: string;
  /** Chosen column, if any. */
  column?: number;
  /** Why this column was chosen (shown under the drop-down), when the mapping says. */
  reason?: string;
  /** Set when other columns fit as well as the detected one: a message asking the user to choose. */
  ambiguous?: string;
  required: boolean;
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

/** The roles detected by the shared mapping (without churn when it would need 1 − p: see above). */
export function detectColumns(table: SourceTable): Roles {
  const m = mappingOf(table);
  const roles: Roles = { ...m.roles };
  if (m.churnIsComplement) delete roles.churn;
  return roles;
}

const quote = (table: SourceTable, c: number) => `"${table.headers[c] || `Column ${c + 1}`}"`;

/** One entry per role, in the order the pane shows them. */
export function roleChoices(table: SourceTable, roles: Roles, detected: Roles): RoleChoice[] {
  const m = mappingOf(table);
  return ROLES.map((role) => {
    const column = roles[role];
    const mapped = m.choices.find((c) => c.role === role);
    let reason: string | undefined;
    let ambiguous: string | undefined;
    if (mapped && mapped.complement && role === "churn" && column === undefined) {
      reason = `${quote(table, mapped.column!)} looks like a renewal/retention probability (churn = 1 − it); the pane cannot read it that way yet, so no churn column is used.`;
    } else if (mapped && column !== undefined && column === mapped.column && detected[role] === column) {
      reason = mapped.reason;
      if (mapped.tied.length) {
        ambiguous = `${[column, ...mapped.tied].map((c) => quote(table, c)).join(" and ")} fit equally well: choose the right one.`;
      }
    } else if (column !== undefined) {
      reason = "Chosen by you";
    } else if (mapped && mapped.column === undefined) {
      // The CLI's hint names its flag; in the pane the drop-down is the way to choose.
      reason = mapped.reason.replace(/ \(use --column[^)]*\)/, "");
    }
    return { role, label: ROLE_LABELS[role], column, reason, ambiguous, required: REQUIRED_ROLES.includes(role) };
  });
}
