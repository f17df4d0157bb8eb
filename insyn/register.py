"""One year's register of granskningar, read as the per-provider documents need it.

The register (``insyn.schemas.register``) holds granskningar, bedömningar, brister and beslut;
this module answers the questions the build and the documents ask of it: which verksamheter have
a granskning, which verksamhet a parameter file means (``utförare: Mossgården``, a company name,
or ``alla``), which documents a verksamhet gets, and what the strategist has written about it.

Narrative lives next to the data, one folder per verksamhet:
``data/<kommun>/<år>/text/utforare/<verksamhet-slug>/`` holds ``<granskning>.md`` for a
granskningsrapport, ``<beslut>.md`` for a varning and ``aterrapportering.md``. Each file is
Markdown with one ``## Rubrik`` per section; the sections every document needs are listed in
``SECTIONS``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from insyn import load, paths
from insyn import measures_register as rules
from insyn.errors import DataError, ParameterError, Problem, ProblemCollector
from insyn.params import slugify
from insyn.schemas.register import NAMES, UPPSAGNING, VARNING

TABLES = ("utforare", *NAMES)
ALL = "alla"
GRANSKNINGSRAPPORT, VARNINGSDOKUMENT, ATERRAPPORTERING = (
    "granskningsrapport",
    "varning",
    "aterrapportering",
)
DOCUMENTS = (GRANSKNINGSRAPPORT, VARNINGSDOKUMENT, ATERRAPPORTERING)
FOLLOW_UP_TEXT = "aterrapportering"
SECTIONS = {
    GRANSKNINGSRAPPORT: (
        "Bakgrund",
        "Syfte",
        "Analys",
        "Slutsats",
        "Rekommendationer",
        "Källor",
    ),
    VARNINGSDOKUMENT: (
        "Sammanfattning",
        "Ekonomiska konsekvenser",
        "Konsekvenser för barn",
        "Bilagor",
    ),
    ATERRAPPORTERING: ("Åtgärder", "Förslag till beslut"),
}
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


def report_date(values: dict) -> dt.date:
    """The day the brister's status is judged: ``rapportdatum``, else the period's last day."""
    return dt.date.fromisoformat(values.get("rapportdatum") or values["period_slut"])


def split_sections(markdown: str) -> dict[str, str]:
    """``## Rubrik`` sections of a Markdown text, heading → body (stripped), in order.

    Text before the first ``##`` heading (a ``#`` title, say) is not part of any section.
    """
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in markdown.splitlines():
        match = _HEADING.match(line)
        if match:
            current = sections.setdefault(match.group(1), [])
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines).strip() for name, lines in sections.items()}


def _name_key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


@dataclass
class Register:
    """The validated register of one year, and the report date its rules are applied on."""

    data: load.Dataset
    at: dt.date

    @classmethod
    def load(
        cls, datamapp: str | Path, year: int, at: dt.date, root: Path | None = None
    ) -> Register:
        """Reads and validates the register and ``utforare``; raises DataError with every
        problem at once."""
        return cls(load.load_year(datamapp, year, TABLES, root=root), at)

    @property
    def year(self) -> int:
        return self.data.year

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.data[name]

    # -- who ---------------------------------------------------------------------------------
    def providers(self) -> list[str]:
        """Every verksamhet with a granskning in the register, by name."""
        return sorted(set(self["granskningar"]["verksamhet"]), key=_name_key)

    def resolve(self, name: str) -> list[str]:
        """The verksamheter a parameter's ``utförare`` means: ``alla`` (every verksamhet with a
        granskning), one verksamhet by name, or a company (utförare) by name, meaning its
        verksamheter with a granskning. Names match regardless of case and spacing. An empty
        list when nothing with a granskning matches."""
        if _name_key(name) == ALL:
            return self.providers()
        audited = self.providers()
        units = self["utforare"]
        for column in ("verksamhet", "utförare"):
            matching = set(units.loc[units[column].map(_name_key) == _name_key(name), "verksamhet"])
            if matching:
                return [unit for unit in audited if unit in matching]
        return []

    def known(self, name: str) -> bool:
        """True when ``name`` is a verksamhet or a utförare in ``utforare``."""
        units = self["utforare"]
        names = {_name_key(n) for n in (*units["verksamhet"], *units["utförare"])}
        return _name_key(name) in names

    def unit(self, verksamhet: str) -> pd.Series:
        """The verksamhet's row in ``utforare`` (utförare, organisationsnummer, avtalsområde)."""
        units = self["utforare"]
        return units[units["verksamhet"] == verksamhet].iloc[0]

    # -- what --------------------------------------------------------------------------------
    @cached_property
    def _granskningar(self) -> pd.DataFrame:
        rows = self["granskningar"]
        assessed = rules.assess_granskningar(rows, self["bedomningar"])
        rows = rows.assign(sammanvägd=rows["granskning"].map(assessed))
        return rows.sort_values(["startdatum", "granskning"]).reset_index(drop=True)

    def granskningar(self) -> pd.DataFrame:
        """Every granskning with its overall assessment (``sammanvägd``), oldest first."""
        return self._granskningar

    def granskningar_of(self, verksamhet: str) -> pd.DataFrame:
        """The verksamhet's granskningar, oldest first, with their overall assessment."""
        rows = self._granskningar
        return rows[rows["verksamhet"] == verksamhet].reset_index(drop=True)

    def latest_granskning(self, verksamhet: str) -> pd.Series:
        """The granskning a granskningsrapport is about: the verksamhet's most recent one."""
        return self.granskningar_of(verksamhet).iloc[-1]

    def bedomningar_of(self, granskning: str) -> pd.DataFrame:
        rows = self["bedomningar"]
        return rows[rows["granskning"] == granskning].reset_index(drop=True)

    def brister(self) -> pd.DataFrame:
        """Every brist with its verksamhet, its status on the report date and whether it is
        försenad (:func:`insyn.measures_register.is_overdue`), by verksamhet and id."""
        return self._brister

    @cached_property
    def _brister(self) -> pd.DataFrame:
        rows = self["brister"]
        units = self["granskningar"].set_index("granskning")["verksamhet"]
        rows = rows.assign(
            verksamhet=rows["granskning"].map(units),
            status_vid_rapportdatum=rules.status_at(rows, self.at),
            försenad=rules.is_overdue(rows, self.at),
        )
        return rows.sort_values(["verksamhet", "brist"], key=_sort_key).reset_index(drop=True)

    def brister_of(
        self, verksamhet: str, granskningar: Iterable[str] | None = None
    ) -> pd.DataFrame:
        """The verksamhet's brister (or only those of ``granskningar``), oldest finding first."""
        rows = self.brister()
        rows = rows[rows["verksamhet"] == verksamhet]
        if granskningar is not None:
            rows = rows[rows["granskning"].isin(list(granskningar))]
        return rows.sort_values(["konstaterad", "brist"], key=_sort_key).reset_index(drop=True)

    def beslut_of(self, verksamhet: str, kind: str | None = None) -> pd.DataFrame:
        """The verksamhet's beslut (of one ``kind`` when given), oldest first."""
        own = set(self.granskningar_of(verksamhet)["granskning"])
        rows = self["beslut"][self["beslut"]["granskning"].isin(own)]
        if kind:
            rows = rows[rows["beslutstyp"] == kind]
        return rows.sort_values(["beslutsdatum", "beslut"]).reset_index(drop=True)

    def warning_of(self, verksamhet: str) -> pd.Series | None:
        """The verksamhet's most recent varning, or None."""
        rows = self.beslut_of(verksamhet, VARNING)
        return None if rows.empty else rows.iloc[-1]

    def termination_of(self, verksamhet: str) -> pd.Series | None:
        """The uppsägning of the verksamhet's agreement, or None when it goes on."""
        rows = self.beslut_of(verksamhet, UPPSAGNING)
        return None if rows.empty else rows.iloc[-1]

    def has_follow_up(self, verksamhet: str) -> bool:
        """True when the provider has reported back on at least one brist by the report date."""
        rows = self.brister_of(verksamhet)
        if "återrapporterad" not in rows:
            return False
        reported = rows["återrapporterad"]
        return bool((reported.notna() & (reported <= pd.Timestamp(self.at))).any())

    def documents_for(self, verksamhet: str) -> tuple[str, ...]:
        """The documents a verksamhet gets: a granskningsrapport when it has a granskning, a
        varning only when a varning beslut exists, an återrapportering only when it has
        reported back on brister."""
        if self.granskningar_of(verksamhet).empty:
            return ()
        documents = [GRANSKNINGSRAPPORT]
        if self.warning_of(verksamhet) is not None:
            documents.append(VARNINGSDOKUMENT)
        if self.has_follow_up(verksamhet):
            documents.append(ATERRAPPORTERING)
        return tuple(documents)

    def proposed_warnings(self) -> pd.DataFrame:
        """Brister that make a varning worth proposing (a suggestion, never a decision)."""
        return rules.propose_warnings(self.brister(), self["granskningar"], self["beslut"], self.at)

    # -- the strategist's texts ----------------------------------------------------------------
    def text_name(self, verksamhet: str, document: str) -> str:
        """The narrative a document reads, relative to ``text/`` (without ``.md``)."""
        if document == GRANSKNINGSRAPPORT:
            stem = self.latest_granskning(verksamhet)["granskning"]
        elif document == VARNINGSDOKUMENT:
            stem = self.warning_of(verksamhet)["beslut"]
        else:
            stem = FOLLOW_UP_TEXT
        return f"utforare/{slugify(verksamhet)}/{stem}"

    def text_path(self, verksamhet: str, document: str, root: Path | None = None) -> Path:
        folder = paths.text_dir(self.data.folder.parent, self.year, root)
        return folder / f"{self.text_name(verksamhet, document)}.md"

    def read_sections(
        self, verksamhet: str, document: str, problems: ProblemCollector, root: Path | None = None
    ) -> dict[str, str] | None:
        """A document's narrative sections, checked (no HTML, no personnummer, every section
        there and none unknown); None, with the problems collected, when they are not usable."""
        from insyn.text import read_markdown

        path = self.text_path(verksamhet, document, root)
        content = read_markdown(path, problems, root)
        if content is None:
            return None
        shown = paths.relative_to_root(path, root)
        sections = split_sections(content)
        wanted = SECTIONS[document]
        before = len(problems.errors)
        for name in wanted:
            if not sections.get(name):
                problems.add(
                    f"avsnittet '## {name}' saknas eller är tomt",
                    file=shown,
                    hint="texten ska ha avsnitten " + ", ".join(f"'## {n}'" for n in wanted),
                )
        for name in sections:
            if name not in wanted:
                problems.add(
                    f"okänt avsnitt '## {name}'",
                    file=shown,
                    hint="texten ska ha avsnitten " + ", ".join(f"'## {n}'" for n in wanted),
                )
        return sections if len(problems.errors) == before else None


