/**
 * Where `npm start` records the dev server it started, so that `npm stop` can end it:
 * a JSON file in the system temp folder, one per checkout and port.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;
export const BASE_URL = `https://localhost:${PORT}/`;
export const STATE_DIR = join(tmpdir(), "kam-excel-addin");
const checkout = createHash("sha1").update(ROOT).digest("hex").slice(0, 10);
export const STATE_FILE = join(STATE_DIR, `dev-server-${checkout}-${PORT}.json`);
export const LOG_FILE = join(STATE_DIR, `dev-server-${checkout}-${PORT}.log`);

/** @returns {{ pid: number, port: number, root: string, log: string, startedAt: string } | undefined} */
export function readState() {
  if (!existsSync(STATE_FILE)) return undefined;
  try {
    return JSON.parse(readFileSync(STATE_FILE, "utf8"));
  } catch {
    return undefined;
  }
}

export function writeState(state) {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

export function clearState() {
  rmSync(STATE_FILE, { force: true });
}

/** Whether a process with this id exists (and, on Linux, is a webpack dev server). */
export function isDevServerProcess(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== "EPERM") return false;
  }
  if (process.platform === "linux") {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("webpack");
    } catch {
      return false;
    }
  }
  return true;
}
