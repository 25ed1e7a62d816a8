/**
 * Builds the KAM sheets (listed in sheets/registry.ts) as plans from the customer table and the user's choices.
 * Pure: no Office import. The formulas it writes recompute everything in Excel (weights,
 * manual scores and raw values can be changed without the add-in); the summary it returns is
 * computed by the core, the same code as the KAM.* functions. Each sheet is specified in
 * sheets/ (one `SheetSpec` per sheet), what they share in model.ts.
 */
import * as conc from "../core/concentration";
import { topLoss } from "../core/loss";
import { HHI_POINTS, MONTHS_TO_REPLACE, SCALE_HIGH, SCALE_LOW } from "../core/defaults";
import { type KeyRule, keyRuleOf, selectKeyAccounts, summariseKeyAccounts } from "../core/key-accounts";
import { sum } from "../core/numeric";
import { Direction, scaleValues, weightedScore } from "../core/scoring";
import { Customer, extractCustomers, ROLE_LABELS, TableIssue, validateTable } from "./customers";
import { laidOut } from "./layout";
import { a1, sheetRef, WorkbookPlan } from "./plan";
import type { ScoringScheme, SnapshotRow } from "../core/history";
import { quadrant } from "../core/portfolio";
import type { AxisWeights } from "../core/portfolio-axes";
import { lifetimeValue } from "./clv-column";
import { historySheet as historySheetPlan } from "./history-sheet";
import { type BuildInput, clean, CLV_LABEL, type Column, type CriterionSpec, DEFAULT_CLV_DISCOUNT, type Model, type PreviousInputs, spareRows } from "./model";
import { HISTORY_SHEET_NAME } from "./history-sheet";
import { buildScheme, type PortfolioSettings, portfolioSettings, reviewSettings } from "./sheets/portfolio";
import { REVIEW_HEADERS } from "./review-columns";
import { DEFAULT_SHEET_NAMES, SHEETS } from "./sheets/registry";
import { manualHeader, ruleText, SCORING } from "./sheets/scoring";
import type { BuildSettings, SheetSpec } from "./sheets/spec";

export { clean, DISCLOSURE_SHARE, KEY_LABEL, KEY_TABLE_ROWS, SCALE_HIGH, SCALE_LOW, TOTAL_DECIMALS } from "./model";
export type { BuildInput, CriterionSpec, KeyRule, PreviousInputs, SheetNames } from "./model";
export { DEFAULT_SHEET_NAMES } from "./sheets/registry";
export { manualHeader, METHOD_LABEL, ORPHAN_HEADER, RULE_LABELS, SCORING } from "./sheets/scoring";
export { LOSS, LOSS_HEADER } from "./sheets/loss";
export { CONC } from "./sheets/concentration";

export interface BuildSummary {
  customers: number;
  excluded: { row: number; reason: string }[];
  keyAccounts: string[];
  keyRevenueShare: number;
  keyMarginShare?: number;
  hhi: number;
  hhiLevel: conc.HhiLevel;
  top1Loss: { revenue: number; margin?: number; share: number };
  top3Loss: { revenue: number; margin?: number; share: number };
  /** Customers at or above 10% of revenue (US GAAP ASC 280 disclosure threshold). */
  disclosure: { name: string; share: number }[];
  /** Key accounts below 1% of revenue (key on their other criteria), to be named with that reason. */
  smallKeyAccounts: { name: string; share: number }[];
  /** Manual scores typed for customers that are no longer in the table (kept on the sheet). */
  orphanedScores: number;
  warnings: string[];
}

export interface BuildResult {
  plan: WorkbookPlan;
  summary: BuildSummary;
  /** The figures of this build as Close quarter records them (computed by the core). */
  review: { scheme: ScoringScheme; rows: SnapshotRow[] };
  issues: TableIssue[];
}

const nameKey = (name: string) => name.trim().toLowerCase();

