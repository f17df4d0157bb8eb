"""insyn.verify: ``insyn verifiera`` names the first file that keeps a report from being rebuilt
exactly, and confirms a fresh build."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from projects import copy_project

from insyn import build, verify

REPORT = "kontroll-och-uppfoljning"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def published(tmp_path, monkeypatch) -> Path:
    """A report folder with two outputs and a manifest naming two inputs of the project."""
    monkeypatch.setenv("INSYN_ROOT", str(tmp_path))
    inputs = {"data/x/2025/a.csv": b"a;b\n1;2\n", "data/x/2025/b.csv": b"c\n3\n"}
    for name, data in inputs.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    folder = tmp_path / "_site" / "x" / "2025" / "n"
    folder.mkdir(parents=True)
    outputs = {f"{REPORT}.html": b"<html>1</html>", f"{REPORT}.pdf": b"%PDF-1.7 1"}
    for name, data in outputs.items():
        (folder / name).write_bytes(data)
    manifest = {
        "reports": [REPORT],
        "formats": ["html", "pdf"],
        "parameters": {"år": 2025, "kommun": "X"},
        "build_date": "2026-02-01",
        "params_file": "params/x/2025/n.yml",
        "inputs": {name: sha(data) for name, data in inputs.items()},
        "outputs": {name: sha(data) for name, data in outputs.items()},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_a_missing_manifest_is_an_error(tmp_path):
    with pytest.raises(verify.VerifyError) as caught:
        verify.verify(tmp_path / "manifest.json")
    assert "manifest.json" in str(caught.value)


def test_a_changed_input_byte_is_named_without_rebuilding(published, tmp_path):
    path = tmp_path / "data" / "x" / "2025" / "b.csv"
    path.write_bytes(path.read_bytes().replace(b"3", b"4"))
    result = verify.verify(published / "manifest.json")
    assert not result.matches
    assert result.file == "data/x/2025/b.csv"
    assert "ändrats sedan rapporten byggdes" in result.reason


def test_a_missing_input_is_named(published, tmp_path):
    (tmp_path / "data" / "x" / "2025" / "a.csv").unlink()
    result = verify.verify(published)
    assert (result.file, result.reason) == (
        "data/x/2025/a.csv",
        "indatafilen finns inte längre i projektet",
    )


def test_an_output_edited_after_the_build_is_named(published):
    (published / f"{REPORT}.pdf").write_bytes(b"%PDF-1.7 2")
    result = verify.verify(published / "manifest.json")
    assert result.file == f"{REPORT}.pdf" and "ändrats efter bygget" in result.reason


def test_recorded_parameters_carry_the_recorded_build_date(published):
    _, found = verify.read_manifest(published / "manifest.json")
    ps = verify.recorded_parameters(found)
    assert ps.values["byggdatum"] == "2026-02-01" and ps.year == 2025
    assert ps.reports == (REPORT,) and ps.formats == ("html", "pdf")


def test_the_first_differing_output_is_named_with_its_offset(published, tmp_path):
    _, found = verify.read_manifest(published)
    rebuilt = tmp_path / "ombyggd"
    rebuilt.mkdir()
    (rebuilt / f"{REPORT}.html").write_bytes(b"<html>1</html>")
    (rebuilt / f"{REPORT}.pdf").write_bytes(b"%PDF-1.7 9")
    result = verify.compare_rebuilt(published, rebuilt, found, verify.Verification("x"))
    assert not result.matches and result.file == f"{REPORT}.pdf"
    assert "från byte 9" in result.reason
    assert result.checked == [f"{REPORT}.html"]
    (rebuilt / f"{REPORT}.pdf").write_bytes(b"%PDF-1.7 1")
    result = verify.compare_rebuilt(published, rebuilt, found, verify.Verification("x"))
    assert result.matches and result.checked == [f"{REPORT}.html", f"{REPORT}.pdf"]


@pytest.mark.e2e
def test_verifiera_passes_on_a_fresh_build_and_names_a_changed_input(tmp_path, monkeypatch):
    project = copy_project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1770076800")  # built on 2026-02-03 ...
    # ... and verified a month later: the rebuild must use the recorded date, not today's
    env = {
        **__import__("os").environ,
        "INSYN_ROOT": str(project),
        "SOURCE_DATE_EPOCH": "1772668800",
    }
    params = project / "params" / "exempelstad" / "2025" / "socialnamnden.yml"
    result = build.build_one(params, site=project / "_site", force=True)
    assert result.status == build.BUILT, result.error
    manifest = project / "_site" / result.slug / "manifest.json"
    assert json.loads(manifest.read_text(encoding="utf-8"))["build_date"] == "2026-02-03"

    def verifiera():
        return subprocess.run(
            [sys.executable, "-m", "insyn.cli", "verifiera", str(manifest)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    ok = verifiera()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Stämmer" in ok.stdout and f"{REPORT}.pdf" in ok.stdout

    changed = project / "data" / "exempelstad" / "2025" / "enkater.csv"
    raw = bytearray(changed.read_bytes())
    raw[-2] = ord("1") if raw[-2] != ord("1") else ord("2")  # one byte, last row's last digit
    changed.write_bytes(bytes(raw))
    failed = verifiera()
    assert failed.returncode == 1
    output = " ".join((failed.stdout + failed.stderr).split())
    assert "Stämmer inte" in output and "data/exempelstad/2025/enkater.csv" in output
    assert "Traceback" not in output
