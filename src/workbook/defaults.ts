/**
 * Sensible first choices for the wizard and the CLI: which columns become criteria, in which
 * direction, and the manual criteria practitioners use.
 */
import { isBlank } from "../core/input";
import type { CriterionSpec } from "./build";
import { numericColumns, Roles, SourceTable } from "./customers";

/** Manual criteria from practice (rated 1–10 by the user in the scoring sheet). */
export const MANUAL_PRESETS: readonly string[] = [
  "Revenue potential",
  "Retention",
  "Referrals and reputation",
  "Add-on potential",
  "Customer's brand",
  "Feedback",
  "Product compatibility",
  "Existing connections",
  "Cultural fit",
  "Geographical closeness",
  "Ease of service",
];

/** Headers that name a cost criterion (lower is better). */
const COST_HEADER = /cost|complaint|days|risk|churn|overdue|returns|effort|discount|dso/i;

export function guessDirection(header: string): "benefit" | "cost" {
  return COST_HEADER.test(header) ? "cost" : "benefit";
}

/** A column of whole numbers 1–10 (blanks allowed), or a header saying "(1-10)": a rating the user keeps typing. */
export function isRatingColumn(t: SourceTable, c: number): boolean {
  if (/1\s*[-–]\s*10/.test(t.headers[c] ?? "")) return true;
  let filled = 0;
  for (const row of t.rows) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 10) return false;
    filled++;
  }
  return filled > 0;
}

/** "Strategic fit (1-10)" → "Strategic fit": the sheet adds "(1–10)" to every manual criterion. */
export function ratingLabel(header: string): string {
  return header.replace(/\s*[([]?\s*1\s*[-–]\s*10\s*[)\]]?\s*$/, "").trim() || header;
}

/**
 * Default criteria: revenue (weight 2), every other numeric column as a data criterion
 * (weight 1, direction from its header), rating columns as manual criteria seeded from the
 * table. Role columns other than revenue (cost, margin, churn) are not criteria by default.
 */
export function defaultCriteria(t: SourceTable, roles: Roles): CriterionSpec[] {
  const roleCols = new Set(Object.entries(roles).filter(([r]) => r !== "revenue").map(([, c]) => c));
  const out: CriterionSpec[] = [];
  if (roles.revenue !== undefined) {
    out.push({ label: t.headers[roles.revenue] || "Revenue", kind: "data", column: roles.revenue, direction: "benefit", method: "minmax", weight: 2 });
  }
  // Only columns that mostly hold real numbers are ticked: a column of numbers stored as text
  // is offered by the wizard (numericColumns) but would leave every row out if it were chosen.
  for (const c of numericColumns(t, { textNumbers: false })) {
    if (c === roles.revenue || roleCols.has(c)) continue;
    const label = t.headers[c] || `Column ${c + 1}`;
    if (isRatingColumn(t, c)) out.push({ label: ratingLabel(label), kind: "manual", column: c, direction: "benefit", method: "minmax", weight: 1 });
    else out.push({ label, kind: "data", column: c, direction: guessDirection(label), method: "minmax", weight: 1 });
  }
  return out;
}