function buildModel(input: BuildInput, customers: Customer[], excluded: Model["excluded"]): Model {
  // A caller that knows only some of the roles (e.g. built before a sheet existed) gets the default names for the rest.
  const names = { ...DEFAULT_SHEET_NAMES, ...input.sheetNames };
  const roles = input.roles;
  const hasMargin = customers.some((c) => c.margin !== undefined);
  const hasChurn = roles.churn !== undefined;
  const columns: Column[] = [
    { header: "Customer", kind: "name", width: 28 },
    { header: "Revenue", kind: "revenue", width: 14 },
    { header: "Revenue share", kind: "share", width: 10 },
  ];
  if (hasMargin) columns.push({ header: roles.margin !== undefined ? "Margin" : "Margin (revenue − cost)", kind: "margin", width: 14 });
  if (hasChurn) columns.push({ header: "Churn probability", kind: "churn", width: 10 });
  // Lifetime value m·(1 − churn) / (discount + churn), when margin and churn are known (see clv-column.ts).
  const clvCol = hasMargin && hasChurn ? columns.length : -1;
  if (clvCol >= 0) columns.push({ header: CLV_LABEL, kind: "clv", width: 14 });
  if (roles.region !== undefined) columns.push({ header: input.table.headers[roles.region] || "Region", kind: "text", width: 14, source: roles.region });
  if (roles.segment !== undefined) columns.push({ header: input.table.headers[roles.segment] || "Segment", kind: "text", width: 14, source: roles.segment });
  const rawColOf = new Map<number, number>();
  input.criteria.forEach((c, i) => {
    if (c.kind !== "data") return;
    if (c.derived === "clv") {
      if (clvCol < 0) throw new Error(`the ${CLV_LABEL} criterion needs margin (or cost) and churn columns`);
      rawColOf.set(i, clvCol);
    } else if (c.column === roles.revenue) rawColOf.set(i, 1);
    else {
      rawColOf.set(i, columns.length);
      columns.push({ header: c.label, kind: "raw", width: 12, criterion: i, source: c.column });
    }
  });
  const scoreCols: number[] = [];
  input.criteria.forEach((c, i) => {
    scoreCols.push(columns.length);
    columns.push({
      header: c.kind === "data" ? `${c.label} score` : manualHeader(c.label),
      kind: c.kind === "data" ? "score" : "manual",
      width: 11,
      criterion: i,
      source: rawColOf.get(i),
    });
  });
  columns.push({ header: "Weighted score", kind: "total", width: 11 });
  columns.push({ header: "Rank", kind: "rank", width: 7 });
  columns.push({ header: "Key account", kind: "key", width: 13 });
  const historySheet = input.history && input.history.length > 0 ? HISTORY_SHEET_NAME : undefined;
  if (historySheet) {
    columns.push({ header: REVIEW_HEADERS.previous, kind: "previous", width: 11 });
    columns.push({ header: REVIEW_HEADERS.trend, kind: "trend", width: 8 });
    columns.push({ header: REVIEW_HEADERS.rankChange, kind: "rankChange", width: 8 });
    columns.push({ header: REVIEW_HEADERS.keyThen, kind: "keyThen", width: 13 });
  }
  // Excel renames repeated headers in a table ("Rank2"), so make them unique here.
  const seen = new Set<string>();
  for (const c of columns) {
    let h = c.header;
    for (let k = 2; seen.has(h.toLowerCase()); k++) h = `${c.header} (${k})`;
    seen.add(h.toLowerCase());
    c.header = h;
  }
  const first = SCORING.headerRow + 1;
  const last = first + Math.max(customers.length, 1) - 1;
  const col = (kind: Column["kind"]) => columns.findIndex((c) => c.kind === kind);
  const end = last + spareRows(customers.length);
  const local = (c: number) => `${a1(first - 1, c, true)}:${a1(end, c, true)}`;
  const range = (c: number) => `${sheetRef(names.scoring)}${local(c)}`;
  return { input, names, customers, excluded, hasMargin, hasChurn, columns, col, first, last, end, scoreCols, range, local, historySheet };
}

