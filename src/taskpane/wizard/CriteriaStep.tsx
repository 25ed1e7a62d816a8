/**
 * Step 2: the weighting method first, then the criteria (data ones from the table, manual
 * ones rated on the sheet; presets behind "Add a criterion"), pairwise comparisons with live
 * weights and consistency ratio, the key-account rule and the loss assumptions. Every field
 * says beside it what is wrong with it; nothing typed is changed behind the user's back.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Slider,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { RI_TABLES, type RiTable } from "../../core/ahp";
import type { Direction, ScaleMethod } from "../../core/scoring";
import type { WizardApi } from "./App";
import { CR_LIMIT, type CriterionRow, newManualCriterion, pairKey, pairText, type RuleKind, type Settings, weightsOf } from "./model";
import { ActionMessage, StepHeading } from "./parts";

const RULES: Record<RuleKind, { choice: string; label: string; after: string }> = {
  top: { choice: "The top N customers by score", label: "Number of key accounts (N)", after: "customers" },
  cutoff: { choice: "Customers scoring at least", label: "Lowest weighted score", after: "of 10" },
  share: { choice: "Customers with a revenue share of at least", label: "Lowest share of revenue", after: "%" },
};

type SetCriterion = (key: string, change: Partial<CriterionRow>) => void;

export function CriteriaStep({ w }: { w: WizardApi }) {
  const s = w.settings;
  const nl = w.nl;
  const weights = weightsOf(s, nl);
  const inc = s.criteria.filter((c) => c.include);
  const total = weights.weights.reduce((a, b) => a + (Number.isFinite(b) ? Math.max(b, 0) : 0), 0);
  const shareOf = (c: CriterionRow): string => {
    const i = inc.indexOf(c);
    const v = i < 0 ? undefined : weights.weights[i];
    return v !== undefined && Number.isFinite(v) && total > 0 ? nl.pct(Math.max(v, 0) / total, 0) : "";
  };
  const set = (change: Partial<Settings>) => w.update((x) => ({ ...x, ...change }));
  const setCriterion: SetCriterion = (key, change) => w.update((x) => ({ ...x, criteria: x.criteria.map((c) => (c.key === key ? { ...c, ...change } : c)), ...(change.include !== undefined ? { crConfirmed: false } : {}) }));
  const errs = w.errors;
  const formRef = useRef<HTMLFormElement>(null);

  const next = () => {
    const ids = Object.keys(errs);
    if (ids.length > 0) {
      const first = formRef.current?.querySelector<HTMLElement>(ids.map((id) => `[data-field="${id}"]`).join(","));
      first?.focus();
      w.announce(`${ids.length} thing${ids.length === 1 ? "" : "s"} to fix: ${Object.values(errs)[0]}`);
      return;
    }
    w.go(3);
  };

  const data = s.criteria.filter((c) => c.kind === "data");
  const manualShown = s.criteria.filter((c) => c.kind === "manual" && (c.include || !c.preset));
  const row = (c: CriterionRow) => <CriterionRowView key={c.key} w={w} c={c} idx={s.criteria.indexOf(c)} share={c.include ? shareOf(c) : ""} setCriterion={setCriterion} />;

  return (
    <form
      className="kam-section"
      aria-labelledby="step-heading"
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        next();
      }}
    >
      <StepHeading>Criteria and weights</StepHeading>
      {w.baseline && !w.outcome ? (
        <p id="from-sheets" className="kam-note">
          These are the settings of the sheets you built before. What you change here wins; manual scores stay on the sheet.
        </p>
      ) : null}
      <Field label="Weighting method" className="kam-field">
        <RadioGroup id="weight-mode" value={s.weightMode} onChange={(_, d) => set({ weightMode: d.value as Settings["weightMode"] })}>
          <Radio id="mode-direct" value="direct" label="Type a weight per criterion" />
          <Radio id="mode-ahp" value="ahp" label="Compare criteria in pairs (AHP)" />
        </RadioGroup>
      </Field>

      <h3 id="data-heading">From your table</h3>
      <div id="data-criteria" className="kam-criteria" role="group" aria-labelledby="data-heading">
        {data.length ? data.map(row) : <p className="kam-note">The table has no numeric columns besides the revenue.</p>}
      </div>

      <h3 id="manual-heading">Rated by you on the sheet</h3>
      <div id="manual-criteria" className="kam-criteria" role="group" aria-labelledby="manual-heading">
        {manualShown.length ? manualShown.map(row) : <p className="kam-note">None yet. You rate these 1–10 per customer on the scoring sheet.</p>}
      </div>
      <AddCriterion w={w} setCriterion={setCriterion} />
      {errs["criteria"] ? (
        <p className="kam-field-error" id="criteria-error" data-field="criteria" tabIndex={-1}>
          {errs["criteria"]}
        </p>
      ) : null}

      {s.weightMode === "ahp" ? <Pairwise w={w} inc={inc} weights={weights} /> : null}
      <KeyAccountRule w={w} set={set} />
      <LossAssumptions w={w} set={set} />

      <ActionMessage w={w} />
      <div className="kam-nav">
        <Button id="back-source" onClick={() => w.go(1)}>
          Back
        </Button>
        <Button id="to-build" appearance="primary" type="submit">
          Next: build
        </Button>
      </div>
    </form>
  );
}

/** One criterion: included or not, its weight (typed weights) and share, and for data criteria direction and scaling. */
function CriterionRowView({ w, c, idx, share, setCriterion }: { w: WizardApi; c: CriterionRow; idx: number; share: string; setCriterion: SetCriterion }) {
  const err = w.errors[`weight-${c.key}`];
  return (
    <div className="kam-criterion">
      <div className="kam-criterion-main">
        <Checkbox id={`inc-${idx}`} checked={c.include} label={c.label} className="kam-criterion-name" onChange={(_, d) => setCriterion(c.key, { include: Boolean(d.checked) })} />
        {w.settings.weightMode === "direct" ? (
          <Input
            id={`weight-${idx}`}
            data-field={`weight-${c.key}`}
            className="kam-weight"
            aria-label={`Weight of ${c.label}`}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? `weight-${idx}-error` : undefined}
            inputMode="decimal"
            disabled={!c.include}
            value={c.weightText}
            onChange={(_, d) => setCriterion(c.key, { weightText: d.value })}
          />
        ) : null}
        <span className="kam-pct" id={`pct-${idx}`}>
          {share}
        </span>
      </div>
      {err && c.include ? (
        <p className="kam-field-error" id={`weight-${idx}-error`}>
          {err}
        </p>
      ) : null}
      {c.kind === "data" && c.include ? (
        <div className="kam-criterion-options">
          <Select id={`dir-${idx}`} aria-label={`Direction of ${c.label}`} value={c.direction} onChange={(_, d) => setCriterion(c.key, { direction: d.value as Direction })}>
            <option value="benefit">Higher wins</option>
            <option value="cost">Lower wins</option>
          </Select>
          <Select id={`method-${idx}`} aria-label={`Scaling of ${c.label}`} value={c.method} onChange={(_, d) => setCriterion(c.key, { method: d.value as ScaleMethod })}>
            <option value="minmax">Min–max</option>
            <option value="percentile">Percentile</option>
            <option value="zscore">z-score</option>
          </Select>
        </div>
      ) : null}
    </div>
  );
}

