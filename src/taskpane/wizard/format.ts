/**
 * Numbers in the pane, in the user's Office display language: shown with `Intl.NumberFormat`,
 * and read back from what the user typed with the same locale's separators. No Office import:
 * the caller passes the locale (Office.context.displayLanguage).
 */

export interface NumberLocale {
  /** The locale used (the one asked for if Intl supports it, else en-US): the first read is the page's first Intl call. */
  locale: string;
  /** The locale as asked for (Office.context.displayLanguage), not checked: read without any Intl call. */
  requested?: string;
  /** Formats a whole amount: 2,000,000 (en-US), 2.000.000 (de-DE). */
  amount(x: number): string;
  /** Formats a plain number with up to `digits` decimals. */
  num(x: number, digits?: number): string;
  /** Formats a share: 0.187 → 18.7%. */
  pct(x: number, digits?: number): string;
  /** Reads a number as typed in this locale; undefined when it is not one. */
  parse(text: string): number | undefined;
}

/**
 * Intl formatters by locale and options, made once: each `new Intl.NumberFormat` costs about a
 * millisecond (far more for the first of a locale), and the pane formats and parses on every
 * render (this was a fifth of the pane's start-up time at 4× CPU throttling).
 */
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

const separatorCache = new Map<string, { group: string; decimal: string }>();
function separators(locale: string): { group: string; decimal: string } {
  let s = separatorCache.get(locale);
  if (!s) {
    const parts = formatter(locale).formatToParts(1234567.5);
    s = { group: parts.find((p) => p.type === "group")?.value ?? ",", decimal: parts.find((p) => p.type === "decimal")?.value ?? "." };
    separatorCache.set(locale, s);
  }
  return s;
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
export function parseLocaleNumber(text: string, locale: string | (() => string)): number | undefined {
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, "");
  // Plain digits read the same in every locale: no need for Intl (slow to start, see above).
  if (/^\d{1,15}$/.test(s)) return Number(s);
  // Nor does an empty field (the fixed costs start empty: no Intl call on the first render).
  if (s === "" || s === "%") return undefined;
  const { group, decimal } = separators(typeof locale === "function" ? locale() : locale);
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
  // Checked on first use, not at start-up: the first Intl call of a page loads locale data.
  let checked: string | undefined;
  const locOf = () => (checked ??= safeLocale(locale));
  const fmt = (options: Intl.NumberFormatOptions) => formatter(locOf(), options);
  return {
    get locale() {
      return locOf();
    },
    requested: locale,
    amount: (x) => fmt({ maximumFractionDigits: 0 }).format(Math.round(x)),
    num: (x, digits = 2) => fmt({ maximumFractionDigits: digits }).format(x),
    pct: (x, digits = 1) => fmt({ style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x),
    // The locale is checked only for text that needs its separators (plain digits do not).
    parse: (text) => parseLocaleNumber(text, locOf),
  };
}
