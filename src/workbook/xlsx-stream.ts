/**
 * The XML of the .xlsx parts that hold cells, written directly from the plan (no cell objects):
 * each worksheet (`sheetXml`, produced row by row in chunks so the zip can compress it as it
 * comes) and the style sheet its cells refer to (`StyleTable`). The package around them
 * (workbook, relationships, tables, charts, the zip) is `xlsx-writer.ts`.
 *
 * Text is escaped for XML and, for the characters XML 1.0 cannot hold (control characters,
 * lone surrogates), with Excel's `_xHHHH_` convention (ECMA-376 Part 1, 22.9.2.19 ST_Xstring),
 * so a customer name is never lost or turned into a formula: literal strings are inline
 * strings, and only the plan's `formula` cells get an `<f>`.
 */
import { a1Range, type CellPlan, columnLetter, isErrorCell, type SheetPlan } from "./plan";
import { type Fill, FilledCell as FilledCellClass, hasFormula as hasFormulaOf } from "./fill";
import { COLOR_SCALE, STYLES, type StyleSpec } from "./styles";

/**
 * What the per-cell loops use from fill.ts, bound once: run through tsx (the CLI), each use of
 * an imported name is a property getter call, a second of CPU over the cells of 100,000 customers.
 */
const FilledCell = FilledCellClass;
const hasFormula = hasFormulaOf;

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** Characters that need escaping in element text: markup, what XML 1.0 forbids, and text that reads as an `_xHHHH_` escape. */
// eslint-disable-next-line no-control-regex -- the control characters are what this escapes
const SPECIAL_ALL = /[&<>\u0000-\u0008\u000b-\u001f\ufffe\uffff]|[\u{d800}-\u{dfff}]|_x[0-9a-f]{4}_/giu;
const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, "0");

function escapeOne(m: string): string {
  if (m === "&") return "&amp;";
  if (m === "<") return "&lt;";
  if (m === ">") return "&gt;";
  // "_x0041_" typed by the user: its underscore is escaped, so Excel shows it as typed.
  if (m.length > 1) return `_x005F_${m.slice(1)}`;
  return `_x${hex4(m.charCodeAt(0))}_`;
}

/**
 * Text as the content of an element of a worksheet: `&`, `<`, `>` as entities; control
 * characters other than tab and line feed, U+FFFE/U+FFFF and lone surrogates as `_xHHHH_`
 * (carriage return too, which an XML parser would turn into a line feed); an underscore
 * that starts such a sequence in the text itself as `_x005F_`. Excel and LibreOffice decode
 * these escapes; emoji (surrogate pairs) are written as they are.
 */
export function escapeText(s: string): string {
  if (RARE.test(s)) return s.replace(SPECIAL_ALL, escapeOne);
  // Formulas: most hold "&", "<" or ">" and nothing rarer.
  return MARKUP.test(s) ? s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") : s;
}

/** A cheap test (no Unicode mode) for what only `SPECIAL_ALL` handles; it also matches emoji, which `SPECIAL_ALL` leaves as they are. */
// eslint-disable-next-line no-control-regex -- as SPECIAL_ALL
const RARE = /[\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufffe\uffff]|_x/i;
const MARKUP = /[&<>]/;

/** Text as an attribute value (sheet names, table names): the markup characters and quotes. */
export const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, "&quot;");

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/** Number formats Excel knows by id (ECMA-376 Part 1, 18.8.30); others are written as custom formats from 164. */
const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11 };

/**
 * The cell formats (`cellXfs`) of a workbook: one per (style, number format) pair its cells
 * use, index 0 the plain cell, numbered as the sheets are written (styles.xml comes after them).
 */
export class StyleTable {
  private readonly ids = new Map<string, Map<string, number>>();
  private readonly xfs: { style?: CellPlan["style"]; format?: string }[] = [{}];

  /** The index of a cell's format (0 for a cell with neither style nor number format). */
  id(c: CellPlan): number {
    if (!c.style && !c.format) return 0;
    let byFormat = this.ids.get(c.style ?? "");
    if (!byFormat) this.ids.set(c.style ?? "", (byFormat = new Map()));
    let id = byFormat.get(c.format ?? "");
    if (id === undefined) {
      id = this.xfs.length;
      this.xfs.push({ style: c.style, format: c.format });
      byFormat.set(c.format ?? "", id);
    }
    return id;
  }

