"""insyn.check and ``insyn kontrollera``: every input checked at once, no notebook run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from insyn import check
from insyn.errors import Problem

ROOT = Path(__file__).resolve().parents[1]
PARAMS = "params/exempelstad/2025/socialnamnden.yml"
LOAD = ROOT / "tests" / "fixtures" / "load"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the example project (notebooks linked), as INSYN_ROOT."""
    root = tmp_path / "projekt"
    root.mkdir()
    (root / "notebooks").symlink_to(ROOT / "notebooks")
    shutil.copytree(ROOT / "params", root / "params")
    shutil.copytree(ROOT / "data", root / "data")
    monkeypatch.setenv("INSYN_ROOT", str(root))
    return root


def test_example_parameter_file_has_no_problems(project):
    result = check.check(PARAMS)
    assert result.errors == []
    assert result.exit_code == 0
    assert result.folders == ["data/exempelstad/2025"]
    assert check.describe(result).startswith("Inga problem hittades i data/exempelstad/2025")


def test_a_datamapp_checks_every_year_in_it(project):
    result = check.check("data/exempelstad")
    assert result.folders == ["data/exempelstad/2024", "data/exempelstad/2025"]
    assert result.exit_code == 0


def test_a_year_folder_is_checked_against_its_calendar_year(project):
    placements = project / "data" / "exempelstad" / "2025" / "placeringar.csv"
    lines = placements.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("2025-01-02", "2026-01-02")
    placements.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = check.check("data/exempelstad/2025").errors
    assert (problem.file, problem.row, problem.column) == (
        "data/exempelstad/2025/placeringar.csv",
        2,
        "startdatum",
    )
    assert "2025-01-01–2025-12-31" in problem.message


def test_a_folder_without_known_tables(project):
    (project / "data" / "tom").mkdir()
    [problem] = check.check("data/tom").errors
    assert problem.message == "mappen har inga tabeller som Insyn känner igen"
    assert "utforare.csv" in problem.hint


def test_a_target_that_does_not_exist(project):
    result = check.check("params/finns-inte.yml")
    [problem] = result.errors
    assert (problem.file, problem.message) == ("params/finns-inte.yml", "finns inte")
    assert result.exit_code == 2


def test_a_broken_parameter_file_still_gets_its_data_checked(project):
    params = project / PARAMS
    params.write_text(params.read_text(encoding="utf-8") + "okänd: 1\n", encoding="utf-8")
    (project / "data" / "exempelstad" / "2025" / "enkater.csv").write_text(
        "enkät,tillfrågade,svarande\nSocialsekreterare,30,31\n", encoding="utf-8"
    )
    files = {p.file for p in check.check(PARAMS).errors}
    assert files == {PARAMS, "data/exempelstad/2025/enkater.csv"}


def test_only_the_reports_tables_are_required_in_a_year_folder(project):
    folder = project / "data" / "exempelstad" / "2025"
    (folder / "lex_sarah.csv").unlink()
    [problem] = check.check("data/exempelstad/2025").errors
    assert problem.message == "filen lex_sarah.csv (eller .xlsx) saknas"


def test_describe_groups_by_file_and_sorts_by_row():
    result = check.CheckResult(
        "x",
        [
            Problem("b", file="a.csv", row=5, column="k"),
            Problem("a", file="a.csv", row=2, column="k", value="v", hint="gör så"),
            Problem("varnar", file="a.csv", column="extra", severity="varning"),
            Problem("saknas", file="b.csv"),
        ],
        ["data/x/2025"],
    )
    lines = check.describe(result).splitlines()
    assert lines[0] == "3 fel och 1 varning i data/x/2025:"
    assert lines[2:6] == [
        "a.csv",
        "  Fel: rad 2, kolumn \"k\": a (värde: 'v') – gör så",
        '  Fel: rad 5, kolumn "k": b',
        '  Varning: kolumn "extra": varnar',
    ]
    assert "b.csv" in lines and "  Fel: saknas" in lines


def test_many_problems_of_one_kind_are_shortened_for_reading():
    problems = [Problem("är inte ett datum", file="p.csv", row=r, column="d") for r in range(30)]
    shown = check.shorten(problems)
    assert len(shown) == check.PER_KIND + 1
    assert shown[-1].message.startswith("… och 20 rader till")


def test_excel_list_has_every_problem_a_filter_and_no_formulas(tmp_path):
    problems = [
        Problem("är inte ett tal", file="e.csv", row=2, column="svarande", value="=1+1"),
        Problem("okänd kolumn", file="e.csv", column="@kommentar", severity="varning"),
    ]
    problems += [Problem("saknar värde", file="p.csv", row=r, column="d") for r in range(30)]
    target = check.write_excel(check.CheckResult("x", problems), tmp_path / "ut" / "lista.xlsx")
    sheet = load_workbook(target).active
    assert sheet.auto_filter.ref == "A1:H33"
    assert [c.value for c in sheet[1]][:4] == ["Allvarlighet", "Fil", "Blad", "Rad"]
    assert sheet.max_row == 33  # every problem, not the shortened list
    assert (sheet["A2"].value, sheet["D2"].value, sheet["F2"].value) == ("Fel", 2, "=1+1")
    assert sheet["F2"].data_type == "s" and sheet["F2"].quotePrefix
    assert sheet["E3"].value == "@kommentar" and sheet["E3"].data_type == "s"
    assert sheet["A3"].value == "Varning"


def test_excel_path_defaults_to_the_kontroller_folder(project):
    result = check.CheckResult("params/exempelstad/2025/socialnamnden.yml")
    path = check.excel_path(result)
    assert path == project / "kontroller" / "params-exempelstad-2025-socialnamnden-yml.xlsx"


def run_cli(*args, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "insyn.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "INSYN_ROOT": str(root)},
        timeout=120,
    )


def test_cli_exit_codes_swedish_list_and_excel_file(project):
    good = run_cli("kontrollera", PARAMS, root=project)
    assert good.returncode == 0, good.stderr
    assert "Inga problem hittades" in good.stdout

    (project / "data" / "exempelstad" / "2025" / "enkater.csv").write_text(
        "enkät;tillfrågade;svarande\nSocialsekreterare;30;trettio\n", encoding="utf-8"
    )
    bad = run_cli("kontrollera", PARAMS, "--format", "xlsx", root=project)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stdout + bad.stderr
    assert 'rad 2, kolumn "svarande": är inte ett tal' in bad.stderr
    written = project / "kontroller" / "params-exempelstad-2025-socialnamnden-yml.xlsx"
    assert str(written) in bad.stdout
    assert load_workbook(written).active["G2"].value == "är inte ett tal"


def test_cli_refuses_an_unknown_format(project):
    run = run_cli("kontrollera", PARAMS, "--format", "pdf", root=project)
    assert run.returncode == 2
    assert "Okänt format 'pdf'" in run.stderr
