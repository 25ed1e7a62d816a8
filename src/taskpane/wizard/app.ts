/**
 * The Key Account Wizard: 1. source table and column roles, checked before building;
 * 2. criteria, weights (typed or AHP) and the key-account rule; 3. build and summary.
 * All figures come from the pure core; this file only renders state and collects choices.
 */
import { ahp } from "../../core/ahp";
import { KamError } from "../../core/errors";
import { readPairwiseMatrix } from "../../core/kam";
import type { Direction, ScaleMethod } from "../../core/scoring";
import type { BuildSummary, CriterionSpec, KeyRule, PreviousInputs, SheetNames } from "../../workbook/build";
import { guessRoles, numericColumns, Role, ROLE_LABELS, ROLES, Roles, SourceTable, TableIssue, validateTable } from "../../workbook/customers";
import { defaultCriteria, guessDirection, MANUAL_PRESETS } from "../../workbook/defaults";
import { clear, h, money, pct } from "./dom";
import { quarterLabel } from "../close-quarter";
import type { BuildRequest, SourceInfo, WizardHost } from "./host";

interface CriterionRow {
  label: string;
  kind: "data" | "manual";
  column?: number;
  include: boolean;
  direction: Direction;
  method: ScaleMethod;
  weight: number;
}

/** Saaty's 1–9 scale as offered in the pairwise drop-downs. */
export const SAATY_SCALE: { value: number; label: string }[] = [
  ...[9, 7, 5, 3].map((v) => ({ value: 1 / v, label: `1/${v}` })),
  { value: 1, label: "1 (equal)" },
  ...[3, 5, 7, 9].map((v) => ({ value: v, label: String(v) })),
];

