/** Reads an .xlsx with openpyxl (Debian's python3-openpyxl), as a pandas user would: see read-xlsx.py. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PYTHON } from "../../scripts/test-deps.mjs";

export type OpenpyxlCell = [row: number, col: number, value: unknown, formula: string | null, cached: unknown, format: string, wrap: boolean, fill: string | null];

export interface OpenpyxlSheet {
  name: string;
  state: string;
  charts: { type: string; title: string | null; series: string[]; cached: number[]; from: [number, number]; plotVisOnly?: boolean }[];
  tables: { name: string; ref: string }[];
  print: { orientation: string | null; fitToWidth: number | null; fitToHeight: number | null; fitToPage: boolean | null; titleRows: string | null; area: string | null; footer: string; footerLeft: string; footerRight: string };
  widths: Record<string, number>;
  heights: Record<string, number>;
  hiddenRows: number[];
  outlineRows: number[];
  /** Columns (0-based) with an outline level, and hidden columns. */
  outlineCols: number[];
  hiddenCols: number[];
  /** The outline levels the sheet declares in use (sheetFormatPr). */
  outlineLevels: { rows: number | null; cols: number | null };
  cells: OpenpyxlCell[];
}

export function readWithOpenpyxl(file: string): { sheets: OpenpyxlSheet[] } {
  const run = spawnSync(PYTHON, [join(__dirname, "read-xlsx.py"), file], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024, timeout: 300_000 });
  if (run.status !== 0) throw new Error(`openpyxl could not read ${file}: ${run.stderr}`);
  return JSON.parse(run.stdout) as { sheets: OpenpyxlSheet[] };
}
