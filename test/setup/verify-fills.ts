/**
 * Every plan the tests build checks its declared fills: `SheetBuilder.filledRow` calls its
 * source for every row and throws when a row's formulas are not the row above filled down
 * (which the writers assume when they store the row as part of a run; see src/workbook/fill.ts).
 */
import { SheetBuilder } from "../../src/workbook/sheet-builder";

SheetBuilder.verifyFills = true;
