"""Starting next year from this one: ``insyn nytt-ar <kommun> <år>``.

For every parameter file in ``params/<kommun>/<år>/`` it prepares year + 1:

- the parameter file, copied with ``år`` and the dates moved on one year (edited as text, so the
  strategist's comments and layout survive; a diarienummer belongs to one year and is emptied);
- an empty template for every input table the file's reports read, in ``<datamapp>/<år+1>/``
  (CSV with ``;`` and a BOM so Swedish Excel opens it; header row from the schemas);
- the narrative Markdown, copied from ``<datamapp>/<år>/text/`` with the draft marker
  (``insyn.text.DRAFT_MARKER``) on top, which every build reports as a warning until it is gone.
  Texts a report names in a subfolder (``text/kvalitetsberattelse/``) are copied too; the
  per-granskning texts in ``text/utforare/<verksamhet>/`` belong to one year and are not.

Nothing that exists is overwritten (``insyn.publish.write_new``), so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from insyn import paths, publish
from insyn.errors import ParameterError, Problem
from insyn.load import find_table_file
from insyn.params import DATE_KEYS, ParameterSet, load_params, slugify
from insyn.reports import input_tables, report_type
from insyn.schemas import Table, registry
from insyn.text import DRAFT_MARKER

TEMPLATE_SEPARATOR = ";"  # what Swedish Excel writes and reads in a CSV file
_YEAR_LINE = re.compile(r"^(?P<head>\s*år\s*:\s*)(?P<q>[\"']?)(?P<year>\d{4})(?P=q)(?P<tail>.*)$")
_DATE_LINE = re.compile(
    r"^(?P<head>\s*(?:" + "|".join(DATE_KEYS) + r")\s*:\s*)"
    r"(?P<q>[\"']?)(?P<date>\d{4}-\d{2}-\d{2})(?P=q)(?P<tail>.*)$"
)
_CASE_LINE = re.compile(r"^(?P<head>\s*diarienummer\s*:\s*)(?P<value>[^#\s].*?)(?P<tail>\s*#.*)?$")


@dataclass
class NewYear:
    """What ``scaffold`` did: files created and files that existed and were left alone."""

    kommun: str
    year: int  # the new year
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created)


def next_date(value: dt.date) -> dt.date:
    """The same day one year later; 29 February becomes 28 February."""
    try:
        return value.replace(year=value.year + 1)
    except ValueError:
        return value.replace(year=value.year + 1, day=28)


def move_year(text: str, year: int) -> tuple[str, list[str]]:
    """A parameter file's text for the next year, and notes on what the strategist must check.

    ``år`` and the dates move on one year; the year in whole-line comments too. A diarienummer
    is emptied (next year's case has its own). Everything else is kept as written.
    """
    lines, notes = [], []
    for line in text.splitlines(keepends=True):
        body, newline = line.rstrip("\r\n"), line[len(line.rstrip("\r\n")) :]
        if match := _YEAR_LINE.match(body):
            body = f"{match['head']}{match['q']}{int(match['year']) + 1}{match['q']}{match['tail']}"
        elif match := _DATE_LINE.match(body):
            moved = next_date(dt.date.fromisoformat(match["date"])).isoformat()
            body = f"{match['head']}{match['q']}{moved}{match['q']}{match['tail']}"
        elif (match := _CASE_LINE.match(body)) and match["value"].strip("\"' "):
            body = f'{match["head"]}""  # {DRAFT_MARKER}: ange diarienummer för {year + 1}'
            notes.append(f"diarienummer tömdes (var {match['value'].strip()})")
        elif body.lstrip().startswith("#"):
            body = re.sub(rf"\b{year}\b", str(year + 1), body)
        lines.append(body + newline)
    return "".join(lines), notes


def check_moved(text: str, year: int, shown: str) -> None:
    """The moved text must still read as YAML and name the new year; else nothing is written."""
    try:
        data = yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict) or data.get("år") != str(year + 1):
        raise ParameterError(
            Problem(
                f"året i parameterfilen kunde inte flyttas fram till {year + 1}",
                file=shown,
                key="år",
                hint=f"skriv raden som 'år: {year}' och kör kommandot igen",
            )
        )


def template(table: Table) -> bytes:
    """An empty input table: the header row only, as Swedish Excel reads a CSV file.

    Issue 7's ``insyn mall`` writes Excel templates from the same schemas; this is the minimal
    CSV form, and the one function to point at those templates instead.
    """
    header = TEMPLATE_SEPARATOR.join(table.columns)
    return (header + "\r\n").encode("utf-8-sig")


def draft(content: str, year: int) -> bytes:
    """Last year's text with the draft marker on top, as a visible paragraph of its own."""
    marker = (
        f"**{DRAFT_MARKER}:** texten är kopierad från {year} och ska skrivas om för {year + 1}. "
        "Ta bort det här stycket när texten är klar."
    )
    body = content.lstrip("\ufeff").strip()
    return (f"{marker}\n\n{body}\n" if body else f"{marker}\n").encode()


def source_folder(kommun: str, year: int, root: Path | None) -> Path:
    """``params/<kommun>/<år>/``, with ``kommun`` as the folder name or the kommun's name."""
    base = paths.params_dir(root)
    for name in dict.fromkeys((kommun, slugify(kommun))):
        folder = base / name / str(year)
        if folder.is_dir():
            return folder
    known = sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    raise ParameterError(
        Problem(
            f"det finns inga parameterfiler för {kommun} {year}",
            file=paths.relative_to_root(base / slugify(kommun) / str(year), root),
            hint="kommuner i params/: " + (", ".join(known) or "inga"),
        ),
        heading="Det finns inget år att utgå från",
    )


def parameter_sets(folder: Path) -> list[ParameterSet]:
    """Every parameter file in the year's folder, checked; all problems of all files at once."""
    sets, problems = [], []
    for path in sorted(folder.glob("*.y*ml")):
        try:
            sets.append(load_params(path))
        except ParameterError as exc:
            problems += exc.problems
    if problems:
        raise ParameterError(problems)
    return sets


def next_params_file(ps: ParameterSet) -> Path:
    """``params/<kommun>/<år+1>/<nämnd>.yml`` beside this year's file."""
    return ps.source.parent.parent / str(ps.year + 1) / ps.source.name


def plan(ps: ParameterSet, root: Path | None = None) -> tuple[dict[Path, bytes | None], list[str]]:
    """Every file next year needs for one parameter set, with its content, and notes for the
    strategist. Content None: the table is there already in another form (``.xlsx``)."""
    year = ps.year
    files: dict[Path, bytes | None] = {}
    text, notes = move_year(ps.source.read_text(encoding="utf-8-sig"), year)
    check_moved(text, year, paths.relative_to_root(ps.source, root))
    files[next_params_file(ps)] = text.encode()
    old_data = paths.year_dir(ps.datamapp, year, root)
    new_data = paths.year_dir(ps.datamapp, year + 1, root)
    texts_needed: dict[str, None] = {}
    for name in ps.reports:
        report = report_type(name)
        # an optional group of tables (the register) gets templates when last year had it
        for table in (registry()[t] for t in input_tables(report, old_data)):
            found = find_table_file(new_data, table)
            files.setdefault(
                found or new_data / f"{table.name}.csv", None if found else template(table)
            )
        texts_needed.update(dict.fromkeys(report.texts))
    old_texts = paths.text_dir(ps.datamapp, year, root)
    new_texts = paths.text_dir(ps.datamapp, year + 1, root)
    # the texts the reports name (some in a subfolder: "kvalitetsberattelse/inledning") and any
    # other text beside them; per-granskning texts under text/utforare/ are not named, not copied
    loose = [p.stem for p in sorted(old_texts.glob("*.md"))] if old_texts.is_dir() else []
    for name in dict.fromkeys([*loose, *texts_needed]):
        source = old_texts / f"{name}.md"
        content = source.read_text(encoding="utf-8-sig") if source.is_file() else ""
        files.setdefault(new_texts / f"{name}.md", draft(content, year))
    shown = paths.relative_to_root(next_params_file(ps), root)
    return files, [f"{shown}: {note}" for note in notes]


def scaffold(kommun: str, year: int, root: Path | None = None) -> NewYear:
    """Prepares year + 1 for every parameter set of ``kommun`` in ``year``; never overwrites."""
    folder = source_folder(kommun, year, root)
    sets = parameter_sets(folder)
    if not sets:
        raise ParameterError(
            Problem(
                "mappen har inga parameterfiler (*.yml)",
                file=paths.relative_to_root(folder, root),
            )
        )
    files: dict[Path, bytes | None] = {}
    notes: dict[Path, list[str]] = {}
    for ps in sets:  # every file is planned before anything is written
        planned, notes[next_params_file(ps)] = plan(ps, root)
        for path, content in planned.items():
            files.setdefault(path, content)
    result = NewYear(kommun=folder.parent.name, year=year + 1)
    for path in sorted(files):
        content = files[path]
        written = content is not None and publish.write_new(path, content)
        (result.created if written else result.existing).append(paths.relative_to_root(path, root))
        if written:  # a note about a file that was left alone would mislead
            result.notes += notes.get(path, [])
    return result
