#!/usr/bin/python3
"""
Performs user actions on built KAM workbooks in headless LibreOffice (UNO) and returns every
sheet's recalculated values, so tests can check the sheets after a sort, an insert, a delete,
a paste, as a user would do them. Run with Debian's /usr/bin/python3 (python3-uno).

    uno-actions.py JOBS.json OUT.json PROFILE_DIR

JOBS.json: {"headerRow": 18, "jobs": [{"file": "/abs/x.xlsx", "actions": [...]}, ...]}
Each job opens its file afresh, applies its actions to the scoring sheet ("KAM Scoring"),
recalculates everything (calculateAll) and dumps every sheet. Rows and columns are 0-based;
"row" in an action is the customer's index in the table (0 = first customer row).

Actions:
  {"do": "sort", "column": "Customer", "ascending": true}   Data > Sort of the table rows
  {"do": "insert", "at": 3, "values": {...}}                 insert a row before customer 3 and
                                                             fill it: formulas from the row above
                                                             (as Excel's table does), inputs typed
  {"do": "append", "values": {...}, "formulas": true}        type a customer under the last row,
                                                             with or without the row's formulas
  {"do": "delete", "at": 0}                                  delete customer 0's row
  {"do": "text", "row": 2, "column": "Revenue", "text": "10"} type a number stored as text
  {"do": "clear", "row": 2, "column": "Revenue"}             clear a cell
  {"do": "set", "row": 2, "column": "Revenue", "value": 5}   type a number
  {"do": "setAll", "column": "Revenue", "value": 0}          the same number in every row
  {"do": "cell", "sheet": 0, "r": 3, "c": 1, "value": 30}    any cell of any sheet (by index; default the scoring sheet)
values: {"Customer": "New Co", "Revenue": 1000, ...} by header; a string typed as is.

Output: {"results": [{"sheets": [{"name", "values": [[...]], "formulas": [[bool]]}]}]}
values hold numbers, strings, and errors as {"error": "#DIV/0!"}.
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress, TableSortField

FORMULA_RESULT_ERROR = 4  # com.sun.star.sheet.FormulaResult.ERROR
CLEAR_ALL = 1 | 2 | 4 | 8 | 16  # VALUE | DATETIME | STRING | ANNOTATION | FORMULA


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start_office(profile):
    pipe = "kamuno%d" % os.getpid()
    proc = subprocess.Popen(
        ["/usr/bin/soffice", "-env:UserInstallation=file://" + profile, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 180
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("LibreOffice did not start")
            time.sleep(0.3)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop


class Table:
    """The customer table of the scoring sheet: header row, first and last customer rows."""

    def __init__(self, sheet, header_row):
        self.sheet = sheet
        self.header = header_row
        self.first = header_row + 1
        headers = []
        c = 0
        while sheet.getCellByPosition(c, header_row).getString() != "":
            headers.append(sheet.getCellByPosition(c, header_row).getString())
            c += 1
        self.headers = headers
        self.width = len(headers)
        r = self.first
        while sheet.getCellByPosition(0, r).getString() != "":
            r += 1
        self.last = r - 1

    def col(self, name):
        if name not in self.headers:
            raise KeyError("no column %r in %r" % (name, self.headers))
        return self.headers.index(name)

    def cell(self, row, column):
        return self.sheet.getCellByPosition(self.col(column), self.first + row)


def put(cell, value):
    if value is None:
        cell.clearContents(CLEAR_ALL)
    elif isinstance(value, str):
        cell.setString(value)
    else:
        cell.setValue(value)


def fill_row(t, r, source, values):
    """Row r gets the formulas of row `source` (references adjusted, as a paste or a table's
    calculated columns do), its input cells are emptied, then `values` are typed."""
    sheet = t.sheet
    if source is not None:
        src = sheet.getCellRangeByPosition(0, source, t.width - 1, source).getRangeAddress()
        dest = CellAddress()
        dest.Sheet = src.Sheet
        dest.Column = 0
        dest.Row = r
        sheet.copyRange(dest, src)
        for c in range(t.width):
            cell = sheet.getCellByPosition(c, r)
            if not cell.getFormula().startswith("="):
                cell.clearContents(CLEAR_ALL)
    for name, v in values.items():
        put(sheet.getCellByPosition(t.col(name), r), v)


def scoring_sheet(sheets):
    """The scoring sheet: the one named "KAM Scoring" (the summary comes first), else the first."""
    return sheets.getByName("KAM Scoring") if sheets.hasByName("KAM Scoring") else sheets.getByIndex(0)


def act(doc, header_row, a):
    sheets = doc.getSheets()
    sheet = scoring_sheet(sheets)
    t = Table(sheet, header_row)
    kind = a["do"]
    if kind == "sort":
        rng = sheet.getCellRangeByPosition(0, t.first, t.width - 1, t.last)
        field = TableSortField()
        field.Field = t.col(a["column"])
        field.IsAscending = bool(a.get("ascending", True))
        field.IsCaseSensitive = False
        desc = rng.createSortDescriptor()
        for p in desc:
            if p.Name == "SortFields":
                p.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
            elif p.Name == "ContainsHeader":
                p.Value = False
        rng.sort(desc)
    elif kind == "insert":
        at = t.first + a["at"]
        sheet.getRows().insertByIndex(at, 1)
        # Excel's table fills its calculated columns from the neighbouring row.
        fill_row(t, at, at - 1 if a["at"] > 0 else at + 1, a.get("values", {}))
    elif kind == "append":
        r = t.last + 1
        fill_row(t, r, t.last if a.get("formulas", True) else None, a.get("values", {}))
    elif kind == "delete":
        sheet.getRows().removeByIndex(t.first + a["at"], 1)
    elif kind == "text":
        t.cell(a["row"], a["column"]).setString(a["text"])
    elif kind == "clear":
        t.cell(a["row"], a["column"]).clearContents(CLEAR_ALL)
    elif kind == "set":
        put(t.cell(a["row"], a["column"]), a["value"])
    elif kind == "setAll":
        for i in range(t.last - t.first + 1):
            put(t.cell(i, a["column"]), a["value"])
    elif kind == "cell":
        target = sheets.getByIndex(a["sheet"]) if "sheet" in a else sheet
        put(target.getCellByPosition(a["c"], a["r"]), a["value"])
    else:
        raise ValueError("unknown action %r" % kind)


def dump(doc):
    out = []
    sheets = doc.getSheets()
    for i in range(sheets.getCount()):
        sheet = sheets.getByIndex(i)
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        end = cursor.getRangeAddress()
        rows, cols = end.EndRow + 1, end.EndColumn + 1
        rng = sheet.getCellRangeByPosition(0, 0, cols - 1, rows - 1)
        data = [list(r) for r in rng.getDataArray()]
        formulas = [[f.startswith("=") for f in r] for r in rng.getFormulaArray()]
        errors = sheet.queryFormulaCells(FORMULA_RESULT_ERROR)
        for addr in errors.getRangeAddresses():
            for r in range(addr.StartRow, addr.EndRow + 1):
                for c in range(addr.StartColumn, addr.EndColumn + 1):
                    data[r][c] = {"error": sheet.getCellByPosition(c, r).getString()}
        out.append({"name": sheet.getName(), "values": data, "formulas": formulas})
    return out


def main():
    jobs_file, out_file, profile = sys.argv[1:4]
    with open(jobs_file) as f:
        spec = json.load(f)
    proc, desktop = start_office(profile)
    results = []
    try:
        for job in spec["jobs"]:
            url = uno.systemPathToFileUrl(job["file"])
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
            try:
                t0 = time.time()
                doc.calculateAll()
                fresh = time.time() - t0
                t0 = time.time()
                for a in job.get("actions", []):
                    act(doc, spec["headerRow"], a)
                # What a user's edit costs: only the cells the edit made dirty (Excel and
                # LibreOffice recalculate those, not the whole workbook).
                doc.calculate()
                edited = time.time() - t0
                results.append({"sheets": [] if job.get("timeOnly") else dump(doc), "seconds": {"fresh": fresh, "afterActions": edited}})
            finally:
                doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except Exception:
            proc.kill()
    with open(out_file, "w") as f:
        json.dump({"results": results}, f)


if __name__ == "__main__":
    main()
