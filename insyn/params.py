"""Parameter sets: one YAML file per kommun × år × nämnd, typed and checked before anything runs.

A parameter file names the reports to build (``rapporter``) and sets the notebooks' parameters.
Every key is checked against the ``parameters`` cell of every notebook it is meant for: an unknown
key, a missing required key or a wrong type is an error in Swedish that names the file and the
key (papermill only warns). YAML is read with every scalar as text (``BaseLoader``) and converted
here, so the YAML 1.1 traps — ``år: 0042`` read as octal, ``no`` read as false, unquoted dates
read as dates — never change a value silently. Tabs and duplicate keys are errors too.
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from insyn import paths
from insyn.errors import ParameterError, Problem, ProblemCollector
from insyn.reports import REPORT_TYPES

BUILD_KEYS = ("rapporter", "format", "logotyp")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg")
BUILD_OWNED = ("renderare",)  # notebook parameters only the build sets
REQUIRED = ("kommun", "nämnd", "år", "datamapp", "rapporter")
FORMATS = ("html", "pdf")
DATE_KEYS = ("period_start", "period_slut", "byggdatum", "rapportdatum")
_INTEGER = re.compile(r"[+-]?(0|[1-9][0-9]*)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TRUE = {"true", "ja"}
_FALSE = {"false", "nej"}


@dataclass(frozen=True)
class ParameterSet:
    """A checked parameter file: the reports to build and each notebook's parameter values."""

    source: Path
    reports: tuple[str, ...]
    formats: tuple[str, ...]
    values: Mapping[str, Any] = field(default_factory=dict)
    logo: str = ""  # the kommun's logotype for the title block, relative to the project root

    @property
    def kommun(self) -> str:
        return self.values["kommun"]

    @property
    def namnd(self) -> str:
        return self.values["nämnd"]

    @property
    def year(self) -> int:
        return self.values["år"]

    @property
    def datamapp(self) -> str:
        return self.values["datamapp"]

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return period_of(self.values)

    @property
    def provider(self) -> str | None:
        """The verksamhet (or utförare, or ``alla``) a per-provider set is for; else None."""
        return self.values.get("utförare") or None

    @property
    def slug(self) -> str:
        """``exempelstad/2025/socialnamnden``: where its reports live under ``_site/``; a
        provider's documents live beside the nämnder, in ``exempelstad/2025/utforare/<slug>``
        (a nämnd's folder is replaced as a whole when its report is published)."""
        if self.provider:
            return f"{slugify(self.kommun)}/{self.year}/utforare/{slugify(self.provider)}"
        return f"{slugify(self.kommun)}/{self.year}/{slugify(self.namnd)}"

    def output_dir(self, site: Path | None = None) -> Path:
        return (site or paths.site_dir()) / self.slug

    def notebook_parameters(self, report: str) -> dict[str, Any]:
        """The values to inject into one report's notebook (only keys its cell declares)."""
        declared = notebook_parameters(paths.notebook_path(report))
        return {k: v for k, v in self.values.items() if k in declared}


def period_of(values: Mapping[str, Any]) -> tuple[dt.date, dt.date]:
    """The report period (first and last day) from checked parameter values."""
    return (
        dt.date.fromisoformat(values["period_start"]),
        dt.date.fromisoformat(values["period_slut"]),
    )


SLUG_LENGTH = 60  # folder names from data stay far below the file system's 255 bytes


