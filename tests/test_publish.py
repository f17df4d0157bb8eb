"""insyn.publish.write_file: whole files or nothing, and never over a file that must stay."""

from __future__ import annotations

import os

from insyn import publish


def test_write_file_replaces_atomically_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "ut" / "lista.xlsx"
    assert publish.write_file(target, b"first")
    assert publish.write_file(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["lista.xlsx"]


def test_write_file_without_replace_never_touches_an_existing_file(tmp_path):
    target = tmp_path / "mall.xlsx"
    target.write_bytes(b"strategens data")
    assert publish.write_file(target, b"mall", replace=False) is False
    assert target.read_bytes() == b"strategens data"
    assert [p.name for p in tmp_path.iterdir()] == ["mall.xlsx"]
    fresh = tmp_path / "ny.xlsx"
    assert publish.write_file(fresh, b"mall", replace=False) is True
    assert fresh.read_bytes() == b"mall"


def test_written_file_has_ordinary_permissions(tmp_path):
    target = tmp_path / "mall.xlsx"
    publish.write_file(target, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
