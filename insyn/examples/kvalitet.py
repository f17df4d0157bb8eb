"""The example kvalitetsberättelse's data: Exempelstad's vård- och omsorgsnämnden, two years.

``write_example`` writes every input table of the kvalitetsberättelse and its narrative Markdown
into ``<root>/data/<kommun_slug>/<år>/`` (texts in ``text/kvalitetsberattelse/``), beside the
kontroll report's files. The same arguments always give byte-identical files: the comparison
values of other kommuner and the pharmacy's audit days come from ``random.Random(seed + year)``;
everything a reader is meant to notice (the stated rate that disagrees, the group under the
suppression threshold, the indicators that worsened, new and departed providers) is scripted in
``insyn.examples.kvalitet_scenario``.

Files are written as Swedish Excel saves CSV: ``;`` between fields and a decimal comma.
Regenerate the committed example with ``python -m insyn.examples.kvalitet``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path

from insyn.examples import run
from insyn.examples.kontroll import (
    DEFAULT_SEED,
    DEFAULT_SLUG,
    DEFAULT_YEARS,
    random_day,
    swedish_key,
    write_csv,
    write_text,
)
from insyn.examples.kontroll_scenario import EARLIER, LATEST
from insyn.examples.kvalitet_scenario import (
    AUDITS,
    DEVIATIONS,
    EU_INDICATORS,
    EU_SOURCE,
    HOMES,
    KOMMUN,
    KOMMUNEN,
    LAN,
    LOV_COMPANIES,
    OJ_INDICATORS,
    OJ_SOURCE,
    OWN_UNITS,
    PEERS,
    PHARMACY,
    PHARMACY_AREA,
    PHARMACY_OK,
    PHARMACY_REMARK,
    PHARMACY_VISITS,
    PLACES,
    RIKET,
    SURVEYS,
    Indicator,
)
from insyn.examples.kvalitet_texts import FOLDER, year_texts
from insyn.schemas.kvalitet import JAMFORELSEKOMMUN, KOMMUNAL, NIVAER, PRIVAT

SEPARATOR = ";"
HEADERS = {
    "oppna_jamforelser": [
        "indikator",
        "område",
        "nivå",
        "år",
        "värde",
        "högre_är_bättre",
        "källa",
    ],
    "brukarundersokningar": ["verksamhet", "tillfrågade", "svarande", "angiven_svarsfrekvens"],
    "brukarundersokningar_resultat": ["verksamhet", "fråga", "andel_positiva"],
    "avvikelser_verksamhet": [
        "verksamhet",
        "lex_sarah",
        "interna_avvikelser",
        "synpunkter_klagomål",
    ],
    "granskningar_tillsyn": [
        "datum",
        "granskare",
        "verksamhet",
        "granskat_område",
        "anmärkningar",
        "resultat",
        "länk",
    ],
    "lov_verksamheter": ["verksamhet", "område", "regi", "utförare"],
}
HEADERS["enhetsundersokning"] = ["verksamhet", *HEADERS["oppna_jamforelser"]]


def decimal(value: float) -> str:
    """A number as Swedish Excel writes it: ``71,4``, ``90``."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def yes_no(flag: bool) -> str:
    return "Ja" if flag else "Nej"


# -- comparison tables ---------------------------------------------------------------------------
def others(indicator: Indicator, role: str, rng: random.Random) -> tuple[float, ...]:
    """The peers', the län's and riket's values: scripted, else drawn around the kommun's."""
    if indicator.fixed and role in indicator.fixed:
        return tuple(float(v) for v in indicator.fixed[role])
    centre = indicator.kommun[role]
    ceiling = 100.0 if indicator.higher_is_better else 365.0
    drawn = [
        min(ceiling, max(1.0, centre + rng.uniform(-indicator.spread, indicator.spread)))
        for _ in range(len(PEERS) + 2)
    ]
    return tuple(round(v, 1) for v in drawn)


def comparison_rows(
    indicators: Sequence[Indicator], role: str, year: int, source: str, rng: random.Random
) -> list[list[str]]:
    """Kommun, jämförelsekommuner, län and riket for every indicator the year kind has."""
    rows = []
    areas = [(KOMMUN, NIVAER[0])] + [(p, JAMFORELSEKOMMUN) for p in PEERS]
    areas += [(LAN, NIVAER[2]), (RIKET, NIVAER[3])]
    for indicator in indicators:
        if role not in indicator.kommun:
            continue
        values = (indicator.kommun[role], *others(indicator, role, rng))
        direction = yes_no(indicator.higher_is_better)
        for (area, level), value in zip(areas, values, strict=True):
            rows.append(
                [
                    indicator.name,
                    area,
                    level,
                    str(year),
                    decimal(value),
                    direction,
                    f"{source} {year}",
                ]
            )
    return rows


def oppna_jamforelser_rows(role: str, year: int, rng: random.Random) -> list[list[str]]:
    return comparison_rows(OJ_INDICATORS, role, year, OJ_SOURCE, rng)