/** Scores, totals, ranks and key flags computed by the core (for the summary and for tests). */
export interface CoreScores {
  scores: Float64Array[]; // per criterion, NaN for blank
  totals: Float64Array; // NaN when no criterion has a score
  ranks: Uint32Array;
  key: boolean[];
}

export function coreScores(
  customers: Customer[],
  criteria: CriterionSpec[],
  keyRule: KeyRule,
  manual: (c: Customer, label: string) => number | undefined,
  weights: number[],
  clvDiscount = DEFAULT_CLV_DISCOUNT,
): CoreScores {
  const n = customers.length;
  const scores = criteria.map((c) => {
    const out = new Float64Array(n).fill(NaN);
    if (c.kind === "manual") {
      customers.forEach((cu, i) => {
        const v = manual(cu, c.label);
        if (v !== undefined) out[i] = v;
      });
      return out;
    }
    const idx: number[] = [];
    const xs: number[] = [];
    customers.forEach((cu, i) => {
      const v = c.derived === "clv" ? lifetimeValue(cu, clvDiscount) : cu.numbers[c.column!];
      if (v !== null) {
        idx.push(i);
        xs.push(v);
      }
    });
    if (xs.length > 0) {
      const s = scaleValues(Float64Array.from(xs), { low: SCALE_LOW, high: SCALE_HIGH, direction: c.direction, method: c.method });
      idx.forEach((i, k) => (out[i] = s[k]));
    }
    return out;
  });
  const totals = new Float64Array(n);
  const row = new Float64Array(criteria.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < criteria.length; j++) row[j] = scores[j][i];
    try {
      totals[i] = weightedScore(row, weights, "skip"); // rounded to TOTAL_DECIMALS, as on the sheet
    } catch {
      totals[i] = NaN;
    }
  }
  const { ranks, key } = selectKeyAccounts(keyRule, totals, Float64Array.from(customers, (c) => c.revenue));
  return { scores, totals, ranks, key };
}

/**
 * One setting on a rebuild: what the pane says when the user changed it there (it differs from
 * the baseline the pane was filled with), else what the previous sheet says, else the pane's.
 */
function setting<T>(pane: T, baseline: T | undefined, sheet: T | undefined): T {
  if (baseline !== undefined && pane !== baseline) return pane;
  return sheet ?? pane;
}

/** Criteria with unique, non-blank labels ("Criterion", "NPS (2)"): labels name rows and columns on the sheet. */
function uniqueLabels(criteria: CriterionSpec[]): CriterionSpec[] {
  const labels = new Set<string>();
  return criteria.map((c) => {
    let label = c.label.trim() || "Criterion";
    for (let k = 2; labels.has(label.toLowerCase()); k++) label = `${c.label.trim() || "Criterion"} (${k})`;
    labels.add(label.toLowerCase());
    return label === c.label ? c : { ...c, label };
  });
}

/**
 * Manual scores: one on the previous sheet wins (the user may have typed over the table's
 * rating); otherwise a rating column of the table seeds it. `differing` counts where the two
 * differ, for the summary: clearing the cell on the sheet takes the table's rating next time.
 */
function manualScores(criteria: CriterionSpec[], customers: Customer[], prev: PreviousInputs | undefined): { manual: BuildSettings["manual"]; differing: number } {
  const seeds = new Map(criteria.filter((c) => c.kind === "manual" && c.column !== undefined).map((c) => [c.label, c.column!]));
  const typed = (c: Customer, label: string) => prev?.manual[nameKey(c.name)]?.[label];
  const manual = (c: Customer, label: string): number | undefined => {
    const col = seeds.get(label);
    return typed(c, label) ?? (col === undefined ? undefined : (c.numbers[col] ?? undefined));
  };
  let differing = 0;
  for (const c of customers) {
    for (const [label, col] of seeds) {
      const fromTable = c.numbers[col];
      if (typed(c, label) !== undefined && fromTable !== null && typed(c, label) !== fromTable) differing++;
    }
  }
  return { manual, differing };
}

