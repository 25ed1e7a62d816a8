/**
 * Every default, bound, rounding and tolerance of the domain, in one place. The core, the sheet
 * builders (which emit these numbers into formulas), the custom functions, the task pane and the
 * CLI all read them from here, so a figure cannot mean one thing in a sheet and another in a
 * function. Plain constants: this module imports nothing.
 */

/** Scores run from SCALE_LOW (worst) to SCALE_HIGH (best). */
export const SCALE_LOW = 1;
export const SCALE_HIGH = 10;

/** z-scores are clipped at ±Z_CLIP standard deviations before the linear map onto the scale. */
export const Z_CLIP = 3;

/**
 * Weighted totals are rounded to this many decimals, in the core (`weightedScore`, so
 * KAM.WSCORE), on the sheet (ROUND) and in the summary alike: 1.1/2.2/3.3 and 2.2/2.2/2.2 both
 * average 2.2, but not in floating point, and a tie must rank and flag the same customers
 * everywhere.
 */
export const TOTAL_DECIMALS = 10;

/** A weighted total as every place shows and compares it: rounded to `TOTAL_DECIMALS`. */
export function roundTotal(x: number): number {
  const f = 10 ** TOTAL_DECIMALS;
  return Math.round(x * f) / f;
}

/**
 * Tolerance for "cumulative share reaches s", as a share of the total: sums of floating-point
 * amounts can miss an exact threshold by a few units in the last place (0.7 + 0.1 < 0.8).
 * A millionth of a millionth of the total is far below a cent on any realistic total, and
 * far above rounding noise. The sheets' Pareto, ABC, revenue-share and 10% formulas allow the same.
 */
export const SHARE_TOLERANCE = 1e-12;

/** The HHI on the antitrust scale: shares in percent, squared (0–10,000 points). */
export const HHI_POINTS = 10_000;

/**
 * HHILEVEL classifies the HHI rounded to this many decimals (Excel: ROUND(hhi, 6)), so an
 * HHI within a millionth of a point of a threshold counts as the threshold: float noise in
 * a computed 1800.0000000000002 must not make a market "highly concentrated".
 */
export const HHI_LEVEL_DECIMALS = 6;

/** Pareto: the share of revenue "the few" carry (the 80 of 80/20). */
export const PARETO_SHARE = 0.8;

/** ABC classes: A below 80% cumulative share before the customer, B below 95%, C the rest. */
export const ABC_A_SHARE = 0.8;
export const ABC_B_SHARE = 0.95;

/** The concentration ratios (CR_k) the concentration sheet shows. */
export const CR_SIZES: readonly number[] = [1, 5, 10, 20];

/** Customers at or above this share of revenue must be disclosed (US GAAP ASC 280). */
export const DISCLOSURE_SHARE = 0.1;

/**
 * A key account below this share of revenue is named in a note saying why: size did not make it
 * key, its other criteria did (domain notes: a customer buying 18% of volume is key, one buying
 * 1% is not).
 */
export const SMALL_KEY_SHARE = 0.01;

/** Months it takes to replace a lost account's revenue (loss scenarios), by default. */
export const MONTHS_TO_REPLACE = 12;

/** Discount rate per year of the scoring sheet's Lifetime value column (finance's usual 10%). */
export const CLV_DISCOUNT = 0.1;

/** Practice keeps between these many key accounts (a hint, not a rule). */
export const KEY_ACCOUNTS_TYPICAL = { min: 5, max: 25 } as const;

/**
 * Cells per read through Office.js: Excel on the web limits a response to 5 MB; a cell's value
 * and its type take about 30 bytes of JSON for long text, so 100,000 cells stay well under it.
 */
/** AHP consistency ratio accepted without confirmation (Saaty): above it the judgements contradict each other. */
export const AHP_CR_LIMIT = 0.1;

export const READ_CHUNK_CELLS = 100_000;
