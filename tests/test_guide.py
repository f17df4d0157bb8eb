"""insyn.guide and docs/guide: the Swedish user guide renders, links and describes what exists."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from insyn import cli, guide, params, paths
from insyn.reports import REPORT_TYPES
from insyn.schemas import registry

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.resources: list[str] = []
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag in ("script", "img", "link", "iframe"):
            self.resources.append(attrs.get("src") or attrs.get("href") or tag)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    guide.build_guide(site=site, root=ROOT)
    return site / "guide"


def parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_is_rendered_with_the_data_dictionary(site):
    expected = {p.stem for p in GUIDE.glob("*.md")} | {guide.DICTIONARY}
    assert {p.stem for p in site.glob("*.html")} == expected
    assert set(guide.ORDER) <= expected  # the menu names no page that is missing


def test_pages_are_swedish_self_contained_and_navigable(site):
    for page in site.glob("*.html"):
        found = parsed(page)
        text = page.read_text(encoding="utf-8")
        assert found.lang == "sv", page.name
        assert re.search(r"<title>[^<]+</title>", text), page.name
        assert "<main" in text and 'aria-current="page"' in text, page.name
        assert found.resources == [], page.name  # styles inline, no scripts or remote files


def test_every_link_between_pages_resolves(site):
    pages = {p.name: parsed(p) for p in site.glob("*.html")}
    for name, found in pages.items():
        for link in found.links:
            if link.startswith(("http://", "https://", "mailto:")):
                continue
            target, _, anchor = link.partition("#")
            target = target or name
            assert target in pages, f"{name} → {link}"
            assert not anchor or anchor in pages[target].ids, f"{name} → {link}"


def test_the_data_dictionary_describes_every_table_and_column():
    text = guide.data_dictionary()
    for table in registry().values():
        assert f"{{#{table.name}}}" in text and table.title in text
        for column in table.columns:
            assert f"| `{column}` |" in text, (table.name, column)
    assert "Socialsekreterare, Samordnare" in text  # allowed values listed
    assert "inom rapportperioden" in text


def test_every_parameter_of_every_report_is_documented():
    written = "\n".join(p.read_text(encoding="utf-8") for p in GUIDE.glob("*.md"))
    for report in REPORT_TYPES:
        declared = params.notebook_parameters(paths.notebook_path(report, ROOT))
        for name in declared:
            if name not in params.BUILD_OWNED:
                assert f"`{name}`" in written, name


@pytest.mark.parametrize("command", ["build", "nytt-ar", "jamfor", "verifiera"])
def test_the_yearly_commands_exist_and_are_documented(command):
    names = {c.name for c in cli.app.registered_commands}
    assert command in names
    written = "\n".join(p.read_text(encoding="utf-8") for p in GUIDE.glob("*.md"))
    assert f"insyn {command}" in written


def test_internal_markdown_links_become_html_links():
    page = guide.to_html("Se [regler](regler.md#urval) och [start](index.md).", "T", "", GUIDE)
    assert 'href="regler.html#urval"' in page and 'href="index.html"' in page


@pytest.mark.e2e
def test_following_the_guide_gives_next_years_example_report(tmp_path):
    """The steps of docs/guide/arets-arbete.md, as a strategist would take them, on a copy of
    the project: nytt år, fill the templates (the guide's way of trying the example), rewrite
    the drafts, build, compare with last year, verify."""
    import os
    import subprocess
    import sys

    from projects import copy_project, fill_with

    from insyn.text import DRAFT_MARKER

    project = copy_project(tmp_path)
    env = {**os.environ, "INSYN_ROOT": str(project)}
    env.pop("SOURCE_DATE_EPOCH", None)

    def insyn(*args: str) -> str:
        run = subprocess.run(
            [sys.executable, "-m", "insyn.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=project,
            check=False,
        )
        assert run.returncode == 0, (args, run.stdout, run.stderr)
        return " ".join(run.stdout.split())

    insyn("nytt-ar", "exempelstad", "2025")
    old, new = (project / "data" / "exempelstad" / str(y) for y in (2025, 2026))
    for template in new.glob("*.csv"):  # every template, with last year's rows
        fill_with(template, old / template.name)
    for text in (new / "text").glob("*.md"):
        content = text.read_text(encoding="utf-8")
        assert content.startswith(f"**{DRAFT_MARKER}")
        text.write_text(content.split("\n\n", 1)[1], encoding="utf-8")

    built = insyn("build", "params/exempelstad/2026/socialnamnden.yml")
    assert "Klart" in built and "Varning" not in built
    report = project / "_site" / "exempelstad" / "2026" / "socialnamnden"
    assert (report / "kontroll-och-uppfoljning.pdf").is_file()

    insyn("build", "params/exempelstad/2025/socialnamnden.yml")
    compared = insyn(
        "jamfor", "_site/exempelstad/2025/socialnamnden", "_site/exempelstad/2026/socialnamnden"
    )
    assert "jamforelse.html" in compared and (report / "jamforelse.html").is_file()
    assert "Stämmer" in insyn("verifiera", str(report / "manifest.json"))
