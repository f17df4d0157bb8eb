"""Reading an executed notebook into the publishable :class:`Document` (the Quarto subset)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from insyn.errors import RenderError
from insyn.render.settings import (
    _ANSI,
    _HTML_COMMENT,
    _OPTION_LINE,
    FORMATS,
    HTML_TO_MARKDOWN,
    IMAGE_TYPES,
    PARAMETER_TAGS,
)


@dataclass
class Figure:
    """One image output to place in the document."""

    data: bytes
    extension: str
    alt: str
    caption: str = ""
    label: str = ""


@dataclass
class Cell:
    """A notebook cell reduced to what may be published.

    ``blocks`` holds, in output order, Markdown strings and :class:`Figure` objects.
    """

    number: int  # 1-based position in the notebook, as people count cells
    kind: str
    source: str
    options: dict[str, Any] = field(default_factory=dict)
    blocks: list[str | Figure] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class Document:
    """The publishable content of an executed notebook."""

    name: str
    front: dict[str, Any]
    front_cell: dict[str, Any] | None
    cells: list[Cell]
    notebook: dict[str, Any]


def check_formats(formats: Sequence[str]) -> list[str]:
    """The requested formats, in canonical order, or a RenderError naming the unknown ones."""
    if isinstance(formats, str):
        formats = [formats]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise RenderError(
            f"Okänt utdataformat: {', '.join(map(repr, unknown))}. Tillåtna format är html och pdf."
        )
    return [f for f in FORMATS if f in formats]


def read_document(path: Path) -> Document:
    """Reads an executed notebook (plain JSON: importing nbformat costs seconds) and reduces it
    to what may be published."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RenderError(f"Den körda notebooken {path} finns inte.") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RenderError(f"Den körda notebooken {path} kunde inte läsas: {exc}") from exc
    raw_cells = notebook.get("cells")
    if not isinstance(raw_cells, list):
        raise RenderError(f"{path.name} är ingen Jupyter-notebook (nyckeln cells saknas).")
    check_no_errors(raw_cells, path.name)
    front, front_cell = read_front_matter(raw_cells, path.name)
    cells = []
    for number, raw in enumerate(raw_cells, start=1):
        if raw is front_cell:
            continue
        cell = publishable_cell(raw, number, path.name)
        if cell is not None:
            cells.append(cell)
    return Document(path.name, front, front_cell, cells, notebook)


def check_no_errors(cells: Sequence[Mapping[str, Any]], name: str) -> None:
    """Raises RenderError if any cell holds an ``error`` output."""
    for number, cell in enumerate(cells, start=1):
        for output in cell.get("outputs") or ():
            if output.get("output_type") == "error":
                ename = output.get("ename", "Error")
                evalue = _ANSI.sub("", str(output.get("evalue", ""))).strip()
                raise RenderError(
                    f"{name}: cell {number} slutade med ett fel ({ename}: {evalue}). "
                    "En notebook med fel publiceras inte – rätta felet och bygg rapporten igen."
                )


def cell_text(value: Any) -> str:
    """A notebook text field, which nbformat stores as a string or a list of lines."""
    if isinstance(value, list):
        return "".join(value)
    return value or ""


def read_front_matter(
    cells: Sequence[Mapping[str, Any]], name: str
) -> tuple[dict[str, Any], Mapping[str, Any] | None]:
    """The YAML front matter from the first raw cell, if it is one (``---`` … ``---``)."""
    for cell in cells:
        if cell.get("cell_type") != "raw":
            # Front matter must come first; anything before it means there is none.
            if cell_text(cell.get("source")).strip():
                return {}, None
            continue
        text = cell_text(cell.get("source")).strip()
        lines = text.splitlines()
        if len(lines) < 2 or lines[0].strip() != "---" or lines[-1].strip() not in ("---", "..."):
            return {}, None
        try:
            front = yaml.safe_load("\n".join(lines[1:-1])) or {}
        except yaml.YAMLError as exc:
            raise RenderError(f"{name}: rubrikcellens YAML kunde inte läsas: {exc}") from exc
        if not isinstance(front, dict):
            raise RenderError(f"{name}: rubrikcellens YAML ska vara nycklar och värden.")
        return front, cell
    return {}, None


def split_cell_options(source: str, number: int, name: str) -> tuple[dict[str, Any], str]:
    """Quarto's ``#|`` option lines at the top of a code cell, as a dict, and the rest."""
    lines = source.splitlines()
    option_lines = []
    for line in lines:
        match = _OPTION_LINE.match(line)
        if not match:
            break
        option_lines.append(match.group(1))
    if not option_lines:
        return {}, source
    try:
        options = yaml.safe_load("\n".join(option_lines)) or {}
    except yaml.YAMLError as exc:
        raise RenderError(
            f"{name}: cellinställningarna (#|) i cell {number} är fel: {exc}"
        ) from exc
    if not isinstance(options, dict):
        raise RenderError(
            f"{name}: cellinställningarna (#|) i cell {number} ska vara nyckel: värde."
        )
    return options, "\n".join(lines[len(option_lines) :])


