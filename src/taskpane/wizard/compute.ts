/**
 * Runs `buildWorkbook` in a Web Worker (compute.worker.ts), one worker per build. The result
 * comes back in pieces (plan-transfer.ts), so reading it never blocks the pane for long. Where
 * a worker cannot be started, it runs here instead (same result, only the pane pauses meanwhile).
 */
import { buildWorkbook, type BuildInput, type BuildResult } from "../../workbook/build";
import { ResultAssembler, type WorkerMessage } from "./plan-transfer";

export function computeInWorker(input: BuildInput): Promise<BuildResult> {
  let worker: Worker;
  try {
    worker = new Worker(new URL("./compute.worker.ts", import.meta.url));
  } catch {
    return Promise.resolve(buildWorkbook(input));
  }
  return new Promise<BuildResult>((resolve, reject) => {
    const assembler = new ResultAssembler();
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      try {
        const done = assembler.add(e.data);
        if (done) {
          worker.terminate();
          resolve(done);
        }
      } catch (err) {
        worker.terminate();
        reject(err);
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      // The worker script did not load or run: compute here rather than fail the build.
      e.preventDefault();
      try {
        resolve(buildWorkbook(input));
      } catch (err) {
        reject(err);
      }
    };
    worker.postMessage(input);
  });
}
