/**
 * The portfolio and review sheets of a workbook written by kam-workbook, recomputed from
 * scratch by LibreOffice Calc (an engine independent of HyperFormula and of our code): the
 * axes equal KAM.WSCORE over each axis's criteria, the boxes KAM.PORTFOLIO, the counts per
 * box follow, and the review columns and movers equal the core's comparison of the periods.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/kam-workbook";
import { readHistoryFile } from "../../src/cli/read-history";
import { comparePeriods, type Snapshot } from "../../src/core/history";
import * as kam from "../../src/core/kam";
import { PORTFOLIO as PORTFOLIO_FN, STABILITY } from "../../src/core/kam-review";
import { QUADRANTS } from "../../src/core/portfolio";
import { SCORING } from "../../src/workbook/sheets/scoring";
import { PORTFOLIO } from "../../src/workbook/sheets/portfolio";
import { convertWithLibreOffice, CSV_ALL_SHEETS, recalculatingProfile } from "../support/libreoffice";
import { smallTable } from "./fixtures";

const dir = mkdtempSync(join(tmpdir(), "kam-review-lo-"));
let scoring: string[][];
let portfolio: string[][];
let history: Snapshot[];

function csv(name: string, scale: number[]): string {
  const t = smallTable();
  const file = join(dir, `${name}.csv`);
  const rows = t.rows.map((r, i) => [r[0], (r[1] as number) * scale[i], ...r.slice(2)].map((v) => (v === null ? "" : v)).join(","));
  writeFileSync(file, [t.headers.join(","), ...rows].join("\n"));
  return file;
}

beforeAll(async () => {
  const quiet = () => undefined;
  expect(await main([csv("q1", [1, 1, 1, 1, 1, 1, 1]), "-o", join(dir, "q1.xlsx"), "--top", "3", "--close", "2026 Q1"], quiet, quiet)).toBe(0);
  // Q2 not closed: the sheets compare it live with Q1
  expect(await main([csv("q2", [1, 0.3, 1, 4, 1, 1, 1]), "-o", join(dir, "q2.xlsx"), "--top", "3", "--history", join(dir, "q1.xlsx")], quiet, quiet)).toBe(0);
  history = await readHistoryFile(join(dir, "q2.xlsx"));
  const out = join(dir, "csv");
  convertWithLibreOffice([join(dir, "q2.xlsx")], out, CSV_ALL_SHEETS, recalculatingProfile(join(dir, "profile")));
  const read = (sheet: string) => Papa.parse<string[]>(readFileSync(join(out, `q2-${sheet}.csv`), "utf8")).data;
  scoring = read("KAM Scoring");
  portfolio = read("KAM Portfolio");
}, 180_000);

const n = 7;
const num = (s: string | undefined) => (s === undefined || s === "" ? "" : Number(s));

describe("KAM Portfolio and the review, recomputed by LibreOffice", () => {
  it("axes = KAM.WSCORE over each axis's criteria, boxes = KAM.PORTFOLIO, counts per box", () => {
    const header = scoring[SCORING.headerRow];
    const scoreCols = header.map((h, c) => (/ score$| \(1–10\)$/.test(h) && h !== "Weighted score" && h !== "Previous score" ? c : -1)).filter((c) => c >= 0);
    const labels = portfolio[PORTFOLIO.criterionRow].slice(PORTFOLIO.firstScoreCol, PORTFOLIO.firstScoreCol + scoreCols.length);
    expect(labels).toEqual(["Revenue", "NPS", "Tenure (years)"]);
    const aw = portfolio[PORTFOLIO.attractivenessWeightRow].slice(PORTFOLIO.firstScoreCol).slice(0, 3).map(Number);
    const sw = portfolio[PORTFOLIO.strengthWeightRow].slice(PORTFOLIO.firstScoreCol).slice(0, 3).map(Number);
    expect(aw).toEqual([2, 0, 0]);
    expect(sw).toEqual([0, 1, 1]);
    const rows = scoring.slice(SCORING.headerRow + 1, SCORING.headerRow + 1 + n);
    const matrix = rows.map((r) => scoreCols.map((c) => num(r[c])));
    const att = kam.WSCORE(matrix, [aw], "skip").map((r) => r[0] as number);
    const str = kam.WSCORE(matrix, [sw], "skip").map((r) => r[0] as number);
    const prow = portfolio.slice(PORTFOLIO.headerRow + 1, PORTFOLIO.headerRow + 1 + n);
    prow.forEach((r, i) => {
      expect(r[PORTFOLIO.nameCol]).toBe(rows[i][0]);
      expect(Number(r[PORTFOLIO.attractivenessCol])).toBeCloseTo(att[i], 9);
      expect(Number(r[PORTFOLIO.strengthCol])).toBeCloseTo(str[i], 9);
    });
    const boxes = PORTFOLIO_FN(
      prow.map((r) => [Number(r[PORTFOLIO.attractivenessCol])]),
      prow.map((r) => [Number(r[PORTFOLIO.strengthCol])]),
    ).map((r) => r[0]);
    expect(prow.map((r) => r[PORTFOLIO.quadrantCol])).toEqual(boxes);
    QUADRANTS.forEach((q, i) => expect(Number(portfolio[PORTFOLIO.firstQuadrantRow + i][1])).toBe(boxes.filter((b) => b === q).length));
  });

  it("previous score, trend and rank change = the core's comparison with the last closed period", () => {
    const header = scoring[SCORING.headerRow];
    const rows = scoring.slice(SCORING.headerRow + 1, SCORING.headerRow + 1 + n);
    const at = (h: string) => header.indexOf(h);
    const q1 = history[0];
    const current: Snapshot = {
      ...q1,
      period: "now",
      rows: rows.map((r) => ({ ...q1.rows.find((x) => x.customer === r[0])!, weightedScore: Number(r[at("Weighted score")]), rank: Number(r[at("Rank")]), key: r[at("Key account")] === "Key account" })),
    };
    const c = comparePeriods(q1, current);
    rows.forEach((r, i) => {
      expect(Number(r[at("Previous score")])).toBeCloseTo(q1.rows.find((x) => x.customer === r[0])!.weightedScore!, 9);
      expect(r[at("Trend")]).toBe(c.customers[i].trend);
      expect(num(r[at("Rank change")])).toBe(c.customers[i].rankChange);
    });
    expect(Number(portfolio[PORTFOLIO.enteredRow][1])).toBe(c.movers.entered.length);
    expect(Number(portfolio[PORTFOLIO.leftRow][1])).toBe(c.movers.left.length);
    const keys = (s: Snapshot) => s.rows.filter((r) => r.key).map((r) => [r.customer]);
    // the CSV shows the stability as formatted, "50%"
    expect(Number(portfolio[PORTFOLIO.stabilityRow][1].replace("%", "")) / 100).toBeCloseTo(STABILITY(keys(q1), keys(current)), 9);
    expect(c.movers.entered.length).toBeGreaterThan(0);
  });
});
