/**
 * The wizard's last step: builds (or rebuilds) the KAM sheets in the open workbook.
 *
 * 1. One sync lists the sheets and tables; a second reads every sheet's custom properties, so
 *    a sheet is known to be ours only if it carries `KAM.builtBy`, and is found under any name
 *    the user gave it. A sheet of the user's with one of our names is never touched: ours
 *    takes the next free name, "KAM Scoring (2)", "(3)", …
 * 2. Our previous scoring and loss sheets are read (one more sync, more only for very large
 *    sheets) so the rebuild keeps the weights, directions, manual scores and assumptions the
 *    user typed (`readPreviousInputs`).
 * 3. Our old sheets are copied to backups and then rewritten in place, so formulas in the
 *    user's own sheets that refer to them keep working; sheets that did not exist are added.
 *    If anything fails, the added sheets are deleted and each rewritten sheet is replaced by
 *    its backup: the workbook is as it was. Once all is written, the backups are deleted in
 *    the last sync.
 *
 * A build takes 3 syncs (5 for a rebuild: reading the old sheets, and deleting the backups)
 * whatever the row count, plus one per ~4 MB sent:
 * copies of one formula down a column go as one R1C1 formula (see office-writer), so even
 * 20,000 customers send about 2 MB.
 */
import type { Snapshot } from "../core/history";
import { readHistory } from "../workbook/history-sheet";
import { HISTORY_ROLE } from "./close-quarter";
import { READ_CHUNK_CELLS } from "../core/defaults";
import { buildWorkbook, type BuildInput, type BuildResult, type BuildSummary, type PreviousInputs } from "../workbook/build";
import type { TableIssue } from "../workbook/customers";
import type { Scalar } from "../workbook/plan";
import {
  BUILT_BY_KEY,
  BUILT_BY_VALUE,
  DEFAULT_SHEET_NAMES,
  nameVariant,
  readSheetInputs,
  SHEET_ROLE_KEY,
  SHEET_ROLES as ROLES,
  SHEETS,
  sheetRoleOf,
  sheetSpec,
  type SheetNames,
  type SheetRole,
} from "../workbook/sheets/registry";
import { writePlan } from "./office-writer";
import { restore, type Backup, type SheetInfo } from "./restore";

export { SHEET_ROLE_KEY, type SheetRole };

export type BuildSheetsInput = Omit<BuildInput, "sheetNames" | "previous">;

export interface BuildSheetsOptions {
  /** Largest request payload per sync (see office-writer). */
  maxSyncBytes?: number;
  /** Cells read per sync when reading a previous sheet (default 100,000). */
  readChunkCells?: number;
  /** Show the scoring sheet at the end (default true; it rides on the last sync). */
  activate?: boolean;
  /** Computes the sheets (default: `buildWorkbook` on this thread); the task pane passes one that runs in a Web Worker. */
  compute?: (input: BuildInput) => BuildResult | Promise<BuildResult>;
}

export interface BuildSheetsResult {
  summary: BuildSummary;
  issues: TableIssue[];
  sheetNames: SheetNames;
  /** True when the sheets replaced ones the add-in built before (and kept what the user typed in them). */
  rebuilt: boolean;
  /** Our names that were taken by sheets of the user's, so ours got another name. */
  namesTaken: string[];
  /** Things the user should know that did not stop the build. */
  warnings: string[];
  stats: { syncs: number; payloadBytes: number; largestSyncBytes: number };
}

export type ProgressFn = (message: string, fraction: number) => void;

const lower = (s: string) => s.toLowerCase();

const variant = (base: string, k: number) => (k === 1 ? base : `${base} (${k})`);

/** A sheet name that is not in `taken` (lower case), ≤ 31 characters. */
function freeName(base: string, taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const name = `${base} ${i}`.slice(0, 31);
    if (!taken.has(lower(name))) {
      taken.add(lower(name));
      return name;
    }
  }
}

function randomToken(): string {
  return Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, "0");
}

