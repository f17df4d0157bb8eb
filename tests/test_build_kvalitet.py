"""End to end: the example kvalitetsberättelse from parameter file to HTML and PDF.

The numbers the tests expect are computed from the example data with the measures and formatted
with insyn.formats, then looked for in the rendered HTML and in the PDF's text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from test_build import copy_project, visible_text

from insyn import build, formats, load
from insyn import measures_kvalitet as mk
from insyn.reports import KVALITET

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params" / "exempelstad" / "2025" / "vard-och-omsorgsnamnden.yml"
REPORT = KVALITET.name
SECTIONS = [
    "Inledning",
    "Kvalitetsfaktorer och fokusområden",
    "Öppna jämförelser",
    "Enhetsundersökningen",
    "Brukarundersökningar",
    "Avvikelser, synpunkter och klagomål",
    "Granskningar och tillsyn",
    "Privata utförare inom LOV",
    "Bedömning av kvalitet",
    "Förbättringsområden",
    "Om rapporten",
]


def plain(text: str) -> str:
    """Text with non-breaking spaces as spaces and runs of space as one (PDF extraction)."""
    return " ".join(html.unescape(text).replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build.build_one(PARAMS, site=site, force=True)
    assert result.status == build.BUILT, result.error
    assert result.slug == "exempelstad/2025/vard-och-omsorgsnamnden"
    return site / result.slug


@pytest.fixture(scope="module")
def data() -> tuple[load.Dataset, load.Dataset]:
    this = load.load_year("data/exempelstad", 2025, KVALITET.tables, KVALITET.texts)
    last = load.load_year("data/exempelstad", 2024, KVALITET.tables)
    return this, last


@pytest.fixture(scope="module")
def page(built) -> str:
    return (built / f"{REPORT}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def texts(built, page) -> dict[str, str]:
    """The visible text of the HTML and of the PDF, both made plain."""
    from pypdf import PdfReader

    reader = PdfReader(built / f"{REPORT}.pdf")
    pdf = " ".join((p.extract_text() or "") for p in reader.pages)
    return {"html": plain(visible_text(page)), "pdf": plain(pdf)}


def expected_numbers(data) -> list[str]:
    """Phrases and numbers that follow from the example data, formatted the Swedish way."""
    this, last = data
    rates = mk.survey_rates(this["brukarundersokningar"], last["brukarundersokningar"])
    assistance = rates.set_index("verksamhet").loc["Personlig assistans"]
    deviations = this["avvikelser_verksamhet"]
    before = last["avvikelser_verksamhet"]
    lov = mk.lov_overview(this["lov_verksamheter"], last["lov_verksamheter"]).iloc[-1]
    compared = mk.compare_areas(this["oppna_jamforelser"]).iloc[0]
    return [
        # Öppna jämförelser: the kommun's value, rank and the Källa line
        formats.number(compared["värde"], 1),
        f"{formats.number(compared['placering'])} av {formats.number(compared['antal'])}",
        "Källa: Socialstyrelsen, Öppna jämförelser",
        # svarsfrekvens computed from the counts, last year's beside it
        formats.percent(assistance["svarsfrekvens"]),
        formats.percent(assistance["föregående"]),
        "Kontroll av uppgifter",
        f"angiven svarsfrekvens {formats.percent(0.44)}",
        "visas ej",
        "jämförelse saknas",
        # avvikelser: totals this year and last
        f"{formats.number(deviations['lex_sarah'].sum())} lex Sarah-rapporter "
        f"({formats.number(before['lex_sarah'].sum())} år 2024)",
        f"{formats.number(deviations['interna_avvikelser'].sum())} interna avvikelser",
        # LOV
        f"{formats.number(lov['verksamheter'])} verksamheter, varav "
        f"{formats.number(lov['kommunala'])} i kommunal regi",
        # förbättringsområden listed automatically
        "Andel handläggare inom LSS med minst tre års erfarenhet",
    ]


def test_outputs_beside_each_other(built):
    names = {p.name for p in built.iterdir()}
    assert {f"{REPORT}.html", f"{REPORT}.pdf", f"{REPORT}.ipynb", "manifest.json"} <= names


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_every_section_in_order(texts, kind):
    text = texts[kind]
    positions = [text.find(title) for title in SECTIONS]
    assert all(p >= 0 for p in positions), dict(zip(SECTIONS, positions, strict=True))
    assert positions == sorted(positions)


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_numbers_follow_from_the_data(texts, data, kind):
    missing = [phrase for phrase in expected_numbers(data) if plain(phrase) not in texts[kind]]
    assert not missing


def test_html_has_no_code_and_the_figure_has_alt_text(page, texts):
    for leak in ("import ", "KvalitetsRapport", "Traceback", "rapport.", "def "):
        assert leak not in texts["html"]
    images = re.findall(r"<img[^>]*>", page)
    assert len(images) == 1
    alt = re.search(r'alt="([^"]+)"', images[0])
    assert alt and "stapeldiagram" in alt.group(1)


def test_wrong_data_stops_the_build_with_exit_code_2_and_no_report(tmp_path, monkeypatch):
    project = copy_project(tmp_path)
    monkeypatch.setenv("INSYN_ROOT", str(project))
    site = project / "_site"
    surveys = project / "data" / "exempelstad" / "2025" / "brukarundersokningar.csv"
    text = surveys.read_text(encoding="utf-8")
    surveys.write_text(text.replace("Boendestöd;136;60", "Boendestöd;136;sextio"), "utf-8")
    params = project / "params" / "exempelstad" / "2025" / "vard-och-omsorgsnamnden.yml"

    result = build.build_one(params, site=site)

    assert result.status == build.FAILED
    assert result.exit_code == 2
    assert 'brukarundersokningar.csv, rad 4, kolumn "svarande"' in result.error
    assert "är inte ett tal" in result.error
    assert not (site / result.slug).exists()
    staging = site / ".staging"
    assert not staging.exists() or not list(staging.iterdir())
