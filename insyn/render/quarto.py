"""The Quarto path: a publishable copy of the notebook rendered with ``quarto render``."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from insyn import paths
from insyn.errors import RenderError
from insyn.render.document import Document, Figure
from insyn.render.markdown import top_heading_level
from insyn.render.metadata import has_facts, logo_alt, pdf_timestamp, title_block
from insyn.render.settings import IMAGE_TYPES, QUARTO, QUARTO_TARGETS, QUARTO_TIMEOUT
from insyn.render.tools import copy_logo
from insyn.sanitize import clean_quarto_html


def quarto_command(
    notebook: Path, fmt: str, output_name: str, metadata: Mapping[str, Any]
) -> list[str]:
    """``quarto render <notebook> --to html|typst --no-execute --output <name> -M key:value …``.

    ``fmt`` is ``html`` or ``pdf`` (Typst PDF); ``-M`` values as :func:`metadata_value` writes
    them.
    """
    if fmt not in QUARTO_TARGETS:
        raise RenderError(f"Okänt utdataformat {fmt!r}. Tillåtna format är html och pdf.")
    command = [
        QUARTO,
        "render",
        str(notebook),
        "--to",
        QUARTO_TARGETS[fmt],
        "--no-execute",
        "--output",
        output_name,
    ]
    for key, value in metadata.items():
        if value is None:
            continue
        command += ["-M", f"{key}:{metadata_value(value)}"]
    return command


def metadata_value(value: Any) -> str:
    """A value as ``-M key:value`` takes it. Quarto hands these to pandoc, which reads
    ``true``/``false`` as booleans and anything else as the literal text (quotes would be
    printed), so strings go unquoted, on one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def quarto_metadata(
    document: Document,
    overrides: Mapping[str, Any],
    fmt: str,
    block: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """What the Quarto command passes with ``-M``: the metadata given to :func:`render` (the
    front matter Quarto reads itself), with the reports' rules (no code, no warnings) made
    explicit and headings shifted for notebooks that use ``#`` for sections. ``logo`` goes
    into the front matter instead (:func:`publishable_notebook`): Quarto reads it only there.
    From the title ``block`` (:func:`insyn.render.metadata.title_block`) come the colophon's
    values and whether the title block has facts, for Insyn's HTML title-block partial and
    ``report.lua``.
    """
    meta = {k: v for k, v in overrides.items() if v is not None and k != "logo"}
    if block is not None:
        meta.update({key: block[key] for key in COLOPHON if block.get(key)})
        if has_facts(block):
            meta["has-facts"] = True
    meta.setdefault("lang", "sv")
    if fmt != "html" and not meta.get("subtitle") and meta.get("namnd") and meta.get("kommun"):
        # Quarto's Typst title shows title, subtitle and date: the nämnd and kommun go here (in
        # HTML, Insyn's title-block partial has them in the masthead)
        meta["subtitle"] = f"{meta['namnd']}, {meta['kommun']}"
    meta["echo"] = False
    meta["warning"] = False
    if fmt == "html" and top_heading_level(markdown_cells(document)) == 1:
        meta["shift-heading-level-by"] = 1
    return meta


def markdown_cells(document: Document) -> str:
    return "\n\n".join(
        block for cell in document.cells for block in cell.blocks if isinstance(block, str)
    )


def publishable_notebook(
    document: Document, logo: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The copy of the executed notebook that Quarto renders: parameter cells, raw cells, code
    text, logs and unwanted outputs removed, so nothing but report content can reach the page.
    Code cells keep only their ``#|`` option lines (Quarto needs labels and captions).
    ``logo`` (Quarto's mapping: path, alt, width, padding) is added to the front matter."""
    cells: list[dict[str, Any]] = []
    if logo:
        front = {**document.front, "logo": dict(logo)}
        raw = dict(document.front_cell or {"cell_type": "raw", "metadata": {}})
        text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        cells.append({**raw, "source": f"---\n{text}---\n"})
    elif document.front_cell is not None:
        cells.append(dict(document.front_cell))
    for cell in document.cells:
        if cell.kind == "markdown":
            cells.append({**cell.raw, "source": cell.source})
            continue
        options = {k: v for k, v in cell.options.items() if k != "echo"}
        source = (
            "".join(
                f"#| {line}\n" for line in yaml.safe_dump(options, allow_unicode=True).splitlines()
            )
            if options
            else ""
        )
        outputs = [quarto_output(block) for block in cell.blocks]
        cells.append(
            {
                "cell_type": "code",
                "execution_count": None,
                "id": cell.raw.get("id", f"cell-{cell.number}"),
                "metadata": {},
                "outputs": outputs,
                "source": source,
            }
        )
    notebook = {k: v for k, v in document.notebook.items() if k != "cells"}
    # Sources as lists of lines, as nbformat writes them: Quarto 1.10 drops the line breaks of
    # a markdown cell given as one string (a heading swallowed the paragraph after it).
    notebook["cells"] = [{**cell, "source": as_lines(cell["source"])} for cell in cells]
    return notebook


def as_lines(source: str | list[str]) -> list[str]:
    text = source if isinstance(source, str) else "".join(source)
    return text.splitlines(keepends=True)


def quarto_output(block: str | Figure) -> dict[str, Any]:
    """One kept output, reduced to the representation the pandoc path uses too."""
    if isinstance(block, Figure):
        mime = next(m for m, e in IMAGE_TYPES.items() if e == block.extension)
        data = (
            block.data.decode("utf-8")
            if mime == "image/svg+xml"
            else (base64.b64encode(block.data).decode("ascii"))
        )
        return {"output_type": "display_data", "metadata": {}, "data": {mime: data}}
    return {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": block}}


def render_with_quarto(
    document: Document,
    outdir: Path,
    stem: str,
    formats: Sequence[str],
    meta: Mapping[str, Any],
    overrides: Mapping[str, Any],
) -> dict[str, Path]:
    """Renders the publishable copy with Quarto in a private working folder."""
    written: dict[str, Path] = {}
    # Not below outdir: a build renders into _site/.staging/…, and Quarto ignores the
    # _quarto.yml of a project inside a hidden folder (no embedded resources, letter paper).
    workdir = Path(tempfile.mkdtemp(prefix=f"insyn-quarto-{stem}-"))
    try:
        notebook = workdir / f"{stem}.ipynb"
        logo = quarto_logo(overrides, workdir)
        notebook.write_text(
            json.dumps(publishable_notebook(document, logo), ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        copy_quarto_project(workdir)
        block = title_block(meta, stem)
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(pdf_timestamp(meta).timestamp()))}
        for fmt in formats:
            output_name = f"{stem}.{fmt}"
            command = quarto_command(
                Path(notebook.name),
                fmt,
                output_name,
                quarto_metadata(document, overrides, fmt, block),
            )
            run_quarto(command, workdir, env, document.name, fmt)
            produced = find_output(workdir, output_name)
            if fmt == "html":  # insyn.sanitize: nothing executable is published
                page = clean_quarto_html(produced.read_text(encoding="utf-8"))
                produced.write_text(add_skip_link(page), encoding="utf-8")
            written[fmt] = Path(shutil.move(produced, outdir / output_name))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return written


SKIP_LINK = '<a class="skip-link" href="#quarto-document-content">Hoppa till innehållet</a>'
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def add_skip_link(page: str) -> str:
    """The first thing on the page, as in the fallback's template: a link past the table of
    contents (Quarto puts it before the content) to the report itself. Quarto has no place for
    it: what its format includes before the body lands inside the content."""
    return _BODY_TAG.sub(lambda match: match.group(0) + "\n" + SKIP_LINK, page, count=1)


def quarto_logo(overrides: Mapping[str, Any], workdir: Path) -> dict[str, str] | None:
    """Quarto's ``logo`` for the logotype given as ``logo``, copied next to the notebook (Typst
    reads files only below the project). Typst draws it at the top of each page, Insyn's
    title-block partial in the HTML masthead."""
    if not overrides.get("logo"):
        return None
    local = copy_logo(Path(overrides["logo"]), workdir)
    return {"path": local, "alt": logo_alt(overrides), "width": "2.6cm", "padding": "1.2cm"}


# What _quarto.yml names, under insyn/assets/
QUARTO_ASSETS = (
    *("report.css", "report.lua", "facts.html", "colophon.html"),
    "quarto/title-block.html",
)
COLOPHON = ("built", "version", "renderer")  # colophon.html's values, filled in by report.lua


def copy_quarto_project(workdir: Path) -> None:
    """The project's ``_quarto.yml`` and the stylesheet and filter it names, at the same
    relative paths."""
    config = paths.quarto_config()
    if config.is_file():
        shutil.copyfile(config, workdir / "_quarto.yml")
    assets = workdir / "insyn" / "assets"
    for name in QUARTO_ASSETS:
        (assets / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(paths.assets_dir() / name, assets / name)


def run_quarto(command: list[str], cwd: Path, env: Mapping[str, str], name: str, fmt: str) -> None:
    try:
        done = subprocess.run(
            command, cwd=cwd, env=dict(env), capture_output=True, text=True, timeout=QUARTO_TIMEOUT
        )
    except FileNotFoundError as exc:
        raise RenderError("Programmet quarto finns inte i PATH.") from exc
    except subprocess.TimeoutExpired as exc:
        raise RenderError(
            f"Quarto blev inte klar med {name} ({fmt}) inom {QUARTO_TIMEOUT} sekunder."
        ) from exc
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise RenderError(
            f"Quarto kunde inte rendera {name} till {fmt} (avslutskod {done.returncode}):\n{tail}"
        )


def find_output(workdir: Path, output_name: str) -> Path:
    """Where Quarto put the output: next to the notebook, or in the project's output-dir."""
    direct = workdir / output_name
    if direct.is_file():
        return direct
    found = sorted(workdir.rglob(output_name))
    if not found:
        raise RenderError(f"Quarto avslutades utan fel men skapade inte {output_name}.")
    return found[0]
