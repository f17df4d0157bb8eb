"""insyn.reproducible: the same inputs give byte-identical reports."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from projects import copy_project

from insyn import build, manifest, paths, reproducible

REPORT = "kontroll-och-uppfoljning"


def papermill_notebook(tmp_path, stamp: str):
    """An executed notebook as papermill leaves it, stamped with ``stamp`` as its run time."""
    source = new_code_cell("x = 1", id="cell-01", execution_count=1)
    cell = new_code_cell("år = 2025", metadata={"tags": ["injected-parameters"]})  # random id
    cell.metadata["execution"] = {"iopub.status.busy": f"{stamp}Z"}
    cell.metadata["papermill"] = {
        "start_time": stamp,
        "end_time": stamp,
        "duration": 0.1,
        "status": "completed",
        "exception": False,
    }
    notebook = new_notebook(cells=[cell, source])
    notebook.metadata["papermill"] = {
        "start_time": stamp,
        "end_time": stamp,
        "duration": 1.5,
        "input_path": str(paths.project_root() / "notebooks" / f"{REPORT}.ipynb"),
        "output_path": str(tmp_path / ".staging" / f"run-{stamp[-4:]}" / f"{REPORT}.ipynb"),
        "parameters": {"år": 2025},
        "version": "2.7.0",
    }
    path = tmp_path / f"{stamp[-4:]}.ipynb"
    nbformat.write(notebook, path)
    return path


def test_normalised_notebooks_of_two_runs_are_identical(tmp_path):
    first = papermill_notebook(tmp_path, "2026-01-01T10:00:00.1111")
    second = papermill_notebook(tmp_path, "2026-01-02T11:30:00.2222")
    assert first.read_bytes() != second.read_bytes()
    for path in (first, second):
        reproducible.normalise_notebook(path)
    assert first.read_bytes() == second.read_bytes()
    notebook = nbformat.read(first, as_version=4)
    nbformat.validate(notebook)
    run = notebook.metadata["papermill"]
    assert run["input_path"] == f"notebooks/{REPORT}.ipynb"
    assert run["output_path"] == f"{REPORT}.ipynb"
    assert run["parameters"] == {"år": 2025}  # what the run was given stays on record
    assert notebook.cells[0].metadata["papermill"]["status"] == "completed"
    assert [c.id for c in notebook.cells] == ["injected-parameters", "cell-01"]
    assert "2026" not in first.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("a", "b", "offset"),
    [(b"abc", b"abc", None), (b"abc", b"abd", 2), (b"ab", b"abc", 2), (b"", b"x", 0)],
)
def test_first_difference(a, b, offset):
    assert reproducible.first_difference(a, b) == offset


@pytest.mark.e2e
def test_two_builds_of_the_same_inputs_are_byte_identical(tmp_path, monkeypatch):
    project = copy_project(tmp_path)
    monkeypatch.setenv("INSYN_ROOT", str(project))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    params = project / "params" / "exempelstad" / "2025" / "socialnamnden.yml"
    folders = []
    for site in ("a", "b"):
        result = build.build_one(params, site=project / site, force=True)
        assert result.status == build.BUILT, result.error
        folders.append(project / site / result.slug)
    first, second = (manifest.read(f) for f in folders)
    assert {f"{REPORT}.html", f"{REPORT}.pdf", f"{REPORT}.ipynb"} <= set(first["outputs"])
    for name in first["outputs"]:
        assert (folders[0] / name).read_bytes() == (folders[1] / name).read_bytes(), name
    assert first["outputs"] == second["outputs"]
    assert list(first["inputs"]) == sorted(first["inputs"])
    raw = (folders[0] / manifest.NAME).read_text(encoding="utf-8")
    assert list(json.loads(raw)) == sorted(json.loads(raw))  # keys written sorted
    for name in first["outputs"]:  # no trace of where or when the build ran
        data = (folders[0] / name).read_bytes()
        assert str(project).encode() not in data and b".staging" not in data, name
