"""The notebooks stay thin, narrative, Quarto-native and committed without outputs."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
import yaml

from insyn import params
from insyn.reports import REPORT_TYPES

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MAX_LINES = 12  # a code cell calls the package; it does not compute


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    return nbformat.read(request.param, as_version=4)


def code_lines(cell) -> list[str]:
    return [
        line
        for line in cell.source.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_every_report_type_has_a_notebook():
    assert {p.stem for p in NOTEBOOKS} >= set(REPORT_TYPES)


def test_committed_without_outputs(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_committed_without_traces_of_a_run(notebook):
    """JupyterLab and papermill leave run times and parameters in metadata; none is committed."""
    assert "papermill" not in notebook.metadata and "widgets" not in notebook.metadata
    for cell in notebook.cells:
        assert not {"execution", "papermill"} & set(cell.metadata), cell.source[:60]
        assert "injected-parameters" not in cell.metadata.get("tags", [])


def test_front_matter_is_the_first_raw_cell(notebook):
    first = notebook.cells[0]
    assert first.cell_type == "raw"
    front = yaml.safe_load(first.source.strip().strip("-"))
    assert front["lang"] == "sv"
    assert front["execute"]["echo"] is False
    assert front["title"]


def test_parameters_cell_is_annotated(notebook):
    cells = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    tree = ast.parse(cells[0].source)
    assignments = [node for node in tree.body if isinstance(node, ast.AnnAssign)]
    assert assignments and len(assignments) == len(tree.body)
    names = {a.target.id for a in assignments}
    assert {"kommun", "nämnd", "år", "datamapp", "period_start", "period_slut"} <= names


def test_code_cells_are_thin(notebook):
    for cell in notebook.cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(
                node, ast.FunctionDef | ast.ClassDef | ast.For | ast.While | ast.Lambda
            ), cell.source
        assert len(code_lines(cell)) <= MAX_LINES, cell.source


def test_figures_have_caption_and_alt_text(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code" and "#| label: fig-" in cell.source:
            assert "#| fig-cap:" in cell.source and "#| fig-alt:" in cell.source


def test_tables_with_labels_have_captions(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code" and "#| label: tbl-" in cell.source:
            assert "#| tbl-cap:" in cell.source


def test_default_parameters_are_a_valid_parameter_set(tmp_path):
    """Opening a notebook in JupyterLab runs it with its defaults: those must pass the same
    checks as a parameter file."""
    for report in REPORT_TYPES:
        declared = params.notebook_parameters(ROOT / "notebooks" / f"{report}.ipynb")
        lines = [f"rapporter: [{report}]"]
        for name, info in declared.items():
            if name in params.BUILD_OWNED:
                continue
            lines.append(f"{name}: {info['default']}")
        path = tmp_path / f"{report}.yml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        ps = params.load_params(path)
        assert ps.reports == (report,)


@pytest.mark.e2e
@pytest.mark.parametrize("source", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_runs_top_to_bottom_with_its_default_parameters(source, tmp_path):
    """What "Run All" in JupyterLab does: no parameters injected, every cell runs, and the
    report's sections show their content."""
    from insyn.execute import run_notebook

    target = tmp_path / source.name
    run_notebook(source, target, {}, cwd=tmp_path)  # raises ExecutionError naming the cell
    executed = nbformat.read(target, as_version=4)
    assert not any("injected-parameters" in c.metadata.get("tags", []) for c in executed.cells)
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert all(o.get("output_type") != "error" for c in code for o in c.outputs)
    shown = [o for c in code for o in c.outputs if "text/markdown" in o.get("data", {})]
    assert len(shown) >= len([c for c in code if c.source.strip().startswith("#| label: tbl-")])
