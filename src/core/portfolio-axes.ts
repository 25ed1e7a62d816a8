/**
 * Which criteria of the scoring scheme measure the account's attractiveness to us and which
 * our relative strength with it (the two axes of the key-account portfolio, see portfolio.ts),
 * with a weight per axis. The default split follows McDonald, Rogers & Woodburn (2000):
 *
 * - **attractiveness** (what the account is worth to us): size and revenue, growth and
 *   potential, margin and cost to serve, lifetime value, strategic fit, the customer's brand,
 *   and any criterion not recognised below;
 * - **strength** (how well we stand with the account): relationship, tenure and existing
 *   connections, share of the customer's wallet, position against the best competitor,
 *   satisfaction and NPS, retention and churn, loyalty, referrals and feedback.
 *
 * A criterion may count on both axes. Weights on an axis are used in proportion, as in the
 * weighted score; an axis whose weights are all 0 has no score.
 */
import { valueError } from "./errors";
import { nameKey } from "./review";

/** "none": the criterion counts in the weighted score but on neither axis. */
export type Axis = "attractiveness" | "strength" | "both" | "none";

/** Words in a criterion's name that make it a measure of our strength with the customer. */
const STRENGTH_WORDS =
  /relationship|wallet|position|competit|retention|retain|churn|loyal|tenure|nps|promoter|satisf|feedback|referral|connection|contact|trust|intimacy|share of (spend|business|purchases)|years as customer|customer since/i;

/**
 * The default axis of a criterion from its name: strength for relationship, share of wallet,
 * competitive position and retention-type criteria; attractiveness otherwise (size, growth,
 * margin, lifetime value, fit, brand...). "Brand strength" is the customer's brand: attractiveness.
 */
export function defaultAxis(label: string): Axis {
  return STRENGTH_WORDS.test(label) ? "strength" : "attractiveness";
}

/** One criterion's weights on the two axes (0: not on that axis). */
export interface AxisWeights {
  attractiveness: number;
  strength: number;
}

/** The per-axis weights of a criterion placed on `axis` with the scoring weight `weight`. */
export function axisWeights(axis: Axis, weight: number): AxisWeights {
  return {
    attractiveness: axis === "attractiveness" || axis === "both" ? weight : 0,
    strength: axis === "strength" || axis === "both" ? weight : 0,
  };
}

/**
 * The axis of each criterion from the user's lists (criterion names, compared trimmed and
 * case-insensitively). Neither list: every criterion on its default axis. One list: the
 * criteria named there on that axis, every other on the other axis (so `--strength NPS`
 * alone puts every other criterion on attractiveness). Both lists: a criterion named in both
 * counts on both, one named in neither on no axis.
 * Names that match no criterion throw #VALUE!, naming them and the criteria there are.
 */
export function assignAxes(labels: readonly string[], attractiveness?: readonly string[], strength?: readonly string[]): Axis[] {
  const keys = labels.map(nameKey);
  const check = (list: readonly string[] | undefined, option: string): Set<string> | undefined => {
    if (list === undefined) return undefined;
    const set = new Set<string>();
    for (const name of list) {
      const k = nameKey(name);
      if (k === "") continue;
      if (!keys.includes(k)) throw valueError(`${option}: no criterion is called "${name.trim()}"; the criteria are ${labels.join(", ")}`);
      set.add(k);
    }
    return set;
  };
  const a = check(attractiveness, "attractiveness");
  const s = check(strength, "strength");
  return labels.map((label, i): Axis => {
    const k = keys[i];
    if (a === undefined && s === undefined) return defaultAxis(label);
    const inA = a === undefined ? !s!.has(k) : a.has(k);
    const inS = s === undefined ? !a!.has(k) : s.has(k);
    if (inA && inS) return "both";
    if (inS) return "strength";
    if (inA) return "attractiveness";
    return "none";
  });
}

/** Names of the axes left without any positive weight (the portfolio needs both). */
export function emptyAxes(weights: readonly AxisWeights[]): ("attractiveness" | "strength")[] {
  const out: ("attractiveness" | "strength")[] = [];
  if (!weights.some((w) => w.attractiveness > 0)) out.push("attractiveness");
  if (!weights.some((w) => w.strength > 0)) out.push("strength");
  return out;
}
