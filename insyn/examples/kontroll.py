"""The fictional example municipalities' data for consecutive years, deterministically.

``write_example`` writes every input table of the kontroll- och uppföljningsrapport, and the
narrative Markdown, into ``<root>/data/<kommun_slug>/<år>/``. The same arguments always give
byte-identical files: the providers, their organisationsnummer and their credit standing come from
``random.Random(seed)``; everything that varies by year comes from ``random.Random(seed + year)``;
the events a report should comment on (IVO decisions, terminated contracts, low credit ratings,
repeated deviations) are scripted, so that the text and the figures agree.

Everything here is invented: the companies, their verksamheter and all events. Organisationsnummer
have valid check digits (Luhn, as ``stdnum.se.orgnr`` checks) and are written without a hyphen.

Regenerate the committed example under ``data/`` with ``python -m insyn.examples.kontroll``.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from stdnum import luhn
from stdnum.se import orgnr

from insyn.examples import run
from insyn.examples.kontroll_scenario import (
    DEVIATIONS_ANY,
    DEVIATIONS_BY_AREA,
    EARLIER,
    FRAMEWORK_START,
    INSATS,
    LATEST,
    SCENARIOS,
    TERMINAL,
    UNITS,
    MonthDay,
    Scenario,
    Unit,
)
from insyn.examples.kontroll_texts import BAKGRUND, METOD, TEXT_NAMES, TEXTS
from insyn.text import swedish_key

DEFAULT_KOMMUN = "Exempelstad"
DEFAULT_SLUG = "exempelstad"
DEFAULT_YEARS = (2024, 2025)
DEFAULT_SEED = 2025
# The committed examples: kommun, its folder under data/, seed. Two kommuner over two years make
# `make report` a real batch.
EXAMPLES = (
    (DEFAULT_KOMMUN, DEFAULT_SLUG, DEFAULT_SEED),
    ("Provköping", "provkoping", 2038),
)


# -- the catalogue: companies, numbers and agreement dates --------------------------------------
@dataclass(frozen=True)
class Catalogue:
    units: tuple[Unit, ...]
    orgnr: dict[str, str]  # company -> organisationsnummer
    rating: dict[str, int]  # company -> its usual credit rating
    start: dict[str, dt.date]  # unit -> avtal_start


def make_orgnr(rng: random.Random, taken: set[str]) -> str:
    """A new valid organisationsnummer shaped like an aktiebolag's: 5590–5592, Luhn check digit."""
    while True:
        body = f"559{rng.randrange(3)}{rng.randrange(100_000):05d}"
        number = body + luhn.calc_check_digit(body)
        if number not in taken and orgnr.is_valid(number):
            taken.add(number)
            return number


def companies(units: Iterable[Unit]) -> list[str]:
    """Company names in catalogue order, each once."""
    return list(dict.fromkeys(unit.company for unit in units))


def agreement_start(unit: Unit, first_year: int, last_year: int, rng: random.Random) -> dt.date:
    """When the unit's agreement began: the framework's start, a later accession, or (for a new
    unit) a day in the last year."""
    if unit.opens:
        return dt.date(last_year, *unit.opens)
    years_before, month, day = FRAMEWORK_START[unit.area]
    framework = dt.date(first_year - years_before, month, day)
    if rng.random() < 0.2:  # joined the framework agreement later
        return random_day(rng, framework, dt.date(first_year, 6, 30))
    return framework


def make_catalogue(seed: int, first_year: int, last_year: int) -> Catalogue:
    rng = random.Random(seed)
    taken: set[str] = set()
    names = companies(UNITS)
    numbers = {company: make_orgnr(rng, taken) for company in names}
    ratings = {company: rng.randint(55, 92) for company in names}
    starts = {unit.name: agreement_start(unit, first_year, last_year, rng) for unit in UNITS}
    return Catalogue(UNITS, numbers, ratings, starts)


