"""Swedish presentation of numbers, percentages and dates, through Babel.

Every number a reader sees goes through here, so ``1 234``, ``3,5`` and ``62 %`` look the same in
tables, text and figures. Babel uses non-breaking spaces as group separators and before ``%``,
which keeps a number on one line.
"""

from __future__ import annotations

import datetime as dt
import math
import sys

from babel.dates import format_date as _format_date
from babel.dates import get_month_names
from babel.numbers import format_decimal, format_percent

LOCALE = "sv_SE"
MISSING = "–"


def is_missing(value) -> bool:
    """None, NaN, ``pd.NA`` and ``pd.NaT`` (pandas is only looked at when it is loaded)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pandas = sys.modules.get("pandas")
    return pandas is not None and (value is pandas.NA or value is pandas.NaT)


def month_names() -> dict[int, str]:
    """Swedish month names, 1 → ``januari``."""
    return dict(get_month_names("wide", locale=LOCALE))


def number(value, decimals: int = 0) -> str:
    """``1234.5`` → ``1 234,5`` (with ``decimals`` digits); missing → ``–``."""
    if is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(share, decimals: int = 0) -> str:
    """A share 0–1 as a Swedish percentage: ``0.62`` → ``62 %``; missing → ``–``."""
    if is_missing(share):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
    return format_percent(share, format=pattern, locale=LOCALE)


def signed(value, decimals: int = 0) -> str:
    """A change with its sign: ``+12``, ``−3`` (true minus sign), ``0``; missing → ``–``."""
    if is_missing(value):
        return MISSING
    text = number(abs(value), decimals)
    if text == number(0, decimals):  # -0.01 shown with one decimal is no change: "0,0"
        return text
    if value > 0:
        return "+" + text
    if value < 0:
        return "\u2212" + text
    return text


def percentage_points(value, decimals: int = 0) -> str:
    """A difference between two shares in procentenheter: ``0.04`` → ``+4 procentenheter``."""
    if is_missing(value):
        return MISSING
    return f"{signed(value * 100, decimals)} procentenheter"


def date(value, style: str = "long") -> str:
    """``2023-06-07`` → ``7 juni 2023`` (long) or ``2023-06-07`` (iso); missing → ``–``."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):  # pandas.Timestamp is a datetime too
        value = value.date()
    if style == "iso":
        return value.isoformat()
    return _format_date(value, format="d MMMM y", locale=LOCALE)
