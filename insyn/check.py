"""Checking every input a report needs without running any notebook (``insyn kontrollera``).

The target is a parameter file (its reports' tables and texts, this year and last, checked
against its period) or a data folder: ``data/<kommun>/<år>`` (the tables found there and those
the same report types need, dates checked against the calendar year) or ``data/<kommun>`` (every
year in it). The same function serves ``insyn build``, which checks exactly this before a kernel
starts. Everything is generic over ``insyn.schemas.registry()`` and ``insyn.reports``: a new table
or report type is checked without a change here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from insyn import load, paths
from insyn.errors import DataError, InputError, ParameterError, Problem
from insyn.params import ParameterSet, expand, load_params, read_yaml
from insyn.reports import REPORT_TYPES, input_tables, report_type
from insyn.schemas import registry

PER_KIND = 10  # problems of one kind in one column shown before "… och N till"


@dataclass
class CheckResult:
    """Everything found about one target; ``problems`` holds errors and warnings."""

    target: str
    problems: list[Problem] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)  # data folders that were checked

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "fel"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "fel"]

    @property
    def exit_code(self) -> int:
        return 2 if self.errors else 0


def check(target: str | Path) -> CheckResult:
    """Checks a parameter file or a data folder (paths relative to the project root)."""
    path = paths.resolve(target)
    shown = paths.relative_to_root(path)
    if path.is_file() and path.suffix.lower() in (".yml", ".yaml"):
        return check_parameter_file(path)
    if path.is_dir():
        return check_data_folder(path)
    hint = "ange en parameterfil (params/…/nämnd.yml) eller en datamapp (data/kommun/år)"
    message = "finns inte" if not path.exists() else "är varken en parameterfil eller en mapp"
    return CheckResult(shown, [Problem(message, file=shown, hint=hint)])


def problems_of(ps: ParameterSet) -> list[Problem]:
    """Every problem (errors and warnings) in the inputs of a parameter set's reports, this
    year's checked against its period and last year's as read for comparisons."""
    found: list[Problem] = []
    for name in ps.reports:
        report = report_type(name)
        tables = input_tables(report, paths.year_dir(ps.datamapp, ps.year))
        found += collect(
            lambda report=report, tables=tables: load.load_year(
                ps.datamapp, ps.year, tables, report.texts, ps.period
            )
        )
        found += collect(
            lambda report=report: load.load_previous(
                ps.datamapp, ps.year - 1, report.previous_tables
            )
        )
    return unique(found)


def collect(loader) -> list[Problem]:
    """The problems a loader raises, or the warnings of what it loaded."""
    try:
        data = loader()
    except DataError as exc:
        return list(exc.problems)
    return list(data.warnings) if data is not None else []


def unique(problems: Iterable[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def check_parameter_file(path: Path) -> CheckResult:
    """The parameter file, then its data; when the file itself is wrong, the data folder it
    names is still checked (against the calendar year) so every problem comes at once."""
    result = CheckResult(paths.relative_to_root(path))
    try:
        ps = load_params(path)
    except ParameterError as exc:
        result.problems += exc.problems
        folder = folder_named_by(path)
        if folder is not None and folder.is_dir():
            result.problems += check_data_folder(folder).problems
            result.folders.append(paths.relative_to_root(folder))
        return result
    try:
        units = expand(ps)  # one set per verksamhet for per-provider reports, as the build does
    except InputError as exc:
        result.problems += exc.problems
        units = [ps]
    for unit in units:
        result.problems += problems_of(unit)
    result.problems = unique(result.problems)
    result.folders.append(paths.relative_to_root(paths.year_dir(ps.datamapp, ps.year)))
    return result


def folder_named_by(path: Path) -> Path | None:
    """``<datamapp>/<år>`` from a parameter file that does not pass its own checks."""
    try:
        raw = read_yaml(path)
        return paths.year_dir(str(raw["datamapp"]), int(str(raw["år"])))
    except (InputError, KeyError, ValueError, TypeError):
        return None


def check_data_folder(folder: Path) -> CheckResult:
    """A year folder, or a datamapp holding one folder per year."""
    result = CheckResult(paths.relative_to_root(folder))
    years = sorted(p for p in folder.iterdir() if p.is_dir() and p.name.isdigit())
    if years and not tables_in(folder):
        for year_folder in years:
            result.problems += check_year_folder(year_folder)
            result.folders.append(paths.relative_to_root(year_folder))
        return result
    result.problems += check_year_folder(folder)
    result.folders.append(result.target)
    return result


def tables_in(folder: Path) -> list[str]:
    return [name for name, t in registry().items() if load.find_table_file(folder, t)]


def check_year_folder(folder: Path) -> list[Problem]:
    """The tables in the folder, and every table and text of the report types they belong to."""
    present = tables_in(folder)
    shown = paths.relative_to_root(folder)
    if not present:
        expected = ", ".join(f"{name}.csv" for name in registry())
        return [
            Problem(
                "mappen har inga tabeller som Insyn känner igen",
                file=shown,
                hint=f"tabellerna heter {expected} (eller .xlsx); insyn mall skapar mallar",
            )
        ]
    reports = [r for r in REPORT_TYPES.values() if distinctive(r) & set(present)]
    tables = [t for r in reports for t in input_tables(r, folder)]
    tables = list(dict.fromkeys(tables + present))
    texts = list(dict.fromkeys(t for r in reports for t in r.texts))
    period = calendar_year(folder)
    return collect(lambda: load.load_folder(folder, tables, texts, period, year=year_of(folder)))


def distinctive(report) -> set[str]:
    """The tables that tell a folder holds data for ``report``: its own, not those it shares
    with report types that read other tables (``utforare`` is read by several)."""
    others = [set(r.tables) for r in REPORT_TYPES.values() if set(r.tables) != set(report.tables)]
    return set(report.tables) - set().union(*others)


def year_of(folder: Path) -> int:
    return int(folder.name) if folder.name.isdigit() else 0


def calendar_year(folder: Path) -> tuple[dt.date, dt.date] | None:
    year = year_of(folder)
    if not 2000 <= year <= 2100:
        return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# --- presentation --------------------------------------------------------------------------------


def shorten(problems: list[Problem], per_kind: int = PER_KIND) -> list[Problem]:
    """At most ``per_kind`` problems of one kind in one column of one file, then one line that
    says how many more there are (the Excel list keeps them all)."""
    totals = Counter(kind(p) for p in problems)
    seen: Counter = Counter()
    shown: list[Problem] = []
    for problem in problems:
        seen[kind(problem)] += 1
        if seen[kind(problem)] <= per_kind:
            shown.append(problem)
        elif seen[kind(problem)] == per_kind + 1:
            rest = totals[kind(problem)] - per_kind
            shown.append(
                Problem(
                    f"… och {rest} rader till med samma problem ({problem.message})",
                    file=problem.file,
                    sheet=problem.sheet,
                    column=problem.column,
                    severity=problem.severity,
                )
            )
    return shown


def kind(problem: Problem) -> tuple:
    return (problem.file, problem.sheet, problem.column, problem.message, problem.severity)


def in_file(problem: Problem) -> str:
    """The problem without its file name (it is the heading it is listed under)."""
    return replace(problem, file=None).describe()


def describe(result: CheckResult) -> str:
    """The Swedish list a person reads: a summary line, then the problems grouped by file."""
    errors, warnings = len(result.errors), len(result.warnings)
    checked = ", ".join(result.folders) or result.target
    if not result.problems:
        return f"Inga problem hittades i {checked}."
    lines = [f"{count_words(errors, warnings)} i {checked}:", ""]
    by_file: dict[str, list[Problem]] = {}
    for problem in shorten(result.problems):
        by_file.setdefault(problem.file or result.target, []).append(problem)
    for file, problems in by_file.items():
        lines.append(file)
        for problem in sorted(problems, key=lambda p: (p.severity != "fel", p.row or 0)):
            label = "Fel" if problem.severity == "fel" else "Varning"
            lines.append(f"  {label}: {in_file(problem)}")
        lines.append("")
    if errors:
        lines.append(
            "Rätta felen och kör insyn kontrollera igen; inget byggs förrän de är rättade."
        )
    return "\n".join(lines).rstrip() + "\n"


def count_words(errors: int, warnings: int) -> str:
    parts = []
    if errors:
        parts.append(f"{errors} fel")
    if warnings:
        parts.append(f"{warnings} {'varning' if warnings == 1 else 'varningar'}")
    return " och ".join(parts).capitalize()


def excel_path(result: CheckResult, chosen: Path | None = None) -> Path:
    """Where the Excel list goes: the given path, else ``kontroller/<target>.xlsx``."""
    if chosen is not None:
        return paths.resolve(chosen)
    from insyn.params import slugify

    return paths.checks_dir() / f"{slugify(result.target) or 'kontroll'}.xlsx"


def write_excel(result: CheckResult, target: Path) -> Path:
    """The whole list (nothing shortened) as a filterable Excel file, written atomically."""
    from insyn import excel, publish

    data = excel.problem_list(result.problems, f"Kontroll av {result.target}")
    publish.write_file(target, data)
    return target
