"""The example kvalitetsberättelse's data: valid, and holding the cases the report must show (a
stated rate that disagrees, a suppressed group, a table that last year did not have).
Determinism and sync with the committed files are tested for every generator in
test_example_data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from insyn import load, measures_kvalitet
from insyn.examples import kvalitet as example
from insyn.reports import KVALITET

ROOT = Path(__file__).resolve().parents[1]
YEARS = example.DEFAULT_YEARS


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kvalitet")
    example.write_example(root)
    return root / "data" / example.DEFAULT_SLUG


@pytest.fixture(scope="module")
def years(generated) -> dict[int, load.Dataset]:
    return {
        year: load.load_year(
            generated,
            year,
            KVALITET.tables,
            KVALITET.texts,
            (dt.date(year, 1, 1), dt.date(year, 12, 31)),
        )
        for year in YEARS
    }


def test_file_names_do_not_collide_with_the_kontroll_report(generated):
    from insyn.reports import KONTROLL

    names = {p.stem for p in (generated / "2025").glob("*.csv")}
    assert names == set(KVALITET.tables)
    assert not names & set(KONTROLL.tables)
    text_dir = generated / "2025" / "text"
    texts = {p.relative_to(text_dir).as_posix() for p in text_dir.rglob("*.md")}
    assert texts == {f"{name}.md" for name in KVALITET.texts}


def test_every_year_validates_without_warnings(years):
    for data in years.values():
        assert set(data.tables) == set(KVALITET.tables)
        assert data.warnings == []


def test_written_the_swedish_excel_way(generated):
    text = (generated / "2025" / "oppna_jamforelser.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].count(";") == 6
    assert ";71,4;" in text  # decimal comma


def test_one_stated_rate_disagrees_in_the_report_year(years):
    disagreements = measures_kvalitet.rate_disagreements(years[2025]["brukarundersokningar"])
    assert list(disagreements["verksamhet"]) == ["Personlig assistans"]
    row = disagreements.iloc[0]
    assert (row["tillfrågade"], row["svarande"], row["angiven"]) == (21, 10, 0.44)
    assert measures_kvalitet.rate_disagreements(years[2024]["brukarundersokningar"]).empty


def test_one_group_is_under_the_suppression_threshold_in_the_report_year(years):
    rates = measures_kvalitet.survey_rates(years[2025]["brukarundersokningar"], None)
    assert list(rates.loc[rates["undertryckt"], "verksamhet"]) == ["Ledsagarservice"]
    last = measures_kvalitet.survey_rates(years[2024]["brukarundersokningar"], None)
    assert not last["undertryckt"].any()


def test_every_survey_has_results_and_every_result_a_survey(years):
    for data in years.values():
        surveyed = set(data["brukarundersokningar"]["verksamhet"])
        assert set(data["brukarundersokningar_resultat"]["verksamhet"]) == surveyed


def test_comparison_tables_have_one_kommun_row_per_indicator(years):
    for data in years.values():
        for name, keys in (
            ("oppna_jamforelser", ["indikator"]),
            ("enhetsundersokning", ["verksamhet", "indikator"]),
        ):
            frame = data[name]
            kommun = frame[frame["nivå"] == "Kommun"]
            assert not kommun.duplicated(keys).any()
            assert len(kommun) == len(frame.drop_duplicates(keys))


def test_enhetsundersokning_for_bostad_is_new_in_the_report_year(years):
    assert set(years[2025]["enhetsundersokning"]["verksamhet"]) == {
        "Bostad med särskild service",
        "Daglig verksamhet",
    }
    assert set(years[2024]["enhetsundersokning"]["verksamhet"]) == {"Daglig verksamhet"}


def test_lov_catalogue_has_the_sizes_of_a_real_kommun(years):
    table = measures_kvalitet.lov_overview(
        years[2025]["lov_verksamheter"], years[2024]["lov_verksamheter"]
    ).set_index("område")
    daily = table.loc["Daglig verksamhet"]
    assert (daily["verksamheter"], daily["kommunala"], daily["privata_utförare"]) == (52, 17, 10)
    assert daily["nya"] == 5
    assert table.loc["Korttidsvistelse", "verksamheter"] == 13
    assert table.loc["Korttidsvistelse", "avslutade"] == 2


def test_audits_of_private_providers_name_a_verksamhet_in_the_lov_list(years):
    for data in years.values():
        audits = data["granskningar_tillsyn"]
        own = audits[audits["granskare"] == "Förvaltningen"]
        assert set(own["verksamhet"]) <= set(data["lov_verksamheter"]["verksamhet"])
