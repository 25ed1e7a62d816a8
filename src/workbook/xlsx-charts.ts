/**
 * Charts and tables for the .xlsx the CLI writes: the DrawingML parts the package writer
 * (`xlsx-writer.ts`) puts in the package, one chart part per ChartPlan (xl/charts/chartN.xml)
 * and one drawing per sheet with charts (xl/drawings/drawingN.xml) anchoring them to cells, and
 * the table part of an Excel table. The charts
 * refer to the sheet's cells, so they follow the live formulas; the values known when the file
 * is written (literals and cached results) go into the chart's cache, so a reader that does not
 * recalculate (file previews, openpyxl) still has the numbers.
 *
 * The same ChartPlan is drawn in Excel by the Office.js writer (`src/taskpane/office-writer.ts`).
 */
import { a1Range, type ChartPlan, type Literal as Scalar, type RangeRef, sheetRef } from "./plan";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/** Series colours: the product's teal and orange, then blue. */
const SERIES_COLORS = ["0F6C6C", "B3541E", "3A5BA0", "7F7F7F"];

export const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The value of a cell as the file holds it (a literal, or a formula's cached result), if known. */
export type CellValue = (row: number, col: number) => Scalar | undefined;

function rich(text: string, size = 1200, bold = true): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

function title(text: string, size?: number): string {
  return `<c:title>${rich(text, size)}<c:overlay val="0"/></c:title>`;
}

function cells(r: RangeRef): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.cols; j++) out.push({ row: r.row + i, col: r.col + j });
  return out;
}

function numRef(sheet: string, r: RangeRef, value: CellValue, format = "General"): string {
  const pts = cells(r)
    .map((p, i) => ({ i, v: value(p.row, p.col) }))
    .filter((p) => typeof p.v === "number" && Number.isFinite(p.v))
    .map((p) => `<c:pt idx="${p.i}"><c:v>${p.v}</c:v></c:pt>`)
    .join("");
  return `<c:numRef><c:f>${escapeXml(sheetRef(sheet) + a1Range(r, true))}</c:f><c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${r.rows * r.cols}"/>${pts}</c:numCache></c:numRef>`;
}

/** The categories of a chart: its data column without the header row. */
export function categoryRange(ch: ChartPlan): RangeRef | undefined {
  return ch.data.rows > 1 ? { row: ch.data.row + 1, col: ch.data.col, rows: ch.data.rows - 1, cols: 1 } : undefined;
}

