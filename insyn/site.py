"""The reviewers' index: ``_site/index.html`` lists every published report.

Reports are grouped by kommun, then ordered by år (latest first), nämnd and utförare, each with
its build date, the outcome of its latest build and links to its HTML and PDF. What is published
is read from the reports' ``manifest.json`` files; how the latest build of each parameter set
went is kept in ``_site/.status.json`` (:func:`record`), so a set whose latest build failed is
shown with its error and log even when an older report of it is still published.

The page is one self-contained file (inline styles, no scripts, no external requests) with
relative links only, so it works from ``file://`` and from any static web server. Status is
written out in words with a symbol, never carried by colour alone.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from insyn import formats, manifest, paths, publish
from insyn.build import BUILT, FAILED, SKIPPED, BuildResult
from insyn.params import slugify
from insyn.provenance import insyn_version
from insyn.reports import REPORT_TYPES
from insyn.text import swedish_key

INDEX = "index.html"
STATUS = ".status.json"
STATUS_TEXT = {
    BUILT: ("✓", "Byggd"),
    SKIPPED: ("✓", "Oförändrad sedan förra bygget"),
    FAILED: ("✗", "Senaste bygget misslyckades – den tidigare versionen visas"),
}


@dataclass(frozen=True)
class Row:
    """One published report in the index."""

    kommun: str
    year: int
    namnd: str
    utforare: str
    title: str
    folder: str  # relative to the site, e.g. exempelstad/2025/socialnamnden
    stem: str
    built_at: str
    status: str
    log: str


# -- the latest outcome of each parameter set ---------------------------------------------------
def read_status(site: Path) -> dict[str, dict[str, Any]]:
    try:
        return json.loads((site / STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def record(site: Path, results: Iterable[BuildResult]) -> None:
    """Remembers each result's outcome by report folder (by parameter file when it has none);
    forgets parameter files that no longer exist."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    status = read_status(site)
    for r in results:
        status[r.slug or r.params_file] = {
            "params_file": r.params_file,
            "status": r.status,
            "slug": r.slug,
            "seconds": round(r.seconds, 2),
            "error": r.error.strip().splitlines()[0] if r.error.strip() else "",
            "log": paths.relative_to_root(Path(r.log), site) if r.log else "",
            "finished_at": now,
        }
    status = {k: v for k, v in status.items() if paths.resolve(v.get("params_file", k)).is_file()}
    publish.write_text(site / STATUS, json.dumps(status, ensure_ascii=False, indent=2) + "\n")


# -- what is published -------------------------------------------------------------------------
def published(site: Path) -> list[Mapping[str, Any]]:
    """The manifest of every published report folder (staging, logs and set-aside folders
    excluded), each with its folder relative to ``site`` under ``"folder"``."""
    found = []
    for path in sorted(site.rglob(manifest.NAME)):
        relative = path.parent.relative_to(site)
        if any(part.startswith(".") or ".old-" in part for part in relative.parts):
            continue
        recorded = manifest.read(path.parent)
        if recorded:
            found.append({**recorded, "folder": relative.as_posix()})
    return found


def rows(site: Path) -> tuple[list[Row], list[dict[str, Any]]]:
    """The published reports, sorted, and the failed sets with nothing published."""
    status = read_status(site)
    listed: list[Row] = []
    shown_sets = set()
    for recorded in published(site):
        values = recorded.get("parameters", {})
        latest = status.get(recorded["folder"], {})
        shown_sets.add(recorded["folder"])
        for stem in recorded.get("reports", []):
            report = REPORT_TYPES.get(stem)
            listed.append(
                Row(
                    kommun=str(values.get("kommun", "")),
                    year=int(values.get("år", 0)),
                    namnd=str(values.get("nämnd", "")),
                    utforare=str(recorded.get("utförare") or values.get("utförare") or ""),
                    title=report.title if report else stem,
                    folder=recorded["folder"],
                    stem=stem,
                    built_at=recorded.get("built_at", ""),
                    status=latest.get("status", BUILT),
                    log=latest.get("log", "") if latest.get("status") == FAILED else "",
                )
            )
    listed.sort(key=lambda r: (swedish_key(r.kommun), -r.year, swedish_key(r.namnd), r.utforare))
    failed = [
        {"params_file": name, **entry}
        for name, entry in sorted(status.items())
        if entry.get("status") == FAILED and name not in shown_sets
    ]
    return listed, failed


# -- the page ----------------------------------------------------------------------------------
def built_text(value: str) -> str:
    """``2025-03-12T13:05:00+00:00`` → ``12 mars 2025 kl. 14.05`` (local time)."""
    if not value:
        return "–"
    moment = dt.datetime.fromisoformat(value).astimezone()
    return f"{formats.date(moment.date())} kl. {moment:%H.%M}"


