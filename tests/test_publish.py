"""insyn.publish: files written atomically, and new files that never replace existing ones."""

from __future__ import annotations

import stat

from insyn import publish


def test_write_new_creates_a_file_once(tmp_path):
    path = tmp_path / "a" / "b.csv"
    assert publish.write_new(path, b"first") is True
    assert publish.write_new(path, b"second") is False
    assert path.read_bytes() == b"first"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in path.parent.iterdir()] == ["b.csv"]  # no temporary left behind


def test_write_file_replaces_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "sida.html"
    publish.write_file(path, b"old")
    publish.write_file(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["sida.html"]
