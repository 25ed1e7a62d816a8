#!/usr/bin/env node
/**
 * Draws the add-in icons (assets/icon-16.png … icon-128.png) with nothing but Node:
 * the picture is described in unit coordinates, sampled 8×8 times per pixel for
 * anti-aliasing, and written as an RGBA PNG (hand-made chunks, CRC-32, zlib).
 *
 * Motif: a rounded dark-teal tile with three descending bars (a Pareto chart of customer
 * revenue); the tallest bar, the key account, is amber.
 *
 *   node scripts/make-icons.mjs [outDir]     (default: assets/)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

export const SIZES = [16, 32, 64, 80, 128];

// ---------------------------------------------------------------- PNG encoding

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as used by PNG (ISO 3309, reflected, initial and final XOR 0xFFFFFFFF). */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeBytes = Buffer.from(type, "ascii");
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeBytes.copy(out, 4);
  data.copy(out, 8);
  out.writeUInt32BE(crc32(Buffer.concat([typeBytes, data])), 8 + data.length);
  return out;
}

/** Encodes width×height RGBA pixels (Uint8Array, row-major, 4 bytes each) as a PNG file. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- drawing

const TEAL_TOP = [0x13, 0x7c, 0x82];
const TEAL_BOTTOM = [0x0a, 0x4f, 0x56];
const WHITE = [0xff, 0xff, 0xff];
const AMBER = [0xf5, 0xb7, 0x3b];

function insideRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

// Bars in unit coordinates: left, right, top; all stand on BASE.
const BASE = 0.8;
const BARS = [
  { x0: 0.2, x1: 0.36, top: 0.2, colour: AMBER },
  { x0: 0.42, x1: 0.58, top: 0.44, colour: WHITE },
  { x0: 0.64, x1: 0.8, top: 0.6, colour: WHITE },
];

/** Colour [r, g, b, a] (0–255, a 0–1) of the picture at unit coordinates (x, y), y down. */
function shade(x, y) {
  if (!insideRoundedRect(x, y, 0, 0, 1, 1, 0.2)) return [0, 0, 0, 0];
  for (const bar of BARS) {
    if (insideRoundedRect(x, y, bar.x0, bar.top, bar.x1, BASE + 0.04, 0.035) && y <= BASE) return [...bar.colour, 1];
  }
  const t = Math.min(Math.max(y, 0), 1);
  return [...TEAL_TOP.map((c, i) => c + (TEAL_BOTTOM[i] - c) * t), 1];
}

/** Renders the icon at size×size pixels with n×n samples per pixel. */
export function renderIcon(size, n = 8) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return rgba;
}

function main() {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const outDir = resolve(process.argv[2] ?? join(root, "assets"));
  mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = join(outDir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, renderIcon(size)));
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
