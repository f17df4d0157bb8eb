"""insyn.measures_kvalitet: every rule of the kvalitetsberättelse, on small hand-built tables."""

from __future__ import annotations

import pandas as pd
import pytest

from insyn import measures
from insyn import measures_kvalitet as mk


def surveys(*rows: tuple) -> pd.DataFrame:
    """A ``brukarundersokningar`` table from (verksamhet, tillfrågade, svarande[, angiven])."""
    return pd.DataFrame(
        {
            "verksamhet": [r[0] for r in rows],
            "tillfrågade": pd.array([r[1] for r in rows], dtype="Int64"),
            "svarande": pd.array([r[2] for r in rows], dtype="Int64"),
            "angiven_svarsfrekvens": pd.array(
                [r[3] if len(r) > 3 else None for r in rows], dtype="Float64"
            ),
        }
    )


def results(*rows: tuple[str, str, float]) -> pd.DataFrame:
    """A ``brukarundersokningar_resultat`` table from (verksamhet, fråga, andel_positiva)."""
    return pd.DataFrame(
        {
            "verksamhet": [r[0] for r in rows],
            "fråga": [r[1] for r in rows],
            "andel_positiva": pd.array([r[2] for r in rows], dtype="Float64"),
        }
    )


def areas(*rows: tuple, higher: bool | None = True) -> pd.DataFrame:
    """An ``oppna_jamforelser`` table from (indikator, område, nivå, värde)."""
    return pd.DataFrame(
        {
            "indikator": [r[0] for r in rows],
            "område": [r[1] for r in rows],
            "nivå": [r[2] for r in rows],
            "år": pd.array([2025] * len(rows), dtype="Int64"),
            "värde": pd.array([r[3] for r in rows], dtype="Float64"),
            "högre_är_bättre": pd.array([higher] * len(rows), dtype="boolean"),
            "källa": ["Socialstyrelsen"] * len(rows),
        }
    )


def deviations(*rows: tuple[str, int]) -> pd.DataFrame:
    """An ``avvikelser_verksamhet`` table with only lex Sarah counts set."""
    return pd.DataFrame(
        {
            "verksamhet": [r[0] for r in rows],
            "lex_sarah": pd.array([r[1] for r in rows], dtype="Int64"),
            "interna_avvikelser": pd.array([0] * len(rows), dtype="Int64"),
            "synpunkter_klagomål": pd.array([0] * len(rows), dtype="Int64"),
        }
    )


