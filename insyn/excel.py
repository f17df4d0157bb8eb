"""Writing Excel workbooks that are safe to open: text stays text, headers stand out.

Every workbook Insyn writes (problem lists, templates) goes through :func:`put`, so a value from
data that starts like a formula (``=``, ``+``, ``-``, ``@``, or a tab or carriage return before
one) is stored as a text cell with Excel's quote prefix: shown exactly as written, never computed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from insyn.errors import Problem

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def put(sheet: Worksheet, row: int, column: int, value) -> Cell:
    """Writes one value; text that looks like a formula stays text (quote prefix)."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write_header(
    sheet: Worksheet, titles: Sequence[str], notes: Sequence[str] = (), widths=()
) -> None:
    """Row 1 as a header: bold, shaded, frozen, filterable; optional comments and widths."""
    for index, title in enumerate(titles, start=1):
        cell = put(sheet, 1, index, title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        if index <= len(notes) and notes[index - 1]:
            cell.comment = Comment(notes[index - 1], "Insyn", width=320, height=160)
        width = widths[index - 1] if index <= len(widths) else max(12, len(title) + 4)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PROBLEM_COLUMNS = (
    ("Allvarlighet", 12),
    ("Fil", 36),
    ("Blad", 14),
    ("Rad", 7),
    ("Kolumn", 22),
    ("Värde", 24),
    ("Problem", 50),
    ("Så rättar du", 60),
)


def problem_list(problems: Sequence[Problem], title: str) -> bytes:
    """Every problem as one row of a filterable sheet (autofilter on the header)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Problem"
    write_header(sheet, [c for c, _ in PROBLEM_COLUMNS], widths=[w for _, w in PROBLEM_COLUMNS])
    for row, problem in enumerate(problems, start=2):
        values = (
            "Fel" if problem.severity == "fel" else "Varning",
            problem.file,
            problem.sheet,
            problem.row,
            problem.column or problem.key,
            problem.value,
            problem.message,
            problem.hint,
        )
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value).alignment = WRAP
    last = get_column_letter(len(PROBLEM_COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{max(len(problems) + 1, 2)}"
    workbook.properties.title = title
    workbook.properties.creator = "Insyn"
    return save(workbook)
