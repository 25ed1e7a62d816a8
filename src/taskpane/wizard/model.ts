/**
 * The wizard's settings and the pure rules over them: validation of what the user typed, the
 * AHP weights, the build request and its signature (to tell when a summary is out of date).
 * No React and no Office here.
 */
import type { Judgement, RiTable } from "../../core/ahp";
import { GroupAhpError, groupAhp, type PairSpread } from "../../core/ahp-group";
import type { Direction, ScaleMethod } from "../../core/scoring";
import { AHP_CR_LIMIT } from "../../core/defaults";
import type { CriterionSpec, KeyRule, PreviousInputs } from "../../workbook/build";
import { numericColumns, type Roles, type SourceTable } from "../../workbook/customers";
import { defaultCriteria, guessDirection, MANUAL_PRESETS } from "../../workbook/defaults";
import { CURRENCY_TEXT } from "../../workbook/layout";
import { defaultCurrency } from "./currency";
import type { NumberLocale } from "./format";
import type { BuildRequest } from "./host";

export interface CriterionRow {
  /** Stable key for React and element ids. */
  key: string;
  label: string;
  kind: "data" | "manual";
  column?: number;
  include: boolean;
  direction: Direction;
  method: ScaleMethod;
  /** The weight as typed. */
  weightText: string;
  /** A preset offered under "More criteria" (not one the sheet or the user added). */
  preset?: boolean;
}

export type WeightMode = "direct" | "ahp";
export type RuleKind = KeyRule["kind"];

export interface Settings {
  criteria: CriterionRow[];
  weightMode: WeightMode;
  /** Pairwise judgements by "labelA\u0000labelB": -8 … 8, negative when A matters more (see `pairRatio`). */
  pairwise: Record<string, number | null>;
  /**
   * Further raters' judgements (rater 2, 3, …), same keys and scale; null marks a pair the
   * rater left unanswered (also allowed in `pairwise`). The group's matrix is the geometric
   * mean of the answers per pair (core/ahp-group.ts).
   */
  raters: Record<string, number | null>[];
  /** Random-index table of the consistency ratio. */
  riTable: RiTable;
  /** Also build the KAM Sensitivity sheet. */
  sensitivity: boolean;
  crConfirmed: boolean;
  ruleKind: RuleKind;
  ruleText: Record<RuleKind, string>;
  fixedCostsText: string;
  monthsText: string;
  /** Currency shown with amounts on every sheet ("EUR"); "" for none. Proposed from the display language. */
  currencyText: string;
}

export function defaultSettings(nl: NumberLocale): Settings {
  return {
    criteria: [],
    weightMode: "direct",
    pairwise: {},
    raters: [],
    riTable: "saaty1980",
    sensitivity: false,
    crConfirmed: false,
    ruleKind: "top",
    // Whole numbers as plain digits (read alike in every locale; no Intl call at start-up).
    ruleText: { top: "10", cutoff: "7", share: "10" },
    fixedCostsText: "",
    monthsText: "12",
    // From the locale as asked for: checking it with Intl (nl.locale) was the first Intl call
    // of the page, a quarter of a second of the first render at 4× CPU throttling.
    currencyText: defaultCurrency(nl.requested ?? nl.locale),
  };
}

let keys = 0;
const newKey = () => `c${++keys}`;

/** The criteria offered for a table: its defaults ticked, other numeric columns and the manual presets not. */
export function criteriaFor(table: SourceTable, roles: Roles, nl: NumberLocale): CriterionRow[] {
  const rows: CriterionRow[] = defaultCriteria(table, roles).map((c) => ({ key: newKey(), label: c.label, kind: c.kind, column: c.column, include: true, direction: c.direction, method: c.method, weightText: nl.num(c.weight) }));
  for (const c of numericColumns(table)) {
    if (c === roles.name || rows.some((r) => r.column === c)) continue;
    const label = table.headers[c] || `Column ${c + 1}`;
    rows.push({ key: newKey(), label, kind: "data", column: c, include: false, direction: guessDirection(label), method: "minmax", weightText: "1" });
  }
  for (const p of MANUAL_PRESETS) rows.push({ key: newKey(), label: p, kind: "manual", include: false, direction: "benefit", method: "minmax", weightText: "1", preset: true });
  return rows;
}

export function newManualCriterion(label: string): CriterionRow {
  return { key: newKey(), label, kind: "manual", include: true, direction: "benefit", method: "minmax", weightText: "1" };
}

