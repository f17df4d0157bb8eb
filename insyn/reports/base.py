"""What every report module shares: this year's validated inputs, last year's, the parameters.

A report class names its :class:`~insyn.reports.ReportType` in ``report_type``; ``prepare``
then loads exactly the tables and texts the build validated, and last year's tables for the
comparisons (None when last year's folder is missing).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self, TypeVar

import pandas as pd

from insyn import load, paths
from insyn.params import period_of
from insyn.provenance import Provenance
from insyn.reports import ReportType, input_tables
from insyn.text import Markdown

T = TypeVar("T")


@dataclass
class Report:
    """This year's (and, when present, last year's) validated data plus the parameters."""

    params: dict[str, Any]
    data: load.Dataset
    previous: load.Dataset | None
    _remembered: dict[Hashable, Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    report_type: ClassVar[ReportType]

    @classmethod
    def prepare(cls, **params: Any) -> Self:
        """Loads and validates this year's inputs and last year's for comparison."""
        year = int(params["år"])
        kind = cls.report_type
        tables = input_tables(kind, paths.year_dir(params["datamapp"], year))
        data = load.load_year(params["datamapp"], year, tables, kind.texts, period_of(params))
        previous = load.load_previous(params["datamapp"], year - 1, kind.previous_tables)
        return cls(params=params, data=data, previous=previous)

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` the first time ``key`` is asked for, the same result after that: a
        measure that several sections show is computed once per report. What is remembered is
        shared, so callers never change it in place."""
        if key not in self._remembered:
            self._remembered[key] = compute()
        return self._remembered[key]

    def previous_table(self, name: str) -> pd.DataFrame | None:
        """Last year's table, or None when last year's folder or that table is missing."""
        if self.previous is None or name not in self.previous.tables:
            return None
        return self.previous[name]

    def provenance(self) -> Markdown:
        return Provenance.of(self.params, [self.data, self.previous]).to_markdown()
