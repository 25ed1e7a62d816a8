/** The look of each cell style, shared by the Office.js and .xlsx writers. */
import type { CellStyle } from "./plan";

export interface StyleSpec {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string; // font colour #RRGGBB
  fill?: string; // background #RRGGBB
  wrap?: boolean;
}

export const STYLES: Record<CellStyle, StyleSpec> = {
  title: { bold: true, size: 16, color: "#0F4C4C" },
  subtitle: { italic: true, color: "#555555" },
  section: { bold: true, size: 12, color: "#0F4C4C" },
  header: { bold: true, color: "#FFFFFF", fill: "#0F6C6C", wrap: true },
  label: { bold: true },
  input: { fill: "#FFF2CC", color: "#1F3864" },
  output: { bold: true },
  note: { italic: true, color: "#7F7F7F" },
  // No fill: warnings are formulas that are empty most of the time, and an empty cell is never filled.
  warning: { bold: true, color: "#9C0006" },
  wrapped: { wrap: true },
};

/** Heat-map colours: low, middle, high. */
export const COLOR_SCALE = { low: "#F8696B", mid: "#FFEB84", high: "#63BE7B" } as const;
