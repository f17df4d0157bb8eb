"""insyn.sanitize and the whole path: nothing from data or parameters runs in a published report.

The end-to-end test puts payloads (HTML, script links, Typst and LaTeX commands, Quarto
shortcodes, spreadsheet formulas) into every text column of the example data and into the
parameter file, builds the report, and checks that the HTML has nothing executable, that the
payloads show as plain text, and that the PDF still builds with the payloads as text.
"""

from __future__ import annotations

import csv
import html
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from insyn import build
from insyn.sanitize import clean_fragment, clean_meta, clean_quarto_html, clean_report_html
from insyn.schemas import registry

ROOT = Path(__file__).resolve().parents[1]
PAYLOAD = (
    ' <script>alert("x")</script><img src=x onerror=alert(1)> [klick](javascript:alert(1))'
    ' <a href="javascript:alert(2)">a</a> #set page(fill: red) #read("/etc/passwd") $ 5'
    ' $\\input{x}$ \\input{/etc/passwd} {{< env HOME >}} `x`{=html} =HYPERLINK("http://x.example")'
)


class Elements(HTMLParser):
    """Every element and attribute of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def elements(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def assert_nothing_executable(page: str) -> None:
    found = elements(page)
    assert not {"script", "iframe", "object", "embed", "form", "base"} & set(found.tags)
    for tag, name, value in found.attributes:
        assert not name.startswith("on"), (tag, name)
        if name in ("href", "src"):
            lowered = value.strip().lower()
            assert not lowered.startswith(("javascript:", "vbscript:")), (tag, value)
            assert not lowered.startswith("data:") or (tag, name) == ("img", "src")


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script><p>kvar</p>",
        '<img src=x onerror="alert(1)"><p>kvar</p>',
        '<a href="javascript:alert(1)">länk</a><p>kvar</p>',
        '<a href=" JaVaScRiPt:alert(1)">länk</a><p>kvar</p>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">länk</a><p>kvar</p>',
        '<iframe src="https://x.example"></iframe><p>kvar</p>',
        '<svg onload="alert(1)"><p>kvar</p></svg>',
        '<p style="background:url(javascript:alert(1))">kvar</p>',
        '<form action="https://x.example"><input name=a></form><p>kvar</p>',
        "<!-- <script>alert(1)</script> --><p>kvar</p>",
        '<object data="x.swf"></object><p>kvar</p>',
    ],
)
def test_clean_fragment_removes_what_could_run_and_keeps_the_text(payload):
    cleaned = clean_fragment(payload)
    assert_nothing_executable(cleaned)
    assert "<p>kvar</p>" in cleaned


def test_non_breaking_spaces_stay_characters_as_pandoc_wrote_them():
    assert clean_fragment("<p>82\u00a0%</p>") == "<p>82\u00a0%</p>"


def test_clean_fragment_keeps_what_pandoc_writes_for_a_report():
    fragment = (
        '<h2 id="urval" data-number="1"><span class="header-section-number">1</span> Urval</h2>'
        '<table id="tbl-x"><caption>Tabell 1: X</caption><thead><tr>'
        '<th style="text-align: right;">Antal</th></tr></thead><tbody><tr>'
        '<td style="text-align: right;">12</td></tr></tbody></table>'
        '<figure id="fig-x"><img role="img" aria-label="Staplar" alt="Staplar"'
        ' src="data:image/png;base64,iVBORw0KGgo="><figcaption>Figur 1</figcaption></figure>'
        '<nav id="TOC" role="doc-toc" aria-labelledby="toc-title"><a href="#urval">Urval</a></nav>'
        '<p><a href="https://www.ivo.se">IVO</a></p>'
    )
    cleaned = clean_fragment(fragment)
    for kept in (
        'data-number="1"',
        'style="text-align:right"',
        'src="data:image/png;base64,iVBORw0KGgo="',
        'aria-label="Staplar"',
        'href="#urval"',
        'href="https://www.ivo.se"',
        "<caption>Tabell 1: X</caption>",
        "<figcaption>Figur 1</figcaption>",
    ):
        assert kept in cleaned, kept


def test_clean_report_html_keeps_the_head_and_cleans_the_body():
    page = (
        '<!DOCTYPE html><html lang="sv"><head><style>body{color:#111}</style>'
        "<title>Rapport</title></head><body><main><p>Text</p><script>alert(1)</script>"
        "</main></body></html>"
    )
    cleaned = clean_report_html(page)
    head = page[: page.index("<body>")]
    assert cleaned.startswith(head)
    assert "<script>" not in cleaned and "<p>Text</p>" in cleaned


def test_a_quote_in_a_meta_value_cannot_add_attributes_to_the_tag():
    # pandoc's template escapes < and > in <meta content="$subtitle$"> but not quotes
    page = (
        '<html><head><meta charset="utf-8">'
        '<meta name="description" content="Stad · HVB "x" http-equiv="refresh" '
        'content="0;url=https://x.example" onerror="alert(1)">'
        "<title>T</title></head><body><p>Text</p></body></html>"
    )
    cleaned = clean_report_html(page)
    assert '<meta charset="utf-8">' in cleaned
    assert "refresh" not in cleaned and "onerror" not in cleaned and "x.example" not in cleaned
    assert_nothing_executable(cleaned)


def test_a_repeated_attribute_keeps_its_first_value_as_browsers_do():
    tag = '<meta name="description" content="Stad "x" content="annat" onerror="alert(1)">'
    assert clean_meta(tag) == '<meta name="description" content="Stad ">'


def test_a_meta_tag_rebuilt_keeps_its_value_escaped():
    assert clean_meta('<meta name="description" content="A &amp; B">') == (
        '<meta name="description" content="A &amp; B">'
    )


# --- the whole path --------------------------------------------------------------------------


def with_payload(folder: Path) -> None:
    """PAYLOAD after every value of every text column (the same text everywhere, so a
    verksamhet still matches between tables); per-provider text folders follow the new names.
    Identifiers (keys such as a granskning's id, which names its text file, and references to
    them) keep their value; the verksamhet, shown everywhere, does not."""
    move_provider_texts(folder)
    for name, table in registry().items():
        path = folder / f"{name}.csv"
        if not path.is_file():
            continue  # not every table is in every year
        identifiers = {*table.key, *(column for column, _, _ in table.references)}
        text_columns = [
            c
            for c, col in table.columns.items()
            if col.metadata["kind"] == "text" and (c not in identifiers or c == "verksamhet")
        ]
        header = path.read_text(encoding="utf-8").splitlines()[0]
        separator = ";" if header.count(";") > header.count(",") else ","
        with path.open(encoding="utf-8", newline="") as source:
            reader = csv.DictReader(source, delimiter=separator)
            rows, fields = list(reader), list(reader.fieldnames or [])
        for row in rows:
            for column in text_columns:
                if row.get(column):
                    row[column] = row[column] + PAYLOAD
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=fields, delimiter=separator)
            writer.writeheader()
            writer.writerows(rows)


def move_provider_texts(folder: Path) -> None:
    """``text/utforare/<slug>/`` renamed for each verksamhet's name with the payload."""
    from insyn.params import slugify

    texts = folder / "text" / "utforare"
    with (folder / "utforare.csv").open(encoding="utf-8", newline="") as source:
        names = [row["verksamhet"] for row in csv.DictReader(source)]
    for name in names:
        old = texts / slugify(name)
        if old.is_dir():
            old.rename(texts / slugify(name + PAYLOAD))


