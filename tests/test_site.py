"""insyn.site: the reviewers' index page, read back as HTML.

The site here is small and made by hand: report folders with a manifest and output files, as a
build leaves them, plus a status file. test_batch checks the page a real batch writes.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from insyn import site as site_index
from insyn.build import BUILT, FAILED, SKIPPED, BuildResult

REPORT = "kontroll-och-uppfoljning"
TITLE = "Rapport om kontroll och uppföljning av privata utförare"


class Page(HTMLParser):
    """The parts of the index page the tests look at."""

    def __init__(self, markup: str):
        super().__init__()
        self.lang = None
        self.links: list[str] = []
        self.sources: list[str] = []
        self.headings: list[str] = []
        self.header_cells: list[tuple[str, str | None]] = []  # (text, scope)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_h2 = False
        self._hidden = 0
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if "href" in attrs and tag == "a":
            self.links.append(attrs["href"])
        for name in ("src", "href"):
            if name in attrs and tag != "a":
                self.sources.append(attrs[name])
        if tag == "h2":
            self._in_h2 = True
            self.headings.append("")
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = []
            self._scope = attrs.get("scope")
        if tag == "span" and attrs.get("aria-hidden") == "true":
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_h2 = False
        if tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            self.rows[-1].append(text)
            if tag == "th":
                self.header_cells.append((text, self._scope))
            self._cell = None
        if tag == "span" and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if self._in_h2:
            self.headings[-1] += data
        if self._cell is not None and not self._hidden:
            self._cell.append(data)


def report_rows(page: Page) -> list[list[str]]:
    return [row for row in page.rows if row and row[0].isdigit()]


def publish_report(site: Path, slug: str, values: dict, outputs=("html", "pdf"), built="") -> None:
    folder = site / slug
    folder.mkdir(parents=True)
    names = {}
    for suffix in outputs:
        (folder / f"{REPORT}.{suffix}").write_text(suffix)
        names[f"{REPORT}.{suffix}"] = "0" * 64
    recorded = {
        "params_file": f"params/{slug}.yml",
        "parameters": values,
        "reports": [REPORT],
        "outputs": names,
        "built_at": built or "2025-03-12T13:05:00+00:00",
    }
    (folder / "manifest.json").write_text(json.dumps(recorded, ensure_ascii=False))


@pytest.fixture()
def site(tmp_path, monkeypatch) -> Path:
    """Three kommuner, one with two years; Ystad's latest build failed."""
    monkeypatch.setenv("INSYN_ROOT", str(tmp_path))
    site = tmp_path / "_site"
    for slug, kommun, year in [
        ("ystad/2025/sn", "Ystad", 2025),
        ("angelholm/2024/sn", "Ängelholm", 2024),
        ("angelholm/2025/sn", "Ängelholm", 2025),
        ("alvdalen/2025/sn", "Älvdalen", 2025),
    ]:
        values = {"kommun": kommun, "år": year, "nämnd": "Socialnämnden"}
        publish_report(site, slug, values)
        (tmp_path / "params" / slug).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "params" / f"{slug}.yml").write_text("kommun: x\n")
    (tmp_path / "params" / "trasig.yml").write_text("kommun: x\n")
    (site / ".logs" / "ystad_2025_sn").mkdir(parents=True)
    (site / ".logs" / "ystad_2025_sn" / "fel.txt").write_text("fel\n")
    site_index.record(
        site,
        [
            BuildResult(
                "params/ystad/2025/sn.yml",
                FAILED,
                slug="ystad/2025/sn",
                error="Underlaget innehåller fel (1 st.):\n  • placeringar.csv, rad 3: fel",
                exit_code=2,
                log=str(site / ".logs" / "ystad_2025_sn" / "fel.txt"),
            ),
            BuildResult("params/angelholm/2025/sn.yml", BUILT, slug="angelholm/2025/sn"),
            BuildResult("params/alvdalen/2025/sn.yml", SKIPPED, slug="alvdalen/2025/sn"),
            BuildResult(
                "params/trasig.yml", FAILED, error="Parameterfilen innehåller fel (1 st.):"
            ),
            BuildResult("params/borttagen.yml", BUILT, slug="x/2025/y"),  # file does not exist
        ],
    )
    return site


