"""The register's schemas: every mistake in granskningar, bedomningar, brister and beslut is a
Swedish problem with file, row and column (or the row's values), and the CLI exits with 2.

Each test copies the example's 2025 folder, changes one cell and loads the register.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from insyn import load
from insyn.errors import DataError, Problem
from insyn.register import TABLES
from insyn.schemas import registry

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(ROOT / "data" / "exempelstad" / "2025", tmp_path / "kommun" / "2025")
    return tmp_path


def change(root: Path, table: str, row: int, column: str, value: str) -> None:
    """Sets one cell; ``row`` as a person counts it (the header is row 1)."""
    path = root / "kommun" / "2025" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def problems(root: Path) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load.load_year("kommun", 2025, TABLES, root=root)
    return list(caught.value.problems)


def located(found: list[Problem]) -> list[tuple]:
    return [(p.file, p.row, p.column, p.value) for p in found]


def test_the_example_register_is_valid():
    data = load.load_year("data/exempelstad", 2025, TABLES, root=ROOT)
    assert set(data.tables) == set(TABLES)


def test_the_tables_are_registered_with_swedish_titles():
    for name in ("granskningar", "bedomningar", "brister", "beslut"):
        table = registry()[name]
        assert table.title and table.description
        assert all(column.title for column in table.columns.values())


def test_unknown_status_names_file_row_column_and_the_allowed_values(root):
    change(root, "brister", 3, "status", "Klar")
    [problem] = problems(root)
    assert located([problem]) == [("kommun/2025/brister.csv", 3, "status", "Klar")]
    assert problem.message == "måste vara ett av: Öppen, Påbörjad, Åtgärdad"


def test_status_in_another_case_is_accepted_and_spelled_canonically(root):
    change(root, "brister", 3, "status", "åtgärdad")
    data = load.load_year("kommun", 2025, TABLES, root=root)
    assert data["brister"].loc[1, "status"] == "Åtgärdad"


def test_unknown_kvalitetsniva(root):
    change(root, "bedomningar", 2, "kvalitetsnivå", "Orange")
    assert located(problems(root)) == [
        ("kommun/2025/bedomningar.csv", 2, "kvalitetsnivå", "Orange")
    ]


def test_a_deadline_before_the_finding_is_one_problem_naming_both_dates(root):
    change(root, "brister", 2, "senast_åtgärdad", "2024-09-01")
    [problem] = problems(root)
    assert (problem.file, problem.row) == ("kommun/2025/brister.csv", 2)
    assert problem.message == "senast_åtgärdad ska vara efter konstaterad"
    assert problem.value == "konstaterad=2024-09-27, senast_åtgärdad=2024-09-01"


def test_the_deadline_may_not_be_the_day_of_the_finding(root):
    change(root, "brister", 2, "senast_åtgärdad", "2024-09-27")
    assert [p.message for p in problems(root)] == ["senast_åtgärdad ska vara efter konstaterad"]


def test_an_impossible_date(root):
    change(root, "granskningar", 4, "startdatum", "2025-02-30")
    [problem] = problems(root)
    assert located([problem]) == [("kommun/2025/granskningar.csv", 4, "startdatum", "2025-02-30")]
    assert problem.message == "datumet finns inte i kalendern"  # the format is right, the day not


def test_an_invalid_organisationsnummer_in_utforare_is_caught(root):
    shutil.copy2(ROOT / "data" / "exempelstad" / "2025" / "utforare.csv", root / "kommun" / "2025")
    change(root, "utforare", 2, "organisationsnummer", "5591673801")
    [problem] = problems(root)
    assert located([problem]) == [
        ("kommun/2025/utforare.csv", 2, "organisationsnummer", "5591673801")
    ]
    assert "organisationsnummer" in problem.message


def test_a_verksamhet_missing_from_utforare(root):
    change(root, "granskningar", 2, "verksamhet", "Ramsviks vårdhem")
    [problem] = problems(root)
    assert located([problem]) == [
        ("kommun/2025/granskningar.csv", 2, "verksamhet", "Ramsviks vårdhem")
    ]
    assert problem.message == "finns inte i utforare"


def test_a_brist_of_an_unknown_granskning(root):
    change(root, "brister", 5, "granskning", "G25-99")
    [problem] = problems(root)
    assert located([problem]) == [("kommun/2025/brister.csv", 5, "granskning", "G25-99")]
    assert problem.message == "finns inte i granskningar"


def test_duplicate_ids_name_both_rows(root):
    change(root, "brister", 3, "brist", "BR01")
    found = problems(root)
    assert located(found) == [
        ("kommun/2025/brister.csv", 2, "brist", "BR01"),
        ("kommun/2025/brister.csv", 3, "brist", "BR01"),
    ]
    assert all("unikt" in p.message for p in found)


def test_a_varning_without_its_deadline(root):
    change(root, "beslut", 3, "senast_åtgärdat", "")
    [problem] = problems(root)
    assert (problem.file, problem.row) == ("kommun/2025/beslut.csv", 3)
    assert problem.message == "beslutstyp Varning ska ha senast_åtgärdat"


def test_an_uppsagning_without_its_end(root):
    change(root, "beslut", 2, "avtal_upphör", "")
    [problem] = problems(root)
    assert problem.message == "beslutstyp Uppsägning ska ha avtal_upphör"


def test_closed_without_a_day_and_a_day_without_closing(root):
    change(root, "brister", 3, "åtgärdad", "")  # BR02 is Åtgärdad
    change(root, "brister", 5, "åtgärdad", "2025-02-01")  # BR04 is Öppen
    found = problems(root)
    assert [(p.row, p.message) for p in found] == [
        (3, "status Åtgärdad och dagen i åtgärdad ska anges tillsammans"),
        (5, "status Åtgärdad och dagen i åtgärdad ska anges tillsammans"),
    ]


def test_more_answers_than_handed_out(root):
    change(root, "granskningar", 4, "enkät_svar", "29")
    [problem] = problems(root)
    assert problem.message == "fler enkät_svar än enkät_utdelade"
    assert problem.value == "enkät_utdelade=28, enkät_svar=29"


def test_every_problem_at_once(root):
    change(root, "brister", 3, "status", "Klar")
    change(root, "bedomningar", 2, "kvalitetsnivå", "Orange")
    change(root, "beslut", 2, "beslutstyp", "Böter")
    files = {p.file for p in problems(root)}
    assert files == {
        "kommun/2025/brister.csv",
        "kommun/2025/bedomningar.csv",
        "kommun/2025/beslut.csv",
    }


def test_the_cli_exits_2_with_file_row_and_column_and_writes_nothing(root, tmp_path):
    change(root, "brister", 3, "status", "Klar")
    params = tmp_path / "granskningar.yml"
    params.write_text(
        "rapporter: [granskningsrapport]\nkommun: Exempelstad\nnämnd: Socialnämnden\n"
        f"år: 2025\ndatamapp: {root / 'kommun'}\nutförare: alla\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    run = subprocess.run(
        [sys.executable, "-m", "insyn.cli", "build", str(params)],
        capture_output=True,
        text=True,
        env={**os.environ, "INSYN_SITE": str(site), "COLUMNS": "200"},
    )
    output = run.stdout + run.stderr
    assert run.returncode == 2, output
    assert "Traceback" not in output
    assert 'brister.csv, rad 3, kolumn "status"' in output
    assert "måste vara ett av" in output
    assert [p.name for p in site.rglob("*.html")] == ["index.html"]  # the index, no report
