#!/usr/bin/env node
/**
 * npm start: serves the add-in on https://localhost:3000 and loads it into Excel where that
 * can be automated.
 *
 * 1. Makes sure development certificates for localhost exist (office-addin-dev-certs). On
 *    Windows and macOS their CA is installed for the current user; on Linux it is not (that
 *    needs root and differs per browser) and the steps to trust it are printed.
 * 2. Starts `webpack serve --mode development` in the background, records its process id for
 *    `npm stop`, and waits until https://localhost:3000/taskpane.html answers.
 * 3. Windows and macOS: sideloads manifest.xml into desktop Excel with office-addin-debugging
 *    (run through npx: it is not a dependency because it needs a native module). Elsewhere, or
 *    if that fails: prints how to load the add-in by hand.
 *
 *   npm start [-- --no-sideload]
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { request } from "node:https";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { join } from "node:path";
import { BASE_URL, LOG_FILE, PORT, ROOT, STATE_DIR, clearState, isDevServerProcess, readState, writeState } from "./dev-server-state.mjs";

const require = createRequire(import.meta.url);
const { ensureDevCertificates, LINUX_TRUSTED_CA } = require("./dev-certs.cjs");

const MANIFEST = join(ROOT, "manifest.xml");
const WAIT_SECONDS = 180;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "localhost" });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

/** Status code of GET url, verifying the server with the development CA; 0 when unreachable. */
function httpsStatus(url, ca) {
  return new Promise((resolve) => {
    const req = request(url, { ca, timeout: 10_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
    req.end();
  });
}

function logTail(lines = 30) {
  try {
    return readFileSync(LOG_FILE, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function startDevServer() {
  mkdirSync(STATE_DIR, { recursive: true });
  const log = openSync(LOG_FILE, "w");
  const child = spawn(process.execPath, [join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "serve", "--mode", "development"], {
    cwd: ROOT,
    detached: true,
    windowsHide: true,
    stdio: ["ignore", log, log],
    env: { ...process.env, KAM_DEV_CERTS_CHECKED: "1", npm_package_config_dev_server_port: String(PORT) },
  });
  child.unref();
  closeSync(log);
  writeState({ pid: child.pid, port: PORT, root: ROOT, log: LOG_FILE, startedAt: new Date().toISOString() });
  return child.pid;
}

function sideloadDesktop() {
  console.log("\nSideloading manifest.xml into desktop Excel (npx office-addin-debugging)...");
  const result = spawnSync("npx", ["--yes", "office-addin-debugging", "start", "manifest.xml", "desktop", "--app", "excel", "--dev-server-port", String(PORT)], {
    cwd: ROOT,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (result.status === 0) return true;
  console.log(`\nAutomatic sideloading did not work (${result.error?.message ?? `exit code ${result.status}`}).`);
  return false;
}

function printCertificateHelp(certs) {
  const ca = certs.paths.ca;
  console.log(`
The browser or Office must trust the development certificate authority, or the add-in will not load.
CA certificate: ${ca}`);
  if (process.platform === "linux") {
    const sudo = process.getuid?.() === 0 ? "" : "sudo ";
    console.log(`  - System-wide (Debian/Ubuntu; curl, Node with --use-openssl-ca, most tools):
      ${sudo}mkdir -p ${LINUX_TRUSTED_CA.slice(0, LINUX_TRUSTED_CA.lastIndexOf("/"))}
      ${sudo}cp "${ca}" ${LINUX_TRUSTED_CA}
      ${sudo}update-ca-certificates
  - Chrome/Chromium/Edge (own store): Settings > Privacy and security > Security > Manage certificates >
    Authorities > Import, pick ${ca}, tick "Trust this certificate for identifying websites"; or
      certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Office Add-in Dev CA" -i "${ca}"   (package libnss3-tools)
  - Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import.`);
  } else if (process.platform === "darwin") {
    console.log(`  security add-trusted-cert -d -r trustRoot -k ~/Library/Keychains/login.keychain-db "${ca}"`);
  } else if (process.platform === "win32") {
    console.log(`  Double-click ${ca} > Install Certificate > Current User > "Trusted Root Certification Authorities",
  or run: npx office-addin-dev-certs install`);
  }
}

function printManualSideloading() {
  console.log(`
Load the add-in by hand (manifest: ${MANIFEST}):
  - Excel on the web: open a workbook, choose Home > Add-ins > More Add-ins (or Insert > Add-ins),
    then My Add-ins > Upload My Add-in, and upload manifest.xml.
  - Excel on Windows: share a folder that holds manifest.xml (folder Properties > Sharing), add its
    \\\\computer\\share path under File > Options > Trust Center > Trust Center Settings >
    Trusted Add-in Catalogs (tick "Show in Menu"), restart Excel, then Home > Add-ins >
    More Add-ins > Shared Folder > Key Account Manager.
  - Excel on Mac: copy manifest.xml to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
    (create the folder if needed), restart Excel, then Home > Add-ins > My Add-ins.
Then type =KAM. in a cell, or click Home > Key Account Wizard.`);
}

async function main() {
  const noSideload = process.argv.includes("--no-sideload");

  const previous = readState();
  if (previous && isDevServerProcess(previous.pid)) {
    console.log(`The dev server started by npm start is already running (process ${previous.pid}) on ${BASE_URL}. Run npm stop first to restart it.`);
    return 0;
  }
  if (previous) clearState();
  if (await portInUse(PORT)) {
    console.error(`Port ${PORT} is already in use by another program. Stop it, or change "config.dev_server_port" in package.json and the URLs in manifest.xml.`);
    return 1;
  }
  if (!existsSync(join(ROOT, "src/functions/functions.ts"))) {
    console.error("src/functions/functions.ts is missing: nothing to serve.");
    return 1;
  }

  const certs = await ensureDevCertificates();
  console.log(`Development certificates: ${certs.paths.directory}`);

  const pid = startDevServer();
  console.log(`Starting the dev server (webpack serve, process ${pid}); log: ${LOG_FILE}`);
  const deadline = Date.now() + WAIT_SECONDS * 1000;
  let status = 0;
  while (Date.now() < deadline) {
    if (!isDevServerProcess(pid)) break;
    status = await httpsStatus(`${BASE_URL}taskpane.html`, certs.ca);
    if (status === 200) break;
    await sleep(1000);
  }
  if (status !== 200) {
    console.error(`The dev server did not come up on ${BASE_URL} (last status: ${status || "no answer"}). Last lines of its log:\n${logTail()}`);
    if (isDevServerProcess(pid)) {
      try {
        process.kill(process.platform === "win32" ? pid : -pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    clearState();
    return 1;
  }
  console.log(`The add-in is served on ${BASE_URL} (taskpane.html, functions.js, functions.json, help.html). Stop it with: npm stop`);

  if (certs.caTrusted !== true) printCertificateHelp(certs);

  let sideloaded = false;
  if (!noSideload && (process.platform === "win32" || process.platform === "darwin")) sideloaded = sideloadDesktop();
  if (!sideloaded) printManualSideloading();
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  },
);
