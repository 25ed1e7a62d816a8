/**
 * Drives test/support/uno-actions.py: opens built .xlsx files in headless LibreOffice, performs
 * user actions on the scoring table (sort, insert, append, delete, paste text, clear, ...),
 * recalculates and returns every sheet's values. See the script for the actions.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recalculatingProfile } from "./libreoffice";

export const UNO_PYTHON = "/usr/bin/python3";
const SCRIPT = join(__dirname, "uno-actions.py");

export type UnoValue = number | string | { error: string };
export type UnoAction =
  | { do: "sort"; column: string; ascending: boolean }
  | { do: "insert"; at: number; values: Record<string, string | number | null> }
  | { do: "append"; values: Record<string, string | number | null>; formulas: boolean }
  | { do: "delete"; at: number }
  | { do: "text"; row: number; column: string; text: string }
  | { do: "clear"; row: number; column: string }
  | { do: "set"; row: number; column: string; value: number | string | null }
  | { do: "setAll"; column: string; value: number | string | null }
  | { do: "cell"; sheet?: number; r: number; c: number; value: number | string | null };

export interface UnoSheet {
  name: string;
  values: UnoValue[][];
  formulas: boolean[][];
}
export interface UnoJob {
  file: string;
  actions: UnoAction[];
  /** Only time the recalculation, do not dump the sheets. */
  timeOnly?: boolean;
}
export interface UnoResult {
  sheets: UnoSheet[];
  /** calculateAll on the opened file, and the recalculation of what the actions made dirty. */
  seconds: { fresh: number; afterActions: number };
}

/** Runs the jobs in one LibreOffice session (each job opens its file afresh). */
export function runUnoJobs(jobs: UnoJob[], headerRow: number): UnoResult[] {
  const dir = mkdtempSync(join(tmpdir(), "kam-uno-"));
  const profile = join(dir, "profile");
  mkdirSync(profile);
  recalculatingProfile(profile);
  const jobsFile = join(dir, "jobs.json");
  const outFile = join(dir, "out.json");
  writeFileSync(jobsFile, JSON.stringify({ headerRow, jobs }));
  const run = spawnSync(UNO_PYTHON, [SCRIPT, jobsFile, outFile, profile], { encoding: "utf8", timeout: 1_800_000 });
  if (run.status !== 0) throw new Error(`uno-actions.py failed (${run.status}): ${run.stderr}`);
  return (JSON.parse(readFileSync(outFile, "utf8")) as { results: UnoResult[] }).results;
}

export const isError = (v: UnoValue | undefined): v is { error: string } => typeof v === "object" && v !== null && "error" in v;
