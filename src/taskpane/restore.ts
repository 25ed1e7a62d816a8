/**
 * Puts the workbook back as it was when a build fails part-way (see `buildSheets`): the sheets
 * it added go, and each of our sheets it was rewriting in place comes back from the backup
 * copy made before the write.
 */
import type { SheetNames } from "../workbook/build";
import { STATISTICS_ROWS } from "../workbook/sheets/scoring";
import { emptySheet } from "./office-writer";

/** A sheet as the build found it. */
export interface SheetInfo {
  id: string;
  name: string;
  position: number;
}

const lower = (s: string) => s.toLowerCase();

/** One of our sheets being rewritten in place, and the copy that can put it back. */
export interface Backup {
  role: keyof SheetNames;
  id: string;
  name: string;
  position: number;
  /** Name of the copy. */
  backup: string;
  /** Tables and charts on the sheet, by name. */
  tables: string[];
  charts: string[];
  /** Custom properties that mark the sheet as ours, given again to the copy that replaces it. */
  properties: Record<string, string>;
}

/** What the scoring sheet's copy holds, read before the scoring sheet is rewritten from it. */
interface ScoringInPlace {
  ws: Excel.Worksheet;
  used: Excel.Range;
  frozen: Excel.Range;
  statistics: Excel.Range;
  tables: Excel.Range[];
}

function queueScoringCopy(ws: Excel.Worksheet, copy: Excel.Worksheet): ScoringInPlace {
  return {
    ws,
    used: copy.getUsedRangeOrNullObject().load("rowIndex,columnIndex,rowCount,columnCount"),
    frozen: copy.freezePanes.getLocationOrNullObject().load("rowCount,columnCount"),
    statistics: copy.getRangeByIndexes(STATISTICS_ROWS.row, 0, STATISTICS_ROWS.rows, 1).load("rowHidden"),
    tables: copy.tables.items.map((t) => t.getRange().load("rowIndex,columnIndex,rowCount,columnCount")),
  };
}

/** Freezes the same panes as the copy's (whole rows, whole columns, or both). */
function freezeAs(ws: Excel.Worksheet, frozen: Excel.Range): void {
  if (frozen.isNullObject) return;
  if (frozen.columnCount >= MAX_COLUMNS) ws.freezePanes.freezeRows(frozen.rowCount);
  else if (frozen.rowCount >= MAX_ROWS) ws.freezePanes.freezeColumns(frozen.columnCount);
  else ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, frozen.rowCount, frozen.columnCount));
}

/** The scoring sheet emptied and written again from its copy: cells, hidden statistics rows, widths, panes, tables. */
function restoreScoringInPlace(inPlace: ScoringInPlace, copy: Excel.Worksheet, b: Backup, widths: Excel.RangeFormat[]): void {
  const { ws, used, frozen, statistics, tables } = inPlace;
  emptySheet(
    ws,
    ws.tables.items.map((t) => t.name),
    ws.charts.items.map((c) => c.name),
  );
  const box = (r: Excel.Range) => ws.getRangeByIndexes(r.rowIndex, r.columnIndex, r.rowCount, r.columnCount);
  // Plain cells are copied back and the table made anew: copying a whole table would paste a table.
  for (const t of copy.tables.items) t.convertToRange();
  if (statistics.rowHidden === true) ws.getRangeByIndexes(STATISTICS_ROWS.row, 0, STATISTICS_ROWS.rows, 1).rowHidden = true;
  if (!used.isNullObject) box(used).copyFrom(used, "All");
  widths.forEach((w, c) => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w.columnWidth));
  freezeAs(ws, frozen);
  tables.forEach((r, k) => {
    const t = ws.tables.add(box(r), true);
    if (b.tables[k] !== undefined) t.name = b.tables[k];
  });
  copy.delete();
}

/** The sheet replaced by its copy, which takes its name, place, custom properties and table names. */
function replaceByCopy(worksheets: Excel.WorksheetCollection, b: Backup, copy: Excel.Worksheet, activeId: string): void {
  worksheets.getItem(b.id).delete();
  copy.name = b.name;
  copy.position = b.position;
  for (const [key, value] of Object.entries(b.properties)) copy.customProperties.add(key, value);
  copy.tables.items.forEach((t, k) => {
    if (b.tables[k] !== undefined) t.name = b.tables[k];
  });
  if (b.id === activeId) copy.activate();
}

