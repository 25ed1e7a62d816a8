/**
 * The portable spreadsheet formulas that compute what KAM.PORTFOLIO and KAM.TREND compute,
 * for sheets that must work without the add-in (the .xlsx of the CLI, LibreOffice). They
 * apply the same rule in the same place: round to `COMPARE_DECIMALS` with ROUND, then
 * compare. Arguments are cell references or constants as formula text; results have no "=".
 */
import { COMPARE_DECIMALS } from "./compare";
import { QUADRANTS } from "./portfolio";

const round = (x: string): string => `ROUND(${x},${COMPARE_DECIMALS})`;
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * The box of one customer: blank when either score is blank, else the label by the cuts
 * (at or above the cut is high). `labels` in the order Strategic, Star, Status, Streamline.
 */
export function quadrantFormula(attractiveness: string, strength: string, attractivenessCut: string, strengthCut: string, labels: readonly string[] = QUADRANTS): string {
  const [strategic, star, status, streamline] = labels.map(quote);
  const strong = `${round(strength)}>=${round(strengthCut)}`;
  return (
    `IF(OR(${attractiveness}="",${strength}=""),"",` +
    `IF(${round(attractiveness)}>=${round(attractivenessCut)},IF(${strong},${strategic},${star}),IF(${strong},${status},${streamline})))`
  );
}

/** The trend of one customer: blank, "New", "Up", "Down" or "Same", as KAM.TREND. */
export function trendFormula(previous: string, current: string, tolerance = "0"): string {
  const d = round(`${current}-${previous}`);
  const t = round(tolerance);
  return `IF(${current}="","",IF(${previous}="","New",IF(${d}>${t},"Up",IF(${d}<-${t},"Down","Same"))))`;
}
