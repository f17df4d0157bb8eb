"""Composing one pandoc Markdown document from a :class:`Document`: captions, figures."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from insyn.errors import RenderError
from insyn.render.document import Cell, Document, Figure, image_bytes
from insyn.render.metadata import crossref_numbers
from insyn.render.settings import _ATX_HEADING, _CROSSREF, _FENCE, IMAGE_TYPES


def compose_markdown(document: Document, media: Path) -> str:
    """One pandoc Markdown document from the publishable cells; images are written to
    ``media`` under deterministic names and referenced relative to its parent."""
    numbers = crossref_numbers(document.cells)
    parts: list[str] = []
    for cell in document.cells:
        if cell.kind == "markdown":
            parts.append(resolve_attachments(cell, media))
            continue
        table_caption = caption_text(cell, "tbl", numbers)
        captioned = False
        for index, block in enumerate(cell.blocks, start=1):
            if isinstance(block, Figure):
                parts.append(figure_markdown(block, cell, index, media, numbers))
                continue
            if table_caption and not captioned:
                block, captioned = add_table_caption(block, table_caption, cell)
            parts.append(block)
        if table_caption and cell.blocks and not captioned:
            parts.insert(len(parts) - len(cell.blocks), caption_placeholder(table_caption, cell))
    text = "\n\n".join(p.strip("\n") for p in parts if p.strip()) + "\n"
    return resolve_crossrefs(text, numbers, document.name)


def caption_text(cell: Cell, kind: str, numbers: Mapping[str, str]) -> str:
    """A caption with its number: ``Tabell 2: Nyckeltal``; empty when the cell has none."""
    caption = str(cell.options.get(f"{kind}-cap") or "").strip()
    if not caption:
        return ""
    label = str(cell.options.get("label") or "")
    number = numbers.get(label) if label.startswith(f"{kind}-") else None
    return f"{number}: {caption}" if number else caption


def add_table_caption(markdown: str, caption: str, cell: Cell) -> tuple[str, bool]:
    """Puts pandoc's table caption (``: caption {#tbl-x}``) right after the first pipe table in
    ``markdown``, before any note that follows it. Returns the text and whether a table was found.
    """
    lines = markdown.splitlines()
    start = next(
        (
            i
            for i in range(len(lines) - 1)
            if lines[i].lstrip().startswith("|") and re.match(r"^\s*\|?\s*:?-{2,}", lines[i + 1])
        ),
        None,
    )
    if start is None:
        return markdown, False
    end = start
    while end < len(lines) and lines[end].lstrip().startswith("|"):
        end += 1
    label = str(cell.options.get("label") or "")
    attributes = f" {{#{label}}}" if label else ""
    caption_line = f": {one_line(caption)}{attributes}"
    new_lines = [*lines[:end], "", caption_line, "", *lines[end:]]
    return "\n".join(new_lines), True


def caption_placeholder(caption: str, cell: Cell) -> str:
    """A caption for a ``tbl-cap`` cell whose output holds no table (e.g. "Inga uppgifter"):
    the caption still shows, so numbering and cross-references stay as in Quarto."""
    label = str(cell.options.get("label") or "")
    attributes = f"#{label} .table-placeholder" if label else ".table-placeholder"
    return f"::: {{{attributes}}}\n[{one_line(caption)}]{{.caption}}\n:::"


def figure_markdown(
    figure: Figure, cell: Cell, index: int, media: Path, numbers: Mapping[str, str]
) -> str:
    """A figure as pandoc Markdown: an image alone in its paragraph becomes ``<figure>`` with
    ``<figcaption>`` (HTML) or ``#figure(caption: …)`` (Typst)."""
    media.mkdir(parents=True, exist_ok=True)
    name = f"cell{cell.number}-{index}.{figure.extension}"
    (media / name).write_bytes(figure.data)
    caption = figure.caption
    number = numbers.get(figure.label) if figure.label.startswith("fig-") else None
    if number:
        # A numbered figure always gets a caption, as in Quarto; it also makes pandoc emit a
        # real figure that cross-reference links can point to.
        caption = f"{number}: {caption}" if caption else number
    attributes = [f"#{figure.label}"] if figure.label else []
    attributes.append(f'alt="{attribute_value(figure.alt)}"')
    return f"![{one_line(caption)}]({media.name}/{name}){{{' '.join(attributes)}}}"


def resolve_attachments(cell: Cell, media: Path) -> str:
    """Markdown cell attachments (``attachment:name``) written out as files."""
    text = cell.source
    for name, bundle in (cell.raw.get("attachments") or {}).items():
        for mime, extension in IMAGE_TYPES.items():
            if mime in bundle:
                media.mkdir(parents=True, exist_ok=True)
                safe = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(name).stem)
                target = f"cell{cell.number}-{safe}.{extension}"
                (media / target).write_bytes(image_bytes(bundle[mime], mime))
                text = text.replace(f"attachment:{name}", f"{media.name}/{target}")
                break
    return text


def resolve_crossrefs(text: str, numbers: Mapping[str, str], name: str) -> str:
    """``@fig-x`` → a link reading "Figur 1" to the figure; an unknown label is an error (Quarto
    would print "?@fig-x" into a public report)."""

    def link(match: re.Match[str]) -> str:
        label = match.group(1)
        if label not in numbers:
            raise RenderError(
                f"{name}: hänvisningen @{label} pekar inte på någon figur eller tabell. "
                f'Kontrollera att en cell har "#| label: {label}" och en bild- eller tabelltext.'
            )
        return f"[{numbers[label]}](#{label})"

    return _CROSSREF.sub(link, text)


def one_line(text: str) -> str:
    return " ".join(text.split())


def attribute_value(text: str) -> str:
    """A value for a pandoc attribute in double quotes."""
    return one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def top_heading_level(markdown: str) -> int:
    """The highest (smallest) ATX heading level used outside code blocks; 2 when there is none."""
    fence = ""
    levels = []
    for line in markdown.splitlines():
        opened = _FENCE.match(line)
        if opened:
            marker = opened.group(1)
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = ""
            continue
        if not fence:
            heading = _ATX_HEADING.match(line)
            if heading:
                levels.append(len(heading.group(1)))
    return min(levels, default=2)