@pytest.mark.e2e
def test_payloads_in_every_text_field_are_published_as_text_only(tmp_path, monkeypatch):
    project = tmp_path / "projekt"
    for name in ("notebooks", "params", "data"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy2(ROOT / "_quarto.yml", project / "_quarto.yml")
    monkeypatch.setenv("INSYN_ROOT", str(project))
    with_payload(project / "data" / "exempelstad" / "2025")
    with_payload(project / "data" / "exempelstad" / "2024")
    params = project / "params" / "exempelstad" / "2025" / "socialnamnden.yml"
    text = params.read_text(encoding="utf-8")
    payload_value = '"<script>alert(3)</script> #set page(fill: red)"'
    params.write_text(text.replace('"SN 2025/0417"', payload_value), encoding="utf-8")

    results = [
        result
        for file in sorted(params.parent.glob("*.yml"))  # every report of the year and provider
        for result in build.build_file(file, site=project / "_site", force=True)
    ]

    assert {r.status for r in results} == {build.BUILT}, [r.error for r in results]
    assert len(results) > 3
    from pypdf import PdfReader

    for result in results:
        folder = project / "_site" / result.slug
        for page_path in folder.glob("*.html"):
            page = page_path.read_text(encoding="utf-8")
            assert_nothing_executable(page)
            assert "#set page(fill: red)" in html.unescape(page), page_path.name
        for pdf in folder.glob("*.pdf"):
            reader = PdfReader(pdf)
            pdf_text = " ".join(p.extract_text() or "" for p in reader.pages)
            assert "#set page(fill: red)" in pdf_text, pdf.name  # Typst from data is text
    kontroll = project / "_site" / "exempelstad" / "2025" / "socialnamnden"
    page = (kontroll / "kontroll-och-uppfoljning.html").read_text(encoding="utf-8")
    assert '<script>alert("x")</script>' in html.unescape(page)  # shown as text, readers see it
    reader = PdfReader(kontroll / "kontroll-och-uppfoljning.pdf")
    pdf_text = " ".join(p.extract_text() or "" for p in reader.pages)
    assert '#read("/etc/passwd")' in pdf_text


def test_a_quarto_page_loses_its_scripts_and_keeps_its_styles():
    page = (
        '<html lang="sv"><head><meta charset="utf-8"><style>p{color:#111}</style>'
        '<script src="data:application/javascript;base64,YWxlcnQoMSk="></script>'
        "<script>window.quarto = 1;</script></head>"
        '<body><nav id="TOC"><a href="#s">Avsnitt</a></nav><p onclick="x()">Text</p>'
        "<script>document.write('x')</script></body></html>"
    )
    cleaned = clean_quarto_html(page)
    assert "<script" not in cleaned and "window.quarto" not in cleaned
    assert "onclick" not in cleaned and "document.write" not in cleaned
    assert "<style>p{color:#111}</style>" in cleaned
    assert '<nav id="TOC"><a href="#s">Avsnitt</a></nav>' in cleaned
