"""The fallback's PDF: pandoc Markdown → Typst markup → tagged PDF/UA-1 (``typst.compile``)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from insyn import paths
from insyn.errors import RenderError
from insyn.render.document import Document, Figure
from insyn.render.metadata import format_option, pdf_timestamp, plain
from insyn.render.settings import _TYPST_IMAGE, MARKDOWN_READER, PDF_STANDARD, READER_COLUMNS, log
from insyn.render.tools import typst_version


def markdown_to_typst(markdown: str, workdir: Path, shift: int) -> str:
    """The report body as Typst markup (``pandoc -f markdown -t typst``)."""
    import pypandoc

    try:
        return pypandoc.convert_text(
            markdown,
            "typst",
            format=MARKDOWN_READER,
            extra_args=[f"--shift-heading-level-by={shift}", "--wrap=preserve", READER_COLUMNS],
            verify_format=False,
            cworkdir=str(workdir),
        )
    except RuntimeError as exc:
        raise RenderError(f"pandoc kunde inte skapa Typst-underlaget till PDF:en: {exc}") from exc


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
    main = workdir / "main.typ"
    main.write_text(
        '#import "report.typ": *\n'
        '#show: report.with(meta: json(bytes(sys.inputs.at("insyn-meta"))))\n\n' + body,
        encoding="utf-8",
    )
    return compile_typst(main, workdir, typst_meta(meta, block), pdf_timestamp(meta))


def compile_typst(main: Path, root: Path, meta: Mapping[str, Any], timestamp: dt.datetime) -> bytes:
    """``typst.compile`` as PDF/UA-1, with only Typst's bundled fonts (the same fonts on every
    machine, hence the same bytes)."""
    import typst

    options = {
        "root": str(root),
        "sys_inputs": {"insyn-meta": json.dumps(meta, ensure_ascii=False, sort_keys=True)},
        "timestamp": timestamp,
        "ignore_system_fonts": True,
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            pdf = compile_as_pdf_ua(typst, main, options)
        except typst.TypstError as exc:
            hints = " ".join(getattr(exc, "hints", None) or ())
            message = getattr(exc, "message", None) or str(exc)
            raise RenderError(
                f"Typst kunde inte skapa PDF:en: {message}" + (f" ({hints})" if hints else "")
            ) from exc
    for warning in caught:
        log.debug("typst: %s", warning.message)
    return pdf


def compile_as_pdf_ua(typst: Any, main: Path, options: Mapping[str, Any]) -> bytes:
    """Compiles as PDF/UA-1 where the installed Typst can; an older one (before Typst 0.14) gets
    a plain tagged PDF and a warning, rather than no PDF at all."""
    try:
        return typst.compile(main, pdf_standards=[PDF_STANDARD], **options)
    except (TypeError, ValueError) as exc:
        log.warning(
            "Typst %s kan inte skapa PDF/UA-1 (%s); PDF:en skapas utan standarden. "
            "Uppgradera paketet typst.",
            typst_version(),
            exc,
        )
        return typst.compile(main, **options)
