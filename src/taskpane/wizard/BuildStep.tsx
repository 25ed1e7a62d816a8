/**
 * Step 3: build the sheets with progress per phase and Cancel; a failure says that nothing was
 * changed and offers Retry; the summary says when a setting changed since it was built, why
 * no customer is a key account when none is, and which manual criteria are still to rate.
 */
import { Button, Checkbox, Field, Link, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { smallKeyNote } from "../../workbook/defaults";
import { manualHeader, SCORING } from "../../workbook/sheets/scoring";
import type { BuildOutcome, WizardApi } from "./App";
import { ActionMessage, StepHeading } from "./parts";
import { QuarterlyReview } from "./QuarterlyReview";

/** Column letters for a 0-based index. */
function colLetter(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function BuildStep({ w }: { w: WizardApi }) {
  const building = w.busy === "build";
  const stale = w.outcome !== undefined && w.outcome.signature !== w.currentSignature;
  const invalid = Object.keys(w.errors).length > 0;
  return (
    <section className="kam-section" aria-labelledby="step-heading">
      <StepHeading>Build the sheets</StepHeading>
      <p className="kam-note">Creates or refreshes KAM Scoring, KAM Loss Scenarios and KAM Concentration. Weights and scores typed on them before are kept; sheets of yours are never overwritten.</p>
      <Checkbox
        id="sensitivity"
        checked={w.settings.sensitivity}
        disabled={building}
        onChange={(_, d) => w.update((x) => ({ ...x, sensitivity: Boolean(d.checked) }))}
        label="Also build KAM Sensitivity: how far each weight can move, how likely each customer is to be key, churn-loss risk (a sheet built before is always refreshed)"
      />
      {invalid ? (
        <MessageBar intent="warning" id="settings-invalid">
          <MessageBarBody>Some settings need fixing first: go back to the criteria.</MessageBarBody>
        </MessageBar>
      ) : null}
      <BuildActions w={w} stale={stale} invalid={invalid} />
      <BuildProgress w={w} />
      <BuildFailure w={w} />
      <ActionMessage w={w} />
      {w.outcome ? <Summary w={w} outcome={w.outcome} stale={stale} /> : null}
      {w.outcome && w.host.closeQuarter ? <QuarterlyReview w={w} /> : null}
      <div className="kam-nav">
        <Button id="back-criteria" disabledFocusable={building} onClick={() => w.go(2)}>
          Back
        </Button>
      </div>
    </section>
  );
}

/** Build (primary until built and up to date), Retry after a failure, and Cancel while building. */
function BuildActions({ w, stale, invalid }: { w: WizardApi; stale: boolean; invalid: boolean }) {
  const building = w.busy === "build";
  const primary = !w.outcome || stale || w.failure !== undefined;
  const label = building ? "Building…" : w.failure && !w.failure.cancelled ? "Retry" : w.outcome ? "Build again" : "Build sheets";
  const buildButton = useRef<HTMLButtonElement>(null);
  // When the build ends, focus goes back to the build button if the Cancel button had it.
  const wasBuilding = useRef(false);
  useEffect(() => {
    if (wasBuilding.current && !building) {
      const a = document.activeElement;
      if (!a || a === document.body || a.id === "cancel") buildButton.current?.focus();
    }
    wasBuilding.current = building;
  }, [building]);
  return (
    <div className="kam-actions">
      <Button id="build" ref={buildButton} appearance={primary ? "primary" : "secondary"} data-appearance={primary ? "primary" : "secondary"} disabledFocusable={building || invalid} onClick={() => void w.build()}>
        {label}
      </Button>
      {building ? (
        <Button id="cancel" disabledFocusable={w.cancelling} onClick={w.cancel}>
          {w.cancelling ? "Cancelling…" : "Cancel"}
        </Button>
      ) : null}
    </div>
  );
}

function BuildProgress({ w }: { w: WizardApi }) {
  if (!w.progress || !(w.busy === "build" || w.progress.fraction >= 1)) return null;
  return (
    <Field className="kam-progress" validationMessage={<span id="progress-text">{w.progress.phase}</span>} validationState="none">
      <ProgressBar id="progress" value={w.progress.fraction} max={1} thickness="large" aria-label="Build progress" />
    </Field>
  );
}

/** A cancelled or failed build: nothing was changed (and what Excel said). */
function BuildFailure({ w }: { w: WizardApi }) {
  if (!w.failure) return null;
  return (
    <MessageBar id="failure" intent={w.failure.cancelled ? "info" : "error"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{w.failure.cancelled ? "Cancelled." : "The build did not complete."}</MessageBarTitle>
        Nothing was changed: the workbook is as it was before.
        {w.failure.cancelled ? null : <span className="kam-detail"> Excel said: {w.failure.message}</span>}
      </MessageBarBody>
    </MessageBar>
  );
}

function zeroWhy(o: BuildOutcome, nl: WizardApi["nl"]): string {
  const s = o.summary;
  const rule = o.request.keyRule;
  if (s.customers === 0) return "The table has no customer rows that could be used: see the problems listed on the first step.";
  if (rule.kind === "cutoff") return `No customer reaches a weighted score of ${nl.num(rule.score)} (scores run from 1 to 10). Lower the score in the key-account rule.`;
  if (rule.kind === "share") return `No customer has ${nl.pct(rule.threshold)} of revenue or more; the largest has ${nl.pct(s.top1Loss.share)}. Lower the share in the key-account rule.`;
  return "No customer could be ranked: check the criteria and their weights.";
}

function Summary({ w, outcome, stale }: { w: WizardApi; outcome: BuildOutcome; stale: boolean }) {
  const s = outcome.summary;
  const names = outcome.sheetNames;
  const n = s.keyAccounts.length;
  const sheetLink = (name: string) => (
    <Link as="button" data-sheet={name} onClick={() => w.activateSheet(name)}>
      {name}
    </Link>
  );
  return (
    <section id="summary" className="kam-summary" aria-labelledby="summary-heading">
      {stale ? (
        <MessageBar id="stale" intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Out of date</MessageBarTitle>
            You changed settings since this build: build again to update the sheets and this summary.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <h3 id="summary-heading" className={stale ? "kam-stale" : undefined}>
        {n} key account{n === 1 ? "" : "s"} of {w.nl.amount(s.customers)} customers
      </h3>
      {n === 0 ? (
        <p id="zero-why" className="kam-note">
          {zeroWhy(outcome, w.nl)}
        </p>
      ) : (
        <ol id="key-accounts">
          {s.keyAccounts.map((k, i) => (
            <li key={i}>{k}</li>
          ))}
        </ol>
      )}
      <SummaryFigures w={w} outcome={outcome} stale={stale} />
      <SummaryNotes w={w} outcome={outcome} />
      <p className="kam-links">
        Open: {sheetLink(names.scoring)}, {sheetLink(names.loss)}, {sheetLink(names.concentration)}
      </p>
    </section>
  );
}

/** Key accounts' share, concentration, worst cases and the customers to disclose. */
function SummaryFigures({ w, outcome, stale }: { w: WizardApi; outcome: BuildOutcome; stale: boolean }) {
  const s = outcome.summary;
  const nl = w.nl;
  return (
    <dl className={stale ? "kam-stale" : undefined}>
      <dt>Key accounts' share</dt>
      <dd id="key-share">
        {nl.pct(s.keyRevenueShare)} of revenue{s.keyMarginShare !== undefined ? `, ${nl.pct(s.keyMarginShare)} of margin` : ""}
      </dd>
      <dt>Concentration</dt>
      <dd id="hhi">{Number.isFinite(s.hhi) ? `HHI ${nl.amount(s.hhi)}: ${s.hhiLevel}` : "not available"}</dd>
      <dt>Worst case</dt>
      <dd id="worst-case">
        Losing the largest customer: {nl.amount(s.top1Loss.revenue)} revenue ({nl.pct(s.top1Loss.share)}){s.top1Loss.margin !== undefined ? `, ${nl.amount(s.top1Loss.margin)} margin` : ""}. The largest three: {nl.amount(s.top3Loss.revenue)} ({nl.pct(s.top3Loss.share)})
        {s.top3Loss.margin !== undefined ? `, ${nl.amount(s.top3Loss.margin)} margin` : ""}.
      </dd>
      <dt>10% of revenue or more</dt>
      <dd id="disclosure">{s.disclosure.length ? s.disclosure.map((d) => `${d.name} (${nl.pct(d.share)})`).join(", ") : "none (no single customer to disclose under ASC 280)"}</dd>
    </dl>
  );
}

/** Rows left out, the to-do for manual criteria (each a link to its column), orphaned scores and warnings. */
function SummaryNotes({ w, outcome }: { w: WizardApi; outcome: BuildOutcome }) {
  const s = outcome.summary;
  const scoring = outcome.sheetNames.scoring;
  const manual = outcome.request.criteria.filter((c) => c.kind === "manual");
  const rate = (label: string) => {
    void w.host
      .locate?.(scoring, SCORING.headerRow, manualHeader(label))
      .then((col) => (col === undefined ? w.activateSheet(scoring) : w.selectCell(`'${scoring.replace(/'/g, "''")}'!${colLetter(col)}${SCORING.headerRow + 2}`)))
      .catch(() => w.activateSheet(scoring));
  };
  return (
    <>
      {s.smallKeyAccounts.length ? (
        <div id="small-keys" className="kam-note">
          <h4>Key accounts below 1% of revenue</h4>
          <ul>
            {s.smallKeyAccounts.map((k) => (
              <li key={k.name}>{smallKeyNote(k.name, w.nl.pct(k.share), outcome.request.criteria, outcome.request.roles.revenue)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.excluded.length ? (
        <p id="excluded" className="kam-warning">
          {s.excluded.length} row{s.excluded.length === 1 ? " was" : "s were"} left out; the scoring sheet says why.
        </p>
      ) : null}
      {manual.length ? (
        <div id="todo" className="kam-todo">
          <h4>To do</h4>
          <ul>
            {manual.map((c) => (
              <li key={c.label}>
                Rate each customer 1–10 on{" "}
                <Link as="button" data-rate={c.label} onClick={() => rate(c.label)}>
                  {c.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.orphanedScores ? <p className="kam-note">{s.orphanedScores} manual score(s) belong to customers no longer in the table; they are listed under the scoring table.</p> : null}
      {s.warnings.map((x, i) => (
        <p key={i} className="kam-warning">
          {x}
        </p>
      ))}
    </>
  );
}
