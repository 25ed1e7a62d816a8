/**
 * Writes a WorkbookPlan to an .xlsx file in one pass: every part of the package (workbook,
 * styles, worksheets, Excel tables, charts and their drawings, print areas and title rows)
 * is written from the plan and compressed by `archiver` (Node's zlib) as it is produced, the
 * worksheets row by row from `xlsx-stream.ts`, so memory stays near the size of the plan and
 * the zip is never read back. Strings are always written as text cells, so a customer named
 * "=HYPERLINK(...)" can never become a formula. Formula cells carry the core's result as
 * their cached value when the plan has one. The workbook asks Excel to recalculate
 * everything when opened.
 */
import archiver from "archiver";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import { hasFormula } from "./fill";
import { a1Range, type CellPlan, type ChartPlan, isErrorCell, type Literal, type SheetPlan, sheetRef, type WorkbookPlan } from "./plan";
import { chartXml, drawingXml, tableXml } from "./xlsx-charts";
import { escapeAttr, escapeText, sheetXml, type SheetParts, StyleTable } from "./xlsx-stream";

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const CT = "application/vnd.openxmlformats-officedocument";
const CONTENT_TYPES = {
  workbook: `${CT}.spreadsheetml.sheet.main+xml`,
  sheet: `${CT}.spreadsheetml.worksheet+xml`,
  styles: `${CT}.spreadsheetml.styles+xml`,
  table: `${CT}.spreadsheetml.table+xml`,
  chart: `${CT}.drawingml.chart+xml`,
  drawing: `${CT}.drawing+xml`,
  core: "application/vnd.openxmlformats-package.core-properties+xml",
  app: `${CT}.extended-properties+xml`,
};
const REL = {
  document: `${NS_R}/officeDocument`,
  core: `${NS_PKG_REL}/metadata/core-properties`,
  app: `${NS_R}/extended-properties`,
  sheet: `${NS_R}/worksheet`,
  styles: `${NS_R}/styles`,
  table: `${NS_R}/table`,
  drawing: `${NS_R}/drawing`,
  chart: `${NS_R}/chart`,
};

/** The sheets in the order of the workbook: those marked first (the summary), then the others. */
export const inWorkbookOrder = (plan: WorkbookPlan): SheetPlan[] => [...plan.sheets.filter((s) => s.first), ...plan.sheets.filter((s) => !s.first)];

/** The cell of a plan at (row, col), if a block covers it (the last block that does). */
export function planCell(sheet: SheetPlan, row: number, col: number): CellPlan | undefined {
  for (let k = sheet.blocks.length - 1; k >= 0; k--) {
    const b = sheet.blocks[k];
    const c = b.cells[row - b.row]?.[col - b.col];
    if (c) return c;
  }
  return undefined;
}

/** The value a cell holds in the file: its literal, or its formula's cached result. */
function cellValue(sheet: SheetPlan, row: number, col: number): Literal | undefined {
  const c = planCell(sheet, row, col);
  const v = c ? (hasFormula(c) ? c.result : c.value) : undefined;
  return isErrorCell(v) ? undefined : v; // an error is no point of a chart
}

/** The number format of a chart's first series (the first block covering its first cell), for the value axis. */
function seriesFormat(s: SheetPlan, ch: ChartPlan): string | undefined {
  const v = ch.series[0]?.values;
  if (!v) return undefined;
  for (const b of s.blocks) {
    const c = b.cells[v.row - b.row]?.[v.col - b.col];
    if (c) return c.format;
  }
  return undefined;
}

const relsXml = (rels: { id: string; type: string; target: string }[]) =>
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeAttr(r.target)}"/>`).join("")}</Relationships>`;

/** A part of the package: its path and its text (or, for worksheets, its text in chunks). */
interface Part {
  name: string;
  xml: string | (() => Iterable<string>);
  type?: string;
}

/** The parts of one sheet: the worksheet, its relationships, tables, drawing and charts. */
function sheetParts(sheet: SheetPlan, n: number, styles: StyleTable, counters: { table: number; chart: number; drawing: number }): Part[] {
  const parts: Part[] = [];
  const rels: { id: string; type: string; target: string }[] = [];
  const refs: SheetParts = { tables: [] };
  const charts = (sheet.charts ?? []).filter((c) => c.series.length > 0);
  if (charts.length > 0) {
    const d = counters.drawing++;
    refs.drawing = "rId1";
    rels.push({ id: "rId1", type: REL.drawing, target: `../drawings/drawing${d}.xml` });
    const chartRels = charts.map((ch, k) => {
      const c = counters.chart++;
      const value = (row: number, col: number) => cellValue(sheet, row, col);
      parts.push({ name: `xl/charts/chart${c}.xml`, xml: chartXml(ch, sheet.name, value, seriesFormat(sheet, ch) ?? "General"), type: CONTENT_TYPES.chart });
      return { id: `rId${k + 1}`, type: REL.chart, target: `../charts/chart${c}.xml` };
    });
    parts.push({ name: `xl/drawings/drawing${d}.xml`, xml: drawingXml(charts), type: CONTENT_TYPES.drawing });
    parts.push({ name: `xl/drawings/_rels/drawing${d}.xml.rels`, xml: relsXml(chartRels) });
  }
  for (const t of sheet.tables ?? []) {
    const id = counters.table++;
    const rid = `rId${rels.length + 1}`;
    refs.tables.push(rid);
    rels.push({ id: rid, type: REL.table, target: `../tables/table${id}.xml` });
    const headers = Array.from({ length: t.cols }, (_, j) => {
      const v = cellValue(sheet, t.row, t.col + j);
      return v === undefined || v === null || v === "" ? `Column${j + 1}` : String(v);
    });
    parts.push({ name: `xl/tables/table${id}.xml`, xml: tableXml(id, t.name, a1Range(t), headers), type: CONTENT_TYPES.table });
  }
  if (rels.length > 0) parts.push({ name: `xl/worksheets/_rels/sheet${n}.xml.rels`, xml: relsXml(rels) });
  return [{ name: `xl/worksheets/sheet${n}.xml`, xml: () => sheetXml(sheet, styles, refs), type: CONTENT_TYPES.sheet }, ...parts];
}

