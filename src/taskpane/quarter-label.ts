/** The quarter a day falls in, as a period label: 2026-08-14 → "2026 Q3" (no imports: the pane's first screen uses it). */
export function quarterLabel(date: Date): string {
  return `${date.getFullYear()} Q${Math.floor(date.getMonth() / 3) + 1}`;
}
