"""The Quarto path: a publishable copy of the notebook rendered with ``quarto render``."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
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
from insyn.render.metadata import pdf_timestamp
from insyn.render.settings import IMAGE_TYPES, QUARTO, QUARTO_TARGETS, QUARTO_TIMEOUT


def quarto_command(
    notebook: Path, fmt: str, output_name: str, metadata: Mapping[str, Any]
) -> list[str]:
    """``quarto render <notebook> --to html|typst --no-execute --output <name> -M key:value …``.

    ``fmt`` is ``html`` or ``pdf`` (Typst PDF). ``-M`` values are YAML scalars, since Quarto
    parses them as YAML: strings double-quoted, booleans and numbers bare.
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
        command += ["-M", f"{key}:{yaml_scalar(value)}"]
    return command


def yaml_scalar(value: Any) -> str:
    """A value as a one-line YAML scalar (JSON is valid YAML flow syntax)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def quarto_metadata(document: Document, overrides: Mapping[str, Any], fmt: str) -> dict[str, Any]:
    """What the Quarto command passes with ``-M``: the metadata given to :func:`render` (the
    front matter Quarto reads itself), with the reports' rules (no code, no warnings) made
    explicit and headings shifted for notebooks that use ``#`` for sections."""
    meta = {k: v for k, v in overrides.items() if v is not None}
    meta.setdefault("lang", "sv")
    meta["echo"] = False
    meta["warning"] = False
    if fmt == "html" and top_heading_level(markdown_cells(document)) == 1:
        meta["shift-heading-level-by"] = 1
    return meta


def markdown_cells(document: Document) -> str:
    return "\n\n".join(
        block for cell in document.cells for block in cell.blocks if isinstance(block, str)
    )


def publishable_notebook(document: Document) -> dict[str, Any]:
    """The copy of the executed notebook that Quarto renders: parameter cells, raw cells, code
    text, logs and unwanted outputs removed, so nothing but report content can reach the page.
    Code cells keep only their ``#|`` option lines (Quarto needs labels and captions)."""
    cells: list[dict[str, Any]] = []
    if document.front_cell is not None:
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
    notebook["cells"] = cells
    return notebook


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
    workdir = Path(tempfile.mkdtemp(prefix=f".{stem}-quarto-", dir=outdir))
    try:
        notebook = workdir / f"{stem}.ipynb"
        notebook.write_text(
            json.dumps(publishable_notebook(document), ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        copy_quarto_project(workdir)
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(pdf_timestamp(meta).timestamp()))}
        for fmt in formats:
            output_name = f"{stem}.{fmt}"
            command = quarto_command(
                Path(notebook.name), fmt, output_name, quarto_metadata(document, overrides, fmt)
            )
            run_quarto(command, workdir, env, document.name, fmt)
            produced = find_output(workdir, output_name)
            written[fmt] = Path(shutil.move(produced, outdir / output_name))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return written


def copy_quarto_project(workdir: Path) -> None:
    """The project's ``_quarto.yml`` and the stylesheet it names, at the same relative path."""
    config = paths.quarto_config()
    if config.is_file():
        shutil.copyfile(config, workdir / "_quarto.yml")
    css = workdir / "insyn" / "assets" / "report.css"
    css.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.assets_dir() / "report.css", css)


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
