"""The external tools: their versions, and writing their output atomically."""

from __future__ import annotations

import os
import subprocess
from functools import lru_cache
from pathlib import Path

from insyn.errors import RenderError
from insyn.render.settings import QUARTO


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
def pandoc_version() -> str:
    import pypandoc

    try:
        return pypandoc.get_pandoc_version()
    except OSError as exc:
        raise RenderError(
            "pandoc hittades inte. Installera om paketet pypandoc-binary (pip install "
            "pypandoc-binary)."
        ) from exc


@lru_cache(maxsize=1)
def typst_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("typst")
    except PackageNotFoundError as exc:
        raise RenderError("Paketet typst saknas. Installera det med pip install typst.") from exc


def write_atomically(target: Path, data: bytes) -> Path:
    """Writes ``data`` so that ``target`` is either the old file or the whole new one."""
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target
