"""What changed between two builds of a report: numbers, text, figures and inputs.

Two builds are two output folders (``_site/<kommun>/<år>/<nämnd>/``), each with its
``manifest.json`` and executed notebooks. They may be two runs of the same year (did a rerun
change only what was meant?) or two years (what is new this year?).

The comparison reads what the reader of the report reads: the Markdown every cell of the executed
notebook displayed, cut into sections at its ``##`` and ``###`` headings. Tables are matched by
their cell label (``#| label: tbl-…``) and rows by their text cells, so a number is compared with
the same number in the other build; the difference is computed from the Swedish-formatted
values (``1 234``, ``62 %``). Text is compared sentence by sentence within each section. The
inputs come from the two manifests (path and SHA-256); between two years, a path is compared with
the same path one year on (``2024/placeringar.csv`` with ``2025/placeringar.csv``).
No structured export is needed beside the report: the executed notebook is the record.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from insyn import paths
from insyn.errors import InputError, Problem

_NUMBER = re.compile(
    r"^(?P<sign>[+\u2212-]?)(?P<digits>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,4})(?:,(?P<dec>\d+))?"
    r"(?P<unit>[ \u00a0\u202f]?%|[ \u00a0]procentenheter)?$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?:]) +(?=[A-ZÅÄÖ0-9*])")  # in single-spaced text
_CELL_OPTION = re.compile(r"^#\|\s*(?P<key>[\w-]+)\s*:\s*(?P<value>.*?)\s*$", re.MULTILINE)
_ESCAPE = re.compile(r"\\(.)")


# insyn.MANIFEST. That module is not imported: it pulls in pandas and pandera, which would
# triple the start-up time of `insyn jamfor` for a comparison that reads JSON only.
MANIFEST = "manifest.json"


class CompareError(InputError):
    """The two folders cannot be compared (no manifest, no common report)."""

    heading = "Jämförelsen kan inte göras"


# --- what a built report shows -----------------------------------------------------------------


@dataclass
class Shown:
    """One table, text or figure a report shows, in the section it appears in."""

    section: str
    key: str  # the cell label, else the section and the position in it
    kind: str  # "table", "text" or "figure"
    caption: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    text: str = ""  # text: the Markdown without escapes; figure: the PNG's hash


def read_number(cell: str) -> tuple[float, str] | None:
    """``1 234`` → (1234, ""), ``62 %`` → (62, "%"), ``−3 procentenheter`` → (−3, "procentenheter");
    None for anything that is not a number written the Swedish way (dates, names, ``–``)."""
    match = _NUMBER.match(cell.strip())
    if not match:
        return None
    digits = re.sub(r"\D", "", match["digits"])
    value = float(f"{digits}.{match['dec'] or 0}")
    if match["sign"] in ("-", "\u2212"):
        value = -value
    unit = (match["unit"] or "").strip(" \u00a0\u202f")
    return value, unit


def unescape(text: str) -> str:
    """Markdown backslash escapes removed: what the reader sees."""
    return _ESCAPE.sub(r"\1", text)


def split_cells(line: str) -> list[str]:
    """The cells of one pipe-table row; ``\\|`` inside a cell is text, not a border."""
    cells = re.split(r"(?<!\\)\|", line.strip())
    return [unescape(c).strip() for c in cells[1:-1]]


def parse_markdown(markdown: str) -> tuple[list[tuple[list[str], list[list[str]]]], str]:
    """The pipe tables in a Markdown output (header, rows) and the text around them."""
    tables, text_lines, current = [], [], None
    for line in markdown.splitlines():
        if line.lstrip().startswith("|"):
            cells = split_cells(line)
            if current is None:
                current = (cells, [])
                tables.append(current)
            elif not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                current[1].append(cells)
        else:
            current = None
            text_lines.append(line)
    return tables, unescape("\n".join(text_lines)).strip()


def cell_options(source: str) -> dict[str, str]:
    return {m["key"]: m["value"].strip("\"'") for m in _CELL_OPTION.finditer(source)}


def shown_in(notebook: dict[str, Any]) -> list[Shown]:
    """Everything an executed notebook shows, section by section, in order."""
    section, position, items = "Inledning", 0, []

    def add(kind: str, key: str | None, **values) -> None:
        nonlocal position
        position += 1
        items.append(Shown(section, key or f"{section} #{position}", kind, **values))

    for cell in notebook.get("cells", []):
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            body = []
            for line in source.splitlines():
                heading = re.match(r"^#{2,3}\s+(.*)$", line)
                if heading:
                    if "\n".join(body).strip():
                        add("text", None, text=unescape("\n".join(body)).strip())
                    section, position, body = heading[1].strip(), 0, []
                else:
                    body.append(line)
            if "\n".join(body).strip():
                add("text", None, text=unescape("\n".join(body)).strip())
            continue
        if cell.get("cell_type") != "code":
            continue
        options = cell_options(source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                png = "".join(data["image/png"]).encode()
                add(
                    "figure",
                    options.get("label"),
                    caption=options.get("fig-cap", ""),
                    text=hashlib.sha256(png).hexdigest(),
                )
            elif "text/markdown" in data:
                tables, text = parse_markdown("".join(data["text/markdown"]))
                for index, (header, rows) in enumerate(tables):
                    label = options.get("label")
                    key = f"{label}#{index}" if label and index else label
                    add("table", key, caption=options.get("tbl-cap", ""), header=header, rows=rows)
                if text:
                    add("text", None, text=text)
    return items


# --- the differences ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueChange:
    """One table cell that differs; ``difference`` is empty unless both values are numbers."""

    section: str
    table: str
    row: str
    column: str
    before: str
    after: str
    difference: str


@dataclass(frozen=True)
class TextChange:
    section: str
    before: str  # "" for a sentence that is new
    after: str  # "" for a sentence that is gone


@dataclass(frozen=True)
class RowChange:
    section: str
    table: str
    row: str
    change: str  # "tillkommen" or "borttagen"


@dataclass(frozen=True)
class InputChange:
    before: str  # path in the earlier build ("" when new)
    after: str  # path in the later build ("" when gone)
    change: str  # "ändrad", "tillkommen", "borttagen"
    before_hash: str = ""
    after_hash: str = ""


@dataclass
class ReportChanges:
    name: str
    values: list[ValueChange] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)
    rows: list[RowChange] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # sections with any change, in order


@dataclass
class Comparison:
    before: dict[str, Any]  # the manifests
    after: dict[str, Any]
    before_folder: str
    after_folder: str
    reports: list[ReportChanges]
    inputs: list[InputChange]
    parameters: list[tuple[str, str, str]]  # key, before, after

    @property
    def unchanged(self) -> bool:
        return not (self.inputs or self.parameters or any(r.sections for r in self.reports))


def difference(before: tuple[float, str], after: tuple[float, str]) -> str:
    """``after − before`` the Swedish way: ``+4``, ``−16``, ``+8 procentenheter``."""
    from insyn import formats

    decimals = 1 if (before[0] % 1 or after[0] % 1) else 0
    change = after[0] - before[0]
    if before[1] in ("%", "procentenheter"):
        return formats.percentage_points(change / 100, decimals)
    return formats.signed(change, decimals)


def keyed_rows(rows: list[list[str]]) -> dict[str, list[str]]:
    """Rows by their first cell (the row's label: a measure, a verksamhet); a label that repeats
    is numbered in order of appearance."""
    seen: dict[str, int] = {}
    keyed = {}
    for row in rows:
        label = row[0] if row else ""
        seen[label] = seen.get(label, 0) + 1
        keyed[label if seen[label] == 1 else f"{label} ({seen[label]})"] = row
    return keyed


def compare_tables(old: Shown, new: Shown, changes: ReportChanges) -> None:
    """Cells that differ in rows and columns both tables have; rows only one of them has."""
    table = new.caption or old.caption or new.section
    old_rows, new_rows = keyed_rows(old.rows), keyed_rows(new.rows)
    for key, row in new_rows.items():
        if key not in old_rows:
            changes.rows.append(RowChange(new.section, table, key, "tillkommen"))
            continue
        previous = dict(zip(old.header, old_rows[key], strict=False))
        for column, cell in list(zip(new.header, row, strict=False))[1:]:
            was = previous.get(column)
            if was is None or cell == was:
                continue
            now_number, was_number = read_number(cell), read_number(was)
            change = difference(was_number, now_number) if now_number and was_number else ""
            changes.values.append(ValueChange(new.section, table, key, column, was, cell, change))
    for key in old_rows:
        if key not in new_rows:
            changes.rows.append(RowChange(old.section, table, key, "borttagen"))


def sentences(text: str) -> list[str]:
    # ordinary white space only: a non-breaking space inside "62 %" is part of the number
    flat = re.sub(r"[ \t\r\n]+", " ", text)
    return [s.strip() for s in _SENTENCE_END.split(flat) if s.strip()]


def compare_texts(section: str, old: str, new: str, changes: ReportChanges) -> None:
    before, after = sentences(old), sentences(new)
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        gone, new_ones = before[i1:i2], after[j1:j2]
        for k in range(max(len(gone), len(new_ones))):
            changes.texts.append(
                TextChange(
                    section,
                    gone[k] if k < len(gone) else "",
                    new_ones[k] if k < len(new_ones) else "",
                )
            )


def compare_notebooks(name: str, old: list[Shown], new: list[Shown]) -> ReportChanges:
    changes = ReportChanges(name)
    old_by_key = {s.key: s for s in old if s.kind != "text"}
    for item in new:
        if item.kind == "table" and item.key in old_by_key:
            compare_tables(old_by_key[item.key], item, changes)
        elif (
            item.kind == "figure"
            and item.key in old_by_key
            and old_by_key[item.key].text != item.text
        ):
            changes.figures.append(item.caption or item.key)
    old_text = section_texts(old)
    for section, text in section_texts(new).items():
        compare_texts(section, old_text.pop(section, ""), text, changes)
    for section, text in old_text.items():
        compare_texts(section, text, "", changes)
    order = [s.section for s in new] + [s.section for s in old]
    touched = {c.section for c in (*changes.values, *changes.texts, *changes.rows)}
    touched |= {
        s.section for s in new if s.kind == "figure" and (s.caption or s.key) in changes.figures
    }
    changes.sections = [s for s in dict.fromkeys(order) if s in touched]
    return changes


def section_texts(items: list[Shown]) -> dict[str, str]:
    texts: dict[str, list[str]] = {}
    for item in items:
        texts.setdefault(item.section, [])
        if item.kind == "text":
            texts[item.section].append(item.text)
    return {section: "\n\n".join(parts) for section, parts in texts.items()}


# --- inputs and parameters, from the manifests -------------------------------------------------


def year_neutral(path: str, year: int) -> str:
    """``data/x/2025/a.csv`` → ``data/x/{år}/a.csv`` (and ``{år-1}``), to pair files by role."""
    parts = path.split("/")
    named = {str(year): "{år}", str(year - 1): "{år-1}"}
    return "/".join(named.get(part, part) for part in parts)


def compare_inputs(before: dict[str, Any], after: dict[str, Any]) -> list[InputChange]:
    old = {year_neutral(p, before["parameters"]["år"]): (p, h) for p, h in before["inputs"].items()}
    new = {year_neutral(p, after["parameters"]["år"]): (p, h) for p, h in after["inputs"].items()}
    changes = []
    for role in sorted(old.keys() | new.keys()):
        (p1, h1), (p2, h2) = old.get(role, ("", "")), new.get(role, ("", ""))
        if h1 == h2:
            continue
        change = "tillkommen" if not p1 else "borttagen" if not p2 else "ändrad"
        changes.append(InputChange(p1, p2, change, h1, h2))
    return changes


def compare_parameters(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, str]]:
    old, new = before.get("parameters", {}), after.get("parameters", {})
    return [
        (key, "" if key not in old else str(old[key]), "" if key not in new else str(new[key]))
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    ]


# --- two build folders -------------------------------------------------------------------------


def build_folder(path: Path) -> tuple[Path, dict[str, Any]]:
    """A build's folder and manifest, from the folder or its ``manifest.json``."""
    folder = path.parent if path.name == MANIFEST else path
    try:
        found = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    if found is None:
        raise CompareError(
            Problem(
                "mappen har ingen manifest.json (är rapporten byggd?)",
                file=paths.relative_to_root(folder),
                hint="ange mappen med en byggd rapport, t.ex. _site/exempelstad/2025/socialnamnden",
            )
        )
    return folder, found


def read_notebook(folder: Path, report: str) -> list[Shown]:
    path = folder / f"{report}.ipynb"
    try:
        return shown_in(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        raise CompareError(
            Problem(
                "den körda notebooken saknas eller går inte att läsa",
                file=paths.relative_to_root(path),
            )
        ) from None


def compare_builds(before: Path, after: Path, report: str | None = None) -> Comparison:
    """Everything that changed from the build in ``before`` to the build in ``after``."""
    old_folder, old = build_folder(Path(before))
    new_folder, new = build_folder(Path(after))
    common = [r for r in new.get("reports", []) if r in old.get("reports", [])]
    if report:
        common = [r for r in common if r == report]
    if not common:
        raise CompareError(
            Problem(
                "de två byggena har ingen rapport gemensam"
                if not report
                else f"rapporten {report} finns inte i båda byggena",
                file=f"{paths.relative_to_root(old_folder)} – {paths.relative_to_root(new_folder)}",
            )
        )
    reports = [
        compare_notebooks(name, read_notebook(old_folder, name), read_notebook(new_folder, name))
        for name in common
    ]
    return Comparison(
        before=old,
        after=new,
        before_folder=paths.relative_to_root(old_folder),
        after_folder=paths.relative_to_root(new_folder),
        reports=reports,
        inputs=compare_inputs(old, new),
        parameters=compare_parameters(old, new),
    )


def write(comparison: Comparison, target: Path | None = None) -> Path:
    """The change report (HTML) written atomically to ``target``, by default ``jamforelse.html``
    in the later build's folder. Returns the page's path."""
    from insyn import changepage, publish

    target = target or paths.resolve(comparison.after_folder) / changepage.NAME
    publish.write_file(target, changepage.render(comparison).encode())
    return target


def year_over_year(site: Path | None = None) -> list[Path]:
    """For the reviewers' index: a change report in every built report folder whose previous
    year is built too — ``_site/<kommun>/<år>/<…>/jamforelse.html`` against
    ``_site/<kommun>/<år-1>/<…>/`` (per-provider folders included). Returns the pages."""
    site = site or paths.site_dir()
    pages = []
    for found in sorted(site.rglob(MANIFEST)):
        parts = found.parent.relative_to(site).parts
        if len(parts) < 3 or not parts[1].isdigit() or parts[0].startswith("."):
            continue  # not a report folder (staging, logs)
        previous = site.joinpath(parts[0], str(int(parts[1]) - 1), *parts[2:])
        if (previous / MANIFEST).is_file():
            pages.append(write(compare_builds(previous, found.parent)))
    return pages