  /** xl/styles.xml. */
  xml(): string {
    const customFormats = new Map<string, number>();
    const fonts = [fontXml({})];
    const fills = [`<fill><patternFill patternType="none"/></fill>`, `<fill><patternFill patternType="gray125"/></fill>`];
    const indexOf = (list: string[], x: string) => (list.includes(x) ? list.indexOf(x) : list.push(x) - 1);
    const xfs = this.xfs.map(({ style, format }) => {
      let numFmtId = 0;
      if (format) {
        numFmtId = BUILTIN_FORMATS[format] ?? customFormats.get(format) ?? 164 + customFormats.size;
        if (numFmtId >= 164) customFormats.set(format, numFmtId);
      }
      const s: StyleSpec = style ? STYLES[style] : {};
      const fontId = indexOf(fonts, fontXml(s));
      const fillId = s.fill ? indexOf(fills, `<fill><patternFill patternType="solid"><fgColor rgb="${argb(s.fill)}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
      const apply = `${numFmtId ? ` applyNumberFormat="1"` : ""}${fontId ? ` applyFont="1"` : ""}${fillId ? ` applyFill="1"` : ""}`;
      const align = s.wrap ? `<alignment vertical="top" wrapText="1"/>` : "";
      return `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${apply}${align ? ` applyAlignment="1">${align}</xf>` : "/>"}`;
    });
    const numFmts = [...customFormats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return (
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>` : "") +
      `<fonts count="${fonts.length}">${fonts.join("")}</fonts><fills count="${fills.length}">${fills.join("")}</fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>` +
      `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`
    );
  }
}

function fontXml(s: StyleSpec): string {
  return `<font>${s.bold ? "<b/>" : ""}${s.italic ? "<i/>" : ""}<sz val="${s.size ?? 11}"/>${s.color ? `<color rgb="${argb(s.color)}"/>` : ""}<name val="Calibri"/><family val="2"/></font>`;
}

/** A number as xsd:double text; Infinity and NaN have none. */
const isWritableNumber = (x: number) => Number.isFinite(x);

/** A cell's formula as the `<f>` element: its text, or its place in a shared formula (the first cell of the run holds the text and the run's range). */
function formulaXml(c: CellPlan, shared?: SharedRun, first?: boolean): string {
  if (shared && !first) return `<f t="shared" si="${shared.si}"/>`;
  const text = c.formula!;
  const body = escapeText(text.charCodeAt(0) === 61 ? text.slice(1) : text);
  return shared ? `<f t="shared" ref="${shared.ref}" si="${shared.si}">${body}</f>` : `<f>${body}</f>`;
}

/** The `<c>` element of a cell at `ref` with cell format `s`; `shared`: the cell is in that shared formula's run (`first`: its first cell). */
export function cellXml(ref: string, c: CellPlan, s: number, shared?: SharedRun, first?: boolean): string {
  const head = s ? `<c r="${ref}" s="${s}"` : `<c r="${ref}"`;
  if (hasFormula(c)) {
    const f = formulaXml(c, shared, first);
    const r = c.result;
    // The cached value: what readers that do not recalculate show. None when unknown.
    if (typeof r === "number") return isWritableNumber(r) ? `${head}>${f}<v>${r}</v></c>` : `${head}>${f}</c>`;
    if (typeof r === "string") return `${head} t="str">${f}<v>${escapeText(r)}</v></c>`;
    if (typeof r === "boolean") return `${head} t="b">${f}<v>${r ? 1 : 0}</v></c>`;
    if (isErrorCell(r)) return `${head} t="e">${f}<v>${escapeText(r.code)}</v></c>`;
    return `${head}>${f}</c>`;
  }
  const v = c.value;
  if (typeof v === "number") return isWritableNumber(v) ? `${head}><v>${v}</v></c>` : `${head} t="e"><v>#NUM!</v></c>`;
  if (typeof v === "boolean") return `${head} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === "string" && v !== "") {
    const space = /^\s|\s$/.test(v) ? ` xml:space="preserve"` : "";
    return `${head} t="inlineStr"><is><t${space}>${escapeText(v)}</t></is></c>`;
  }
  return `${head}/>`;
}

/** Whether a cell of the plan is written at all: a formula, a value, or a style on an empty cell. */
const isWritten = (c: CellPlan | undefined): c is CellPlan => c !== undefined && !(!hasFormula(c) && (c.value === undefined || c.value === null) && !c.style && !c.format);

/** What a worksheet part refers to outside itself: its drawing and its tables, by relationship id. */
export interface SheetParts {
  drawing?: string;
  tables: string[];
}

/** Size of the pieces `sheetXml` yields (characters). */
const CHUNK = 1 << 16;

/** The worksheet part of a sheet, in chunks of about 64 KB. */
export function* sheetXml(plan: SheetPlan, styles: StyleTable, parts: SheetParts): Generator<string> {
  yield sheetHead(plan);
  let chunk = "";
  for (const row of sheetRows(plan, styles)) {
    chunk += row;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = "";
    }
  }
  yield chunk + sheetTail(plan, parts);
}

/** Everything before the first row: sheet properties, frozen panes, column widths and groups. */
function sheetHead(plan: SheetPlan): string {
  const props = (plan.tabColor ? `<tabColor rgb="${argb(plan.tabColor)}"/>` : "") + (plan.print ? `<pageSetUpPr fitToPage="1"/>` : "");
  const outlined = (plan.hiddenColumns ?? []).length > 0;
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    (props ? `<sheetPr>${props}</sheetPr>` : "") +
    frozenView(plan.freeze) +
    `<sheetFormatPr defaultRowHeight="15"${outlined ? ` outlineLevelCol="1"` : ""}${(plan.hiddenRows ?? []).length > 0 ? ` outlineLevelRow="1"` : ""}/>` +
    columnsXml(plan) +
    `<sheetData>`
  );
}

function frozenView(freeze: SheetPlan["freeze"]): string {
  if (!freeze || (freeze.rows <= 0 && freeze.cols <= 0)) return "";
  const pane = freeze.cols > 0 && freeze.rows > 0 ? "bottomRight" : freeze.rows > 0 ? "bottomLeft" : "topRight";
  const split = `${freeze.cols > 0 ? ` xSplit="${freeze.cols}"` : ""}${freeze.rows > 0 ? ` ySplit="${freeze.rows}"` : ""}`;
  const topLeft = `${columnLetter(Math.max(freeze.cols, 0))}${Math.max(freeze.rows, 0) + 1}`;
  return `<sheetViews><sheetView workbookViewId="0"><pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`;
}

/** `<cols>`: widths, and the helper columns grouped (outline level 1) and collapsed. */
function columnsXml(plan: SheetPlan): string {
  const widths = plan.columnWidths ?? [];
  const hidden = plan.hiddenColumns ?? [];
  const isHidden = (c: number) => hidden.some((h) => c >= h.col && c < h.col + h.cols);
  const last = Math.max(widths.length, ...hidden.map((h) => h.col + h.cols));
  const attrs = (c: number) => `${widths[c] !== undefined ? ` width="${widths[c]}" customWidth="1"` : ""}${isHidden(c) ? ` hidden="1" outlineLevel="1" collapsed="1"` : ""}`;
  const cols: string[] = [];
  for (let c = 0; c < last; ) {
    const a = attrs(c);
    let end = c;
    while (end + 1 < last && attrs(end + 1) === a) end++;
    if (a) cols.push(`<col min="${c + 1}" max="${end + 1}"${a}/>`);
    c = end + 1;
  }
  return cols.length ? `<cols>${cols.join("")}</cols>` : "";
}

/** A run of filled cells written as one shared formula: its index on the sheet, its range, its first row (0-based). */
export interface SharedRun {
  si: number;
  ref: string;
  first: number;
}

/**
 * The runs of filled cells (fill.ts) that can be written as shared formulas: each run of two
 * or more cells that fills one column without a gap, on a sheet of one block (every sheet a
 * SheetBuilder makes). Any other filled cell is written with its own formula text.
 */
function sharedRuns(plan: SheetPlan): Map<Fill, SharedRun> {
  const out = new Map<Fill, SharedRun>();
  if (plan.blocks.length !== 1 || plan.blocks[0].row !== 0 || plan.blocks[0].col !== 0) return out;
  const seen = new Map<Fill, { first: number; last: number; ok: boolean }>();
  plan.blocks[0].cells.forEach((row, r) => {
    for (const c of row) {
      if (!(c instanceof FilledCell)) continue;
      const s = seen.get(c.fill);
      if (!s) seen.set(c.fill, { first: r, last: r, ok: c.row === r && row[c.fill.col] === c });
      else s.ok &&= s.last === r - 1 && c.row === r && row[c.fill.col] === c;
      if (s) s.last = r;
    }
  });
  for (const [fill, s] of seen) {
    if (s.ok && s.last > s.first) out.set(fill, { si: out.size, ref: `${columnLetter(fill.col)}${s.first + 1}:${columnLetter(fill.col)}${s.last + 1}`, first: s.first });
  }
  return out;
}

/**
 * The `<row>` elements, in order. Blocks may overlap: a later block's cell wins where it has
 * something to write. Rows with nothing to write are left out unless they have a height or
 * are hidden (helper rows: hidden with outline level 1, grouped and collapsed).
 */
function* sheetRows(plan: SheetPlan, styles: StyleTable): Generator<string> {
  const blocks = plan.blocks.map((b, index) => ({ b, index })).sort((x, y) => x.b.row - y.b.row || x.index - y.index);
  const hidden = new Set<number>();
  for (const h of plan.hiddenRows ?? []) for (let r = h.row; r < h.row + h.rows; r++) hidden.add(r);
  const heights = new Map((plan.rowHeights ?? []).map((h) => [h.row, h.height]));
  let last = -1;
  for (const { b } of blocks) last = Math.max(last, b.row + b.cells.length - 1);
  for (const r of hidden) last = Math.max(last, r);
  for (const r of heights.keys()) last = Math.max(last, r);
  const runs = sharedRuns(plan);
  // A column's cells mostly share a style and format: the last one's id, per column.
  const lastFormat: (string | undefined)[] = [];
  const lastStyle: CellPlan["style"][] = [];
  const lastId: number[] = [];
  const styleOf = (c: number, cell: CellPlan): number => {
    if (lastId[c] === undefined || lastFormat[c] !== cell.format || lastStyle[c] !== cell.style) {
      lastId[c] = styles.id(cell);
      lastFormat[c] = cell.format;
      lastStyle[c] = cell.style;
    }
    return lastId[c];
  };
  const letters: string[] = [];
  const letter = (c: number) => (letters[c] ??= columnLetter(c));
  const cells: (CellPlan | undefined)[] = [];
  let next = 0;
  let active: typeof blocks = [];
  for (let r = 0; r <= last; r++) {
    const before = active.length;
    while (next < blocks.length && blocks[next].b.row <= r) active.push(blocks[next++]);
    const ended = active.some(({ b }) => b.row + b.cells.length <= r);
    if (ended) active = active.filter(({ b }) => b.row + b.cells.length > r);
    if (ended || active.length !== before) active.sort((x, y) => x.index - y.index);
    cells.length = 0;
    for (const { b } of active) {
      const row = b.cells[r - b.row];
      if (row) for (let j = 0; j < row.length; j++) if (isWritten(row[j])) cells[b.col + j] = row[j];
    }
    const height = heights.get(r);
    if (cells.length === 0 && height === undefined && !hidden.has(r)) continue;
    const n = r + 1;
    let xml = `<row r="${n}"${height !== undefined ? ` ht="${height}" customHeight="1"` : ""}${hidden.has(r) ? ` hidden="1" outlineLevel="1"` : ""}>`;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      const run = cell instanceof FilledCell ? runs.get(cell.fill) : undefined;
      xml += cellXml(letter(c) + n, cell, styleOf(c, cell), run, run?.first === r);
    }
    yield `${xml}</row>`;
  }
}

/** Everything after the rows: colour scales, print setup, the drawing and the tables. */
function sheetTail(plan: SheetPlan, parts: SheetParts): string {
  const scales = (plan.colorScales ?? []).map(
    (cs, i) =>
      `<conditionalFormatting sqref="${a1Range(cs)}"><cfRule type="colorScale" priority="${i + 1}"><colorScale><cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>` +
      `<color rgb="${argb(COLOR_SCALE.low)}"/><color rgb="${argb(COLOR_SCALE.mid)}"/><color rgb="${argb(COLOR_SCALE.high)}"/></colorScale></cfRule></conditionalFormatting>`,
  );
  const p = plan.print;
  const print = p
    ? `<pageSetup orientation="${p.landscape ? "landscape" : "portrait"}" fitToWidth="1" fitToHeight="${p.pagesTall}"/>` +
      `<headerFooter><oddFooter>${escapeText(`&L${p.footer.left}&C${p.footer.center}&R${p.footer.right}`)}</oddFooter></headerFooter>`
    : "";
  return (
    `</sheetData>${scales.join("")}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${print}` +
    (parts.drawing ? `<drawing r:id="${parts.drawing}"/>` : "") +
    (parts.tables.length ? `<tableParts count="${parts.tables.length}">${parts.tables.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>` : "") +
    `</worksheet>`
  );
}
