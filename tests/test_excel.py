"""insyn.excel: what Insyn writes to Excel is never computed as a formula."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from insyn import excel
from insyn.errors import Problem


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x.example","klicka")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"],
)
def test_formula_like_text_is_stored_as_text(value):
    book = Workbook()
    excel.put(book.active, 1, 1, value)
    raw = excel.save(book)
    sheet_xml = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula element anywhere
    cell = load_workbook(io.BytesIO(raw)).active["A1"]
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    assert cell.value.lstrip() == value.lstrip()  # XML reads a carriage return back as \n


@pytest.mark.parametrize("value", ["HVB Björkhagen", "2025-03-01", 12, None])
def test_ordinary_values_are_written_as_they_are(value):
    book = Workbook()
    cell = excel.put(book.active, 1, 1, value)
    assert cell.value == value and not cell.quotePrefix


def test_problem_list_columns_in_swedish():
    raw = excel.problem_list([Problem("saknas", file="a.csv", hint="lägg till")], "Kontroll")
    book = load_workbook(io.BytesIO(raw))
    sheet = book.active
    assert [c.value for c in sheet[1]] == [name for name, _ in excel.PROBLEM_COLUMNS]
    expected = ["Fel", "a.csv", None, None, None, None, "saknas", "lägg till"]
    assert [c.value for c in sheet[2]] == expected
    assert book.properties.title == "Kontroll"
