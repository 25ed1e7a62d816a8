/**
 * Comparing computed scores with a cut or a tolerance. A score built by a spreadsheet
 * formula (a weighted sum, a difference of two periods) carries floating-point noise: 5.5
 * may arrive as 5.499999999999999. Excel compares doubles exactly and LibreOffice with a
 * tolerance, so the same sheet could put a customer in different boxes. Rounding both sides
 * to `COMPARE_DECIMALS` decimals first (Excel: `ROUND(x, 6)`) makes the boundary hold by
 * construction in every host, as HHILEVEL does for its thresholds.
 */

/** Decimals kept before a score is compared with a cut or a tolerance (a sheet writes `ROUND(x, 6)`). */
export const COMPARE_DECIMALS = 6;

const FACTOR = 10 ** COMPARE_DECIMALS;

/**
 * `x` rounded to `COMPARE_DECIMALS` decimals, halves away from zero as Excel's ROUND does.
 * Like Excel, it rounds the number as its 15 significant digits read, so 8.3267245 (stored
 * as 8.32672449999…) becomes 8.326725, not 8.326724. Numbers too large to carry six
 * decimals (above about 9e9 the last decimal is already below a double's precision) come
 * back unchanged.
 */
export function roundForCompare(x: number): number {
  const scaled = Math.abs(x) * FACTOR;
  if (!(scaled < Number.MAX_SAFE_INTEGER)) return x;
  const r = Math.round(Number(scaled.toPrecision(15))) / FACTOR;
  return x < 0 ? -r : r;
}