/** Manual scores on the previous sheet of customers no longer in the table: [name, criterion, score]. */
function orphanScores(customers: Customer[], prev: PreviousInputs | undefined): [string, string, number][] {
  const present = new Set(customers.map((c) => nameKey(c.name)));
  const orphans: [string, string, number][] = [];
  for (const [name, scores] of Object.entries(prev?.manual ?? {})) {
    if (present.has(name)) continue;
    for (const [label, v] of Object.entries(scores)) orphans.push([prev?.displayNames?.[name] ?? name, label, v]);
  }
  return orphans;
}

const asDirection = (d: string | undefined): Direction | undefined => (d === "cost" || d === "benefit" ? d : undefined);

/** Weights, directions and the rule's value: the pane's, or the previous sheet's (see `setting`). */
function criteriaSettings(input: BuildInput): { weights: number[]; directions: Direction[]; ruleValue: number } {
  const { previous: prev, baseline: base } = input;
  const weights = input.criteria.map((c) => setting(c.weight, base?.weights[c.label], prev?.weights[c.label]));
  const directions = input.criteria.map((c) => setting(c.direction, asDirection(base?.directions[c.label]), asDirection(prev?.directions[c.label])));
  // The rule's value on the sheet counts only under the same kind of rule (N, a score or a share).
  const kind = input.keyRule.kind;
  const ruleValue = setting(ruleText(input.keyRule).value, base?.keyRuleKind === kind ? base.keyRuleValue : undefined, prev?.keyRuleKind === kind ? prev.keyRuleValue : undefined);
  return { weights, directions, ruleValue };
}

/**
 * Validates, extracts and builds. Rows with problems are left out (and reported) — the caller
 * decides before calling whether that is what the user wants.
 */
export function buildWorkbook(input: BuildInput): BuildResult {
  input = { ...input, criteria: uniqueLabels(input.criteria) };
  const criteriaCols = input.criteria.filter((c) => c.column !== undefined).map((c) => c.column!);
  const issues = validateTable(input.table, input.roles, criteriaCols);
  const { customers, excluded } = extractCustomers(input.table, input.roles, issues);
  const { previous: prev, baseline: base } = input;
  const { manual, differing } = manualScores(input.criteria, customers, prev);
  const { weights, directions, ruleValue } = criteriaSettings(input);
  const criteria = input.criteria.map((c, j) => ({ ...c, direction: directions[j], weight: weights[j] }));
  const keyRule = keyRuleOf(input.keyRule.kind, ruleValue);
  const orphans = orphanScores(customers, prev);
  const clvDiscount = setting(input.clvDiscount ?? DEFAULT_CLV_DISCOUNT, base?.clvDiscount, prev?.clvDiscount);
  const model = buildModel({ ...input, criteria, keyRule, clvDiscount }, customers, excluded);
  const scores = coreScores(customers, criteria, keyRule, manual, weights, clvDiscount);
  const portfolio = portfolioSettings(criteria, input.portfolio, prev?.portfolio);
  const keyCount = scores.key.filter(Boolean).length;
  const settings: BuildSettings = {
    manual,
    weights,
    directions,
    ruleValue,
    orphans,
    keyCount,
    // The worst-case tables show at least 5 rows, and one per key account.
    lossRows: Math.min(Math.max(5, keyCount), Math.max(customers.length, 1)),
    fixedCosts: setting(input.fixedCosts ?? 0, base?.fixedCosts, prev?.fixedCosts),
    monthsToReplace: setting(input.monthsToReplace ?? MONTHS_TO_REPLACE, base?.monthsToReplace, prev?.monthsToReplace),
    scores,
    portfolio,
    review: reviewSettings(input.history ?? [], criteria),
  };
  const sheets = SHEETS.filter((spec: SheetSpec) => spec.include?.(input) ?? true).map((spec: SheetSpec) => {
    const plan = spec.build({ model, settings }).toPlan(spec.tabColor);
    if (spec.first) plan.first = true;
    return laidOut(plan, input.builtOn);
  });
  // The History sheet is written only when the caller carries a history into a new workbook
  // (the CLI's --history); in Excel a build never writes it (see build-sheets.ts).
  if (input.writeHistory && input.history && input.history.length > 0) sheets.push(laidOut(historySheetPlan(input.history), input.builtOn));
  const summary = summarise(customers, excluded, scores, orphans.length, criteria);
  if (differing > 0) {
    summary.warnings.push(
      `${differing} manual score${differing === 1 ? "" : "s"} on the scoring sheet differ${differing === 1 ? "s" : ""} from the rating column of the source table; the sheet's value${differing === 1 ? " was" : "s were"} kept. Clear a score on the sheet to take the table's rating at the next build.`,
    );
  }
  return { plan: { sheets }, summary, issues, review: { scheme: buildScheme(criteria), rows: snapshotRows(customers, scores, portfolio) } };
}

