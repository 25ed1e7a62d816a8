/**
 * Runs `buildWorkbook` in a Web Worker (compute.worker.ts), one worker per build. Where a worker
 * cannot be started, it runs here instead (same result, only the pane pauses meanwhile).
 */
import { buildWorkbook, type BuildInput, type BuildResult } from "../../workbook/build";

type Reply = { ok: true; result: BuildResult } | { ok: false; name: string; message: string };

export function computeInWorker(input: BuildInput): Promise<BuildResult> {
  let worker: Worker;
  try {
    worker = new Worker(new URL("./compute.worker.ts", import.meta.url));
  } catch {
    return Promise.resolve(buildWorkbook(input));
  }
  return new Promise<BuildResult>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<Reply>) => {
      worker.terminate();
      const r = e.data;
      if (r.ok) resolve(r.result);
      else {
        const err = new Error(r.message);
        err.name = r.name;
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