def publishable_cell(raw: Mapping[str, Any], number: int, name: str) -> Cell | None:
    """What of one cell may be published, or None for a cell that shows nothing."""
    kind = raw.get("cell_type")
    source = cell_text(raw.get("source"))
    if kind == "markdown":
        text = _HTML_COMMENT.sub("", source)
        cell = Cell(number, kind, text, raw=dict(raw))
        cell.blocks = [text]
        return cell if text.strip() else None
    if kind != "code":
        return None  # raw cells other than the front matter are not part of a report
    tags = set((raw.get("metadata") or {}).get("tags") or ())
    if tags & PARAMETER_TAGS:
        return None
    options, _code = split_cell_options(source, number, name)
    cell = Cell(number, kind, source, options, raw=dict(raw))
    if options.get("include") is False or options.get("output") is False:
        return cell
    cell.blocks = publishable_blocks(raw.get("outputs") or (), options, number, name)
    return cell


def publishable_blocks(
    outputs: Sequence[Mapping[str, Any]], options: Mapping[str, Any], number: int, name: str
) -> list[str | Figure]:
    """Markdown strings and figures from a code cell's outputs, in order."""
    asis = options.get("output") == "asis"
    blocks: list[str | Figure] = []
    html_only: list[str] = []
    stdout = ""  # consecutive stdout chunks form one Markdown block (print may split them)
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            if asis and output.get("name") == "stdout":
                stdout += cell_text(output.get("text"))
            continue  # stderr, and stdout outside asis cells, are logs rather than content
        if stdout:
            blocks.append(stdout)
            stdout = ""
        if kind not in ("display_data", "execute_result"):
            continue
        data = output.get("data") or {}
        block = output_block(data, len([b for b in blocks if isinstance(b, Figure)]), options)
        if block is not None:
            blocks.append(block)
        elif "text/html" in data:
            html_only.append(cell_text(data["text/html"]))
    if stdout:
        blocks.append(stdout)
    if not blocks:
        blocks = [html_to_markdown(html) for html in html_only if not is_dataframe_html(html)]
    check_alt_text(blocks, number, name)
    return [b for b in blocks if not isinstance(b, str) or b.strip()]


def output_block(
    data: Mapping[str, Any], figures_before: int, options: Mapping[str, Any]
) -> str | Figure | None:
    """The rendered form of one rich output: Markdown, a Figure, or None when it has neither."""
    if "text/markdown" in data:
        return cell_text(data["text/markdown"])
    for mime, extension in IMAGE_TYPES.items():
        if mime in data:
            return Figure(
                data=image_bytes(data[mime], mime),
                extension=extension,
                alt=option_item(options.get("fig-alt"), figures_before),
                caption=option_item(options.get("fig-cap"), figures_before),
                label=str(options.get("label") or "") if figures_before == 0 else "",
            )
    return None


def option_item(value: Any, index: int) -> str:
    """A cell option that may be one string or a list with one value per figure."""
    if isinstance(value, list):
        return str(value[index]).strip() if index < len(value) else ""
    if value is None or index > 0:
        return ""
    return str(value).strip()


def image_bytes(value: Any, mime: str) -> bytes:
    """Image data from a notebook output: SVG is text, other images are base64."""
    text = cell_text(value)
    if mime == "image/svg+xml":
        return text.encode("utf-8")
    return base64.b64decode(text)


def check_alt_text(blocks: Iterable[str | Figure], number: int, name: str) -> None:
    """Every image needs alt text: PDF/UA-1 refuses images without it, and so does WCAG."""
    for block in blocks:
        if isinstance(block, Figure) and not block.alt:
            raise RenderError(
                f"{name}: bilden i cell {number} saknar alternativtext. Lägg till en rad "
                '#| fig-alt: "…" överst i cellen som beskriver vad bilden visar.'
            )


def is_dataframe_html(html: str) -> bool:
    """pandas' HTML repr: a debugging view, never report content (tables come as Markdown)."""
    return 'class="dataframe' in html


UNREADABLE_HTML = "En HTML-utdata kunde inte tolkas"


def html_to_markdown(html: str) -> str:
    """An HTML output as Markdown, through pandoc's HTML reader: structure kept, scripts,
    styles and event handlers gone."""
    from insyn.render.tools import run_pandoc

    return run_pandoc(
        html, "html", HTML_TO_MARKDOWN, ["--wrap=none"], cwd=None, failure=UNREADABLE_HTML
    )
