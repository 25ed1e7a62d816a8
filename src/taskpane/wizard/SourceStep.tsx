/** Step 1: which table holds the customers, which column is what, and what is wrong in it. */
import { Button, Checkbox, Field, MessageBar, MessageBarBody, MessageBarTitle, Select } from "@fluentui/react-components";
import { type Role, ROLE_LABELS, type SourceTable } from "../../workbook/customers";
import type { WizardApi } from "./App";
import { Fragment } from "react";
import { roleChoices } from "./columns";
import { ActionMessage, CellLink, StepHeading } from "./parts";

const PREVIEW_ROWS = 3;

function cellText(c: unknown): string {
  return c === null || c === undefined ? "" : typeof c === "object" ? String((c as { code?: string }).code ?? "") : String(c);
}

export function SourceStep({ w }: { w: WizardApi }) {
  const t = w.table;
  const source = w.sources.find((s) => s.id === w.sourceId);
  const busy = w.busy !== null;
  const rolesOk = w.roles.name !== undefined && w.roles.revenue !== undefined && w.unresolved.length === 0;
  return (
    <section className="kam-section" aria-labelledby="step-heading">
      <StepHeading>Customer table</StepHeading>
      {w.sources.length === 0 && w.busy !== "list" ? (
        <MessageBar intent="info" layout="multiline" id="no-sources">
          <MessageBarBody>
            <MessageBarTitle>No customer table yet</MessageBarTitle>
            Put your customers in a sheet, one row each, with a header row first (for example Customer, Revenue, Margin). Then select that block, or make it a table with Home › Format as Table. This list follows your selection.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Field label="Customer table" hint={source?.detail ?? (w.busy === "list" ? "Looking for tables in the workbook…" : undefined)} className="kam-field">
          <Select id="source" value={w.sourceId} disabled={busy} onChange={(_, d) => w.setSourceId(d.value)}>
            {w.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className="kam-actions">
        <Button id="read" appearance={t ? "secondary" : "primary"} disabledFocusable={busy || !w.sourceId} onClick={() => void w.readSource()}>
          {w.busy === "read" ? "Reading…" : t ? "Read again" : "Read table"}
        </Button>
        <Button id="refresh" appearance="subtle" disabledFocusable={busy} onClick={() => void w.refreshSources()}>
          Refresh list
        </Button>
      </div>
      <ActionMessage w={w} />
      {t ? <TableDetails w={w} t={t} /> : null}
      {t && !rolesOk ? (
        <p id="roles-todo" className="kam-field-error">
          {w.unresolved.length > 0
            ? `Choose the column for ${w.unresolved.map((r) => ROLE_LABELS[r].toLowerCase()).join(" and ")} under Column roles to go on.`
            : "Choose the columns with the customer names and the revenue under Column roles to go on."}
        </p>
      ) : null}
      {t ? (
        <div className="kam-nav">
          <span />
          <Button id="to-criteria" appearance="primary" disabledFocusable={busy || !rolesOk} aria-describedby={rolesOk ? undefined : "roles-todo"} onClick={() => w.go(2)}>
            Next: criteria
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/** The table's size, its column roles, its first rows and its problems. */
function TableDetails({ w, t }: { w: WizardApi; t: SourceTable }) {
  return (
    <>
      <p id="source-info" className="kam-info">
        {w.nl.amount(t.rows.length)} rows × {t.headers.length} columns from {t.sheetName}.
      </p>
      <h3>Column roles</h3>
      <RoleFields w={w} t={t} />
      <h3 id="preview-heading">First rows</h3>
      <Preview t={t} />
      <TableIssues w={w} />
    </>
  );
}

/** A drop-down per column role with the reason it was chosen (or what to fix), and the renewal-probability choice. */
function RoleFields({ w, t }: { w: WizardApi; t: SourceTable }) {
  const choices = roleChoices(t, w.roles, w.detected, w.unresolved, w.churnComplement);
  return (
    <div className="kam-roles">
      {choices.map((c) => {
        const missing = c.required && c.column === undefined && !c.ambiguous;
        return (
          <Fragment key={c.role}>
            <Field
              label={c.label}
              required={c.required}
              className="kam-field"
              validationState={missing || c.ambiguous ? "error" : "none"}
              validationMessage={<span id={`role-${c.role}-note`}>{missing ? `Choose the column with the ${c.role === "name" ? "customer names" : "revenue"}.` : (c.ambiguous ?? c.reason)}</span>}
            >
              <Select
                id={`role-${c.role}`}
                value={c.ambiguous ? "choose" : c.column === undefined ? "" : String(c.column)}
                onChange={(_, d) => {
                  if (d.value !== "choose") w.setRole(c.role as Role, d.value === "" ? undefined : Number(d.value));
                }}
              >
                {c.ambiguous ? <option value="choose">Choose a column…</option> : null}
                <option value="">(none)</option>
                {t.headers.map((hd, i) => (
                  <option key={i} value={String(i)}>
                    {hd || `Column ${i + 1}`}
                  </option>
                ))}
              </Select>
            </Field>
            {c.role === "churn" && c.column !== undefined ? (
              <Checkbox
                id="churn-retention"
                checked={w.churnComplement}
                onChange={(_, d) => w.setChurnComplement(Boolean(d.checked))}
                label={`This column is a renewal/retention probability: use churn = 1 − "${t.headers[c.column] || `Column ${c.column + 1}`}"`}
              />
            ) : null}
          </Fragment>
        );
      })}
    </div>
  );
}

/** The first rows of the table, scrollable and reachable by keyboard. */
function Preview({ t }: { t: SourceTable }) {
  return (
    <div className="kam-preview-wrap" role="region" aria-labelledby="preview-heading" tabIndex={0}>
      <table id="preview" className="kam-preview">
        <thead>
          <tr>
            {t.headers.map((hd, i) => (
              <th key={i} scope="col" title={hd}>
                {hd || `Column ${i + 1}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.slice(0, PREVIEW_ROWS).map((r, ri) => (
            <tr key={ri}>
              {t.headers.map((_, ci) => (
                <td key={ci}>{cellText(r[ci])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The problems found in the table, each with a link to its cell, and the choice to leave flagged rows out. */
function TableIssues({ w }: { w: WizardApi }) {
  const n = w.issues.length;
  const rowsFlagged = new Set(w.issues.map((i) => i.row)).size;
  const shown = w.issues.slice(0, 50);
  if (n === 0) {
    return w.roles.revenue !== undefined ? (
      <p id="issues-ok" className="kam-ok">
        No problems found in the table.
      </p>
    ) : null;
  }
  return (
    <MessageBar intent="warning" layout="multiline" className="kam-issues">
      <MessageBarBody>
        <MessageBarTitle>
          {n} problem{n === 1 ? "" : "s"} in {rowsFlagged} row{rowsFlagged === 1 ? "" : "s"}
        </MessageBarTitle>
        <ul id="issues">
          {shown.map((i, k) => (
            <li key={k}>
              {i.message.startsWith(i.address) ? (
                <>
                  <CellLink w={w} address={i.address} />
                  {i.message.slice(i.address.length)}
                </>
              ) : (
                <>
                  {i.message} (<CellLink w={w} address={i.address} />)
                </>
              )}
            </li>
          ))}
        </ul>
        {n > shown.length ? <p>… and {n - shown.length} more.</p> : null}
        <Checkbox id="leave-out" checked={w.leaveOut} onChange={(_, d) => w.setLeaveOut(Boolean(d.checked))} label="Build with the flagged rows left out (the sheets say which and why). Or fix them in Excel and read again." />
      </MessageBarBody>
    </MessageBar>
  );
}
