/**
 * Sends a build result from the Web Worker to the pane in pieces, and puts it together again.
 * Structured clone reads a message in one task on the receiving thread: one message with the
 * whole plan (150,000+ cells at 5,000 customers) blocked the pane for ~400 ms. So the worker
 * first sends the result with every block's cells left empty ("head"), then the cells in
 * chunks of about CHUNK_CELLS cells ("cells", in order), then "end". Each chunk is its own
 * short task on the pane's thread, and the pane repaints between them.
 */
import type { BuildResult } from "../../workbook/build";
import { FilledCell, plainCell } from "../../workbook/fill";
import type { CellPlan } from "../../workbook/plan";

/** A row as structured clone can send it: filled cells (whose formula is not an own property) as plain cells. */
const plainRow = (row: CellPlan[]): CellPlan[] => (row.some((c) => c instanceof FilledCell) ? row.map(plainCell) : row);

/** Cells per message: a few tens of ms to read on a slow machine. */
export const CHUNK_CELLS = 2_000;

export type WorkerMessage =
  | { ok: true; kind: "head"; result: BuildResult }
  | { ok: true; kind: "cells"; sheet: number; block: number; cells: CellPlan[][] }
  | { ok: true; kind: "end" }
  | { ok: false; name: string; message: string };

export function sendResult(result: BuildResult, post: (m: WorkerMessage) => void, chunkCells = CHUNK_CELLS): void {
  const sheets = result.plan.sheets;
  const head: BuildResult = { ...result, plan: { ...result.plan, sheets: sheets.map((s) => ({ ...s, blocks: s.blocks.map((b) => ({ ...b, cells: [] })) })) } };
  post({ ok: true, kind: "head", result: head });
  sheets.forEach((s, si) =>
    s.blocks.forEach((b, bi) => {
      const width = Math.max(1, ...b.cells.slice(0, 1).map((r) => r.length));
      const rows = Math.max(1, Math.floor(chunkCells / width));
      for (let r = 0; r < b.cells.length; r += rows) post({ ok: true, kind: "cells", sheet: si, block: bi, cells: b.cells.slice(r, r + rows).map(plainRow) });
    }),
  );
  post({ ok: true, kind: "end" });
}

/** Puts the pieces together; `add` returns the result on "end", throws the worker's error on failure. */
export class ResultAssembler {
  private result?: BuildResult;

  add(m: WorkerMessage): BuildResult | undefined {
    if (!m.ok) {
      const err = new Error(m.message);
      err.name = m.name;
      throw err;
    }
    if (m.kind === "head") this.result = m.result;
    else if (m.kind === "cells") {
      const cells = this.result!.plan.sheets[m.sheet].blocks[m.block].cells;
      for (const row of m.cells) cells.push(row);
    } else return this.result;
    return undefined;
  }
}
