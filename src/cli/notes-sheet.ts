/**
 * The "KAM Notes" sheet the CLI adds to its workbook: where the figures came from (file,
 * encoding, sheet, header row, number formats), the column mapping with reasons, rows left
 * out (totals, problems) and merged, and the defaults in force. Pure.
 */
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

export function notesSheet(n: NotesInput): SheetPlan {
  const cells: CellPlan[][] = [];
  const line = (text: string, style: CellPlan["style"] = undefined) => cells.push([{ value: text, style }]);
  const gap = () => cells.push([]);
  line("Key Account Manager: how this workbook was built", "title");
  line(`From ${n.source}, built ${n.builtOn} by kam-workbook.`, "subtitle");
  gap();
  line("Reading", "section");
  for (const r of n.reading) line(r);
  gap();
  line("Columns used", "section");
  cells.push([{ value: "Role", style: "header" }, { value: "Column", style: "header" }, { value: "Why", style: "header" }]);
  for (const [role, col, why] of n.mapping) cells.push([{ value: role, style: "label" }, { value: col }, { value: why, style: "note" }]);
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
  return { name: NOTES_SHEET_NAME, blocks: [{ row: 0, col: 0, cells }], columnWidths: [30, 30, 70], tabColor: "#7F7F7F" };
}