@pytest.fixture()
def page(site) -> Page:
    return Page(site_index.write_index(site).read_text(encoding="utf-8"))


def test_page_is_swedish_and_self_contained(site, page):
    markup = (site / "index.html").read_text(encoding="utf-8")
    assert page.lang == "sv"
    assert "<title>Rapporter för granskning" in markup
    assert not [s for s in page.sources if re.match(r"(https?:)?//", s)]
    assert "<script" not in markup


def test_kommuner_in_swedish_order_and_latest_year_first(page):
    assert page.headings == [
        "Ystad",
        "Älvdalen",
        "Ängelholm",
        "Parameterfiler som inte kunde byggas",
    ]
    years = [row[0] for row in page.rows if row and row[0] in ("2024", "2025")]
    assert years == ["2025", "2025", "2025", "2024"]


def test_tables_have_real_headers(page):
    scopes = {scope for _, scope in page.header_cells}
    assert scopes == {"col", "row"}
    header = [text for text, scope in page.header_cells if scope == "col"][:6]
    assert header == ["År", "Nämnd", "Rapport", "Byggd", "Status", "Filer"]
    for row in page.rows:
        assert len(row) in (6, 3)  # report rows, failed-set rows


def test_every_report_link_is_relative_and_resolves(site, page):
    report_links = [link for link in page.links if link.endswith((".html", ".pdf"))]
    assert len(report_links) == 8
    for link in page.links:
        assert not re.match(r"[a-z]+:", link), link
        assert (site / unquote(link)).is_file(), link


def test_status_is_written_in_words(page):
    statuses = [row[4] for row in report_rows(page)]
    assert statuses == [
        "Senaste bygget misslyckades – den tidigare versionen visas (logg)",  # Ystad
        "Oförändrad sedan förra bygget",  # Älvdalen
        "Byggd",  # Ängelholm 2025
        "Byggd",  # Ängelholm 2024: no run recorded, but published
    ]
    assert "ystad_2025_sn/fel.txt" in " ".join(page.links)


def test_failed_set_without_a_report_is_listed_with_its_error(page):
    failed = [row for row in page.rows if row and row[0] == "params/trasig.yml"]
    assert failed == [["params/trasig.yml", "Parameterfilen innehåller fel (1 st.):", "–"]]
    assert not [row for row in page.rows if row and row[0] == "params/borttagen.yml"]


def test_build_date_is_swedish(page):
    dates = [row[3] for row in report_rows(page)]
    assert all(re.fullmatch(r"12 mars 2025 kl\. \d\d\.\d\d", d) for d in dates), dates


def test_link_text_names_the_report_for_screen_readers(site):
    markup = (site_index.write_index(site)).read_text(encoding="utf-8")
    assert f'HTML<span class="visually-hidden"> – {TITLE}, Socialnämnden 2025</span>' in markup


def test_utforare_column_only_when_a_report_has_one(site, tmp_path):
    values = {"kommun": "Ystad", "år": 2025, "nämnd": "Socialnämnden", "utförare": "Kajen AB"}
    publish_report(site, "ystad/2025/sn/kajen", values, outputs=("html",))
    page = Page(site_index.render_index(site))
    header = [text for text, scope in page.header_cells if scope == "col"][:7]
    assert header == ["År", "Nämnd", "Utförare", "Rapport", "Byggd", "Status", "Filer"]
    kajen = next(row for row in page.rows if "Kajen AB" in row)
    assert kajen[-1] == f"HTML – {TITLE}, Socialnämnden 2025 · ingen PDF"


def test_staging_logs_and_set_aside_folders_are_not_listed(site):
    publish_report(site, ".staging/run-1", {"kommun": "Dold", "år": 2025, "nämnd": "x"})
    publish_report(site, "dold/2025/sn.old-123", {"kommun": "Dold", "år": 2025, "nämnd": "x"})
    assert "Dold" not in site_index.render_index(site)


def test_empty_site_says_so(tmp_path):
    page = site_index.render_index(tmp_path)
    assert "Inga rapporter är byggda ännu" in page
