"""The external tools: their versions, and writing their output atomically."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from insyn.errors import RenderError
from insyn.render.settings import QUARTO, log


@lru_cache(maxsize=4)
def quarto_version(executable: str = QUARTO) -> str:
    """``quarto --version``, asked once per process (it takes a noticeable fraction of a second)."""
    try:
        done = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=60, check=True
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"Det gick inte att fråga Quarto om versionen: {exc}") from exc
    return done.stdout.strip() or "okänd"


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """The pandoc binary that ``pypandoc-binary`` ships (or pypandoc finds on ``PATH``)."""
    import pypandoc

    try:
        return pypandoc.get_pandoc_path()
    except OSError as exc:
        raise RenderError(
            "pandoc hittades inte. Installera om paketet pypandoc-binary (pip install "
            "pypandoc-binary)."
        ) from exc


@lru_cache(maxsize=1)
def pandoc_version() -> str:
    import pypandoc

    pandoc_path()  # a missing pandoc is reported in Swedish
    return pypandoc.get_pandoc_version()


def run_pandoc(
    source: str, reader: str, writer: str, args: Sequence[str], *, cwd: Path | None, failure: str
) -> str:
    """``pandoc -f reader -t writer args`` on ``source``, run in ``cwd``; its output as text.

    The working folder is given to the pandoc process only: pypandoc's ``convert_text`` changes
    the whole Python process's folder instead, which breaks when HTML and PDF are rendered side
    by side. A failure is a :class:`RenderError` that starts with ``failure``.
    """
    command = [pandoc_path(), f"--from={reader}", f"--to={writer}", *args]
    try:
        done = subprocess.run(
            command, input=source.encode("utf-8"), capture_output=True, cwd=cwd, check=False
        )
    except OSError as exc:
        raise RenderError(f"{failure}: {exc}") from exc
    message = done.stderr.decode("utf-8", errors="replace").strip()
    if done.returncode != 0:
        raise RenderError(f"{failure}: {message or f'slutkod {done.returncode}'}")
    if message:
        log.debug("pandoc: %s", message)
    return done.stdout.decode("utf-8")


@lru_cache(maxsize=1)
def typst_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("typst")
    except PackageNotFoundError as exc:
        raise RenderError("Paketet typst saknas. Installera det med pip install typst.") from exc


def copy_logo(logo: Path, workdir: Path) -> str:
    """Copies the logotype into ``workdir`` (Typst reads files only below its root) and returns
    its name there; a logotype that does not exist is a :class:`RenderError`."""
    if not logo.is_file():
        raise RenderError(f"Logotypen {logo} finns inte.")
    local = f"logotyp{logo.suffix.lower()}"
    shutil.copyfile(logo, workdir / local)
    return local


def write_atomically(target: Path, data: bytes) -> Path:
    """Writes ``data`` so that ``target`` is either the old file or the whole new one."""
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target
