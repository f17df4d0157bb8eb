"""The example register of granskningar: Exempelstad 2025, written deterministically.

``write_example`` writes ``granskningar.csv``, ``bedomningar.csv``, ``brister.csv`` and
``beslut.csv`` into ``<root>/data/<kommun_slug>/2025/`` and the strategists' narrative into
``text/utforare/<verksamhet-slug>/``. Everything is scripted (``register_scenario``,
``register_texts``): the same call always writes byte-identical files. Every verksamhet must
exist in the kontroll example's ``utforare`` for the year; the generator refuses otherwise.

Regenerate the committed example with ``python -m insyn.examples.register``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from insyn.examples import run
from insyn.examples.kontroll import DEFAULT_SLUG, write_csv, write_text
from insyn.examples.kontroll_scenario import UNITS
from insyn.examples.register_scenario import BESLUT, GRANSKNINGAR, YEAR
from insyn.examples.register_texts import TEXTS, as_markdown
from insyn.params import slugify
from insyn.schemas.register import METHOD_SEPARATOR

HEADERS = {
    "granskningar": [
        "granskning",
        "verksamhet",
        "typ",
        "startdatum",
        "slutdatum",
        "metod",
        "diarienummer",
        "enkät_utdelade",
        "enkät_svar",
    ],
    "bedomningar": ["granskning", "område", "kvalitetsnivå", "bedömning"],
    "brister": [
        "brist",
        "granskning",
        "grund",
        "iakttagelse",
        "krav",
        "konstaterad",
        "senast_åtgärdad",
        "status",
        "påminnelse",
        "planerad_åtgärd",
        "vidtagen_åtgärd",
        "återrapporterad",
        "åtgärdad",
    ],
    "beslut": [
        "beslut",
        "granskning",
        "beslutstyp",
        "beslutsdatum",
        "senast_åtgärdat",
        "avtal_upphör",
        "belopp",
        "diarienummer",
    ],
}


def _day(value) -> str:
    return value.isoformat() if value else ""


def _number(value) -> str:
    return "" if value is None else str(value)


def granskningar_rows() -> list[list[str]]:
    return [
        [
            g.id,
            g.unit,
            g.typ,
            _day(g.start),
            _day(g.end),
            f"{METHOD_SEPARATOR} ".join(g.metod),
            g.diarienummer,
            _number(g.survey[0] if g.survey else None),
            _number(g.survey[1] if g.survey else None),
        ]
        for g in GRANSKNINGAR
    ]


def bedomningar_rows() -> list[list[str]]:
    return [[g.id, *assessment] for g in GRANSKNINGAR for assessment in g.bedomningar]


def brister_rows() -> list[list[str]]:
    return [
        [
            b.id,
            g.id,
            b.grund,
            b.iakttagelse,
            b.krav,
            _day(b.konstaterad),
            _day(b.senast),
            b.status,
            _day(b.påminnelse),
            b.planerad,
            b.vidtagen,
            _day(b.återrapporterad),
            _day(b.åtgärdad),
        ]
        for g in GRANSKNINGAR
        for b in g.brister
    ]


def beslut_rows() -> list[list[str]]:
    return [
        [
            b.id,
            b.granskning,
            b.typ,
            _day(b.date),
            _day(b.senast),
            _day(b.upphör),
            _number(b.belopp),
            b.diarienummer,
        ]
        for b in BESLUT
    ]


def check_units() -> None:
    """Every audited verksamhet is one of the kontroll example's units (its provider table)."""
    known = {unit.name for unit in UNITS}
    unknown = sorted({g.unit for g in GRANSKNINGAR} - known)
    if unknown:
        raise ValueError(f"verksamheter som inte finns i utforare: {', '.join(unknown)}")


def write_example(root: Path, kommun_slug: str = DEFAULT_SLUG) -> list[Path]:
    """Writes the register and its texts to ``root/data/<kommun_slug>/2025/``; returns the
    paths written, in a fixed order."""
    check_units()
    folder = Path(root) / "data" / kommun_slug / str(YEAR)
    tables = {
        "granskningar": granskningar_rows(),
        "bedomningar": bedomningar_rows(),
        "brister": brister_rows(),
        "beslut": beslut_rows(),
    }
    written = [
        write_csv(folder / f"{name}.csv", HEADERS[name], rows) for name, rows in tables.items()
    ]
    for unit, texts in TEXTS.items():
        for stem, sections in texts.items():
            path = folder / "text" / "utforare" / slugify(unit) / f"{stem}.md"
            written.append(write_text(path, as_markdown(sections)))
    return written


def main(argv: Sequence[str] | None = None) -> int:
    return run(
        write_example,
        "python -m insyn.examples.register",
        "Skriv exempelkommunens register över granskningar (Exempelstad 2025).",
        argv,
    )


if __name__ == "__main__":
    raise SystemExit(main())
