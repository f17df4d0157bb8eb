"""The change report as one self-contained, accessible HTML page in Swedish.

Everything on the page is text: a change is said in words and signs (``+4``, ``före``/``efter``,
struck-out and underlined words with a hidden label for screen readers), never by colour alone.
Every table has a caption and header cells with scope; the page has a language, a title, a skip
link and landmarks. Values from reports and manifests are escaped. The page carries no time of its
own, so the same two builds always give the same bytes.
"""

from __future__ import annotations

import difflib
import html

from insyn.compare import Comparison, ReportChanges
from insyn.reports import REPORT_TYPES

NAME = "jamforelse.html"

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;
color:#1a1a1a;background:#fff;max-width:72rem;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.8rem}h2{margin-top:2.2rem;border-bottom:2px solid #1a1a1a}
table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:600;
padding:.3rem 0}th,td{border:1px solid #6b6b6b;padding:.3rem .5rem;vertical-align:top;
text-align:left}thead th{background:#e8e8e8}td.tal{text-align:right;white-space:nowrap}
code{font-size:.9em}del{text-decoration:line-through;background:#fbe3df}
ins{text-decoration:underline;background:#dff2e2}.sr{position:absolute;width:1px;height:1px;
overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;outline:3px solid #0072b2}
a{color:#004f80}:focus-visible{outline:3px solid #0072b2;outline-offset:2px}
"""


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def describe_build(manifest: dict, folder: str) -> str:
    values = manifest.get("parameters", {})
    return (
        f"{esc(values.get('kommun', ''))} · {esc(values.get('nämnd', ''))} "
        f"{esc(values.get('år', ''))} (byggd {esc(manifest.get('build_date', '–'))}, "
        f"<code>{esc(folder)}</code>)"
    )


def table(caption: str, header: list[str], rows: list[list[str]], numeric=()) -> str:
    """A table with caption and header cells; cells are HTML already (escaped by the caller)."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in header)
    body = []
    for row in rows:
        cells = [
            f'<td class="tal">{cell}</td>' if index in numeric else f"<td>{cell}</td>"
            for index, cell in enumerate(row)
        ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def marked_words(before: str, after: str) -> tuple[str, str]:
    """The two sentences with the words that differ marked (<del> in one, <ins> in the other)."""
    old, new = before.split(" "), after.split(" ")  # sentences are single-spaced already
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(esc(" ".join(old[i1:i2])))
            right.append(esc(" ".join(new[j1:j2])))
            continue
        if i2 > i1:
            left.append(
                f'<del><span class="sr">borttaget: </span>{esc(" ".join(old[i1:i2]))}</del>'
            )
        if j2 > j1:
            right.append(f'<ins><span class="sr">nytt: </span>{esc(" ".join(new[j1:j2]))}</ins>')
    return " ".join(left) or "<em>(ingen text)</em>", " ".join(right) or "<em>(ingen text)</em>"


def values_part(changes: ReportChanges) -> str:
    if not changes.values:
        return "<p>Inga tal eller värden i rapportens tabeller har ändrats.</p>"
    rows = [
        [
            esc(c.section),
            esc(c.table),
            esc(c.row),
            esc(c.column),
            esc(c.before),
            esc(c.after),
            esc(c.difference or "–"),
        ]
        for c in changes.values
    ]
    return table(
        "Tal och värden som har ändrats (förändring = efter − före)",
        ["Avsnitt", "Tabell", "Rad", "Kolumn", "Före", "Efter", "Förändring"],
        rows,
        numeric=(4, 5, 6),
    )


def texts_part(changes: ReportChanges) -> str:
    if not changes.texts:
        return "<p>Ingen text har ändrats.</p>"
    parts = []
    for section in dict.fromkeys(c.section for c in changes.texts):
        rows = [
            list(marked_words(c.before, c.after)) for c in changes.texts if c.section == section
        ]
        parts.append(
            f"<h4>{esc(section)}</h4>"
            + table(f"Ändrade meningar i avsnittet {section}", ["Före", "Efter"], rows)
        )
    return "".join(parts)


def rows_part(changes: ReportChanges) -> str:
    if not changes.rows:
        return ""
    rows = [[esc(c.section), esc(c.table), esc(c.row), esc(c.change)] for c in changes.rows]
    return "<h3>Rader som har tillkommit eller tagits bort</h3>" + table(
        "Tabellrader som bara finns i det ena bygget", ["Avsnitt", "Tabell", "Rad", "Ändring"], rows
    )


def figures_part(changes: ReportChanges) -> str:
    if not changes.figures:
        return ""
    items = "".join(f"<li>{esc(f)}</li>" for f in changes.figures)
    return f"<h3>Figurer som har ändrats</h3><ul>{items}</ul>"


def report_part(changes: ReportChanges) -> str:
    title = REPORT_TYPES[changes.name].title if changes.name in REPORT_TYPES else changes.name
    sections = (
        "<p>Avsnitt med ändringar: " + ", ".join(esc(s) for s in changes.sections) + ".</p>"
        if changes.sections
        else "<p>Rapporten visar samma tal och samma text i båda byggena.</p>"
    )
    return (
        f'<section aria-labelledby="r-{esc(changes.name)}"><h2 id="r-{esc(changes.name)}">'
        f"{esc(title)}</h2>{sections}<h3>Tal och värden</h3>{values_part(changes)}"
        f"<h3>Text</h3>{texts_part(changes)}{rows_part(changes)}{figures_part(changes)}</section>"
    )


def inputs_part(comparison: Comparison) -> str:
    if not comparison.inputs:
        return "<p>Underlaget är detsamma: varje fil har samma innehåll (SHA-256).</p>"
    rows = [
        [
            f"<code>{esc(c.before or '–')}</code>",
            f"<code>{esc(c.after or '–')}</code>",
            esc(c.change),
            f"<code>{esc(c.before_hash[:12] or '–')}</code>",
            f"<code>{esc(c.after_hash[:12] or '–')}</code>",
        ]
        for c in comparison.inputs
    ]
    return table(
        "Indatafiler vars innehåll skiljer sig (SHA-256, början)",
        ["Fil före", "Fil efter", "Ändring", "Kontrollsumma före", "Kontrollsumma efter"],
        rows,
    )


def parameters_part(comparison: Comparison) -> str:
    if not comparison.parameters:
        return "<p>Parametrarna är desamma.</p>"
    rows = [[esc(k), esc(b or "–"), esc(a or "–")] for k, b, a in comparison.parameters]
    return table("Parametrar som skiljer sig", ["Parameter", "Före", "Efter"], rows)


def summary(comparison: Comparison) -> str:
    if comparison.unchanged:
        return (
            "<p><strong>Inget har ändrats.</strong> Samma underlag, parametrar, tal och text.</p>"
        )
    values = sum(len(r.values) for r in comparison.reports)
    sections = sum(len(r.sections) for r in comparison.reports)
    items = [
        f"{values} tal och värden i tabellerna har ändrats",
        f"{sections} avsnitt har ändringar",
        f"{len(comparison.inputs)} indatafiler skiljer sig",
        f"{len(comparison.parameters)} parametrar skiljer sig",
    ]
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def render(comparison: Comparison) -> str:
    """The whole page."""
    before = describe_build(comparison.before, comparison.before_folder)
    after = describe_build(comparison.after, comparison.after_folder)
    year = comparison.after.get("parameters", {}).get("år", "")
    reports = "".join(report_part(r) for r in comparison.reports)
    return (
        '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Ändringar i rapporten {esc(year)}</title><style>{STYLE}</style></head><body>"
        '<a class="skip" href="#innehall">Hoppa till innehållet</a>'
        "<header><h1>Vad har ändrats?</h1>"
        f"<p>Före: {before}<br>Efter: {after}</p></header>"
        '<main id="innehall"><section aria-labelledby="sammanfattning">'
        f'<h2 id="sammanfattning">Sammanfattning</h2>{summary(comparison)}</section>'
        f"{reports}"
        '<section aria-labelledby="underlag"><h2 id="underlag">Underlag</h2>'
        f"<h3>Parametrar</h3>{parameters_part(comparison)}"
        f"<h3>Indatafiler</h3>{inputs_part(comparison)}</section></main>"
        "<footer><p>Sidan är skapad med <code>insyn jamfor</code> från byggenas manifest.json "
        "och körda notebooks.</p></footer></body></html>\n"
    )
