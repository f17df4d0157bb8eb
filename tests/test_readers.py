"""insyn.readers: files as Swedish offices save them, read into a header and rows of text.

What a reader refuses is exercised by the corpus in ``tests/test_intake.py``; these tests are the
other side: everything the user guide (docs/indata.md) promises to accept.
"""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from insyn import readers
from insyn.errors import DataError

COLUMNS = ["enkät", "tillfrågade", "svarande", "angiven_svarsfrekvens"]
ROWS = [["Socialsekreterare", "21", "10", "47,6"], ["Leverantörer", "1 234", "1 000", "81,5"]]


def write(tmp_path: Path, content: bytes, name: str = "enkater.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def csv_text(separator: str = ";") -> str:
    return "\n".join(separator.join(r) for r in [COLUMNS, *ROWS]) + "\n"


def read(path: Path, sheet=None) -> readers.Grid:
    return readers.read_grid(path, path.name, COLUMNS, sheet)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("cp1252", b""),  # "CSV (semikolonavgränsad)" from Swedish Excel
        ("utf-16-le", codecs.BOM_UTF16_LE),  # Excel's "Unicode-text"
    ],
)
def test_encodings_with_swedish_letters(tmp_path, encoding, prefix):
    text = csv_text().replace("Leverantörer", "Leverantörer på Åland")
    grid = read(write(tmp_path, prefix + text.encode(encoding)))
    assert grid.header == COLUMNS
    assert grid.rows[1][1][0] == "Leverantörer på Åland"
    assert grid.encoding in (encoding, "utf-8-sig", "utf-16")


@pytest.mark.parametrize("separator", [";", ",", "\t", "|"])
def test_separators(tmp_path, separator):
    text = csv_text(separator)
    if separator == ",":  # a comma-separated export quotes decimal commas
        text = text.replace("47,6", '"47,6"').replace("81,5", '"81,5"')
    grid = read(write(tmp_path, text.encode()))
    assert grid.separator == separator
    assert grid.rows == [(2, ROWS[0]), (3, ROWS[1])]


def test_semicolon_wins_when_decimal_commas_would_also_split(tmp_path):
    grid = read(write(tmp_path, csv_text(";").encode()))
    assert grid.separator == ";"


def test_title_rows_above_the_header_are_skipped_and_rows_keep_their_numbers(tmp_path):
    text = "Enkäter 2025;;;\nExport från enkätverktyget;;;\n;;;\n" + csv_text()
    grid = read(write(tmp_path, text.encode()))
    assert grid.header_row == 4
    assert [number for number, _ in grid.rows] == [5, 6]


def test_trailing_empty_rows_and_columns_are_dropped(tmp_path):
    text = "\n".join(";".join([*r, "", ""]) for r in [COLUMNS, *ROWS]) + "\n;;;;;\n\n\n"
    grid = read(write(tmp_path, text.encode()))
    assert grid.header == COLUMNS
    assert [cells for _, cells in grid.rows] == ROWS


def test_a_short_row_is_filled_with_empty_cells(tmp_path):
    text = ";".join(COLUMNS) + "\nSocialsekreterare;21;10\n"
    grid = read(write(tmp_path, text.encode()))
    assert grid.rows == [(2, ["Socialsekreterare", "21", "10", ""])]


def test_quoted_newline_inside_a_cell_is_one_row(tmp_path):
    text = ";".join(COLUMNS) + '\n"Social-\nsekreterare";21;10;47,6\nLeverantörer;12;11;92\n'
    grid = read(write(tmp_path, text.encode()))
    assert [number for number, _ in grid.rows] == [2, 3]  # rows as Excel shows them
    assert grid.rows[0][1][0] == "Social-\nsekreterare"


def test_header_names_are_kept_as_written(tmp_path):
    text = "Enkät;Tillfrågade ;SVARANDE;Angiven svarsfrekvens\nX;1;1;100\n"
    grid = read(write(tmp_path, text.encode()))
    assert grid.header == ["Enkät", "Tillfrågade", "SVARANDE", "Angiven svarsfrekvens"]


@pytest.mark.parametrize(
    ("written", "schema"),
    [
        ("Tillfrågade", "tillfrågade"),
        ("tillfragade", "tillfrågade"),
        ("tillfraagade", "tillfrågade"),  # å spelled out
        ("Anmaeld till IVO", "anmäld_till_ivo"),  # ä spelled out
        ("KREDITUPPLYSNINGSFOERETAG", "kreditupplysningsföretag"),  # ö spelled out
        ("avtal-start", "avtal_start"),
    ],
)
def test_forgiving_names(written, schema):
    assert readers.loose_name(written) == readers.loose_name(schema)


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ")])
def test_column_letter(index, letter):
    assert readers.column_letter(index) == letter