/** Each customer as a snapshot records it: scores, weighted score, rank, key flag and portfolio box, from the core. */
function snapshotRows(customers: Customer[], scores: CoreScores, p: PortfolioSettings): SnapshotRow[] {
  const axis = (i: number, pick: (w: AxisWeights) => number): number => {
    try {
      return weightedScore(Float64Array.from(scores.scores, (s) => s[i]), p.weights.map(pick), "skip");
    } catch {
      return NaN;
    }
  };
  const value = (x: number) => (Number.isNaN(x) ? undefined : x);
  return customers.map((c, i) => {
    const a = axis(i, (w) => w.attractiveness);
    const st = axis(i, (w) => w.strength);
    return {
      customer: c.name,
      revenue: clean(c.revenue),
      margin: c.margin === undefined ? undefined : clean(c.margin),
      scores: scores.scores.map((s) => value(s[i])),
      weightedScore: value(scores.totals[i]),
      rank: scores.ranks[i] > 0 ? scores.ranks[i] : undefined,
      key: scores.key[i],
      quadrant: Number.isNaN(a) || Number.isNaN(st) ? undefined : quadrant(a, st, p.attractivenessCut, p.strengthCut),
    };
  });
}

function summarise(customers: Customer[], excluded: Model["excluded"], scores: CoreScores, orphaned: number, criteria: CriterionSpec[]): BuildSummary {
  const warnings: string[] = [];
  const revenues = Float64Array.from(customers, (c) => c.revenue);
  const hasMargin = customers.some((c) => c.margin !== undefined);
  const margins = hasMargin ? Float64Array.from(customers, (c) => c.margin ?? 0) : undefined;
  const total = sum(revenues);
  if (customers.length === 0) warnings.push("No customer rows could be used: the sheets are empty.");
  if (total === 0 && customers.length > 0) warnings.push("Revenue totals 0: shares and concentration cannot be computed.");
  if (criteria.every((c) => c.weight === 0)) warnings.push("All weights are 0: weighted scores cannot be computed.");
  const canMeasure = customers.length > 0 && total > 0;
  const loss = (k: number) => {
    if (!canMeasure) return { revenue: 0, share: 0 };
    const t = topLoss(revenues, k, margins);
    return { revenue: t.revenue, margin: t.margin, share: t.revenue / total };
  };
  const selection = summariseKeyAccounts(scores.key, scores.ranks, revenues, margins);
  const hhi = canMeasure ? conc.hhi(revenues, HHI_POINTS) : NaN;
  return {
    customers: customers.length,
    excluded,
    keyAccounts: selection.keyAccounts.map((i) => customers[i].name),
    keyRevenueShare: selection.revenueShare,
    keyMarginShare: selection.marginShare,
    hhi,
    hhiLevel: canMeasure ? conc.hhiLevel(hhi) : "Unconcentrated",
    top1Loss: loss(1),
    top3Loss: loss(3),
    disclosure: selection.disclosure.map((d) => ({ name: customers[d.index].name, share: d.share })),
    smallKeyAccounts: selection.small.map((d) => ({ name: customers[d.index].name, share: d.share })),
    orphanedScores: orphaned,
    warnings,
  };
}

export { ROLE_LABELS };
