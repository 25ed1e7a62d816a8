/**
 * The column roles the source step shows, through one small adapter: today from
 * `guessRoles` (the same guess the CLI makes); a richer mapping with reasons can replace
 * `detectColumns` without touching the pane.
 */
import { guessRoles, type Role, ROLE_LABELS, ROLES, type Roles, type SourceTable } from "../../workbook/customers";

export interface RoleChoice {
  role: Role;
  label: string;
  /** Chosen column, if any. */
  column?: number;
  /** Why this column was chosen (shown under the drop-down), when the mapping says. */
  reason?: string;
  required: boolean;
}

export const REQUIRED_ROLES: readonly Role[] = ["name", "revenue"];

/** The roles guessed from the headers. */
export function detectColumns(table: SourceTable): Roles {
  return guessRoles(table.headers);
}

/** One entry per role, in the order the pane shows them. */
export function roleChoices(table: SourceTable, roles: Roles, detected: Roles): RoleChoice[] {
  return ROLES.map((role) => {
    const column = roles[role];
    const auto = column !== undefined && detected[role] === column;
    return {
      role,
      label: ROLE_LABELS[role],
      column,
      reason: auto ? "Detected from its header" : undefined,
      required: REQUIRED_ROLES.includes(role),
    };
  });
}
