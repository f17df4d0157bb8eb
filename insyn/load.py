"""Input tables read as Swedish offices export them, then validated against the schemas.

Reading a file into rows of text is :mod:`insyn.readers`; turning one cell's text into a value is
:mod:`insyn.cells`. This module matches the file's columns to the schema (forgivingly, but
reporting them as written), looks at every cell for what must never pass (spreadsheet errors,
garbled characters, personnummer), parses and validates (pandera, lazily), and checks keys, the
report period and references between tables. Every problem in every table is collected with its
file, sheet, row, column and value, and raised together as one :class:`~insyn.errors.DataError`
before any notebook runs. Nothing here ends in a traceback: a file that breaks the reader in a way
nobody foresaw becomes a problem naming the file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from insyn import cells, paths
from insyn.errors import DataError, Problem, ProblemCollector
from insyn.manifest import sha256_file
from insyn.readers import Grid, column_letter, loose_name, normalise_name, read_grid
from insyn.schemas import Table, registry

__all__ = [
    "Dataset",
    "load_folder",
    "load_previous",
    "load_table",
    "load_year",
    "normalise_name",
    "parse_cell",
]

parse_cell = cells.parse_cell
SUFFIXES = (".csv", ".xlsx")
Where = dict  # where problems in one file are: {"file": ..., "sheet": ...}


@dataclass
class Dataset:
    """The validated tables and texts of one year, with the hash of every file read."""

    year: int
    folder: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # path relative to root -> sha256
    warnings: list[Problem] = field(default_factory=list)  # reported, but not stopping a build

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def fingerprint(self) -> str:
        """One hash over every file read (sorted), shown in the report as its data fingerprint."""
        digest = hashlib.sha256()
        for path in sorted(self.files):
            digest.update(f"{path}\0{self.files[path]}\n".encode())
        return digest.hexdigest()


# --- finding the file ----------------------------------------------------------------------------


def table_files(folder: Path, table: Table) -> list[Path]:
    """Every file in ``folder`` named ``<table>.csv`` or ``<table>.xlsx`` (any letter case)."""
    wanted = {f"{table.name}{suffix}" for suffix in SUFFIXES}
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.name.lower() in wanted and p.is_file()]
    return sorted(found, key=lambda p: (SUFFIXES.index(p.suffix.lower()), p.name))


def find_table_file(folder: Path, table: Table) -> Path | None:
    """``<name>.csv`` or ``<name>.xlsx`` in the year folder (CSV first), or None."""
    found = table_files(folder, table)
    return found[0] if found else None


def near_misses(folder: Path, table: Table) -> list[str]:
    """Files that look meant for the table but are named otherwise (``Placeringar (1).csv``,
    ``placeringar.xls``, ``placeringar.csv.txt``)."""
    if not folder.is_dir():
        return []
    key = loose_name(table.name)
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file() and loose_name(p.name.split(".")[0]).startswith(key)
    )


def missing_file(folder: Path, table: Table, shown: str, problems: ProblemCollector) -> None:
    similar = near_misses(folder, table)
    hint = f"lägg tabellen ”{table.title}” i mappen (insyn mall skapar en Excel-mall)"
    if similar:
        hint = (
            f"mappen har {', '.join(similar)}: döp om filen till {table.name}.csv eller "
            f"{table.name}.xlsx (Excel-arbetsbok; .xls och .ods kan inte läsas)"
        )
    problems.add(f"filen {table.name}.csv (eller .xlsx) saknas", file=shown, hint=hint)


# --- columns -------------------------------------------------------------------------------------


def match_columns(grid: Grid, table: Table, where: Where, problems: ProblemCollector) -> dict:
    """Schema column → its index in the file, matched forgivingly (case, spaces, dashes, å/ä/ö
    dropped or spelled out). Reports missing, doubled, unnamed and unknown columns; an unknown
    column that resembles a column the table lacks is an error, since its values would be
    ignored."""
    strict = {normalise_name(name): name for name in table.columns}
    loose = {loose_name(name): name for name in table.columns}
    found: dict[str, int] = {}
    unknown: list[int] = []
    for index, written in enumerate(grid.header):
        target = strict.get(normalise_name(written)) or loose.get(loose_name(written))
        if not written:
            if any(cells_[index] for _, cells_ in grid.rows):
                problems.add(
                    "kolumnen saknar rubrik men har värden, som inte används",
                    **where,
                    column=column_letter(index),
                    severity="varning",
                    hint="ge kolumnen en rubrik ur tabellen eller ta bort den",
                )
        elif target is None:
            unknown.append(index)
        elif target in found:
            problems.add(
                f"kolumnen {target!r} finns två gånger "
                f"({grid.header[found[target]]!r} och {written!r})",
                **where,
                column=written,
                hint="ta bort eller byt namn på den ena kolumnen",
            )
        else:
            found[target] = index
    lacking = [name for name in table.columns if name not in found]
    other = better_table(grid.header, table, len(found))
    if other is not None:
        problems.add(
            f"filen verkar innehålla tabellen {other.name} ({other.title}), inte {table.name}",
            **where,
            row=grid.header_row,
            value=", ".join(h for h in grid.header if h)[:80],
            hint=f"spara rätt tabell som {table.name}; kolumnerna ska vara "
            f"{', '.join(table.columns)}",
        )
        return found
    explained: set[str] = set()
    for index in unknown:
        written = grid.header[index]
        close = difflib.get_close_matches(
            loose_name(written), [loose_name(n) for n in lacking], n=1, cutoff=0.8
        )
        if close:
            meant = loose[close[0]]
            explained.add(meant)
            problems.add(
                f"kolumnnamnet känns inte igen; det liknar {meant!r}",
                **where,
                column=written,
                hint=f"byt namn på kolumnen till {meant!r}",
            )
        else:
            problems.add(
                "okänd kolumn ignoreras",
                **where,
                column=written,
                severity="varning",
                hint=f"kända kolumner: {', '.join(table.columns)}",
            )
    for name in lacking:
        if table.columns[name].required and name not in explained:
            problems.add(
                "kolumnen saknas",
                **where,
                column=name,
                hint=f"tabellen ska ha kolumnerna: {', '.join(table.columns)}",
            )
    return found


def better_table(header: list[str], table: Table, matched: int) -> Table | None:
    """Another table whose columns the header has more of, when the header lacks most of this
    table's columns (a table saved under the wrong name)."""
    if matched * 2 > len(table.columns):
        return None
    keys = {loose_name(h) for h in header if h}
    scores = {
        name: len(keys & {loose_name(c) for c in other.columns})
        for name, other in registry().items()
        if name != table.name
    }
    best = max(scores, key=scores.get, default=None)
    if best is None or scores[best] <= matched or scores[best] * 2 <= len(keys):
        return None
    return registry()[best]


