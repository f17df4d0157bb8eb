"""insyn.schemas.kvalitet: a wrong file gives Swedish problems naming file, row and column.

Each test copies the example's 2025 folder, breaks one file the way people do, and loads the
kvalitetsberättelse's inputs. Rows are counted as people count them: the header is row 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from insyn import load
from insyn.errors import DataError, Problem
from insyn.reports import KVALITET
from insyn.schemas import registry
from insyn.schemas.kvalitet import TABLES

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "exempelstad" / "2025"
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the example's 2025 folder (tables and texts) at ``tmp_path/kommun/2025``."""
    target = tmp_path / "kommun" / "2025"
    target.mkdir(parents=True)
    for name in KVALITET.tables:
        shutil.copy2(EXAMPLE / f"{name}.csv", target / f"{name}.csv")
    shutil.copytree(EXAMPLE / "text" / KVALITET.name, target / "text" / KVALITET.name)
    return target


def load_folder(folder: Path) -> load.Dataset:
    return load.load_year(
        folder.parent, 2025, KVALITET.tables, KVALITET.texts, PERIOD, root=folder.parents[1]
    )


def problems_of(folder: Path) -> tuple[Problem, ...]:
    with pytest.raises(DataError) as caught:
        load_folder(folder)
    return caught.value.problems


def edit(path: Path, row: int, column: str, value: str) -> None:
    """Sets one cell of a ``;``-separated file; ``row`` as people count (header is 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\n").writerows(rows)


def test_the_example_folder_loads(folder):
    data = load_folder(folder)
    assert set(data.tables) == set(KVALITET.tables)
    assert set(data.texts) == set(KVALITET.texts)  # texts in text/kvalitetsberattelse/


def test_every_table_is_registered_and_documented():
    known = registry()
    for table in TABLES:
        assert known[table.name] is table
        for name, column in table.columns.items():
            assert column.title and column.description, (table.name, name)


def test_a_wrong_type_names_file_row_and_column_in_swedish(folder):
    edit(folder / "brukarundersokningar.csv", 3, "svarande", "tio")
    [problem] = problems_of(folder)
    assert problem.file.endswith("2025/brukarundersokningar.csv")
    assert (problem.row, problem.column, problem.value) == (3, "svarande", "tio")
    assert "är inte ett tal" in problem.describe()
    assert 'brukarundersokningar.csv, rad 3, kolumn "svarande"' in problem.describe()


def test_a_missing_column_is_named(folder):
    path = folder / "avvikelser_verksamhet.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("lex_sarah", "lex_maria", 1), encoding="utf-8"
    )
    described = [p.describe() for p in problems_of(folder)]
    assert any(
        "avvikelser_verksamhet.csv" in d and 'kolumn "lex_sarah"' in d and "saknas" in d
        for d in described
    )


def test_more_answered_than_asked_is_one_problem_on_its_row(folder):
    edit(folder / "brukarundersokningar.csv", 2, "svarande", "250")
    [problem] = problems_of(folder)
    assert problem.row == 2 and "fler svarande än tillfrågade" in problem.message


def test_a_share_above_100_percent(folder):
    edit(folder / "brukarundersokningar_resultat.csv", 4, "andel_positiva", "104")
    [problem] = problems_of(folder)
    assert (problem.row, problem.column) == (4, "andel_positiva")
    assert "större än 100" in problem.message


def test_a_result_for_an_unknown_verksamhet(folder):
    edit(folder / "brukarundersokningar_resultat.csv", 2, "verksamhet", "Dagligverksamhet")
    [problem] = problems_of(folder)
    assert (problem.row, problem.column, problem.value) == (2, "verksamhet", "Dagligverksamhet")
    assert "finns inte i brukarundersokningar" in problem.message


def test_two_kommun_rows_for_one_indicator(folder):
    edit(folder / "oppna_jamforelser.csv", 3, "nivå", "Kommun")
    problems = problems_of(folder)
    assert {p.row for p in problems} == {2, 3}
    assert all("mer än en rad med nivå Kommun" in p.message for p in problems)


def test_an_unknown_level_lists_the_allowed_ones(folder):
    edit(folder / "oppna_jamforelser.csv", 9, "nivå", "Region")
    [problem] = problems_of(folder)
    assert (problem.row, problem.column, problem.value) == (9, "nivå", "Region")
    assert "Jämförelsekommun" in problem.message


def test_an_audit_outside_the_period(folder):
    edit(folder / "granskningar_tillsyn.csv", 2, "datum", "2024-12-30")
    [problem] = problems_of(folder)
    assert (problem.row, problem.column) == (2, "datum")
    assert "utanför rapportperioden" in problem.message


def test_a_link_must_be_https_or_a_relative_report(folder):
    edit(folder / "granskningar_tillsyn.csv", 2, "länk", "javascript:alert(1)")
    edit(folder / "granskningar_tillsyn.csv", 3, "länk", "../rapporter/utforare.html")
    [problem] = problems_of(folder)
    assert (problem.row, problem.column) == (2, "länk")
    assert "https" in problem.message


def test_a_duplicated_verksamhet_in_the_lov_list(folder):
    path = folder / "lov_verksamheter.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    problems = problems_of(folder)
    assert {p.row for p in problems} == {2, len(lines) + 1}  # both copies are named
    assert all(p.column == "verksamhet" and "unikt" in p.message for p in problems)


def test_all_problems_of_all_files_at_once(folder):
    edit(folder / "brukarundersokningar.csv", 3, "svarande", "tio")
    edit(folder / "lov_verksamheter.csv", 5, "regi", "Offentlig")
    (folder / "text" / KVALITET.name / "inledning.md").unlink()
    files = {Path(p.file).name for p in problems_of(folder)}
    assert files == {"brukarundersokningar.csv", "lov_verksamheter.csv", "inledning.md"}
