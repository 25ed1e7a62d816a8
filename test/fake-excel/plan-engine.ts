/**
 * Evaluates a WorkbookPlan with HyperFormula, a real formula engine, the way Excel would
 * after the writer applied it. Literal strings are entered with a leading apostrophe, as the
 * writers do, so a customer called "=HYPERLINK(...)" stays text.
 */
import { HyperFormula } from "hyperformula";
import type { CellPlan, WorkbookPlan } from "../../src/workbook/plan";

export const HF_CONFIG = { licenseKey: "gpl-v3", useArrayArithmetic: true, smartRounding: false } as const;

export function cellInput(c: CellPlan): string | number | boolean | null {
  if (c.formula !== undefined) return c.formula;
  if (c.value === undefined || c.value === null) return null;
  if (typeof c.value === "string") return c.value === "" ? null : `'${c.value}`;
  return c.value;
}

export class PlanEngine {
  readonly hf: HyperFormula;
  private readonly ids = new Map<string, number>();

  constructor(plan: WorkbookPlan, extraSheets: Record<string, (string | number | boolean | null)[][]> = {}) {
    const sheets: Record<string, (string | number | boolean | null)[][]> = { ...extraSheets };
    for (const s of plan.sheets) {
      const grid: (string | number | boolean | null)[][] = [];
      for (const b of s.blocks) {
        b.cells.forEach((row, i) => {
          const r = b.row + i;
          while (grid.length <= r) grid.push([]);
          row.forEach((c, j) => {
            const col = b.col + j;
            while (grid[r].length < col) grid[r].push(null);
            grid[r][col] = cellInput(c);
          });
        });
      }
      sheets[s.name] = grid;
    }
    this.hf = HyperFormula.buildFromSheets(sheets, HF_CONFIG);
    for (const name of Object.keys(sheets)) this.ids.set(name, this.hf.getSheetId(name)!);
  }

  value(sheet: string, row: number, col: number): unknown {
    const v = this.hf.getCellValue({ sheet: this.ids.get(sheet)!, row, col });
    if (v !== null && typeof v === "object" && "value" in (v as object)) return (v as { value: string }).value; // error → "#DIV/0!" etc.
    return v;
  }

  column(sheet: string, col: number, from: number, count: number): unknown[] {
    return Array.from({ length: count }, (_, i) => this.value(sheet, from + i, col));
  }

  setValue(sheet: string, row: number, col: number, v: string | number | null): void {
    this.hf.setCellContents({ sheet: this.ids.get(sheet)!, row, col }, [[v]]);
  }
}
