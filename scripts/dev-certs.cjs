/**
 * Development https certificates for https://localhost, made by office-addin-dev-certs and
 * kept in ~/.office-addin-dev-certs (ca.crt, localhost.crt, localhost.key).
 *
 * - Windows and macOS: office-addin-dev-certs generates the certificates and installs its CA
 *   in the user's certificate store (getHttpsServerOptions), as the Office templates do. If
 *   that fails, the certificates are only generated and the CA must be trusted by hand.
 * - Linux: installing the CA needs sudo and differs per distribution and browser, so the
 *   certificates are only generated (or reused while valid) and start.mjs prints how to
 *   trust the CA.
 *
 * Used by webpack.config.js (only for `webpack serve`) and scripts/start.mjs. Nothing here
 * runs during a build or the tests.
 */
"use strict";

const { X509Certificate, createPrivateKey } = require("node:crypto");
const fs = require("node:fs");

const LINUX_TRUSTED_CA = "/usr/local/share/ca-certificates/office-addin-dev-certs/ca.crt";
const DAY_MS = 24 * 60 * 60 * 1000;

function devCerts() {
  return require("office-addin-dev-certs");
}

function paths() {
  const d = require("office-addin-dev-certs/lib/defaults");
  return {
    directory: d.certificateDirectory,
    ca: d.caCertificatePath,
    cert: d.localhostCertificatePath,
    key: d.localhostKeyPath,
  };
}

/** True when ca.crt, localhost.crt and localhost.key exist, match and stay valid for another day. */
function filesAreUsable(p = paths()) {
  try {
    const ca = new X509Certificate(fs.readFileSync(p.ca));
    const cert = new X509Certificate(fs.readFileSync(p.cert));
    const key = createPrivateKey(fs.readFileSync(p.key));
    const soon = Date.now() + DAY_MS;
    return (
      cert.checkPrivateKey(key) &&
      cert.verify(ca.publicKey) &&
      cert.checkHost("localhost") !== undefined &&
      Date.parse(cert.validTo) > soon &&
      Date.parse(ca.validTo) > soon
    );
  } catch {
    return false;
  }
}

/** Whether the CA in ~/.office-addin-dev-certs is the one in the Debian/Ubuntu system store. */
function linuxCaIsTrusted(p = paths()) {
  try {
    return fs.readFileSync(LINUX_TRUSTED_CA).equals(fs.readFileSync(p.ca));
  } catch {
    return false;
  }
}

/** Generates new certificates without installing anything. */
async function generateOnly(p = paths()) {
  const lib = devCerts();
  lib.deleteCertificateFiles(p.directory);
  await lib.generateCertificates(p.ca, p.cert, p.key);
}

function read(p) {
  return { ca: fs.readFileSync(p.ca), cert: fs.readFileSync(p.cert), key: fs.readFileSync(p.key) };
}

/**
 * Makes sure usable certificates exist and returns them.
 * @param {{ reuseOnly?: boolean, log?: (msg: string) => void }} [options]
 *   reuseOnly: use the files as they are when usable (the dev server started by start.mjs,
 *   which has just checked them), without asking office-addin-dev-certs to re-verify.
 * @returns {Promise<{ ca: Buffer, cert: Buffer, key: Buffer, paths: ReturnType<typeof paths>, caTrusted: boolean | undefined, installError?: string }>}
 *   caTrusted is true when the CA is known to be installed, false when known not to be,
 *   undefined when unknown.
 */
async function ensureDevCertificates(options = {}) {
  const log = options.log ?? ((m) => console.log(m));
  const p = paths();
  if (options.reuseOnly && filesAreUsable(p)) {
    return { ...read(p), paths: p, caTrusted: process.platform === "linux" ? linuxCaIsTrusted(p) : undefined };
  }
  if (process.platform === "win32" || process.platform === "darwin") {
    try {
      const o = await devCerts().getHttpsServerOptions();
      return { ca: o.ca, cert: o.cert, key: o.key, paths: p, caTrusted: true };
    } catch (e) {
      const installError = e instanceof Error ? e.message : String(e);
      log(`Could not install the development CA certificate: ${installError}`);
      if (!filesAreUsable(p)) await generateOnly(p);
      return { ...read(p), paths: p, caTrusted: false, installError };
    }
  }
  if (!filesAreUsable(p)) {
    log("Generating development certificates for https://localhost (the CA is not installed automatically on this system)...");
    await generateOnly(p);
  }
  return { ...read(p), paths: p, caTrusted: process.platform === "linux" ? linuxCaIsTrusted(p) : undefined };
}

/** The options for webpack-dev-server's `server.options`. */
async function httpsServerOptions(options) {
  const { ca, cert, key } = await ensureDevCertificates(options);
  return { ca, cert, key };
}

module.exports = { ensureDevCertificates, httpsServerOptions, filesAreUsable, paths, LINUX_TRUSTED_CA };
