"""The catalogue of report types: which notebook, which input tables and texts each one needs.

A report type's ``name`` is the stem of its notebook in ``notebooks/`` and of its output files
(``kontroll-och-uppfoljning.html``). The build validates exactly the tables and texts listed here
before a kernel starts; the notebook then loads the same inputs through its report module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReportType:
    name: str
    title: str
    tables: tuple[str, ...]
    texts: tuple[str, ...] = ()
    # tables compared with last year's folder when it exists
    previous_tables: tuple[str, ...] = ()
    # read when present: if any of them is in the year folder, all of them are required
    optional_tables: tuple[str, ...] = ()
    # built once per verksamhet (parameter `utförare`), into _site/<kommun>/<år>/utforare/<slug>/
    per_provider: bool = False


_KONTROLL_TABLES = (
    "utforare",
    "placeringar",
    "kreditupplysningar",
    "enkater",
    "ivo_beslut",
    "lex_sarah",
    "avvikelser",
    "utfall",
)

KONTROLL = ReportType(
    name="kontroll-och-uppfoljning",
    title="Rapport om kontroll och uppföljning av privata utförare",
    tables=_KONTROLL_TABLES,
    texts=("sammanfattning", "bakgrund", "metod", "lopande", "fordjupad", "slutsatser"),
    previous_tables=_KONTROLL_TABLES,
    optional_tables=("granskningar", "bedomningar", "brister", "beslut"),
)

# the per-provider documents, all rendered from the one register of granskningar
_REGISTER_TABLES = ("utforare", "granskningar", "bedomningar", "brister", "beslut")
GRANSKNINGSRAPPORT = ReportType(
    name="granskningsrapport",
    title="Granskningsrapport",
    tables=_REGISTER_TABLES,
    per_provider=True,
)
VARNING = ReportType(
    name="varning",
    title="Varning av utförare",
    tables=_REGISTER_TABLES,
    per_provider=True,
)
ATERRAPPORTERING = ReportType(
    name="aterrapportering",
    title="Återrapportering av åtgärder vid brister",
    tables=_REGISTER_TABLES,
    per_provider=True,
)

_KVALITET_TABLES = (
    "oppna_jamforelser",
    "enhetsundersokning",
    "brukarundersokningar",
    "brukarundersokningar_resultat",
    "avvikelser_verksamhet",
    "granskningar_tillsyn",
    "lov_verksamheter",
)

# narrative texts live in text/kvalitetsberattelse/ so they never clash with other reports'
KVALITET = ReportType(
    name="kvalitetsberattelse",
    title="Kvalitetsberättelse",
    tables=_KVALITET_TABLES,
    texts=tuple(
        f"kvalitetsberattelse/{name}"
        for name in (
            "inledning",
            "kvalitetsfaktorer",
            "fokusomraden",
            "brukarundersokningar",
            "avvikelser",
            "bedomning",
            "forbattringsomraden",
        )
    ),
    previous_tables=_KVALITET_TABLES,
)

REPORT_TYPES: dict[str, ReportType] = {
    r.name: r for r in (KONTROLL, KVALITET, GRANSKNINGSRAPPORT, VARNING, ATERRAPPORTERING)
}


def report_type(name: str) -> ReportType:
    return REPORT_TYPES[name]


def input_tables(report: ReportType, folder: Path) -> tuple[str, ...]:
    """The tables ``report`` reads from one year folder: its own, plus its optional group when
    any file of that group is there (then a missing one of the group is an error)."""
    from insyn.load import find_table_file
    from insyn.schemas import registry

    if any(find_table_file(folder, registry()[name]) for name in report.optional_tables):
        return report.tables + report.optional_tables
    return report.tables
