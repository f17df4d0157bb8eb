"""insyn.reports.register_views: how assessments and brister look in every document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from insyn.register import Register
from insyn.reports import register_views as views

ROOT = Path(__file__).resolve().parents[1]
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture(scope="module")
def register() -> Register:
    return Register.load("data/exempelstad", 2025, dt.date(2025, 12, 31), root=ROOT)


def column(table, label: str) -> list[str]:
    index = table.header.index(label)
    return [row[index] for row in table.rows]


def test_levels_are_word_and_a_symbol_of_its_own_shape():
    labels = [views.level_label(level) for level in ("Grön", "Gul", "Röd")]
    assert labels == ["● Grön", "▲ Gul", "■ Röd"]
    assert len({label.split()[0] for label in labels}) == 3
    assert views.level_label(None) == "ej bedömd"


def test_levels_table_explains_each_level():
    table = views.levels_table()
    assert column(table, "Kvalitetsnivå") == ["● Grön", "▲ Gul", "■ Röd"]
    assert all(column(table, "Innebörd"))


def test_status_shows_overdue_in_words():
    assert views.status_label("Öppen", True) == "Öppen, försenad"
    assert views.status_label("Åtgärdad", False) == "Åtgärdad"


def test_provider_link_is_relative_to_a_namnd_folder():
    link = views.provider_link("Mossgården")
    assert link == "[Mossgården](../utforare/mossgarden/granskningsrapport.html)"
    site = Path("/site/exempelstad/2025")
    target = (site / "socialnamnden" / "../utforare/mossgarden/granskningsrapport.html").resolve()
    assert target == site / "utforare" / "mossgarden" / "granskningsrapport.html"


def test_brister_table_has_swedish_dates_and_status(register):
    table = views.brister_table(register.brister_of("Kajen stödboende"))
    assert table.header == ["Brist", "Avtalspunkt", "Iakttagelse", "Senast åtgärdad", "Status"]
    assert column(table, "Senast åtgärdad") == ["30 september 2025"] * 2
    assert column(table, "Status") == ["Öppen, försenad", "Påbörjad, försenad"]


def test_numbered_brister_table(register):
    table = views.brister_table(register.brister_of("Mossgården"), numbered=True)
    assert column(table, "Nr") == ["1", "2", "3", "4", "5", "6"]


def test_audits_of_the_year_leave_earlier_ones_out(register):
    audits = views.audits_in_period(register, *YEAR)
    assert len(audits) == 8  # Ramsvik's 2024 audit is not one of the year's
    ramsvik = audits[audits["verksamhet"] == "Ramsvik vårdhem"].iloc[0]
    assert (ramsvik["typ"], ramsvik["brister"], ramsvik["försenade"]) == ("Uppföljande", 2, 2)


def test_audits_table_links_and_carries_the_word(register):
    table = views.audits_table(register, *YEAR)
    assert all(cell.startswith("[") and ".html)" in cell for cell in column(table, "Verksamhet"))
    assert set(column(table, "Sammanvägd bedömning")) == {"● Grön", "▲ Gul", "■ Röd"}


def test_overdue_table_lists_only_overdue_brister(register):
    table = views.overdue_table(register)
    assert all(status.endswith(", försenad") for status in column(table, "Status"))
    assert column(table, "Brist")[0] == "BR01"  # the oldest deadline first


def test_decisions_show_the_deadline_or_the_end_of_the_agreement(register):
    table = views.decisions_table(register, *YEAR)
    assert column(table, "Beslut") == ["Uppsägning", "Varning"]
    assert column(table, "Senast åtgärdat eller avtalet upphör") == [
        "31 maj 2025",
        "31 januari 2026",
    ]


def test_proposals_table(register):
    table = views.proposals_table(register)
    assert column(table, "Brist") == ["BR14", "BR15"]
    assert column(table, "Påmind") == ["6 oktober 2025"] * 2
