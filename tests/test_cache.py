"""The validation cache returns a stored result only for the very same file contents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from insyn import cache, load
from insyn.errors import DataError

FIXTURES = Path(__file__).parent / "fixtures" / "load"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("INSYN_CACHE", str(tmp_path / "cache"))
    shutil.copytree(FIXTURES / "valid", tmp_path / "kommun")
    return tmp_path


def test_second_load_is_served_from_the_cache(project, monkeypatch):
    first = load.load_year("kommun", 2025, ["utforare", "placeringar"], root=project)
    monkeypatch.setattr(load, "read_year", lambda *a, **k: pytest.fail("validated again"))
    second = load.load_year("kommun", 2025, ["utforare", "placeringar"], root=project)
    assert second.fingerprint() == first.fingerprint()
    assert second["placeringar"].equals(first["placeringar"])


def test_a_changed_byte_is_validated_again(project):
    load.load_year("kommun", 2025, ["utforare", "placeringar"], root=project)
    path = project / "kommun" / "2025" / "placeringar.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2025-01-01", "2025-02-30", 1), encoding="utf-8")
    with pytest.raises(DataError):
        load.load_year("kommun", 2025, ["utforare", "placeringar"], root=project)


def test_a_different_request_is_a_different_key():
    files = {"a.csv": "0" * 64}
    assert cache.key(files, {"tables": ["a"]}) != cache.key(files, {"tables": ["a", "b"]})
    assert cache.key(files, {"tables": ["a"]}) == cache.key(dict(files), {"tables": ["a"]})


def test_an_unreadable_entry_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("INSYN_CACHE", str(tmp_path))
    (tmp_path / f"{'f' * 64}.pickle").write_bytes(b"not a pickle")
    assert cache.get("f" * 64) is None
