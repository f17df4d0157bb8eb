"""insyn.figures: charts whose meaning survives without colour, with alt text from the data."""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Rectangle

from insyn import figures


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
