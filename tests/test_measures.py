"""insyn.measures: every rule a report applies, on small hand-built tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from insyn import measures

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def units(*names: str) -> pd.DataFrame:
    """An ``utforare`` table: one company per verksamhet unless the name says otherwise."""
    return pd.DataFrame(
        {
            "verksamhet": list(names),
            "utförare": [f"{n} AB" for n in names],
            "organisationsnummer": [f"55600000{i:02d}" for i in range(len(names))],
            "avtalsområde": ["HVB vuxna"] * len(names),
        }
    )


def placements(*rows: tuple[str, str]) -> pd.DataFrame:
    """A ``placeringar`` table from (verksamhet, startdatum) pairs."""
    return pd.DataFrame(
        {
            "placering": [f"P{i:04d}" for i in range(len(rows))],
            "verksamhet": pd.Series([r[0] for r in rows], dtype=object),
            "startdatum": pd.to_datetime(pd.Series([r[1] for r in rows], dtype=object)),
        }
    )


def ratings(*rows: tuple[str, str, int]) -> pd.DataFrame:
    """A ``kreditupplysningar`` table from (organisationsnummer, kontrolldatum, rating)."""
    return pd.DataFrame(
        {
            "organisationsnummer": [r[0] for r in rows],
            "kontrolldatum": pd.to_datetime([r[1] for r in rows]),
            "rating": pd.array([r[2] for r in rows], dtype="Int64"),
        }
    )


def decisions(*rows: tuple[str, str, str, bool]) -> pd.DataFrame:
    """An ``ivo_beslut`` table from (verksamhet, beslutsdatum, ärendetyp, kritik)."""
    return pd.DataFrame(
        {
            "verksamhet": pd.Series([r[0] for r in rows], dtype=object),
            "beslutsdatum": pd.to_datetime(pd.Series([r[1] for r in rows], dtype=object)),
            "ärendetyp": pd.Series([r[2] for r in rows], dtype=object),
            "kritik": pd.array([r[3] for r in rows], dtype="boolean"),
        }
    )


def dated(column: str, *rows: tuple[str, str]) -> pd.DataFrame:
    """Events per verksamhet with one date column (lex Sarah, avvikelser)."""
    return pd.DataFrame(
        {
            "verksamhet": pd.Series([r[0] for r in rows], dtype=object),
            column: pd.to_datetime(pd.Series([r[1] for r in rows], dtype=object)),
        }
    )


def outcomes(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """An ``utfall`` table from (verksamhet, datum, händelse)."""
    return pd.DataFrame(
        {
            "verksamhet": pd.Series([r[0] for r in rows], dtype=object),
            "datum": pd.to_datetime(pd.Series([r[1] for r in rows], dtype=object)),
            "händelse": pd.Series([r[2] for r in rows], dtype=object),
        }
    )


# --- response_rate and stated_rate_disagrees -----------------------------------------------------


def test_response_rate_is_answered_over_asked():
    assert measures.response_rate(21, 10) == pytest.approx(10 / 21)


def test_response_rate_all_answered_is_one():
    assert measures.response_rate(30, 30) == 1.0


def test_response_rate_nobody_asked_is_none():
    assert measures.response_rate(0, 0) is None


@pytest.mark.parametrize(("asked", "answered"), [(None, 3), (10, None), (pd.NA, 3), (10, pd.NA)])
def test_response_rate_missing_count_is_none(asked, answered):
    assert measures.response_rate(asked, answered) is None


def test_response_rate_more_answered_than_asked_is_an_error():
    with pytest.raises(ValueError, match="fler svarande"):
        measures.response_rate(10, 11)


def test_stated_rate_seed_003_disagrees():
    # Seed 003 states 44 % for 10 answers of 21 asked; the counts give 47.6 %.
    assert measures.stated_rate_disagrees(21, 10, 44) is True


def test_stated_rate_that_matches_the_counts_agrees():
    assert measures.stated_rate_disagrees(30, 27, 90) is False


def test_stated_rate_rounded_to_whole_percent_agrees():
    assert measures.stated_rate_disagrees(21, 10, 48) is False  # 47.6 rounded


def test_stated_rate_just_outside_tolerance_disagrees():
    assert measures.stated_rate_disagrees(100, 50, 51.5) is True
    assert measures.stated_rate_disagrees(100, 50, 51.5, tolerance=2) is False


@pytest.mark.parametrize("stated", [None, float("nan"), pd.NA])
def test_missing_stated_rate_never_disagrees(stated):
    assert measures.stated_rate_disagrees(21, 10, stated) is False


def test_stated_rate_with_nobody_asked_never_disagrees():
    assert measures.stated_rate_disagrees(0, 0, 44) is False


# --- change --------------------------------------------------------------------------------------


def test_change_difference_and_relative():
    c = measures.change(12, 10)
    assert c.difference == 2
    assert c.relative == pytest.approx(0.2)


def test_change_decrease_is_negative():
    assert measures.change(8, 10).relative == pytest.approx(-0.2)


def test_change_without_previous_year_has_no_difference():
    c = measures.change(12, None)
    assert c.difference is None
    assert c.relative is None


def test_change_without_current_value_has_no_difference():
    assert measures.change(None, 10).difference is None


def test_change_from_zero_has_difference_but_no_relative():
    c = measures.change(5, 0)
    assert c.difference == 5
    assert c.relative is None


# --- placements_per_unit and select_for_followup -------------------------------------------------


def test_placements_per_unit_lists_units_without_placements_as_zero():
    table = measures.placements_per_unit(
        placements(("A", "2025-02-01")), units("A", "B"), START, END
    )
    assert dict(zip(table["verksamhet"], table["placeringar"], strict=True)) == {"A": 1, "B": 0}


def test_placements_per_unit_includes_both_period_boundaries():
    table = measures.placements_per_unit(
        placements(
            ("A", "2024-12-31"),  # day before: out
            ("A", "2025-01-01"),  # first day: in
            ("A", "2025-12-31"),  # last day: in
            ("A", "2026-01-01"),  # day after: out
        ),
        units("A"),
        START,
        END,
    )
    assert table.loc[0, "placeringar"] == 2


def test_placements_per_unit_sorts_by_count_then_name():
    table = measures.placements_per_unit(
        placements(
            ("Cedern", "2025-03-01"),
            ("Asken", "2025-03-01"),
            ("Björken", "2025-03-01"),
            ("Björken", "2025-04-01"),
        ),
        units("Cedern", "Asken", "Björken", "Ekan"),
        START,
        END,
    )
    assert list(table["verksamhet"]) == ["Björken", "Asken", "Cedern", "Ekan"]
    assert list(table["placeringar"]) == [2, 1, 1, 0]
    assert list(table.index) == [0, 1, 2, 3]


def test_placements_per_unit_carries_company_columns():
    table = measures.placements_per_unit(placements(), units("A"), START, END)
    assert list(table.columns) == [
        "verksamhet",
        "utförare",
        "organisationsnummer",
        "avtalsområde",
        "placeringar",
    ]
    assert table.loc[0, "utförare"] == "A AB"
    assert table.loc[0, "placeringar"] == 0


def test_select_for_followup_exactly_threshold_is_not_selected_one_more_is():
    table = measures.select_for_followup(
        placements(
            ("Två", "2025-01-10"),
            ("Två", "2025-02-10"),
            ("Tre", "2025-01-10"),
            ("Tre", "2025-02-10"),
            ("Tre", "2025-03-10"),
        ),
        units("Två", "Tre"),
        START,
        END,
        threshold=2,
    )
    assert list(table["verksamhet"]) == ["Tre"]
    assert list(table["placeringar"]) == [3]


def test_select_for_followup_counts_only_the_period():
    table = measures.select_for_followup(
        placements(("A", "2024-12-31"), ("A", "2025-06-01"), ("A", "2025-07-01")),
        units("A"),
        START,
        END,
        threshold=2,
    )
    assert table.empty


def test_select_for_followup_threshold_is_a_parameter():
    table = measures.select_for_followup(
        placements(("A", "2025-06-01")), units("A", "B"), START, END, threshold=0
    )
    assert list(table["verksamhet"]) == ["A"]


# --- latest_ratings and flag_credit_risk ---------------------------------------------------------


def test_latest_ratings_keeps_the_most_recent_check_per_company():
    table = measures.latest_ratings(
        ratings(("X", "2025-01-01", 20), ("X", "2025-06-01", 70), ("Y", "2025-03-01", 50))
    )
    assert dict(zip(table["organisationsnummer"], table["rating"], strict=True)) == {
        "X": 70,
        "Y": 50,
    }


def test_latest_ratings_same_day_keeps_the_lower_rating():
    table = measures.latest_ratings(ratings(("X", "2025-06-01", 70), ("X", "2025-06-01", 30)))
    assert list(table["rating"]) == [30]


def test_flag_credit_risk_equal_to_threshold_is_not_flagged_below_is():
    u = units("Lika", "Under", "Över")
    orgnr = dict(zip(u["verksamhet"], u["organisationsnummer"], strict=True))
    flagged = measures.flag_credit_risk(
        ratings(
            (orgnr["Lika"], "2025-05-01", 40),
            (orgnr["Under"], "2025-05-01", 39),
            (orgnr["Över"], "2025-05-01", 41),
        ),
        u,
        threshold=40,
    )
    assert list(flagged["utförare"]) == ["Under AB"]
    assert list(flagged["rating"]) == [39]


def test_flag_credit_risk_latest_check_wins():
    u = units("Återhämtad", "Försämrad")
    recovered, worse = u["organisationsnummer"]
    flagged = measures.flag_credit_risk(
        ratings(
            (recovered, "2025-02-01", 10),
            (recovered, "2025-09-01", 80),
            (worse, "2025-02-01", 80),
            (worse, "2025-09-01", 10),
        ),
        u,
    )
    assert list(flagged["utförare"]) == ["Försämrad AB"]


def test_flag_credit_risk_one_row_per_company_with_its_units_sorted():
    u = pd.DataFrame(
        {
            "verksamhet": ["HVB Öst", "HVB Väst", "Annat"],
            "utförare": ["Samma AB", "Samma AB", "Annat AB"],
            "organisationsnummer": ["5566276779", "5566276779", "5560360793"],
            "avtalsområde": ["HVB vuxna"] * 3,
        }
    )
    flagged = measures.flag_credit_risk(
        ratings(("5566276779", "2025-04-01", 25), ("5560360793", "2025-04-01", 12)), u
    )
    assert list(flagged.columns) == [
        "utförare",
        "organisationsnummer",
        "verksamheter",
        "rating",
        "kontrolldatum",
    ]
    assert list(flagged["utförare"]) == ["Annat AB", "Samma AB"]  # by rating, lowest first
    assert flagged.loc[1, "verksamheter"] == ["HVB Väst", "HVB Öst"]
    assert flagged.loc[1, "kontrolldatum"] == pd.Timestamp("2025-04-01")


# --- ivo_and_lex_sarah ---------------------------------------------------------------------------


def test_ivo_and_lex_sarah_counts_per_unit_with_criticism():
    table = measures.ivo_and_lex_sarah(
        decisions(
            ("A", "2025-02-01", "Tillsyn", True),
            ("A", "2025-05-01", "Klagomål", False),
            ("B", "2025-03-01", "Tillsyn", False),
        ),
        dated("rapportdatum", ("B", "2025-04-01"), ("C", "2025-04-02")),
    )
    assert table.to_dict("records") == [
        {"verksamhet": "A", "ivo_beslut": 2, "ivo_kritik": 1, "lex_sarah": 0, "summa": 2},
        {"verksamhet": "B", "ivo_beslut": 1, "ivo_kritik": 0, "lex_sarah": 1, "summa": 2},
        {"verksamhet": "C", "ivo_beslut": 0, "ivo_kritik": 0, "lex_sarah": 1, "summa": 1},
    ]


def test_ivo_and_lex_sarah_restricted_to_given_units():
    table = measures.ivo_and_lex_sarah(
        decisions(("A", "2025-02-01", "Tillsyn", True)),
        dated("rapportdatum", ("B", "2025-04-01")),
        units=pd.Series(["B", "Z"]),
    )
    assert list(table["verksamhet"]) == ["B"]


def test_ivo_and_lex_sarah_without_events_is_empty():
    table = measures.ivo_and_lex_sarah(decisions(), dated("rapportdatum"))
    assert table.empty
    assert list(table.columns) == ["verksamhet", "ivo_beslut", "ivo_kritik", "lex_sarah", "summa"]


# --- select_event_driven -------------------------------------------------------------------------


def test_deviation_threshold_is_inclusive():
    triggers = measures.select_event_driven(
        dated(
            "datum",
            ("Tre", "2025-01-05"),
            ("Tre", "2025-03-05"),
            ("Tre", "2025-02-05"),
            ("Två", "2025-01-05"),
            ("Två", "2025-02-05"),
        ),
        decisions(),
        outcomes(),
        deviation_threshold=3,
    )
    assert triggers == [
        measures.Trigger("Tre", "upprepade avvikelser (3 st.)", "avvikelser", dt.date(2025, 3, 5))
    ]


def test_ivo_criticism_triggers_and_decision_without_criticism_does_not():
    triggers = measures.select_event_driven(
        dated("datum"),
        decisions(("A", "2025-04-01", "Tillsyn", True), ("B", "2025-04-01", "Tillsyn", False)),
        outcomes(),
    )
    assert triggers == [
        measures.Trigger("A", "IVO-beslut med kritik (tillsyn)", "IVO-beslut", dt.date(2025, 4, 1))
    ]


def test_revoked_permit_triggers_even_without_criticism_and_only_once():
    triggers = measures.select_event_driven(
        dated("datum"),
        decisions(
            ("A", "2025-06-01", "Återkallat tillstånd", False),
            ("B", "2025-06-02", "Återkallat tillstånd", True),
        ),
        outcomes(),
    )
    assert [(t.verksamhet, t.reason, t.source) for t in triggers] == [
        ("A", "IVO har återkallat tillståndet", "IVO-beslut"),
        ("B", "IVO har återkallat tillståndet", "IVO-beslut"),
    ]


def test_bankruptcy_triggers_and_other_outcomes_do_not():
    triggers = measures.select_event_driven(
        dated("datum"),
        decisions(),
        outcomes(("A", "2025-09-09", "Konkurs"), ("B", "2025-09-09", "Avtal uppsagt")),
    )
    assert triggers == [
        measures.Trigger("A", "utföraren har försatts i konkurs", "utfall", dt.date(2025, 9, 9))
    ]


def test_triggers_sorted_by_unit_then_date():
    triggers = measures.select_event_driven(
        dated("datum", ("B", "2025-01-01"), ("B", "2025-01-02"), ("B", "2025-01-03")),
        decisions(("B", "2025-02-01", "Tillsyn", True), ("A", "2025-11-01", "Klagomål", True)),
        outcomes(("A", "2025-03-01", "Konkurs")),
    )
    assert [(t.verksamhet, t.date) for t in triggers] == [
        ("A", dt.date(2025, 3, 1)),
        ("A", dt.date(2025, 11, 1)),
        ("B", dt.date(2025, 1, 3)),
        ("B", dt.date(2025, 2, 1)),
    ]


def test_no_events_no_triggers():
    assert measures.select_event_driven(dated("datum"), decisions(), outcomes()) == []


# --- count_outcomes ------------------------------------------------------------------------------


def test_count_outcomes_lists_every_kind_in_order_with_zeros():
    kinds = ("Avtal uppsagt", "Avtal avslutat", "Under utredning", "Konkurs")
    counts = measures.count_outcomes(
        outcomes(
            ("A", "2025-01-01", "Konkurs"),
            ("B", "2025-02-01", "Konkurs"),
            ("C", "2025-03-01", "Avtal uppsagt"),
        ),
        kinds,
    )
    assert counts == {"Avtal uppsagt": 1, "Avtal avslutat": 0, "Under utredning": 0, "Konkurs": 2}
    assert list(counts) == list(kinds)
    assert all(type(v) is int for v in counts.values())


def test_count_outcomes_of_empty_table_is_all_zero():
    assert measures.count_outcomes(outcomes(), ("Konkurs",)) == {"Konkurs": 0}


# --- in_period -----------------------------------------------------------------------------------


def test_in_period_keeps_both_ends():
    frame = dated("datum", ("A", "2024-12-31"), ("A", "2025-01-01"), ("A", "2025-12-31"))
    assert len(measures.in_period(frame, "datum", START, END)) == 2


# --- small counts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "minimum", "hidden"),
    [(4, 5, True), (0, 5, True), (5, 5, False), (27, 5, False), (1, 0, False), (None, 5, False)],
)
def test_below_minimum(count, minimum, hidden):
    assert measures.below_minimum(count, minimum) is hidden


def test_suppress_small_counts_hides_the_count_and_what_is_derived_from_it():
    frame = pd.DataFrame(
        {"enkät": ["A", "B"], "tillfrågade": [21, 30], "svarande": [4, 27], "andel": [0.19, 0.9]}
    )
    result = measures.suppress_small_counts(frame, ["tillfrågade", "svarande"], 5, ("andel",))
    assert result.at[0, "svarande"] == measures.Suppressed(5)
    assert result.at[0, "andel"] is None  # 4 of 21 would be revealed by 19 %
    assert result.at[0, "tillfrågade"] == 21
    assert result.iloc[1].tolist() == ["B", 30, 27, 0.9]
    assert frame.at[0, "svarande"] == 4  # the input is not changed


def test_suppression_off_with_minimum_zero():
    frame = pd.DataFrame({"svarande": [1, 2]})
    assert measures.suppress_small_counts(frame, ["svarande"], 0).equals(frame.astype(object))
