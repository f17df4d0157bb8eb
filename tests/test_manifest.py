"""insyn.manifest: the build key's ingredients and the reasons a recorded build is out of date."""

from __future__ import annotations

import dataclasses
import json

import pytest

from insyn import manifest, paths
from insyn.params import load_params

PARAMS = paths.params_dir() / "exempelstad" / "2025" / "socialnamnden.yml"
RENDERER = "pandoc+typst pandoc 3.9, typst 0.15.2"


@pytest.fixture(scope="module")
def ps():
    return load_params(PARAMS)


@pytest.fixture()
def recorded(ps):
    """A manifest as build_one records it, for the current inputs."""
    inputs = manifest.input_files(ps)
    name, version = RENDERER.split(" ", 1)
    return {
        "key": manifest.build_key(ps, inputs, RENDERER),
        "parameters": json.loads(json.dumps(dict(ps.values), default=str)),
        "reports": list(ps.reports),
        "formats": list(ps.formats),
        "inputs": inputs,
        "insyn": {"fingerprint": manifest.insyn_fingerprint()},
        "renderer": {"name": name, "version": version},
        "outputs": {"kontroll-och-uppfoljning.html": "0" * 64},
    }


def test_inputs_are_this_and_last_years_files_and_the_notebook(ps):
    inputs = manifest.input_files(ps)
    assert "notebooks/kontroll-och-uppfoljning.ipynb" in inputs
    assert "data/exempelstad/2025/placeringar.csv" in inputs
    assert "data/exempelstad/2025/text/slutsatser.md" in inputs
    assert "data/exempelstad/2024/placeringar.csv" in inputs
    assert all(len(digest) == 64 for digest in inputs.values())
    assert inputs["data/exempelstad/2025/placeringar.csv"] == manifest.sha256_file(
        paths.data_dir() / "exempelstad" / "2025" / "placeringar.csv"
    )


def test_nothing_changed_gives_no_reasons(ps, recorded):
    assert manifest.changes(recorded, ps, manifest.input_files(ps), RENDERER) == []


def test_a_changed_added_or_removed_file_is_named(ps, recorded):
    inputs = dict(manifest.input_files(ps))
    inputs["data/exempelstad/2025/placeringar.csv"] = "f" * 64
    inputs["data/exempelstad/2025/ny.csv"] = "e" * 64
    del inputs["data/exempelstad/2025/utfall.csv"]
    assert manifest.changes(recorded, ps, inputs, RENDERER) == [
        "ny fil: data/exempelstad/2025/ny.csv",
        "ändrad: data/exempelstad/2025/placeringar.csv",
        "filen finns inte längre: data/exempelstad/2025/utfall.csv",
    ]


def test_changed_parameters_are_named_by_key(ps, recorded):
    changed = dataclasses.replace(ps, values={**ps.values, "gräns_placeringar": 5})
    reasons = manifest.changes(recorded, changed, manifest.input_files(ps), RENDERER)
    assert reasons == ["ändrade parametrar: gräns_placeringar"]
    key = manifest.build_key(changed, manifest.input_files(ps), RENDERER)
    assert key != recorded["key"]


def test_a_new_insyn_or_renderer_is_a_reason(ps, recorded, monkeypatch):
    monkeypatch.setattr(manifest, "insyn_fingerprint", lambda: "9.9.9+abcdef")
    reasons = manifest.changes(recorded, ps, manifest.input_files(ps), "quarto quarto 1.10.18")
    assert reasons == [
        "ny version av insyn (9.9.9+abcdef)",
        "annan renderare (quarto quarto 1.10.18)",
    ]


def test_missing_outputs_and_is_current(tmp_path, recorded):
    manifest.write(tmp_path, recorded)
    assert manifest.missing_outputs(tmp_path, recorded) == ["kontroll-och-uppfoljning.html"]
    assert not manifest.is_current(tmp_path, recorded["key"])
    (tmp_path / "kontroll-och-uppfoljning.html").write_text("<html></html>")
    assert manifest.missing_outputs(tmp_path, recorded) == []
    assert manifest.is_current(tmp_path, recorded["key"])
    assert not manifest.is_current(tmp_path, "another key")
