/**
 * Reads back what the user typed on the KAM sheets built earlier (weights, directions, manual
 * scores, the key-account rule value, loss assumptions), so a rebuild keeps it. Manual scores
 * are matched by customer name, not by row. Each sheet's spec knows its own layout
 * (`readBack` in sheets/); this is the two-sheet form the pane and the tests call.
 * Pure: the caller passes the sheets' values (A1 at [0][0]).
 */
import type { PreviousInputs } from "./model";
import type { Scalar } from "./plan";
import { readSheetInputs } from "./sheets/registry";

export function readPreviousInputs(scoring: Scalar[][], loss?: Scalar[][]): PreviousInputs {
  return readSheetInputs({ scoring, loss });
}