/** A rectangle of a sheet to read, placed at (r0, c0) of that sheet's grid. */
interface ReadJob {
  i: number;
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

/** Runs read jobs, as many per sync as `chunkCells` allows (a large job is split into row chunks), filling `grids`. */
async function runReads(targets: Excel.Worksheet[], grids: Scalar[][][], jobs: ReadJob[], chunkCells: number, sync: () => Promise<void>): Promise<void> {
  const queue: ReadJob[] = [];
  for (const j of jobs) {
    const per = Math.max(1, Math.floor(chunkCells / j.cols));
    for (let r = 0; r < j.rows; r += per) queue.push({ ...j, r0: j.r0 + r, rows: Math.min(per, j.rows - r) });
  }
  while (queue.length > 0) {
    const batch: { job: ReadJob; range: Excel.Range }[] = [];
    let cells = 0;
    while (queue.length > 0 && (batch.length === 0 || cells + queue[0].rows * queue[0].cols <= chunkCells)) {
      const job = queue.shift()!;
      cells += job.rows * job.cols;
      const range = targets[job.i].getRangeByIndexes(job.r0, job.c0, job.rows, job.cols);
      range.load("values");
      batch.push({ job, range });
    }
    await sync();
    for (const { job, range } of batch) {
      const grid = grids[job.i];
      (range.values as Scalar[][]).forEach((row, k) => {
        const target = (grid[job.r0 + k] ??= []);
        row.forEach((v, c) => (target[job.c0 + c] = v));
      });
    }
  }
  for (const grid of grids) for (let r = 0; r < grid.length; r++) grid[r] = Array.from(grid[r] ?? [], (v) => (v === undefined ? null : v));
}

/**
 * The values our old sheets' specs read back (`readBack`), A1 at [0][0]. Small sheets are read
 * whole (one sync). Large ones in two steps: each sheet's head rows, then only the columns its
 * spec asks for below them (for the scoring sheet: names, the block of kept scores and the
 * manual-score columns).
 */
async function readPrevious(sheets: { ws: Excel.Worksheet; used: Excel.Range; role: SheetRole }[], chunkCells: number, sync: () => Promise<void>): Promise<Scalar[][][]> {
  const targets = sheets.map((s) => s.ws);
  const grids: Scalar[][][] = sheets.map(() => []);
  const size = sheets.map((s) => (s.used.isNullObject ? { rows: 0, cols: 0 } : { rows: s.used.rowIndex + s.used.rowCount, cols: s.used.columnIndex + s.used.columnCount }));
  const total = size.reduce((n, s) => n + s.rows * s.cols, 0);
  if (total <= chunkCells) {
    await runReads(targets, grids, size.flatMap((s, i) => (s.rows > 0 ? [{ i, r0: 0, c0: 0, ...s }] : [])), chunkCells, sync);
    return grids;
  }
  const readBack = sheets.map((s) => sheetSpec(s.role).readBack);
  const head = (i: number) => readBack[i]?.headRows ?? 0;
  await runReads(targets, grids, size.flatMap((s, i) => (s.rows > 0 ? [{ i, r0: 0, c0: 0, rows: Math.min(s.rows, head(i)), cols: s.cols }] : [])), chunkCells, sync);
  const below = size.flatMap((s, i) => {
    if (s.rows <= head(i)) return [];
    const cols = (readBack[i]?.columnsBelow(grids[i]) ?? []).filter((c) => c < s.cols);
    return cols.map((c) => ({ i, r0: head(i), c0: c, rows: s.rows - head(i), cols: 1 }));
  });
  await runReads(targets, grids, below, chunkCells, sync);
  return grids;
}

/** The workbook as the build finds it: sheets, tables, which sheets are ours, and what the user typed in them. */
interface Survey {
  original: SheetInfo[];
  tableNames: string[];
  /** The sheet the user was on. */
  activeId: string;
  names: SheetNames;
  replaced: Partial<Record<SheetRole, Probe>>;
  namesTaken: string[];
  previous?: PreviousInputs;
  /** The closed periods on the KAM History sheet (never rewritten by a build). */
  history?: Snapshot[];
  /** A history sheet that could not be read, in words. */
  historyProblem?: string;
}

interface Probe {
  sheet: SheetInfo;
  ws: Excel.Worksheet;
  builtBy: Excel.WorksheetCustomProperty;
  sheetRole: Excel.WorksheetCustomProperty;
  wsTables: Excel.TableCollection;
  charts: Excel.ChartCollection;
  used: Excel.Range;
}

/**
 * (a) One sync lists the sheets and tables; (b) a second reads the custom properties of the
 * sheets with our names, so a sheet is ours only if it carries `KAM.builtBy`; (c) our previous
 * scoring and loss sheets are read (one more sync, more only for very large sheets).
 */
async function surveyWorkbook(context: Excel.RequestContext, sync: () => Promise<void>, readChunkCells: number, progress: ProgressFn): Promise<Survey> {
  progress("Looking at the workbook…", 0);
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/id,items/position");
  const tables = context.workbook.tables;
  tables.load("items/name");
  const active = worksheets.getActiveWorksheet();
  active.load("id");
  await sync();
  const original: SheetInfo[] = worksheets.items.map((w) => ({ id: w.id, name: w.name, position: w.position }));
  const tableNames = tables.items.map((t) => t.name);
  const activeId = active.id;

  // Every sheet's custom properties: ours are known by them, under any name the user gave them.
  const probes: Probe[] = original.map((s) => {
    const ws = worksheets.getItem(s.id);
    const builtBy = ws.customProperties.getItemOrNullObject(BUILT_BY_KEY);
    builtBy.load("value");
    const sheetRole = ws.customProperties.getItemOrNullObject(SHEET_ROLE_KEY);
    sheetRole.load("value");
    const wsTables = ws.tables;
    wsTables.load("items/name");
    const charts = ws.charts;
    charts.load("items/name");
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    return { sheet: s, ws, builtBy, sheetRole, wsTables, charts, used };
  });
  if (probes.length > 0) await sync();
  const roleOf = (p: Probe): SheetRole | undefined =>
    sheetRoleOf({
      name: p.sheet.name,
      properties: { builtBy: p.builtBy.isNullObject ? undefined : p.builtBy.value, role: p.sheetRole.isNullObject ? undefined : p.sheetRole.value },
    });
  // Among several of ours with one role (a copy the user made), the one with our name or the
  // lowest "(k)" first, then the leftmost.
  const rank = (p: Probe, role: SheetRole) => [nameVariant(p.sheet.name, DEFAULT_SHEET_NAMES[role]) ?? Infinity, p.sheet.position];

  // Names: our existing sheet (lowest number) if there is one, else the first free variant.
  const taken = new Set(original.map((s) => lower(s.name)));
  const names = {} as SheetNames;
  const replaced: Partial<Record<SheetRole, Probe>> = {};
  const namesTaken: string[] = [];
  for (const role of ROLES) {
    const base = DEFAULT_SHEET_NAMES[role];
    const ours = probes
      .filter((p) => roleOf(p) === role)
      .sort((a, b) => {
        const [ka, pa] = rank(a, role);
        const [kb, pb] = rank(b, role);
        return ka - kb || pa - pb;
      })[0];
    if (ours) {
      names[role] = ours.sheet.name;
      replaced[role] = ours;
      continue;
    }
    let k = 1;
    while (taken.has(lower(variant(base, k)))) k++;
    if (k > 1) namesTaken.push(base);
    names[role] = variant(base, k);
    taken.add(lower(names[role]));
  }

  let previous: PreviousInputs | undefined;
  const toRead = SHEETS.flatMap((spec) => {
    const p = spec.readBack ? replaced[spec.role] : undefined;
    return p ? [{ ws: p.ws, used: p.used, role: spec.role }] : [];
  });
  if (toRead.length > 0) {
    progress("Reading your previous scores and weights…", 0.05);
    const grids = await readPrevious(toRead, readChunkCells, sync);
    previous = readSheetInputs(Object.fromEntries(toRead.map((t, i) => [t.role, grids[i]])));
  }
  const { history, historyProblem } = await readHistorySheet(probes, readChunkCells, sync);
  return { original, tableNames, activeId, names, replaced, namesTaken, previous, history, historyProblem };
}

/**
 * The KAM History sheet, if Close quarter made one (it carries KAM.builtBy and KAM.sheet =
 * history): ours, read whole, never rebuilt. A sheet that does not read is reported, not fatal.
 */
async function readHistorySheet(probes: Probe[], chunkCells: number, sync: () => Promise<void>): Promise<{ history?: Snapshot[]; historyProblem?: string }> {
  const probe = probes.find((p) => !p.builtBy.isNullObject && p.builtBy.value === BUILT_BY_VALUE && !p.sheetRole.isNullObject && p.sheetRole.value === HISTORY_ROLE);
  if (!probe || probe.used.isNullObject) return {};
  const grids: Scalar[][][] = [[]];
  const rows = probe.used.rowIndex + probe.used.rowCount;
  const cols = probe.used.columnIndex + probe.used.columnCount;
  await runReads([probe.ws], grids, [{ i: 0, r0: 0, c0: 0, rows, cols }], chunkCells, sync);
  try {
    return { history: readHistory(grids[0]) };
  } catch (e) {
    return { historyProblem: `The ${probe.sheet.name} sheet could not be read, so the sheets do not compare with it: ${(e as Error).message}` };
  }
}

/**
 * What the user typed on the sheets the add-in built before (weights, directions, the rule,
 * manual scores, loss assumptions), so the task pane can show them; undefined when the
 * workbook has no such sheets. Reads only: two or three syncs.
 */
export async function readPreviousSettings(context: Excel.RequestContext, options: Pick<BuildSheetsOptions, "readChunkCells"> = {}): Promise<PreviousInputs | undefined> {
  const survey = await surveyWorkbook(context, () => context.sync(), options.readChunkCells ?? READ_CHUNK_CELLS, () => undefined);
  return survey.previous;
}

/**
 * Builds the three sheets from the user's choices. Never changes a sheet the add-in did not
 * build; on failure leaves the workbook as it was and rejects.
 */
export async function buildSheets(context: Excel.RequestContext, input: BuildSheetsInput, onProgress?: ProgressFn, options: BuildSheetsOptions = {}): Promise<BuildSheetsResult> {
  let syncs = 0;
  const progress = (message: string, fraction: number) => onProgress?.(message, Math.max(0, Math.min(1, fraction)));
  const sync = async () => {
    await context.sync();
    syncs++;
  };
  const worksheets = context.workbook.worksheets;
  const { original, tableNames, activeId, names, replaced, namesTaken, previous, history, historyProblem } = await surveyWorkbook(context, sync, options.readChunkCells ?? READ_CHUNK_CELLS, progress);
  const taken = new Set([...original.map((s) => lower(s.name)), ...ROLES.map((r) => lower(names[r]))]);

  // (d) Build the plan with the final names.
  progress("Computing the sheets…", 0.1);
  // A sensitivity sheet built before is refreshed too: left alone, it would only say "out of date".
  const sensitivity = input.sensitivity === true || replaced.sensitivity !== undefined;
  const { plan, summary, issues } = await (options.compute ?? buildWorkbook)({ ...input, sheetNames: names, previous, sensitivity, history });

  // (e) Our old sheets are rewritten in place, so they keep their identity: formulas in the
  // user's own sheets that refer to them go on working. Each is first copied to a backup; the
  // sheets that did not exist yet are added at the end.
  const token = randomToken();
  const backups: Backup[] = [];
  for (const role of ROLES) {
    const p = replaced[role];
    if (!p) continue;
    backups.push({
      role,
      id: p.sheet.id,
      name: p.sheet.name,
      position: p.sheet.position,
      backup: freeName(`~KAM old ${token}`, taken),
      tables: p.wsTables.items.map((t) => t.name),
      charts: p.charts.items.map((c) => c.name),
      properties: { [BUILT_BY_KEY]: BUILT_BY_VALUE, [SHEET_ROLE_KEY]: role },
    });
  }
  const reuse = Object.fromEntries(backups.map((b) => [b.name, { id: b.id, tables: b.tables, charts: b.charts }]));
  const freed = new Set(backups.flatMap((b) => b.tables.map(lower)));
  const properties: Record<string, Record<string, string>> = {};
  for (const role of ROLES) if (!replaced[role]) properties[names[role]] = { [SHEET_ROLE_KEY]: role };

  progress("Writing the sheets…", 0.15);
  let stats;
  try {
    for (const b of backups) worksheets.getItem(b.id).copy("End").name = b.backup;
    stats = await writePlan(context, plan, {
      reuse,
      // A first build shows the scoring sheet in its last sync; a rebuild, in the commit below.
      activate: backups.length === 0 && (options.activate ?? true) ? names.scoring : undefined,
      properties,
      takenTableNames: tableNames.filter((t) => !freed.has(lower(t))),
      maxSyncBytes: options.maxSyncBytes,
      onProgress: (f) => progress("Writing the sheets…", 0.15 + 0.8 * f),
    });
    syncs += stats.syncs;
  } catch (e) {
    await restore(context, original, backups, activeId).catch(() => undefined);
    throw e;
  }

  // (f) Commit: delete the backups and show the scoring sheet. The new sheets are complete by
  // now, so if this fails the build stands and the backups are deleted on a second try.
  progress("Finishing…", 0.97);
  const warnings: string[] = historyProblem ? [historyProblem] : [];
  for (const b of backups) worksheets.getItem(b.backup).delete();
  if (backups.length > 0 && (options.activate ?? true)) worksheets.getItem(names.scoring).activate();
  try {
    if (backups.length > 0) await sync();
  } catch (e) {
    try {
      worksheets.load("items/name");
      await sync();
      const left = backups.filter((b) => worksheets.items.some((w) => lower(w.name) === lower(b.backup)));
      for (const b of left) worksheets.getItem(b.backup).delete();
      if (left.length > 0) await sync();
    } catch {
      warnings.push(`Backup sheets named "~KAM old ${token} …" may be left: delete them by hand.`);
    }
    warnings.push(`The sheets were built, but the last step did not complete (${(e as Error).message}).`);
  }
  progress("Done", 1);
  return {
    summary,
    issues,
    sheetNames: names,
    rebuilt: backups.length > 0,
    namesTaken,
    warnings,
    stats: { syncs, payloadBytes: stats.payloadBytes, largestSyncBytes: stats.largestSyncBytes },
  };
}

/** Shows a sheet. */
export async function activateSheet(context: Excel.RequestContext, name: string): Promise<void> {
  context.workbook.worksheets.getItem(name).activate();
  await context.sync();
}
