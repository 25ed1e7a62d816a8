/**
 * The sheets the add-in builds, in order, and the one definition of "is this sheet ours?".
 * Adding a sheet: a new spec file in this folder (see `spec.ts`) and its line in `SHEETS`.
 */
import type { PreviousInputs } from "../model";
import type { Scalar } from "../plan";
import { concentrationSheet } from "./concentration";
import { lossSheet } from "./loss";
import { portfolioSheet } from "./portfolio";
import { scoringSheet } from "./scoring";
import { sensitivitySheet } from "./sensitivity";
import { summarySheet } from "./summary";

/**
 * Every sheet we build, in plan order. The scoring sheet comes first: the others refer to it.
 * The summary reads the others and is placed first in the workbook (`first`).
 */
export const SHEETS = [scoringSheet, lossSheet, concentrationSheet, portfolioSheet, sensitivitySheet, summarySheet] as const;

export type SheetRole = (typeof SHEETS)[number]["role"];
export type SheetNames = Record<SheetRole, string>;
export const SHEET_ROLES: readonly SheetRole[] = SHEETS.map((s) => s.role);

export const DEFAULT_SHEET_NAMES = Object.fromEntries(SHEETS.map((s) => [s.role, s.defaultName])) as Readonly<SheetNames>;

export function sheetSpec(role: SheetRole): (typeof SHEETS)[number] {
  return SHEETS.find((s) => s.role === role)!;
}

/** Custom property marking a sheet as built by the add-in (worksheet custom properties: ExcelApi 1.12). */
export const BUILT_BY_KEY = "KAM.builtBy";
export const BUILT_BY_VALUE = "Key Account Manager";
/** Custom property naming which of our sheets a sheet is (its role). */
export const SHEET_ROLE_KEY = "KAM.sheet";

/**
 * 1 for a default name ("KAM Scoring"), k for its variant "KAM Scoring (k)" (k ≥ 2), else
 * undefined; case-insensitive, as Excel compares sheet names.
 */
export function nameVariant(name: string, base: string): number | undefined {
  if (name.toLowerCase() === base.toLowerCase()) return 1;
  const m = /^(.*) \((\d+)\)$/.exec(name);
  return m && m[1].toLowerCase() === base.toLowerCase() && Number(m[2]) >= 2 ? Number(m[2]) : undefined;
}

/** What is known of a sheet: its name and, where the host keeps them, its custom properties. */
export interface SheetIdentity {
  name: string;
  /**
   * The sheet's `KAM.builtBy` and `KAM.sheet` properties (undefined values: the sheet lacks
   * them). Leave `properties` out where the host keeps none (an .xlsx read by the CLI).
   */
  properties?: { builtBy?: string; role?: string };
}

/**
 * The role of one of our sheets, or undefined for a sheet of the user's. Where properties are
 * kept, a sheet is ours only if it carries `KAM.builtBy` (under any name the user gave it),
 * and its role is its `KAM.sheet` property or, for sheets built before that property, its name.
 * Without properties, a sheet is ours by one of our names or its "(k)" variants.
 */
export function sheetRoleOf(sheet: SheetIdentity): SheetRole | undefined {
  const byName = () => SHEETS.find((s) => nameVariant(sheet.name, s.defaultName) !== undefined)?.role;
  const props = sheet.properties;
  if (props === undefined) return byName();
  if (props.builtBy !== BUILT_BY_VALUE) return undefined;
  return props.role !== undefined ? SHEETS.find((s) => s.role === props.role)?.role : byName();
}

/** The notes sheet only the CLI writes (src/cli/notes-sheet.ts): where the figures came from. Not rebuilt in Excel. */
export const NOTES_SHEET_NAME = "KAM Notes";

export function isOwnSheet(sheet: SheetIdentity): boolean {
  return sheetRoleOf(sheet) !== undefined || sheet.name === NOTES_SHEET_NAME;
}

/** What the user typed on our previous sheets, from each sheet's values by role (A1 at [0][0]). */
export function readSheetInputs(grids: Partial<Record<SheetRole, Scalar[][]>>): PreviousInputs {
  const out: PreviousInputs = { weights: {}, directions: {}, manual: {} };
  for (const spec of SHEETS) {
    const grid = grids[spec.role];
    if (grid !== undefined && spec.readBack) Object.assign(out, spec.readBack.read(grid));
  }
  return out;
}
