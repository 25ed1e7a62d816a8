/**
 * Web Worker: computes the sheets (`buildWorkbook`, pure and Office-free) off the task pane's
 * thread, so the pane keeps repainting and answering while 5,000 customers are scored.
 */
import { buildWorkbook, type BuildInput } from "../../workbook/build";

const scope = self as unknown as { onmessage: ((e: MessageEvent<BuildInput>) => void) | null; postMessage(message: unknown): void };

scope.onmessage = (e) => {
  try {
    scope.postMessage({ ok: true, result: buildWorkbook(e.data) });
  } catch (err) {
    scope.postMessage({ ok: false, name: err instanceof Error ? err.name : "Error", message: err instanceof Error ? err.message : String(err) });
  }
};
