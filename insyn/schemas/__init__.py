"""One pandera schema per input table, with the metadata that documents it.

The schemas are the single source for validation (``insyn.load``), the data dictionary and the
Excel templates. A :class:`Table` adds what pandera does not hold: the file name in the year's data
folder, a Swedish title and the key columns that must be unique.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa


@dataclass(frozen=True)
class Table:
    """An input table: ``<datamapp>/<år>/<name>.csv`` (or ``.xlsx``)."""

    name: str
    title: str
    description: str
    schema: pa.DataFrameSchema
    key: tuple[str, ...] = ()
    sheet: str | None = None  # Excel: the sheet that holds the data (default: the first)
    # column -> (table, column) it must match, e.g. {"verksamhet": ("utforare", "verksamhet")}
    references: tuple[tuple[str, str, str], ...] = ()

    @property
    def columns(self) -> dict[str, pa.Column]:
        return dict(self.schema.columns)


def registry() -> dict[str, Table]:
    """Every input table Insyn knows, by name."""
    from insyn.schemas import kontroll, kvalitet, register

    return {t.name: t for t in (*kontroll.TABLES, *kvalitet.TABLES, *register.TABLES)}


def table(name: str) -> Table:
    return registry()[name]
