"""The register's rules: overall assessment, försenad, and when a varning is proposed."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from insyn import measures_register as rules

AT = dt.date(2025, 12, 31)


def brister(*rows: dict) -> pd.DataFrame:
    """Brister with defaults: found 1 March, due 30 June 2025, open, in granskning G1."""
    base = {
        "brist": "B1",
        "granskning": "G1",
        "konstaterad": "2025-03-01",
        "senast_åtgärdad": "2025-06-30",
        "status": "Öppen",
        "påminnelse": None,
        "åtgärdad": None,
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    for column in ("konstaterad", "senast_åtgärdad", "påminnelse", "åtgärdad"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


GRANSKNINGAR = pd.DataFrame(
    {"granskning": ["G1", "G2"], "verksamhet": ["Mossgården", "Kajen stödboende"]}
)


def beslut(*rows: tuple[str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["granskning", "beslutstyp", "beslutsdatum"])
    frame["beslutsdatum"] = pd.to_datetime(frame["beslutsdatum"])
    return frame


NO_BESLUT = beslut()


# --- overall assessment ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (["Grön", "Grön", "Grön"], "Grön"),
        (["Grön", "Gul", "Grön"], "Gul"),
        (["Gul", "Röd", "Grön"], "Röd"),
        (["Grön", "Grön", "Röd"], "Röd"),  # one Röd is enough, however many are Grön
        (["Gul"], "Gul"),
    ],
)
def test_the_most_serious_level_decides(levels, expected):
    assert rules.overall_assessment(levels) == expected


def test_no_assessed_area_gives_no_assessment_not_green():
    assert rules.overall_assessment([]) is None


def test_an_unknown_level_is_an_error():
    with pytest.raises(ValueError, match="okänd kvalitetsnivå"):
        rules.overall_assessment(["Grön", "Orange"])


def test_assess_granskningar_per_id():
    granskningar = pd.DataFrame({"granskning": ["G1", "G2", "G3"]})
    bedomningar = pd.DataFrame(
        {"granskning": ["G1", "G1", "G2"], "kvalitetsnivå": ["Grön", "Röd", "Gul"]}
    )
    assessed = rules.assess_granskningar(granskningar, bedomningar)
    assert assessed.to_dict() == {"G1": "Röd", "G2": "Gul", "G3": None}


# --- försenad ----------------------------------------------------------------------------------
def test_open_after_the_deadline_is_overdue():
    assert rules.is_overdue(brister({}), AT).tolist() == [True]


def test_the_deadline_day_itself_is_still_in_time():
    frame = brister({"senast_åtgärdad": "2025-12-31"})
    assert rules.is_overdue(frame, AT).tolist() == [False]
    assert rules.is_overdue(frame, AT + dt.timedelta(days=1)).tolist() == [True]


def test_closed_by_the_report_date_is_not_overdue():
    frame = brister({"status": "Åtgärdad", "åtgärdad": "2025-08-15"})
    assert rules.is_overdue(frame, AT).tolist() == [False]


def test_closed_after_the_report_date_was_overdue_then_and_shows_pabörjad():
    frame = brister({"status": "Åtgärdad", "åtgärdad": "2026-01-20"})
    assert rules.is_overdue(frame, AT).tolist() == [True]
    assert rules.status_at(frame, AT).tolist() == ["Påbörjad"]
    assert rules.status_at(frame, dt.date(2026, 2, 1)).tolist() == ["Åtgärdad"]


def test_overdue_deficiencies_oldest_deadline_first():
    frame = brister(
        {"brist": "B1", "senast_åtgärdad": "2025-09-30"},
        {"brist": "B2", "senast_åtgärdad": "2025-05-31"},
        {"brist": "B3", "senast_åtgärdad": "2026-03-31"},
        {"brist": "B4", "status": "Åtgärdad", "åtgärdad": "2025-06-01"},
    )
    assert rules.overdue_deficiencies(frame, AT)["brist"].tolist() == ["B2", "B1"]


# --- proposed varning ----------------------------------------------------------------------------
def test_open_past_deadline_after_a_reminder_proposes_a_varning():
    frame = brister({"påminnelse": "2025-07-10"})
    proposed = rules.propose_warnings(frame, GRANSKNINGAR, NO_BESLUT, AT)
    assert proposed[["brist", "verksamhet"]].values.tolist() == [["B1", "Mossgården"]]


def test_without_a_reminder_nothing_is_proposed():
    proposed = rules.propose_warnings(brister({}), GRANSKNINGAR, NO_BESLUT, AT)
    assert proposed.empty


def test_a_reminder_after_the_report_date_does_not_count_yet():
    frame = brister({"påminnelse": "2026-01-10"})
    assert rules.propose_warnings(frame, GRANSKNINGAR, NO_BESLUT, AT).empty


def test_remedied_after_the_reminder_is_not_proposed():
    frame = brister({"påminnelse": "2025-07-10", "status": "Åtgärdad", "åtgärdad": "2025-08-01"})
    assert rules.propose_warnings(frame, GRANSKNINGAR, NO_BESLUT, AT).empty


def test_deadline_not_passed_is_not_proposed_even_after_a_reminder():
    frame = brister({"påminnelse": "2025-11-01", "senast_åtgärdad": "2026-01-31"})
    assert rules.propose_warnings(frame, GRANSKNINGAR, NO_BESLUT, AT).empty


@pytest.mark.parametrize("kind", ["Varning", "Uppsägning"])
def test_a_varning_or_uppsagning_after_the_reminder_answers_it(kind):
    frame = brister({"påminnelse": "2025-07-10"})
    decided = beslut(("G1", kind, "2025-09-01"))
    assert rules.propose_warnings(frame, GRANSKNINGAR, decided, AT).empty


def test_a_decision_before_the_reminder_or_for_another_provider_does_not():
    frame = brister({"påminnelse": "2025-07-10"})
    earlier = beslut(("G1", "Varning", "2025-02-01"), ("G2", "Varning", "2025-09-01"))
    assert rules.propose_warnings(frame, GRANSKNINGAR, earlier, AT)["brist"].tolist() == ["B1"]


def test_a_vite_does_not_answer_it():
    frame = brister({"påminnelse": "2025-07-10"})
    decided = beslut(("G1", "Vite", "2025-09-01"))
    assert len(rules.propose_warnings(frame, GRANSKNINGAR, decided, AT)) == 1


def test_a_decision_after_the_report_date_is_not_known_yet():
    frame = brister({"påminnelse": "2025-07-10"})
    decided = beslut(("G1", "Varning", "2026-01-15"))
    assert len(rules.propose_warnings(frame, GRANSKNINGAR, decided, AT)) == 1


def test_proposals_sorted_by_verksamhet_then_deadline():
    frame = brister(
        {"brist": "B1", "granskning": "G1", "påminnelse": "2025-10-01"},
        {"brist": "B2", "granskning": "G2", "påminnelse": "2025-10-01"},
        {
            "brist": "B3",
            "granskning": "G2",
            "påminnelse": "2025-10-01",
            "senast_åtgärdad": "2025-04-30",
        },
    )
    proposed = rules.propose_warnings(frame, GRANSKNINGAR, NO_BESLUT, AT)
    assert proposed["brist"].tolist() == ["B3", "B2", "B1"]
