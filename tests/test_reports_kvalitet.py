"""insyn.reports.kvalitet: the kvalitetsberättelse's sections from the example data, without a
kernel. Expected numbers come from the measures and are formatted with insyn.formats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from insyn import formats
from insyn import measures_kvalitet as mk
from insyn.reports import KVALITET
from insyn.reports.kvalitet import KvalitetsRapport, link_to
from insyn.schemas.kvalitet import AVVIKELSE_SLAG

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "exempelstad"
PARAMS = {
    "kommun": "Exempelstad",
    "nämnd": "Vård- och omsorgsnämnden",
    "år": 2025,
    "period_start": "2025-01-01",
    "period_slut": "2025-12-31",
    "minsta_antal": 5,
    "gräns_försämring": 1.0,
}


def prepare(datamapp: Path = EXAMPLE, **changes) -> KvalitetsRapport:
    return KvalitetsRapport.prepare(**{**PARAMS, "datamapp": str(datamapp), **changes})


def copy_years(tmp_path: Path, *years: int) -> Path:
    """The kvalitetsberättelse's files of the given example years, under ``tmp_path/kommun``."""
    target = tmp_path / "kommun"
    for year in years:
        folder = target / str(year)
        folder.mkdir(parents=True)
        for name in KVALITET.tables:
            shutil.copy2(EXAMPLE / str(year) / f"{name}.csv", folder / f"{name}.csv")
        shutil.copytree(
            EXAMPLE / str(year) / "text" / KVALITET.name, folder / "text" / KVALITET.name
        )
    return target


def row_of(table, first_cell: str) -> list[str]:
    [row] = [r for r in table.rows if r[0] == first_cell]
    return row


@pytest.fixture(scope="module")
def report() -> KvalitetsRapport:
    return prepare()


def test_narrative_comes_from_the_report_folder(report):
    text = report.text("inledning")
    assert text.startswith("Kvalitetsberättelsen sammanfattar")
    assert "2025" in text


def test_comparisons_show_kommun_last_year_peers_and_rank(report):
    table = report.comparisons_table()
    assert table.header[:3] == ["Indikator", "Exempelstad 2025", "Exempelstad 2024"]
    row = row_of(table, "Andel handläggare inom LSS med socionomexamen")
    assert row[1:] == ["71,4", "67,2", "70,0", "81,4", "81,9", "3 av 6"]
    assert table.note.startswith("Källa: Socialstyrelsen, Öppna jämförelser")


def test_comparisons_text_names_the_peers_and_the_lan(report):
    text = report.comparisons_text()
    assert "Ekdala, Granvik, Lindåsa, Sjöbacka och Västerlöt" in text
    assert "Sjölunda län" in text


def test_unit_survey_says_when_last_year_lacks_the_verksamhet(report):
    housing = report.unit_survey_table("Bostad med särskild service")
    assert all(row[2] == "jämförelse saknas" for row in housing.rows)
    assert "2024: jämförelse saknas" in housing.note
    daily = report.unit_survey_table("Daglig verksamhet")
    assert row_of(daily, "Personer med en aktuell genomförandeplan")[1:3] == ["84,0", "88,0"]


def test_survey_table_computes_the_rate_and_shows_last_years(report):
    row = row_of(report.survey_table(), "Personlig assistans")
    assert row[1:] == [
        "21",
        "10",
        formats.percent(10 / 21),
        formats.percent(13 / 23),
        formats.signed(round(100 * (10 / 21 - 13 / 23))),
    ]
    assert formats.percent(10 / 21) == "48\u00a0%"


def test_kontroll_av_uppgifter_lists_the_stated_rate_that_disagrees(report):
    check = report.survey_check()
    assert check.startswith("**Kontroll av uppgifter.**")
    assert "Personlig assistans: angiven svarsfrekvens 44\u00a0%" in check
    assert "10 av 21 svarande ger 48\u00a0%" in check


def test_results_of_a_small_group_are_suppressed_and_marked(report):
    table = report.survey_results_table()
    hidden = [r for r in table.rows if r[0] == "Ledsagarservice"]
    assert hidden and all(r[2] == "visas ej" for r in hidden)
    assert all(r[4] == formats.MISSING for r in hidden)
    assert "färre än 5 svarande" in table.note
    shown = [r for r in table.rows if r[0] == "Gruppbostad" and r[1] == "Trivs du hemma?"]
    assert shown == [["Gruppbostad", "Trivs du hemma?", "94\u00a0%", "92\u00a0%", "+2"]]


def test_a_lower_minimum_shows_the_small_group(tmp_path):
    table = prepare(minsta_antal=4).survey_results_table()
    assert "visas ej" not in str(table)
    assert table.note == ""


@pytest.mark.parametrize(("column", "label"), AVVIKELSE_SLAG)
def test_deviation_tables_total_and_change_add_up(report, column, label):
    counts = mk.counts_by_unit(
        report.data["avvikelser_verksamhet"], report.previous["avvikelser_verksamhet"], column
    )
    table = report.deviations_table(column)
    assert table.header == ["Verksamhet", "2025", "2024", "Förändring"]
    now = int(report.data["avvikelser_verksamhet"][column].sum())
    before = int(report.previous["avvikelser_verksamhet"][column].sum())
    assert table.rows[-1] == [
        "**Totalt**",
        f"**{formats.number(now)}**",
        f"**{formats.number(before)}**",
        f"**{formats.signed(now - before)}**",
    ]
    assert len(table.rows) == len(counts) + 1
    new = row_of(table, "Korttidsvistelse och tillsyn")
    assert new[2] == "jämförelse saknas"


