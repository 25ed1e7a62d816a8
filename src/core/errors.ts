/**
 * Errors raised by the pure core. Each carries the Excel error value it stands for, so
 * the custom-function adapter can turn it into `CustomFunctions.Error` without guessing,
 * and a message that names the offending input position.
 */

/** The Excel error values the core can produce or pass through. */
export type ExcelErrorCode = "#VALUE!" | "#N/A" | "#NUM!" | "#DIV/0!" | "#REF!" | "#NAME?" | "#NULL!" | "#SPILL!" | "#CALC!" | "#GETTING_DATA" | "#BUSY!";

const KNOWN_CODES: ReadonlySet<string> = new Set<ExcelErrorCode>([
  "#VALUE!",
  "#N/A",
  "#NUM!",
  "#DIV/0!",
  "#REF!",
  "#NAME?",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#BUSY!",
]);

export class KamError extends Error {
  readonly code: ExcelErrorCode;
  constructor(code: ExcelErrorCode, message: string) {
    super(message);
    this.name = "KamError";
    this.code = code;
  }
}

/** Wrong type of input: text or a boolean where a number belongs, mismatched sizes, unknown option. */
export const valueError = (message: string): KamError => new KamError("#VALUE!", message);
/** No data at all, or a required item that is missing. */
export const naError = (message: string): KamError => new KamError("#N/A", message);
/** A number outside the allowed domain (negative revenue, probability above 1, ...). */
export const numError = (message: string): KamError => new KamError("#NUM!", message);
/** A total of zero where a share or ratio is needed. */
export const divError = (message: string): KamError => new KamError("#DIV/0!", message);

/**
 * Recognises an Excel error value as it reaches JavaScript: an object with a `code` such as
 * "#N/A" (the shape of `CustomFunctions.Error`), or a string such as "#DIV/0!" as written by
 * some hosts. Returns the code, or undefined for anything else.
 */
export function excelErrorCodeOf(cell: unknown): ExcelErrorCode | undefined {
  if (typeof cell === "string") {
    return KNOWN_CODES.has(cell) ? (cell as ExcelErrorCode) : undefined;
  }
  if (cell !== null && typeof cell === "object" && "code" in cell) {
    const code = (cell as { code: unknown }).code;
    if (typeof code === "string" && KNOWN_CODES.has(code)) return code as ExcelErrorCode;
  }
  return undefined;
}