def slugify(text: str) -> str:
    """``Vård- och omsorgsnämnden`` → ``vard-och-omsorgsnamnden`` (for folder names). A longer
    one is cut to ``SLUG_LENGTH`` with a short hash of the whole, so two names still differ."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) <= SLUG_LENGTH:
        return slug
    digest = hashlib.sha256(slug.encode()).hexdigest()[:8]
    return f"{slug[: SLUG_LENGTH - 9].rstrip('-')}-{digest}"


# libyaml's parser when PyYAML has it (every wheel does): ten times faster, and parsing every
# parameter file is most of the skip check's time. The constructors below are the same.
_BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _StrictLoader(_BaseLoader):
    """Every scalar as a string, and a duplicate key is an error (PyYAML keeps the last)."""


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, first: int, again: int):
        super().__init__(key)
        self.key, self.first, self.again = key, first, again


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_scalar(key_node)
        if key in seen:
            raise _DuplicateKey(key, seen[key], key_node.start_mark.line + 1)
        seen[key] = key_node.start_mark.line + 1
    return _BaseLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> dict[str, Any]:
    """The raw mapping of a parameter file; YAML problems as a ParameterError with the line."""
    shown = paths.relative_to_root(path)
    if not path.is_file():
        raise ParameterError(Problem("parameterfilen finns inte", file=shown))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ParameterError(
            Problem("parameterfilen är inte sparad som UTF-8", file=shown, hint="spara som UTF-8")
        ) from None
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except _DuplicateKey as exc:
        raise ParameterError(
            Problem(
                f"nyckeln '{exc.key}' förekommer två gånger (rad {exc.first} och rad {exc.again})",
                file=shown,
                row=exc.again,
                key=exc.key,
                hint="ta bort den ena raden",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise ParameterError(yaml_problem(exc, text, shown)) from None
    if data is None:
        raise ParameterError(Problem("parameterfilen är tom", file=shown))
    if not isinstance(data, dict):
        raise ParameterError(
            Problem("parameterfilen ska bestå av rader 'nyckel: värde'", file=shown)
        )
    # A key typed on a Mac may arrive decomposed (a + ring for å): one form for every key.
    return {unicodedata.normalize("NFC", key): value for key, value in data.items()}


def yaml_problem(exc: yaml.YAMLError, text: str, shown: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    lines = text.splitlines()
    if line and line <= len(lines) and "\t" in lines[line - 1]:
        return Problem(
            "raden innehåller ett tabbtecken",
            file=shown,
            row=line,
            hint="använd mellanslag, inte tabb, för indrag i YAML",
        )
    reason = getattr(exc, "problem", None) or str(exc)
    return Problem(
        "parameterfilen går inte att läsa som YAML",
        file=shown,
        row=line,
        value=reason,
        hint="kontrollera indrag, kolon och citattecken på raden",
    )


@cache
def _cached_parameters(path: Path, mtime: float) -> dict[str, dict[str, Any]]:
    return declared_parameters(parameters_source(path), paths.relative_to_root(path))


def parameters_source(notebook: Path) -> str:
    """The code of the notebook's ``parameters``-tagged cell ("" when it has none).

    Read as plain JSON: importing nbformat (or papermill) costs most of a second, and checking
    a parameter file — part of every skip check — must not pay that.
    """
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            return "".join(source) if isinstance(source, list) else source
    return ""


def declared_parameters(source: str, shown: str) -> dict[str, dict[str, Any]]:
    """Name → declared type and default (as written) of each top-level assignment in
    ``source``, such as ``år: int = 2025  # rapportåret``."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParameterError(
            Problem("parametercellen går inte att tolka", file=shown, row=exc.lineno)
        ) from None
    declared: dict[str, dict[str, Any]] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, annotation = node.target, node.annotation
            if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
                kind = annotation.value  # år: "int" = 2025
            else:
                kind = ast.unparse(annotation)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, kind = node.targets[0], "None"
        else:
            continue
        if isinstance(target, ast.Name):
            default = ast.get_source_segment(source, node.value) or ast.unparse(node.value)
            declared[target.id] = {"type": declared_type(kind, default), "default": default}
    return declared


def declared_type(annotation: str, default: str) -> str:
    """A parameter's type: its annotation (``år: int = 2025``), else its default's type."""
    if annotation not in ("None", "", None):
        return annotation
    try:
        return type(ast.literal_eval(default)).__name__
    except (ValueError, SyntaxError):
        return "str"