def test_seed_003s_lex_sarah_figures(report):
    table = report.deviations_table("lex_sarah")
    assert row_of(table, "Boendesektionen LSS")[1:] == ["19", "31", "\u221212"]


def test_deviations_text_states_every_total_with_last_year(report):
    text = report.deviations_text()
    assert "36 lex Sarah-rapporter (47 år 2024)" in text
    assert "306 interna avvikelser (98 år 2024)" in text


def test_deviation_figure_has_alt_text_from_the_data(report):
    chart = report.deviations_figure()
    assert "Lex Sarah-rapporter 36 år 2025 och 47 år 2024" in chart.alt
    assert chart.png().startswith(b"\x89PNG")
    assert len(chart.data) == 3 * 4  # three kinds, four verksamheter


def test_audits_text_and_table(report):
    audits = report.data["granskningar_tillsyn"]
    text = report.audits_text()
    assert f"vid {formats.number(len(audits))} tillfällen" in text
    assert f"{int(audits['anmärkningar'].sum())} av granskningarna" in text
    table = report.audits_table()
    assert len(table.rows) == len(audits)
    assert "Rapport" not in table.header  # no links in the example


def test_audit_links_become_a_rapport_column(tmp_path):
    folder = copy_years(tmp_path, 2025)
    path = folder / "2025" / "granskningar_tillsyn.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] += "https://exempelstad.se/granskning-1.html"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = prepare(folder).audits_table()
    assert table.header[-1] == "Rapport"
    assert table.rows[0][-1] == "[Granskningsrapport](<https://exempelstad.se/granskning-1.html>)"
    assert link_to(None) == ""


def test_lov_text_and_totals(report):
    text = report.lov_text()
    assert "mellan 72 verksamheter, varav 18 i kommunal regi och 54 hos 23 privata utförare" in text
    assert "har 6 tillkommit och 2 upphört" in text
    assert row_of(report.lov_table(), "**Totalt**")[1:] == [
        "**72**",
        "**18**",
        "**54**",
        "**23**",
        "**6**",
        "**2**",
    ]


def test_worsened_indicators_are_listed_automatically(report):
    worsened = report.worsened()
    names = list(worsened["indikator"])
    assert "Andel handläggare inom LSS med minst tre års erfarenhet" in names
    assert "Servicebostad" in names  # its response rate fell from 86 % to 37 %
    assert "Väntetid i dagar från ansökan till beslut om insats enligt LSS" not in names
    assert not any(name.startswith("Ledsagarservice:") for name in names)  # suppressed
    table = report.worsened_table()
    assert table.rows[0][:4] == ["Svarsfrekvens", "Servicebostad", "37\u00a0%", "86\u00a0%"]
    assert f"{len(worsened)} indikatorer har försämrats" in report.worsened_text()


def test_comparisons_are_computed_once_and_follow_the_minimum(monkeypatch):
    calls = []
    compare = mk.compare_areas
    monkeypatch.setattr(mk, "compare_areas", lambda *a: calls.append(1) or compare(*a))
    fresh = prepare()
    fresh.comparisons_text(), fresh.comparisons_table(), fresh.worsened_table()
    first = len(calls)
    fresh.comparisons_text(), fresh.worsened_text(), fresh.indicators()
    assert first > 0 and len(calls) == first  # text, table and worsening share them
    shown = fresh.indicators()
    fresh.params["minsta_antal"] = 4  # a smaller group may be shown: a new list of indicators
    now = fresh.indicators()
    assert now is not shown and now["i_år"].notna().sum() > shown["i_år"].notna().sum()


def test_the_worsening_threshold_is_a_parameter():
    assert len(prepare(gräns_försämring=10.0).worsened()) < len(prepare().worsened())


def test_without_last_years_folder_every_comparison_says_so(tmp_path):
    report = prepare(copy_years(tmp_path, 2025))
    assert report.previous is None
    assert all(r[2] == "jämförelse saknas" for r in report.comparisons_table().rows)
    assert "jämförelse saknas" in report.comparisons_table().note
    assert all(r[4] == "jämförelse saknas" for r in report.survey_table().rows)
    lex_sarah = report.deviations_table("lex_sarah")
    assert lex_sarah.header == ["Verksamhet", "2025"]
    assert "jämförelse saknas" in lex_sarah.note
    assert "Jämförelse med 2024 saknas" in report.deviations_text()
    assert "Jämförelse med 2024 saknas" in report.lov_text()
    assert "Jämförelse med 2024 saknas" in report.worsened_text()
    assert report.worsened().empty
    assert report.deviations_figure().alt.count("2024") == 0


def test_a_table_missing_from_last_year_only_affects_its_section(tmp_path):
    folder = copy_years(tmp_path, 2024, 2025)
    (folder / "2024" / "lov_verksamheter.csv").unlink()
    report = prepare(folder)
    assert "Jämförelse med 2024 saknas" in report.lov_text()
    assert row_of(report.lov_table(), "**Totalt**")[-1] == "**jämförelse saknas**"
    assert row_of(report.survey_table(), "Boendestöd")[4] == formats.percent(77 / 128)
