"""Choosing a renderer (Quarto or pandoc + Typst) and the :func:`render` entry point."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from insyn.errors import RenderError
from insyn.render.document import Document, check_formats, read_document
from insyn.render.html import markdown_to_html
from insyn.render.markdown import caption_figure_data, compose_markdown, top_heading_level
from insyn.render.metadata import merge_metadata, title_block
from insyn.render.pdf import markdown_to_pdf
from insyn.render.quarto import render_with_quarto
from insyn.render.settings import FORMATS, PANDOC_TYPST, QUARTO
from insyn.render.tools import pandoc_version, quarto_version, typst_version, write_atomically
from insyn.sanitize import clean_report_html


@dataclass(frozen=True)
class Renderer:
    """Which tool renders, and its version (recorded in manifests and the build key)."""

    name: str  # "quarto" or "pandoc+typst"
    version: str  # e.g. "quarto 1.10.18" or "pandoc 3.9, typst 0.15.2"


def detect_renderer(prefer: str | None = None) -> Renderer:
    """The renderer to use: ``INSYN_RENDERER`` if set, else ``prefer``, else Quarto when it is
    on ``PATH`` and pandoc + Typst otherwise."""
    choice = (os.environ.get("INSYN_RENDERER") or prefer or "auto").strip().lower()
    if choice == "auto":
        choice = QUARTO if shutil.which(QUARTO) else PANDOC_TYPST
    if choice == QUARTO:
        executable = shutil.which(QUARTO)
        if not executable:
            raise RenderError(
                "Renderaren quarto valdes, men programmet quarto finns inte i PATH. Installera "
                "Quarto (conda install -c conda-forge quarto) eller välj renderaren pandoc+typst."
            )
        return Renderer(QUARTO, f"quarto {quarto_version(executable)}")
    if choice in (PANDOC_TYPST, "pandoc"):
        return Renderer(PANDOC_TYPST, f"pandoc {pandoc_version()}, typst {typst_version()}")
    raise RenderError(
        f"Okänd renderare {choice!r} (INSYN_RENDERER eller --renderare). "
        "Välj quarto eller pandoc+typst."
    )


def render(
    executed: Path,
    outdir: Path,
    *,
    stem: str,
    formats: Sequence[str] = FORMATS,
    metadata: Mapping[str, Any] | None = None,
    renderer: Renderer | None = None,
    side_by_side: bool = True,
) -> dict[str, Path]:
    """Renders an executed notebook to ``outdir/<stem>.html`` and/or ``outdir/<stem>.pdf``.

    ``side_by_side`` makes the two formats at the same time (the fallback path: each spends
    most of its time in its own pandoc process), for a build that has a second core to itself.

    Returns ``{"html": path, "pdf": path}`` for the formats asked for. Raises
    :class:`RenderError` when the notebook holds an error output, a figure lacks alt text, or a
    tool fails.
    """
    executed, outdir = Path(executed), Path(outdir)
    wanted = check_formats(formats)
    renderer = renderer or detect_renderer()
    document = read_document(executed)
    caption_figure_data(document)
    outdir.mkdir(parents=True, exist_ok=True)
    meta = merge_metadata(document.front, metadata or {})
    meta.setdefault("renderer", renderer.version)
    if renderer.name == QUARTO:
        return render_with_quarto(document, outdir, stem, wanted, meta, metadata or {})
    return render_with_pandoc(document, outdir, stem, wanted, meta, side_by_side)


def render_with_pandoc(
    document: Document,
    outdir: Path,
    stem: str,
    formats: Sequence[str],
    meta: Mapping[str, Any],
    side_by_side: bool = True,
) -> dict[str, Path]:
    """The fallback path: Markdown → pandoc → HTML, and Markdown → pandoc → Typst → PDF. The
    two share nothing but the Markdown and its media folder, so they can run side by side."""
    with tempfile.TemporaryDirectory(prefix="insyn-render-") as tmp:
        workdir = Path(tmp)
        markdown = compose_markdown(document, workdir / "media")
        block = title_block(meta, stem)
        top = top_heading_level(markdown)

        def write_html() -> Path:
            html = markdown_to_html(markdown, meta, block, workdir, shift=2 - top)
            html = clean_report_html(html)  # insyn.sanitize: nothing executable is published
            return write_atomically(outdir / f"{stem}.html", html.encode("utf-8"))

        def write_pdf() -> Path:
            pdf = markdown_to_pdf(markdown, document, meta, block, workdir, shift=1 - top)
            return write_atomically(outdir / f"{stem}.pdf", pdf)

        steps = {"html": write_html, "pdf": write_pdf}
        return run_steps({fmt: steps[fmt] for fmt in FORMATS if fmt in formats}, side_by_side)


def run_steps(steps: Mapping[str, Callable[[], Path]], side_by_side: bool) -> dict[str, Path]:
    """Runs the format steps, in threads when ``side_by_side``; the first failure is raised."""
    if not side_by_side or len(steps) < 2:
        return {fmt: step() for fmt, step in steps.items()}
    with ThreadPoolExecutor(max_workers=len(steps), thread_name_prefix="insyn-render") as pool:
        futures = {fmt: pool.submit(step) for fmt, step in steps.items()}
        return {fmt: future.result() for fmt, future in futures.items()}
