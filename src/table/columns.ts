/**
 * Which column holds what: the column roles of a customer table, each with the reason it was
 * chosen, the other candidates, and whether the choice is ambiguous. Pure (no Office, no
 * Node): the CLI prints this mapping on every run and the task pane shows it with a
 * drop-down per role.
 *
 * Rules, in order: a column named by the user (`overrides`) wins; an amount (revenue, margin,
 * cost, churn) is never a column that holds mostly text; a percentage, rate, growth, share,
 * per-unit, potential, budget, plan, forecast or target column is never an amount; "actual"
 * beats a plain header; among headers that differ only by year the latest year wins; a
 * renewal or retention probability becomes churn = 1 − p; two equally good columns make the
 * role ambiguous (`tied`), and the caller must ask the user. Headers are recognised in
 * English, German, French, Spanish, Dutch, Swedish, Danish, Norwegian and Finnish.
 */
import { isBlank } from "../core/input";
import type { Scalar } from "../workbook/plan";

/** Same roles as `Role` in src/workbook/customers.ts (kept identical; repeated to stay import-free). */
export type MappedRole = "name" | "revenue" | "margin" | "cost" | "churn" | "region" | "segment";
export const MAPPED_ROLES: readonly MappedRole[] = ["name", "revenue", "margin", "cost", "churn", "region", "segment"];

/** What `--column` accepts: every role, and "retention" (a renewal/retention probability, read as churn = 1 − p). */
export type OverrideRole = MappedRole | "retention";
/** Header text (or column letter) per role; `null` means "no column for this role". */
export type ColumnOverrides = Partial<Record<OverrideRole, string | null>>;

export interface RoleChoice {
  role: MappedRole;
  /** Chosen column (0-based), or undefined when none fits. */
  column?: number;
  /** Why this column (or why none), in words for the user. */
  reason: string;
  /** Columns exactly as good as the chosen one: when non-empty the choice is ambiguous. */
  tied: number[];
  /** Other columns that would fit, less well. */
  alternatives: number[];
  /** Churn is read as 1 − the column (a renewal or retention probability). */
  complement?: boolean;
  /** The user chose it with an override. */
  overridden?: boolean;
}

export interface ColumnMapping {
  /** Column index per role (as the `Roles` the builders take); churn's column may need `complement`. */
  roles: Partial<Record<MappedRole, number>>;
  choices: RoleChoice[];
  /** Churn is 1 − the churn column (a renewal/retention probability). */
  churnIsComplement: boolean;
  /** Problems that must stop a build: ambiguous roles and overrides that name no usable column. */
  problems: string[];
}

interface Candidate {
  col: number;
  score: number;
  year: number;
  why: string;
  complement?: boolean;
}

const w = (words: string) => new RegExp(`(^|[^\\p{L}])(${words})([^\\p{L}]|$)`, "iu");

const NAME_PLAIN = /^(customer|customers|client|clients|account|company|name|customer name|client name|account name|company name|kunde|kunden|kundenname|firma|unternehmen|nom|nom du client|raison sociale|cliente|nombre|nombre del cliente|empresa|razón social|klant|klantnaam|bedrijf|bedrijfsnaam|kund|kundnamn|företag|kundenavn|kundenavn|firmanavn|asiakas|asiakkaan nimi|yritys)$/iu;
const NAME_WORD = w("customer|client|account|company|name|kunde|kundenname|firma|nom|cliente|nombre|empresa|klant|klantnaam|bedrijf|kund|kundnamn|kunde|asiakas|yritys");
const ID_WORD = w("id|no|nr|number|num|code|key|nummer|numéro|número|nummer|numero|kod|koodi");