/** The settings of the sheets built before, over `s`: their criteria, weights, directions, rule and assumptions. */
export function applyPrevious(s: Settings, prev: PreviousInputs, nl: NumberLocale): Settings {
  const criteria = s.criteria.map((c) => ({ ...c }));
  const labels = Object.keys(prev.weights);
  const manualLabels = new Set(prev.manualLabels ?? []);
  const kindOf = (label: string): CriterionRow["kind"] => (manualLabels.has(label) ? "manual" : "data");
  let weightMode = s.weightMode;
  if (labels.length > 0) {
    // Each criterion of the sheet ticks one row of its kind (a data column and a manual preset
    // can share a name); the sheet's own manual criteria come back, data criteria whose column
    // the table no longer has do not.
    const matched = new Set<string>();
    for (const c of criteria) {
      c.include = prev.weights[c.label] !== undefined && kindOf(c.label) === c.kind && !matched.has(c.label);
      if (!c.include) continue;
      matched.add(c.label);
      c.weightText = nl.num(prev.weights[c.label], 6);
      const d = prev.directions[c.label];
      if (d === "benefit" || d === "cost") c.direction = d;
      const m = prev.methods?.[c.label];
      if (m && c.kind === "data") c.method = m;
    }
    for (const label of labels) {
      if (!matched.has(label) && kindOf(label) === "manual") criteria.push({ ...newManualCriterion(label), weightText: nl.num(prev.weights[label], 6) });
    }
    weightMode = "direct";
  }
  const ruleText = { ...s.ruleText };
  let ruleKind = s.ruleKind;
  if (prev.keyRuleKind && prev.keyRuleValue !== undefined) {
    ruleKind = prev.keyRuleKind;
    ruleText[ruleKind] = ruleKind === "share" ? nl.num(prev.keyRuleValue * 100, 4) : nl.num(prev.keyRuleValue, 6);
  }
  return {
    ...s,
    criteria,
    weightMode,
    ruleKind,
    ruleText,
    fixedCostsText: prev.fixedCosts !== undefined ? nl.amount(prev.fixedCosts) : s.fixedCostsText,
    monthsText: prev.monthsToReplace !== undefined ? nl.num(prev.monthsToReplace) : s.monthsText,
  };
}

export const pairKey = (a: string, b: string) => `${a}\u0000${b}`;

/** How much more A matters than B for a judgement -8 … 8: -8 → 9 (A extremely more), 0 → 1, 8 → 1/9. */
export function pairRatio(v: number): number {
  return v <= 0 ? 1 - v : 1 / (1 + v);
}

/** "Revenue 5× more important" / "equal" / "NPS 3× more important". */
export function pairText(v: number, a: string, b: string): string {
  if (v === 0) return "Equally important";
  return `${v < 0 ? a : b} ${1 + Math.abs(v)}× as important`;
}

export interface Weights {
  /** One per included criterion. */
  weights: number[];
  cr?: number;
  error?: string;
  /** AHP: the judgements furthest from the weights, with the value that would be consistent (indices into the included criteria). */
  worst?: Judgement[];
  /** AHP with several raters: relative homogeneity of their weights (1 = they agree) and the spread per pair. */
  consensus?: number;
  pairs?: PairSpread[];
  /** AHP: pairs nobody answered, completed by the most consistent value. */
  completed?: number;
}

/** Weights used for the build: typed, or the AHP eigenvector (as percentages). */
export function weightsOf(s: Settings, nl: NumberLocale): Weights {
  const inc = s.criteria.filter((c) => c.include);
  if (s.weightMode === "direct" || inc.length < 2) return { weights: inc.map((c) => nl.parse(c.weightText) ?? NaN) };
  const n = inc.length;
  // Each rater's matrix: upper triangle from the sliders (null: unanswered), the rest left for the reader.
  const matrix = (judged: Record<string, number | null>) =>
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        if (i === j) return 1;
        if (i > j) return null;
        const v = judged[pairKey(inc[i].label, inc[j].label)];
        return v === null ? null : pairRatio(v ?? 0);
      }),
    );
  try {
    const g = groupAhp([matrix(s.pairwise), ...s.raters.map(matrix)], { riTable: s.riTable, labels: inc.map((c) => c.label), worst: 3 });
    return {
      weights: Array.from(g.weights, (w) => Math.round(w * 1000) / 10),
      cr: g.cr,
      worst: g.worst.filter((j) => j.deviation > 0),
      consensus: s.raters.length > 0 ? g.consensus : undefined,
      pairs: g.pairs,
      completed: g.completed.length,
    };
  } catch (e) {
    return { weights: inc.map(() => NaN), error: e instanceof GroupAhpError ? e.message : String(e) };
  }
}

/** The consistency ratio above which the user must confirm the comparisons (one home: core/defaults). */
export const CR_LIMIT = AHP_CR_LIMIT;

/** Field id → what to fix, for the criteria step. */
export type FieldErrors = Record<string, string>;

export function ruleValue(s: Settings, nl: NumberLocale): number | undefined {
  return nl.parse(s.ruleText[s.ruleKind]);
}

