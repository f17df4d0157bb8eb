"""insyn.figures: accessible charts that carry their numbers as a table; meaning survives
without colour, and alt text comes from the data."""

from __future__ import annotations

import base64

import matplotlib.colors as mcolors
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from insyn import figures

PER_UNIT = pd.DataFrame(
    {"verksamhet": ["Solgården", "Björkbacken", "Ekudden"], "placeringar": [1234, 3, 1]}
)


@pytest.fixture(scope="module")
def chart() -> figures.Chart:
    return figures.placements_chart(PER_UNIT, threshold=2)


def relative_luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in mcolors.to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_chart_displays_as_image_then_its_numbers(chart):
    image, numbers = chart.outputs()
    assert base64.b64decode(image["image/png"]).startswith(b"\x89PNG")
    assert image["text/plain"] == chart.alt
    assert numbers["text/markdown"].startswith("::: {.figure-data}\n| Verksamhet |")
    assert numbers["text/markdown"].endswith("\n:::\n")


def test_data_table_uses_swedish_numbers_and_right_aligns_them(chart):
    table = chart.data_table()
    assert table.header == ["Verksamhet", "Inledda placeringar"]
    assert table.numeric == [False, True]
    assert table.rows[0] == ["Solgården", "1\u00a0234"]
    assert "|:---|---:|" in table.to_markdown()


def test_data_table_without_columns_shows_every_column():
    chart = figures.Chart(figures.new_figure(2, 2), "alt", PER_UNIT)
    assert chart.data_table().header == ["verksamhet", "placeringar"]


def test_empty_figure_says_so_instead_of_an_empty_table():
    chart = figures.Chart(figures.new_figure(2, 2), "alt", PER_UNIT.iloc[0:0])
    assert chart.data_markdown() == f"::: {{.figure-data}}\n{figures.NO_DATA}\n:::\n"


def test_alt_text_states_the_numbers(chart):
    assert "Solgården med 1\u00a0234" in chart.alt
    assert "2 verksamheter hade fler än 2 placeringar" in chart.alt


def uncached(chart: figures.Chart) -> figures.Chart:
    chart.recipe = ()
    return chart


def test_same_data_gives_the_same_png():
    again = uncached(figures.placements_chart(PER_UNIT, threshold=2))
    assert again.png() == uncached(figures.placements_chart(PER_UNIT, threshold=2)).png()


def refuse_to_draw(chart: figures.Chart) -> figures.Chart:
    def draw():
        raise AssertionError("drawn although the cache holds this image")

    chart.drawing = draw
    return chart


def test_a_chart_drawn_once_is_reused_from_the_cache_with_the_same_bytes():
    data = PER_UNIT.assign(placeringar=[7, 5, 3])  # numbers no other test draws
    drawn = figures.placements_chart(data, threshold=2).png()
    again = refuse_to_draw(figures.placements_chart(data, threshold=2))
    assert again.png() == drawn
    assert drawn == uncached(figures.placements_chart(data, threshold=2)).png()


def test_any_changed_number_or_option_draws_the_chart_afresh():
    data = PER_UNIT.assign(placeringar=[9, 6, 4])
    first = figures.placements_chart(data, threshold=2)
    first.png()
    changed_number = figures.placements_chart(data.assign(placeringar=[9, 6, 5]), threshold=2)
    changed_option = figures.placements_chart(data, threshold=3)
    keys = {first.cache_key(), changed_number.cache_key(), changed_option.cache_key()}
    assert len(keys) == 3
    assert changed_number.png() != first.png()
    assert changed_option.png() != first.png()


def test_a_chart_without_recipe_is_never_cached():
    chart = figures.Chart(figures.new_figure(2, 2), "alt", PER_UNIT)
    assert chart.cache_key() == ""
    chart.png()
    with pytest.raises(AssertionError, match="drawn although"):
        refuse_to_draw(figures.Chart(figures.new_figure(2, 2), "alt", PER_UNIT)).png()


def test_a_chart_is_drawn_only_when_asked_for_its_figure_or_an_uncached_image():
    chart = figures.placements_chart(PER_UNIT, threshold=2)
    assert callable(chart.drawing)
    assert chart.data_table().rows  # the numbers need no drawing
    figure = chart.figure
    assert chart.drawing is figure and chart.figure is figure


