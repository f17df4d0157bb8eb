"""End to end: the example kontroll- och uppföljningsrapport from parameter file to HTML and PDF.

The numbers the tests expect are computed here from the example data with the measures, then
looked for in the rendered HTML and in the PDF's text, formatted the Swedish way.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from insyn import build, formats, load, measures, paths
from insyn.errors import DataError
from insyn.reports import KONTROLL

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params" / "exempelstad" / "2025" / "socialnamnden.yml"
REPORT = "kontroll-och-uppfoljning"
SECTIONS = [
    "Sammanfattning",
    "Bakgrund och lagstöd",
    "Hur uppföljningen har gjorts",
    "Urval för särskild uppföljning",
    "Ekonomisk kontroll",
    "Enkäter",
    "IVO och lex Sarah",
    "Resultat och åtgärder",
    "Bedömning och slutsatser",
    "Om rapporten",
]


class _Text(HTMLParser):
    """Visible text of an HTML page (script and style bodies skipped)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    # ASCII whitespace only: Swedish numbers keep their non-breaking spaces ("90\xa0%")
    return re.sub(r"[ \t\n\r\f\v]+", " ", " ".join(parser.parts)).strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build.build_one(PARAMS, site=site, force=True)
    assert result.status == build.BUILT, result.error
    return site / result.slug


@pytest.fixture(scope="module")
def data() -> load.Dataset:
    return load.load_year("data/exempelstad", 2025, KONTROLL.tables, KONTROLL.texts)


@pytest.fixture(scope="module")
def page(built) -> str:
    return (built / f"{REPORT}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pdf_text(built) -> str:
    from pypdf import PdfReader

    reader = PdfReader(built / f"{REPORT}.pdf")
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_outputs_and_manifest(built):
    names = {p.name for p in built.iterdir()}
    assert {f"{REPORT}.html", f"{REPORT}.pdf", f"{REPORT}.ipynb", "manifest.json"} <= names
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    for relative, digest in manifest["inputs"].items():
        assert load.sha256_file(ROOT / relative) == digest
    assert "data/exempelstad/2025/placeringar.csv" in manifest["inputs"]
    assert "data/exempelstad/2024/placeringar.csv" in manifest["inputs"]  # last year, compared
    assert manifest["outputs"][f"{REPORT}.pdf"] == load.sha256_file(built / f"{REPORT}.pdf")
    assert manifest["parameters"]["år"] == 2025


def test_html_is_swedish_self_contained_and_without_code(page):
    assert re.search(r'<html[^>]*\blang="sv', page)
    text = visible_text(page)
    for leak in ("import ", "KontrollRapport", "Traceback", "Warning", "rapport.", "In [", "def "):
        assert leak not in text
    assert not re.search(r'<script[^>]+src="https?:', page)
    assert not re.search(r'<link[^>]+href="https?:', page)


def test_html_has_the_sections_in_order(page):
    text = visible_text(page)
    positions = [text.find(title) for title in SECTIONS]
    assert all(p >= 0 for p in positions), dict(zip(SECTIONS, positions, strict=True))
    assert positions == sorted(positions)


def test_html_numbers_follow_from_the_data(page, data):
    text = html.unescape(visible_text(page))
    start, end = (pd_date("2025-01-01"), pd_date("2025-12-31"))
    sample = measures.select_for_followup(
        data["placeringar"], data["utforare"], start, end, threshold=2
    )
    assert f"uppfyllde {formats.number(len(sample))} villkoret" in text
    for name in sample["verksamhet"]:
        assert name in text
    assert formats.number(len(data["placeringar"])) in text
    flagged = measures.flag_credit_risk(data["kreditupplysningar"], data["utforare"], 40)
    for company in flagged["utförare"]:
        assert company in text
    surveys = data["enkater"].set_index("enkät")
    rate = measures.response_rate(*surveys.loc["Socialsekreterare", ["tillfrågade", "svarande"]])
    assert formats.percent(rate) in text


def test_html_figure_has_alt_text_and_caption(page):
    images = re.findall(r"<img[^>]*>", page)
    assert images
    for tag in images:
        alt = re.search(r'alt="([^"]+)"', tag)
        assert alt and len(alt.group(1)) > 30
    assert "Inledda placeringar per verksamhet" in visible_text(page)


def test_pdf_has_the_same_headings_and_numbers(pdf_text, data):
    for title in SECTIONS:
        assert title in pdf_text
    assert formats.number(len(data["placeringar"])).replace("\xa0", " ") in pdf_text.replace(
        "\xa0", " "
    )


def test_unchanged_inputs_are_skipped(built):
    site = built.parents[2]
    result = build.build_one(PARAMS, site=site)
    assert result.status == build.SKIPPED


def test_broken_data_fails_and_keeps_the_previous_report(tmp_path, monkeypatch):
    project = copy_project(tmp_path)
    monkeypatch.setenv("INSYN_ROOT", str(project))
    site = project / "_site"
    params = project / "params" / "exempelstad" / "2025" / "socialnamnden.yml"
    first = build.build_one(params, site=site)
    assert first.status == build.BUILT, first.error
    report_html = site / first.slug / f"{REPORT}.html"
    before = report_html.read_bytes()

    placements = project / "data" / "exempelstad" / "2025" / "placeringar.csv"
    lines = placements.read_text(encoding="utf-8").splitlines()
    fields = lines[1].split(",")
    fields[2] = "2025-02-30"  # impossible date in row 2
    lines[1] = ",".join(fields)
    placements.write_text("\n".join(lines) + "\n", encoding="utf-8")

    second = build.build_one(params, site=site)
    assert second.status == build.FAILED
    assert second.exit_code == 2
    assert "placeringar.csv, rad 2" in second.error
    assert "startdatum" in second.error
    assert report_html.read_bytes() == before
    assert not list((site / ".staging").glob("*")) if (site / ".staging").exists() else True


def test_cli_reports_bad_parameters_in_swedish(tmp_path):
    bad = tmp_path / "fel.yml"
    bad.write_text("rapporter: [kontroll-och-uppfoljning]\nkommun: X\når: 0042\n", "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "insyn.cli", "build", str(bad)],
        capture_output=True,
        text=True,
        env={**dict(__import__("os").environ), "INSYN_SITE": str(tmp_path / "site")},
    )
    assert run.returncode == 2
    output = run.stdout + run.stderr
    assert "Traceback" not in output
    assert "'år'" in output and "heltal" in output
    assert "'nämnd' saknas" in output
    assert not (tmp_path / "site" / "x").exists()


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "projekt"
    for name in ("notebooks", "params", "data"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy2(paths.quarto_config(ROOT), project / "_quarto.yml")
    return project


def pd_date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_data_error_lists_every_problem(tmp_path, monkeypatch):
    project = copy_project(tmp_path)
    monkeypatch.setenv("INSYN_ROOT", str(project))
    folder = project / "data" / "exempelstad" / "2025"
    (folder / "enkater.csv").write_text(
        "enkät,tillfrågade,svarande\nSocialsekreterare,30,-1\nLeverantörer,tolv,11\n", "utf-8"
    )
    (folder / "lex_sarah.csv").unlink()
    with pytest.raises(DataError) as caught:
        load.load_year("data/exempelstad", 2025, KONTROLL.tables, KONTROLL.texts)
    described = [p.describe() for p in caught.value.problems]
    assert any("enkater.csv, rad 2" in d and "svarande" in d for d in described)
    assert any("enkater.csv, rad 3" in d and "tillfrågade" in d for d in described)
    assert any("lex_sarah.csv" in d and "saknas" in d for d in described)
