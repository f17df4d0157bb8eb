"""The catalogue of report types: which notebook, which input tables and texts each one needs.

A report type's ``name`` is the stem of its notebook in ``notebooks/`` and of its output files
(``kontroll-och-uppfoljning.html``). The build validates exactly the tables and texts listed here
before a kernel starts; the notebook then loads the same inputs through its report module.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportType:
    name: str
    title: str
    tables: tuple[str, ...]
    texts: tuple[str, ...] = ()
    # tables compared with last year's folder when it exists
    previous_tables: tuple[str, ...] = ()


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

REPORT_TYPES: dict[str, ReportType] = {r.name: r for r in (KONTROLL, KVALITET)}


def report_type(name: str) -> ReportType:
    return REPORT_TYPES[name]