/** xl/workbook.xml: the sheets, their print areas and title rows, and a full recalculation on load. */
function workbookXml(sheets: SheetPlan[]): string {
  const names = sheets.flatMap((s, i) => {
    if (!s.print) return [];
    const q = escapeText(sheetRef(s.name));
    const out = [`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${q}${a1Range(s.print.area, true)}</definedName>`];
    const t = s.print.titleRows;
    if (t) out.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${q}$${t.row + 1}:$${t.row + t.rows}</definedName>`);
    return out;
  });
  return (
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
    sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join("") +
    `</sheets>${names.length ? `<definedNames>${names.join("")}</definedNames>` : ""}<calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>`
  );
}

function docProps(): Part[] {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="${NS_PKG_REL}/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>Key Account Manager</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`;
  const app = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Key Account Manager</Application></Properties>`;
  return [
    { name: "docProps/core.xml", xml: core, type: CONTENT_TYPES.core },
    { name: "docProps/app.xml", xml: app, type: CONTENT_TYPES.app },
  ];
}

/** Every part of the package, [Content_Types].xml first. */
function packageParts(plan: WorkbookPlan): Part[] {
  const sheets = inWorkbookOrder(plan);
  const styles = new StyleTable();
  const counters = { table: 1, chart: 1, drawing: 1 };
  const parts: Part[] = [
    ...docProps(),
    { name: "xl/workbook.xml", xml: workbookXml(sheets), type: CONTENT_TYPES.workbook },
    { name: "xl/_rels/workbook.xml.rels", xml: relsXml([{ id: "rId1", type: REL.styles, target: "styles.xml" }, ...sheets.map((_, i) => ({ id: `rId${i + 2}`, type: REL.sheet, target: `worksheets/sheet${i + 1}.xml` }))]) },
    ...sheets.flatMap((s, i) => sheetParts(s, i + 1, styles, counters)),
    // After the sheets: their cells gave the table its formats as they were written.
    { name: "xl/styles.xml", xml: () => [styles.xml()], type: CONTENT_TYPES.styles },
  ];
  const overrides = parts.filter((p) => p.type).map((p) => `<Override PartName="/${p.name}" ContentType="${p.type}"/>`);
  const types =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`;
  const root = relsXml([
    { id: "rId1", type: REL.document, target: "xl/workbook.xml" },
    { id: "rId2", type: REL.core, target: "docProps/core.xml" },
    { id: "rId3", type: REL.app, target: "docProps/app.xml" },
  ]);
  return [{ name: "[Content_Types].xml", xml: types }, { name: "_rels/.rels", xml: root }, ...parts];
}

/**
 * Feeds a part given in chunks into the zip, waiting whenever the zip is behind, so that no
 * more than about a megabyte of a sheet's XML waits in memory.
 */
async function appendChunks(zip: archiver.Archiver, name: string, chunks: Iterable<string>, failed: Promise<never>): Promise<void> {
  const pass = new PassThrough({ highWaterMark: 1 << 20 });
  zip.append(pass, { name });
  for (const chunk of chunks) if (!pass.write(chunk)) await Promise.race([once(pass, "drain"), failed]);
  pass.end();
}

/** Writes the plan as .xlsx to a stream (a file, or memory); resolves when the zip is complete. */
export async function writePlanXlsx(plan: WorkbookPlan, stream: Writable): Promise<void> {
  // Level 3: half the CPU time of the default 6 on worksheet XML (0.65 s against 1.31 s for
  // 106 MB, the 100,000-customer portfolio sheet) for a file about 13% larger.
  const zip = archiver("zip", { zlib: { level: 3 } });
  // A failure of the zip or of the file ends the write (instead of waiting for a zip that stopped reading).
  const failed = new Promise<never>((_, reject) => {
    zip.on("error", reject);
    zip.on("warning", reject);
    stream.on("error", reject);
  });
  failed.catch(() => undefined);
  zip.pipe(stream);
  try {
    for (const part of packageParts(plan)) {
      if (typeof part.xml === "string") zip.append(part.xml, { name: part.name });
      else await appendChunks(zip, part.name, part.xml(), failed);
    }
    await Promise.race([zip.finalize(), failed]);
  } catch (e) {
    zip.abort();
    throw e;
  }
}

export async function planToXlsx(plan: WorkbookPlan): Promise<Uint8Array> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = once(sink, "end");
  await writePlanXlsx(plan, sink);
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Writes the plan straight to a file, without holding the whole .xlsx in memory. */
export async function planToXlsxFile(plan: WorkbookPlan, path: string): Promise<void> {
  const stream = createWriteStream(path);
  const closed = once(stream, "close");
  closed.catch(() => undefined);
  try {
    await writePlanXlsx(plan, stream);
  } catch (e) {
    stream.destroy();
    throw e;
  }
  await closed;
}