def text_frame(grid: Grid, found: dict[str, int]) -> pd.DataFrame:
    """The matched columns as text, indexed by the row number a person sees in the file."""
    numbers = [number for number, _ in grid.rows]
    data = {name: [row[index] for _, row in grid.rows] for name, index in found.items()}
    return pd.DataFrame(data, index=pd.Index(numbers, dtype="int64"), dtype=object)


# --- cells ---------------------------------------------------------------------------------------


def scan_cells(grid: Grid, where: Where, used: set[int], problems: ProblemCollector) -> set:
    """Problems no column kind may pass, as (row, column index): spreadsheet errors and garbled
    characters in the columns used, and personnummer in *any* column (the file is published
    from, so a personnummer anywhere in it is refused)."""
    from insyn.text import find_personal_numbers, mask

    bad: set[tuple[int, int]] = set()
    for number, row in grid.rows:
        for index, value in enumerate(row):
            if not value:
                continue
            column = grid.header[index] or column_letter(index)
            for found in find_personal_numbers(value):
                problems.add(
                    "cellen innehåller ett personnummer, som inte får finnas i underlaget",
                    **where,
                    row=number,
                    column=column,
                    value=mask(found),
                    hint="ta bort numret; en enskild firmas organisationsnummer är ägarens "
                    "personnummer och får inte heller publiceras",
                )
                bad.add((number, index))
            if index not in used:
                continue
            reason = cell_trouble(value)
            if reason:
                message, hint = reason
                problems.add(message, **where, row=number, column=column, value=value, hint=hint)
                bad.add((number, index))
    return bad


def cell_trouble(value: str) -> tuple[str, str] | None:
    """What is wrong with a cell whatever its column, with how to fix it; None when nothing."""
    if cells.is_excel_error(value):
        return (
            "cellen innehåller ett formelfel från Excel",
            "rätta formeln eller skriv in värdet, och exportera på nytt",
        )
    if "\ufffd" in value or any(marker in value for marker in ("Ã¥", "Ã¤", "Ã¶", "Ã…", "Ã„", "Ã–")):
        return (
            "texten har felkodade tecken (å, ä och ö har blivit fel)",
            "öppna originalet och spara det som CSV UTF-8 eller .xlsx; rätta inte för hand",
        )
    return None