/** Every sheet that was not there before goes, but the backups: sheets added under our names, and a copy whose renaming to a backup name did not happen. */
function deleteAddedSheets(worksheets: Excel.WorksheetCollection, original: SheetInfo[], backups: Backup[]): void {
  const byId = new Set(original.map((s) => s.id));
  const backupNames = new Set(backups.map((b) => lower(b.backup)));
  for (const w of worksheets.items) if (!byId.has(w.id) && !backupNames.has(lower(w.name))) w.delete();
}

/** The summary copy's formulas written again (formula cells only, one cell each: a hundred or so), so they refer to the restored sheets. */
function rewriteFormulas(copy: Excel.Worksheet, cells: Excel.Range): void {
  cells.formulas.forEach((row, i) =>
    row.forEach((f, j) => {
      if (typeof f === "string" && f.startsWith("=")) copy.getRangeByIndexes(cells.rowIndex + i, cells.columnIndex + j, 1, 1).formulas = [[f]];
    }),
  );
}

/**
 * Puts the workbook back as it was after a failed write. Sheets added under our names are
 * deleted. The loss and concentration sheets are replaced by their backup copies (name, place,
 * custom properties, table names). The scoring sheet is restored in place from its copy instead,
 * because the other two sheets' formulas (and perhaps the user's) refer to it: cells, formats,
 * colour scales, frozen panes, the hidden statistics rows and its table come back. (Formulas of the user's that referred to
 * the loss or concentration sheet show #REF! after a failed rebuild: only then.) The summary
 * sheet refers to the loss and concentration sheets: its copy's formulas are read before those
 * sheets are replaced and written again after, so they refer to the restored sheets.
 */
export async function restore(context: Excel.RequestContext, original: SheetInfo[], backups: Backup[], activeId: string): Promise<void> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/id,items/name");
  const copies = backups.map((b) => {
    const copy = worksheets.getItemOrNullObject(b.backup);
    copy.tables.load("items/name");
    return copy;
  });
  const scoring = backups.findIndex((b) => b.role === "scoring");
  const ws = scoring < 0 ? undefined : worksheets.getItem(backups[scoring].id);
  ws?.tables.load("items/name");
  ws?.charts.load("items/name");
  await context.sync();
  const scoringCopy = scoring < 0 || copies[scoring].isNullObject ? undefined : copies[scoring];
  const inPlace = ws && scoringCopy ? queueScoringCopy(ws, scoringCopy) : undefined;
  // The summary's formulas, read while the sheets they refer to are still there.
  const summary = backups.findIndex((b) => b.role === "summary");
  const summaryCells = summary < 0 || copies[summary].isNullObject ? undefined : copies[summary].getUsedRangeOrNullObject().load("rowIndex,columnIndex,rowCount,columnCount,formulas");
  if (inPlace || summaryCells) await context.sync();
  // The copy's column widths (copying cells back does not copy them, and the failed build may
  // have changed them, e.g. amounts with a currency): one more sync, on this failure path only.
  const widths =
    inPlace && !inPlace.used.isNullObject ? Array.from({ length: inPlace.used.columnIndex + inPlace.used.columnCount }, (_, c) => scoringCopy!.getRangeByIndexes(0, c, 1, 1).format.load("columnWidth")) : [];
  if (widths.length > 0) await context.sync();

  deleteAddedSheets(worksheets, original, backups);
  [...backups.keys()]
    .sort((i, j) => backups[i].position - backups[j].position)
    .forEach((i) => {
      if (copies[i].isNullObject) return; // the copy was never made, so neither was any change to the sheet
      if (i === scoring && inPlace) restoreScoringInPlace(inPlace, copies[i], backups[i], widths);
      else replaceByCopy(worksheets, backups[i], copies[i], activeId);
    });
  if (summaryCells && !summaryCells.isNullObject) rewriteFormulas(copies[summary], summaryCells);
  // The sheet the user was on, unless it was replaced by its copy (activated above).
  if (!backups.some((b) => b.id === activeId && b.role !== "scoring")) worksheets.getItem(activeId).activate();
  await context.sync();
}

/** Excel's grid. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