def notebook_parameters(notebook: Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook's ``parameters`` cell declares: name → type and default."""
    real = notebook.resolve()  # one cache entry per notebook, however it is reached
    return _cached_parameters(real, real.stat().st_mtime)


def convert(value: Any, kind: str, key: str, shown: str, problems: ProblemCollector) -> Any:
    """A YAML string (or list) converted to the parameter's declared type, or a problem."""

    def fail(expected: str, hint: str = "") -> None:
        problems.add(
            f"parametern '{key}' ska vara {expected}",
            file=shown,
            key=key,
            value=str(value),
            hint=hint or None,
        )

    if kind in ("int", "float", "str", "bool") and not isinstance(value, str):
        return fail("ett enkelt värde, inte en lista eller tabell")
    if kind == "int":
        if not _INTEGER.fullmatch(value.strip()):
            hint = (
                "skriv talet utan inledande nollor" if value.strip().lstrip("0").isdigit() else ""
            )
            return fail("ett heltal", hint)
        return int(value)
    if kind == "float":
        try:
            return float(value.replace(",", "."))
        except ValueError:
            return fail("ett tal")
    if kind == "bool":
        lowered = value.strip().lower()
        if lowered in _TRUE | _FALSE:
            return lowered in _TRUE
        return fail("true eller false", "skriv true/false (eller ja/nej), inte yes/no/on/off")
    if kind in ("list", "tuple"):
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return fail("en lista av värden")
        return value
    if kind == "dict":
        return value if isinstance(value, dict) else fail("en tabell av nycklar och värden")
    return value  # str and None-typed parameters keep their text


def check_semantics(values: dict[str, Any], shown: str, problems: ProblemCollector) -> None:
    """Rules beyond types: a real year, ISO dates in order, known reports and formats."""
    year = values.get("år")
    if isinstance(year, int) and not 2000 <= year <= 2100:
        problems.add(
            "parametern 'år' ska vara ett årtal mellan 2000 och 2100",
            file=shown,
            key="år",
            value=str(year),
        )
    for key in DATE_KEYS:
        if key in values and values[key] not in ("", None):
            try:
                if not _ISO_DATE.fullmatch(str(values[key])):
                    raise ValueError(values[key])
                dt.date.fromisoformat(str(values[key]))
            except ValueError:
                problems.add(
                    f"parametern '{key}' ska vara ett datum ÅÅÅÅ-MM-DD",
                    file=shown,
                    key=key,
                    value=str(values[key]),
                )
                values.pop(key)
    if {"period_start", "period_slut"} <= values.keys() and str(values["period_start"]) > str(
        values["period_slut"]
    ):
        problems.add(
            "perioden slutar före den börjar",
            file=shown,
            key="period_slut",
            value=f"{values['period_start']} – {values['period_slut']}",
        )
    for key, value in values.items():
        limit = key.startswith("gräns_") or key == "minsta_antal"
        if limit and isinstance(value, int | float) and value < 0:
            problems.add(
                f"parametern '{key}' får inte vara negativ", file=shown, key=key, value=str(value)
            )


def load_params(path: Path) -> ParameterSet:
    """A parameter file read and checked against its notebooks; all problems at once."""
    path = paths.resolve(path)
    shown = paths.relative_to_root(path)
    raw = read_yaml(path)
    problems = ProblemCollector()
    for key in REQUIRED:
        if key not in raw or raw[key] in ("", None, []):
            problems.add(
                f"parametern '{key}' saknas",
                file=shown,
                key=key,
                hint=f"lägg till raden '{key}: …'",
            )
    reports = convert(raw.get("rapporter", []), "list", "rapporter", shown, problems) or []
    unknown_reports = [r for r in reports if r not in REPORT_TYPES]
    for report in unknown_reports:
        problems.add(
            "okänd rapport",
            file=shown,
            key="rapporter",
            value=report,
            hint=f"kända rapporter: {', '.join(REPORT_TYPES)}",
        )
    reports = [r for r in reports if r in REPORT_TYPES]
    formats = convert(raw.get("format", list(FORMATS)), "list", "format", shown, problems) or []
    for fmt in formats:
        if fmt not in FORMATS:
            problems.add(
                "okänt format", file=shown, key="format", value=fmt, hint="välj html och/eller pdf"
            )
    declared: dict[str, dict[str, Any]] = {}
    # with no valid report named, keys are still checked against every report's parameters
    for report in reports or list(REPORT_TYPES):
        declared.update(notebook_parameters(paths.notebook_path(report)))
    values: dict[str, Any] = {}
    for name in BUILD_OWNED:
        declared.pop(name, None)
    for key, value in raw.items():
        if key in BUILD_KEYS:
            continue
        if key not in declared:
            close = difflib.get_close_matches(key, list(declared), n=1, cutoff=0.75)
            problems.add(
                "okänd parameter",
                file=shown,
                key=key,
                hint=f"menade du '{close[0]}'?"
                if close
                else "parametrar som rapporterna har: " + ", ".join(sorted(declared)),
            )
            continue
        converted = convert(value, declared[key]["type"], key, shown, problems)
        if converted is not None:
            values[key] = converted
    logo = check_logo(raw.get("logotyp"), shown, problems)
    if isinstance(values.get("år"), int):  # the period is the calendar year unless set
        values.setdefault("period_start", f"{values['år']}-01-01")
        values.setdefault("period_slut", f"{values['år']}-12-31")
    check_semantics(values, shown, problems)
    problems.raise_if_errors(ParameterError)
    return ParameterSet(
        source=path,
        reports=tuple(reports),
        formats=tuple(f for f in FORMATS if f in formats),
        values=values,
        logo=logo,
    )


def expand(ps: ParameterSet) -> list[ParameterSet]:
    """The build units of a parameter set: itself, or — when it names an ``utförare`` — one
    set per verksamhet it means (``alla``: every verksamhet with a granskning that year), each
    with its own output folder and only the documents the register gives that verksamhet.

    Reads and validates the year's register; raises ParameterError when the named provider has
    no granskning (nothing is built) and DataError for problems in the register.
    """
    per_provider = [r for r in ps.reports if REPORT_TYPES[r].per_provider]
    if not ps.provider and not per_provider:
        return [ps]
    shown = paths.relative_to_root(ps.source)
    check_per_provider(ps, per_provider, shown)
    from insyn.register import build_units, report_date

    units = build_units(
        ps.datamapp, ps.year, ps.provider, ps.reports, report_date(ps.values), shown
    )
    return [
        replace(ps, reports=documents, values={**ps.values, "utförare": unit})
        for unit, documents in units
    ]


def check_per_provider(ps: ParameterSet, per_provider: list[str], shown: str) -> None:
    """A per-provider set names its provider and holds only per-provider reports."""
    problems = ProblemCollector()
    if not ps.provider:
        problems.add(
            "parametern 'utförare' saknas",
            file=shown,
            key="utförare",
            hint="ange en verksamhet, en utförare eller 'alla'",
        )
    for report in ps.reports:
        if report not in per_provider:
            problems.add(
                "rapporten kan inte byggas per utförare",
                file=shown,
                key="rapporter",
                value=report,
                hint="lägg den i en egen parameterfil utan 'utförare'",
            )
    problems.raise_if_errors(ParameterError)


def check_logo(value: Any, shown: str, problems: ProblemCollector) -> str:
    """``logotyp``: an SVG, PNG or JPEG file that exists (relative to the project root)."""
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        problems.add("logotypen ska vara en sökväg till en fil", file=shown, key="logotyp")
        return ""
    path = paths.resolve(value)
    if path.suffix.lower() not in LOGO_TYPES:
        problems.add(
            "logotypen ska vara en SVG-, PNG- eller JPEG-fil",
            file=shown,
            key="logotyp",
            value=value,
        )
    elif not path.is_file():
        problems.add(
            "logotypen finns inte",
            file=shown,
            key="logotyp",
            value=value,
            hint="sökvägen utgår från projektets rotmapp",
        )
    return value


def discover(folder: Path | None = None) -> list[Path]:
    """Every parameter file under ``params/`` (``*.yml`` and ``*.yaml``), sorted."""
    folder = folder or paths.params_dir()
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