# -- small helpers -----------------------------------------------------------------------------
def random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day in [start, end], both included."""
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def on(year: int, day: MonthDay) -> dt.date:
    return dt.date(year, *day)


def rounded_percent(part: int, whole: int) -> int:
    """part / whole in whole percent, halves rounded up (as survey tools show them)."""
    return (200 * part + whole) // (2 * whole)


# -- one year ----------------------------------------------------------------------------------
@dataclass
class Year:
    """A year being generated: its active units, their activity windows and its scenario."""

    year: int
    role: str
    scenario: Scenario
    windows: dict[str, tuple[dt.date, dt.date]]  # unit -> first and last active day

    def active(self, catalogue: Catalogue) -> list[Unit]:
        return [unit for unit in catalogue.units if unit.name in self.windows]


def plan_years(catalogue: Catalogue, years: Sequence[int]) -> list[Year]:
    """The years in order, each with its active units; a unit whose agreement ends (terminated,
    ended, bankrupt) is active until that day and absent from every later year."""
    ended: set[str] = set()
    planned = []
    for year in years:
        role = LATEST if year == years[-1] else EARLIER
        scenario = SCENARIOS[role]
        stops = {e.unit: on(year, e.day) for e in scenario.outcomes if e.kind in TERMINAL}
        windows = {}
        for unit in catalogue.units:
            start = catalogue.start[unit.name]
            if unit.name in ended or start > dt.date(year, 12, 31):
                continue
            first = max(start, dt.date(year, 1, 1))
            windows[unit.name] = (first, stops.get(unit.name, dt.date(year, 12, 31)))
        ended.update(name for name in stops if name in windows)
        planned.append(Year(year, role, scenario, windows))
    return planned


def utforare_rows(catalogue: Catalogue, year: Year) -> list[list[str]]:
    rows = [
        [u.name, u.company, catalogue.orgnr[u.company], u.area, catalogue.start[u.name].isoformat()]
        for u in year.active(catalogue)
    ]
    return sorted(rows, key=lambda row: swedish_key(row[0]))


def placement_counts(catalogue: Catalogue, year: Year, rng: random.Random) -> dict[str, int]:
    """Started placements per unit: large units always above the sample threshold, borderline
    units just above or below it, the rest 0–2."""
    trend = rng.uniform(0.88, 1.12)
    counts = {}
    for unit in year.active(catalogue):
        first, last = year.windows[unit.name]
        if unit.volume:
            count = max(3, round(unit.volume * trend * rng.uniform(0.8, 1.2)))
        elif unit.borderline:
            count = rng.choice((1, 2, 2, 3, 3, 4))
        else:
            count = rng.choices((0, 1, 2), weights=(3, 4, 4))[0]
            if (last - first).days < 60:
                count = min(count, 1)
        counts[unit.name] = count
    return counts


def placeringar_rows(
    catalogue: Catalogue, year: Year, counts: dict[str, int], rng: random.Random
) -> list[list[str]]:
    areas = {unit.name: unit.area for unit in catalogue.units}
    started = []
    for name, count in counts.items():
        first, last = year.windows[name]
        started += [(random_day(rng, first, last), name) for _ in range(count)]
    started.sort(key=lambda item: (item[0], swedish_key(item[1])))
    prefix = f"P{year.year % 100:02d}"
    return [
        [f"{prefix}-{number:04d}", name, day.isoformat(), INSATS[areas[name]]]
        for number, (day, name) in enumerate(started, start=1)
    ]


def company_windows(catalogue: Catalogue, year: Year) -> dict[str, tuple[dt.date, dt.date]]:
    """Each active company's first and last active day (over its active units)."""
    windows: dict[str, tuple[dt.date, dt.date]] = {}
    for unit in year.active(catalogue):
        first, last = year.windows[unit.name]
        if unit.company in windows:
            known_first, known_last = windows[unit.company]
            first, last = min(first, known_first), max(last, known_last)
        windows[unit.company] = (first, last)
    return windows


