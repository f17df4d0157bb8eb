"""Reading input tables as Swedish offices export them, then validating them against the schemas.

Reading is forgiving where the meaning is clear: ``;`` or ``,`` separators, decimal comma, UTF-8
with or without BOM or Windows-1252, column names in any case, ``Ja``/``Nej``. Validation is
strict and lazy: every problem in every table is collected with its file, row, column and value,
and raised together as one :class:`~insyn.errors.DataError` before any notebook runs.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from babel.numbers import NumberFormatError, parse_decimal
from stdnum.se import orgnr as _orgnr

from insyn import paths
from insyn.errors import DataError, Problem, ProblemCollector
from insyn.manifest import sha256_file
from insyn.schemas import Table, registry

ENCODINGS = ("utf-8-sig", "cp1252")
_TRUE = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
_FALSE = {"nej", "n", "no", "false", "falskt", "0"}
HEADER_ROW = 1  # people count the header as row 1, so data row i (0-based) is row i + 2
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


def normalise_name(name: str) -> str:
    """A column name reduced for forgiving matching: case, spaces, dashes and å/ä/ö spelled out."""
    text = unicodedata.normalize("NFKD", str(name).strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return "".join(ch for ch in text if ch.isalnum())


def find_table_file(folder: Path, table: Table) -> Path | None:
    """``<name>.csv`` or ``<name>.xlsx`` in the year folder (CSV first), or None."""
    return paths.table_file(folder, table.name)


def decode(raw: bytes, shown: str) -> str:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252 as Swedish Excel saves it."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(  # cp1252 leaves only five undefined bytes, so this is rare
        Problem(
            "filen har en teckenkodning som inte kan läsas",
            file=shown,
            hint="spara filen som CSV UTF-8 i Excel",
        )
    )


def sniff_separator(text: str) -> str:
    """The field separator of a CSV text: ``;`` (Swedish Excel), ``,``, tab or ``|``."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        return ","


def read_csv(path: Path, shown: str) -> pd.DataFrame:
    """A CSV file as strings, with whatever separator and encoding it was saved with."""
    text = decode(path.read_bytes(), shown)
    if not text.strip():
        raise DataError(Problem("filen är tom", file=shown, hint="exportera tabellen på nytt"))
    return pd.read_csv(
        io.StringIO(text),
        sep=sniff_separator(text),
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,  # keeps row numbers equal to the file's lines
    )


def read_xlsx(path: Path, shown: str, sheet: str | None) -> tuple[pd.DataFrame, str]:
    """The data sheet of an Excel file as strings (the named sheet, else the first)."""
    with pd.ExcelFile(path, engine="openpyxl") as workbook:
        names = workbook.sheet_names
        name = sheet or names[0]
        if name not in names:
            raise DataError(
                Problem(
                    f"bladet {name!r} saknas i arbetsboken",
                    file=shown,
                    hint=f"arbetsboken har bladen: {', '.join(names)}",
                )
            )
        frame = pd.read_excel(workbook, sheet_name=name, dtype=str)
    return frame.fillna(""), name


def read_table(path: Path, table: Table, shown: str) -> tuple[pd.DataFrame, str | None]:
    """The table as strings, and the sheet it came from (None for CSV)."""
    if path.suffix == ".xlsx":
        frame, sheet = read_xlsx(path, shown, table.sheet)
    else:
        frame, sheet = read_csv(path, shown), None
    return drop_empty(frame), sheet


def drop_empty(frame: pd.DataFrame) -> pd.DataFrame:
    """Without trailing empty rows and unnamed empty columns, as spreadsheets leave them."""
    frame = frame.map(lambda v: v.strip() if isinstance(v, str) else v)
    unnamed = [c for c in frame.columns if str(c).startswith("Unnamed:") or not str(c).strip()]
    empty_unnamed = [c for c in unnamed if (frame[c] == "").all()]
    frame = frame.drop(columns=empty_unnamed)
    keep = ~(frame == "").all(axis=1)
    return frame[keep]