const REVENUE = "revenue|revenues|sales|net sales|turnover|income|billing|billings|volume|amount|arr|mrr|rev|umsatz|umsätze|umsatzerlöse|erlös|erlöse|chiffre d'affaires|chiffre d’affaires|ca|ventes|ingresos|ventas|facturación|facturacion|omzet|opbrengst|opbrengsten|omsättning|intäkter|omsetning|inntekter|omsætning|liikevaihto|myynti";
const MARGIN = "margin|gross margin|contribution|contribution margin|profit|gross profit|gp|ebit|deckungsbeitrag|rohertrag|marge|gewinn|bruttogewinn|marge brute|bénéfice|margen|margen bruto|beneficio|contribución|brutowinst|winst|dekkingsbijdrage|täckningsbidrag|bruttovinst|vinst|dækningsbidrag|dekningsbidrag|bruttofortjeneste|fortjeneste|kate|katetuotto|myyntikate";
const COST = "cost|costs|cogs|cost of sales|cost of goods sold|direct cost|direct costs|variable cost|variable costs|expense|expenses|kosten|aufwand|aufwände|coût|coûts|cout|couts|charges|coste|costes|costo|costos|gastos|kostnad|kostnader|omkostninger|omkostning|kostnader|kustannus|kustannukset";
const QUALIFIER = "total|annual|yearly|net|gross|actual|actuals|ytd|fy|gesamt|jahres|netto|brutto|ist|total|annuel|réel|reel|anual|real|neto|totaal|jaar|werkelijk|totalt|årlig|faktisk|utfall|vuosi|toteutunut|toteuma";
const ACTUAL = w("actual|actuals|ist|réel|reel|réalisé|real|werkelijk|gerealiseerd|utfall|faktisk|toteutunut|toteuma");
/** Headers that never hold an amount: shares, rates, growth, per-unit figures, plans and targets. */
const NOT_AN_AMOUNT = /%|\bpct\b|percent|prozent|pourcentage|porcentaje|procent|growth|wachstum|croissance|crecimiento|groei|tillväxt|vækst|vekst|kasvu|\brate\b|ratio|\bquote\b|\bshare|anteil|\bpart\b|\byoy\b|\bper\b|\bpro\b|potential|potenzial|potentiel|potencial|potentieel/i;
const PLAN = w("budget|budgeted|plan|planned|forecast|fcst|target|goal|prognose|soll|ziel|plan|prévision|prévisionnel|objectif|presupuesto|previsión|objetivo|meta|begroting|begroot|doel|prognos|mål|budsjett|budjetti|ennuste|tavoite");
const COST_CENTER = /cost\s*cent(er|re)|kostenstelle|centre de co[uû]t|centro de coste|kostenplaats|kostnadsställe/i;
const CHURN = w("churn|churn probability|churn risk|attrition|risk of loss|loss probability|probability of loss|kündigungswahrscheinlichkeit|kündigungsrisiko|abwanderung|abwanderungsrisiko|résiliation|attrition|risque de perte|abandono|riesgo de pérdida|opzegkans|opzegging|verloop|uppsägning|bortfall|opsigelse|frafall|poistuma");
const RETENTION = w("renewal|renew|renewals|retention|retain|verlängerung|erneuerung|kundenbindung|renouvellement|rétention|fidélisation|renovación|retención|verlenging|behoud|förnyelse|fornyelse|fornyelse|uusiminen|pysyvyys");
const PROBABILITY = /probab|likelihood|chance|wahrscheinlich|%|\brate\b|\bquote\b|taux|tasa|kans|sannolikhet|sandsynlighed|sannsynlighet|todennäköisyys/i;
const GENERIC_PROBABILITY = /probab|likelihood|wahrscheinlich/i;
const REGION = w("region|country|territory|area|geo|geography|state|city|land|bundesland|gebiet|pays|région|ville|país|región|provincia|ciudad|regio|provincie|stad|län|ort|maa|alue|kaupunki|landsdel|fylke");
const SEGMENT = w("segment|segmento|industry|sector|vertical|tier|category|type|branche|secteur|sektor|kategorie|catégorie|categoría|categorie|bransch|kategori|toimiala|luokka");

const YEAR = /(?:^|[^\d])(?:fy\s*)?((?:19|20)\d{2})(?:[^\d]|$)|\bfy\s*'?(\d{2})\b/i;

function yearOf(header: string): number {
  const m = YEAR.exec(header);
  if (!m) return 0;
  return m[1] ? Number(m[1]) : 2000 + Number(m[2]);
}

