/** The worker's result sent in pieces comes back whole, in order, whatever the chunk size. */
import { describe, expect, it } from "vitest";
import { buildWorkbook } from "../../src/workbook/build";
import { FilledCell, plainCell } from "../../src/workbook/fill";
import { ResultAssembler, sendResult, type WorkerMessage } from "../../src/taskpane/wizard/plan-transfer";
import { smallInput } from "../workbook/fixtures";

describe("plan transfer from the worker", () => {
  for (const chunk of [1, 7, 100, 1_000_000]) {
    it(`reassembles the result exactly with chunks of ${chunk} cells`, () => {
      const result = buildWorkbook(smallInput());
      const messages: WorkerMessage[] = [];
      // Through structured clone, as postMessage does.
      sendResult(result, (m) => messages.push(structuredClone(m)), chunk);
      const cells = result.plan.sheets.reduce((n, s) => n + s.blocks.reduce((k, b) => k + b.cells.length * (b.cells[0]?.length ?? 0), 0), 0);
      if (chunk === 1) expect(messages.length).toBeGreaterThan(cells / 20); // really in pieces
      if (chunk === 1_000_000) expect(messages.length).toBe(2 + result.plan.sheets.reduce((n, s) => n + s.blocks.length, 0));
      const a = new ResultAssembler();
      let out;
      for (const m of messages) out = a.add(m) ?? out;
      // Filled cells (src/workbook/fill.ts) arrive as plain cells with their formula text.
      const plain = { ...result, plan: { sheets: result.plan.sheets.map((sh) => ({ ...sh, blocks: sh.blocks.map((b) => ({ ...b, cells: b.cells.map((r) => r.map(plainCell)) })) })) } };
      expect(result.plan.sheets.some((sh) => sh.blocks.some((b) => b.cells.some((r) => r.some((c) => c instanceof FilledCell))))).toBe(true);
      expect(out).toEqual(plain);
    });
  }

  it("passes the worker's error on", () => {
    expect(() => new ResultAssembler().add({ ok: false, name: "RangeError", message: "too big" })).toThrow("too big");
  });
});
