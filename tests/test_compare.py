"""insyn.compare and insyn.changepage: what changed between two builds, as a Swedish HTML page.

The builds here are tiny: a manifest and an executed notebook written by the test, each shaped
like what ``insyn build`` leaves in a report folder. One number, one sentence, one row and one
input file are changed on purpose between them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from insyn import changepage, compare

REPORT = "kontroll-och-uppfoljning"

KEY_FIGURES = """\
| Mått | I år | Föregående år | Förändring |
|:---|---:|---:|---:|
| Inledda placeringar | {placements} | 274 | {change} |
| Svarsfrekvens, enkät till socialsekreterare | {rate}\u00a0% | 65\u00a0% | +25 procentenheter |
| Lex Sarah\\-rapporter | 7 | 7 | 0 |
"""


def notebook(
    placements="258",
    change="\u221216",
    rate="90",
    sentence="Urvalet omfattar tolv verksamheter.",
    extra_row=False,
    png="aGVq",
):
    """An executed notebook in the shape of the kontroll report, with the given values."""
    table = KEY_FIGURES.format(placements=placements, change=change, rate=rate)
    if extra_row:
        table += "| Beslut från IVO | 8 | 7 | +1 |\n"

    def shown(source, data):
        return new_code_cell(
            source, outputs=[new_output("execute_result", data=data, execution_count=1)]
        )

    return new_notebook(
        cells=[
            new_code_cell("kommun = 'X'", metadata={"tags": ["parameters"]}),
            new_markdown_cell("## Sammanfattning"),
            shown("rapport.text('sammanfattning')", {"text/markdown": "Året i korthet."}),
            shown(
                '#| label: tbl-nyckeltal\n#| tbl-cap: "Nyckeltal för året"\nrapport.key_figures()',
                {"text/markdown": table},
            ),
            new_markdown_cell("## Urval för särskild uppföljning\n\nUrvalet görs enligt planen."),
            shown("rapport.sample_text()", {"text/markdown": f"{sentence} Det är som i fjol."}),
            shown(
                '#| label: fig-placeringar\n#| fig-cap: "Placeringar per verksamhet"\nx',
                {"image/png": png, "text/plain": "<Chart>"},
            ),
        ]
    )


def write_build(folder: Path, nb, year=2025, inputs=None, **parameters) -> Path:
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{REPORT}.ipynb")
    manifest = {
        "reports": [REPORT],
        "parameters": {"kommun": "Exempelstad", "nämnd": "Socialnämnden", "år": year, **parameters},
        "inputs": inputs
        or {
            f"data/exempelstad/{year}/enkater.csv": "a" * 64,
            f"data/exempelstad/{year}/placeringar.csv": "b" * 64,
            f"data/exempelstad/{year - 1}/placeringar.csv": "c" * 64,
            "notebooks/kontroll-och-uppfoljning.ipynb": "d" * 64,
        },
        "build_date": f"{year + 1}-02-01",
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.fixture
def same(tmp_path) -> tuple[Path, Path]:
    return write_build(tmp_path / "före", notebook()), write_build(tmp_path / "efter", notebook())


@pytest.fixture
def changed(tmp_path) -> tuple[Path, Path]:
    before = write_build(tmp_path / "före", notebook())
    inputs = {
        "data/exempelstad/2025/enkater.csv": "e" * 64,  # changed
        "data/exempelstad/2025/placeringar.csv": "b" * 64,
        "data/exempelstad/2024/placeringar.csv": "c" * 64,
        "notebooks/kontroll-och-uppfoljning.ipynb": "d" * 64,
        "data/exempelstad/2025/lex_sarah.csv": "f" * 64,  # new
    }
    after = write_build(
        tmp_path / "efter",
        notebook(
            placements="1 258",
            change="+984",
            rate="80",
            sentence="Urvalet omfattar tretton verksamheter.",
            extra_row=True,
            png="aGVqaGVq",
        ),
        inputs=inputs,
        gräns_placeringar=3,
    )
    return before, after


# --- reading what a report shows ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1\u00a0234", (1234.0, "")),
        ("1 234,5", (1234.5, "")),
        ("62\u00a0%", (62.0, "%")),
        ("\u221216", (-16.0, "")),
        ("+25 procentenheter", (25.0, "procentenheter")),
        ("0", (0.0, "")),
    ],
)
def test_read_number_reads_swedish_numbers(cell, expected):
    assert compare.read_number(cell) == expected


@pytest.mark.parametrize("cell", ["2025-03-01", "–", "jämförelse saknas", "HVB 12", "5566276779"])
def test_read_number_leaves_everything_else(cell):
    assert compare.read_number(cell) is None


def test_escaped_pipes_stay_inside_a_cell():
    assert compare.split_cells(r"| a \| b | 2 |") == ["a | b", "2"]


def test_shown_in_cuts_the_notebook_into_sections():
    items = compare.shown_in(notebook())
    assert [(i.section, i.kind) for i in items] == [
        ("Sammanfattning", "text"),
        ("Sammanfattning", "table"),
        ("Urval för särskild uppföljning", "text"),
        ("Urval för särskild uppföljning", "text"),
        ("Urval för särskild uppföljning", "figure"),
    ]
    table = items[1]
    assert table.key == "tbl-nyckeltal" and table.caption == "Nyckeltal för året"
    assert table.header == ["Mått", "I år", "Föregående år", "Förändring"]
    assert table.rows[2] == ["Lex Sarah-rapporter", "7", "7", "0"]  # escapes removed


# --- comparing two builds ----------------------------------------------------------------------


def test_identical_builds_are_unchanged(same):
    comparison = compare.compare_builds(*same)
    assert comparison.unchanged
    assert "Inget har ändrats" in changepage.render(comparison)


def test_a_changed_number_is_listed_with_its_difference(changed):
    [report] = compare.compare_builds(*changed).reports
    by_row = {(v.row, v.column): v for v in report.values}
    placements = by_row[("Inledda placeringar", "I år")]
    assert (placements.before, placements.after, placements.difference) == (
        "258",
        "1 258",
        "+1\u00a0000",
    )
    assert placements.section == "Sammanfattning" and placements.table == "Nyckeltal för året"
    rate = by_row[("Svarsfrekvens, enkät till socialsekreterare", "I år")]
    assert rate.difference == "\u221210 procentenheter"
    assert ("Lex Sarah-rapporter", "I år") not in by_row  # unchanged values are not listed


def test_changed_text_rows_and_figures_are_listed(changed):
    [report] = compare.compare_builds(*changed).reports
    [text] = report.texts
    assert text.section == "Urval för särskild uppföljning"
    assert text.before == "Urvalet omfattar tolv verksamheter."
    assert text.after == "Urvalet omfattar tretton verksamheter."
    [row] = report.rows
    assert (row.row, row.change) == ("Beslut från IVO", "tillkommen")
    assert report.figures == ["Placeringar per verksamhet"]
    assert report.sections == ["Sammanfattning", "Urval för särskild uppföljning"]


def test_changed_inputs_and_parameters_come_from_the_manifests(changed):
    comparison = compare.compare_builds(*changed)
    assert [(c.after, c.change) for c in comparison.inputs] == [
        ("data/exempelstad/2025/enkater.csv", "ändrad"),
        ("data/exempelstad/2025/lex_sarah.csv", "tillkommen"),
    ]
    assert comparison.parameters == [("gräns_placeringar", "", "3")]


def test_two_years_pair_each_file_with_the_same_file_one_year_on(tmp_path):
    before = write_build(tmp_path / "2024", notebook(), year=2024)
    after = write_build(tmp_path / "2025", notebook(), year=2025)
    comparison = compare.compare_builds(before, after)
    assert comparison.inputs == []  # same roles, same hashes in the fixture
    assert comparison.parameters == [("år", "2024", "2025")]


def test_a_folder_without_manifest_is_an_error_in_swedish(tmp_path, same):
    with pytest.raises(compare.CompareError) as caught:
        compare.compare_builds(tmp_path, same[1])
    assert "manifest.json" in str(caught.value)


# --- the page ----------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "link"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (self.open[-3:], tag)
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    assert parser.open == []
    return parser


def test_the_page_is_swedish_accessible_and_self_contained(changed):
    page = changepage.render(compare.compare_builds(*changed))
    parsed = parse(page)
    assert re.search(r'<html lang="sv">', page)
    assert "<title>" in page and "<main" in page and 'href="#innehall"' in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert page.count("<table>") == page.count("<caption>") > 0
    assert all(attrs.get("scope") == "col" for tag, attrs in parsed.tags if tag == "th")
    text = re.sub(r"[ \t\n]+", " ", " ".join(parsed.text))  # keeps non-breaking spaces
    assert "Inledda placeringar" in text and "+1\u00a0000" in text
    assert "\u221210 procentenheter" in text
    assert "borttaget: tolv" in text and "nytt: tretton" in text  # not by colour alone
    assert "data/exempelstad/2025/enkater.csv" in text


def test_the_page_escapes_what_comes_from_reports(tmp_path):
    nb = notebook()
    nb.cells[1] = new_markdown_cell("## <script>alert(1)</script>")
    before = write_build(tmp_path / "a", notebook())
    after = write_build(tmp_path / "b", nb)
    page = changepage.render(compare.compare_builds(before, after))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_same_builds_give_the_same_page(changed):
    assert changepage.render(compare.compare_builds(*changed)) == changepage.render(
        compare.compare_builds(*changed)
    )


def test_year_over_year_writes_a_page_beside_each_later_year(tmp_path):
    site = tmp_path / "_site"
    folder = site / "exempelstad" / "{}" / "socialnamnden"
    write_build(Path(str(folder).format(2024)), notebook(), year=2024)
    write_build(Path(str(folder).format(2025)), notebook(rate="70"), year=2025)
    provider = site / "exempelstad" / "{}" / "utforare" / "hvb-bjorkhagen"
    write_build(Path(str(provider).format(2024)), notebook(), year=2024)
    write_build(Path(str(provider).format(2025)), notebook(), year=2025)
    write_build(site / "exempelstad" / "2026" / "socialnamnden", notebook(), year=2026)
    pages = compare.year_over_year(site)
    assert sorted(pages) == sorted(
        [
            Path(str(folder).format(2025)) / changepage.NAME,
            Path(str(folder).format(2026)) / changepage.NAME,
            Path(str(provider).format(2025)) / changepage.NAME,
        ]
    )
    pages = [Path(str(folder).format(2025)) / changepage.NAME]
    assert "\u221220 procentenheter" in pages[0].read_text(encoding="utf-8")


def test_cli_writes_the_page_and_summarises(changed, tmp_path):
    target = tmp_path / "sidan.html"
    run = subprocess.run(
        [sys.executable, "-m", "insyn.cli", "jamfor", *map(str, changed), "--ut", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert target.is_file() and str(target) in run.stdout.replace("\n", "")
    assert "2 indatafiler skiljer sig" in run.stdout


@pytest.mark.e2e
def test_a_number_changed_on_purpose_shows_in_the_change_report(tmp_path, monkeypatch):
    from projects import copy_project

    from insyn import build

    project = copy_project(tmp_path)
    monkeypatch.setenv("INSYN_ROOT", str(project))
    params = project / "params" / "exempelstad" / "2025" / "socialnamnden.yml"
    first = build.build_one(params, site=project / "före", force=True)
    assert first.status == build.BUILT, first.error
    surveys = project / "data" / "exempelstad" / "2025" / "enkater.csv"
    text = surveys.read_text(encoding="utf-8")
    assert "Socialsekreterare,30,27," in text
    surveys.write_text(
        text.replace("Socialsekreterare,30,27,", "Socialsekreterare,30,24,"), "utf-8"
    )
    second = build.build_one(params, site=project / "efter", force=True)
    assert second.status == build.BUILT, second.error

    comparison = compare.compare_builds(
        project / "före" / first.slug, project / "efter" / second.slug
    )
    [report] = comparison.reports
    by_cell = {(v.row, v.column): v for v in report.values}
    rate = by_cell[("Svarsfrekvens, enkät till socialsekreterare", "I år")]
    assert (rate.before, rate.after) == ("90\u00a0%", "80\u00a0%")
    assert rate.difference == "\u221210 procentenheter"
    answered = by_cell[("Socialsekreterare", "Svarande")]
    assert (answered.before, answered.after, answered.difference) == ("27", "24", "\u22123")
    assert [(c.after, c.change) for c in comparison.inputs] == [
        ("data/exempelstad/2025/enkater.csv", "ändrad")
    ]
    assert "Enkäter" in report.sections and "Ekonomisk kontroll" not in report.sections
    page = compare.write(comparison).read_text(encoding="utf-8")
    assert "Svarsfrekvens, enkät till socialsekreterare" in page
    assert "\u221210 procentenheter" in page
