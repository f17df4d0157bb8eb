"""The fallback's HTML: pandoc Markdown → one self-contained ``html5`` file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from insyn import paths
from insyn.errors import RenderError
from insyn.render.metadata import format_option
from insyn.render.settings import MARKDOWN_READER, READER_COLUMNS
from insyn.render.tools import pandoc_version


def pandoc_metadata_args(block: Mapping[str, Any]) -> list[str]:
    """Title-block values as ``-M key=value``: pandoc takes these as literal strings, so text from
    data is escaped by the HTML writer rather than read as Markdown."""
    args: list[str] = []
    for key in ("title", "subtitle", "letterhead", "date", "diarienummer", "lang", "toc-title"):
        if block.get(key):
            args += ["-M", f"{key}={block[key]}"]
    for name in block.get("author") or ():
        args += ["-M", f"author={name}"]
    if block.get("date") or block.get("diarienummer") or block.get("author"):
        args += ["-M", "has-facts=true"]
    return args


def markdown_to_html(
    markdown: str, meta: Mapping[str, Any], block: Mapping[str, Any], workdir: Path, shift: int
) -> str:
    """``pandoc -f markdown -t html5 --standalone --embed-resources`` with Insyn's template."""
    import pypandoc

    assets = paths.assets_dir()
    args = [
        "--standalone",
        "--embed-resources",
        f"--template={assets / 'report.html'}",
        f"--css={assets / 'report.css'}",
        f"--resource-path={workdir}",
        f"--shift-heading-level-by={shift}",
        "--wrap=none",
        READER_COLUMNS,
        no_highlighting_option(),
        *pandoc_metadata_args(block),
    ]
    if format_option(meta, "html", "toc", True):
        # As in Quarto, an HTML heading level: 3 lists the <h2> sections and <h3> subsections.
        args += ["--toc", f"--toc-depth={int(format_option(meta, 'html', 'toc-depth', 3))}"]
    if format_option(meta, "html", "number-sections", True):
        args.append("--number-sections")
    try:
        return pypandoc.convert_text(
            markdown,
            "html5",
            format=MARKDOWN_READER,
            extra_args=args,
            verify_format=False,
            cworkdir=str(workdir),
        )
    except RuntimeError as exc:
        raise RenderError(f"pandoc kunde inte skapa HTML-filen: {exc}") from exc


def no_highlighting_option() -> str:
    """Markdown code blocks stay plain: highlighting adds per-line anchors and styling that a
    report does not need. pandoc 3.8 renamed the option."""
    parts = [int(p) for p in re.findall(r"\d+", pandoc_version())[:2]]
    return "--syntax-highlighting=none" if parts >= [3, 8] else "--no-highlight"
