/**
 * Makes sure `dist/` holds a production build of the current sources, building it when it
 * is missing or older than any source file (CI builds first, so there this is a no-op).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
export const DIST = join(ROOT, "dist");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const marker = join(DIST, "functions.json");
  const inputs = Math.max(newestMtime(join(ROOT, "src")), statSync(join(ROOT, "webpack.config.js")).mtimeMs, statSync(join(ROOT, "manifest.xml")).mtimeMs);
  if (existsSync(marker) && statSync(marker).mtimeMs >= inputs) return;
  execFileSync(process.execPath, [join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production"], {
    cwd: ROOT,
    stdio: "pipe",
  });
  // webpack leaves an unchanged functions.json as it was: mark the build as done, or every
  // later call (one per test file) would build again.
  const now = new Date();
  utimesSync(marker, now, now);
}
