"""Every example report as a reader gets it: opened in headless Chromium, checked with axe-core.

The browser is Debian's ``chromium`` driven by Playwright (Playwright's own browser download cannot
work here); axe-core comes from npm into ``.node/``. ``make test`` installs both (``make
browser-deps``). Each report is checked at a desktop width (1280 px) and a phone width (390 px).
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import Example, example_reports

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / ".node" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"dator": 1280, "telefon": 390}
EXAMPLES = example_reports()


def by_report(test):
    return pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])(test)


def by_report_and_width(test):
    test = pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))(test)
    return by_report(test)


@pytest.fixture(scope="module")
def browser():
    missing = [str(p) for p in (CHROMIUM, AXE) if not p.is_file()]
    if missing:
        pytest.fail(f"saknas: {', '.join(missing)} — kör make browser-deps (make test gör det)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def opened(browser, path: Path, width: int) -> Iterator:
    """A fresh page at ``width`` px with ``path`` loaded; ``page.requests`` lists every URL."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto(path.as_uri(), wait_until="load")
        yield page
    finally:
        context.close()


def run_axe(page) -> dict:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


def png_width(data: bytes) -> int:
    """The width of a PNG image, from its IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


@by_report_and_width
def test_axe_finds_no_wcag_21_aa_violations(browser, example_site, example: Example, width):
    with opened(browser, example.path(example_site, "html"), width) as page:
        result = run_axe(page)
    assert result["violations"] == [], describe(result["violations"])
    checked = {rule["id"] for rule in result["passes"]}
    # axe really looked: the page's language, contrast, headings and table headers were checked
    assert {"html-has-lang", "color-contrast", "document-title", "th-has-data-cells"} <= checked


@by_report_and_width
def test_page_body_never_scrolls_sideways(browser, example_site, example: Example, width):
    with opened(browser, example.path(example_site, "html"), width) as page:
        shot = page.screenshot(full_page=True)
        overflow = page.evaluate(
            """() => ({
                page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                wide: [...document.querySelectorAll('main *')]
                    .filter(el => el.getBoundingClientRect().right > innerWidth + 0.5)
                    .filter(el => !el.closest('.table-scroll'))
                    .map(el => el.tagName + '.' + el.className).slice(0, 5),
                scrollers: [...document.querySelectorAll('.table-scroll')]
                    .filter(el => el.scrollWidth > el.clientWidth)
                    .map(el => getComputedStyle(el).overflowX),
            })"""
        )
    # a full-page screenshot is as wide as the page: wider than the window means sideways scrolling
    assert png_width(shot) == width
    assert overflow["page"] == 0 and overflow["wide"] == [], overflow
    # a table too wide for a phone scrolls inside its own container, never the page
    assert set(overflow["scrollers"]) <= {"auto"}


@by_report
def test_nothing_is_requested_from_outside_the_file(browser, example_site, example: Example):
    path = example.path(example_site, "html")
    with opened(browser, path, 1280) as page:
        requests = list(page.requests)
    assert requests and all(url == path.as_uri() or url.startswith("data:") for url in requests), (
        requests
    )


@by_report
def test_headings_one_h1_and_no_level_skipped(browser, example_site, example: Example):
    with opened(browser, example.path(example_site, "html"), 1280) as page:
        levels = page.evaluate(
            "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"
        )
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


@by_report
def test_skip_link_comes_first_and_focus_is_visible(browser, example_site, example: Example):
    with opened(browser, example.path(example_site, "html"), 390) as page:
        page.keyboard.press("Tab")
        link = page.evaluate(
            """() => { const el = document.activeElement, box = el.getBoundingClientRect();
                       return {text: el.textContent, top: box.top, bottom: box.bottom,
                               outline: getComputedStyle(el).outlineStyle}; }"""
        )
        page.keyboard.press("Enter")
        target = page.evaluate("() => document.activeElement.id")
        page.focus("details.figure-data > summary, .table-scroll")
        ring = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
        )
    assert link["text"] == "Hoppa till innehållet"
    assert link["top"] >= 0 and link["bottom"] <= 900  # shown on screen when focused
    assert target == "innehall"
    assert ring[0] == "solid" and ring[1] >= 2


@by_report
def test_figures_show_their_numbers_as_a_table_on_request(browser, example_site, example):
    with opened(browser, example.path(example_site, "html"), 1280) as page:
        figures = page.locator("main figure")
        count = figures.count()
        for index in range(count):
            details = page.locator("main figure + details.figure-data").nth(index)
            table = details.locator("table")
            assert not table.is_visible()  # collapsed until asked for
            details.locator("summary").click()
            assert table.is_visible()
            assert table.locator("caption").inner_text().startswith("Siffrorna bakom Figur")
            assert table.locator("thead th[scope=col]").count() >= 2
        assert page.locator("main figure + details.figure-data").count() == count


@by_report
def test_print_stylesheet_prints_the_figures_numbers(browser, example_site, example: Example):
    with opened(browser, example.path(example_site, "html"), 1280) as page:
        page.emulate_media(media="print")
        skip_link = page.evaluate(
            "() => getComputedStyle(document.querySelector('.skip-link')).display"
        )
        hidden_tables = page.evaluate(
            """() => [...document.querySelectorAll('details.figure-data table')]
                     .filter(t => !t.checkVisibility()).length"""
        )
        pdf = page.pdf(format="A4")
    assert skip_link == "none"
    assert hidden_tables == 0
    assert pdf.startswith(b"%PDF")
