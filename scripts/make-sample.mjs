// Writes assets/sample-customers.csv: an invented B2B customer table (60 customers) for the
// demo and tests. Deterministic (seeded), so the committed file can be regenerated exactly.
// Usage: node scripts/make-sample.mjs
import { writeFileSync } from "node:fs";

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20261123);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

const first = ["Northwind", "Bluefin", "Cedar", "Granite", "Harbor", "Ironbridge", "Juniper", "Keystone", "Lumen", "Meridian", "Nordic", "Oakridge", "Pinnacle", "Quarry", "Redwood", "Silverline", "Tidewater", "Upland", "Vantage", "Westgate", "Alder", "Beacon", "Copperleaf", "Driftwood", "Evergreen", "Foxglove", "Gulfstream", "Highmark", "Inland", "Kestrel"];
const second = ["Logistics", "Foods", "Manufacturing", "Health", "Retail", "Energy", "Pharma", "Systems", "Construction", "Packaging", "Automotive", "Textiles", "Labs", "Distribution", "Utilities"];
const suffix = ["Ltd", "GmbH", "Inc", "SA", "AB", "plc", "BV", "Oy", "LLC", "AG"];
const regions = ["North America", "DACH", "Nordics", "UK & Ireland", "Benelux", "Southern Europe"];
const segments = ["Enterprise", "Mid-market", "Public sector", "Distributor"];

const names = new Set();
const rows = [];
// A few dominant accounts, then a long tail (log-normal), as in many B2B books.
const anchors = [9_400_000, 6_100_000, 3_900_000, 3_100_000, 2_600_000];
for (let i = 0; names.size < 60; i++) {
  const name = `${pick(first)} ${pick(second)} ${pick(suffix)}`;
  if (names.has(name)) continue;
  names.add(name);
  const idx = names.size - 1;
  const revenue = idx < anchors.length ? anchors[idx] : Math.round(Math.exp(12.6 + 0.95 * normal()) / 100) * 100;
  const marginRate = Math.min(0.55, Math.max(0.04, 0.28 + 0.1 * normal() - (idx < 3 ? 0.08 : 0)));
  const cost = Math.round(revenue * (1 - marginRate) / 100) * 100;
  const churn = Math.round(Math.min(0.9, Math.max(0.02, 0.15 + 0.12 * normal())) * 100) / 100;
  const growth = Math.round((4 + 9 * normal()) * 10) / 10;
  const tenure = Math.max(0, Math.round(6 + 4 * normal()));
  const nps = Math.max(-60, Math.min(90, Math.round(30 + 25 * normal())));
  const costToServe = Math.round(Math.max(2000, revenue * (0.02 + 0.03 * rand())) / 100) * 100;
  const rating = () => (rand() < 0.25 ? "" : Math.max(1, Math.min(10, Math.round(6 + 2.2 * normal()))));
  rows.push([`C${String(1001 + idx)}`, name, pick(regions), pick(segments), revenue, cost, churn, growth, tenure, nps, costToServe, rating(), rating()]);
}
const header = ["Customer ID", "Customer", "Region", "Segment", "Revenue", "Cost", "Churn probability", "Revenue growth %", "Tenure (years)", "NPS", "Cost to serve", "Strategic fit (1-10)", "Brand strength (1-10)"];
const esc = (v) => (typeof v === "string" && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
const csv = [header, ...rows].map((r) => r.map(esc).join(",")).join("\n") + "\n";
writeFileSync(new URL("../assets/sample-customers.csv", import.meta.url), csv);
console.log(`wrote assets/sample-customers.csv with ${rows.length} customers`);
