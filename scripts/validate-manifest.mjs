#!/usr/bin/env node
/**
 * Validates manifest.xml against Microsoft's add-in manifest XSDs, offline, with libxml2
 * compiled to WebAssembly (xmllint-wasm).
 *
 * The schemas are not part of this repository: they are read from
 * ../shared/schemas/office-manifest (relative to the repository root), or from the folder
 * named by the environment variable KAM_MANIFEST_SCHEMAS.
 *
 *   node scripts/validate-manifest.mjs [manifest.xml]      (npm run validate)
 *
 * Prints "manifest.xml is valid", or the errors and exits with status 1.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const MANIFEST_PATH = join(ROOT, "manifest.xml");
/** The entry-point schema; it imports the others from the same folder. */
export const ENTRY_SCHEMA = "OfficeAppManifestV1_1.xsd";

/** The folder holding the manifest XSDs: $KAM_MANIFEST_SCHEMAS, or ../shared/schemas/office-manifest. */
export function schemaDirectory() {
  const fromEnv = process.env.KAM_MANIFEST_SCHEMAS;
  return fromEnv ? resolve(fromEnv) : resolve(ROOT, "../shared/schemas/office-manifest");
}

/**
 * Validates manifest XML text against the XSDs in schemaDir.
 * @param {string} xml the manifest's text
 * @param {{ schemaDir?: string, fileName?: string }} [options]
 * @returns {Promise<{ valid: boolean, errors: string[] }>}
 */
export async function validateManifestXml(xml, options = {}) {
  const schemaDir = options.schemaDir ?? schemaDirectory();
  const fileName = options.fileName ?? "manifest.xml";
  const entry = join(schemaDir, ENTRY_SCHEMA);
  if (!existsSync(entry)) {
    throw new Error(`Manifest schemas not found: ${entry} is missing. Set KAM_MANIFEST_SCHEMAS to the folder with the Office add-in XSDs.`);
  }
  const preload = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".xsd") && f !== ENTRY_SCHEMA)
    .map((f) => ({ fileName: f, contents: readFileSync(join(schemaDir, f), "utf8") }));
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [{ fileName: ENTRY_SCHEMA, contents: readFileSync(entry, "utf8") }],
    preload,
  });
  const errors = result.errors.map((e) => e.rawMessage || e.message);
  if (!result.valid && errors.length === 0) errors.push(result.rawOutput.trim() || `${fileName} is not valid`);
  return { valid: result.valid, errors };
}

/**
 * Validates a manifest file (manifest.xml by default).
 * @param {string} [path]
 * @param {{ schemaDir?: string }} [options]
 */
export function validateManifestFile(path = MANIFEST_PATH, options = {}) {
  return validateManifestXml(readFileSync(path, "utf8"), { ...options, fileName: basename(path) });
}

async function main() {
  const path = resolve(process.argv[2] ?? MANIFEST_PATH);
  const name = basename(path);
  try {
    const { valid, errors } = await validateManifestFile(path);
    if (valid) {
      console.log(`${name} is valid`);
      return 0;
    }
    console.error(`${name} is NOT valid:`);
    for (const e of errors) console.error(`  ${e.trim()}`);
    return 1;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
