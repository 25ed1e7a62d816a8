/**
 * Numbers in the pane, in the user's Office display language: shown with `Intl.NumberFormat`,
 * and read back from what the user typed with the same locale's separators. No Office import:
 * the caller passes the locale (Office.context.displayLanguage).
 */

export interface NumberLocale {
  locale: string;
  /** Formats a whole amount: 2,000,000 (en-US), 2.000.000 (de-DE). */
  amount(x: number): string;
  /** Formats a plain number with up to `digits` decimals. */
  num(x: number, digits?: number): string;
  /** Formats a share: 0.187 → 18.7%. */
  pct(x: number, digits?: number): string;
  /** Reads a number as typed in this locale; undefined when it is not one. */
  parse(text: string): number | undefined;
}

function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  return {
    group: parts.find((p) => p.type === "group")?.value ?? ",",
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
  };
}

/** A locale Intl accepts, else "en-US". */
export function safeLocale(locale: string | undefined): string {
  if (!locale) return "en-US";
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : "en-US";
  } catch {
    return "en-US";
  }
}

/**
 * Reads "2,000,000", "2.000.000" (grouped with the other separator), "1 234,5", "-3" and "12%"
 * as numbers in `locale`; rejects "2,0,0", "abc" and "" (undefined). A separator that occurs more
 * than once, each time followed by exactly three digits, is a group separator whichever it is.
 */
export function parseLocaleNumber(text: string, locale: string): number | undefined {
  const { group, decimal } = separators(locale);
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, "");
  if (s.endsWith("%")) s = s.slice(0, -1);
  if (s === "") return undefined;
  const sign = s.startsWith("-") || s.startsWith("\u2212") ? -1 : 1;
  if (sign < 0 || s.startsWith("+")) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s)) return undefined;
  const grouped = (sep: string) => {
    const parts = s.split(sep);
    return parts.length > 2 && parts.slice(1).every((p) => /^\d{3}$/.test(p.split(sep === "." ? "," : ".")[0]) && p.length >= 3);
  };
  let g = group === "\u00a0" || group === "\u202f" || group === " " ? "" : group;
  let d = decimal;
  // "2.000.000" typed under en-US: the dots can only be group separators.
  if (s.split(d).length > 2 && grouped(d)) [g, d] = [d, g || (d === "." ? "," : ".")];
  if (g) {
    // Group separators must come in threes before the decimal part.
    const [intPart, ...rest] = s.split(d);
    if (rest.some((p) => p.includes(g))) return undefined;
    const groups = intPart.split(g);
    if (groups.length > 1 && (groups[0].length === 0 || groups.slice(1).some((p) => p.length !== 3))) return undefined;
    s = s.split(g).join("");
  }
  if (s.split(d).length > 2) return undefined;
  s = s.replace(d, ".");
  if (!/^(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? sign * v : undefined;
}

export function numberLocale(locale: string | undefined): NumberLocale {
  const loc = safeLocale(locale);
  const whole = new Intl.NumberFormat(loc, { maximumFractionDigits: 0 });
  return {
    locale: loc,
    amount: (x) => whole.format(Math.round(x)),
    num: (x, digits = 2) => new Intl.NumberFormat(loc, { maximumFractionDigits: digits }).format(x),
    pct: (x, digits = 1) => new Intl.NumberFormat(loc, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x),
    parse: (text) => parseLocaleNumber(text, loc),
  };
}