export function validateSettings(s: Settings, nl: NumberLocale): FieldErrors {
  const errors: FieldErrors = {};
  const inc = s.criteria.filter((c) => c.include);
  if (inc.length === 0) errors["criteria"] = "Tick at least one criterion.";
  if (s.weightMode === "direct") {
    let total = 0;
    for (const c of inc) {
      const v = nl.parse(c.weightText);
      if (v === undefined) errors[`weight-${c.key}`] = `Type a number, e.g. ${nl.num(2.5)}.`;
      else if (v < 0) errors[`weight-${c.key}`] = "A weight cannot be negative.";
      else total += v;
    }
    if (inc.length > 0 && total <= 0 && !inc.some((c) => errors[`weight-${c.key}`])) errors["criteria"] = "All weights are 0: give at least one criterion a weight.";
  } else {
    const w = weightsOf(s, nl);
    if (w.error) errors["ahp"] = w.error;
    else if (w.cr !== undefined && w.cr > CR_LIMIT && !s.crConfirmed) errors["cr-confirm"] = "The comparisons contradict each other: revisit them, or confirm to use them anyway.";
  }
  const rv = ruleValue(s, nl);
  if (s.ruleKind === "top") {
    if (rv === undefined || !Number.isInteger(rv) || rv < 1) errors["rule-value"] = "Type a whole number of 1 or more.";
  } else if (s.ruleKind === "cutoff") {
    if (rv === undefined || rv < 1 || rv > 10) errors["rule-value"] = `Type a score from 1 to 10, e.g. ${nl.num(7.5)}.`;
  } else if (rv === undefined || rv <= 0 || rv > 100) errors["rule-value"] = `Type a share above 0 and up to 100, e.g. ${nl.num(10)}.`;
  if (s.fixedCostsText.trim() !== "") {
    const f = nl.parse(s.fixedCostsText);
    if (f === undefined) errors["fixed-costs"] = `Type an amount, e.g. ${nl.amount(2_000_000)}.`;
    else if (f < 0) errors["fixed-costs"] = "Fixed costs cannot be negative.";
  }
  const months = nl.parse(s.monthsText);
  if (months === undefined || months <= 0) errors["months"] = "Type a number of months above 0, e.g. 12.";
  const currency = s.currencyText.trim();
  if (currency !== "" && !CURRENCY_TEXT.test(currency)) errors["currency"] = "Type a currency code or symbol of 1 to 5 letters, e.g. EUR, or leave it empty for none.";
  return errors;
}

export function keyRuleOf(s: Settings, nl: NumberLocale): KeyRule {
  const v = ruleValue(s, nl) ?? NaN;
  if (s.ruleKind === "top") return { kind: "top", n: v };
  if (s.ruleKind === "cutoff") return { kind: "cutoff", score: v };
  return { kind: "share", threshold: v / 100 };
}

/** The build request for valid settings (check `validateSettings` first). */
export function buildRequest(table: SourceTable, roles: Roles, s: Settings, nl: NumberLocale, baseline: PreviousInputs | undefined, builtOn: string): BuildRequest {
  const w = weightsOf(s, nl);
  const criteria: CriterionSpec[] = s.criteria
    .filter((c) => c.include)
    .map((c, i) => ({ label: c.label, kind: c.kind, column: c.column, direction: c.direction, method: c.method, weight: w.weights[i] }));
  const fixed = s.fixedCostsText.trim() === "" ? undefined : nl.parse(s.fixedCostsText);
  return {
    table,
    roles,
    criteria,
    keyRule: keyRuleOf(s, nl),
    fixedCosts: fixed,
    monthsToReplace: nl.parse(s.monthsText),
    consistencyRatio: s.weightMode === "ahp" ? w.cr : undefined,
    sensitivity: s.sensitivity,
    builtOn,
    baseline,
    currency: s.currencyText.trim() || undefined,
  };
}

/** What decides the sheets' content: equal signatures, equal sheets. */
export function signature(r: BuildRequest): string {
  const { table, roles, criteria, keyRule, fixedCosts, monthsToReplace, consistencyRatio, sensitivity, currency } = r;
  return JSON.stringify({ t: [table.sheetName, table.headers, table.rows.length], roles, criteria, keyRule, fixedCosts, monthsToReplace, consistencyRatio, sensitivity, currency });
}

/** The settings a build request writes on the sheets, as `readPreviousInputs` would read them back. */
export function settingsOf(request: BuildRequest): PreviousInputs {
  const rule = request.keyRule;
  return {
    weights: Object.fromEntries(request.criteria.map((c) => [c.label, c.weight])),
    directions: Object.fromEntries(request.criteria.filter((c) => c.kind === "data").map((c) => [c.label, c.direction])),
    manual: {},
    keyRuleKind: rule.kind,
    keyRuleValue: rule.kind === "top" ? rule.n : rule.kind === "cutoff" ? rule.score : rule.threshold,
    fixedCosts: request.fixedCosts ?? 0,
    monthsToReplace: request.monthsToReplace,
  };
}