def _sort_key(column: pd.Series) -> pd.Series:
    """Ids sort naturally (B2 before B10); other columns as they are."""
    if column.dtype == object or pd.api.types.is_string_dtype(column):
        return column.map(_natural)
    return column


def _natural(value) -> tuple:
    parts = re.split(r"(\d+)", str(value))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in parts)


def build_units(
    datamapp: str | Path,
    year: int,
    provider: str,
    reports: Iterable[str],
    at: dt.date,
    shown: str,
    root: Path | None = None,
) -> list[tuple[str, tuple[str, ...]]]:
    """Each verksamhet a parameter set's ``utförare`` means, with the requested documents it
    gets (in the requested order). Validates the register and the narrative those documents
    read, so nothing is built from a register with errors.

    Raises ParameterError when the name has no granskning (nothing is built or written), and
    DataError for problems in the register or its texts.
    """
    register = Register.load(datamapp, year, at, root)
    requested = tuple(reports)
    units = register.resolve(provider)
    if not units:
        raise ParameterError(no_granskning(register, provider, shown))
    planned = []
    problems = ProblemCollector()
    for unit in units:
        offered = register.documents_for(unit)
        documents = tuple(d for d in requested if d in offered)
        for document in documents:
            register.read_sections(unit, document, problems, root)
        if documents:
            planned.append((unit, documents))
    problems.raise_if_errors(DataError)
    if not planned:
        raise ParameterError(
            Problem(
                f"inget av dokumenten {', '.join(requested)} gäller {provider} {year}",
                file=shown,
                key="rapporter",
                hint="varning byggs bara när ett beslut om varning finns, återrapportering bara "
                "när utföraren har återrapporterat brister",
            )
        )
    return planned


def no_granskning(register: Register, provider: str, shown: str) -> Problem:
    """The Swedish problem for a provider without a granskning in the year's register."""
    audited = register.providers()
    where = f"registret för {register.year}"
    if _name_key(provider) == ALL:
        return Problem(f"{where} har inga granskningar", file=shown, key="utförare", value=provider)
    known = register.known(provider)
    return Problem(
        f"{provider} har ingen granskning i {where}"
        if known
        else f"{provider} finns inte i utforare för {register.year}",
        file=shown,
        key="utförare",
        value=provider,
        hint=(
            "verksamheter med granskning: " + ", ".join(audited)
            if audited
            else "lägg in granskningen i granskningar.csv"
        ),
    )
