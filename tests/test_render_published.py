"""Every example report as published: the HTML's structure and the PDF's accessibility.

The same checks for every report type that has an example parameter set: every table has a
caption and header cells with a scope, every figure alt text and its numbers as a table, and the
PDF is tagged PDF/UA-1 with title, language and bookmarks matching the HTML's sections.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pypdf
import pytest
from conftest import Example, example_reports

pytestmark = pytest.mark.e2e

EXAMPLES = example_reports()
by_report = pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])


class Outline(HTMLParser):
    """What the checks need from a report's HTML: title, headings, tables, figures."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.lang = ""
        self.sections: list[str] = []  # numbered <h2> and <h3> in <main>, "1 Sammanfattning"
        self.tables: list[dict] = []
        self.images: list[dict] = []
        self.after_figure: list[str] = []  # the first tag after each </figure>
        self._stack: list[str] = []
        self._text: list[str] | None = None
        self._awaiting_sibling = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._awaiting_sibling:
            self.after_figure.append(f"{tag}.{attributes.get('class', '')}")
            self._awaiting_sibling = False
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag == "table":
            in_main = "main" in self._stack
            self.tables.append({"caption": "", "header_scopes": [], "in_main": in_main})
        if tag == "th" and self.tables and "thead" in self._stack:
            self.tables[-1]["header_scopes"].append(attributes.get("scope"))
        if tag == "img":
            self.images.append(attributes)
        if tag in ("title", "caption") or (tag in ("h2", "h3") and "main" in self._stack):
            self._text = []
        if tag not in ("img", "meta", "br", "hr", "link", "input"):
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass
        text = " ".join("".join(self._text or []).split())
        if tag == "title":
            self.title = text
        elif tag == "caption":
            self.tables[-1]["caption"] = text
        elif tag in ("h2", "h3") and self._text is not None and re.match(r"\d", text):
            self.sections.append(text)
        elif tag == "figure":
            self._awaiting_sibling = True
        if tag in ("title", "caption", "h2", "h3"):
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def outline_of(markup: str) -> Outline:
    parser = Outline()
    parser.feed(markup)
    return parser


def bookmarks(outline, depth: int = 0) -> list[str]:
    titles: list[str] = []
    for item in outline:
        titles += bookmarks(item, depth + 1) if isinstance(item, list) else [item.title]
    return titles


@pytest.fixture(scope="module")
def published(example_site):
    """Per example id: the parsed HTML and the PDF reader."""
    return {
        e.id: (
            outline_of(e.path(example_site, "html").read_text(encoding="utf-8")),
            pypdf.PdfReader(e.path(example_site, "pdf")),
        )
        for e in EXAMPLES
    }


@by_report
def test_every_table_has_a_caption_and_scoped_header_cells(published, example: Example):
    html, _pdf = published[example.id]
    assert html.lang == "sv"
    report_tables = [t for t in html.tables if t["in_main"]]
    assert report_tables
    for table in report_tables:
        assert table["caption"], table
        assert table["header_scopes"] and set(table["header_scopes"]) == {"col"}, table


@by_report
def test_every_figure_has_alt_text_and_its_numbers_as_a_table(published, example: Example):
    html, _pdf = published[example.id]
    for image in html.images:
        assert image.get("alt", "").strip(), image.get("class")
    figures = html.after_figure
    assert figures == ["details.figure-data"] * len(figures)
    captions = [t["caption"] for t in html.tables if t["caption"].startswith("Siffrorna bakom")]
    assert len(captions) == len(figures)


@by_report
def test_pdf_is_pdf_ua_1_with_title_and_swedish_language(published, example: Example):
    html, pdf = published[example.id]
    root = pdf.trailer["/Root"]
    assert pdf.metadata.title == html.title
    assert root["/Lang"] == "sv-SE"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp)


@by_report
def test_pdf_bookmarks_are_the_html_sections(published, example: Example):
    html, pdf = published[example.id]
    assert html.sections
    assert bookmarks(pdf.outline) == html.sections


@by_report
def test_pdf_is_real_text_with_title_block_and_colophon(published, example: Example):
    html, pdf = published[example.id]
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    for expected in (
        *html.title.split(),
        "Innehåll",
        *html.sections,
        "Rapportår",
        "Datum",
        "Underlag",
        "Byggd",
        "Version",
    ):
        assert expected in text, expected
