"""The Swedish user guide: ``docs/guide/*.md`` rendered to ``_site/guide/*.html`` (``make docs``).

The pages go through the reports' own HTML writer (``insyn.render.html``: pandoc with the
report template and stylesheet, one self-contained file each), so the guide looks like the site
it describes. One page is generated rather
than written: the data dictionary (``datakatalog``), from the schemas by ``insyn.dictionary`` — the
same source that validates the data, so the guide cannot describe a column the build does not
check. Links between guide pages are written ``sida.md`` (they work on GitHub too) and become
``sida.html``.

Run it with ``python -m insyn.guide``.
"""

from __future__ import annotations

import re
from pathlib import Path

from insyn import paths, publish

DICTIONARY = "datakatalog"
# The reading order of the menu; pages not named here follow, alphabetically.
ORDER = (
    "index",
    "arets-arbete",
    "indata",
    DICTIONARY,
    "regler",
    "jamforelse",
    "verifiera",
    "jupyterlab",
    "kluster",
)


def guide_dir(root: Path | None = None) -> Path:
    return (root or paths.project_root()) / "docs" / "guide"


def data_dictionary() -> str:
    """The data dictionary as Markdown, generated from the schemas (``insyn.dictionary``, the
    same text as ``docs/datadictionary.md``, with an id on each table for the links)."""
    from insyn import dictionary

    return dictionary.render(anchors=True)


def pages(root: Path | None = None) -> dict[str, str]:
    """Every guide page as Markdown, by name: the written ones and the data dictionary."""
    found = {p.stem: p.read_text(encoding="utf-8") for p in sorted(guide_dir(root).glob("*.md"))}
    found[DICTIONARY] = data_dictionary()
    return found


def title_of(markdown: str, fallback: str) -> tuple[str, str]:
    """The page's first ``#`` heading as its title, and the Markdown without it."""
    match = re.search(r"^# (.+)$", markdown, flags=re.MULTILINE)
    if not match:
        return fallback, markdown
    return match[1].strip(), markdown[: match.start()] + markdown[match.end() :]


def navigation(titles: dict[str, str], current: str) -> str:
    """The guide's menu as a pandoc Markdown div (the report reader takes no raw HTML)."""
    order = [*ORDER, *sorted(n for n in titles if n not in ORDER)]
    items = []
    for name in (n for n in order if n in titles):
        mark = '{aria-current="page"}' if name == current else ""
        items.append(f"- [{titles[name]}]({name}.html){mark}")
    lines = '::: {.toc .guide-menu role="navigation" aria-label="Handboken"}', *items, ":::"
    return "\n".join(lines) + "\n\n"


def to_html(markdown: str, title: str, nav: str, workdir: Path) -> str:
    """One page through the reports' own pandoc HTML writer: template, stylesheet, one file."""
    from insyn.render.html import markdown_to_html

    body = re.sub(r"\]\(([\w-]+)\.md(#[\w-]+)?\)", r"](\1.html\2)", markdown)
    meta = {"toc": True, "toc-depth": 2, "number-sections": False}
    block = {"title": title, "lang": "sv", "toc-title": "Innehåll"}
    return markdown_to_html(nav + body, meta, block, workdir, 0)


def build_guide(site: Path | None = None, root: Path | None = None) -> list[Path]:
    """Renders every page into ``<site>/guide/``; returns the files written."""
    target = (site or paths.site_dir(root)) / "guide"
    sources = pages(root)
    titled = {name: title_of(text, name) for name, text in sources.items()}
    titles = {name: title for name, (title, _) in titled.items()}
    written = []
    for name, (title, body) in titled.items():
        page = to_html(body, title, navigation(titles, name), guide_dir(root))
        path = target / f"{name}.html"
        publish.write_file(path, page.encode())
        written.append(path)
    return written


def main() -> None:
    for path in build_guide():
        print(paths.relative_to_root(path))


if __name__ == "__main__":
    main()