def match_columns(
    frame: pd.DataFrame, table: Table, shown: Where, problems: ProblemCollector
) -> pd.DataFrame:
    """Renames columns to the schema's names (forgiving match); reports missing and extra ones."""
    wanted = {normalise_name(name): name for name in table.columns}
    renames, extra = {}, []
    for column in frame.columns:
        target = wanted.get(normalise_name(column))
        if target is None:
            extra.append(column)
        else:
            renames[column] = target
    for name, column in table.columns.items():
        if column.required and name not in renames.values():
            problems.add(
                "kolumnen saknas",
                **shown,
                column=name,
                hint=f"tabellen ska ha kolumnerna: {', '.join(table.columns)}",
            )
    for column in extra:
        problems.add(
            "okänd kolumn ignoreras",
            **shown,
            column=str(column),
            severity="varning",
            hint=f"kända kolumner: {', '.join(table.columns)}",
        )
    return frame.rename(columns=renames)[list(renames.values())]


def parse_cell(kind: str, value: str, allowed: tuple[str, ...] = ()):
    """One cell's text as the value its kind calls for; raises ValueError with a Swedish reason.

    A category value is matched without regard to case or surrounding space and stored in its
    canonical spelling (``hvb vuxna`` → ``HVB vuxna``); an unknown one is left for the schema's
    check to report.
    """
    if kind == "text":
        return value
    if kind == "category":
        canonical = {a.casefold(): a for a in allowed}
        return canonical.get(" ".join(value.split()).casefold(), value)
    if kind == "orgnr":
        return _orgnr.format(value) if _orgnr.is_valid(value) else value
    if kind in ("int", "float"):
        try:
            number = parse_decimal(value, locale="sv_SE", strict=False)
        except NumberFormatError:
            raise ValueError("är inte ett tal") from None
        if kind == "int":
            if number != int(number):
                raise ValueError("är inte ett heltal")
            return int(number)
        return float(number)
    if kind == "bool":
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError("ska vara Ja eller Nej")
    if kind == "date":
        try:
            return pd.Timestamp(dt.datetime.fromisoformat(value).date())
        except ValueError:
            raise ValueError("är inte ett giltigt datum (skriv ÅÅÅÅ-MM-DD)") from None
    raise AssertionError(f"unknown column kind {kind}")


def parse_columns(
    frame: pd.DataFrame, table: Table, shown: Where, problems: ProblemCollector, unparsed: set
) -> pd.DataFrame:
    """Every column converted from text to its schema type; unparseable cells become problems
    and are added to ``unparsed`` as (row, column)."""
    parsed = {}
    for name, column in table.columns.items():
        if name not in frame.columns:
            continue
        kind = column.metadata["kind"]
        allowed = tuple(column.metadata.get("allowed", ()))
        values = []
        for index, raw in frame[name].items():
            if raw == "":
                values.append(None)
                continue
            try:
                values.append(parse_cell(kind, raw, allowed))
            except ValueError as reason:
                values.append(None)
                problems.add(str(reason), **shown, row=row_number(index), column=name, value=raw)
                unparsed.add((row_number(index), name))
        parsed[name] = pd.Series(values, index=frame.index, dtype=column.dtype.type)
    return pd.DataFrame(parsed, index=frame.index)


def row_number(index) -> int:
    return int(index) + HEADER_ROW + 1


_BUILTIN_CHECKS = {
    "not_nullable": "saknar värde",
    "field_uniqueness": "förekommer flera gånger (ska vara unikt)",
    "multiple_fields_uniqueness": "kombinationen förekommer flera gånger (ska vara unik)",
}


def translate_failures(
    error: pa.errors.SchemaErrors, table: Table, shown: Where, skip=frozenset()
) -> Iterable[Problem]:
    """pandera's failure cases as Swedish problems with file, row, column and value.

    A row-wide check (``svarande`` ≤ ``tillfrågade``) fails once per column of the row in
    pandera's report; it becomes one problem naming the row and every value involved.
    """
    cases = error.failure_cases
    wide: dict[tuple[str, object], list[str]] = {}
    for case in cases.itertuples(index=False):
        check = str(case.check)
        if check.startswith(("coerce_dtype", "dtype(", "column_in_dataframe")):
            continue  # parse_columns and match_columns already reported these
        row = row_number(case.index) if pd.notna(case.index) else None
        value = None if pd.isna(case.failure_case) else format_value(case.failure_case)
        if case.schema_context == "DataFrameSchema" and check not in _BUILTIN_CHECKS and row:
            if case.column in table.columns and case.column not in table.key:
                wide.setdefault((check, row), []).append(f"{case.column}={value}")
            continue
        message = _BUILTIN_CHECKS.get(check, check)
        if (row, case.column) in skip:
            continue  # the cell could not be parsed; that is already reported
        yield Problem(message, **shown, row=row, column=case.column, value=value)
    for (check, row), values in wide.items():
        # a check whose message names columns shows only those (not every text of the row)
        named = [v for v in values if re.search(rf"\b{re.escape(v.split('=')[0])}\b", check)]
        yield Problem(check, **shown, row=row, value=", ".join(named or values))