def parse_columns(
    frame: pd.DataFrame,
    table: Table,
    where: Where,
    problems: ProblemCollector,
    unparsed: set,
    written: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Every column converted from text to its schema type. Unparseable cells become problems
    (named by the column as written) and are added to ``unparsed`` as (row, column); cells
    already in ``unparsed`` are skipped."""
    written = written or {}
    parsed = {}
    for name, column in table.columns.items():
        if name not in frame.columns:
            continue
        kind = column.metadata["kind"]
        allowed = tuple(column.metadata.get("allowed", ()))
        unit = column.metadata.get("unit", "")
        values = []
        for number, raw in frame[name].items():
            if raw == "" or (number, name) in unparsed:
                values.append(None)
                continue
            try:
                values.append(cells.parse_cell(kind, raw, allowed, unit))
            except cells.CellError as reason:
                values.append(None)
                problems.add(
                    reason.reason,
                    **where,
                    row=int(number),
                    column=written.get(name, name),
                    value=raw,
                    hint=reason.hint,
                )
                unparsed.add((int(number), name))
        parsed[name] = pd.Series(values, index=frame.index, dtype=column.dtype.type)
    return pd.DataFrame(parsed, index=frame.index)


# --- validation ----------------------------------------------------------------------------------

_BUILTIN_CHECKS = {
    "not_nullable": ("saknar värde", "fyll i ett värde"),
    "field_uniqueness": ("förekommer flera gånger (ska vara unikt)", "ta bort dubbletten"),
    "multiple_fields_uniqueness": (
        "kombinationen förekommer flera gånger (ska vara unik)",
        "ta bort dubbletten",
    ),
}
ROW_CHECK_HINT = "kontrollera värdena på raden mot varandra"
_CHECK_HINTS = {
    "isin": "välj ett av värdena i listan (mallen har en rullista)",
    "greater_than_or_equal_to": "kontrollera värdet; antal kan inte vara negativa",
    "less_than_or_equal_to": "kontrollera värdet",
    "organisationsnummer": "kontrollera numret mot Bolagsverket eller avtalet",
}


def translate_failures(
    error: pa.errors.SchemaErrors,
    table: Table,
    where: Where,
    skip=frozenset(),
    written: dict[str, str] | None = None,
) -> Iterable[Problem]:
    """pandera's failure cases as Swedish problems with file, row, column and value.

    A row-wide check (``svarande`` ≤ ``tillfrågade``) fails once per column of the row in
    pandera's report; it becomes one problem naming the row and every value involved.
    """
    written = written or {}
    hints = {check.error: _CHECK_HINTS.get(check.name) for check in all_checks(table)}
    wide: dict[tuple[str, int], list[str]] = {}
    for case in error.failure_cases.itertuples(index=False):
        check = str(case.check)
        if check.startswith(("coerce_dtype", "dtype(", "column_in_dataframe")):
            continue  # parse_columns and match_columns already reported these
        row = int(case.index) if pd.notna(case.index) else None
        value = None if pd.isna(case.failure_case) else format_value(case.failure_case)
        if case.schema_context == "DataFrameSchema" and check not in _BUILTIN_CHECKS:
            if row is None:
                continue  # the check could not run (a column it needs is missing, reported)
            if case.column in table.columns and case.column not in table.key:
                wide.setdefault((check, row), []).append(f"{case.column}={value}")
            continue
        if (row, case.column) in skip:
            continue  # the cell could not be parsed; that is already reported
        message, hint = _BUILTIN_CHECKS.get(check, (check, hints.get(check)))
        column = written.get(case.column, case.column)
        yield Problem(message, **where, row=row, column=column, value=value, hint=hint)
    for (check, row), values in wide.items():
        # a check whose message names columns shows only those (not every text of the row)
        named = [v for v in values if re.search(rf"\b{re.escape(v.split('=')[0])}\b", check)]
        yield Problem(
            check, **where, row=row, value=", ".join(named or values), hint=ROW_CHECK_HINT
        )


def all_checks(table: Table) -> list[pa.Check]:
    checks = list(table.schema.checks)
    for column in table.columns.values():
        checks += column.checks
    return checks


def format_value(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def check_keys(frame: pd.DataFrame, table: Table, where: Where, problems: ProblemCollector) -> None:
    """Composite keys must be unique (single-column keys are checked by the schema)."""
    if len(table.key) < 2 or not set(table.key) <= set(frame.columns):
        return
    duplicated = frame.duplicated(list(table.key), keep="first")
    for number in frame.index[duplicated]:
        key = ", ".join(format_value(frame.at[number, c]) for c in table.key)
        problems.add(
            f"raden finns redan (samma {', '.join(table.key)})",
            **where,
            row=int(number),
            value=key,
            hint="ta bort dubbletten",
        )


def check_period(
    frame: pd.DataFrame,
    table: Table,
    where: Where,
    period: tuple[dt.date, dt.date],
    problems: ProblemCollector,
    written: dict[str, str] | None = None,
) -> None:
    """Date columns marked ``in_period`` must fall inside the report period."""
    written = written or {}
    start, end = (pd.Timestamp(d) for d in period)
    for name, column in table.columns.items():
        if not column.metadata.get("in_period") or name not in frame.columns:
            continue
        dates = frame[name]
        outside = dates.notna() & ((dates < start) | (dates > end))
        for number in frame.index[outside]:
            problems.add(
                f"datumet ligger utanför rapportperioden {start.date()}–{end.date()}",
                **where,
                row=int(number),
                column=written.get(name, name),
                value=format_value(dates[number]),
                hint="flytta raden till rätt års mapp eller rätta datumet",
            )


# --- one table, one year -------------------------------------------------------------------------


def load_table(
    folder: Path,
    table: Table,
    problems: ProblemCollector,
    period: tuple[dt.date, dt.date] | None = None,
    root: Path | None = None,
) -> tuple[pd.DataFrame | None, Path | None, Where]:
    """One table read, parsed and validated; problems are collected, not raised. The frame's
    index is the row number in the file (``load_year`` renumbers from 0)."""
    files = table_files(folder, table)
    if not files:
        shown = paths.relative_to_root(folder, root)
        missing_file(folder, table, shown, problems)
        return None, None, {"file": shown}
    path = files[0]
    where: Where = {"file": paths.relative_to_root(path, root)}
    if len(files) > 1:
        problems.add(
            f"tabellen finns i flera filer: {', '.join(p.name for p in files)}",
            **where,
            hint="ta bort eller flytta den fil som inte ska användas",
        )
        return None, path, where
    before = len(problems.errors)
    try:
        frame = validate_table(path, table, where, problems, period)
    except DataError as exc:
        problems.extend(exc.problems)
        return None, path, where
    except OSError as exc:
        problems.add("filen kan inte läsas", **where, value=exc.strerror or str(exc))
        return None, path, where
    except Exception as exc:  # the last guard: a file nobody foresaw still gets a message
        problems.add(
            "filen kunde inte läsas (oväntat fel)",
            **where,
            value=f"{type(exc).__name__}: {exc}"[:160],
            hint="kontrollera att filen är en vanlig CSV- eller Excel-fil; skicka annars filen "
            "och meddelandet till den som förvaltar Insyn",
        )
        return None, path, where
    return (frame if len(problems.errors) == before else None), path, where


def validate_table(
    path: Path,
    table: Table,
    where: Where,
    problems: ProblemCollector,
    period: tuple[dt.date, dt.date] | None,
) -> pd.DataFrame | None:
    grid = read_grid(path, where["file"], table.columns, table.sheet)
    if grid.sheet:
        where["sheet"] = grid.sheet
    problems.extend(grid.problems)
    if not grid.rows:
        problems.add(
            "tabellen har inga rader",
            **where,
            severity="varning",
            hint="fyll i tabellen, eller låt den vara tom om inget sådant hände under perioden",
        )
    found = match_columns(grid, table, where, problems)
    written = {name: grid.header[index] for name, index in found.items()}
    bad = scan_cells(grid, where, set(found.values()), problems)
    unparsed = {(number, name) for number, index in bad for name, i in found.items() if i == index}
    frame = parse_columns(text_frame(grid, found), table, where, problems, unparsed, written)
    failed = len(problems.errors)
    try:
        frame = table.schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems.extend(translate_failures(exc, table, where, frozenset(unparsed), written))
    if len(problems.errors) > failed or unparsed:
        return None
    check_keys(frame, table, where, problems)
    if period:
        check_period(frame, table, where, period, problems, written)
    return frame


def check_references(
    tables: dict[str, pd.DataFrame], shown: dict[str, Where], problems: ProblemCollector
) -> None:
    """Values that must exist in another table (a placement's verksamhet in ``utforare``)."""
    for name, frame in tables.items():
        for column, other, other_column in registry()[name].references:
            if other not in tables:
                continue
            known = set(tables[other][other_column].dropna())
            unknown = frame[column].notna() & ~frame[column].isin(known)
            for number in frame.index[unknown]:
                problems.add(
                    f"finns inte i {other}",
                    **shown[name],
                    row=int(number),
                    column=column,
                    value=format_value(frame.at[number, column]),
                    hint=f"lägg till raden i {other} eller rätta stavningen",
                )


def load_year(
    datamapp: str | Path,
    year: int,
    tables: Iterable[str],
    texts: Iterable[str] = (),
    period: tuple[dt.date, dt.date] | None = None,
    root: Path | None = None,
) -> Dataset:
    """Every named table and text of one year, validated; raises DataError with all problems.

    A validation of exactly these files (by content) that succeeded before is reused from
    ``insyn.cache``; anything else is read and validated in full.
    """
    from insyn import cache

    folder = paths.year_dir(datamapp, year, root)
    if not folder.is_dir():
        raise DataError(
            Problem(
                f"datamappen för {year} finns inte",
                file=paths.relative_to_root(folder, root),
                hint="kontrollera 'datamapp' och 'år' i parameterfilen",
            )
        )
    tables, texts = list(tables), list(texts)
    # every file that could be a table (a second one beside it is an error, so it must miss)
    candidates = [p for name in tables for p in table_files(folder, registry()[name])]
    candidates += [paths.texts_in(folder) / f"{name}.md" for name in texts]
    files = {str(p): sha256_file(p) for p in candidates if p.is_file()}
    request = {"folder": str(folder), "tables": tables, "texts": texts, "period": period}
    digest = cache.key(files, request)
    dataset = cache.get(digest)
    if dataset is None:
        dataset = load_folder(folder, tables, texts, period, root, year=year)
        cache.put(digest, dataset)
    return dataset


def load_folder(
    folder: Path,
    tables: Iterable[str],
    texts: Iterable[str] = (),
    period: tuple[dt.date, dt.date] | None = None,
    root: Path | None = None,
    year: int = 0,
) -> Dataset:
    """The named tables of ``folder`` and texts of ``folder/text``, read and validated without
    the cache; raises DataError with every problem at once."""
    from insyn import text as text_module

    problems = ProblemCollector()
    dataset = Dataset(year=year, folder=folder)
    shown: dict[str, Where] = {}
    for name in tables:
        table = registry()[name]
        frame, path, where = load_table(folder, table, problems, period, root)
        if path is not None:
            dataset.files[paths.relative_to_root(path, root)] = sha256_file(path)
            shown[name] = where
        if frame is not None:
            dataset.tables[name] = frame
    check_references(dataset.tables, shown, problems)
    dataset.tables = {name: f.reset_index(drop=True) for name, f in dataset.tables.items()}
    for name in texts:
        path = paths.texts_in(folder) / f"{name}.md"
        content = text_module.read_markdown(path, problems, root)
        if content is not None:
            dataset.texts[name] = content
            dataset.files[paths.relative_to_root(path, root)] = sha256_file(path)
    if problems.errors:  # warnings go along, so a list of problems is never half the story
        raise DataError(problems.problems)
    dataset.warnings = problems.warnings
    return dataset


def load_previous(
    datamapp: str | Path, year: int, tables: Iterable[str], root: Path | None = None
) -> Dataset | None:
    """Last year's tables for comparisons, or None when that year's folder does not exist.

    A table missing from last year's folder is simply absent from the result, so the report can
    say "jämförelse saknas" for it.
    Last year's data was validated when last year's report was built; it is validated again here
    (without the period check) so a comparison never rests on unreadable numbers.
    """
    folder = paths.year_dir(datamapp, year, root)
    if not folder.is_dir():
        return None
    present = [name for name in tables if find_table_file(folder, registry()[name])]
    return load_year(datamapp, year, present, root=root)


def warm_up(tables: dict[str, Table]) -> None:
    """Validates an empty frame against every schema once (pandera builds its checks lazily)."""
    for table in tables.values():
        empty = pd.DataFrame(
            {name: pd.Series([], dtype=c.dtype.type) for name, c in table.columns.items()}
        )
        with contextlib.suppress(pa.errors.SchemaErrors):
            table.schema.validate(empty, lazy=True)
