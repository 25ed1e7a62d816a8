/**
 * The KAM History sheet: one table of closed periods kept as values, one row per customer per
 * period. Close quarter (pane or CLI) appends a snapshot; a build never rewrites the sheet.
 *
 * Columns: the fixed ones first (period, date, customer, revenue, margin, weighted score,
 * rank, key account, quadrant, scheme fingerprint, scheme in words), then one column per
 * criterion ever scored, in order of first appearance. Fixed columns first keep the lookups
 * of the scoring sheet at fixed positions while criteria come and go; each row carries its
 * scheme, so the table can be sorted or filtered and every row still says how it was scored.
 */
import { valueError } from "../core/errors";
import { checkSnapshot, type Criterion, type ScoringScheme, type Snapshot, type SnapshotRow } from "../core/history";
import { nameKey } from "../core/review";
import type { Scalar, SheetPlan } from "./plan";
import { KEY_LABEL } from "./model";

export const HISTORY_SHEET_NAME = "KAM History";

export const HISTORY = {
  headerRow: 3,
  period: 0,
  date: 1,
  customer: 2,
  revenue: 3,
  margin: 4,
  weightedScore: 5,
  rank: 6,
  key: 7,
  quadrant: 8,
  fingerprint: 9,
  scheme: 10,
  firstCriterion: 11,
} as const;

export const HISTORY_FIXED_HEADER = ["Period", "Date", "Customer", "Revenue", "Margin", "Weighted score", "Rank", "Key account", "Quadrant", "Scheme", "Criteria, directions and weights"] as const;

export const HISTORY_TITLE = "Key-account history";
export const HISTORY_NOTE =
  "Closed periods, kept as values: Close quarter adds one; building the sheets again never changes this sheet. To delete a period, delete all its rows. Scores compare only between periods with the same scheme.";

/** A scheme in words, one criterion per "; ": "Revenue: benefit × 3; NPS: benefit × 1". Read back by `parseScheme`. */
export function schemeText(scheme: ScoringScheme): string {
  return scheme.criteria.map((c) => `${c.name}: ${c.direction} × ${c.weight}`).join("; ");
}

export function parseScheme(text: string): ScoringScheme {
  const criteria: Criterion[] = text.split("; ").map((part) => {
    const m = /^(.*): (benefit|cost) × (\S+)$/.exec(part.trim());
    if (!m || !Number.isFinite(Number(m[3]))) throw valueError(`cannot read the scheme "${text}"; expected "Criterion: benefit × weight; ..."`);
    return { name: m[1], direction: m[2] as "benefit" | "cost", weight: Number(m[3]) };
  });
  return { criteria };
}

/** The criterion columns a set of snapshots needs: every criterion name, by first appearance (keys compared as names). */
export function historyCriteria(snapshots: readonly Snapshot[]): string[] {
  const seen = new Map<string, string>();
  for (const s of snapshots) for (const c of s.scheme.criteria) if (!seen.has(nameKey(c.name))) seen.set(nameKey(c.name), c.name);
  return [...seen.values()];
}

const blankIfUndefined = (x: string | number | undefined): Scalar => (x === undefined ? null : x);

/** The snapshot rows as values under the history header (criteria in the order of `criteria`). */
export function historyRows(snapshots: readonly Snapshot[], criteria: readonly string[]): Scalar[][] {
  const col = new Map(criteria.map((c, i) => [nameKey(c), i]));
  const out: Scalar[][] = [];
  for (const s of snapshots) {
    const text = schemeText(s.scheme);
    const at = s.scheme.criteria.map((c) => col.get(nameKey(c.name))!);
    for (const r of s.rows) {
      const scores: Scalar[] = criteria.map(() => null);
      r.scores.forEach((v, j) => (scores[at[j]] = blankIfUndefined(v)));
      out.push([
        s.period,
        s.date,
        r.customer,
        r.revenue,
        blankIfUndefined(r.margin),
        blankIfUndefined(r.weightedScore),
        blankIfUndefined(r.rank),
        r.key ? KEY_LABEL : null,
        blankIfUndefined(r.quadrant),
        s.fingerprint,
        text,
        ...scores,
      ]);
    }
  }
  return out;
}

/** The whole history sheet as a plan: title, note, header and the snapshots as values. */
export function historySheet(snapshots: readonly Snapshot[], name = HISTORY_SHEET_NAME): SheetPlan {
  const criteria = historyCriteria(snapshots);
  const header = [...HISTORY_FIXED_HEADER, ...criteria];
  const rows = historyRows(snapshots, criteria);
  const width = header.length;
  const pad = (cells: { value?: Scalar; style?: "title" | "subtitle" | "header" }[]) => [...cells, ...Array.from({ length: width - cells.length }, () => ({}))];
  const formats: Record<number, string> = { [HISTORY.revenue]: "#,##0", [HISTORY.margin]: "#,##0", [HISTORY.weightedScore]: "0.00" };
  return {
    name,
    blocks: [
      {
        row: 0,
        col: 0,
        cells: [
          pad([{ value: HISTORY_TITLE, style: "title" }]),
          pad([{ value: HISTORY_NOTE, style: "subtitle" }]),
          pad([]),
          header.map((value) => ({ value, style: "header" as const })),
          // The scheme in words wraps in its column rather than being cut off by the scores beside
          // it; every cell of a row in the same style, so that the row reads from its top line.
          ...rows.map((r) => r.map((value, c) => ({ value, format: formats[c] ?? (c >= HISTORY.firstCriterion ? "0.0" : undefined), style: "wrapped" as const }))),
        ],
      },
    ],
    columnWidths: [10, 11, 28, 14, 14, 10, 7, 12, 12, 10, 60, ...criteria.map(() => 11)],
    // The scheme in words wraps within 60 characters (the layout would narrow a wrapped column to its longest word).
    minColumnWidths: Object.assign(Array<number>(HISTORY.scheme + 1).fill(0), { [HISTORY.scheme]: 60 }),
    freeze: { rows: HISTORY.headerRow + 1, cols: 0 },
    tabColor: "#6B5B95",
  };
}

