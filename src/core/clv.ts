/**
 * Customer lifetime value in the simple retention model: the customer brings margin m at
 * the end of each year they stay, stays from one year to the next with probability r, and
 * money is discounted at rate i. The expected margin of year t is m·r^t, worth m·(r/(1+i))^t
 * today, so
 *
 *   finite horizon T:   CLV_T = Σ_{t=1..T} m·(r/(1+i))^t
 *   infinite horizon:   CLV   = m·r / (1 + i − r)          (the "margin multiple" r/(1+i−r))
 *
 * minus the cost of acquiring the customer. Gupta & Lehmann (2003), "Customers as assets",
 * Journal of Interactive Marketing 17(1), 9–24; Gupta & Lehmann (2005), "Managing Customers
 * as Investments"; the discrete-time retention model of Berger & Nasr (1998), "Customer
 * lifetime value: marketing models and applications", Journal of Interactive Marketing 12(1).
 */
import { numError } from "./errors";

export interface ClvInput {
  /** Margin per year (may be negative: a loss-making customer). */
  margin: number;
  /** Probability 0..1 that the customer stays from one year to the next. */
  retention: number;
  /** Discount rate per year, above −1 (0.1 for 10%). */
  discount: number;
  /** Horizon in whole years; omitted: infinite. */
  years?: number;
  /** Cost of acquiring the customer, 0 or more, subtracted once. */
  acquisitionCost?: number;
}

/** Checks a retention rate: a probability, 0..1. */
export function checkRetention(r: number, where = "retention"): void {
  if (!(r >= 0 && r <= 1)) throw numError(`${where} is ${r}, outside 0..1 (a retention rate is a probability: 80% is 0.8)`);
}

/** Checks a discount rate: above −1, so that 1 + i is positive. */
export function checkDiscount(i: number, where = "discount"): void {
  if (!(i > -1)) throw numError(`${where} is ${i}; a discount rate must be above −1 (10% is 0.1)`);
}

/**
 * The present value of the margins, before the acquisition cost. With q = r/(1+i) the
 * finite sum is m·q·(1 − q^T)/(1 − q) = [m·r/(1+i−r)]·(1 − q^T), computed with expm1 so
 * that it stays accurate when q is close to 1; q = 1 (r = 1 + i) gives m·T.
 */
function presentValue(m: number, r: number, i: number, years: number | undefined): number {
  const gap = 1 + i - r; // (1 − q)·(1 + i)
  if (years === undefined) {
    if (!(gap > 0)) {
      throw numError(`retention ${r} is not below 1 + discount (${1 + i}): without years the value is infinite; give a number of years`);
    }
    return (m * r) / gap;
  }
  if (r === 0) return 0;
  const q = r / (1 + i);
  if (gap === 0) return m * years;
  return ((m * r) / gap) * -Math.expm1(years * Math.log(q));
}

/** Customer lifetime value: present value of the margins of the years the customer stays, minus the acquisition cost. */
export function clv({ margin, retention, discount, years, acquisitionCost = 0 }: ClvInput): number {
  checkRetention(retention);
  checkDiscount(discount);
  if (years !== undefined && !(Number.isInteger(years) && years >= 1)) {
    throw numError(`years must be a whole number of at least 1, got ${years}`);
  }
  if (!(acquisitionCost >= 0)) {
    throw numError(`acquisition_cost is ${acquisitionCost}; enter the cost as an amount of 0 or more`);
  }
  return presentValue(margin, retention, discount, years) - acquisitionCost;
}
