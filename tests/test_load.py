"""insyn.load: tables read as Swedish offices export them, validated, every problem at once.

Each folder in ``tests/fixtures/load/<case>/2025/`` holds CSV files named for the table and is
named for the one thing it exercises. Problems name the file relative to the fixture root, and
rows as a person counts them: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from insyn import load
from insyn.errors import DataError, Problem, ProblemCollector
from insyn.readers import read_grid
from insyn.schemas import registry

ROOT = Path(__file__).parent / "fixtures" / "load"
YEAR = 2025
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
BOTH = ["utforare", "placeringar"]

UNITS = ["HVB Björkhagen", "Familjehemmet Åsen", "Stödboendet Älven"]


def load_case(case: str, tables=BOTH, **kwargs) -> load.Dataset:
    return load.load_year(case, YEAR, tables=tables, texts=[], period=PERIOD, root=ROOT, **kwargs)


def problems_of(case: str, tables=BOTH) -> tuple[Problem, ...]:
    with pytest.raises(DataError) as caught:
        load_case(case, tables)
    return caught.value.problems


def where(problem: Problem) -> tuple:
    return (problem.file, problem.row, problem.column, problem.value)


# --- reading -------------------------------------------------------------------------------------


def test_valid_folder_gives_typed_tables():
    data = load_case("valid", tables=[*BOTH, "enkater"])
    units = data["utforare"]
    assert list(units["verksamhet"]) == UNITS
    assert list(units["organisationsnummer"]) == ["556627-6779", "556036-0793", "556547-5489"]
    assert units["avtal_start"].iloc[0] == pd.Timestamp("2022-01-01")
    placements = data["placeringar"]
    assert list(placements["startdatum"]) == list(
        pd.to_datetime(["2025-01-01", "2025-03-15", "2025-12-31"])
    )
    assert list(data.tables) == [*BOTH, "enkater"]


def test_semicolons_decimal_comma_and_space_as_thousands_separator():
    surveys = load_case("valid", tables=["enkater"])["enkater"]
    assert list(surveys["tillfrågade"]) == [21, 1234]
    assert list(surveys["svarande"]) == [10, 1000]
    assert list(surveys["angiven_svarsfrekvens"]) == [44.0, 81.5]
    assert str(surveys["tillfrågade"].dtype) == "Int64"


def test_dataset_records_each_file_read_and_a_fingerprint():
    data = load_case("valid")
    assert set(data.files) == {"valid/2025/utforare.csv", "valid/2025/placeringar.csv"}
    assert all(len(digest) == 64 for digest in data.files.values())
    assert data.fingerprint() == load_case("valid").fingerprint()
    assert data.fingerprint() != load_case("utf8_bom").fingerprint()


def test_utf8_with_bom():
    raw = (ROOT / "utf8_bom" / "2025" / "utforare.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the fixture really has a BOM
    data = load_case("utf8_bom")
    assert list(data["utforare"]["verksamhet"]) == UNITS  # first column found despite the BOM


def test_windows_1252_with_swedish_letters():
    raw = (ROOT / "cp1252" / "2025" / "utforare.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is Windows-1252
    data = load_case("cp1252")
    assert list(data["utforare"]["verksamhet"]) == UNITS
    assert data["utforare"]["utförare"].iloc[1] == "Åsens Omsorg AB"
    assert data["placeringar"]["verksamhet"].iloc[2] == "Familjehemmet Åsen"


def test_forgiving_column_names_are_matched_to_schema_names():
    header = (ROOT / "forgiving_names" / "2025" / "utforare.csv").read_text().splitlines()[0]
    assert header == "Verksamhet;Utförare;Organisations-nummer;AVTALSOMRÅDE;avtal start"
    data = load_case("forgiving_names")
    assert list(data["utforare"].columns) == list(registry()["utforare"].columns)
    assert list(data["placeringar"].columns) == list(registry()["placeringar"].columns)
    assert data["utforare"]["avtal_start"].iloc[2] == pd.Timestamp("2024-09-01")


@pytest.mark.parametrize(
    ("written", "schema_name"),
    [
        ("Verksamhet", "verksamhet"),
        ("AVTALSOMRÅDE", "avtalsområde"),
        ("avtal start", "avtal_start"),
        (" Organisations-nummer ", "organisationsnummer"),
    ],
)
def test_normalise_name_matches_schema_name(written, schema_name):
    assert load.normalise_name(written) == load.normalise_name(schema_name)


def test_trailing_empty_rows_and_columns_are_dropped():
    data = load_case("trailing_empty")
    assert len(data["utforare"]) == 3
    assert len(data["placeringar"]) == 3
    assert list(data["utforare"].columns) == list(registry()["utforare"].columns)


def test_extra_column_is_a_warning_not_an_error():
    data = load_case("extra_column")  # does not raise
    assert "kommentar" not in data["utforare"].columns


def test_extra_column_warning_names_file_and_column():
    problems = ProblemCollector()
    frame, _, _ = load.load_table(
        ROOT / "extra_column" / "2025", registry()["utforare"], problems, PERIOD, root=ROOT
    )
    assert frame is not None
    assert problems.errors == []
    [warning] = problems.warnings
    assert (warning.file, warning.column, warning.severity) == (
        "extra_column/2025/utforare.csv",
        "kommentar",
        "varning",
    )


# --- problems: file, row, column and value -------------------------------------------------------


def test_missing_file():
    [problem] = problems_of("missing_file")
    assert problem.file == "missing_file/2025"
    assert "placeringar.csv" in problem.message
    assert problem.row is None


def test_missing_year_folder():
    with pytest.raises(DataError) as caught:
        load.load_year("valid", 2031, tables=BOTH, texts=[], root=ROOT)
    [problem] = caught.value.problems
    assert problem.file == "valid/2031"
    assert "2031" in problem.message


def test_empty_file():
    [problem] = problems_of("empty_file")
    assert (problem.file, problem.message) == ("empty_file/2025/placeringar.csv", "filen är tom")


def test_missing_column():
    [problem] = problems_of("missing_column")
    assert where(problem) == ("missing_column/2025/placeringar.csv", None, "insats", None)
    assert problem.message == "kolumnen saknas"


def test_unparseable_date_and_integer():
    problems = problems_of("unparseable", tables=[*BOTH, "kreditupplysningar"])
    assert [where(p) for p in problems] == [
        ("unparseable/2025/placeringar.csv", 2, "startdatum", "2025-13-01"),
        ("unparseable/2025/kreditupplysningar.csv", 3, "rating", "hög"),
    ]
    assert "datum" in problems[0].message
    assert problems[1].message == "är inte ett tal"


def test_invalid_organisation_number_checksum():
    [problem] = problems_of("invalid_orgnr", tables=["utforare"])
    assert where(problem) == (
        "invalid_orgnr/2025/utforare.csv",
        4,
        "organisationsnummer",
        "5565475488",
    )
    assert "kontrollsiffran" in problem.message


def test_value_outside_allowed_list():
    [problem] = problems_of("not_allowed", tables=["utforare"])
    assert where(problem) == ("not_allowed/2025/utforare.csv", 4, "avtalsområde", "HVB äldre")
    assert problem.message.startswith("måste vara ett av: HVB vuxna")


def test_allowed_value_is_matched_case_insensitively_and_stored_as_listed():
    # insyn.schemas.columns.category: "matched case-insensitively, reported exactly".
    data = load_case("category_case", tables=["utforare"])
    assert data["utforare"]["avtalsområde"].iloc[0] == "HVB vuxna"


def test_duplicate_key():
    problems = problems_of("duplicate_key")
    rows = {p.row for p in problems}
    assert 5 in rows and rows <= {3, 5}  # the repeated row, perhaps also its first occurrence
    assert {(p.file, p.column, p.value) for p in problems} == {
        ("duplicate_key/2025/placeringar.csv", "placering", "P25-0002")
    }


def test_dates_outside_the_period_with_boundaries_inside():
    problems = problems_of("outside_period")
    assert [where(p) for p in problems] == [
        ("outside_period/2025/placeringar.csv", 2, "startdatum", "2024-12-31"),
        ("outside_period/2025/placeringar.csv", 6, "startdatum", "2026-01-01"),
    ]
    assert "2025-01-01–2025-12-31" in problems[0].message


def test_period_is_not_checked_without_a_period():
    data = load.load_year("outside_period", YEAR, tables=BOTH, texts=[], root=ROOT)
    assert len(data["placeringar"]) == 5


def test_unknown_verksamhet_referenced_from_placeringar():
    [problem] = problems_of("unknown_reference")
    assert where(problem) == (
        "unknown_reference/2025/placeringar.csv",
        5,
        "verksamhet",
        "HVB Okänd",
    )
    assert problem.message == "finns inte i utforare"


def test_all_problems_of_a_folder_are_reported_at_once():
    problems = problems_of("many_problems")
    assert {where(p) for p in problems} == {
        ("many_problems/2025/utforare.csv", 3, "avtalsområde", "Familjhem"),
        ("many_problems/2025/utforare.csv", 4, "organisationsnummer", "5565475488"),
        ("many_problems/2025/placeringar.csv", 3, "startdatum", "mitten av mars"),
        # a schema problem in the same table as an unparseable cell must not wait for next run
        ("many_problems/2025/placeringar.csv", 5, "insats", "Boende"),
    }


def test_problems_across_missing_and_broken_files_come_together():
    problems = problems_of("missing_file", tables=["utforare", "placeringar", "enkater"])
    assert sorted(p.message for p in problems) == [
        "filen enkater.csv (eller .xlsx) saknas",
        "filen placeringar.csv (eller .xlsx) saknas",
    ]


def test_blank_line_inside_does_not_shift_row_numbers():
    # Line 3 of the file is blank; the bad date is on line 4, where Excel shows it too.
    lines = (ROOT / "blank_line_inside" / "2025" / "placeringar.csv").read_text().splitlines()
    assert lines[2] == "" and "2025-13-15" in lines[3]
    [problem] = problems_of("blank_line_inside")
    assert where(problem) == (
        "blank_line_inside/2025/placeringar.csv",
        4,
        "startdatum",
        "2025-13-15",
    )


def test_message_is_swedish_and_lists_every_problem():
    with pytest.raises(DataError) as caught:
        load_case("outside_period")
    assert str(caught.value).splitlines()[0] == "Underlaget innehåller fel (2 st.):"
    assert 'outside_period/2025/placeringar.csv, rad 2, kolumn "startdatum"' in str(caught.value)


# --- parse_cell ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("int", "1 234", 1234),
        ("int", "1\xa0234", 1234),
        ("int", "3,0", 3),
        ("float", "47,6", 47.6),
        ("float", "1 234,5", 1234.5),
        ("bool", "Ja", True),
        ("bool", "nej", False),
        ("bool", "X", True),
        ("date", "2025-03-01", pd.Timestamp("2025-03-01")),
        ("date", "2025-03-01 00:00:00", pd.Timestamp("2025-03-01")),  # Excel date as text
        ("orgnr", "5566276779", "556627-6779"),
        ("text", "HVB Björkhagen", "HVB Björkhagen"),
    ],
)
def test_parse_cell(kind, raw, expected):
    assert load.parse_cell(kind, raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw", "reason"),
    [
        ("int", "3,5", "är inte ett heltal"),
        ("int", "tre", "är inte ett tal"),
        ("float", "12a", "är inte ett tal"),
        ("bool", "Kanske", "ska vara Ja eller Nej"),
        ("date", "2025-02-30", "datumet finns inte i kalendern"),
        ("date", "1/3/2025", "datumet kan läsas på två sätt"),
    ],
)
def test_parse_cell_rejects_with_swedish_reason(kind, raw, reason):
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        load.parse_cell(kind, raw)


@pytest.mark.parametrize("raw", ["2025-03-011", "2025-03-01x"])
def test_parse_cell_does_not_cut_a_malformed_date_to_a_valid_one(raw):
    # Only a time part (Excel's "00:00:00") may follow the date; a typo must not become 1 March.
    with pytest.raises(ValueError):
        load.parse_cell("date", raw)


# --- Excel ---------------------------------------------------------------------------------------


def write_units_workbook(path: Path, sheet: str = "Utförare") -> None:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(["Verksamhet", "Utförare", "Organisationsnummer", "Avtalsområde", "Avtal start"])
    ws.append(
        ["HVB Björkhagen", "Björkhagens AB", 5566276779, "HVB vuxna", dt.datetime(2022, 1, 1)]
    )
    ws.append(["Familjehemmet Åsen", "Åsens AB", "556036-0793", "Familjehem", dt.date(2023, 5, 15)])
    ws.append(["Stödboendet Älven", "Älvens AB", "5565475488", "Stödboende", "2024-09-01"])
    book.save(path)


@pytest.fixture
def xlsx_year(tmp_path) -> Path:
    folder = tmp_path / "kommun" / "2025"
    folder.mkdir(parents=True)
    return folder


def test_xlsx_is_read_with_dates_and_numbers_as_excel_stores_them(xlsx_year, tmp_path):
    write_units_workbook(xlsx_year / "utforare.xlsx")
    book = Workbook()
    book.active.append(["enkät", "tillfrågade", "svarande", "angiven_svarsfrekvens"])
    book.active.append(["Socialsekreterare", 21, 10, 47.6])
    book.save(xlsx_year / "enkater.xlsx")
    problems = ProblemCollector()
    units, _, _ = load.load_table(xlsx_year, registry()["utforare"], problems, root=tmp_path)
    assert units is None  # row 4 has a bad checksum; see the next test for the problem
    data = load.load_year("kommun", YEAR, tables=["enkater"], texts=[], root=tmp_path)
    surveys = data["enkater"]
    assert (surveys.at[0, "tillfrågade"], surveys.at[0, "angiven_svarsfrekvens"]) == (21, 47.6)
    assert set(data.files) == {"kommun/2025/enkater.xlsx"}


def test_xlsx_problem_names_file_row_column_and_value(xlsx_year, tmp_path):
    write_units_workbook(xlsx_year / "utforare.xlsx")
    with pytest.raises(DataError) as caught:
        load.load_year("kommun", YEAR, tables=["utforare"], texts=[], root=tmp_path)
    [problem] = caught.value.problems
    # the column as the workbook spells it, so it can be found there
    assert where(problem) == (
        "kommun/2025/utforare.xlsx",
        4,
        "Organisationsnummer",
        "5565475488",
    )


def test_xlsx_valid_dates_from_date_and_datetime_cells(xlsx_year, tmp_path):
    write_units_workbook(xlsx_year / "utforare.xlsx")
    problems = ProblemCollector()
    where = {"file": "u.xlsx"}
    table = registry()["utforare"]
    grid = read_grid(xlsx_year / "utforare.xlsx", "u.xlsx", table.columns)
    found = load.match_columns(grid, table, where, problems)
    frame = load.parse_columns(load.text_frame(grid, found), table, where, problems, set())
    assert problems.problems == []
    assert list(frame["avtal_start"]) == list(
        pd.to_datetime(["2022-01-01", "2023-05-15", "2024-09-01"])
    )
    assert frame.at[2, "organisationsnummer"] == "556627-6779"  # from a number cell, row 2


def test_xlsx_problem_names_the_sheet(xlsx_year, tmp_path):
    # errors.Problem has a sheet field, and DESIGN.md asks for "file, sheet, row".
    write_units_workbook(xlsx_year / "utforare.xlsx", sheet="Utförare")
    with pytest.raises(DataError) as caught:
        load.load_year("kommun", YEAR, tables=["utforare"], texts=[], root=tmp_path)
    [problem] = caught.value.problems
    assert problem.sheet == "Utförare"


def test_csv_is_preferred_over_xlsx(tmp_path):
    folder = tmp_path / "2025"
    folder.mkdir()
    (folder / "utforare.xlsx").write_bytes(b"")
    (folder / "utforare.csv").write_text("x")
    assert load.find_table_file(folder, registry()["utforare"]) == folder / "utforare.csv"


# --- last year -----------------------------------------------------------------------------------


def test_previous_year_missing_folder_is_none():
    assert load.load_previous("valid", 2024, BOTH, root=ROOT) is None


def test_previous_year_loads_only_the_tables_present():
    data = load.load_previous("missing_file", 2025, BOTH, root=ROOT)
    assert list(data.tables) == ["utforare"]


def test_more_answered_than_asked_is_one_problem_naming_the_row(tmp_path):
    folder = tmp_path / "kommun" / "2025"
    folder.mkdir(parents=True)
    (folder / "enkater.csv").write_text(
        "enkät;tillfrågade;svarande\nSocialsekreterare;21;22\nLeverantörer;10;5\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load.load_year("kommun", YEAR, tables=["enkater"], texts=[], root=tmp_path)
    [problem] = caught.value.problems
    assert (problem.file, problem.row) == ("kommun/2025/enkater.csv", 2)
    assert problem.value == "tillfrågade=21, svarande=22"
    assert problem.message.startswith("fler svarande än tillfrågade")
