"""End to end: the per-provider documents and the nämnd report, built from the one register.

Builds the example's ``granskningar.yml`` (``utförare: alla``) and the nämnd's kontroll- och
uppföljningsrapport into one site, then reads the rendered HTML tables and the PDFs' text. The
expected values are computed here from the register, formatted the Swedish way.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from stdnum.se import orgnr

from insyn import build, formats
from insyn.register import Register
from insyn.reports import register_views as views

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params" / "exempelstad" / "2025"
DOCUMENTS = ("granskningsrapport", "varning", "aterrapportering")
LEVEL_CELL = re.compile(r"^[●▲■] (Grön|Gul|Röd)$")


class _Page(HTMLParser):
    """Visible text, tables (header and body cells as text) and link targets of a page."""

    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.tables: list[dict] = []
        self.links: list[str] = []
        self._skip = 0
        self._cell: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self.tables.append({"header": [], "rows": []})
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.links += [value for name, value in attrs if name == "href"]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join(" ".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            table = self.tables[-1]
            if not table["header"]:
                table["header"] = self._row
            else:
                table["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())

    def column(self, label: str) -> list[list[str]]:
        """Every table's column with this header (one list per table that has it)."""
        found = []
        for table in self.tables:
            if label in table["header"]:
                index = table["header"].index(label)
                found.append([row[index] for row in table["rows"]])
        return found

    def rows_by(self, key: str) -> dict[str, dict[str, str]]:
        """Rows of every table with a ``key`` column, by that column's value."""
        rows = {}
        for table in self.tables:
            if key in table["header"]:
                for row in table["rows"]:
                    rows[row[table["header"].index(key)]] = dict(
                        zip(table["header"], row, strict=True)
                    )
        return rows


