/**
 * The key-account portfolio: each customer placed on two axes, the account's attractiveness
 * to us and our relative strength with it, in four boxes, each with its own strategy.
 *
 * McDonald, Rogers & Woodburn, "Key Customers: How to Manage Them Profitably"
 * (Butterworth-Heinemann, 2000) and McDonald & Woodburn, "Key Account Management: The
 * Definitive Guide" (Cranfield School of Management), after the directional policy matrix.
 * Scores are on the scoring sheet's 1–10 scale, so the default cut is its midpoint, 5.5.
 */
import { roundForCompare } from "./compare";

export type Quadrant = "Strategic" | "Star" | "Status" | "Streamline";

/** The four boxes in the order KAM.PORTFOLIO's `labels` renames them. */
export const QUADRANTS: readonly Quadrant[] = ["Strategic", "Star", "Status", "Streamline"];

/** Midpoint of the 1–10 scale: the default cut on both axes. */
export const DEFAULT_CUT = 5.5;

/** The strategy for each box, in words for the portfolio sheet and the help page. */
export const QUADRANT_STRATEGY: Readonly<Record<Quadrant, string>> = {
  Strategic: "Invest: attractive account, strong position",
  Star: "Invest selectively: attractive account, weak position",
  Status: "Maintain: less attractive account, strong position",
  Streamline: "Serve efficiently: less attractive account, weak position",
};

/** True when `score` reaches `cut`, both rounded to 6 decimals (see compare.ts). */
export function reachesCut(score: number, cut: number): boolean {
  return roundForCompare(score) >= roundForCompare(cut);
}

/**
 * Index into `QUADRANTS` of a customer with these axis scores: attractiveness ≥ its cut and
 * strength ≥ its cut → 0 Strategic; attractive only → 1 Star; strong only → 2 Status;
 * neither → 3 Streamline.
 */
export function quadrantIndex(attractiveness: number, strength: number, attractivenessCut = DEFAULT_CUT, strengthCut = DEFAULT_CUT): 0 | 1 | 2 | 3 {
  const attractive = reachesCut(attractiveness, attractivenessCut);
  const strong = reachesCut(strength, strengthCut);
  if (attractive) return strong ? 0 : 1;
  return strong ? 2 : 3;
}

/** The box of a customer with these axis scores. */
export function quadrant(attractiveness: number, strength: number, attractivenessCut = DEFAULT_CUT, strengthCut = DEFAULT_CUT): Quadrant {
  return QUADRANTS[quadrantIndex(attractiveness, strength, attractivenessCut, strengthCut)];
}
