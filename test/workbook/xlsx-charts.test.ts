/**
 * The DrawingML chart parts added to the .xlsx: unit checks of the XML, and the demo workbook
 * read back with openpyxl (an independent reader) to find both charts, their titles, the
 * ranges they plot and the cached points. LibreOffice rendering them is checked in handout.test.ts.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChartPlan, WorkbookPlan } from "../../src/workbook/plan";
import { chartXml, drawingXml } from "../../src/workbook/xlsx-charts";
import { planToXlsx } from "../../src/workbook/xlsx-writer";
import { PYTHON } from "../../scripts/test-deps.mjs";
import { readWithOpenpyxl } from "../support/openpyxl";

const chart = (over: Partial<ChartPlan> = {}): ChartPlan => ({
  kind: "line",
  title: "Loss <by> k & more",
  data: { row: 0, col: 0, rows: 4, cols: 1 },
  series: [
    { name: "Revenue lost", values: { row: 1, col: 1, rows: 3, cols: 1 } },
    { name: "Margin lost", values: { row: 1, col: 2, rows: 3, cols: 1 } },
  ],
  anchor: { row: 2, col: 5, rows: 10, cols: 6 },
  xTitle: "k",
  yTitle: "Lost",
  ...over,
});

/** Parses XML with Python's expat: throws on anything not well-formed. */
function wellFormed(xml: string): void {
  const run = spawnSync(PYTHON, ["-c", "import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())"], { input: xml });
  if (run.status !== 0) throw new Error(run.stderr.toString());
}

function plan(charts: ChartPlan[], name = "Bob's & Co <1>"): WorkbookPlan {
  const cells = [
    [{ value: "k" }, { value: "Revenue" }, { value: "Margin" }],
    [{ value: 1 }, { formula: "=10*1", result: 10 }, { formula: "=4", result: 4 }],
    [{ value: 2 }, { formula: "=10*2", result: 20 }, { formula: "=7", result: 7 }],
    [{ value: 3 }, { formula: "=10*3", result: 30 }, { formula: "=9", result: 9 }],
  ];
  return {
    sheets: [
      { name: "First", blocks: [{ row: 0, col: 0, cells: [[{ value: "no charts" }]] }] },
      { name, blocks: [{ row: 0, col: 0, cells }], charts, tables: [{ name: "T1", row: 0, col: 0, rows: 4, cols: 3 }] },
    ],
  };
}