const text = (v: Scalar | undefined): string => (v === null || v === undefined ? "" : String(v));
const num = (v: Scalar | undefined): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/**
 * The snapshots on a history sheet, from its values (A1 at [0][0]), in the order their
 * periods first appear. Rows are grouped by period label; every row of a period must carry the
 * same date and scheme. A period whose fingerprint does not match its scheme, or with a
 * customer twice, throws #VALUE! naming it (the sheet was edited by hand).
 */
export function readHistory(grid: readonly (readonly Scalar[])[]): Snapshot[] {
  const H = HISTORY;
  const header = (grid[H.headerRow] ?? []).map(text);
  if (header[H.period] !== HISTORY_FIXED_HEADER[0] || header[H.scheme] !== HISTORY_FIXED_HEADER[H.scheme]) {
    throw valueError(`the history sheet's header in row ${H.headerRow + 1} is not ${HISTORY_FIXED_HEADER.join(", ")}, ...`);
  }
  const criterionCol = new Map<string, number>();
  for (let c = H.firstCriterion; c < header.length; c++) if (header[c] !== "") criterionCol.set(nameKey(header[c]), c);
  const byPeriod = new Map<string, Snapshot>();
  for (let r = H.headerRow + 1; r < grid.length; r++) {
    const row = grid[r];
    const period = text(row[H.period]).trim();
    if (period === "") continue;
    let s = byPeriod.get(nameKey(period));
    const fingerprint = text(row[H.fingerprint]);
    if (s === undefined) {
      const scheme = parseScheme(text(row[H.scheme]));
      const date = typeof row[H.date] === "number" ? excelDate(row[H.date] as number) : text(row[H.date]);
      s = { period, date, scheme, fingerprint, rows: [] };
      byPeriod.set(nameKey(period), s);
    } else if (fingerprint !== s.fingerprint) {
      throw valueError(`history row ${r + 1}: period ${period} has rows under two schemes (${s.fingerprint} and ${fingerprint})`);
    }
    const scores = s.scheme.criteria.map((c) => {
      const col = criterionCol.get(nameKey(c.name));
      return col === undefined ? undefined : num(row[col]);
    });
    const snapshotRow: SnapshotRow = {
      customer: typeof row[H.customer] === "number" ? (row[H.customer] as number) : text(row[H.customer]),
      revenue: num(row[H.revenue]) ?? 0,
      margin: num(row[H.margin]),
      scores,
      weightedScore: num(row[H.weightedScore]),
      rank: num(row[H.rank]),
      key: text(row[H.key]) === KEY_LABEL,
      quadrant: text(row[H.quadrant]) || undefined,
    };
    s.rows.push(snapshotRow);
  }
  const out = [...byPeriod.values()];
  out.forEach(checkSnapshot);
  return out;
}

/** An Excel date serial as yyyy-mm-dd (a date cell read back as its number). */
function excelDate(serial: number): string {
  return new Date(Math.round((serial - 25569) * 86400000)).toISOString().slice(0, 10);
}

/**
 * Close a period: the history with `snapshot` appended. A period label already used throws
 * #VALUE! (closing the same quarter twice would double it); delete that period first.
 */
export function appendSnapshot(history: readonly Snapshot[], snapshot: Snapshot): Snapshot[] {
  checkSnapshot(snapshot);
  if (history.some((s) => nameKey(s.period) === nameKey(snapshot.period))) {
    throw valueError(`period ${snapshot.period} is already in the history; delete its rows on the history sheet first to close it again`);
  }
  return [...history, snapshot];
}

/**
 * The history without the period `period` (names compared as Excel compares text): the one
 * way to delete a period, an explicit action (`--delete-period` in the CLI; in Excel, deleting
 * the period's rows). An unknown period is #VALUE! naming the periods there are.
 */
export function deletePeriod(history: readonly Snapshot[], period: string): { history: Snapshot[]; deleted: Snapshot } {
  const deleted = history.find((s) => nameKey(s.period) === nameKey(period));
  if (!deleted) {
    throw valueError(`period ${period.trim()} is not in the history${history.length > 0 ? `; it holds ${history.map((s) => s.period).join(", ")}` : ", which is empty"}`);
  }
  return { history: history.filter((s) => s !== deleted), deleted };
}
