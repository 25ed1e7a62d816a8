/**
 * Sensible first choices for the wizard and the CLI: which columns become criteria, in which
 * direction, and the manual criteria practitioners use.
 */
import { isBlank } from "../core/input";
import type { CriterionSpec } from "./build";
import { isAmountHeader } from "../table/columns";
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

/** Headers of a cost-to-serve figure: scored as a share of the customer's revenue, never as an absolute amount. */
export const COST_TO_SERVE = /cost[\s-]*to[\s-]*serve|serv(ice|ing)\s*costs?|support\s*costs?|account\s*costs?|handling\s*costs?|betreuungskosten|servicekosten|co[uû]ts? de service|costes? de servicio|servicekosten|kostnad för service|servicekostnad/i;
/** Suffix of the derived column that holds cost to serve divided by revenue. */
export const SHARE_OF_REVENUE = " (share of revenue)";

/**
 * The table with one derived column per cost-to-serve column: its value divided by the
 * customer's revenue (blank when revenue is not a positive number). The defaults score that
 * share, not the absolute amount (a large customer costs more to serve in absolute terms).
 */
export function withCostShares(t: SourceTable, roles: Roles): SourceTable {
  const rev = roles.revenue;
  if (rev === undefined) return t;
  const cols = t.headers.map((h, c) => c).filter((c) => COST_TO_SERVE.test(t.headers[c]) && !t.headers[c].endsWith(SHARE_OF_REVENUE) && !Object.values(roles).includes(c));
  const fresh = cols.filter((c) => !t.headers.includes(t.headers[c] + SHARE_OF_REVENUE));
  if (fresh.length === 0) return t;
  return {
    ...t,
    headers: [...t.headers, ...fresh.map((c) => t.headers[c] + SHARE_OF_REVENUE)],
    rows: t.rows.map((r) => [
      ...r,
      ...fresh.map((c) => (typeof r[c] === "number" && typeof r[rev] === "number" && (r[rev] as number) > 0 ? (r[c] as number) / (r[rev] as number) : null)),
    ]),
  };
}

/**
 * Default criteria, chosen so that size decides first (the domain notes: a customer buying
 * 18% of volume is key, one buying 1% is not):
 * - revenue, weighted as much as all other criteria together (so it carries half the weight);
 * - every other numeric column as a data criterion (weight 1, direction from its header), except
 *   other readings of revenue, margin or cost (other years, budgets: `isAmountHeader`) and
 *   an absolute cost to serve: its share of revenue (`withCostShares`) is scored instead when
 *   the table has it;
 * - rating columns (1–10) as manual criteria seeded from the table, direction from the header
 *   ("Complaints (1-10)" is a cost);
 * - role columns other than revenue (cost, margin, churn) are not criteria.
 */
export function defaultCriteria(t: SourceTable, roles: Roles): CriterionSpec[] {
  const roleCols = new Set(Object.entries(roles).filter(([r]) => r !== "revenue").map(([, c]) => c));
  const others: CriterionSpec[] = [];
  // Only columns that mostly hold real numbers are ticked: a column of numbers stored as text
  // is offered by the wizard (numericColumns) but would leave every row out if it were chosen.
  for (const c of numericColumns(t, { textNumbers: false })) {
    if (c === roles.revenue || roleCols.has(c)) continue;
    const label = t.headers[c] || `Column ${c + 1}`;
    if (COST_TO_SERVE.test(label) && !label.endsWith(SHARE_OF_REVENUE)) continue;
    if (!label.endsWith(SHARE_OF_REVENUE) && isAmountHeader(label)) continue; // "Revenue 2023", "Budget revenue": another reading of revenue
    if (isRatingColumn(t, c)) others.push({ label: ratingLabel(label), kind: "manual", column: c, direction: guessDirection(label), method: "minmax", weight: 1 });
    else others.push({ label, kind: "data", column: c, direction: guessDirection(label), method: "minmax", weight: 1 });
  }
  if (roles.revenue === undefined) return others;
  const revenueWeight = Math.max(1, others.reduce((s, c) => s + c.weight, 0));
  return [{ label: t.headers[roles.revenue] || "Revenue", kind: "data", column: roles.revenue, direction: "benefit", method: "minmax", weight: revenueWeight }, ...others];
}

/**
 * The note naming a key account below 1% of revenue (`isSmallKeyAccount` in the core) with the
 * reason, for the CLI, its KAM Notes sheet and the pane: size did not make it key, these did.
 */
export function smallKeyNote(name: string, share: number, otherCriteria: readonly string[]): string {
  const on = otherCriteria.length ? ` (${otherCriteria.join(", ")})` : "";
  return `${name} has ${(share * 100).toFixed(1)}% of revenue and is a key account on its other criteria${on}.`;
}

/** The defaults in words, for the README, the CLI and the workbook's notes. */
export const DEFAULTS_TEXT: readonly string[] = [
  "Revenue is a criterion weighted as much as all other criteria together, so size decides first.",
  "Cost to serve is scored as a share of the customer's revenue (lower is better), never as an absolute amount.",
  "Other numeric columns are criteria of weight 1; headers such as cost, complaints, days, risk or churn are scored lower-is-better.",
  "Columns of whole numbers 1–10 are manual ratings, seeded from the table.",
  "Key accounts: the top 10 by weighted score. A key account with less than 1% of revenue is named in a note with the reason.",
  "Every customer with 10% of revenue or more (the US GAAP ASC 280 disclosure line) is listed in the summary.",
];
