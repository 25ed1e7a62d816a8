/**
 * The scoring sheet's Lifetime value column: each customer's margin over the years they are
 * expected to stay, discounted (KAM.CLV without a horizon, src/core/clv.ts), with retention
 * 1 − churn probability and the discount rate in an input cell (default 10%). It can be a
 * data criterion like any column (an attractiveness criterion of the portfolio by default).
 */
import { clv } from "../core/clv";
import { KamError } from "../core/errors";
import type { Customer } from "./customers";

/** Text shown instead of a value the model has no finite answer for (churn outside 0–1, or discount + churn ≤ 0). */
export const NO_CLV = "no finite value";

/** The core's lifetime value of a customer (null where the sheet shows a blank or NO_CLV). */
export function lifetimeValue(c: Customer, discount: number): number | null {
  if (c.margin === undefined || c.churn === undefined) return null;
  try {
    return clv({ margin: c.margin, retention: 1 - c.churn, discount });
  } catch (e) {
    if (e instanceof KamError) return null;
    throw e;
  }
}

/**
 * The sheet's formula: m·r / (1 + i − r) with r = 1 − churn, i.e. m·(1 − churn) / (i + churn),
 * as Gupta & Lehmann (2003). Text (not an error) where there is no finite value, so that the
 * column's MIN and MAX, and the other customers' scores, still compute.
 */
export function clvFormula(margin: string, churn: string, discount: string): string {
  const gap = `(${discount}+${churn})`;
  return `=IF(AND(ISNUMBER(${margin}),ISNUMBER(${churn})),IF(OR(${churn}<0,${churn}>1,${discount}<=-1,${gap}<=0),"${NO_CLV}",${margin}*(1-${churn})/${gap}),"")`;
}