def page(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    results = build.build_file(PARAMS / "granskningar.yml", site=site, force=True)
    results += build.build_file(PARAMS / "socialnamnden.yml", site=site, force=True)
    for result in results:
        assert result.status == build.BUILT, result.error
    return site / "exempelstad" / "2025"


@pytest.fixture(scope="module")
def register() -> Register:
    return Register.load("data/exempelstad", 2025, dt.date(2025, 12, 31), root=ROOT)


def provider_dir(site: Path, verksamhet: str) -> Path:
    return site / "utforare" / views.provider_folder(verksamhet).split("/")[-1]


def test_each_verksamhet_gets_exactly_its_documents_as_html_and_pdf(site, register):
    folders = sorted(p.name for p in (site / "utforare").iterdir())
    assert len(folders) == len(register.providers())
    for verksamhet in register.providers():
        folder = provider_dir(site, verksamhet)
        expected = register.documents_for(verksamhet)
        for document in DOCUMENTS:
            for suffix in (".html", ".pdf", ".ipynb"):
                assert (folder / f"{document}{suffix}").is_file() == (document in expected), (
                    verksamhet,
                    document,
                )
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["utförare"] == verksamhet
        assert manifest["reports"] == list(expected)
    assert (site / "socialnamnden" / "kontroll-och-uppfoljning.html").is_file()


def test_every_document_type_has_a_readable_pdf(site):
    folder = provider_dir(site, "Mossgården")
    for document, phrase in (
        ("granskningsrapport", "Sammanvägd bedömning"),
        ("varning", "Förslag till beslut"),
        ("aterrapportering", "Planerad åtgärd"),
    ):
        text = pdf_text(folder / f"{document}.pdf")
        assert "Mossgården" in text and phrase in text, document
    assert "Sammanvägd bedömning: ■ Röd" in pdf_text(folder / "granskningsrapport.pdf")


def test_the_assessment_is_readable_without_colour(site, register):
    for verksamhet in register.providers():
        html = page(provider_dir(site, verksamhet) / "granskningsrapport.html")
        tables = html.column("Kvalitetsnivå")  # the legend and the areas
        assert len(tables) == 2
        for levels in tables:
            assert levels and all(LEVEL_CELL.match(cell) for cell in levels), (verksamhet, levels)
        expected = views.level_label(register.latest_granskning(verksamhet)["sammanvägd"])
        assert f"Sammanvägd bedömning: {expected}" in html.visible()
    overview = page(site / "socialnamnden" / "kontroll-och-uppfoljning.html")
    [overall] = overview.column("Sammanvägd bedömning")
    assert len(overall) == 8 and all(LEVEL_CELL.match(cell) for cell in overall)


def test_every_level_table_cell_carries_its_word(site):
    html = page(provider_dir(site, "Mossgården") / "granskningsrapport.html")
    legend, areas = html.column("Kvalitetsnivå")
    assert legend == ["● Grön", "▲ Gul", "■ Röd"]
    assert areas == ["■ Röd", "■ Röd", "▲ Gul", "▲ Gul", "● Grön"]


def test_varning_names_the_provider_its_orgnr_and_the_deadline(site, register):
    unit = register.unit("Mossgården")
    number = orgnr.format(unit["organisationsnummer"])
    deadline = formats.date(register.warning_of("Mossgården")["senast_åtgärdat"])
    assert (number, deadline) == ("559252-1149", "31 januari 2026")
    path = provider_dir(site, "Mossgården") / "varning.html"
    decision = f"med organisationsnummer {number}"
    for text in (page(path).visible(), pdf_text(path.with_suffix(".pdf"))):
        assert decision in text
        assert f"senast den {deadline}" in text
    numbers = page(path).column("Nr")
    assert numbers == [["1", "2", "3", "4", "5", "6"]]


def test_the_same_brist_reads_the_same_in_all_four_documents(site, register):
    folder = provider_dir(site, "Mossgården")
    documents = {name: page(folder / f"{name}.html").rows_by("Brist") for name in DOCUMENTS}
    documents["nämndens rapport"] = page(
        site / "socialnamnden" / "kontroll-och-uppfoljning.html"
    ).rows_by("Brist")
    expected = register.brister_of("Mossgården").set_index("brist")
    in_all = set.intersection(*(set(rows) for rows in documents.values()))
    assert {"BR11", "BR12", "BR13"} <= in_all  # försenade, so in the nämnd's list too
    for brist in in_all:
        row = expected.loc[brist]
        deadline = formats.date(row["senast_åtgärdad"])
        status = views.status_label(row["status_vid_rapportdatum"], row["försenad"])
        for name, rows in documents.items():
            shown = rows[brist]
            assert (shown["Senast åtgärdad"], shown["Status"]) == (deadline, status), (name, brist)


def test_the_namnd_report_links_to_the_provider_documents(site):
    html_file = site / "socialnamnden" / "kontroll-och-uppfoljning.html"
    links = [link for link in page(html_file).links if "utforare/" in link]
    assert links
    for link in links:
        assert (html_file.parent / link).resolve().is_file(), link


def test_the_proposed_varning_is_a_suggestion(site):
    kajen = page(provider_dir(site, "Kajen stödboende") / "granskningsrapport.html").visible()
    assert "Förslag att pröva" in kajen and "inte ett beslut" in kajen
    overview = page(site / "socialnamnden" / "kontroll-och-uppfoljning.html")
    assert "Förslag att pröva varning" in overview.visible()
    assert overview.column("Påmind") == [["6 oktober 2025", "6 oktober 2025"]]


def test_aterrapportering_lists_the_audits_and_the_end_of_the_agreement(site):
    html = page(provider_dir(site, "Ramsvik vårdhem") / "aterrapportering.html")
    text = html.visible()
    assert "9 september 2024" in text and "13 januari 2025" in text
    assert "Avtalet upphör den 31 maj 2025" in text
    assert html.column("Vidtagen åtgärd")


def test_the_providers_own_survey_is_computed(site):
    path = provider_dir(site, "HVB Björkhagen") / "granskningsrapport.html"
    assert formats.percent(23 / 28) == "82\u00a0%"  # Babel keeps number and sign together
    assert "svarsfrekvens på 82\u00a0%" in path.read_text(encoding="utf-8")
    assert "Av 28 utdelade enkäter kom 23 svar" in page(path).visible()


def test_unchanged_provider_documents_are_skipped(site):
    results = build.build_file(PARAMS / "granskningar.yml", site=site.parents[1])
    assert {r.status for r in results} == {build.SKIPPED}
    assert len(results) == 8
