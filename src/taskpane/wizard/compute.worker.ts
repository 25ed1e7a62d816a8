/**
 * Web Worker: computes the sheets (`buildWorkbook`, pure and Office-free) off the task pane's
 * thread, so the pane keeps repainting and answering while 5,000 customers are scored.
 *
 * The result goes back in pieces (see `sendResult` / compute.ts): reading one message holding
 * the whole plan cost the pane's thread ~400 ms in a single task at 5,000 customers.
 */
import { buildWorkbook, type BuildInput } from "../../workbook/build";
import { sendResult } from "./plan-transfer";

const scope = self as unknown as { onmessage: ((e: MessageEvent<BuildInput>) => void) | null; postMessage(message: unknown): void };

scope.onmessage = (e) => {
  try {
    sendResult(buildWorkbook(e.data), (m) => scope.postMessage(m));
  } catch (err) {
    scope.postMessage({ ok: false, name: err instanceof Error ? err.name : "Error", message: err instanceof Error ? err.message : String(err) });
  }
};
