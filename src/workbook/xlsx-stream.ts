/**
 * What the .xlsx writer (`xlsx-writer.ts`) needs from ExcelJS's streaming writer to stay
 * within memory at 100,000 customers: a worksheet that keeps no table of the formula cells it
 * wrote, and a pause that lets the zip catch up. Both reach into ExcelJS's private fields
 * (`_formulae`, the worksheet's stream). When ExcelJS changes shape, `pause` falls back to
 * letting the event loop run (the CLI benchmark's peak memory then shows it). No import of
 * ExcelJS here: the layers test allows it in `xlsx-writer.ts` only, and these helpers take
 * the worksheet as the plain object it is.
 */

/** An ExcelJS streaming worksheet (`ExcelJS.Worksheet` from `WorkbookWriter.addWorksheet`). */
type StreamingWorksheet = object;

/** Rows `writeSheet` writes between two calls of `pause` (see there). */
export const ROWS_PER_PAUSE = 2000;

/**
 * ExcelJS's streaming worksheet keeps every formula cell it wrote in an object keyed by
 * address, in case a later cell shares its formula. The plan never shares one, so the table
 * only grows (at 50,000 customers, storing into it took 4.6 s of the 17 s the CLI spent):
 * each sheet gets this stand-in, which keeps nothing.
 */
export function keepNoFormulae(ws: StreamingWorksheet): void {
  (ws as unknown as { _formulae: Record<string, unknown> })._formulae = new Proxy({}, { set: () => true });
}

/** XML of a sheet that may wait for the zip before `writeSheet` stops to let it catch up. */
const MAX_BACKLOG_BYTES = 1 << 20;

/** The queue between a streaming worksheet and the zip (a stream of the `readable-stream` package), if ExcelJS still has that shape. */
function zipQueue(ws: StreamingWorksheet): { _writableState?: { length?: number }; once: (event: "drain", f: () => void) => unknown; removeListener: (event: "drain", f: () => void) => unknown } | undefined {
  return (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as ReturnType<typeof zipQueue>;
}

/**
 * What the .xlsx writer does every `ROWS_PER_PAUSE` rows: it waits until the zip has compressed
 * all but `MAX_BACKLOG_BYTES` of the sheet's XML. ExcelJS writes rows into a queue without
 * looking at its length, and the zip reads a little of it per turn of the event loop, so
 * without this the XML of the whole workbook waited in memory (external memory grew by
 * 270 MB for 50,000 customers, and the file stayed empty until the end).
 */
export async function pause(ws: StreamingWorksheet): Promise<void> {
  const queue = zipQueue(ws);
  const backlog = () => queue?._writableState?.length ?? 0;
  if (queue === undefined || backlog() <= MAX_BACKLOG_BYTES) return yieldToEventLoop();
  // Woken by "drain", or by a timer so that a zip that stopped reading (it failed: the
  // write then rejects) is given up on after STALL_MS without progress instead of waiting forever.
  let last = backlog();
  let since = Date.now();
  while (backlog() > MAX_BACKLOG_BYTES && Date.now() - since < STALL_MS) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        queue.removeListener("drain", done);
        resolve();
      };
      const timer = setTimeout(done, 250);
      queue.once("drain", done);
    });
    if (backlog() < last) since = Date.now();
    last = backlog();
  }
}

/** How long `pause` waits for a zip that compresses nothing. */
const STALL_MS = 10_000;

/** Lets the event loop run once (after a sheet, so the zip can finish its part). */
export async function yieldToEventLoop(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}
