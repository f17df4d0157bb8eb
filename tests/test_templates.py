"""insyn.templates and ``insyn mall``: Excel templates from the schemas, never overwriting."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from insyn import check, dictionary, templates
from insyn.schemas import registry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "exempelstad" / "2025"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mallar") / "2025"
    outcome = templates.write_templates(folder)
    assert outcome.skipped == []
    assert [p.name for p in outcome.written] == [f"{n}.xlsx" for n in registry()]
    return folder


@pytest.mark.parametrize("name", list(registry()))
def test_template_header_comments_and_about_sheet(written, name):
    table = registry()[name]
    book = load_workbook(written / f"{name}.xlsx")
    assert book.sheetnames[0] == name
    sheet = book[name]
    assert [c.value for c in sheet[1]] == list(table.columns)
    for cell, column in zip(sheet[1], table.columns.values(), strict=True):
        assert cell.comment is not None and column.description in cell.comment.text
        assert cell.font.bold
    assert sheet.freeze_panes == "A2"
    about = book[templates.ABOUT]
    assert about["A1"].value == table.title
    names = [row[0].value for row in about.iter_rows(min_row=1)]
    assert all(column in names for column in table.columns)
    assert book[templates.LISTS].sheet_state == "hidden"


@pytest.mark.parametrize("name", list(registry()))
def test_template_validation_lists_and_formats_follow_the_schema(written, name):
    book = load_workbook(written / f"{name}.xlsx")
    sheet, lists = book[name], book[templates.LISTS]
    rules = {str(rule.sqref).split(":")[0]: rule for rule in sheet.data_validations.dataValidation}
    for index, info in enumerate(dictionary.columns_of(registry()[name])):
        letter = chr(ord("A") + index)
        rule = rules.get(f"{letter}2")
        if info.kind in ("category", "bool"):
            assert rule.type == "list"
            reference = rule.formula1.split("!")[1].replace("$", "")
            values = [c.value for row in lists[reference] for c in row]
            assert values == list(info.allowed or ("Ja", "Nej"))
        elif info.kind in ("int", "float", "date"):
            assert rule.type == {"int": "whole", "float": "decimal", "date": "date"}[info.kind]
            assert rule.showErrorMessage
        else:
            assert rule is None
        expected = templates.FORMATS.get(info.kind)
        if expected:
            assert sheet.column_dimensions[letter].number_format == expected


def test_count_columns_may_not_be_negative_in_the_template(written):
    sheet = load_workbook(written / "enkater.xlsx")["enkater"]
    rule = next(r for r in sheet.data_validations.dataValidation if str(r.sqref).startswith("B2"))
    assert (rule.operator, rule.formula1) == ("between", "0")


def typed(kind: str, text: str):
    """What a person typing into the template leaves in the cell."""
    if not text:
        return None
    if kind == "date":
        return dt.datetime.fromisoformat(text)
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text.replace(",", "."))
    return text


@pytest.mark.parametrize("as_typed", [True, False], ids=["typed", "pasted-as-text"])
def test_templates_filled_with_the_example_data_pass_the_check(tmp_path, as_typed, monkeypatch):
    monkeypatch.setenv("INSYN_ROOT", str(tmp_path))
    folder = tmp_path / "data" / "kommun" / "2025"
    outcome = templates.write_templates(folder)
    for path in outcome.written:
        table = registry()[path.stem]
        kinds = [info.kind for info in dictionary.columns_of(table)]
        book = load_workbook(path)
        sheet = book[path.stem]
        with (EXAMPLE / f"{path.stem}.csv").open(encoding="utf-8") as source:
            for number, record in enumerate(csv.DictReader(source), start=2):
                for column, (name, kind) in enumerate(zip(table.columns, kinds, strict=True), 1):
                    text = record.get(name, "")
                    sheet.cell(number, column).value = typed(kind, text) if as_typed else text
        book.save(path)
    shutil.copytree(EXAMPLE / "text", folder / "text")
    result = check.check("data/kommun/2025")
    assert result.errors == [], check.describe(result)
    assert result.exit_code == 0


def test_existing_files_are_never_overwritten(tmp_path):
    folder = tmp_path / "2025"
    folder.mkdir()
    (folder / "placeringar.csv").write_text("egen data\n", encoding="utf-8")
    (folder / "Enkater.XLSX").write_bytes(b"egen arbetsbok")
    outcome = templates.write_templates(folder)
    assert (folder / "placeringar.csv").read_text(encoding="utf-8") == "egen data\n"
    assert (folder / "Enkater.XLSX").read_bytes() == b"egen arbetsbok"
    assert not (folder / "placeringar.xlsx").exists()
    assert sorted(outcome.skipped) == [
        "enkater: Enkater.XLSX finns redan",
        "placeringar: placeringar.csv finns redan",
    ]
    second = templates.write_templates(folder)
    assert second.written == [] and len(second.skipped) == len(registry())


def test_cli_mall_writes_into_the_kommun_year_folder(tmp_path):
    (tmp_path / "data" / "nystad").mkdir(parents=True)
    env = {**os.environ, "INSYN_ROOT": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "insyn.cli", "mall", "2026"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Skrev data/nystad/2026/utforare.xlsx" in run.stdout
    assert "insyn kontrollera data/nystad/2026" in run.stdout
    assert sorted(p.name for p in (tmp_path / "data" / "nystad" / "2026").iterdir()) == sorted(
        f"{n}.xlsx" for n in registry()
    )


def test_cli_mall_asks_which_kommun_when_there_are_several(tmp_path):
    for kommun in ("a-stad", "b-stad"):
        (tmp_path / "data" / kommun).mkdir(parents=True)
    run = subprocess.run(
        [sys.executable, "-m", "insyn.cli", "mall", "2026"],
        capture_output=True,
        text=True,
        env={**os.environ, "INSYN_ROOT": str(tmp_path)},
        timeout=120,
    )
    assert run.returncode == 2
    assert "ange vilken kommun" in run.stderr and "a-stad, b-stad" in run.stderr
    assert "Traceback" not in run.stderr
    assert not any((tmp_path / "data").rglob("*.xlsx"))


def test_default_folder_without_a_data_folder_asks_for_the_kommun(tmp_path, monkeypatch):
    from insyn.errors import InputError

    monkeypatch.setenv("INSYN_ROOT", str(tmp_path))
    with pytest.raises(InputError) as caught:
        templates.default_folder(2026)
    assert caught.value.exit_code == 2
    assert "--kommun exempelstad" in caught.value.problems[0].hint
    assert templates.default_folder(2026, "Ny Stad") == tmp_path / "data" / "ny-stad" / "2026"