/** The chart part (c:chartSpace) of one ChartPlan on sheet `sheet`. */
export function chartXml(ch: ChartPlan, sheet: string, value: CellValue = () => undefined, valueFormat = "General"): string {
  const cat = categoryRange(ch);
  const sers = ch.series
    .map((s, i): string => {
      const color = SERIES_COLORS[i % SERIES_COLORS.length];
      const line = `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:ln></c:spPr>`;
      const fill = `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>`;
      const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>`;
      const vals = numRef(sheet, s.values, value, valueFormat);
      if (ch.kind === "scatter") {
        return `<c:ser>${head}${line}<c:marker><c:symbol val="none"/></c:marker>${cat ? `<c:xVal>${numRef(sheet, cat, value)}</c:xVal>` : ""}<c:yVal>${vals}</c:yVal><c:smooth val="0"/></c:ser>`;
      }
      if (ch.kind === "bubble") {
        // Half-transparent bubbles, so that customers with close scores stay visible.
        const bubbleFill = `<c:spPr><a:solidFill><a:srgbClr val="${color}"><a:alpha val="55000"/></a:srgbClr></a:solidFill></c:spPr>`;
        const sizes = ch.bubbleSizes ? `<c:bubbleSize>${numRef(sheet, ch.bubbleSizes, value)}</c:bubbleSize>` : "";
        return `<c:ser>${head}${bubbleFill}<c:invertIfNegative val="0"/>${cat ? `<c:xVal>${numRef(sheet, cat, value)}</c:xVal>` : ""}<c:yVal>${vals}</c:yVal>${sizes}<c:bubble3D val="0"/></c:ser>`;
      }
      const catXml = cat ? `<c:cat>${ch.kind === "columnLine" ? strRef(sheet, cat, value) : numRef(sheet, cat, value)}</c:cat>` : "";
      // Column and line: the first series as columns on the left axis, the others as lines on the right one.
      if (ch.kind === "columnLine" && i === 0) return `<c:ser>${head}${fill}<c:invertIfNegative val="0"/>${catXml}<c:val>${vals}</c:val></c:ser>`;
      if (ch.kind === "columnLine") return `<c:ser>${head}${line}<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>${catXml}<c:val>${numRef(sheet, s.values, value, "0%")}</c:val><c:smooth val="0"/></c:ser>`;
      if (ch.kind === "column" || ch.kind === "bar") return `<c:ser>${head}${fill}<c:invertIfNegative val="0"/>${catXml}<c:val>${vals}</c:val></c:ser>`;
      return `<c:ser>${head}${line}<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>${catXml}<c:val>${vals}</c:val><c:smooth val="0"/></c:ser>`;
    })
    .join("");
  const axIds = `<c:axId val="500000001"/><c:axId val="500000002"/>`;
  const plot = {
    column: `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${sers}<c:gapWidth val="80"/>${axIds}</c:barChart>`,
    // Horizontal bars, the series stacked: a tornado when one series is negative and one positive.
    bar: `<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>${sers}<c:gapWidth val="50"/><c:overlap val="100"/>${axIds}</c:barChart>`,
    scatter: `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${sers}${axIds}</c:scatterChart>`,
    bubble: `<c:bubbleChart><c:varyColors val="0"/>${sers}<c:bubbleScale val="35"/><c:showNegBubbles val="0"/>${axIds}</c:bubbleChart>`,
    line: `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${sers}<c:marker val="1"/>${axIds}</c:lineChart>`,
    columnLine: "",
  }[ch.kind];
  if (ch.kind === "columnLine") return chartSpace(ch, columnLinePlot(ch, sers, valueFormat));
  const axisTitle = (t?: string) => (t ? title(t, 1000) : "");
  // Fixed bounds (the 1–10 score scale of the portfolio) where the plan sets them.
  const scaling = (min?: number, max?: number) =>
    `<c:scaling><c:orientation val="minMax"/>${max !== undefined ? `<c:max val="${max}"/>` : ""}${min !== undefined ? `<c:min val="${min}"/>` : ""}</c:scaling>`;
  const xy = ch.kind === "scatter" || ch.kind === "bubble";
  // Horizontal bars put the categories on the left and the values along the bottom.
  const [catPos, valPos] = ch.kind === "bar" ? ["l", "b"] : ["b", "l"];
  const xAxis = xy
      ? `<c:valAx><c:axId val="500000001"/>${scaling(ch.bounds?.xMin, ch.bounds?.xMax)}<c:delete val="0"/><c:axPos val="b"/>${axisTitle(ch.xTitle)}<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>`
      : `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${catPos}"/>${axisTitle(ch.xTitle)}<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const yAxis = `<c:valAx><c:axId val="500000002"/>${xy ? scaling(ch.bounds?.yMin, ch.bounds?.yMax) : scaling()}<c:delete val="0"/><c:axPos val="${xy ? "l" : valPos}"/><c:majorGridlines><c:spPr><a:ln><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>${axisTitle(ch.yTitle)}<c:numFmt formatCode="${escapeXml(valueFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="${ch.kind === "column" || ch.kind === "bar" ? "between" : "midCat"}"/></c:valAx>`;
  return chartSpace(ch, `${plot}${xAxis}${yAxis}`);
}

/** The chart part around a plot area's charts and axes: title, legend (several series), hidden cells, gaps. */
function chartSpace(ch: ChartPlan, plotArea: string): string {
  const legend = ch.series.length > 1 ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title(ch.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plotArea}</c:plotArea>${legend}<c:plotVisOnly val="${ch.plotHidden ? 0 : 1}"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}

/**
 * Columns and a line on two value axes: the first series as columns against the left axis
 * (counts), the others as lines against a right axis from 0% to 100% (shares), sharing the
 * categories (the second category axis is hidden).
 */
function columnLinePlot(ch: ChartPlan, sers: string, valueFormat: string): string {
  const [columns, ...lines] = sers.split("</c:ser>").filter((x) => x !== "").map((x) => `${x}</c:ser>`);
  const ax = (a: number, b: number) => `<c:axId val="${a}"/><c:axId val="${b}"/>`;
  const ticks = `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`;
  const catAx = (id: number, cross: number, hidden: boolean, t?: string) =>
    `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="${hidden ? 1 : 0}"/><c:axPos val="b"/>${t ? title(t, 1000) : ""}<c:numFmt formatCode="General" sourceLinked="1"/>${ticks}<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const grid = `<c:majorGridlines><c:spPr><a:ln><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`;
  const left = `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>${grid}${ch.yTitle ? title(ch.yTitle, 1000) : ""}<c:numFmt formatCode="${escapeXml(valueFormat)}" sourceLinked="0"/>${ticks}<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  const right = `<c:valAx><c:axId val="500000004"/><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="r"/><c:numFmt formatCode="0%" sourceLinked="0"/>${ticks}<c:crossAx val="500000003"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${columns}<c:gapWidth val="80"/>${ax(500000001, 500000002)}</c:barChart>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lines.join("")}<c:marker val="1"/>${ax(500000003, 500000004)}</c:lineChart>` +
    `${catAx(500000001, 500000002, false, ch.xTitle)}${left}${catAx(500000003, 500000004, true)}${right}`
  );
}

/** Text categories (period labels) with their cached text. */
function strRef(sheet: string, r: RangeRef, value: CellValue): string {
  const pts = cells(r)
    .map((p, i) => ({ i, v: value(p.row, p.col) }))
    .filter((p) => p.v !== undefined && p.v !== null && p.v !== "")
    .map((p) => `<c:pt idx="${p.i}"><c:v>${escapeXml(String(p.v))}</c:v></c:pt>`)
    .join("");
  return `<c:strRef><c:f>${escapeXml(sheetRef(sheet) + a1Range(r, true))}</c:f><c:strCache><c:ptCount val="${r.rows * r.cols}"/>${pts}</c:strCache></c:strRef>`;
}

/** The drawing part of a sheet: one two-cell anchor per chart, chart k related as rId{k+1}. */
export function drawingXml(charts: ChartPlan[], firstId = 1): string {
  const anchors = charts
    .map((ch, k) => {
      const a = ch.anchor;
      const pos = (tag: string, row: number, col: number) => `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell">${pos("from", a.row, a.col)}${pos("to", a.row + a.rows, a.col + a.cols)}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${firstId + k + 1}" name="${escapeXml(`Chart ${k + 1}`)}" descr="${escapeXml(ch.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rId${k + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors}</xdr:wsDr>`;
}


const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** A table part over a range whose first row holds the (unique, text) headers. */
export function tableXml(id: number, name: string, ref: string, headers: string[]): string {
  const cols = headers.map((h, i) => `<tableColumn id="${i + 1}" name="${escapeXml(h)}"/>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${NS_MAIN}" id="${id}" name="${escapeXml(name)}" displayName="${escapeXml(name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${headers.length}">${cols}</tableColumns><tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}
