"""Reads an .xlsx as openpyxl users (and pandas) do, and prints what the tests check as JSON:
per sheet, the charts (type, title, series references, anchor), the tables, the print setup,
the column widths, the row heights, and every cell (formula text and cached value).
Usage: python3 read-xlsx.py file.xlsx"""
import json
import sys

import openpyxl


def text_of(title):
    if title is None or title.tx is None or title.tx.rich is None:
        return None
    return "".join(r.t for p in title.tx.rich.p for r in (p.r or []))


def main(path):
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    out = {"sheets": []}
    for ws in formulas.worksheets:
        wv = values[ws.title]
        charts = []
        for ch in ws._charts:
            charts.append({
                "type": type(ch).__name__,
                "title": text_of(ch.title),
                # A combination chart (columns and a line) is read as its first chart type, the others in _charts.
                "series": [s.val.numRef.f if s.val is not None else s.yVal.numRef.f for c in ch._charts for s in c.series],
                "cached": [len(s.val.numRef.numCache.pt) if s.val is not None and s.val.numRef.numCache is not None else 0 for c in ch._charts for s in c.series],
                "plotVisOnly": ch.visible_cells_only,
                "from": [ch.anchor._from.row, ch.anchor._from.col],
            })
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                v = wv[c.coordinate].value
                cells.append([c.row - 1, c.column - 1, c.value if not isinstance(c.value, str) or not c.value.startswith("=") else None,
                              c.value if isinstance(c.value, str) and c.value.startswith("=") else None,
                              v if isinstance(v, (int, float, str, bool)) or v is None else str(v),
                              c.number_format, bool(c.alignment.wrap_text), c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else None])
        ps = ws.page_setup
        out["sheets"].append({
            "name": ws.title,
            "state": ws.sheet_state,
            "charts": charts,
            "tables": [{"name": t.displayName, "ref": t.ref} for t in ws.tables.values()],
            "print": {
                "orientation": ps.orientation,
                "fitToWidth": ps.fitToWidth,
                "fitToHeight": ps.fitToHeight,
                "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
                "titleRows": ws.print_title_rows,
                "area": ws.print_area,
                "footer": ws.oddFooter.center.text or "" if ws.oddFooter else "",
                "footerLeft": ws.oddFooter.left.text or "" if ws.oddFooter else "",
                "footerRight": ws.oddFooter.right.text or "" if ws.oddFooter else "",
            },
            "widths": {openpyxl.utils.get_column_letter(c): v.width for v in ws.column_dimensions.values() if v.width and v.min for c in range(v.min, v.max + 1)},
            "heights": {str(k - 1): v.height for k, v in ws.row_dimensions.items() if v.height},
            "hiddenRows": [k - 1 for k, v in ws.row_dimensions.items() if v.hidden],
            "outlineRows": [k - 1 for k, v in ws.row_dimensions.items() if v.outlineLevel],
            "outlineCols": [c - 1 for v in ws.column_dimensions.values() if v.outlineLevel and v.min for c in range(v.min, v.max + 1)],
            "hiddenCols": [c - 1 for v in ws.column_dimensions.values() if v.hidden and v.min for c in range(v.min, v.max + 1)],
            "outlineLevels": {"rows": ws.sheet_format.outlineLevelRow, "cols": ws.sheet_format.outlineLevelCol},
            "cells": cells,
        })
    json.dump(out, sys.stdout, default=str)


main(sys.argv[1])