def kreditupplysningar_rows(
    catalogue: Catalogue, year: Year, rng: random.Random
) -> list[list[str]]:
    """One or two checks per company; scripted ratings (the low ones) replace the drawn ones."""
    windows = company_windows(catalogue, year)
    scripted = [c for c in year.scenario.credit if c[0] in windows]
    checks = [(company, on(year.year, day), rating) for company, day, rating in scripted]
    for company, (first, last) in windows.items():
        if any(c[0] == company for c in scripted):
            continue
        span = (last - first).days + 1
        number = 2 if rng.random() < 0.35 and span > 60 else 1
        for i in range(number):  # one check in each equal part of the active period
            part_start = first + dt.timedelta(days=span * i // number)
            part_end = first + dt.timedelta(days=span * (i + 1) // number - 1)
            rating = min(97, max(50, catalogue.rating[company] + rng.randint(-5, 5)))
            checks.append((company, random_day(rng, part_start, part_end), rating))
    rows = [
        [catalogue.orgnr[company], day.isoformat(), str(rating), "Creditsafe"]
        for company, day, rating in checks
    ]
    return sorted(rows, key=lambda row: (row[1], row[0]))


def enkater_rows(scenario: Scenario, sample_size: int) -> list[list[str]]:
    """The survey to social workers as scripted; the one to providers went to every sampled
    verksamhet, and its stated rate agrees with the counts."""
    workers = scenario.social_workers
    answered = max(0, sample_size - scenario.providers_not_answering)
    stated = rounded_percent(answered, sample_size) if sample_size else None
    return [
        [
            "Socialsekreterare",
            str(workers.asked),
            str(workers.answered),
            "" if workers.stated is None else str(workers.stated),
        ],
        ["Leverantörer", str(sample_size), str(answered), "" if stated is None else str(stated)],
    ]


def ivo_rows(year: Year) -> list[list[str]]:
    rows = [
        [
            d.unit,
            on(year.year, d.day).isoformat(),
            d.kind,
            "Ja" if d.criticism else "Nej",
            d.status,
            d.summary,
        ]
        for d in year.scenario.ivo
        if d.unit in year.windows
    ]
    return sorted(rows, key=lambda row: (row[1], swedish_key(row[0])))


def pick_units(
    rng: random.Random, candidates: list[str], weights: list[float], number: int, cap: int
) -> list[str]:
    """``number`` draws of units, weighted, no unit more than ``cap`` times."""
    drawn: dict[str, int] = {}
    picks = []
    for _ in range(number):
        open_ = [(c, w) for c, w in zip(candidates, weights, strict=True) if drawn.get(c, 0) < cap]
        if not open_:
            break
        choice = rng.choices([c for c, _ in open_], weights=[w for _, w in open_])[0]
        drawn[choice] = drawn.get(choice, 0) + 1
        picks.append(choice)
    return picks


def lex_sarah_rows(year: Year, counts: dict[str, int], rng: random.Random) -> list[list[str]]:
    """The scripted reports plus a few on other units, at most one each."""
    scripted = [r for r in year.scenario.lex_sarah if r[0] in year.windows]
    rows = [
        [unit, on(year.year, day).isoformat(), "Ja" if reported else "Nej"]
        for unit, day, reported in scripted
    ]
    taken = {r[0] for r in scripted}
    candidates = [name for name in year.windows if name not in taken]
    weights = [1.0 + counts.get(name, 0) for name in candidates]
    for unit in pick_units(rng, candidates, weights, year.scenario.random_lex_sarah, cap=1):
        first, last = year.windows[unit]
        reported = "Ja" if rng.random() < 0.45 else "Nej"
        rows.append([unit, random_day(rng, first, last).isoformat(), reported])
    return sorted(rows, key=lambda row: (row[1], swedish_key(row[0])))


def avvikelser_rows(
    catalogue: Catalogue, year: Year, counts: dict[str, int], rng: random.Random
) -> list[list[str]]:
    """The scripted repeated deviations plus drawn ones, at most two per other unit, so that only
    the scripted units reach the threshold for event-driven follow-up."""
    scripted = [e for e in year.scenario.deviations if e.unit in year.windows]
    rows = [[e.unit, on(year.year, e.day).isoformat(), e.kind, e.text] for e in scripted]
    areas = {unit.name: unit.area for unit in catalogue.units}
    taken = {e.unit for e in scripted}
    candidates = [name for name in year.windows if name not in taken]
    weights = [0.5 + counts.get(name, 0) for name in candidates]
    for unit in pick_units(rng, candidates, weights, year.scenario.random_deviations, cap=2):
        first, last = year.windows[unit]
        source, text = rng.choice(DEVIATIONS_ANY + DEVIATIONS_BY_AREA[areas[unit]])
        rows.append([unit, random_day(rng, first, last).isoformat(), source, text])
    return sorted(rows, key=lambda row: (row[1], swedish_key(row[0]), row[2]))


def utfall_rows(year: Year) -> list[list[str]]:
    rows = [
        [e.unit, on(year.year, e.day).isoformat(), e.kind, e.text]
        for e in year.scenario.outcomes
        if e.unit in year.windows
    ]
    return sorted(rows, key=lambda row: (row[1], swedish_key(row[0])))


def texts(year: Year, kommun: str = DEFAULT_KOMMUN) -> dict[str, str]:
    values = {
        "year": year.year,
        "next_year": year.year + 1,
        "focus": year.scenario.focus,
        "kommun": kommun,
    }
    own = TEXTS[year.role]
    templates = {"bakgrund": BAKGRUND, "metod": METOD, **own}
    return {name: templates[name].format(**values) for name in TEXT_NAMES}


# -- writing -----------------------------------------------------------------------------------
HEADERS = {
    "utforare": ["verksamhet", "utförare", "organisationsnummer", "avtalsområde", "avtal_start"],
    "placeringar": ["placering", "verksamhet", "startdatum", "insats"],
    "kreditupplysningar": [
        "organisationsnummer",
        "kontrolldatum",
        "rating",
        "kreditupplysningsföretag",
    ],
    "enkater": ["enkät", "tillfrågade", "svarande", "angiven_svarsfrekvens"],
    "ivo_beslut": ["verksamhet", "beslutsdatum", "ärendetyp", "kritik", "status", "sammanfattning"],
    "lex_sarah": ["verksamhet", "rapportdatum", "anmäld_till_ivo"],
    "avvikelser": ["verksamhet", "datum", "källa", "beskrivning"],
    "utfall": ["verksamhet", "datum", "händelse", "orsak"],
}


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[str]], delimiter: str = ","
) -> Path:
    """A comma-separated (or ``delimiter``) UTF-8 file (no BOM) with ``\\n`` line endings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_text(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(content)
    return path


def year_tables(catalogue: Catalogue, year: Year, seed: int) -> dict[str, list[list[str]]]:
    """Every table of one year; the random draws happen in a fixed order."""
    rng = random.Random(seed + year.year)
    counts = placement_counts(catalogue, year, rng)
    sample_size = sum(1 for count in counts.values() if count > 2)
    return {
        "utforare": utforare_rows(catalogue, year),
        "placeringar": placeringar_rows(catalogue, year, counts, rng),
        "kreditupplysningar": kreditupplysningar_rows(catalogue, year, rng),
        "enkater": enkater_rows(year.scenario, sample_size),
        "ivo_beslut": ivo_rows(year),
        "lex_sarah": lex_sarah_rows(year, counts, rng),
        "avvikelser": avvikelser_rows(catalogue, year, counts, rng),
        "utfall": utfall_rows(year),
    }


def write_example(
    root: Path,
    kommun_slug: str = DEFAULT_SLUG,
    years: Sequence[int] = DEFAULT_YEARS,
    seed: int = DEFAULT_SEED,
    kommun: str = DEFAULT_KOMMUN,
) -> list[Path]:
    """Writes the example's tables and texts to ``root/data/<kommun_slug>/<år>/`` for each year
    and returns the paths written. Same arguments, byte-identical files."""
    ordered = sorted(set(years))
    if not ordered:
        raise ValueError("minst ett år behövs")
    catalogue = make_catalogue(seed, ordered[0], ordered[-1])
    written = []
    for year in plan_years(catalogue, ordered):
        folder = Path(root) / "data" / kommun_slug / str(year.year)
        for name, rows in year_tables(catalogue, year, seed).items():
            written.append(write_csv(folder / f"{name}.csv", HEADERS[name], rows))
        for name, content in texts(year, kommun).items():
            written.append(write_text(folder / "text" / f"{name}.md", content))
    return written


def write_examples(root: Path) -> list[Path]:
    """Every committed example kommun (``EXAMPLES``), written below ``root``."""
    written = []
    for kommun, slug, seed in EXAMPLES:
        written += write_example(root, slug, seed=seed, kommun=kommun)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    return run(
        write_examples,
        "python -m insyn.examples.kontroll",
        "Skriv exempelkommunernas data (Exempelstad och Provköping) till <rot>/data/exempelstad/ "
        "och <rot>/data/provkoping/.",
        argv,
    )


if __name__ == "__main__":
    raise SystemExit(main())