def link(site: Path, row: Row, suffix: str) -> str:
    target = f"{row.folder}/{row.stem}.{suffix}"
    if not (site / target).is_file():
        return f"<span>ingen {suffix.upper()}</span>"
    context = html.escape(f" – {row.title}, {row.namnd} {row.year}")
    return (
        f'<a href="{quote(target)}">{suffix.upper()}'
        f'<span class="visually-hidden">{context}</span></a>'
    )


def status_cell(row: Row) -> str:
    symbol, words = STATUS_TEXT.get(row.status, ("", row.status))
    cell = f'<span aria-hidden="true">{symbol}</span> {html.escape(words)}'
    if row.log:
        cell += f' (<a href="{quote(row.log)}">logg</a>)'
    return cell


def kommun_section(site: Path, kommun: str, group: list[Row], with_utforare: bool) -> str:
    headers = ["År", "Nämnd", *(["Utförare"] if with_utforare else []), "Rapport"]
    headers += ["Byggd", "Status", "Filer"]
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = []
    for row in group:
        cells = [f'<th scope="row">{row.year}</th>', f"<td>{html.escape(row.namnd)}</td>"]
        if with_utforare:
            cells.append(f"<td>{html.escape(row.utforare) or '–'}</td>")
        cells += [
            f"<td>{html.escape(row.title)}</td>",
            f"<td>{built_text(row.built_at)}</td>",
            f"<td>{status_cell(row)}</td>",
            f"<td>{link(site, row, 'html')} · {link(site, row, 'pdf')}</td>",
        ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    anchor = f"kommun-{slugify(kommun)}"
    return (
        f'<section aria-labelledby="{anchor}">\n<h2 id="{anchor}">{html.escape(kommun)}</h2>\n'
        f"<table>\n<caption>Rapporter för {html.escape(kommun)}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n"
        "</table>\n</section>"
    )


def failed_section(failed: list[dict[str, Any]]) -> str:
    if not failed:
        return ""
    body = []
    for entry in failed:
        log = entry.get("log", "")
        log_cell = f'<a href="{quote(log)}">logg</a>' if log else "–"
        body.append(
            f'<tr><th scope="row">{html.escape(entry["params_file"])}</th>'
            f"<td>{html.escape(entry.get('error', ''))}</td><td>{log_cell}</td></tr>"
        )
    return (
        '<section aria-labelledby="misslyckade">\n'
        '<h2 id="misslyckade">Parameterfiler som inte kunde byggas</h2>\n'
        "<table>\n<caption>Misslyckade byggen utan publicerad rapport</caption>\n"
        '<thead><tr><th scope="col">Parameterfil</th><th scope="col">Fel</th>'
        '<th scope="col">Logg</th></tr></thead>\n<tbody>\n' + "\n".join(body) + "\n</tbody>\n"
        "</table>\n</section>"
    )


STYLE = """
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 2rem auto;
       max-width: 72rem; padding: 0 1rem; color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem;
         border-bottom: 1px solid #767676; }
thead th { border-bottom: 2px solid #1a1a1a; }
a { color: #0b4f8a; }
a:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
                   clip: rect(0 0 0 0); white-space: nowrap; }
"""


def render_index(site: Path) -> str:
    """The index page's HTML."""
    listed, failed = rows(site)
    with_utforare = any(r.utforare for r in listed)
    kommuner = list(dict.fromkeys(r.kommun for r in listed))
    sections = [
        kommun_section(site, k, [r for r in listed if r.kommun == k], with_utforare)
        for k in kommuner
    ]
    if failed:
        sections.append(failed_section(failed))
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    summary = (
        f"{formats.number(len(listed))} rapporter från {formats.number(len(kommuner))} "
        f"{'kommun' if len(kommuner) == 1 else 'kommuner'}. Sidan uppdaterades "
        f"{built_text(now)}."
    )
    if not listed:
        summary = "Inga rapporter är byggda ännu. Kör insyn build --all."
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="insyn {html.escape(insyn_version())}">\n'
        f"<title>Rapporter för granskning – Insyn</title>\n<style>{STYLE}</style>\n"
        "</head>\n<body>\n<main>\n<h1>Rapporter för granskning</h1>\n"
        f"<p>{html.escape(summary)} Varje rapport finns som webbsida (HTML) och som PDF.</p>\n"
        + "\n".join(sections)
        + "\n</main>\n</body>\n</html>\n"
    )


def write_index(site: Path | None = None) -> Path:
    """Writes ``_site/index.html`` (atomically) and returns its path."""
    site = site or paths.site_dir()
    target = site / INDEX
    publish.write_text(target, render_index(site))
    return target