/** "Add a criterion to rate": the suggested presets and the user's own, collapsed until opened. */
function AddCriterion({ w, setCriterion }: { w: WizardApi; setCriterion: SetCriterion }) {
  const s = w.settings;
  const indexOf = (c: CriterionRow) => s.criteria.indexOf(c);
  const presets = s.criteria.filter((c) => c.kind === "manual" && c.preset && !c.include);
  // A preset ticked here moves up to the list: keep focus on its checkbox there.
  const [refocus, setRefocus] = useState<string>();
  useEffect(() => {
    if (!refocus) return;
    document.getElementById(refocus)?.focus();
    setRefocus(undefined);
  }, [refocus]);
  const [custom, setCustom] = useState("");
  const [customError, setCustomError] = useState("");
  const addCustom = () => {
    const label = custom.trim();
    if (!label) {
      setCustomError("Type the criterion's name first.");
      return;
    }
    if (s.criteria.some((c) => c.label.toLowerCase() === label.toLowerCase() && (c.include || !c.preset))) {
      setCustomError(`There is already a criterion called "${label}".`);
      return;
    }
    const preset = s.criteria.find((c) => c.preset && c.label.toLowerCase() === label.toLowerCase());
    if (preset) setCriterion(preset.key, { include: true });
    else w.update((x) => ({ ...x, criteria: [...x.criteria, newManualCriterion(label)], crConfirmed: false }));
    setCustom("");
    setCustomError("");
    w.announce(`Added ${label}.`);
  };
  return (
    <Accordion collapsible id="more-criteria">
      <AccordionItem value="more">
        <AccordionHeader as="h4" size="small" button={{ id: "more-criteria-header" }}>
          Add a criterion to rate ({presets.length} suggestions)
        </AccordionHeader>
        <AccordionPanel>
          <div className="kam-presets" role="group" aria-label="Suggested criteria">
            {presets.map((c) => (
              <Checkbox
                key={c.key}
                id={`preset-${indexOf(c)}`}
                checked={false}
                label={c.label}
                onChange={() => {
                  setCriterion(c.key, { include: true });
                  setRefocus(`inc-${indexOf(c)}`);
                }}
              />
            ))}
          </div>
          <Field label="Your own criterion" className="kam-field" validationState={customError ? "error" : "none"} validationMessage={customError || undefined}>
            <div className="kam-inline">
              <Input
                id="custom-criterion"
                placeholder="e.g. Strategic fit"
                value={custom}
                onChange={(_, d) => {
                  setCustom(d.value);
                  setCustomError("");
                }}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    addCustom();
                  }
                }}
              />
              <Button id="add-criterion" onClick={addCustom}>
                Add
              </Button>
            </div>
          </Field>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}

