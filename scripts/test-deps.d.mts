/** Types for test-deps.mjs (imported by the tests). */
export declare const CHROMIUM: string;
export declare const SOFFICE: string;
export declare const LIBERATION_SANS: string;
export declare const UNO_MODULE: string;
export declare const PYTHON: string;
export declare const PDFTOTEXT: string;
export declare const PDFTOPPM: string;
export declare function ensureTestPrograms(log?: (line: string) => void): void;
/** Makes (in `dir`) a LibreOffice profile that recalculates every formula of an .xlsx on load; returns `dir`. */
export declare function recalculatingProfile(dir: string): string;