export class Wizard {
  private sources: SourceInfo[] = [];
  private sourceId = "";
  private table?: SourceTable;
  private roles: Roles = {};
  private issues: TableIssue[] = [];
  private criteria: CriterionRow[] = [];
  private weightMode: "direct" | "ahp" = "direct";
  private pairwise = new Map<string, number>();
  private keyRule: { kind: KeyRule["kind"]; n: number; score: number; threshold: number } = { kind: "top", n: 10, score: 7, threshold: 0.1 };
  private fixedCosts = "";
  private months = "12";
  private leaveOut = true;
  private step: 1 | 2 | 3 = 1;
  private busy = false;
  private result?: { summary: BuildSummary; sheetNames: SheetNames };
  /**
   * The settings as the sheets hold them: read when the pane was filled from sheets built
   * before, or what the last build wrote. A setting the user changes here afterwards wins at
   * the next build; one left alone takes the sheet's value (the user may have edited it there).
   */
  private baseline?: PreviousInputs;
  /** Whether the criteria step was filled from the sheets for the table read last. */
  private prefilled = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: WizardHost,
  ) {}

  async start(): Promise<void> {
    this.render();
    await this.refreshSources();
  }

  private async guard(task: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message("");
    this.render();
    try {
      await task();
    } catch (e) {
      this.message(e instanceof Error ? e.message : String(e), "error");
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private messageText = "";
  private messageKind: "error" | "info" = "info";
  private message(text: string, kind: "error" | "info" = "info"): void {
    this.messageText = text;
    this.messageKind = kind;
  }

  private async refreshSources(): Promise<void> {
    await this.guard(async () => {
      this.sources = await this.host.listSources();
      if (!this.sources.some((s) => s.id === this.sourceId)) this.sourceId = this.sources[0]?.id ?? "";
    });
  }

  private async readSource(): Promise<void> {
    await this.guard(async () => {
      const table = await this.host.readSource(this.sourceId);
      const sameShape = this.table && this.table.headers.join("\u0000") === table.headers.join("\u0000");
      this.table = table;
      if (!sameShape) {
        this.roles = guessRoles(table.headers);
        this.resetCriteria();
        this.prefilled = false;
      }
      this.validate();
      this.result = undefined;
    });
  }

  private resetCriteria(): void {
    if (!this.table) return;
    const defaults = defaultCriteria(this.table, this.roles);
    const rows: CriterionRow[] = defaults.map((c) => ({ ...c, include: true }));
    // Other numeric columns (e.g. cost) are offered, unticked.
    for (const c of numericColumns(this.table)) {
      if (c === this.roles.name || rows.some((r) => r.column === c)) continue;
      const label = this.table.headers[c] || `Column ${c + 1}`;
      rows.push({ label, kind: "data", column: c, include: false, direction: guessDirection(label), method: "minmax", weight: 1 });
    }
    for (const p of MANUAL_PRESETS) rows.push({ label: p, kind: "manual", include: false, direction: "benefit", method: "minmax", weight: 1 });
    this.criteria = rows;
    this.pairwise.clear();
  }

  /** Shows the settings of the sheets built before: their criteria, weights, directions, rule and assumptions. */
  private applyPrevious(prev: PreviousInputs): void {
    const labels = Object.keys(prev.weights);
    const manualLabels = new Set(prev.manualLabels ?? []);
    const kindOf = (label: string): CriterionRow["kind"] => (manualLabels.has(label) ? "manual" : "data");
    if (labels.length > 0) {
      // Each criterion of the sheet ticks one row of its kind (a data column and a manual preset
      // can share a name); the sheet's own manual criteria come back, data criteria whose column
      // the table no longer has do not.
      const matched = new Set<string>();
      for (const c of this.criteria) {
        c.include = prev.weights[c.label] !== undefined && kindOf(c.label) === c.kind && !matched.has(c.label);
        if (!c.include) continue;
        matched.add(c.label);
        c.weight = prev.weights[c.label];
        const d = prev.directions[c.label];
        if (d === "benefit" || d === "cost") c.direction = d;
        const m = prev.methods?.[c.label];
        if (m && c.kind === "data") c.method = m;
      }
      for (const label of labels) {
        if (!matched.has(label) && kindOf(label) === "manual") this.criteria.push({ label, kind: "manual", include: true, direction: "benefit", method: "minmax", weight: prev.weights[label] });
      }
      this.weightMode = "direct";
    }
    if (prev.keyRuleKind && prev.keyRuleValue !== undefined) {
      const k = this.keyRule;
      k.kind = prev.keyRuleKind;
      if (k.kind === "top") k.n = prev.keyRuleValue;
      else if (k.kind === "cutoff") k.score = prev.keyRuleValue;
      else k.threshold = prev.keyRuleValue;
    }
    if (prev.fixedCosts !== undefined) this.fixedCosts = String(prev.fixedCosts);
    if (prev.monthsToReplace !== undefined) this.months = String(prev.monthsToReplace);
    this.baseline = prev;
    this.validate();
  }

  /** The settings a build request writes on the sheets, as `readPreviousInputs` would read them back. */
  private static settingsOf(request: BuildRequest): PreviousInputs {
    const rule = request.keyRule;
    return {
      weights: Object.fromEntries(request.criteria.map((c) => [c.label, c.weight])),
      directions: Object.fromEntries(request.criteria.filter((c) => c.kind === "data").map((c) => [c.label, c.direction])),
      manual: {},
      keyRuleKind: rule.kind,
      keyRuleValue: rule.kind === "top" ? rule.n : rule.kind === "cutoff" ? rule.score : rule.threshold,
      fixedCosts: request.fixedCosts ?? 0,
      monthsToReplace: request.monthsToReplace,
    };
  }

  private validate(): void {
    if (!this.table) return;
    const cols = this.criteria.filter((c) => c.include && c.column !== undefined).map((c) => c.column!);
    this.issues = this.roles.name !== undefined && this.roles.revenue !== undefined ? validateTable(this.table, this.roles, cols) : [];
  }

  private included(): CriterionRow[] {
    return this.criteria.filter((c) => c.include);
  }

  /** Weights used for the build: typed, or the AHP eigenvector (as percentages). */
  private weights(): { weights: number[]; cr?: number; error?: string } {
    const inc = this.included();
    if (this.weightMode === "direct" || inc.length < 2) return { weights: inc.map((c) => c.weight) };
    const n = inc.length;
    const m = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : i < j ? this.pair(inc, i, j) : 1 / this.pair(inc, j, i))));
    try {
      const r = ahp(readPairwiseMatrix(m));
      return { weights: Array.from(r.weights, (w) => Math.round(w * 1000) / 10), cr: r.cr };
    } catch (e) {
      return { weights: inc.map((c) => c.weight), error: e instanceof KamError ? e.message : String(e) };
    }
  }

  private pair(inc: CriterionRow[], i: number, j: number): number {
    return this.pairwise.get(`${inc[i].label}\u0000${inc[j].label}`) ?? 1;
  }

  private keyRuleSpec(): KeyRule {
    const k = this.keyRule;
    if (k.kind === "top") return { kind: "top", n: k.n };
    if (k.kind === "cutoff") return { kind: "cutoff", score: k.score };
    return { kind: "share", threshold: k.threshold };
  }

  private async build(): Promise<void> {
    const table = this.table;
    if (!table) return;
    const { weights, error } = this.weights();
    if (error) {
      this.message(`Fix the pairwise comparisons first: ${error}`, "error");
      this.render();
      return;
    }
    if (this.issues.length > 0 && !this.leaveOut) {
      this.message(`The table has ${this.issues.length} problem(s). Fix them and re-read, or tick "build with the flagged rows left out".`, "error");
      this.render();
      return;
    }
    const criteria: CriterionSpec[] = this.included().map((c, i) => ({
      label: c.label,
      kind: c.kind,
      column: c.column,
      direction: c.direction,
      method: c.method,
      weight: weights[i],
    }));
    const fixed = this.fixedCosts.trim() === "" ? undefined : Number(this.fixedCosts);
    const months = Number(this.months);
    if (fixed !== undefined && !(fixed >= 0)) {
      this.message("Annual fixed costs must be a number of 0 or more.", "error");
      this.render();
      return;
    }
    const request: BuildRequest = {
      table,
      roles: this.roles,
      criteria,
      keyRule: this.keyRuleSpec(),
      fixedCosts: fixed,
      monthsToReplace: months > 0 ? months : 12,
      builtOn: new Date().toISOString().slice(0, 10),
      baseline: this.baseline,
    };
    await this.guard(async () => {
      this.progress = { text: "Starting…", fraction: 0 };
      this.result = await this.host.build(request, (text, fraction) => {
        this.progress = { text, fraction };
        this.renderProgress();
      });
      this.baseline = Wizard.settingsOf(request);
      this.progress = { text: "Done.", fraction: 1 };
    });
  }

  private progress = { text: "", fraction: 0 };

  // ---------------------------------------------------------------- rendering

  /** Re-render after the current event has finished (a change event fires during blur). */
  private later(): void {
    setTimeout(() => this.render(), 0);
  }

  private render(): void {
    clear(this.root);
    const message = this.messageText ? h("div", { id: "message", role: "alert", className: `kam-message ${this.messageKind}` }, this.messageText) : "";
    this.root.append(
      this.renderSteps(),
      message,
      this.step === 1 ? this.renderSource() : this.step === 2 ? this.renderCriteria() : this.renderBuild(),
    );
  }

  private renderSteps(): HTMLElement {
    const names = ["1 Source", "2 Criteria", "3 Build"];
    return h("ol", { className: "kam-steps" }, names.map((n, i) => h("li", { className: this.step === i + 1 ? "current" : "" }, n)));
  }

  private go(step: 1 | 2 | 3): void {
    if (step === 2 && this.step === 1 && !this.prefilled) {
      // Coming to the criteria for this table: show what the sheets built before say.
      void this.guard(async () => {
        this.prefilled = true;
        this.step = 2;
        const prev = await this.host.readPrevious().catch((e: unknown) => {
          this.message(`The settings of the sheets built before could not be read (${e instanceof Error ? e.message : String(e)}); the defaults are shown.`);
          return undefined;
        });
        if (prev) this.applyPrevious(prev);
      });
      return;
    }
    this.step = step;
    this.message("");
    this.render();
  }

  private renderSource(): HTMLElement {
    const t = this.table;
    const select = h(
      "select",
      { id: "source", disabled: this.busy, onchange: (e: Event) => (this.sourceId = (e.target as HTMLSelectElement).value) },
      this.sources.map((s) => {
        const o = h("option", { value: s.id }, s.label);
        o.selected = s.id === this.sourceId;
        return o;
      }),
    );
    const section = h(
      "section",
      { className: "kam-section" },
      h("h2", {}, "Customer table"),
      h("p", { className: "kam-hint" }, "Pick an Excel table, or select the range with your customer table (header row first) and use the current selection."),
      h("div", { className: "kam-row" }, select, h("button", { id: "refresh", className: "secondary", disabled: this.busy, onclick: () => this.refreshSources() }, "Refresh list")),
      h("button", { id: "read", disabled: this.busy || !this.sourceId, onclick: () => this.readSource() }, t ? "Re-read table" : "Read table"),
    );
    if (!t) return section;
    section.append(
      h("p", { id: "source-info" }, `${t.rows.length} rows × ${t.headers.length} columns from ${t.sheetName}.`),
      this.renderPreview(t),
      h("h3", {}, "Column roles"),
      h(
        "div",
        { className: "kam-roles" },
        ROLES.map((role) =>
          h(
            "label",
            {},
            h("span", {}, ROLE_LABELS[role]),
            this.roleSelect(role, t),
          ),
        ),
      ),
      this.renderIssues(),
      h("div", { className: "kam-nav" }, h("button", { id: "to-criteria", disabled: this.busy || this.roles.name === undefined || this.roles.revenue === undefined, onclick: () => this.go(2) }, "Next: criteria")),
    );
    if (this.roles.name === undefined || this.roles.revenue === undefined) {
      section.append(h("p", { className: "kam-warning" }, "Choose the columns that hold the customer name and the revenue."));
    }
    return section;
  }

  private roleSelect(role: Role, t: SourceTable): HTMLSelectElement {
    const sel = h(
      "select",
      {
        id: `role-${role}`,
        onchange: (e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          if (v === "") delete this.roles[role];
          else this.roles[role] = Number(v);
          if (role === "revenue" || role === "name") this.resetCriteria();
          this.validate();
          this.later();
        },
      },
      h("option", { value: "" }, "(none)"),
      t.headers.map((hd, i) => h("option", { value: String(i) }, hd || `Column ${i + 1}`)),
    );
    sel.value = this.roles[role] === undefined ? "" : String(this.roles[role]);
    return sel;
  }

  private renderPreview(t: SourceTable): HTMLElement {
    const rows = t.rows.slice(0, 5);
    return h(
      "div",
      { className: "kam-preview-wrap" },
      h(
        "table",
        { id: "preview", className: "kam-preview" },
        h("thead", {}, h("tr", {}, t.headers.map((hd) => h("th", {}, hd)))),
        h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c === null ? "" : typeof c === "object" ? String((c as { code?: string }).code ?? "") : String(c)))))),
      ),
    );
  }

  private renderIssues(): HTMLElement {
    const n = this.issues.length;
    if (n === 0) return h("p", { id: "issues-ok", className: "kam-ok" }, this.table && this.roles.revenue !== undefined ? "No problems found in the table." : "");
    const rowsFlagged = new Set(this.issues.map((i) => i.row)).size;
    const shown = this.issues.slice(0, 50);
    return h(
      "div",
      { className: "kam-issues" },
      h("h3", {}, `${n} problem${n === 1 ? "" : "s"} in ${rowsFlagged} row${rowsFlagged === 1 ? "" : "s"}`),
      h("ul", { id: "issues" }, shown.map((i) => h("li", {}, i.message))),
      n > shown.length ? h("p", {}, `… and ${n - shown.length} more.`) : null,
      h(
        "label",
        { className: "kam-check" },
        (() => {
          const cb = h("input", { type: "checkbox", id: "leave-out", onchange: (e: Event) => (this.leaveOut = (e.target as HTMLInputElement).checked) });
          cb.checked = this.leaveOut;
          return cb;
        })(),
        " Build with the flagged rows left out (the sheets say how many and why). Or fix them in Excel and re-read.",
      ),
    );
  }

  private renderCriteria(): HTMLElement {
    const inc = this.included();
    const w = this.weights();
    const totalW = w.weights.reduce((a, b) => a + b, 0);
    const data = this.criteria.filter((c) => c.kind === "data");
    const manual = this.criteria.filter((c) => c.kind === "manual");
    const weightOf = (c: CriterionRow) => {
      const i = inc.indexOf(c);
      return i < 0 ? undefined : w.weights[i];
    };
    const row = (c: CriterionRow) => {
      const idx = this.criteria.indexOf(c);
      const cb = h("input", { type: "checkbox", id: `inc-${idx}`, onchange: (e: Event) => ((c.include = (e.target as HTMLInputElement).checked), this.validate(), this.later()) });
      cb.checked = c.include;
      const dir = h("select", { id: `dir-${idx}`, "aria-label": `Direction of ${c.label}`, title: "benefit: higher is better; cost: lower is better", disabled: c.kind === "manual", onchange: (e: Event) => (c.direction = (e.target as HTMLSelectElement).value as Direction) }, h("option", { value: "benefit" }, "benefit"), h("option", { value: "cost" }, "cost"));
      dir.value = c.direction;
      const method = h(
        "select",
        { id: `method-${idx}`, "aria-label": `Scaling of ${c.label}`, title: "How raw values become 1–10 scores", disabled: c.kind === "manual", onchange: (e: Event) => (c.method = (e.target as HTMLSelectElement).value as ScaleMethod) },
        h("option", { value: "minmax" }, "min-max"),
        h("option", { value: "percentile" }, "percentile"),
        h("option", { value: "zscore" }, "z-score"),
      );
      method.value = c.method;
      const weight = h("input", {
        type: "number",
        id: `weight-${idx}`,
        "aria-label": `Weight of ${c.label}`,
        min: 0,
        step: "any",
        value: String(c.weight),
        disabled: this.weightMode === "ahp",
        onchange: (e: Event) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (v >= 0) c.weight = v;
          else this.message(`The weight of "${c.label}" must be a number of 0 or more.`, "error");
          this.later();
        },
      });
      const wv = weightOf(c);
      // Two lines per data criterion (name, weight, share; then direction and scaling) so the
      // table fits a task pane of 320 pixels without scrolling sideways.
      const main = h(
        "tr",
        { className: "kam-criterion" },
        h("td", {}, cb),
        h("td", {}, h("label", { for: `inc-${idx}` }, c.label), c.kind === "manual" && c.column !== undefined ? h("span", { className: "kam-tag" }, "from table") : null),
        h("td", {}, weight),
        h("td", { className: "kam-pct", id: `pct-${idx}` }, wv !== undefined && totalW > 0 ? pct(wv / totalW) : ""),
      );
      if (c.kind === "manual") return [main];
      const options = h("td", { colspan: 3 }, h("span", { className: "kam-options" }, dir, method));
      return [main, h("tr", { className: "kam-criterion-options" }, h("td", {}), options)];
    };
    const head = () => h("tr", {}, ["", "Criterion", "Weight", "%"].map((x) => h("th", {}, x)));
    const custom = h("input", { type: "text", id: "custom-criterion", placeholder: "Your own criterion, e.g. Strategic fit" });
    const addCustom = () => {
      const label = custom.value.trim();
      if (!label) return;
      if (this.criteria.some((c) => c.label.toLowerCase() === label.toLowerCase())) {
        this.message(`There is already a criterion called "${label}".`, "error");
      } else this.criteria.push({ label, kind: "manual", include: true, direction: "benefit", method: "minmax", weight: 1 });
      this.render();
    };
    const radio = (name: string, value: string, checked: boolean, onchange: () => void, label: string, id: string) => {
      const r = h("input", { type: "radio", name, value, id, onchange });
      r.checked = checked;
      return h("label", { className: "kam-check" }, r, ` ${label}`);
    };
    const k = this.keyRule;
    const num = (id: string, value: number, set: (v: number) => void, step = "any") =>
      h("input", { type: "number", id, value: String(value), step, onchange: (e: Event) => (set(Number((e.target as HTMLInputElement).value)), this.later()) });
    return h(
      "section",
      { className: "kam-section" },
      h("h2", {}, "Criteria and weights"),
      this.baseline && !this.result
        ? h("p", { id: "from-sheets", className: "kam-note" }, "Criteria, weights, the key-account rule and the loss assumptions are those of the sheets you built before. Change them here or on the sheets; manual scores stay on the sheet.")
        : null,
      h("p", { className: "kam-hint" }, "Data criteria are scored 1–10 from your table; manual criteria are rated by you in the scoring sheet (1 very low, 10 very high). Cost criteria score higher when the value is lower."),
      h("h3", {}, "From your table"),
      h("table", { className: "kam-criteria", id: "data-criteria" }, h("thead", {}, head()), h("tbody", {}, data.flatMap(row))),
      h("h3", {}, "Rated by you"),
      h("table", { className: "kam-criteria", id: "manual-criteria" }, h("thead", {}, head()), h("tbody", {}, manual.flatMap(row))),
      h("div", { className: "kam-row" }, custom, h("button", { id: "add-criterion", className: "secondary", onclick: addCustom }, "Add")),
      h("h3", {}, "Weights"),
      h(
        "div",
        { className: "kam-row" },
        radio("weight-mode", "direct", this.weightMode === "direct", () => ((this.weightMode = "direct"), this.later()), "Type weights", "mode-direct"),
        radio("weight-mode", "ahp", this.weightMode === "ahp", () => ((this.weightMode = "ahp"), this.later()), "Pairwise comparisons (AHP)", "mode-ahp"),
      ),
      this.weightMode === "ahp" ? this.renderAhp(inc, w) : null,
      totalW <= 0 && inc.length > 0 ? h("p", { className: "kam-warning" }, "All weights are 0: give at least one criterion a weight.") : null,
      inc.length === 0 ? h("p", { className: "kam-warning" }, "Tick at least one criterion.") : null,
      h("h3", {}, "Key accounts"),
      h("div", {}, radio("key-rule", "top", k.kind === "top", () => ((k.kind = "top"), this.later()), "Top N by weighted score, N =", "rule-top"), num("rule-n", k.n, (v) => (k.n = Math.max(1, Math.round(v))), "1")),
      k.kind === "top" && (k.n < 5 || k.n > 25) ? h("p", { className: "kam-note", id: "rule-note" }, "Most companies keep 5 to 25 key accounts; even very large firms fewer than 100.") : null,
      h("div", {}, radio("key-rule", "cutoff", k.kind === "cutoff", () => ((k.kind = "cutoff"), this.later()), "Weighted score at least", "rule-cutoff"), num("rule-score", k.score, (v) => (k.score = v))),
      h(
        "div",
        {},
        radio("key-rule", "share", k.kind === "share", () => ((k.kind = "share"), this.later()), "Share of revenue at least (%)", "rule-share"),
        num("rule-threshold", Math.round(k.threshold * 1000) / 10, (v) => (k.threshold = v / 100)),
      ),
      h("p", { className: "kam-note" }, "In practice a customer at 18% of revenue is a key account; one at 1% is not."),
      h("h3", {}, "Loss scenarios"),
      h(
        "div",
        { className: "kam-roles" },
        h("label", {}, h("span", {}, "Annual fixed costs"), h("input", { type: "number", id: "fixed-costs", min: 0, value: this.fixedCosts, onchange: (e: Event) => (this.fixedCosts = (e.target as HTMLInputElement).value) })),
        h("label", {}, h("span", {}, "Months to replace lost revenue"), h("input", { type: "number", id: "months", min: 1, value: this.months, onchange: (e: Event) => (this.months = (e.target as HTMLInputElement).value) })),
      ),
      h(
        "div",
        { className: "kam-nav" },
        h("button", { className: "secondary", id: "back-source", onclick: () => this.go(1) }, "Back"),
        h("button", { id: "to-build", disabled: inc.length === 0 || totalW <= 0, onclick: () => this.go(3) }, "Next: build"),
      ),
    );
  }

  private renderAhp(inc: CriterionRow[], w: { cr?: number; error?: string }): HTMLElement {
    const rows: HTMLElement[] = [];
    for (let i = 0; i < inc.length; i++) {
      for (let j = i + 1; j < inc.length; j++) {
        const key = `${inc[i].label}\u0000${inc[j].label}`;
        const sel = h(
          "select",
          { id: `pair-${i}-${j}`, onchange: (e: Event) => (this.pairwise.set(key, Number((e.target as HTMLSelectElement).value)), this.later()) },
          SAATY_SCALE.map((s) => h("option", { value: String(s.value) }, s.label)),
        );
        const current = this.pairwise.get(key) ?? 1;
        sel.value = String(SAATY_SCALE.find((s) => Math.abs(s.value - current) < 1e-9)?.value ?? 1);
        rows.push(h("tr", {}, h("td", {}, inc[i].label), h("td", {}, sel), h("td", {}, inc[j].label)));
      }
    }
    const cr = w.cr;
    return h(
      "div",
      { className: "kam-ahp" },
      h("p", { className: "kam-hint" }, "How much more important is the left criterion than the right one? 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely; 1/3 … 1/9 the other way round."),
      h("table", { id: "ahp" }, h("tbody", {}, rows)),
      w.error ? h("p", { className: "kam-warning" }, w.error) : null,
      cr !== undefined
        ? h("p", { id: "ahp-cr", className: cr > 0.1 ? "kam-warning" : "kam-ok" }, `Consistency ratio ${cr.toFixed(3)}${cr > 0.1 ? " — above 0.10: the judgements contradict each other; revisit them." : " (0.10 or less is acceptable)."}`)
        : inc.length > 10
          ? h("p", { className: "kam-note" }, "The consistency ratio is defined for up to 10 criteria.")
          : null,
    );
  }

  private renderProgress(): void {
    const bar = this.root.querySelector<HTMLProgressElement>("#progress");
    const text = this.root.querySelector("#progress-text");
    if (bar) bar.value = this.progress.fraction;
    if (text) text.textContent = this.progress.text;
  }

  private renderBuild(): HTMLElement {
    const section = h(
      "section",
      { className: "kam-section" },
      h("h2", {}, "Build the sheets"),
      h("p", { className: "kam-hint" }, "Creates or refreshes KAM Scoring, KAM Loss Scenarios and KAM Concentration. Weights and manual scores you typed in an earlier build are kept; sheets with these names that the add-in did not create are never overwritten."),
      h("button", { id: "build", disabled: this.busy, onclick: () => this.build() }, this.result ? "Build again" : "Build sheets"),
      this.busy || this.progress.fraction > 0 ? h("div", { className: "kam-progress" }, h("progress", { id: "progress", max: 1, value: this.progress.fraction }), h("span", { id: "progress-text" }, this.progress.text)) : null,
      this.result ? this.renderSummary(this.result.summary, this.result.sheetNames) : null,
      this.result && this.host.closeQuarter ? this.renderCloseQuarter(this.result.sheetNames) : null,
      h("div", { className: "kam-nav" }, h("button", { className: "secondary", id: "back-criteria", onclick: () => this.go(2) }, "Back")),
    );
    return section;
  }

  private period = quarterLabel(new Date());

  /** Close quarter: the period label and the button (the work is in close-quarter.ts). */
  private renderCloseQuarter(names: SheetNames): HTMLElement {
    const input = h("input", { id: "period", type: "text", value: this.period, oninput: (e: Event) => (this.period = (e.target as HTMLInputElement).value) });
    const close = () =>
      this.guard(async () => {
        if (this.period.trim() === "") throw new Error("Type the period's label first, e.g. 2026 Q3.");
        this.message(await this.host.closeQuarter!(this.period, names));
      });
    return h(
      "div",
      { className: "kam-section" },
      h("h3", {}, "Quarterly review"),
      h("p", { className: "kam-hint" }, "Close quarter adds the sheets' figures as they stand to KAM History (as values). Building again never changes that sheet."),
      h("div", { className: "kam-row" }, input, h("button", { id: "close-quarter", disabled: this.busy, onclick: close }, "Close quarter")),
    );
  }

  private renderSummary(s: BuildSummary, names: SheetNames): HTMLElement {
    const link = (name: string) => h("button", { className: "link", "data-sheet": name, onclick: () => this.host.activate(name).catch((e) => (this.message(String(e), "error"), this.render())) }, name);
    return h(
      "div",
      { id: "summary", className: "kam-summary" },
      h("h3", {}, `${s.keyAccounts.length} key account${s.keyAccounts.length === 1 ? "" : "s"} of ${s.customers} customers`),
      h("ol", { id: "key-accounts" }, s.keyAccounts.map((n) => h("li", {}, n))),
      h(
        "dl",
        {},
        h("dt", {}, "Key accounts' share"),
        h("dd", { id: "key-share" }, `${pct(s.keyRevenueShare)} of revenue${s.keyMarginShare !== undefined ? `, ${pct(s.keyMarginShare)} of margin` : ""}`),
        h("dt", {}, "Concentration"),
        h("dd", { id: "hhi" }, Number.isFinite(s.hhi) ? `HHI ${money(s.hhi)} — ${s.hhiLevel}` : "not available"),
        h("dt", {}, "Worst case"),
        h(
          "dd",
          { id: "worst-case" },
          `Losing the largest customer: ${money(s.top1Loss.revenue)} revenue (${pct(s.top1Loss.share)})${s.top1Loss.margin !== undefined ? `, ${money(s.top1Loss.margin)} margin` : ""}. The largest three: ${money(s.top3Loss.revenue)} (${pct(s.top3Loss.share)})${s.top3Loss.margin !== undefined ? `, ${money(s.top3Loss.margin)} margin` : ""}.`,
        ),
        h("dt", {}, "10% of revenue or more"),
        h("dd", { id: "disclosure" }, s.disclosure.length ? s.disclosure.map((d) => `${d.name} (${pct(d.share)})`).join(", ") : "none (no single customer to disclose under ASC 280)"),
      ),
      s.excluded.length ? h("p", { id: "excluded", className: "kam-warning" }, `${s.excluded.length} row${s.excluded.length === 1 ? " was" : "s were"} left out; the scoring sheet says why.`) : null,
      s.orphanedScores ? h("p", { className: "kam-note" }, `${s.orphanedScores} manual score(s) belong to customers no longer in the table; they are listed under the scoring table.`) : null,
      s.warnings.map((w) => h("p", { className: "kam-warning" }, w)),
      h("p", { className: "kam-links" }, "Open: ", link(names.scoring), " ", link(names.loss), " ", link(names.concentration)),
    );
  }
}
