"""The fallback's PDF: pandoc Markdown → Typst markup → tagged PDF/UA-1 (``typst.compile``)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import shutil
import threading
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from insyn import paths
from insyn.errors import RenderError
from insyn.render.document import Document, Figure
from insyn.render.metadata import format_option, pdf_timestamp, plain
from insyn.render.settings import _TYPST_IMAGE, MARKDOWN_READER, PDF_STANDARD, READER_COLUMNS, log
from insyn.render.tools import copy_logo, run_pandoc


def markdown_to_typst(markdown: str, workdir: Path, shift: int) -> str:
    """The report body as Typst markup (``pandoc -f markdown -t typst``)."""
    args = [
        f"--shift-heading-level-by={shift}",
        f"--lua-filter={paths.assets_dir() / 'report.lua'}",
        "--wrap=preserve",
        READER_COLUMNS,
    ]
    return run_pandoc(
        markdown,
        MARKDOWN_READER,
        "typst",
        args,
        cwd=workdir,
        failure="pandoc kunde inte skapa Typst-underlaget till PDF:en",
    )


def add_typst_alt_text(body: str, document: Document, media: str) -> str:
    """Adds ``alt:`` to the ``image(...)`` calls pandoc writes for our figures: pandoc's Typst
    writer drops the alt attribute, and PDF/UA-1 requires it."""
    alts = {
        f"{media}/cell{cell.number}-{index}.{block.extension}": block.alt
        for cell in document.cells
        for index, block in enumerate(cell.blocks, start=1)
        if isinstance(block, Figure)
    }

    def with_alt(match: re.Match[str]) -> str:
        alt = alts.get(match.group("src"))
        return match.group(0) if alt is None else f"{match.group(0)}, alt: {typst_string(alt)}"

    return _TYPST_IMAGE.sub(with_alt, body)


def typst_string(text: str) -> str:
    """A Typst string literal."""
    cleaned = "".join(c if c >= " " or c in "\n\t" else " " for c in text)
    escaped = cleaned.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", "\\t") + '"'


def typst_meta(meta: Mapping[str, Any], block: Mapping[str, Any]) -> dict[str, Any]:
    """What report.typ reads from ``sys.inputs``: the title block plus layout switches."""
    return {
        **block,
        "toc": bool(format_option(meta, "typst", "toc", True)),
        "toc-depth": int(format_option(meta, "typst", "toc-depth", 2)),
        "number-sections": bool(format_option(meta, "typst", "number-sections", True)),
        # lang sv alone makes Typst write sv-US into the PDF; the region makes it sv-SE.
        "region": plain(format_option(meta, "typst", "region", "SE")),
    }


def markdown_to_pdf(
    markdown: str,
    document: Document,
    meta: Mapping[str, Any],
    block: Mapping[str, Any],
    workdir: Path,
    shift: int,
) -> bytes:
    """Typst body + ``report.typ`` → PDF/UA-1 with a fixed timestamp."""
    body = add_typst_alt_text(markdown_to_typst(markdown, workdir, shift), document, "media")
    shutil.copyfile(paths.assets_dir() / "report.typ", workdir / "report.typ")
    block = with_local_logo(block, workdir)
    main = workdir / "main.typ"
    main.write_text(
        '#import "report.typ": *\n'
        '#show: report.with(meta: json(bytes(sys.inputs.at("insyn-meta"))))\n\n' + body,
        encoding="utf-8",
    )
    return compile_typst(main, workdir, typst_meta(meta, block), pdf_timestamp(meta))


def with_local_logo(block: Mapping[str, Any], workdir: Path) -> dict[str, Any]:
    """Typst reads files only below its root: the logotype is copied next to ``main.typ``."""
    if not block.get("logo"):
        return dict(block)
    return {**block, "logo": copy_logo(Path(block["logo"]), workdir)}


def font_paths() -> list[str]:
    """DejaVu Sans for headings, captions and tables: the font matplotlib ships and draws the
    figures with, so text and figures match and every machine has the same font."""
    import matplotlib

    return [str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")]


def compile_typst(main: Path, root: Path, meta: Mapping[str, Any], timestamp: dt.datetime) -> bytes:
    """Compiles ``main`` as PDF/UA-1 with this process's Typst compiler (Typst's bundled fonts
    and matplotlib's: the same fonts on every machine, hence the same bytes)."""
    import typst

    with warnings.catch_warnings(record=True) as caught, COMPILER_LOCK:
        warnings.simplefilter("always")
        try:
            pdf = compiler().compile(
                input=main,
                root=str(root),
                sys_inputs={"insyn-meta": json.dumps(meta, ensure_ascii=False, sort_keys=True)},
                timestamp=timestamp,
                pdf_standards=[PDF_STANDARD],
            )
        except typst.TypstError as exc:
            hints = " ".join(getattr(exc, "hints", None) or ())
            message = getattr(exc, "message", None) or str(exc)
            raise RenderError(
                f"Typst kunde inte skapa PDF:en: {message}" + (f" ({hints})" if hints else "")
            ) from exc
        finally:
            age_typst_caches()
    for warning in caught:
        log.debug("typst: %s", warning.message)
    return pdf


COMPILER_LOCK = threading.Lock()  # one compilation at a time per process (shared caches)

# Typst memoises layout work across compilations and, after each one, drops what the last ten
# did not use. A batch worker compiling ever new reports would hold about ten reports' worth
# (≈ 170 MB, measured). A few tiny compilations after each report age a report's own entries
# out after about two reports, while what every report uses (fonts, report.typ) stays warm.
AGEING_COMPILES = 4
EMPTY_DOCUMENT = b"#set document(title: [x])\n"


@functools.cache
def compiler() -> Any:
    """This process's Typst compiler: fonts are found and read once, not per report."""
    import typst

    return typst.Compiler(font_paths=font_paths(), ignore_system_fonts=True)


def age_typst_caches() -> None:
    for _ in range(AGEING_COMPILES):
        compiler().compile(input=EMPTY_DOCUMENT)
