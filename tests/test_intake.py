"""The bad-input corpus: each folder in ``tests/fixtures/intake/`` is one broken input.

A case folder holds only what differs from ``_base`` (a small valid year of data and a parameter
file): files that replace or join the base files under ``2025/``, a ``params.yml`` that replaces
the parameter file, and ``expected.yml``: which base files to ``remove``, which big file to
``generate``, and every error (and warning) the check must report, each with its file, row,
column (and key or value where they apply) and a part of its Swedish message.

Each case runs in a fresh copy of a project (``INSYN_ROOT``) and asserts: the errors are exactly
the expected ones, ``insyn build``'s own check refuses the same inputs before any kernel starts,
and not one file of the project was written, changed or removed.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from insyn import build, check
from insyn.errors import InputError, Problem
from insyn.params import load_params

CORPUS = Path(__file__).parent / "fixtures" / "intake"
BASE = CORPUS / "_base"
REPOSITORY = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPOSITORY / "notebooks"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.yml").is_file())
PARAMS = Path("params/provstad/2025/socialnamnden.yml")


def expected_of(case: str) -> dict:
    return yaml.safe_load((CORPUS / case / "expected.yml").read_text(encoding="utf-8"))


def make_project(case: str, root: Path) -> Path:
    """A project with the base data, the case's files laid over it, and its parameter file."""
    expected = expected_of(case)
    (root / "notebooks").symlink_to(NOTEBOOKS)
    year = root / "data" / "provstad" / "2025"
    shutil.copytree(BASE / "2025", year)
    for name in expected.get("remove", []):
        (year / name).unlink()
    if (CORPUS / case / "2025").is_dir():
        shutil.copytree(CORPUS / case / "2025", year, dirs_exist_ok=True)
    params = root / PARAMS
    params.parent.mkdir(parents=True)
    source = CORPUS / case / expected.get("params", "../_base/params.yml")
    shutil.copy2(source, params)
    if "generate" in expected:
        generate(year / expected["generate"]["file"], expected["generate"])
    return params


def generate(path: Path, spec: dict) -> None:
    """Files too big to keep in the repository: a 50 MB CSV, a zip bomb."""
    if "megabytes" in spec:
        row = "P25-0001;HVB Björkhagen;2025-01-10;HVB\n".encode()
        with path.open("wb") as out:
            out.write(b"placering;verksamhet;startdatum;insats\n")
            out.write(row * (spec["megabytes"] * 1024 * 1024 // len(row) + 1))
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            size = spec["unpacked_megabytes"] * 1024 * 1024
            archive.writestr("xl/worksheets/sheet1.xml", b" " * size)
        path.write_bytes(buffer.getvalue())


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "notebooks" not in p.parts
    }


def matches(problem: Problem, entry: dict) -> bool:
    file = entry["file"]
    return (
        problem.file is not None
        and (problem.file == file or problem.file.endswith("/" + file))
        and problem.row == entry["row"]
        and problem.column == entry["column"]
        and entry["message"] in problem.message + " " + (problem.hint or "")
        and ("value" not in entry or problem.value == entry["value"])
        and ("key" not in entry or problem.key == entry["key"])
    )


def test_corpus_has_at_least_forty_cases_each_described():
    assert len(CASES) >= 40
    for case in CASES:
        expected = expected_of(case)
        assert expected["description"]
        assert expected["errors"] or expected.get("warnings"), case
        for entry in expected["errors"] + expected.get("warnings", []):
            assert {"file", "row", "column", "message"} <= entry.keys(), (case, entry)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_reported_where_it_is_and_nothing_is_written(case, tmp_path, monkeypatch):
    expected = expected_of(case)
    root = tmp_path / "projekt"
    root.mkdir()
    params = make_project(case, root)
    monkeypatch.setenv("INSYN_ROOT", str(root))
    monkeypatch.delenv("INSYN_SITE", raising=False)
    before = snapshot(root)

    result = check.check(PARAMS)

    described = "\n".join(p.describe() for p in result.problems)
    for entry in expected["errors"]:
        assert any(matches(p, entry) for p in result.errors), f"{entry}\n{described}"
    assert len(result.errors) == len(expected["errors"]), described
    for entry in expected.get("warnings", []):
        assert any(matches(p, entry) for p in result.warnings), f"{entry}\n{described}"
    assert result.exit_code == (2 if expected["errors"] else 0)
    assert check.describe(result).count("Fel: ") == len(expected["errors"])

    if expected["errors"]:
        with pytest.raises(InputError) as refused:
            build.check_inputs(load_params(params))
        assert refused.value.exit_code == 2
    assert snapshot(root) == before
    assert not (root / "_site").exists()


def test_a_message_masks_the_personnummer_it_refuses(tmp_path, monkeypatch):
    root = tmp_path / "projekt"
    root.mkdir()
    make_project("personnummer_in_data", root)
    monkeypatch.setenv("INSYN_ROOT", str(root))
    text = check.describe(check.check(PARAMS))
    assert "19121212-XXXX" in text
    assert "1212-1212" not in text and "121212-1212" not in text


# --- end to end: `insyn build` refuses and the previous report stays ------------------------------

E2E_CASES = ["impossible_date", "workbook_merged_header", "personnummer_in_data", "markdown_script"]
EXAMPLE = Path("params/exempelstad/2025/socialnamnden.yml")


def insyn(*args: str, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "insyn.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "INSYN_ROOT": str(root), "INSYN_SITE": str(root / "_site")},
        timeout=600,
    )


@pytest.fixture(scope="module")
def built_example(tmp_path_factory) -> Path:
    """A copy of the example project with its report built once."""
    root = tmp_path_factory.mktemp("exempel") / "projekt"
    for name in ("notebooks", "params", "data"):
        shutil.copytree(REPOSITORY / name, root / name)
    shutil.copy2(REPOSITORY / "_quarto.yml", root / "_quarto.yml")
    first = insyn("build", str(EXAMPLE), root=root)
    assert first.returncode == 0, first.stderr
    return root


@pytest.mark.e2e
@pytest.mark.parametrize("case", E2E_CASES)
def test_insyn_build_refuses_bad_input_and_keeps_the_previous_report(built_example, case):
    year = built_example / "data" / "exempelstad" / "2025"
    pristine = {p: p.read_bytes() for p in year.rglob("*") if p.is_file()}
    # the published reports; the batch's own bookkeeping (status, index page, failure log) moves
    reports = built_example / "_site" / "exempelstad"
    site_before = snapshot(reports)
    expected = expected_of(case)
    try:
        for name in expected.get("remove", []):
            (year / name).unlink()
        shutil.copytree(CORPUS / case / "2025", year, dirs_exist_ok=True)
        run = insyn("build", str(EXAMPLE), root=built_example)
    finally:
        for path in [p for p in year.rglob("*") if p.is_file() and p not in pristine]:
            path.unlink()
        for path, content in pristine.items():
            path.write_bytes(content)
    output = run.stdout + run.stderr
    assert run.returncode == 2, output
    assert "Traceback" not in output
    assert "Underlaget innehåller fel" in output
    assert expected["errors"][0]["file"] in output
    assert snapshot(reports) == site_before
