"""insyn.formats: numbers, percentages and dates as a Swedish reader expects them (Babel)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from insyn import formats

NBSP = "\xa0"
MINUS = "\u2212"


def test_number_groups_thousands_with_nbsp_and_uses_decimal_comma():
    assert formats.number(1234.5, 1) == "1\xa0234,5"


def test_number_without_decimals_rounds():
    assert formats.number(1234567) == f"1{NBSP}234{NBSP}567"
    assert formats.number(12.7) == "13"


def test_number_pads_decimals():
    assert formats.number(3, 2) == "3,00"


def test_number_accepts_numpy_integers():
    assert formats.number(np.int64(1234)) == f"1{NBSP}234"


def test_percent_of_a_share():
    assert formats.percent(0.62) == "62\xa0%"


def test_percent_with_decimals():
    assert formats.percent(0.476, 1) == f"47,6{NBSP}%"


def test_percent_keeps_nbsp_before_sign_so_it_never_wraps():
    assert formats.percent(1) == f"100{NBSP}%"


def test_signed_positive_has_plus():
    assert formats.signed(12) == "+12"


def test_signed_negative_has_true_minus_sign():
    assert formats.signed(-3) == f"{MINUS}3"
    assert "-" not in formats.signed(-1234.5, 1)
    assert formats.signed(-1234.5, 1) == f"{MINUS}1{NBSP}234,5"


def test_signed_zero_has_no_sign():
    assert formats.signed(0) == "0"


def test_signed_value_that_rounds_to_zero_has_no_sign():
    # A change shown as "−0,0" or "+0" reads as a change where the reader sees none.
    assert formats.signed(-0.01, 1) == "0,0"
    assert formats.signed(0.4) == "0"


def test_percentage_points_from_difference_of_shares():
    assert formats.percentage_points(0.04) == "+4 procentenheter"
    assert formats.percentage_points(-0.035, 1) == f"{MINUS}3,5 procentenheter"


def test_date_long_swedish():
    assert formats.date("2023-06-07") == "7 juni 2023"


@pytest.mark.parametrize(
    "value",
    [dt.date(2025, 12, 31), dt.datetime(2025, 12, 31, 23, 59), pd.Timestamp("2025-12-31")],
)
def test_date_accepts_date_datetime_and_timestamp(value):
    assert formats.date(value) == "31 december 2025"


def test_date_iso_style():
    assert formats.date("2023-06-07", "iso") == "2023-06-07"
    assert formats.date(pd.Timestamp("2025-01-05 13:00"), style="iso") == "2025-01-05"


@pytest.mark.parametrize("missing", [None, math.nan, np.nan, pd.NA])
@pytest.mark.parametrize(
    "formatter",
    [
        formats.number,
        formats.percent,
        formats.signed,
        formats.percentage_points,
        formats.date,
    ],
)
def test_missing_values_are_a_dash(formatter, missing):
    assert formatter(missing) == "–"


def test_missing_timestamp_is_a_dash():
    assert formats.date(pd.NaT) == "–"
    assert formats.date(pd.NaT, "iso") == "–"


def test_is_missing():
    assert formats.is_missing(None)
    assert formats.is_missing(float("nan"))
    assert formats.is_missing(pd.NA)
    assert not formats.is_missing(0)
    assert not formats.is_missing("")
