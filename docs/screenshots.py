"""Screenshots of one example report for the README: ``make screenshots`` (after ``make report``).

HTML in headless Chromium (Debian's ``chromium`` through Playwright) at 1280 px: the top of the
page, one table and one figure with its numbers opened; the top of the page at 390 px (a phone);
the PDF's first page through ``pdftoppm``. Written to ``docs/img/``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from insyn import paths

REPORT = Path("exempelstad") / "2025" / "socialnamnden" / "kontroll-och-uppfoljning"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def region(page, first: str, last: str, pad: int = 16) -> dict[str, float]:
    """The page area from the top of ``first`` to the bottom of ``last``, in page coordinates."""
    return page.evaluate(
        """([first, last, pad]) => {
            const a = document.querySelector(first).getBoundingClientRect();
            const b = document.querySelector(last).getBoundingClientRect();
            return {x: a.left - pad, y: a.top + scrollY - pad, width: a.width + 2 * pad,
                    height: b.bottom - a.top + 2 * pad};
        }""",
        [first, last, pad],
    )


def html_shots(html: Path, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(html.as_uri())
        page.screenshot(path=out / "rapport-html-topp.png")
        table = "main .table-scroll:has(#tbl-nyckeltal)"
        page.screenshot(
            path=out / "rapport-html-tabell.png", full_page=True, clip=region(page, table, table)
        )
        figure, data = "main figure", "main figure + details.figure-data"
        page.locator(f"{data} summary").first.click()
        page.screenshot(
            path=out / "rapport-html-figur.png", full_page=True, clip=region(page, figure, data)
        )
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(html.as_uri())
        phone.screenshot(path=out / "rapport-html-telefon.png")
        browser.close()


def pdf_first_page(pdf: Path, out: Path) -> None:
    target = out / "rapport-pdf-sida1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), target],
        check=True,
    )


def main() -> int:
    site = paths.site_dir()
    report = site / REPORT
    out = paths.project_root() / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    html, pdf = report.with_suffix(".html"), report.with_suffix(".pdf")
    if not html.is_file() or not pdf.is_file():
        print(f"{report} saknas: kör make report först.", file=sys.stderr)
        return 1
    html_shots(html, out)
    pdf_first_page(pdf, out)
    print(f"Skärmbilderna finns i {paths.relative_to_root(out)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
