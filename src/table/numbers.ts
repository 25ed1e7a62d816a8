/**
 * Formatted numbers as exports write them: decimal comma or point, thousands separators
 * (",", ".", spaces, "'"), currency signs and codes before or after, percent signs, accounting
 * negatives "(500)" and trailing minus "500-". Pure. One decimal mark per column: taken from
 * the cells that can only be read one way ("1.234,56", "12,5", "1,234.50"), else from the
 * caller's default (the `--decimal`/`--locale` option, or the file's `;` separator).
 */

export type DecimalMark = "." | ",";

const SPACES = /[\s\u00a0\u202f\u2009]/g;
const CURRENCY_WORDS = "US\\$|A\\$|C\\$|NZ\\$|R\\$|HK\\$|[$€£¥₹₩₽₺]|CHF|EUR|USD|GBP|SEK|NOK|DKK|ISK|PLN|JPY|CAD|AUD|kr\\.?|Fr\\.?|zł";
const CURRENCY_BEFORE = new RegExp(`^(${CURRENCY_WORDS})\\s*`, "i");
const CURRENCY_AFTER = new RegExp(`\\s*(${CURRENCY_WORDS})$`, "i");

/** What one cell's text holds besides digits. */
export interface NumberParts {
  value: number;
  currency?: string;
  percent: boolean;
  accounting: boolean;
  thousands?: string;
}

const GROUPED: Record<DecimalMark, RegExp> = {
  ".": /^(\d{1,3})([,' \u00a0\u202f\u2009])\d{3}(?:\2\d{3})*(?:\.\d+)?$/,
  ",": /^(\d{1,3})([.' \u00a0\u202f\u2009])\d{3}(?:\2\d{3})*(?:,\d+)?$/,
};
const PLAIN: Record<DecimalMark, RegExp> = { ".": /^(?:\d+(?:\.\d+)?|\.\d+)$/, ",": /^(?:\d+(?:,\d+)?|,\d+)$/ };

/** Plain numbers, read the same under both marks (integers) or under the decimal point; no leading zeros ("0012" is an identifier). */
const SIMPLE_INTEGER = /^-?(?:0|[1-9]\d*)$/;
const SIMPLE_POINT_DECIMAL = /^-?(?:0|[1-9]\d*)\.\d+$/;

/**
 * Reads one cell's text as a number under the given decimal mark, or undefined when it is not
 * one (words, identifiers with leading zeros like "0012", exponents, several numbers).
 */
export function parseNumberText(text: string, decimal: DecimalMark): NumberParts | undefined {
  // Most cells of a large export are plain ("1250", "-20", "0.25"): read them without the rules below, which give the same.
  if (SIMPLE_INTEGER.test(text) || (decimal === "." && SIMPLE_POINT_DECIMAL.test(text))) {
    const x = Number(text);
    if (Number.isFinite(x)) return { value: x === 0 ? 0 : x, currency: undefined, percent: false, accounting: false, thousands: undefined };
  }
  let s = text.trim();
  if (s === "") return undefined;
  let negative = false;
  let accounting = false;
  let percent = false;
  let currency: string | undefined;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = accounting = true;
    s = paren[1].trim();
  }
  for (let pass = 0; pass < 2; pass++) {
    if (!negative && /^[-−]/.test(s)) {
      negative = true;
      s = s.slice(1).trim();
    } else if (!negative && /[-−]$/.test(s)) {
      negative = true;
      s = s.slice(0, -1).trim();
    }
    if (s.endsWith("%")) {
      if (percent) return undefined;
      percent = true;
      s = s.slice(0, -1).trim();
    }
    const before = CURRENCY_BEFORE.exec(s);
    const after = before ? null : CURRENCY_AFTER.exec(s);
    if (before || after) {
      if (currency !== undefined) return undefined;
      currency = (before ?? after)![1];
      s = before ? s.slice(before[0].length) : s.slice(0, s.length - after![0].length);
      s = s.trim();
    }
  }
  if (percent && currency !== undefined) return undefined;
  let thousands: string | undefined;
  let digits: string;
  const g = GROUPED[decimal].exec(s);
  if (g) {
    thousands = g[2];
    digits = s.split(g[2]).join("");
  } else if (PLAIN[decimal].test(s)) digits = s;
  else return undefined;
  if (/^0\d/.test(digits)) return undefined; // an identifier such as "0012"
  const x = Number(decimal === "," ? digits.replace(",", ".") : digits);
  if (!Number.isFinite(x)) return undefined;
  let value = negative ? -x : x;
  if (percent) value = value / 100;
  if (value === 0) value = 0; // no -0
  return { value, currency, percent, accounting, thousands: thousands?.replace(SPACES, " ") };
}

/** True when the text reads as two different numbers under the two marks ("1.500", "2,250"). */
export function readsEitherWay(text: string): boolean {
  const dot = parseNumberText(text, ".");
  const comma = parseNumberText(text, ",");
  return dot !== undefined && comma !== undefined && dot.value !== comma.value;
}

/** True when the text can be read under one decimal mark only: "1.234,56", "12,5", "1,234.50", "0.25". */
function onlyUnder(text: string): DecimalMark | undefined {
  const dot = parseNumberText(text, ".");
  const comma = parseNumberText(text, ",");
  if (dot && !comma) return ".";
  if (comma && !dot) return ",";
  if (dot && comma && dot.value !== comma.value) return undefined; // "1.234" or "1,234": either
  return undefined;
}

/** Counts of cells that can only be read with a decimal point and with a decimal comma. */
export function decimalEvidence(texts: Iterable<string>): { point: number; comma: number } {
  let point = 0;
  let comma = 0;
  for (const t of texts) {
    const m = onlyUnder(t);
    if (m === ".") point++;
    else if (m === ",") comma++;
  }
  return { point, comma };
}

/** What was found in one column, for the report. */
export interface ColumnFormat {
  decimal: DecimalMark;
  /** Where the decimal mark came from: "the cells", "the option", "the default". */
  decimalFrom: string;
  thousands: Set<string>;
  currencies: Set<string>;
  percent: number;
  accounting: number;
  /** Cells that read as two different numbers under the two marks ("1.500"). */
  ambiguous: number;
  /** Cells read as numbers, and cells left as text. */
  numbers: number;
  texts: number;
}

export function describeFormat(f: ColumnFormat): string {
  const parts: string[] = [];
  const anyDecimal = f.decimal === "," ? "decimal comma" : "decimal point";
  parts.push(`${anyDecimal} (${f.decimalFrom})`);
  if (f.thousands.size) parts.push(`thousands separator ${[...f.thousands].map((t) => (t === " " ? "space" : `"${t}"`)).join(" and ")}`);
  if (f.currencies.size) parts.push(`currency ${[...f.currencies].join(", ")}`);
  if (f.percent) parts.push(`${f.percent} percent value${f.percent === 1 ? "" : "s"} (read as fractions)`);
  if (f.ambiguous) parts.push(`${f.ambiguous} cell${f.ambiguous === 1 ? "" : "s"} such as "1.500" read either way: check the decimal mark`);
  if (f.accounting) parts.push(`${f.accounting} accounting negative${f.accounting === 1 ? "" : "s"} "(…)"`);
  return parts.join(", ");
}

/** True when a column's format is worth reporting (anything beyond plain numbers with a decimal point). */
export function isNotable(f: ColumnFormat): boolean {
  return f.ambiguous > 0 || f.decimal === "," || f.thousands.size > 0 || f.currencies.size > 0 || f.percent > 0 || f.accounting > 0;
}
