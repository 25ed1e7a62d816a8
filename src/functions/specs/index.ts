/**
 * Every KAM.* function, in the order of the help page and the README. One line per topic
 * file of this folder; test/functions/specs.test.ts fails when a topic file is not listed.
 */
import { SPECS as AHP } from "./ahp";
import { SPECS as CONCENTRATION } from "./concentration";
import { SPECS as LOSS } from "./loss";
import { SPECS as REVIEW } from "./review";
import { SPECS as SCORING } from "./scoring";
import { SPECS as SENSITIVITY } from "./sensitivity";
import type { FunctionSpec } from "./types";

export const ALL_SPECS: readonly FunctionSpec[] = [...SCORING, ...CONCENTRATION, ...LOSS, ...AHP, ...SENSITIVITY, ...REVIEW];

export type { FunctionSpec } from "./types";