def enhetsundersokning_rows(role: str, year: int, rng: random.Random) -> list[list[str]]:
    rows = []
    for verksamhet, indicators in EU_INDICATORS.items():
        rows += [
            [verksamhet, *row] for row in comparison_rows(indicators, role, year, EU_SOURCE, rng)
        ]
    return rows


# -- surveys and reports -------------------------------------------------------------------------
def brukarundersokningar_rows(role: str) -> list[list[str]]:
    return [
        [unit, str(s.asked), str(s.answered), "" if s.stated is None else decimal(s.stated)]
        for unit, s in SURVEYS[role].items()
    ]


def resultat_rows(role: str) -> list[list[str]]:
    return [
        [unit, question, str(share)]
        for unit, survey in SURVEYS[role].items()
        for question, share in survey.results.items()
    ]


def avvikelser_rows(role: str) -> list[list[str]]:
    return [[unit, *(str(n) for n in counts)] for unit, counts in DEVIATIONS[role].items()]


def granskningar_rows(role: str, year: int, rng: random.Random) -> list[list[str]]:
    """The scripted audits plus the pharmacy's visits to homes on drawn days, sorted by day."""
    visits, remarks = PHARMACY_VISITS[role]
    homes = rng.sample(HOMES, visits)
    flagged = set(rng.sample(homes, remarks))
    days = sorted(random_day(rng, dt.date(year, 1, 15), dt.date(year, 11, 30)) for _ in homes)
    rows = [
        [
            day.isoformat(),
            PHARMACY,
            home,
            PHARMACY_AREA,
            yes_no(home in flagged),
            PHARMACY_REMARK if home in flagged else PHARMACY_OK,
            "",
        ]
        for day, home in zip(days, homes, strict=True)
    ]
    for audit in AUDITS[role]:
        day = f"{year}-{audit.day[0]:02d}-{audit.day[1]:02d}"
        rows.append(
            [day, audit.auditor, audit.unit, audit.area, yes_no(audit.remarks), audit.result, ""]
        )
    return sorted(rows, key=lambda row: (row[0], swedish_key(row[2])))


# -- the valfrihetssystem ------------------------------------------------------------------------
def company_units(index: int, company, role: str) -> list[str]:
    """A company's verksamheter in one year kind: named by the company (and a place when it has
    more than one), the same names every year, so new and departed ones can be found."""
    stem = company.name.removesuffix(" AB")
    most = max(company.units.values())
    names = (
        [stem]
        if most == 1
        else [f"{stem} {PLACES[(3 * index + j) % len(PLACES)]}" for j in range(most)]
    )
    return names[: company.units[role]]


def lov_rows(role: str) -> list[list[str]]:
    rows = []
    for area, counts in OWN_UNITS.items():
        prefix = "Daglig verksamhet" if area == "Daglig verksamhet" else "Korttidshemmet"
        offset = 0 if area == "Daglig verksamhet" else len(PLACES) - 1
        for j in range(counts[role]):
            rows.append(
                [f"{prefix} {PLACES[(offset + j) % len(PLACES)]}", area, KOMMUNAL, KOMMUNEN]
            )
    for index, company in enumerate(LOV_COMPANIES):
        for unit in company_units(index, company, role):
            rows.append([unit, company.area, PRIVAT, company.name])
    return rows


# -- writing -------------------------------------------------------------------------------------
def year_tables(role: str, year: int, seed: int) -> dict[str, list[list[str]]]:
    """Every table of one year; the random draws happen in a fixed order."""
    rng = random.Random(seed + year)
    return {
        "oppna_jamforelser": oppna_jamforelser_rows(role, year, rng),
        "enhetsundersokning": enhetsundersokning_rows(role, year, rng),
        "brukarundersokningar": brukarundersokningar_rows(role),
        "brukarundersokningar_resultat": resultat_rows(role),
        "avvikelser_verksamhet": avvikelser_rows(role),
        "granskningar_tillsyn": granskningar_rows(role, year, rng),
        "lov_verksamheter": lov_rows(role),
    }


def write_example(
    root: Path,
    kommun_slug: str = DEFAULT_SLUG,
    years: Sequence[int] = DEFAULT_YEARS,
    seed: int = DEFAULT_SEED,
) -> list[Path]:
    """Writes the kvalitetsberättelse's tables and texts for each year (the last year is the
    report year, the ones before it are earlier years) and returns the paths written."""
    ordered = sorted(set(years))
    if not ordered:
        raise ValueError("minst ett år behövs")
    written = []
    for year in ordered:
        role = LATEST if year == ordered[-1] else EARLIER
        folder = Path(root) / "data" / kommun_slug / str(year)
        for name, rows in year_tables(role, year, seed).items():
            path = folder / f"{name}.csv"
            written.append(write_csv(path, HEADERS[name], rows, delimiter=SEPARATOR))
        for name, content in year_texts(role, year).items():
            written.append(write_text(folder / "text" / FOLDER / f"{name}.md", content))
    return written


def main(argv: Sequence[str] | None = None) -> int:
    return run(
        write_example,
        "python -m insyn.examples.kvalitet",
        "Skriv exempelkommunens underlag till kvalitetsberättelsen (Exempelstad).",
        argv,
    )


if __name__ == "__main__":
    raise SystemExit(main())
