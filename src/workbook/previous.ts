/**
 * Reads back what the user typed on a KAM Scoring sheet built earlier (weights, directions,
 * manual scores, the key-account rule value), so a rebuild keeps it. Manual scores are matched
 * by customer name, not by row. Pure: the caller passes the sheet's values (A1 at [0][0]).
 */
import type { ScaleMethod } from "../core/scoring";
import type { KeyRule, PreviousInputs } from "./build";
import { METHOD_LABEL, ORPHAN_HEADER, RULE_LABELS, SCORING } from "./build";
import { DISCOUNT_LABEL } from "./scoring-sheet";
import type { Scalar } from "./plan";

const num = (v: Scalar | undefined): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

export function readPreviousInputs(scoring: Scalar[][], loss?: Scalar[][]): PreviousInputs {
  const S = SCORING;
  const row = (r: number) => scoring[r] ?? [];
  const criterionRow = row(S.criterionRow);
  const header = row(S.headerRow).map((h) => (h === null ? "" : String(h)));
  const weights: Record<string, number> = {};
  const directions: Record<string, string> = {};
  const methods: Record<string, ScaleMethod> = {};
  const manual: Record<string, Record<string, number>> = {};
  const displayNames: Record<string, string> = {};
  const manualCols: [number, string][] = [];
  criterionRow.forEach((label, c) => {
    if (c === 0 || typeof label !== "string" || label === "") return;
    const w = num(row(S.weightRow)[c]);
    if (w !== undefined) weights[label] = w;
    const d = row(S.directionRow)[c];
    if (d === "benefit" || d === "cost") directions[label] = d;
    else if (typeof d === "string" && /^(benefit|cost)$/i.test(d.trim())) directions[label] = d.trim().toLowerCase();
    const m = (Object.keys(METHOD_LABEL) as ScaleMethod[]).find((k) => METHOD_LABEL[k] === row(S.methodRow)[c]);
    if (m) methods[label] = m;
    if (header[c]?.startsWith(`${label} (1–10)`)) manualCols.push([c, label]);
  });
  for (let r = S.headerRow + 1; r < scoring.length; r++) {
    const name = scoring[r]?.[0];
    if (typeof name !== "string" && typeof name !== "number") break; // end of the table
    if (String(name).trim() === "") break;
    for (const [c, label] of manualCols) {
      const v = num(scoring[r][c]);
      if (v === undefined) continue;
      const key = String(name).trim().toLowerCase();
      (manual[key] ??= {})[label] = v;
      displayNames[key] = String(name).trim();
    }
  }
  // Scores kept from an earlier build for customers that had left the table: read them back
  // too, so they survive any number of rebuilds (and return if the customer comes back).
  const kept = scoring.findIndex((r, i) => i > S.headerRow && r?.[0] === ORPHAN_HEADER[0] && r?.[1] === ORPHAN_HEADER[1] && r?.[2] === ORPHAN_HEADER[2]);
  if (kept >= 0) {
    for (let r = kept + 1; r < scoring.length; r++) {
      const [name, label, v] = scoring[r] ?? [];
      if ((typeof name !== "string" && typeof name !== "number") || typeof label !== "string" || num(v) === undefined) break;
      const key = String(name).trim().toLowerCase();
      if (manual[key]?.[label] !== undefined) continue; // a score in the table wins
      (manual[key] ??= {})[label] = num(v)!;
      displayNames[key] ??= String(name).trim();
    }
  }
  const clvDiscount = row(S.discountRow)[0] === DISCOUNT_LABEL ? num(row(S.discountRow)[1]) : undefined;
  const ruleLabel = row(S.ruleRow)[0];
  const keyRuleKind = (Object.keys(RULE_LABELS) as KeyRule["kind"][]).find((k) => RULE_LABELS[k] === ruleLabel);
  const out: PreviousInputs = { weights, directions, methods, manualLabels: manualCols.map(([, label]) => label), manual, displayNames, keyRuleKind, keyRuleValue: num(row(S.ruleRow)[1]), clvDiscount };
  if (loss) {
    out.fixedCosts = num(loss[3]?.[1]);
    out.monthsToReplace = num(loss[4]?.[1]);
  }
  return out;
}