/** The key-account rule: one choice and one input with its unit. */
function KeyAccountRule({ w, set }: { w: WizardApi; set: (change: Partial<Settings>) => void }) {
  const s = w.settings;
  const errs = w.errors;
  const rule = RULES[s.ruleKind];
  const ruleN = s.ruleKind === "top" ? w.nl.parse(s.ruleText.top) : undefined;
  return (
    <>
      <h3>Key accounts</h3>
      <Field label="Key accounts are" className="kam-field">
        <Select id="rule-kind" value={s.ruleKind} onChange={(_, d) => set({ ruleKind: d.value as RuleKind })}>
          {(Object.keys(RULES) as RuleKind[]).map((k) => (
            <option key={k} value={k}>
              {RULES[k].choice}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={rule.label}
        className="kam-field"
        validationState={errs["rule-value"] ? "error" : "none"}
        validationMessage={errs["rule-value"]}
        hint={
          !errs["rule-value"] && ruleN !== undefined && (ruleN < 5 || ruleN > 25) ? (
            <span id="rule-note">Most companies keep 5 to 25 key accounts; even very large firms fewer than 100.</span>
          ) : s.ruleKind === "share" ? (
            "A customer at 18% of revenue is a key account; one at 1% is not."
          ) : undefined
        }
      >
        <Input id="rule-value" data-field="rule-value" inputMode="decimal" value={s.ruleText[s.ruleKind]} contentAfter={<span className="kam-unit">{rule.after}</span>} onChange={(_, d) => set({ ruleText: { ...s.ruleText, [s.ruleKind]: d.value } })} />
      </Field>
    </>
  );
}

/** Currency, fixed costs (echoed as read) and months to replace lost revenue. */
function LossAssumptions({ w, set }: { w: WizardApi; set: (change: Partial<Settings>) => void }) {
  const s = w.settings;
  const errs = w.errors;
  const fixed = s.fixedCostsText.trim() === "" ? undefined : w.nl.parse(s.fixedCostsText);
  return (
    <>
      <h3>Loss scenarios</h3>
      <Field
        label="Currency of amounts"
        className="kam-field"
        validationState={errs["currency"] ? "error" : "none"}
        validationMessage={errs["currency"]}
        hint={errs["currency"] ? undefined : "Shown with every amount on the sheets, e.g. EUR; empty for none."}
      >
        <Input id="currency" data-field="currency" value={s.currencyText} onChange={(_, d) => set({ currencyText: d.value })} />
      </Field>
      <Field
        label="Annual fixed costs"
        className="kam-field"
        validationState={errs["fixed-costs"] ? "error" : "none"}
        validationMessage={errs["fixed-costs"]}
        hint={errs["fixed-costs"] ? undefined : fixed !== undefined ? <span id="fixed-costs-echo">Read as {w.nl.num(fixed, 2)}</span> : "Optional: shows the break-even of each loss."}
      >
        <Input id="fixed-costs" data-field="fixed-costs" inputMode="decimal" value={s.fixedCostsText} onChange={(_, d) => set({ fixedCostsText: d.value })} />
      </Field>
      <Field label="Months to replace lost revenue" className="kam-field" validationState={errs["months"] ? "error" : "none"} validationMessage={errs["months"]}>
        <Input id="months" data-field="months" inputMode="decimal" value={s.monthsText} onChange={(_, d) => set({ monthsText: d.value })} />
      </Field>
    </>
  );
}

const RI_LABELS: Record<RiTable, string> = {
  saaty1980: "Saaty 1980 (3–10 criteria; most tools)",
  saaty2005: "Saaty 2005 (3–15 criteria)",
  "donegan-dodd": "Donegan & Dodd 1991 (3–100 criteria)",
};

type Weights = ReturnType<typeof weightsOf>;

function Pairwise({ w, inc, weights }: { w: WizardApi; inc: CriterionRow[]; weights: Weights }) {
  const [rater, setRater] = useState(0);
  if (inc.length < 2) return <p className="kam-note">Tick two criteria or more to compare them in pairs.</p>;
  const pairs: [number, number][] = [];
  for (let i = 0; i < inc.length; i++) for (let j = i + 1; j < inc.length; j++) pairs.push([i, j]);
  return (
    <section id="ahp" className="kam-ahp" aria-labelledby="ahp-heading">
      <h3 id="ahp-heading">Compare in pairs</h3>
      <p className="kam-note">Move each slider towards the criterion that matters more: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely.</p>
      <LiveWeights w={w} inc={inc} weights={weights} />
      {weights.error ? <p className="kam-field-error">{weights.error}</p> : null}
      <Field label="Random-index table for the consistency ratio" className="kam-field">
        <Select id="ri-table" value={w.settings.riTable} onChange={(_, d) => w.update((x) => ({ ...x, riTable: d.value as RiTable, crConfirmed: false }))}>
          {RI_TABLES.map((t) => (
            <option key={t} value={t}>
              {RI_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <WorstJudgements w={w} inc={inc} weights={weights} />
      <Raters w={w} weights={weights} rater={rater} setRater={setRater} />
      <ConfirmInconsistent w={w} cr={weights.cr} />
      <ul className="kam-pairs">
        {pairs.map(([i, j]) => (
          <PairSlider key={pairKey(inc[i].label, inc[j].label)} w={w} inc={inc} weights={weights} i={i} j={j} rater={rater} />
        ))}
      </ul>
    </section>
  );
}

/** The weights the comparisons give, live, and the consistency ratio. */
function LiveWeights({ w, inc, weights }: { w: WizardApi; inc: CriterionRow[]; weights: Weights }) {
  const nl = w.nl;
  const cr = weights.cr;
  const total = weights.weights.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  return (
    <div className="kam-ahp-live" id="ahp-weights">
      <ul aria-label="Weights from the comparisons">
        {inc.map((c, i) => (
          <li key={c.key}>
            <span className="kam-ahp-name">{c.label}</span> <span>{total > 0 && Number.isFinite(weights.weights[i]) ? nl.pct(weights.weights[i] / total, 0) : "–"}</span>
          </li>
        ))}
      </ul>
      {cr !== undefined ? (
        <p id="ahp-cr" className={cr > CR_LIMIT ? "kam-field-error" : "kam-ok"}>
          Consistency ratio {nl.num(cr, 2)}
          {cr > CR_LIMIT ? ": above 0.10, the comparisons contradict each other." : " (0.10 or less is fine)."}
        </p>
      ) : (
        <p id="ahp-cr" className="kam-note">
          The consistency ratio is defined for up to 10 criteria.
        </p>
      )}
    </div>
  );
}

/** The judgements furthest from the weights, with the consistent value for each. */
function WorstJudgements({ w, inc, weights }: { w: WizardApi; inc: CriterionRow[]; weights: Weights }) {
  if (!weights.worst || weights.worst.length === 0) return null;
  return (
    <div id="ahp-worst">
      <p className="kam-note">Furthest from the weights (changing it to the consistent value helps most):</p>
      <ul>
        {weights.worst.map((j) => (
          <li key={`${j.i}-${j.j}`}>
            {inc[j.i].label} vs {inc[j.j].label}: judged {w.nl.num(j.judged, 2)}, consistent {w.nl.num(j.consistent, 2)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Whose comparisons are shown, another rater, and the consensus of all. */
function Raters({ w, weights, rater, setRater }: { w: WizardApi; weights: Weights; rater: number; setRater: (r: number) => void }) {
  const s = w.settings;
  return (
    <div id="ahp-raters" className="kam-actions">
      <Field label="Comparisons of" className="kam-field">
        <Select id="rater" value={String(rater)} onChange={(_, d) => setRater(Number(d.value))}>
          {Array.from({ length: s.raters.length + 1 }, (_, r) => (
            <option key={r} value={r}>
              Rater {r + 1}
            </option>
          ))}
        </Select>
      </Field>
      <Button
        id="add-rater"
        onClick={() => {
          w.update((x) => ({ ...x, raters: [...x.raters, { ...x.pairwise }], crConfirmed: false }));
          setRater(s.raters.length + 1);
        }}
      >
        Add a rater
      </Button>
      {weights.consensus !== undefined ? (
        <p id="ahp-consensus" className="kam-note">
          {s.raters.length + 1} raters, combined by the geometric mean of their judgements; consensus {w.nl.pct(weights.consensus, 0)} (100% = same weights).
        </p>
      ) : null}
    </div>
  );
}

/** Above the limit, the user confirms the ratio before building (the sheet records it). */
function ConfirmInconsistent({ w, cr }: { w: WizardApi; cr: number | undefined }) {
  if (cr === undefined || cr <= CR_LIMIT) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <Checkbox
          id="cr-confirm"
          data-field="cr-confirm"
          checked={w.settings.crConfirmed}
          onChange={(_, d) => w.update((x) => ({ ...x, crConfirmed: Boolean(d.checked) }))}
          label={`Use these comparisons anyway. The scoring sheet records the ratio (${w.nl.num(cr, 2)}).`}
        />
      </MessageBarBody>
    </MessageBar>
  );
}

/** One pair on a 9-to-9 scale with the two names, or skipped (completed by the most consistent value). */
function PairSlider({ w, inc, weights, i, j, rater }: { w: WizardApi; inc: CriterionRow[]; weights: Weights; i: number; j: number; rater: number }) {
  const s = w.settings;
  const a = inc[i].label;
  const b = inc[j].label;
  const key = pairKey(a, b);
  const judged = rater === 0 ? s.pairwise : (s.raters[rater - 1] ?? {});
  const answered = judged[key] !== null;
  const v = judged[key] ?? 0;
  const spread = weights.pairs?.find((p) => p.i === i && p.j === j);
  const setPair = (value: number | null) =>
    w.update((x) =>
      rater === 0 ? { ...x, pairwise: { ...x.pairwise, [key]: value }, crConfirmed: false } : { ...x, raters: x.raters.map((r, k) => (k === rater - 1 ? { ...r, [key]: value } : r)), crConfirmed: false },
    );
  return (
    <li className="kam-pair">
      <div className="kam-pair-names" aria-hidden="true">
        <span>{a}</span>
        <span>{b}</span>
      </div>
      <Slider
        id={`pair-${i}-${j}`}
        min={-8}
        max={8}
        step={1}
        value={v}
        aria-label={`${a} versus ${b}`}
        aria-valuetext={pairText(v, a, b)}
        disabled={!answered}
        onChange={(_, d) => setPair(d.value)}
      />
      <div className="kam-pair-value">
        {answered ? pairText(v, a, b) : "Not answered: completed by the most consistent value"}
        {spread && spread.answered > 1 && spread.spread > 1 ? ` (raters differ by a factor ${w.nl.num(spread.spread, 1)})` : ""}
      </div>
      <Checkbox id={`pair-skip-${i}-${j}`} checked={!answered} onChange={(_, d) => setPair(d.checked ? null : 0)} label="Skip this pair" />
    </li>
  );
}
