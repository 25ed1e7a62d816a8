#!/usr/bin/env node
/**
 * npm stop: ends the dev server that `npm start` started (its process id is recorded in the
 * temp folder) and, on Windows and macOS, unregisters the sideloaded add-in from desktop
 * Excel with office-addin-debugging.
 */
import { spawnSync } from "node:child_process";
import { BASE_URL, clearState, isDevServerProcess, readState } from "./dev-server-state.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function signal(pid, sig) {
  try {
    // start.mjs runs the server detached, in its own process group: end the whole group.
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

async function stopServer(pid) {
  if (process.platform === "win32") {
    spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
  } else {
    signal(pid, "SIGTERM");
  }
  for (let i = 0; i < 50 && isDevServerProcess(pid); i++) await sleep(100);
  if (isDevServerProcess(pid)) signal(pid, "SIGKILL");
  for (let i = 0; i < 20 && isDevServerProcess(pid); i++) await sleep(100);
  return !isDevServerProcess(pid);
}

async function main() {
  let code = 0;
  const state = readState();
  if (state && isDevServerProcess(state.pid)) {
    if (await stopServer(state.pid)) {
      console.log(`Stopped the dev server on ${BASE_URL} (process ${state.pid}).`);
      clearState();
    } else {
      console.error(`Could not stop the dev server (process ${state.pid}).`);
      code = 1;
    }
  } else {
    if (state) clearState();
    console.log("No dev server started by npm start is running.");
  }

  if (process.platform === "win32" || process.platform === "darwin") {
    console.log("Unregistering the sideloaded add-in (npx office-addin-debugging stop)...");
    const r = spawnSync("npx", ["--yes", "office-addin-debugging", "stop", "manifest.xml"], {
      stdio: "inherit",
      shell: process.platform === "win32",
    });
    if (r.status !== 0) {
      console.log(
        process.platform === "darwin"
          ? "Could not unregister it automatically: delete manifest.xml from ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and restart Excel."
          : "Could not unregister it automatically: remove the shared folder catalog (or the add-in) in Excel's Trust Center and restart Excel.",
      );
    }
  }
  return code;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  },
);
