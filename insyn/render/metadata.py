"""Front matter and metadata: merging overrides, dates, the title block, numbering."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from insyn import formats
from insyn.provenance import build_date, insyn_version
from insyn.render.document import Cell, Figure
from insyn.render.settings import CROSSREF_PREFIX


def merge_metadata(front: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Front matter, overridden and extended by the metadata the build passes."""
    meta = dict(front)
    meta.update({k: v for k, v in overrides.items() if v is not None})
    if "nämnd" in meta and "namnd" not in meta:
        meta["namnd"] = meta["nämnd"]
    meta.setdefault("lang", "sv")
    return meta


def format_option(meta: Mapping[str, Any], target: str, key: str, default: Any) -> Any:
    """An option from ``format: {<target>: {key: …}}``, else the top level, else ``default``."""
    formats = meta.get("format")
    if isinstance(formats, Mapping):
        specific = formats.get(target)
        if isinstance(specific, Mapping) and key in specific:
            return specific[key]
    return meta.get(key, default)


def parse_date(value: Any) -> dt.date | None:
    """A report date from ISO (``2025-03-01``), Swedish long form (``1 mars 2025``) or ``today``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        return None
    text = str(value).strip().lower()
    if text == "today":
        return build_day()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})\s+([a-zåäö]+)\s+(\d{4})", text)
    months = {name: number for number, name in formats.month_names().items()}
    if match and match.group(2) in months:
        day, month, year = match.groups()
        try:
            return dt.date(int(year), months[month], int(day))
        except ValueError:
            return None
    return None


def build_day() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    return build_date(None)


def display_date(value: Any) -> str:
    """The date as people read it in a Swedish report (``1 mars 2025``); text that is not an
    ISO date or ``today`` (e.g. the build's already written-out date) is kept as it is."""
    text = plain(value)
    if not isinstance(value, dt.date) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}|today", text):
        return text
    day = parse_date(value)
    return formats.date(day) if day else text


def pdf_timestamp(meta: Mapping[str, Any]) -> dt.datetime:
    """The PDF's creation date: the report date, else ``SOURCE_DATE_EPOCH``, else today;
    always at 00:00 UTC so that renders on the same day give the same bytes."""
    day = parse_date(meta.get("date")) or build_day()
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def authors(meta: Mapping[str, Any]) -> list[str]:
    """``author`` as a list of names (a string, a list, or Quarto's ``{name: …}`` dicts)."""
    value = meta.get("author")
    items = value if isinstance(value, list) else [value] if value else []
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, Mapping) else item
        if isinstance(name, Mapping):
            name = name.get("literal") or " ".join(str(v) for v in name.values())
        if name:
            names.append(str(name))
    return names


def logo_alt(meta: Mapping[str, Any]) -> str:
    """The logotype's alt text: it names the kommun, as the logo does for a sighted reader."""
    kommun = plain(meta.get("kommun"))
    return f"Logotyp för {kommun}" if kommun else "Logotyp"


def title_block(meta: Mapping[str, Any], fallback_title: str) -> dict[str, Any]:
    """The values both templates show, as plain strings (no Markdown, no markup).

    The masthead names the kommun and nämnd (with the kommun's logotype when ``logo`` is set);
    the facts under the title are the report year, diarienummer, date and authors; the colophon
    at the end says what the report was built from and with ("Underlag", "Byggd", "Version").
    """
    built = parse_date(meta.get("date")) or build_day()
    block: dict[str, Any] = {
        "title": plain(meta.get("title")) or fallback_title,
        "subtitle": plain(meta.get("subtitle")),
        "kommun": plain(meta.get("kommun")),
        "namnd": plain(meta.get("namnd")),
        "year": plain(meta.get("year")),
        "date": display_date(meta.get("date")) if meta.get("date") else "",
        "diarienummer": plain(meta.get("diarienummer")),
        "author": authors(meta),
        "logo": plain(meta.get("logo")),
        "logo-alt": logo_alt(meta),
        "underlag": plain(meta.get("underlag")),
        "built": formats.date(built),
        "version": f"insyn {insyn_version()}",
        "renderer": plain(meta.get("renderer")),
        "lang": plain(meta.get("lang")) or "sv",
        "toc-title": plain(meta.get("toc-title")) or "Innehåll",
    }
    return block


def has_facts(block: Mapping[str, Any]) -> bool:
    """Whether the title block has a row of facts (year, date, diarienummer or authors)."""
    return any(block.get(key) for key in ("year", "date", "diarienummer", "author"))


def plain(value: Any) -> str:
    return "" if value is None else str(value).strip()


def crossref_numbers(cells: Sequence[Cell]) -> dict[str, str]:
    """``{"fig-x": "Figur 1", "tbl-y": "Tabell 1"}`` in document order, as Quarto numbers them:
    only labelled cells with ``fig-``/``tbl-`` labels get numbers."""
    counters = dict.fromkeys(CROSSREF_PREFIX, 0)
    numbers: dict[str, str] = {}
    for cell in cells:
        label = str(cell.options.get("label") or "")
        kind = label.split("-", 1)[0]
        if kind not in CROSSREF_PREFIX or not cell.blocks or label in numbers:
            continue
        if kind == "fig" and not any(isinstance(b, Figure) for b in cell.blocks):
            continue
        counters[kind] += 1
        numbers[label] = f"{CROSSREF_PREFIX[kind]} {counters[kind]}"
    return numbers
