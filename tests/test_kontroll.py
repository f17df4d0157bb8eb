"""insyn.reports.kontroll: small counts of people in the survey section are not published."""

from __future__ import annotations

import pytest

from insyn.reports.kontroll import KontrollRapport

PARAMS = {
    "kommun": "Exempelstad",
    "nämnd": "Socialnämnden",
    "år": 2025,
    "period_start": "2025-01-01",
    "period_slut": "2025-12-31",
    "datamapp": "data/exempelstad",
}


@pytest.fixture(scope="module")
def report() -> KontrollRapport:
    return KontrollRapport.prepare(**PARAMS)


def test_default_minimum_is_five_and_the_example_surveys_are_shown(report):
    assert report.minimum == 5
    table = report.survey_table()
    assert [row[2] for row in table.rows] == ["27", "11"]  # 27 and 11 answered: shown
    assert "färre än" not in table.to_markdown()


def test_survey_counts_below_the_minimum_are_fewer_than_and_rates_hidden(report):
    report.params["minsta_antal"] = 12  # 11 of 12 suppliers answered
    try:
        survey = report.survey_table()
        key = report.key_figures()
        check = report.survey_check()
    finally:
        report.params.pop("minsta_antal")
    suppliers = next(row for row in survey.rows if row[0] == "Leverantörer")
    assert suppliers[2] == "färre än 12" and suppliers[3] == "–"
    assert "11" not in suppliers[1:] and "92" not in " ".join(suppliers)
    assert "Antal under 12 personer" in survey.note
    rate = next(row for row in key.rows if "leverantörer" in row[0])
    assert rate[1:] == ["färre än 12", "färre än 12", "–"]
    assert "11 av 12" not in str(check)


def test_minimum_zero_shows_every_count(report):
    report.params["minsta_antal"] = 0
    try:
        table = report.survey_table()
    finally:
        report.params.pop("minsta_antal")
    assert "färre än" not in table.to_markdown()


def test_a_measure_shown_in_several_sections_is_computed_once_per_setting(monkeypatch):
    from insyn import measures

    calls = []
    flag = measures.flag_credit_risk
    monkeypatch.setattr(measures, "flag_credit_risk", lambda *a: calls.append(a[2]) or flag(*a))
    fresh = KontrollRapport.prepare(**PARAMS)
    first = fresh.credit_flags()
    fresh.credit_text(), fresh.credit_table(), fresh.key_figures()
    assert fresh.credit_flags() is first
    assert calls == [40, 40]  # this year once, last year once (key figures compare)
    fresh.params["gräns_kreditbetyg"] = 60  # another threshold is another measure
    assert len(fresh.credit_flags()) > len(first) and calls == [40, 40, 60]
    assert fresh.register is fresh.register
