"""Excel templates for the input tables, generated from the schemas (``insyn mall <år>``).

Each template is a workbook whose first sheet is the table: the column names in row 1 (each with
a comment saying what goes in it), drop-down lists for columns with fixed values and Ja/Nej,
checks on numbers and dates as Excel's data validation, and date, number and text formats per
column. A second sheet, "Om tabellen", is the table's part of the data dictionary
(``insyn.dictionary``). A filled-in template is read by ``insyn.load`` like any other file.
Templates never replace a file: a table that already has a file in the folder is left alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from insyn import dictionary, excel, load, paths, publish
from insyn.dictionary import ColumnInfo
from insyn.errors import InputError, Problem
from insyn.schemas import Table, registry

ROWS = 2000  # rows that get drop-down lists and checks
LISTS = "Listor"
ABOUT = "Om tabellen"
FORMATS = {"date": "yyyy-mm-dd", "int": "0", "float": "0.0##", "text": "@", "orgnr": "@"}
WIDTHS = {"date": 13, "int": 12, "float": 12, "bool": 9, "orgnr": 16}


@dataclass
class Outcome:
    """What ``write_templates`` did: files written, and tables left alone with the reason."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def note(info: ColumnInfo) -> str:
    """The header comment: title, description, type and rules."""
    parts = [f"{info.title}: {info.description}", f"Typ: {info.type_name}."]
    if info.allowed:
        parts.append(f"Välj: {', '.join(info.allowed)}.")
    if info.rules:
        parts.append(f"Regler: {', '.join(info.rules)}.")
    parts.append(f"Ska fyllas i: {info.filled}.")
    return "\n".join(parts)


def template(table: Table) -> bytes:
    """The workbook for one table, as bytes."""
    infos = dictionary.columns_of(table)
    book = Workbook()
    sheet = book.active
    sheet.title = table.sheet or table.name
    excel.write_header(
        sheet,
        [info.name for info in infos],
        [note(info) for info in infos],
        [max(WIDTHS.get(info.kind, 24), len(info.name) + 4) for info in infos],
    )
    lists = book.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    for index, info in enumerate(infos, start=1):
        letter = get_column_letter(index)
        if info.kind in FORMATS:
            sheet.column_dimensions[letter].number_format = FORMATS[info.kind]
        rule = validation(info, lists, index)
        if rule is not None:
            rule.add(f"{letter}2:{letter}{ROWS + 1}")
            sheet.add_data_validation(rule)
    write_about(book.create_sheet(ABOUT), table, infos)
    book.properties.title = f"Mall: {table.title}"
    book.properties.creator = "Insyn"
    return excel.save(book)


def validation(info: ColumnInfo, lists, index: int) -> DataValidation | None:
    """Excel's data validation for a column: a list, or bounds for numbers and dates."""
    prompt = info.description[:250]
    common = {
        "allow_blank": info.filled != "ja",
        "showErrorMessage": True,
        "errorTitle": "Ogiltigt värde",
        "promptTitle": info.title[:32],
        "prompt": prompt,
        "showInputMessage": bool(prompt),
    }
    if info.kind in ("category", "bool"):
        values = info.allowed or ("Ja", "Nej")
        for row, value in enumerate(values, start=1):
            excel.put(lists, row, index, value)
        letter = get_column_letter(index)
        source = f"{quote_sheetname(LISTS)}!${letter}$1:${letter}${len(values)}"
        return DataValidation(
            type="list", formula1=source, error=f"Välj ett av: {', '.join(values)}"[:250], **common
        )
    if info.kind in ("int", "float"):
        low = info.minimum if info.minimum is not None else -1e12
        high = info.maximum if info.maximum is not None else 1e12
        return DataValidation(
            type="whole" if info.kind == "int" else "decimal",
            operator="between",
            formula1=f"{low:g}",
            formula2=f"{high:g}",
            error="Skriv ett tal" + (f" från {low:g}" if info.minimum is not None else "") + ".",
            **common,
        )
    if info.kind == "date":
        first, last = (dt.date(1900, 1, 1) - dt.date(1899, 12, 30)).days, 2958465
        return DataValidation(
            type="date",
            operator="between",
            formula1=str(first),
            formula2=str(last),
            error="Skriv ett datum, till exempel 2025-03-01.",
            **common,
        )
    return None


def write_about(sheet, table: Table, infos: list[ColumnInfo]) -> None:
    """The table's part of the data dictionary, on its own sheet."""
    excel.put(sheet, 1, 1, table.title).font = excel.HEADER_FONT
    excel.put(sheet, 2, 1, table.description)
    row = 3
    for rule in dictionary.table_rules(table):
        excel.put(sheet, row, 1, rule)
        row += 1
    headers = ["Kolumn", "Rubrik", "Typ", "Ska fyllas i", "Regler", "Tillåtna värden"]
    headers.append("Beskrivning")
    row += 1
    for column, header in enumerate(headers, start=1):
        cell = excel.put(sheet, row, column, header)
        cell.font, cell.fill = excel.HEADER_FONT, excel.HEADER_FILL
    for info in infos:
        row += 1
        values = (
            info.name,
            info.title,
            info.type_name,
            info.filled,
            ", ".join(info.rules),
            ", ".join(info.allowed),
            info.description,
        )
        for column, value in enumerate(values, start=1):
            excel.put(sheet, row, column, value).alignment = excel.WRAP
    for column, width in enumerate((24, 22, 18, 16, 28, 30, 60), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def default_folder(year: int, kommun: str | None = None) -> Path:
    """``data/<kommun>/<år>/``: the kommun given, else the only one in ``data/``."""
    if kommun is None:
        data = paths.data_dir()
        kommuner = sorted(p.name for p in data.iterdir() if p.is_dir()) if data.is_dir() else []
        if len(kommuner) != 1:
            raise InputError(
                Problem(
                    "ange vilken kommun mallarna gäller",
                    file=paths.relative_to_root(paths.data_dir()),
                    hint=f"till exempel --kommun {kommuner[0] if kommuner else 'exempelstad'}"
                    + (f" (mappen har {', '.join(kommuner)})" if kommuner else ""),
                ),
                heading="Mallarna skrevs inte",
            )
        kommun = kommuner[0]
    from insyn.params import slugify

    return paths.year_dir(paths.data_dir() / slugify(kommun), year)


def write_templates(folder: Path, tables: dict[str, Table] | None = None) -> Outcome:
    """One template per table into ``folder``; a table that has a file there already (CSV or
    Excel, any letter case) is skipped, so nothing is ever overwritten."""
    tables = tables if tables is not None else registry()
    outcome = Outcome(folder)
    for table in tables.values():
        existing = load.table_files(folder, table)
        if existing:
            outcome.skipped.append(f"{table.name}: {existing[0].name} finns redan")
            continue
        target = folder / f"{table.name}.xlsx"
        if publish.write_new(target, template(table)):
            outcome.written.append(target)
        else:
            outcome.skipped.append(f"{table.name}: {target.name} finns redan")
    return outcome