def test_every_figure_draws_from_the_accessible_palette():
    figure = figures.new_figure(3, 2)
    axes = figures._style(figure)
    lines = [axes.plot([0, 1], [i, i])[0] for i in range(len(figures.PALETTE))]
    assert [mcolors.to_hex(line.get_color()).upper() for line in lines] == list(figures.PALETTE)


def test_palette_colours_are_distinct_and_visible_on_white():
    assert len(set(figures.PALETTE)) == len(figures.PALETTE)
    # graphics need 3:1 against white (WCAG 1.4.11); yellow is left out for that reason
    for colour in (*figures.PALETTE, figures.GREY):
        contrast = 1.05 / (relative_luminance(colour) + 0.05)
        assert contrast >= 3.0, colour


@pytest.mark.parametrize(
    ("level", "shown"), [("Grön", "✓ Grön"), ("gul", "! Gul"), ("RÖD", "✗ Röd"), ("Okänd", "Okänd")]
)
def test_quality_levels_carry_a_symbol_besides_their_colour(level, shown):
    assert figures.level_label(level) == shown


def test_quality_levels_differ_in_symbol_pattern_and_marker_too():
    levels = figures.LEVELS.values()
    for attribute in ("colour", "symbol", "hatch", "marker"):
        assert len({getattr(level, attribute) for level in levels}) == 3, attribute


def counts(*rows: tuple[str, int | None, int | None]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["verksamhet", "i_år", "föregående"])


PANELS = {
    "Lex Sarah-rapporter": counts(("Boende", 19, 31), ("Ny sektion", 1, None)),
    "Interna avvikelser": counts(("Boende", 170, 95), ("Ny sektion", 9, None)),
}


def bars(chart: figures.Chart) -> list[Rectangle]:
    return [
        patch
        for axes in chart.figure.axes
        for patch in axes.patches
        if isinstance(patch, Rectangle)
    ]


def labels(chart: figures.Chart) -> list[str]:
    return [text.get_text() for axes in chart.figure.axes for text in axes.texts]


def test_yearly_counts_chart_has_a_panel_per_kind_and_numbers_on_bars():
    chart = figures.yearly_counts_chart(PANELS, 2025, 2024)
    titles = [axes.get_title(loc="left") for axes in chart.figure.axes]
    assert titles == list(PANELS)
    assert sorted(labels(chart)) == sorted(["19", "31", "1", "–", "170", "95", "9", "–"])


def test_last_year_is_hatched_so_colour_is_not_the_only_difference():
    chart = figures.yearly_counts_chart(PANELS, 2025, 2024)
    patterns = {(p.get_hatch() or "") for p in bars(chart)}
    assert patterns == {"", "///"}
    legend = chart.figure.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["2025", "2024"]


def test_a_missing_count_draws_no_bar():
    chart = figures.yearly_counts_chart(PANELS, 2025, 2024)
    widths = sorted(p.get_width() for p in bars(chart))
    assert widths[:2] == [0.0, 0.0]


def test_alt_text_states_the_totals_of_both_years():
    chart = figures.yearly_counts_chart(PANELS, 2025, 2024)
    assert "Lex Sarah-rapporter 20 år 2025 och 31 år 2024" in chart.alt
    assert "Interna avvikelser 179 år 2025 och 95 år 2024" in chart.alt


def test_without_last_year_only_this_year_is_drawn_and_described():
    chart = figures.yearly_counts_chart(PANELS, 2025, None)
    assert len(bars(chart)) == 4
    assert "2024" not in chart.alt
    assert chart.png() == figures.yearly_counts_chart(PANELS, 2025, None).png()


def test_dollar_signs_in_names_are_drawn_literally_and_do_not_stop_the_figure():
    names = ["HVB $\\input{x}$ Ek", "Kostnad $5 och $6"]
    chart = figures.placements_chart(pd.DataFrame({"verksamhet": names, "placeringar": [3, 1]}), 2)
    assert chart.png().startswith(b"\x89PNG")
    ticks = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert sorted(ticks) == sorted(figures.literal(n) for n in names)
    assert list(chart.data["verksamhet"]) == names  # the numbers behind it keep the real names


def test_literal_escapes_only_the_dollar():
    assert figures.literal("A $x$ & B") == "A \\$x\\$ & B"
