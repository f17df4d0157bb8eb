"""Presentation tables: a small pipeline from a DataFrame to a Markdown pipe table.

Steps are named and composable, in the spirit of great-tables: choose and label columns, format
each with a Swedish formatter (``insyn.formats``), align numbers right, add a source note. The
result displays as ``text/markdown``, which Quarto and pandoc both turn into a real table with
``<th>`` header cells; a caption comes from the notebook cell's ``tbl-cap`` option.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from insyn import formats
from insyn.text import Markdown, escape_markdown

Formatter = Callable[[object], str]


@dataclass(frozen=True)
class Column:
    """One column of a presentation table: source column, Swedish label, formatter."""

    source: str
    label: str
    formatter: Formatter | None = None
    numeric: bool = False


def text_column(source: str, label: str) -> Column:
    return Column(source, label, None, numeric=False)


def number_column(source: str, label: str, decimals: int = 0) -> Column:
    return Column(source, label, lambda v: formats.number(v, decimals), numeric=True)


def percent_column(source: str, label: str, decimals: int = 0) -> Column:
    return Column(source, label, lambda v: formats.percent(v, decimals), numeric=True)


def date_column(source: str, label: str) -> Column:
    return Column(source, label, lambda v: formats.date(v, "iso"), numeric=False)


@dataclass
class Table:
    """A formatted table ready to show. Cells are already strings, escaped for Markdown."""

    header: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    note: str = ""
    empty_text: str = "Inga uppgifter under perioden."
    extra: list[str] = field(default_factory=list)

    def to_markdown(self) -> str:
        if not self.rows:
            return self.empty_text + "\n"
        lines = [
            "| " + " | ".join(self.header) + " |",
            "|" + "|".join("---:" if n else ":---" for n in self.numeric) + "|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        text = "\n".join(lines) + "\n"
        if self.note:
            text += f"\n{self.note}\n"
        return text

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __str__(self) -> str:
        return self.to_markdown()


def format_cell(column: Column, value) -> str:
    if column.formatter is not None:
        return column.formatter(value)
    if formats.is_missing(value) or value is pd.NaT:
        return formats.MISSING
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    return escape_markdown(value)


def build(
    frame: pd.DataFrame,
    columns: list[Column],
    *,
    note: str = "",
    empty_text: str = "Inga uppgifter under perioden.",
) -> Table:
    """A presentation table from ``frame`` with the given columns, in order."""
    rows = [
        [format_cell(column, record[column.source]) for column in columns]
        for record in frame.to_dict("records")
    ]
    return Table(
        header=[escape_markdown(c.label) for c in columns],
        rows=rows,
        numeric=[c.numeric for c in columns],
        note=note,
        empty_text=empty_text,
    )


def key_figures(rows: Mapping[str, tuple[object, object, Formatter]]) -> Table:
    """A "nyckeltal" table: measure, this year, last year, change.

    ``rows`` maps a Swedish label to (this year, last year, formatter). A missing last year
    shows ``jämförelse saknas`` rather than an invented number.
    """
    body = []
    for label, (current, previous, formatter) in rows.items():
        if formats.is_missing(previous):
            prev_text, diff_text = "jämförelse saknas", formats.MISSING
        else:
            prev_text = formatter(previous)
            diff = None if formats.is_missing(current) else current - previous
            diff_text = (
                formats.percentage_points(diff)
                if formatter is formats.percent
                else formats.signed(diff)
            )
        body.append([escape_markdown(label), formatter(current), prev_text, diff_text])
    return Table(
        header=["Mått", "I år", "Föregående år", "Förändring"],
        rows=body,
        numeric=[False, True, True, True],
    )


def show(table: Table | str) -> Markdown:
    """Any table or text as displayable Markdown (for a notebook cell's last line)."""
    return Markdown(str(table))


NO_COMPARISON = "jämförelse saknas"


def previous_column(source: str, label: str, formatter: Formatter = formats.number) -> Column:
    """Last year's value beside this year's: a missing one reads ``jämförelse saknas``, never an
    invented number."""
    return Column(
        source,
        label,
        lambda v: NO_COMPARISON if formats.is_missing(v) else formatter(v),
        numeric=True,
    )
