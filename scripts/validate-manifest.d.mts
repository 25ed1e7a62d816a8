/** Types for validate-manifest.mjs (imported by test/manifest.test.ts). */
export declare const ROOT: string;
export declare const MANIFEST_PATH: string;
export declare const ENTRY_SCHEMA: string;
export declare function schemaDirectory(): string;
export interface ManifestValidation {
  valid: boolean;
  errors: string[];
}
export declare function validateManifestXml(xml: string, options?: { schemaDir?: string; fileName?: string }): Promise<ManifestValidation>;
export declare function validateManifestFile(path?: string, options?: { schemaDir?: string }): Promise<ManifestValidation>;