describe("chart XML", () => {
  it("plots each series from its range on the quoted sheet, categories without the header, text escaped", () => {
    const xml = chartXml(chart(), "Bob's & Co", (r, c) => (c === 0 ? r : r * 10));
    wellFormed(xml);
    expect(xml).toContain("<c:lineChart>");
    expect(xml).toContain("<c:f>'Bob''s &amp; Co'!$B$2:$B$4</c:f>");
    expect(xml).toContain("<c:f>'Bob''s &amp; Co'!$C$2:$C$4</c:f>");
    expect(xml).toContain("<c:f>'Bob''s &amp; Co'!$A$2:$A$4</c:f>");
    expect(xml).toContain("Loss &lt;by&gt; k &amp; more");
    expect(xml).toContain('<c:pt idx="2"><c:v>30</c:v></c:pt>');
    expect(xml).toContain("<c:legend>");
  });

  it("writes column and scatter charts too, and no legend for one series", () => {
    for (const kind of ["column", "scatter"] as const) {
      const xml = chartXml(chart({ kind, series: [chart().series[0]] }), "S");
      wellFormed(xml);
      expect(xml).toContain(kind === "column" ? "<c:barChart>" : "<c:scatterChart>");
      expect(xml).not.toContain("<c:legend>");
    }
  });

  it("writes a column-and-line chart: the first series as columns, the others as a line on a right axis from 0% to 100%, text categories", () => {
    const xml = chartXml(chart({ kind: "columnLine", plotHidden: false }), "S", (r, c) => (c === 0 ? `2026 Q${r}` : c === 1 ? 10 : 0.5));
    wellFormed(xml);
    const bar = xml.slice(xml.indexOf("<c:barChart>"), xml.indexOf("</c:barChart>"));
    const line = xml.slice(xml.indexOf("<c:lineChart>"), xml.indexOf("</c:lineChart>"));
    expect(bar.match(/<c:ser>/g)).toHaveLength(1);
    expect(line.match(/<c:ser>/g)).toHaveLength(1);
    expect(bar).toContain("$B$2:$B$4");
    expect(line).toContain("$C$2:$C$4");
    expect(xml).toContain(`<c:strRef><c:f>'S'!$A$2:$A$4</c:f><c:strCache><c:ptCount val="3"/><c:pt idx="0"><c:v>2026 Q1</c:v></c:pt>`);
    // Two pairs of axes; the line's value axis on the right crosses at the maximum, 0 to 1 as %.
    expect(xml.match(/<c:catAx>/g)).toHaveLength(2);
    expect(xml).toContain('<c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="r"/><c:numFmt formatCode="0%"');
    expect(xml).toContain('<c:crosses val="max"/>');
    expect(xml).toContain('<c:plotVisOnly val="1"/>');
    expect(chartXml(chart({ plotHidden: true }), "S")).toContain('<c:plotVisOnly val="0"/>');
  });

  it("writes the portfolio's bubble chart as bubbles (x, y, size) on the 1–10 scale, not as a line", () => {
    const sizes = { row: 1, col: 3, rows: 3, cols: 1 };
    const xml = chartXml(chart({ kind: "bubble", series: [chart().series[0]], bubbleSizes: sizes, bounds: { xMin: 1, xMax: 10, yMin: 1, yMax: 10 } }), "S", (r, c) => (c === 3 ? 1000 * r : r));
    wellFormed(xml);
    expect(xml).toContain("<c:bubbleChart>");
    expect(xml).not.toContain("<c:lineChart>");
    expect(xml).toMatch(/<c:xVal><c:numRef><c:f>'S'!\$A\$2:\$A\$4<\/c:f>/);
    expect(xml).toMatch(/<c:bubbleSize><c:numRef><c:f>'S'!\$D\$2:\$D\$4<\/c:f>.*<c:pt idx="2"><c:v>3000<\/c:v><\/c:pt>/);
    // Both axes are value axes fixed to the score scale: <c:max> before <c:min> as the schema orders them.
    expect(xml.match(/<c:valAx>/g)).toHaveLength(2);
    expect(xml.match(/<c:scaling><c:orientation val="minMax"\/><c:max val="10"\/><c:min val="1"\/><\/c:scaling>/g)).toHaveLength(2);
  });

  it("writes the sensitivity tornado as stacked horizontal bars, categories on the left", () => {
    const xml = chartXml(chart({ kind: "bar" }), "S");
    wellFormed(xml);
    expect(xml).toContain('<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/>');
    expect(xml).toContain('<c:overlap val="100"/>');
    expect(xml).toMatch(/<c:catAx>.*<c:axPos val="l"\/>/);
    expect(xml).not.toContain("<c:lineChart>");
  });

  it("anchors each chart to its cells", () => {
    const xml = drawingXml([chart(), chart({ anchor: { row: 20, col: 1, rows: 5, cols: 2 } })]);
    wellFormed(xml);
    expect(xml).toMatch(/<xdr:from><xdr:col>5<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>2<\/xdr:row>/);
    expect(xml).toMatch(/<xdr:to><xdr:col>3<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>25<\/xdr:row>/);
    expect(xml).toContain('r:id="rId2"');
  });
});

describe("charts in the .xlsx, read by openpyxl", () => {
  it("finds every chart of a sheet with a table (line, column, bubble, bar), with titles, ranges and cached points", async () => {
    const bytes = await planToXlsx(
      plan([
        chart(),
        chart({ kind: "column", title: "Second", anchor: { row: 14, col: 5, rows: 8, cols: 6 } }),
        chart({ kind: "bubble", title: "Bubbles", series: [chart().series[0]], bubbleSizes: { row: 1, col: 2, rows: 3, cols: 1 }, anchor: { row: 24, col: 5, rows: 8, cols: 6 } }),
        chart({ kind: "bar", title: "Tornado", anchor: { row: 34, col: 5, rows: 8, cols: 6 } }),
      ]),
    );
    const zip = await JSZip.loadAsync(bytes);
    for (const f of ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "[Content_Types].xml", "xl/worksheets/sheet2.xml", "xl/worksheets/_rels/sheet2.xml.rels"]) {
      wellFormed(await zip.file(f)!.async("string"));
    }
    const file = join(mkdtempSync(join(tmpdir(), "kam-charts-")), "charts.xlsx");
    writeFileSync(file, bytes);
    const book = readWithOpenpyxl(file);
    expect(book.sheets[0].charts).toEqual([]);
    const s = book.sheets[1];
    expect(s.tables.map((t) => t.name)).toEqual(["T1"]);
    expect(s.charts.map((c) => [c.type, c.title, c.series, c.cached, c.from])).toEqual([
      ["LineChart", "Loss <by> k & more", ["'Bob''s & Co <1>'!$B$2:$B$4", "'Bob''s & Co <1>'!$C$2:$C$4"], [3, 3], [2, 5]],
      ["BarChart", "Second", ["'Bob''s & Co <1>'!$B$2:$B$4", "'Bob''s & Co <1>'!$C$2:$C$4"], [3, 3], [14, 5]],
      ["BubbleChart", "Bubbles", ["'Bob''s & Co <1>'!$B$2:$B$4"], [0], [24, 5]],
      ["BarChart", "Tornado", ["'Bob''s & Co <1>'!$B$2:$B$4", "'Bob''s & Co <1>'!$C$2:$C$4"], [3, 3], [34, 5]],
    ]);
  }, 60_000);
});
