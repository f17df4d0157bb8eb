"""insyn.newyear: ``insyn nytt-ar`` prepares next year without touching anything that exists."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from projects import copy_project, fill_with

from insyn import build, newyear, params
from insyn.errors import ParameterError
from insyn.reports import KONTROLL, KVALITET
from insyn.schemas import registry
from insyn.text import DRAFT_MARKER

PARAMS_TEXT = """\
# Socialnämnden, rapport 2025. Jämförs med 2024.
rapporter: [kontroll-och-uppfoljning]
kommun: Exempelstad   # kommunens namn
år: 2025  # rapportåret
period_start: "2025-03-01"
period_slut: 2026-02-28  # brutet år
byggdatum: 2024-02-29
diarienummer: "SN 2025/0417"  # ärendet
gräns_placeringar: 2025
"""


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = copy_project(tmp_path)
    monkeypatch.setenv("INSYN_ROOT", str(root))
    return root


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` → hash of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- move_year ---------------------------------------------------------------------------------


def test_move_year_moves_year_and_dates_and_keeps_the_rest():
    moved, notes = newyear.move_year(PARAMS_TEXT, 2025)
    values = yaml.load(moved, Loader=yaml.BaseLoader)
    assert values["år"] == "2026"
    assert values["period_start"] == "2026-03-01"
    assert values["period_slut"] == "2027-02-28"
    assert values["byggdatum"] == "2025-02-28"  # 29 February has no twin next year
    assert values["diarienummer"] == ""
    assert values["gräns_placeringar"] == "2025"  # a threshold that happens to equal the year
    assert values["kommun"] == "Exempelstad"
    lines = moved.splitlines()
    assert lines[0] == "# Socialnämnden, rapport 2026. Jämförs med 2024."
    assert lines[2] == "kommun: Exempelstad   # kommunens namn"
    assert lines[3] == "år: 2026  # rapportåret"
    assert '"2026-03-01"' in lines[4]
    assert lines[5].endswith("# brutet år")
    assert notes == ['diarienummer tömdes (var "SN 2025/0417")']
    assert DRAFT_MARKER in lines[7]


def test_move_year_keeps_windows_line_endings():
    moved, _ = newyear.move_year("år: 2025\r\nkommun: X\r\n", 2025)
    assert moved == "år: 2026\r\nkommun: X\r\n"


def test_move_year_leaves_an_empty_diarienummer_alone():
    moved, notes = newyear.move_year('år: 2025\ndiarienummer: ""\n', 2025)
    assert moved == 'år: 2026\ndiarienummer: ""\n' and notes == []


def test_a_file_whose_year_cannot_be_moved_is_an_error():
    moved, _ = newyear.move_year("år: [2025]\n", 2025)
    with pytest.raises(ParameterError) as caught:
        newyear.check_moved(moved, 2025, "x.yml")
    assert "2026" in str(caught.value) and "x.yml" in str(caught.value)


# --- templates and drafts ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(registry()))
def test_template_is_the_schema_header_for_swedish_excel(name):
    table = registry()[name]
    raw = newyear.template(table)
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads å, ä, ö correctly
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows == [list(table.columns)]


def test_draft_puts_a_visible_marker_above_last_years_text():
    text = newyear.draft("\ufeffUnder 2025 gjordes tre granskningar.\n", 2025).decode()
    first, rest = text.split("\n\n", 1)
    assert DRAFT_MARKER in first and "2025" in first and "2026" in first
    assert rest == "Under 2025 gjordes tre granskningar.\n"


# --- scaffold on the example kommun ------------------------------------------------------------


def test_scaffold_creates_next_year(project):
    result = newyear.scaffold("exempelstad", 2025)
    assert result.year == 2026 and result.changed and not result.existing
    new_params = project / "params" / "exempelstad" / "2026" / "socialnamnden.yml"
    ps = params.load_params(new_params)
    assert ps.year == 2026 and ps.period == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    folder = project / "data" / "exempelstad" / "2026"
    last_year = project / "data" / "exempelstad" / "2025"
    # every table last year's reports read (the register's too) gets a template
    assert {p.stem for p in folder.glob("*.csv")} == {p.stem for p in last_year.glob("*.csv")}
    assert not (folder / "text" / "utforare").exists()  # one year's granskningar stay there
    texts = {
        p.relative_to(folder / "text").with_suffix("").as_posix(): p.read_text(encoding="utf-8")
        for p in (folder / "text").rglob("*.md")
    }
    assert set(texts) == set(KONTROLL.texts) | set(KVALITET.texts)  # kvalitet's in a subfolder
    old = project / "data" / "exempelstad" / "2025" / "text"
    for name, content in texts.items():
        assert content.startswith(f"**{DRAFT_MARKER}:**")
        assert content.endswith((old / f"{name}.md").read_text(encoding="utf-8").strip() + "\n")
    assert any("diarienummer" in note for note in result.notes)


def test_second_run_changes_nothing(project):
    first = newyear.scaffold("exempelstad", 2025)
    before = tree(project)
    second = newyear.scaffold("exempelstad", 2025)
    assert not second.changed and second.created == [] and second.notes == []
    assert sorted(second.existing) == sorted(first.created)
    assert tree(project) == before


def test_existing_files_are_never_overwritten(project):
    folder = project / "data" / "exempelstad" / "2026"
    (folder / "text").mkdir(parents=True)
    (folder / "text" / "metod.md").write_text("Årets egen metodtext.\n", encoding="utf-8")
    (folder / "placeringar.xlsx").write_bytes(b"not really excel")
    result = newyear.scaffold("exempelstad", 2025)
    assert (folder / "text" / "metod.md").read_text(encoding="utf-8") == "Årets egen metodtext.\n"
    assert not (folder / "placeringar.csv").exists()  # the table is there, as Excel
    assert {"data/exempelstad/2026/text/metod.md", "data/exempelstad/2026/placeringar.xlsx"} <= set(
        result.existing
    )


def test_the_kommun_may_be_given_by_name(project):
    assert newyear.scaffold("Exempelstad", 2025).kommun == "exempelstad"


def test_unknown_kommun_or_year_is_an_error_naming_what_exists(project):
    with pytest.raises(ParameterError) as caught:
        newyear.scaffold("exempelstad", 2019)
    assert "params/exempelstad/2019" in str(caught.value)
    assert "exempelstad" in caught.value.problems[0].hint


def test_filled_templates_pass_validation_and_drafts_are_warned_about(project):
    newyear.scaffold("exempelstad", 2025)
    old = project / "data" / "exempelstad" / "2025"
    new = project / "data" / "exempelstad" / "2026"
    for template in new.glob("*.csv"):
        fill_with(template, old / template.name)
    for other in sorted((project / "params" / "exempelstad" / "2026").glob("*.yml")):
        build.check_inputs(params.load_params(other))  # raises DataError if a table is refused
    ps = params.load_params(project / "params" / "exempelstad" / "2026" / "socialnamnden.yml")
    warnings = build.check_inputs(ps)
    for name in KONTROLL.texts:
        assert any(f"2026/text/{name}.md" in w and "utkast" in w for w in warnings), name

    edited = new / "text" / "metod.md"
    edited.write_text(edited.read_text(encoding="utf-8").split("\n\n", 1)[1], encoding="utf-8")
    warnings = build.check_inputs(ps)
    assert not any("metod.md" in w for w in warnings)
    assert any("slutsatser.md" in w for w in warnings)


def test_cli_says_when_nothing_changed(project):
    def run():
        return subprocess.run(
            [sys.executable, "-m", "insyn.cli", "nytt-ar", "exempelstad", "2025"],
            capture_output=True,
            text=True,
            check=False,
        )

    first = run()
    assert first.returncode == 0, first.stderr
    assert "skapad" in first.stdout and "2026" in first.stdout
    second = run()
    assert second.returncode == 0
    assert "Inget ändrades" in second.stdout and "skapad" not in second.stdout
