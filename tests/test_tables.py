"""insyn.tables: presentation tables as Markdown, tested as output (small inline snapshots)."""

from __future__ import annotations

import pandas as pd
import pytest

from insyn import formats, tables
from insyn.text import Markdown

NBSP = "\xa0"

COLUMNS = [
    tables.text_column("verksamhet", "Verksamhet"),
    tables.number_column("placeringar", "Inledda placeringar"),
    tables.percent_column("andel", "Andel"),
    tables.date_column("datum", "Senaste start"),
]


@pytest.fixture
def two_units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "verksamhet": ["HVB Björkhagen", "Familjehemmet Åsen"],
            "placeringar": [1234, None],
            "andel": [0.62, 0.055],
            "datum": pd.to_datetime(["2025-03-01", None]),
            "ignored": ["x", "y"],
        }
    )


def test_two_row_table_snapshot(two_units):
    table = tables.build(two_units, COLUMNS, note="Källa: verksamhetssystemet.")
    assert table.to_markdown() == (
        "| Verksamhet | Inledda placeringar | Andel | Senaste start |\n"
        "|:---|---:|---:|:---|\n"
        f"| HVB Björkhagen | 1{NBSP}234 | 62{NBSP}% | 2025-03-01 |\n"
        f"| Familjehemmet Åsen | – | 6{NBSP}% | – |\n"
        "\n"
        "Källa: verksamhetssystemet.\n"
    )


def test_numeric_columns_are_right_aligned_text_left(two_units):
    table = tables.build(two_units, COLUMNS)
    assert table.numeric == [False, True, True, False]
    assert table.to_markdown().splitlines()[1] == "|:---|---:|---:|:---|"


def test_only_chosen_columns_in_chosen_order(two_units):
    table = tables.build(
        two_units,
        [tables.number_column("placeringar", "Antal"), tables.text_column("verksamhet", "Namn")],
    )
    assert table.header == ["Antal", "Namn"]
    assert table.rows[0] == [f"1{NBSP}234", "HVB Björkhagen"]


def test_number_column_with_decimals():
    table = tables.build(
        pd.DataFrame({"v": [1234.56]}), [tables.number_column("v", "Värde", decimals=1)]
    )
    assert table.rows == [[f"1{NBSP}234,6"]]


@pytest.mark.parametrize(
    ("dangerous", "escaped"),
    [
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\<\/script\>"),
        ("[x](javascript:alert(1))", r"\[x\]\(javascript\:alert\(1\)\)"),
        ("a | b", r"a \| b"),
        ("**fet** _kursiv_ #rubrik", r"\*\*fet\*\* \_kursiv\_ \#rubrik"),
    ],
)
def test_markup_from_data_is_escaped(dangerous, escaped):
    markdown = tables.build(
        pd.DataFrame({"namn": [dangerous]}), [tables.text_column("namn", "Namn")]
    ).to_markdown()
    assert markdown.splitlines()[2] == f"| {escaped} |"
    assert dangerous not in markdown


def test_markup_in_labels_is_escaped():
    table = tables.build(pd.DataFrame({"a": [1]}), [tables.text_column("a", "<b>Namn</b>")])
    assert "<b>" not in table.to_markdown()


def test_newlines_in_data_do_not_break_the_row():
    markdown = tables.build(
        pd.DataFrame({"a": ["rad ett\nrad två"]}), [tables.text_column("a", "Text")]
    ).to_markdown()
    assert markdown.splitlines()[2] == "| rad ett rad två |"


def test_list_values_are_joined():
    table = tables.build(
        pd.DataFrame({"v": [["HVB Väst", "HVB Öst"]]}), [tables.text_column("v", "Verksamheter")]
    )
    assert table.rows == [["HVB Väst, HVB Öst"]]


def test_missing_text_is_a_dash():
    table = tables.build(pd.DataFrame({"a": [None]}), [tables.text_column("a", "A")])
    assert table.rows == [["–"]]


def test_empty_frame_shows_empty_text(two_units):
    table = tables.build(two_units.iloc[0:0], COLUMNS, empty_text="Inga placeringar.")
    assert table.to_markdown() == "Inga placeringar.\n"


def test_empty_frame_default_text(two_units):
    assert tables.build(two_units.iloc[0:0], COLUMNS).to_markdown() == (
        "Inga uppgifter under perioden.\n"
    )


def test_table_displays_as_markdown(two_units):
    table = tables.build(two_units, COLUMNS)
    assert table._repr_markdown_() == table.to_markdown() == str(table)
    shown = tables.show(table)
    assert isinstance(shown, Markdown)
    assert shown._repr_markdown_() == table.to_markdown()


# --- key_figures ---------------------------------------------------------------------------------


def test_key_figures_snapshot():
    table = tables.key_figures(
        {
            "Inledda placeringar": (12, 10, formats.number),
            "Svarsfrekvens": (0.62, 0.58, formats.percent),
            "Verksamheter med avtal": (7, None, formats.number),
        }
    )
    assert table.to_markdown() == (
        "| Mått | I år | Föregående år | Förändring |\n"
        "|:---|---:|---:|---:|\n"
        "| Inledda placeringar | 12 | 10 | +2 |\n"
        f"| Svarsfrekvens | 62{NBSP}% | 58{NBSP}% | +4 procentenheter |\n"
        "| Verksamheter med avtal | 7 | jämförelse saknas | – |\n"
    )


def test_key_figures_decrease_has_true_minus():
    table = tables.key_figures({"Placeringar": (8, 10, formats.number)})
    assert table.rows[0][3] == "\u22122"


def test_key_figures_missing_this_year_has_no_change():
    table = tables.key_figures({"Placeringar": (None, 10, formats.number)})
    assert table.rows[0] == ["Placeringar", "–", "10", "–"]


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA])
def test_key_figures_missing_previous_year_says_comparison_missing(missing):
    table = tables.key_figures({"Placeringar": (8, missing, formats.number)})
    assert table.rows[0] == ["Placeringar", "8", "jämförelse saknas", "–"]


def test_previous_column_says_jamforelse_saknas_for_a_missing_year():
    frame = pd.DataFrame({"namn": ["a", "b"], "fjol": [0.5, None]})
    table = tables.build(
        frame,
        [
            tables.text_column("namn", "Namn"),
            tables.previous_column("fjol", "2024", formats.percent),
        ],
    )
    assert [row[1] for row in table.rows] == ["50\u00a0%", "jämförelse saknas"]
    assert table.numeric == [False, True]
