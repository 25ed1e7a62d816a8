/**
 * Turns the bytes of a text export into text, saying which encoding was used: a byte-order
 * mark (UTF-8, UTF-16 LE/BE) wins; then UTF-16 without a mark (Excel's "Unicode Text" has
 * NUL bytes in every other position); then UTF-8 when the bytes are valid UTF-8; otherwise
 * the encoding `jschardet` detects, falling back to Windows-1252 (what Excel on Windows
 * writes for "CSV" in western Europe and the Americas). Decoding is done by `iconv-lite`.
 */
import iconv from "iconv-lite";
import jschardet from "jschardet";

export interface Decoded {
  text: string;
  /** Encoding name as iconv-lite knows it, e.g. "utf-8", "utf-16le", "windows-1252". */
  encoding: string;
  /** How it was found, for the report: "byte-order mark", "valid UTF-8", "detected", "default". */
  how: string;
}

/** Single-byte encodings that jschardet reports for western text; all read as Windows-1252 (its superset). */
const WESTERN = new Set(["windows-1252", "iso-8859-1", "iso-8859-15", "ascii"]);

function utf16WithoutBom(b: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return "utf-16le";
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return "utf-16be";
  return undefined;
}

function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export function decodeText(bytes: Uint8Array): Decoded {
  const b = bytes;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: iconv.decode(buf.subarray(3), "utf-8"), encoding: "utf-8", how: "byte-order mark" };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le", how: "byte-order mark" };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be", how: "byte-order mark" };
  const u16 = utf16WithoutBom(b);
  if (u16) return { text: iconv.decode(buf, u16), encoding: u16, how: "NUL bytes between characters" };
  if (isUtf8(b)) return { text: iconv.decode(buf, "utf-8"), encoding: "utf-8", how: "valid UTF-8" };
  const guess = jschardet.detect(buf.subarray(0, 65536).toString("binary"));
  const name = (guess.encoding ?? "").toLowerCase();
  if (name && !WESTERN.has(name) && guess.confidence >= 0.9 && iconv.encodingExists(name)) {
    return { text: iconv.decode(buf, name), encoding: name, how: `detected (${Math.round(guess.confidence * 100)}% confidence)` };
  }
  return { text: iconv.decode(buf, "windows-1252"), encoding: "windows-1252", how: name && WESTERN.has(name) ? "detected" : "not UTF-8, so the Windows default" };
}
