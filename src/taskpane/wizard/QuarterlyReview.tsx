/**
 * The quarterly review on step 3 (issue 12): Close quarter, the offer to build again when the
 * sheets would then show more (the review columns after a first close), and Delete a period
 * behind a confirmation that names the period and what goes. The work is in close-quarter.ts.
 */
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Select } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { WizardApi } from "./api";
import type { PeriodInfo } from "./host";

/**
 * Close quarter: the period's label and the button. The report goes to the live region and
 * stays on screen; a refusal shows as the step's message.
 */
export function QuarterlyReview({ w }: { w: WizardApi }) {
  const closing = w.busy === "close";
  const empty = w.period.trim() === "";
  const { listPeriods } = w;
  useEffect(() => void listPeriods(), [listPeriods]);
  return (
    <section id="quarterly-review" className="kam-section" aria-labelledby="quarterly-review-heading">
      <h3 id="quarterly-review-heading">Quarterly review</h3>
      <p className="kam-note">Close quarter adds the sheets' figures as they stand to KAM History (as values). Building again never changes that sheet.</p>
      <Field label="Period" hint="A label such as 2026 Q3; each period is closed once." validationState={empty ? "error" : "none"} validationMessage={empty ? "Type the period's label." : undefined}>
        <Input id="period" value={w.period} onChange={(_, d) => w.setPeriod(d.value)} disabled={closing} />
      </Field>
      <div className="kam-actions">
        <Button id="close-quarter" disabledFocusable={closing || w.busy !== null || empty} onClick={() => void w.closeQuarter()}>
          {closing ? "Closing…" : "Close quarter"}
        </Button>
      </div>
      <HistoryReport w={w} />
      {w.host.deletePeriod && w.periods && w.periods.length > 0 ? <DeletePeriod w={w} periods={w.periods} /> : null}
    </section>
  );
}

/** The last report; when building again would show more, says what and offers it. */
function HistoryReport({ w }: { w: WizardApi }) {
  if (!w.closed) return null;
  return (
    <MessageBar id="close-quarter-result" intent="success" layout="multiline">
      <MessageBarBody>
        {w.closed}
        {w.rebuildWhy ? <span id="rebuild-why"> {w.rebuildWhy}</span> : null}
      </MessageBarBody>
      {w.rebuildWhy ? (
        <MessageBarActions>
          <Button id="rebuild-compare" disabledFocusable={w.busy !== null} onClick={() => void w.build()}>
            Rebuild now to compare
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

/** What deleting `p` removes, in words (the confirmation's text). */
export function deleteWhat(p: PeriodInfo, nl: WizardApi["nl"]): string {
  return `Its ${nl.amount(p.customers)} row${p.customers === 1 ? "" : "s"} (one per customer, ${nl.amount(p.keyAccounts)} key account${p.keyAccounts === 1 ? "" : "s"}, closed ${p.date}) are removed from KAM History. The other periods and every other sheet stay as they are. Excel's Undo cannot bring them back.`;
}

/**
 * Delete a period: pick one, then confirm in place (an alert dialog beside the button, not a
 * modal layer: it fits 320 px and keeps the pane as it was) naming the period and what goes.
 * Focus goes to "Keep it" (the safe answer), Escape keeps the period, and focus returns to the button.
 */
function DeletePeriod({ w, periods }: { w: WizardApi; periods: PeriodInfo[] }) {
  const [chosen, setChosen] = useState(periods[periods.length - 1].period);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const p = periods.find((x) => x.period === chosen) ?? periods[periods.length - 1];
  const close = () => {
    setOpen(false);
    setTimeout(() => opener.current?.focus(), 0);
  };
  const confirm = () => {
    setOpen(false);
    void w.deletePeriod(p.period).then(() => opener.current?.focus());
  };
  return (
    <div id="delete-period-group" className="kam-field" role="group" aria-labelledby="delete-period-heading">
      <h4 id="delete-period-heading">Delete a period</h4>
      <Field label="Closed period" hint="Removes that period's rows from KAM History; nothing else changes.">
        <Select id="delete-period-choice" value={p.period} disabled={w.busy !== null || open} onChange={(_, d) => setChosen(d.value)}>
          {periods.map((x) => (
            <option key={x.period} value={x.period}>
              {x.period}
            </option>
          ))}
        </Select>
      </Field>
      <div className="kam-actions">
        <Button id="delete-period" ref={opener} disabledFocusable={w.busy !== null || open} aria-expanded={open} aria-controls={open ? "delete-period-dialog" : undefined} onClick={() => setOpen(true)}>
          {w.busy === "delete" ? "Deleting…" : `Delete ${p.period}…`}
        </Button>
      </div>
      {open ? <ConfirmDelete w={w} p={p} onKeep={close} onDelete={confirm} /> : null}
    </div>
  );
}

function ConfirmDelete({ w, p, onKeep, onDelete }: { w: WizardApi; p: PeriodInfo; onKeep(): void; onDelete(): void }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div id="delete-period-dialog" role="alertdialog" aria-labelledby="delete-period-title" aria-describedby="delete-period-what" className="kam-confirm" onKeyDown={(e) => e.key === "Escape" && (e.preventDefault(), onKeep())}>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <strong id="delete-period-title">Delete {p.period} from the history?</strong> <span id="delete-period-what">{deleteWhat(p, w.nl)}</span>
        </MessageBarBody>
      </MessageBar>
      <div className="kam-actions">
        <Button id="confirm-delete" onClick={onDelete}>
          Delete {p.period}
        </Button>
        <Button id="keep-period" ref={keep} appearance="primary" onClick={onKeep}>
          Keep it
        </Button>
      </div>
    </div>
  );
}