/** The header without years, currency in brackets, punctuation and qualifiers such as "total" or "actual". */
function core(header: string): string {
  return header
    .replace(/[([{].*?[)\]}]/g, " ")
    .replace(/\bfy\s*'?\d{2,4}\b/gi, " ")
    .replace(/(19|20)\d{2}/g, " ")
    .replace(/[^\p{L}'’\s]/gu, " ")
    .replace(w(QUALIFIER), " ")
    .replace(w(QUALIFIER), " ")
    .replace(/\s+/g, " ")
    .trim();
}

const plain = (words: string) => new RegExp(`^(${words})$`, "iu");
const REVENUE_PLAIN = plain(REVENUE);
const MARGIN_PLAIN = plain(MARGIN);
const COST_PLAIN = plain(COST);

interface ColumnFacts {
  header: string;
  /** Share of non-blank cells that are numbers (NaN when the column is empty or there are no rows). */
  numeric: number;
  /** All numbers lie in 0..1. */
  probability: boolean;
}

function facts(headers: readonly string[], rows: readonly (readonly Scalar[])[]): ColumnFacts[] {
  return headers.map((h, c) => {
    let filled = 0;
    let numbers = 0;
    let probability = true;
    for (const row of rows) {
      const v = row[c];
      if (isBlank(v) || (typeof v === "string" && v.trim() === "")) continue;
      filled++;
      if (typeof v === "number") {
        numbers++;
        if (v < 0 || v > 1) probability = false;
      }
    }
    return { header: (h ?? "").trim(), numeric: filled === 0 ? NaN : numbers / filled, probability };
  });
}

const isTextColumn = (f: ColumnFacts) => !Number.isNaN(f.numeric) && f.numeric < 0.5;

function amountCandidate(role: "revenue" | "margin" | "cost", f: ColumnFacts, col: number): Candidate | undefined {
  const h = f.header;
  const [word, plainRe, label] =
    role === "revenue" ? [w(REVENUE), REVENUE_PLAIN, "revenue"] : role === "margin" ? [w(MARGIN), MARGIN_PLAIN, "margin"] : [w(COST), COST_PLAIN, "cost"];
  if (!word.test(h) || NOT_AN_AMOUNT.test(h) || PLAN.test(h) || COST_CENTER.test(h)) return undefined;
  if (role === "revenue" && /\bgross (margin|profit)\b/i.test(h)) return undefined;
  if (role === "margin" && w(REVENUE).test(h) && !w("margin|profit|contribution|marge|margen|deckungsbeitrag").test(h)) return undefined;
  if (isTextColumn(f)) return undefined;
  const isPlain = plainRe.test(core(h));
  // The cost that makes margin = revenue − cost is a plain cost ("Cost", "COGS", "Kosten"),
  // not "Cost to serve" or "Support cost": those are criteria.
  if (role === "cost" && !isPlain) return undefined;
  const actual = ACTUAL.test(h);
  const score = (isPlain ? 100 : 60) + (actual ? 10 : 0);
  return { col, score, year: yearOf(h), why: `header reads as ${label}${actual ? " (actual)" : ""}` };
}

function candidates(role: MappedRole, all: ColumnFacts[], taken: Set<number>): Candidate[] {
  const out: Candidate[] = [];
  all.forEach((f, col) => {
    if (taken.has(col) || f.header === "") return;
    const h = f.header;
    let c: Candidate | undefined;
    switch (role) {
      case "name":
        if (NAME_PLAIN.test(core(h) || h)) c = { col, score: 100, year: 0, why: "header reads as the customer name" };
        else if (NAME_WORD.test(h) && !ID_WORD.test(h) && !w(REVENUE).test(h)) c = { col, score: 60, year: 0, why: "header names the customer" };
        else if (NAME_WORD.test(h) && !w(REVENUE).test(h)) c = { col, score: 40, year: 0, why: "header is a customer number" };
        break;
      case "revenue":
      case "margin":
      case "cost":
        c = amountCandidate(role, f, col);
        break;
      case "churn":
        if (isTextColumn(f)) break;
        if (RETENTION.test(h) && (PROBABILITY.test(h) || (!Number.isNaN(f.numeric) && f.probability))) {
          c = { col, score: 90, year: yearOf(h), why: `"${h}" is a renewal/retention probability: churn = 1 − it`, complement: true };
        } else if (CHURN.test(h)) c = { col, score: 100, year: yearOf(h), why: "header reads as churn probability" };
        else if (GENERIC_PROBABILITY.test(h) && !RETENTION.test(h) && !/win|close|deal|abschluss|gagn|ganar|winst/i.test(h)) c = { col, score: 30, year: yearOf(h), why: "header names a probability" };
        break;
      case "region":
        if (REGION.test(h)) c = { col, score: isTextColumn(f) || Number.isNaN(f.numeric) ? 100 : 50, year: 0, why: "header reads as a region" };
        break;
      case "segment":
        if (SEGMENT.test(h)) c = { col, score: isTextColumn(f) || Number.isNaN(f.numeric) ? 100 : 50, year: 0, why: "header reads as a segment" };
        break;
    }
    if (c) out.push(c);
  });
  return out.sort((a, b) => b.score - a.score || b.year - a.year || a.col - b.col);
}

/** Roles whose ambiguity stops a build (the others are only shown beside the scores). */
const MUST_BE_CLEAR: readonly MappedRole[] = ["name", "revenue", "margin", "cost", "churn"];
/** The order roles pick columns in: the specific ones first. */
const PICK_ORDER: readonly MappedRole[] = ["churn", "margin", "cost", "revenue", "name", "region", "segment"];

const LABEL: Record<MappedRole, string> = {
  name: "customer name",
  revenue: "revenue",
  margin: "margin",
  cost: "cost",
  churn: "churn probability",
  region: "region",
  segment: "segment",
};

/** Finds a column by header (trimmed, case-insensitive) or by its letter ("C"). */
export function findColumn(headers: readonly string[], spec: string): number | undefined {
  const key = spec.trim().toLowerCase();
  const i = headers.findIndex((h) => (h ?? "").trim().toLowerCase() === key);
  if (i >= 0) return i;
  if (/^[a-z]{1,3}$/i.test(spec.trim())) {
    let n = 0;
    for (const ch of spec.trim().toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    if (n - 1 < headers.length) return n - 1;
  }
  return undefined;
}

const quoteList = (headers: readonly string[], cols: number[]) => cols.map((c) => `"${headers[c]}"`).join(", ");

/** The columns chosen so far, role by role, and the problems found on the way. */
interface MappingState {
  all: ColumnFacts[];
  headers: string[];
  taken: Set<number>;
  choices: Map<MappedRole, RoleChoice>;
  problems: string[];
}

const AMOUNT_OVERRIDES = ["revenue", "margin", "cost", "churn", "retention"];

/** Applies one `--column key=spec` choice of the user (null: none). */
function applyOverride(state: MappingState, key: OverrideRole, spec: string | null): void {
  const { all, headers, taken, choices, problems } = state;
  const role: MappedRole = key === "retention" ? "churn" : key;
  if (spec === null) {
    choices.set(role, { role, reason: `none (--column ${key}=none)`, tied: [], alternatives: [], overridden: true });
    return;
  }
  const col = findColumn(headers, spec);
  if (col === undefined) {
    problems.push(`--column ${key}: no column is named "${spec}"; the headers are: ${headers.filter(Boolean).map((h) => `"${h}"`).join(", ")}`);
  } else if (taken.has(col)) {
    problems.push(`--column ${key}: "${headers[col]}" is already given to another role`);
  } else if (AMOUNT_OVERRIDES.includes(key) && isTextColumn(all[col])) {
    problems.push(`--column ${key}: "${headers[col]}" holds text, not numbers`);
  } else {
    taken.add(col);
    choices.set(role, {
      role,
      column: col,
      reason: key === "retention" ? `set by --column retention: churn = 1 − "${headers[col]}"` : `set by --column ${key}`,
      tied: [],
      alternatives: [],
      complement: key === "retention" || undefined,
      overridden: true,
    });
  }
}

/** Picks the best remaining column for a role, with the reason in words; a tie on a role that must be clear is a problem. */
function chooseColumn(state: MappingState, role: MappedRole): void {
  const { all, headers, taken, choices, problems } = state;
  const cands = candidates(role, all, taken);
  if (cands.length === 0) {
    choices.set(role, { role, reason: noneReason(role, all), tied: [], alternatives: [] });
    return;
  }
  const best = cands[0];
  const tied = cands.slice(1).filter((c) => c.score === best.score && c.year === best.year).map((c) => c.col);
  const alternatives = cands.slice(1).filter((c) => !tied.includes(c.col)).map((c) => c.col);
  let reason = best.why;
  const older = cands.slice(1).filter((c) => c.score === best.score && c.year < best.year && c.year > 0);
  if (older.length) reason += `; latest year (${best.year}) of ${quoteList(headers, [best.col, ...older.map((c) => c.col)])}`;
  const planned = all.map((f, c) => c).filter((c) => !taken.has(c) && c !== best.col && PLAN.test(headers[c]) && candidatesIgnoringPlan(role, all[c]));
  if (planned.length) reason += `; actual preferred over ${quoteList(headers, planned)}`;
  if (tied.length && MUST_BE_CLEAR.includes(role)) {
    problems.push(
      `cannot tell which column holds the ${LABEL[role]}: ${quoteList(headers, [best.col, ...tied])} fit equally well; choose one with --column ${role}="…", e.g. --column ${role}="${headers[best.col]}"`,
    );
  }
  taken.add(best.col);
  choices.set(role, { role, column: best.col, reason, tied, alternatives, complement: best.complement });
}

/**
 * Maps the table's columns to roles. `table.rows` may be empty (headers only): then the
 * content rules (text is never an amount, a retention column must hold probabilities) are
 * skipped.
 */
export function mapColumns(table: { headers: readonly string[]; rows: readonly (readonly Scalar[])[] }, overrides: ColumnOverrides = {}): ColumnMapping {
  const all = facts(table.headers, table.rows);
  const state: MappingState = { all, headers: all.map((f) => f.header), taken: new Set(), choices: new Map(), problems: [] };
  // The user's choices first.
  for (const [key, spec] of Object.entries(overrides) as [OverrideRole, string | null | undefined][]) {
    if (spec !== undefined) applyOverride(state, key, spec);
  }
  for (const role of PICK_ORDER) if (!state.choices.has(role)) chooseColumn(state, role);
  const ordered = MAPPED_ROLES.map((r) => state.choices.get(r)!);
  const roles: Partial<Record<MappedRole, number>> = {};
  for (const c of ordered) if (c.column !== undefined) roles[c.role] = c.column;
  return { roles, choices: ordered, churnIsComplement: state.choices.get("churn")?.complement === true, problems: state.problems };
}

function candidatesIgnoringPlan(role: MappedRole, f: ColumnFacts): boolean {
  if (role !== "revenue" && role !== "margin" && role !== "cost") return false;
  const stripped = { ...f, header: f.header.replace(PLAN, " ") };
  return amountCandidate(role, stripped, 0) !== undefined;
}

function noneReason(role: MappedRole, all: ColumnFacts[]): string {
  const headers = all.map((f) => f.header);
  if (role === "revenue" || role === "margin" || role === "cost") {
    const word = role === "revenue" ? w(REVENUE) : role === "margin" ? w(MARGIN) : w(COST);
    const near = headers.map((h, c) => c).filter((c) => word.test(headers[c]));
    const plans = near.filter((c) => PLAN.test(headers[c]));
    const texts = near.filter((c) => isTextColumn(all[c]) || COST_CENTER.test(headers[c]));
    if (plans.length) return `none: ${quoteList(headers, plans)} is a plan, not an actual (use --column ${role}="${headers[plans[0]]}" to take it anyway)`;
    if (texts.length) return `none: ${quoteList(headers, texts)} holds text, not amounts`;
  }
  return `none: no header reads as ${LABEL[role]}`;
}

/** Columns that hold words (name, region, segment by their headers): read as text exactly as written. */
export function textRoleColumns(headers: readonly string[]): Set<number> {
  const m = mapColumns({ headers, rows: [] });
  return new Set([m.roles.name, m.roles.region, m.roles.segment].filter((c): c is number => c !== undefined));
}

/**
 * A header that names an amount of the kind of revenue, margin or cost, of any year, plan or
 * actual ("Revenue 2023", "Budget revenue", "Umsatz"): another reading of a role's figure, so
 * never a default criterion beside it. Shares, rates and growth are not amounts.
 */
export function isAmountHeader(header: string): boolean {
  const h = header.replace(PLAN, " ");
  return (w(REVENUE).test(h) || w(MARGIN).test(h) || plain(COST).test(core(h))) && !NOT_AN_AMOUNT.test(header);
}