def format_value(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def check_keys(frame: pd.DataFrame, table: Table, shown: Where, problems: ProblemCollector) -> None:
    """Composite keys must be unique (single-column keys are checked by the schema)."""
    if len(table.key) < 2 or not set(table.key) <= set(frame.columns):
        return
    duplicated = frame.duplicated(list(table.key), keep="first")
    for index in frame.index[duplicated]:
        key = ", ".join(format_value(frame.at[index, c]) for c in table.key)
        problems.add(
            f"raden finns redan (samma {', '.join(table.key)})",
            **shown,
            row=row_number(index),
            value=key,
            hint="ta bort dubbletten",
        )


def check_period(
    frame: pd.DataFrame,
    table: Table,
    shown: Where,
    period: tuple[dt.date, dt.date],
    problems: ProblemCollector,
) -> None:
    """Date columns marked ``in_period`` must fall inside the report period."""
    start, end = (pd.Timestamp(d) for d in period)
    for name, column in table.columns.items():
        if not column.metadata.get("in_period") or name not in frame.columns:
            continue
        dates = frame[name]
        outside = dates.notna() & ((dates < start) | (dates > end))
        for index in frame.index[outside]:
            problems.add(
                f"datumet ligger utanför rapportperioden {start.date()}–{end.date()}",
                **shown,
                row=row_number(index),
                column=name,
                value=format_value(dates[index]),
            )


def load_table(
    folder: Path,
    table: Table,
    problems: ProblemCollector,
    period: tuple[dt.date, dt.date] | None = None,
    root: Path | None = None,
) -> tuple[pd.DataFrame | None, Path | None, Where]:
    """One table read, parsed and validated; problems are collected, not raised."""
    path = find_table_file(folder, table)
    if path is None:
        problems.add(
            f"filen {table.name}.csv (eller .xlsx) saknas",
            file=paths.relative_to_root(folder, root),
            hint=f"lägg tabellen {table.title.lower()} i mappen",
        )
        return None, None, {"file": paths.relative_to_root(folder, root)}
    shown: Where = {"file": paths.relative_to_root(path, root)}
    try:
        raw, sheet = read_table(path, table, shown["file"])
    except DataError as exc:
        problems.extend(exc.problems)
        return None, path, shown
    if sheet:
        shown["sheet"] = sheet
    unparsed: set[tuple[int, str]] = set()
    frame = parse_columns(
        match_columns(raw, table, shown, problems), table, shown, problems, unparsed
    )
    failed = len(problems.errors)
    try:
        frame = table.schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems.extend(translate_failures(exc, table, shown, frozenset(unparsed)))
    if len(problems.errors) > failed or unparsed:
        return None, path, shown
    check_keys(frame, table, shown, problems)
    if period:
        check_period(frame, table, shown, period, problems)
    return frame, path, shown


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
            for index in frame.index[unknown]:
                problems.add(
                    f"finns inte i {other}",
                    **shown[name],
                    row=row_number(index),
                    column=column,
                    value=format_value(frame.at[index, column]),
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
    candidates = [find_table_file(folder, registry()[name]) for name in tables]
    candidates += [paths.text_dir(datamapp, year, root) / f"{name}.md" for name in texts]
    files = {str(p): sha256_file(p) for p in candidates if p is not None and p.is_file()}
    request = {"folder": str(folder), "tables": tables, "texts": texts, "period": period}
    digest = cache.key(files, request)
    dataset = cache.get(digest)
    if dataset is None:
        dataset = read_year(datamapp, year, folder, tables, texts, period, root)
        cache.put(digest, dataset)
    return dataset


def read_year(
    datamapp: str | Path,
    year: int,
    folder: Path,
    tables: list[str],
    texts: list[str],
    period: tuple[dt.date, dt.date] | None,
    root: Path | None,
) -> Dataset:
    """:func:`load_year` without the cache: read, parse and validate everything."""
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
    for name in texts:
        path = paths.text_dir(datamapp, year, root) / f"{name}.md"
        content = text_module.read_markdown(path, problems, root)
        if content is not None:
            dataset.texts[name] = content
            dataset.files[paths.relative_to_root(path, root)] = sha256_file(path)
    problems.raise_if_errors(DataError)
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