def test_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 100)
    path = write(tmp_path, csv_text().encode() * 10)
    with pytest.raises(DataError) as caught:
        read(path)
    [problem] = caught.value.problems
    assert problem.message == "filen är för stor (1 kB; högst 0,1 kB)"


@pytest.mark.parametrize(
    ("size", "text"),
    [(50 * 1024 * 1024, "50 MB"), (20 * 1024 * 1024 + 1, "20 MB"), (1536, "1,5 kB")],
)
def test_size_text(size, text):
    assert readers.size_text(size) == text


def test_a_size_just_over_the_limit_is_told_apart_from_it():
    limit = 20 * 1024 * 1024
    assert readers.too_big(limit + 30_000, limit) == "20,03 MB; högst 20 MB"


# --- Excel ---------------------------------------------------------------------------------------


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_xlsx_values_become_the_text_a_csv_export_would_hold(tmp_path):
    path = workbook(
        tmp_path / "enkater.xlsx",
        {"enkater": [COLUMNS, ["Socialsekreterare", 21, 10.0, 47.6], ["X", True, 0.1 + 0.2, 3]]},
    )
    grid = read(path)
    assert grid.rows[0][1] == ["Socialsekreterare", "21", "10", "47,6"]
    assert grid.rows[1][1] == ["X", "Ja", "0,3", "3"]


def test_xlsx_dates_and_datetimes(tmp_path):
    rows = [["d"], [dt.datetime(2025, 3, 1)], [dt.date(2025, 3, 2)], [dt.datetime(2025, 3, 3, 9)]]
    grid = readers.read_grid(workbook(tmp_path / "t.xlsx", {"t": rows}), "t.xlsx", ["d"])
    assert [cells[0] for _, cells in grid.rows] == [
        "2025-03-01",
        "2025-03-02",
        "2025-03-03 09:00:00",
    ]


def test_xlsx_percent_formatted_cell_is_read_in_percent(tmp_path):
    book = Workbook()
    book.active.append(COLUMNS)
    book.active.append(["Socialsekreterare", 21, 10, 0.476])
    book.active["D2"].number_format = "0.0%"
    book.save(tmp_path / "enkater.xlsx")
    assert read(tmp_path / "enkater.xlsx").rows[0][1][3] == "47,6 %"


def test_xlsx_data_on_a_named_sheet_after_an_instructions_sheet(tmp_path):
    path = workbook(
        tmp_path / "enkater.xlsx",
        {"Instruktioner": [["Fyll i bladet Data"]], "Data": [COLUMNS, ROWS[0]]},
    )
    grid = read(path)
    assert grid.sheet == "Data"
    assert grid.rows == [(2, ROWS[0])]


def test_xlsx_sheet_named_like_the_table_is_preferred(tmp_path):
    path = workbook(
        tmp_path / "enkater.xlsx", {"Gamla": [COLUMNS, ROWS[1]], "Enkäter": [COLUMNS, ROWS[0]]}
    )
    assert read(path).sheet == "Enkäter"


def test_xlsx_sheet_asked_for_by_name(tmp_path):
    path = workbook(tmp_path / "enkater.xlsx", {"A": [COLUMNS, ROWS[0]], "B": [COLUMNS, ROWS[1]]})
    assert read(path, sheet="B").rows == [(2, ROWS[1])]
    with pytest.raises(DataError, match="bladet 'C' saknas"):
        read(path, sheet="C")


def test_xlsx_formula_with_a_saved_value_is_read_as_the_value(tmp_path):
    path = workbook(tmp_path / "enkater.xlsx", {"enkater": [COLUMNS, ["X", 21, 10, "=C2/B2"]]})
    # openpyxl writes no cached value; put one in as Excel would have saved it
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"<f>C2/B2</f><v></v>", b"<f>C2/B2</f><v>47.6</v>")
    parts[sheet] = parts[sheet].replace(b"<f>C2/B2</f>", b"<f>C2/B2</f><v>47.6</v>", 1)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    grid = read(path)
    assert grid.rows[0][1][3] == "47,6"
    assert grid.problems == []


@pytest.mark.parametrize(
    ("value", "text"),
    [(21.0, "21"), (47.6, "47,6"), (1e-7, "0,0000001"), (1234567.25, "1234567,25")],
)
def test_number_text(value, text):
    assert readers.number_text(value) == text
