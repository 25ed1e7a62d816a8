/**
 * The "KAM Notes" sheet the CLI adds to its workbook: where the figures came from (file,
 * encoding, sheet, header row, number formats), the column mapping with reasons, rows left
 * out (totals, problems) and merged, and the defaults in force. Pure.
 *
 * Prose runs across the three columns, so each paragraph is broken into rows that fit their
 * width (a cell's text is cut off at the print area's edge, not wrapped), and the mapping's
 * reasons into rows that fit the "Why" column.
 */
import { fontFactor, PADDING } from "../workbook/layout";
import type { SheetPlan, CellPlan } from "../workbook/plan";
import { NOTES_SHEET_NAME } from "../workbook/sheets/registry";

export interface NotesInput {
  source: string;
  builtOn: string;
  reading: string[];
  mapping: [string, string, string][];
  leftOut: string[];
  merged: string[];
  defaults: readonly string[];
  keyNotes: string[];
  disclosure: string[];
}

/** Role, column and why: together about one landscape page wide. */
export const NOTES_WIDTHS = [26, 26, 56] as const;

/** `text` broken at spaces into lines of at most `width` characters (a longer word alone on its line). */
export function breakLines(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line || lines.length === 0 ? [...lines, line] : lines;
}

/** Characters of a style's text that fit in `width` columns. */
const fitting = (width: number, style: CellPlan["style"]) => Math.floor((width - PADDING) / fontFactor({ style }));

export function notesSheet(n: NotesInput): SheetPlan {
  const cells: CellPlan[][] = [];
  const across = NOTES_WIDTHS.reduce((s, w) => s + w, 0);
  const line = (text: string, style: CellPlan["style"] = undefined) => {
    for (const part of breakLines(text, fitting(across, style))) cells.push([{ value: part, style }]);
  };
  const gap = () => cells.push([]);
  line("Key Account Manager: how this workbook was built", "title");
  line(`From ${n.source}, built ${n.builtOn} by kam-workbook.`, "subtitle");
  gap();
  line("Reading", "section");
  for (const r of n.reading) line(r);
  gap();
  line("Columns used", "section");
  cells.push([{ value: "Role", style: "header" }, { value: "Column", style: "header" }, { value: "Why", style: "header" }]);
  for (const [role, col, why] of n.mapping) {
    breakLines(why, fitting(NOTES_WIDTHS[2], "note")).forEach((part, i) =>
      cells.push(i === 0 ? [{ value: role, style: "label" }, { value: col }, { value: part, style: "note" }] : [{}, {}, { value: part, style: "note" }]),
    );
  }
  gap();
  line("Rows left out", "section");
  if (n.leftOut.length === 0) line("None.");
  for (const r of n.leftOut) line(r, "warning");
  gap();
  line("Rows of the same customer, summed", "section");
  if (n.merged.length === 0) line("None.");
  for (const r of n.merged) line(r);
  gap();
  line("At or above 10% of revenue (disclosure line, US GAAP ASC 280)", "section");
  if (n.disclosure.length === 0) line("None.");
  for (const r of n.disclosure) line(r);
  if (n.keyNotes.length) {
    gap();
    line("Key accounts below 1% of revenue", "section");
    for (const r of n.keyNotes) line(r, "warning");
  }
  gap();
  line("Defaults", "section");
  for (const d of n.defaults) line(d);
  return { name: NOTES_SHEET_NAME, blocks: [{ row: 0, col: 0, cells }], columnWidths: [...NOTES_WIDTHS], minColumnWidths: [...NOTES_WIDTHS], tabColor: "#7F7F7F" };
}
