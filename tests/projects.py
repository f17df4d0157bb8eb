"""A throwaway copy of the project (notebooks, params, data) for tests that write into it, and
templates filled the way the user guide tells a strategist to try the example kommun."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

from insyn import newyear

ROOT = Path(__file__).resolve().parents[1]


def copy_project(tmp_path: Path, name: str = "projekt") -> Path:
    """``notebooks/``, ``params/``, ``data/`` and ``_quarto.yml`` copied under ``tmp_path``."""
    project = tmp_path / name
    for folder in ("notebooks", "params", "data"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy2(ROOT / "_quarto.yml", project / "_quarto.yml")
    return project


def fill_with(template: Path, source: Path) -> None:
    """Appends ``source``'s rows to the template, in the template's column order, with every
    ISO date moved on one year: this year's data standing in for next year's."""
    header = next(csv.reader(io.StringIO(template.read_text(encoding="utf-8-sig")), delimiter=";"))
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        values = [row.get(column, "") for column in header]
        writer.writerow([move_date(v) for v in values])
    with template.open("a", encoding="utf-8", newline="") as handle:
        handle.write(out.getvalue())


def move_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # "5592040118" is a date to Python
        return value
    return newyear.next_date(dt.date.fromisoformat(value)).isoformat()
