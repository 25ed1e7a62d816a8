/** Types for test-deps.mjs (imported by the tests). */
export declare const CHROMIUM: string;
export declare const SOFFICE: string;
export declare const LIBERATION_SANS: string;
export declare function ensureTestPrograms(log?: (line: string) => void): void;
