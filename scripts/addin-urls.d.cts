/** Types for addin-urls.cjs (used by webpack.config.js, the function generator and tests). */
export declare const DEV_URL: string;
export declare function productionUrl(env?: { prodUrl?: string }, environment?: Record<string, string | undefined>): string | undefined;
export declare function withBaseUrl(text: string, baseUrl: string): string;
