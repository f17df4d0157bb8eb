"""The fallback's HTML: pandoc Markdown → one self-contained ``html5`` file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from insyn import paths
from insyn.render.metadata import format_option, has_facts
from insyn.render.settings import MARKDOWN_READER, READER_COLUMNS
from insyn.render.tools import pandoc_version, run_pandoc

TEMPLATE_KEYS = (
    "title",
    "subtitle",
    "kommun",
    "namnd",
    "year",
    "date",
    "diarienummer",
    "logo",
    "logo-alt",
    "underlag",
    "built",
    "version",
    "renderer",
    "lang",
    "toc-title",
)


def pandoc_metadata_args(block: Mapping[str, Any]) -> list[str]:
    """Title-block values as ``-M key=value``: pandoc takes these as literal strings, so text from
    data is escaped by the HTML writer rather than read as Markdown."""
    args: list[str] = []
    for key in TEMPLATE_KEYS:
        if block.get(key):
            args += ["-M", f"{key}={block[key]}"]
    for name in block.get("author") or ():
        args += ["-M", f"author={name}"]
    if has_facts(block):
        args += ["-M", "has-facts=true"]
    return args


HTML_FAILED = "pandoc kunde inte skapa HTML-filen"


def markdown_to_html(
    markdown: str, meta: Mapping[str, Any], block: Mapping[str, Any], workdir: Path, shift: int
) -> str:
    """``pandoc -f markdown -t html5 --standalone --embed-resources`` with Insyn's template."""
    assets = paths.assets_dir()
    args = [
        "--standalone",
        "--embed-resources",
        f"--template={assets / 'report.html'}",
        f"--css={assets / 'report.css'}",
        f"--lua-filter={assets / 'report.lua'}",
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
    return run_pandoc(markdown, MARKDOWN_READER, "html5", args, cwd=workdir, failure=HTML_FAILED)


def no_highlighting_option() -> str:
    """Markdown code blocks stay plain: highlighting adds per-line anchors and styling that a
    report does not need. pandoc 3.8 renamed the option."""
    parts = [int(p) for p in re.findall(r"\d+", pandoc_version())[:2]]
    return "--syntax-highlighting=none" if parts >= [3, 8] else "--no-highlight"
