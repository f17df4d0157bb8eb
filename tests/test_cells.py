"""insyn.cells: one cell's text, as Swedish offices write it, read as a number, date or yes/no."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from insyn import cells


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1234", Decimal("1234")),
        ("1 234", Decimal("1234")),
        ("1\u00a0234", Decimal("1234")),  # non-breaking space, as Excel and Babel write it
        ("1\u202f234", Decimal("1234")),  # narrow non-breaking space
        ("12 345 678,5", Decimal("12345678.5")),
        ("47,6", Decimal("47.6")),
        ("47.6", Decimal("47.6")),  # survey tools with English settings
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("−3", Decimal("-3")),  # a true minus sign
        ("+7", Decimal("7")),
        (",5", Decimal("0.5")),
    ],
)
def test_numbers_as_written_in_sweden(written, value):
    assert cells.parse_number(written) == value


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("12 34", "har ett mellanslag som inte skiljer tusental"),
        ("1 23 456", "har ett mellanslag som inte skiljer tusental"),
        ("21 st", "är inte ett tal"),
        ("tjugo", "är inte ett tal"),
        ("5,56628E+09", "är skrivet i exponentform"),
        ("48 %", "procenttecken"),
        ("1,2,3", "är inte ett tal"),
    ],
)
def test_numbers_that_are_not_accepted_say_why(written, reason):
    with pytest.raises(cells.CellError) as caught:
        cells.parse_number(written)
    assert reason in caught.value.reason
    assert caught.value.hint


def test_percent_sign_only_where_the_column_is_in_percent():
    assert cells.parse_number("44 %", percent=True) == Decimal("44")
    assert cells.parse_cell("float", "44\u00a0%", unit="procent") == 44.0
    with pytest.raises(cells.CellError):
        cells.parse_cell("float", "44 %")


@pytest.mark.parametrize(("written", "value"), [("3", 3), ("3,0", 3), ("1 000", 1000), ("-2", -2)])
def test_integers(written, value):
    assert cells.parse_integer(written) == value


def test_an_absurdly_large_integer_is_refused():
    with pytest.raises(cells.CellError, match="orimligt stort"):
        cells.parse_integer("1000000000000000000")


def test_a_fraction_is_not_an_integer_and_a_dot_gets_a_hint():
    with pytest.raises(cells.CellError, match="är inte ett heltal"):
        cells.parse_integer("3,5")
    with pytest.raises(cells.CellError) as caught:
        cells.parse_integer("1.234")  # meant as 1 234 with a dot between the groups
    assert "tusental" in caught.value.hint


MARCH_1 = dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    "written",
    [
        "2025-03-01",
        "2025-3-1",
        "2025-03-01 00:00:00",  # an Excel datetime as text
        "2025-03-01T14:30",
        "20250301",
        "2025/03/01",
        "2025.03.01",
        "1/3 2025",
        "1/3-2025",
        "01.03.2025",
        "1 mars 2025",
        "1 Mars 2025",
        "1:a mars 2025",
        "1 mar. 2025",
        "1 mar 2025",
        "45717",  # Excel's serial number for 2025-03-01
        "45717,75",  # a serial date-time: 18:00 that day
    ],
)
def test_dates_swedish_iso_compact_and_excel_serial(written):
    assert cells.parse_date(written) == MARCH_1


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2025-02-29", "datumet finns inte i kalendern"),  # 2025 is no leap year
        ("31/4 2025", "datumet finns inte i kalendern"),
        ("30 februari 2025", "datumet finns inte i kalendern"),
        ("2025-13-01", "datumet finns inte i kalendern"),
        ("3/1/2025", "kan läsas på två sätt"),
        ("03/01/25", "kan läsas på två sätt"),
        ("1 mors 2025", "okänt månadsnamn"),
        ("2205-03-01", "året 2205 är inte rimligt"),
        ("0025-03-01", "året 25 är inte rimligt"),
        ("mitten av mars", "är inte ett datum"),
        ("2025-03-011", "är inte ett datum"),
        ("2025-03-01x", "är inte ett datum"),
        ("14:30", "är inte ett datum"),
    ],
)
def test_dates_that_are_not_accepted_say_why(written, reason):
    with pytest.raises(cells.CellError) as caught:
        cells.parse_date(written)
    assert reason in caught.value.reason
    assert "ÅÅÅÅ-MM-DD" in (caught.value.hint or "") or "dag och månad" in caught.value.hint


def test_leap_day_exists_in_a_leap_year():
    assert cells.parse_date("29/2 2024") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        *[("Ja", True), ("JA", True), ("j", True), ("X", True), ("Sant", True), ("1", True)],
        *[("Nej", False), ("n", False), ("FALSKT", False), ("0", False), ("false", False)],
    ],
)
def test_yes_no(written, value):
    assert cells.parse_yes_no(written) is value


def test_yes_no_rejects_anything_else():
    with pytest.raises(cells.CellError, match="Ja eller Nej"):
        cells.parse_yes_no("Kanske")


@pytest.mark.parametrize("written", ["5566276779", "556627-6779", "556627 6779"])
def test_organisation_number_is_shown_with_dash(written):
    assert cells.parse_orgnr(written) == "556627-6779"


def test_invalid_organisation_number_is_left_for_the_schema_check():
    assert cells.parse_orgnr("556627-6778") == "556627-6778"


def test_organisation_number_in_exponent_form_says_what_excel_did():
    with pytest.raises(cells.CellError, match="exponentform"):
        cells.parse_orgnr("5,56628E+09")


def test_category_is_matched_without_case_or_extra_spaces():
    allowed = ("HVB vuxna", "Familjehem")
    assert cells.parse_category("  hvb   VUXNA ", allowed) == "HVB vuxna"
    assert cells.parse_category("Familjhem", allowed) == "Familjhem"  # the schema reports it


@pytest.mark.parametrize(
    "value", ["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "#SAKNAS!", "#VÄRDEFEL!", "#NAMN?"]
)
def test_spreadsheet_errors_in_english_and_swedish(value):
    assert cells.is_excel_error(value)


@pytest.mark.parametrize("value", ["#1 i länet", "Hem #2", "#", "REF!", "#ref"])
def test_text_with_a_hash_is_not_a_spreadsheet_error(value):
    assert not cells.is_excel_error(value)


def test_clean_text_composes_letters_and_drops_invisible_characters():
    decomposed = "A\u030asen\u200b"  # Å as A + ring, then a zero-width space
    assert cells.clean_text(f"  {decomposed}\ufeff ") == "Åsen"


def test_parse_cell_types():
    assert cells.parse_cell("date", "1 mars 2025") == pd.Timestamp(MARCH_1)
    assert cells.parse_cell("int", "1 234") == 1234
    assert cells.parse_cell("text", "HVB <b>") == "HVB <b>"


def test_cell_error_pickles_with_its_hint():
    import pickle

    error = pickle.loads(pickle.dumps(cells.CellError("är inte ett tal", "skriv siffror")))
    assert (error.reason, error.hint) == ("är inte ett tal", "skriv siffror")