def lov(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """A ``lov_verksamheter`` table from (verksamhet, område, regi, utförare)."""
    return pd.DataFrame(rows, columns=["verksamhet", "område", "regi", "utförare"])


# -- svarsfrekvens and suppression ---------------------------------------------------------------
def test_response_rate_with_zero_asked_is_none_not_zero():
    rates = mk.survey_rates(surveys(("Ingen tillfrågad", 0, 0)), None)
    assert rates.loc[0, "svarsfrekvens"] is None
    assert rates.loc[0, "förändring"] is None


def test_response_rate_is_computed_from_the_counts_not_the_stated_rate():
    rates = mk.survey_rates(surveys(("Personlig assistans", 21, 10, 44.0)), None)
    assert rates.loc[0, "svarsfrekvens"] == pytest.approx(10 / 21)


def test_last_years_rate_and_change_sit_beside_this_years():
    now = surveys(("Boendestöd", 136, 60), ("Ny verksamhet", 10, 6))
    last = surveys(("Boendestöd", 128, 77))
    rates = mk.survey_rates(now, last).set_index("verksamhet")
    assert rates.loc["Boendestöd", "föregående"] == pytest.approx(77 / 128)
    assert rates.loc["Boendestöd", "förändring"] == pytest.approx(60 / 136 - 77 / 128)
    assert pd.isna(rates.loc["Ny verksamhet", "föregående"])
    assert pd.isna(rates.loc["Ny verksamhet", "förändring"])


def test_change_with_missing_last_year_is_none():
    assert measures.change(0.62, None).difference is None
    rates = mk.survey_rates(surveys(("Daglig verksamhet", 201, 124)), None)
    assert rates.loc[0, "föregående"] is None and rates.loc[0, "förändring"] is None


def test_suppression_at_exactly_the_threshold_shows_the_results():
    assert mk.is_suppressed(4, minimum=5)
    assert not mk.is_suppressed(5, minimum=5)
    assert not mk.is_suppressed(6, minimum=5)
    assert mk.is_suppressed(None, minimum=5)


def test_suppressed_group_has_no_result_but_a_mark():
    table = mk.survey_results(
        results(("Fem", "Trivs du?", 80.0), ("Fyra", "Trivs du?", 100.0)),
        surveys(("Fem", 9, 5), ("Fyra", 9, 4)),
        minimum=5,
    ).set_index("verksamhet")
    assert table.loc["Fem", "andel"] == pytest.approx(0.80)
    assert not table.loc["Fem", "undertryckt"]
    assert pd.isna(table.loc["Fyra", "andel"])
    assert table.loc["Fyra", "undertryckt"]


def test_the_minimum_is_a_parameter():
    both = surveys(("Tre", 5, 3))
    assert mk.survey_results(results(("Tre", "Q", 50.0)), both, minimum=3).loc[0, "andel"] == 0.5
    assert mk.survey_rates(both, None, minimum=4).loc[0, "undertryckt"]


def test_last_years_result_is_hidden_when_last_year_was_suppressed():
    table = mk.survey_results(
        results(("A", "Q", 70.0)),
        surveys(("A", 20, 10)),
        previous_results=results(("A", "Q", 90.0)),
        previous_surveys=surveys(("A", 20, 2)),
    )
    assert table.loc[0, "andel"] == pytest.approx(0.7)
    assert pd.isna(table.loc[0, "föregående"]) and pd.isna(table.loc[0, "förändring"])


def test_stated_rate_that_disagrees_is_listed_as_seed_003_states_it():
    table = mk.rate_disagreements(
        surveys(("Personlig assistans", 21, 10, 44.0), ("Daglig verksamhet", 201, 124, 62.0))
    )
    assert list(table["verksamhet"]) == ["Personlig assistans"]
    assert table.loc[0, "angiven"] == pytest.approx(0.44)
    assert table.loc[0, "beräknad"] == pytest.approx(10 / 21)


def test_no_stated_rate_column_means_nothing_to_check():
    frame = surveys(("A", 10, 5)).drop(columns="angiven_svarsfrekvens")
    assert mk.rate_disagreements(frame).empty


# -- comparisons -------------------------------------------------------------------------------
OJ = (
    ("Andel med socionomexamen", "Exempelstad", "Kommun", 71.4),
    ("Andel med socionomexamen", "Ekdala", "Jämförelsekommun", 66.2),
    ("Andel med socionomexamen", "Granvik", "Jämförelsekommun", 68.6),
    ("Andel med socionomexamen", "Lindåsa", "Jämförelsekommun", 83.3),
    ("Andel med socionomexamen", "Sjöbacka", "Jämförelsekommun", 70.0),
    ("Andel med socionomexamen", "Västerlöt", "Jämförelsekommun", 100.0),
    ("Andel med socionomexamen", "Sjölunda län", "Län", 81.4),
    ("Andel med socionomexamen", "Riket", "Riket", 81.9),
)


def test_kommun_against_peers_lan_and_riket_with_its_rank():
    row = mk.compare_areas(areas(*OJ)).iloc[0]
    assert row["kommun"] == "Exempelstad"
    assert row["värde"] == pytest.approx(71.4)
    assert row["median"] == pytest.approx(70.0)
    assert (row["lägst"], row["högst"]) == (66.2, 100.0)
    assert (row["län"], row["riket"]) == (81.4, 81.9)
    assert (row["placering"], row["antal"]) == (3, 6)  # after 100.0 and 83.3


def test_rank_when_lower_is_better():
    row = mk.compare_areas(areas(*OJ, higher=False)).iloc[0]
    assert row["placering"] == 4  # 66.2, 68.6 and 70.0 are shorter waits
    assert not row["högre_är_bättre"]


def test_rank_ties_share_the_better_place():
    assert mk.rank(70.0, [70.0, 80.0]) == 2
    assert mk.rank(80.0, [70.0, 80.0]) == 1
    assert mk.rank(None, [70.0]) is None


def test_missing_levels_are_none_not_zero():
    row = mk.compare_areas(areas(*OJ[1:3])).iloc[0]
    assert row["värde"] is None and row["placering"] is None and row["kommun"] is None
    assert row["län"] is None and row["riket"] is None
    assert row["antal"] == 2


def test_peer_names_are_sorted_and_unique():
    assert mk.peer_names(areas(*OJ)) == ["Ekdala", "Granvik", "Lindåsa", "Sjöbacka", "Västerlöt"]


def test_with_previous_matches_on_the_keys_and_leaves_gaps_empty():
    now = pd.DataFrame({"indikator": ["a", "b"], "värde": [10.0, 20.0]})
    last = pd.DataFrame({"indikator": ["a"], "värde": [12.5]})
    joined = mk.with_previous(now, last, ("indikator",))
    assert joined.loc[0, "föregående"] == 12.5 and joined.loc[0, "förändring"] == -2.5
    assert joined.loc[1, "föregående"] is None and pd.isna(joined.loc[1, "förändring"])
    alone = mk.with_previous(now, None, ("indikator",))
    assert alone["föregående"].isna().all() and alone["förändring"].isna().all()


# -- counts per verksamhet, totals ---------------------------------------------------------------
def test_counts_of_both_years_with_change():
    table = mk.counts_by_unit(
        deviations(("Bistånd", 2), ("Boende", 19), ("Ny sektion", 1)),
        deviations(("Bistånd", 0), ("Boende", 31), ("Nedlagd", 4)),
        "lex_sarah",
    ).set_index("verksamhet")
    assert list(table.index) == ["Bistånd", "Boende", "Ny sektion", "Nedlagd"]
    assert table.loc["Boende", "förändring"] == -12
    assert table.loc["Bistånd", "förändring"] == 2
    assert pd.isna(table.loc["Ny sektion", "föregående"])
    assert pd.isna(table.loc["Nedlagd", "i_år"])


def test_totals_add_up_and_change_is_the_difference_of_totals():
    counts = mk.counts_by_unit(
        deviations(("Bistånd", 2), ("Boende", 19), ("Stöd", 14)),
        deviations(("Bistånd", 0), ("Boende", 31), ("Stöd", 16)),
        "lex_sarah",
    )
    total = mk.with_total(counts, has_previous=True).iloc[-1]
    assert total["verksamhet"] == "Totalt"
    assert (total["i_år"], total["föregående"], total["förändring"]) == (35, 47, -12)


def test_total_without_last_year_has_no_comparison():
    counts = mk.counts_by_unit(deviations(("Bistånd", 2), ("Boende", 19)), None, "lex_sarah")
    total = mk.with_total(counts, has_previous=False).iloc[-1]
    assert total["i_år"] == 21
    assert pd.isna(total["föregående"]) and pd.isna(total["förändring"])


def test_total_counts_only_what_exists():
    assert mk.total([1, None, 2, float("nan")]) == 3
    assert mk.total([None, None]) is None
    assert mk.total([0]) == 0


# -- LOV ---------------------------------------------------------------------------------------
LOV_2025 = lov(
    ("DV Ateljén", "Daglig verksamhet", "Kommunal", "Kommunen"),
    ("Aktiva Dalen", "Daglig verksamhet", "Privat", "Aktiva AB"),
    ("Aktiva Fyren", "Daglig verksamhet", "Privat", "Aktiva AB"),
    ("Stödet", "Boendestöd", "Privat", "Stödet AB"),
    ("Aktiva Korttids", "Korttidsvistelse", "Privat", "Aktiva AB"),
)


def test_lov_counts_per_area_kommunal_and_private():
    table = mk.lov_overview(LOV_2025).set_index("område")
    assert list(table.index) == ["Daglig verksamhet", "Korttidsvistelse", "Boendestöd", "Totalt"]
    daily = table.loc["Daglig verksamhet"]
    assert (daily["verksamheter"], daily["kommunala"], daily["privata"]) == (3, 1, 2)
    assert daily["privata_utförare"] == 1
    total = table.loc["Totalt"]
    assert (total["verksamheter"], total["kommunala"], total["privata"]) == (5, 1, 4)
    assert total["privata_utförare"] == 2  # Aktiva AB counts once across areas
    assert table["nya"].isna().all() and table["avslutade"].isna().all()


def test_lov_new_and_ended_against_last_year():
    last = lov(
        ("DV Ateljén", "Daglig verksamhet", "Kommunal", "Kommunen"),
        ("Aktiva Dalen", "Daglig verksamhet", "Privat", "Aktiva AB"),
        ("Ledsagarna", "Ledsagar- och avlösarservice", "Privat", "Ledsagarna AB"),
    )
    table = mk.lov_overview(LOV_2025, last).set_index("område")
    assert table.loc["Daglig verksamhet", "nya"] == 1
    assert table.loc["Ledsagar- och avlösarservice", "verksamheter"] == 0
    assert table.loc["Ledsagar- och avlösarservice", "avslutade"] == 1
    assert (table.loc["Totalt", "nya"], table.loc["Totalt", "avslutade"]) == (3, 1)


# -- förbättringsområden -----------------------------------------------------------------------
def indicators(*rows: tuple) -> pd.DataFrame:
    """(indikator, i_år, föregående, högre_är_bättre, andel) rows for ``worsened``."""
    return pd.DataFrame(
        [("Avsnitt", *row) for row in rows],
        columns=["avsnitt", "indikator", "i_år", "föregående", "högre_är_bättre", "andel"],
    )


def test_worsened_lists_only_changes_against_the_direction():
    table = mk.worsened(
        indicators(
            ("Andel med examen", 58.3, 64.0, True, False),
            ("Väntetid", 64.0, 71.0, False, False),  # shorter wait: better
            ("Väntetid B", 80.0, 71.0, False, False),  # longer wait: worse
            ("Svarsfrekvens", 0.37, 0.86, True, True),
            ("Oförändrad", 75.0, 75.0, True, False),
        ),
        threshold=1.0,
    )
    assert list(table["indikator"]) == ["Svarsfrekvens", "Väntetid B", "Andel med examen"]
    assert list(table["försämring"]) == pytest.approx([49.0, 9.0, 5.7])


def test_worsened_at_exactly_the_threshold_counts_and_below_does_not():
    rows = indicators(("Exakt", 0.66, 0.71, True, True), ("Under", 0.67, 0.71, True, True))
    assert list(mk.worsened(rows, threshold=5.0)["indikator"]) == ["Exakt"]


def test_worsened_skips_a_missing_year():
    rows = indicators(("Ny", 50.0, None, True, False), ("Borta", None, 50.0, True, False))
    assert mk.worsened(rows, threshold=0.0).empty
