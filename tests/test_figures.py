"""insyn.figures: text from data is drawn as text, never read as matplotlib math."""

from __future__ import annotations

import pandas as pd

from insyn import figures


def test_dollar_signs_in_names_are_drawn_literally_and_do_not_stop_the_figure():
    names = ["HVB $\\input{x}$ Ek", "Kostnad $5 och $6"]
    chart = figures.placements_chart(pd.DataFrame({"verksamhet": names, "placeringar": [3, 1]}), 2)
    assert chart.png().startswith(b"\x89PNG")
    labels = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert sorted(labels) == sorted(figures.literal(n) for n in names)
    assert list(chart.data["verksamhet"]) == names  # the numbers behind it keep the real names


def test_literal_escapes_only_the_dollar():
    assert figures.literal("A $x$ & B") == "A \\$x\\$ & B"
