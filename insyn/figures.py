"""Matplotlib figures for reports: accessible palette, Swedish numbers, no global state.

Figures are built on ``matplotlib.figure.Figure`` directly (never pyplot), so nothing leaks between
cells and nothing is shown twice. A :class:`Chart` displays as a PNG with fixed size and no
version metadata, so the same data gives the same bytes. Meaning is never carried by colour alone:
bars also carry their value as text and highlighted bars a hatch pattern.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display needed; the notebook shows the PNG we produce

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from insyn import formats

# Okabe–Ito: distinguishable with the common colour-vision deficiencies; dark enough for text.
BLUE = "#0072B2"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
GREY = "#6B6B6B"
INK = "#1A1A1A"
DPI = 150


@dataclass
class Chart:
    """A finished figure with its alt text and the numbers behind it."""

    figure: Figure
    alt: str
    data: pd.DataFrame

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(
            buffer, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight"
        )
        return buffer.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png()


def literal(text) -> str:
    """Text from data as matplotlib shows it literally: ``$…$`` would otherwise be read as math
    (and an unknown command in it stops the figure)."""
    return str(text).replace("$", r"\$")


def _style(figure: Figure):
    axes = figure.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK, labelsize=9)
    return axes


def _swedish_ticks(axes, axis: str = "x") -> None:
    formatter = FuncFormatter(lambda value, _pos: formats.number(value))
    target = axes.xaxis if axis == "x" else axes.yaxis
    target.set_major_formatter(formatter)
    target.set_major_locator(MaxNLocator(integer=True))


def placements_chart(per_unit: pd.DataFrame, threshold: int, top: int = 20) -> Chart:
    """Horizontal bars: started placements per verksamhet (the ``top`` largest), with the
    sample threshold as a dashed line. Verksamheter above it are blue and hatched."""
    data = per_unit.head(top).iloc[::-1]
    height = 1.2 + 0.28 * len(data)
    figure = Figure(figsize=(7.5, height))  # bbox_inches="tight" trims; no layout engine pass
    axes = _style(figure)
    selected = data["placeringar"] > threshold
    bars = axes.barh(
        [literal(name) for name in data["verksamhet"]],
        data["placeringar"],
        color=[BLUE if s else GREY for s in selected],
        hatch=["//" if s else "" for s in selected],
        edgecolor="white",
    )
    for bar, value in zip(bars, data["placeringar"], strict=True):
        axes.text(
            bar.get_width() + 0.15,
            bar.get_y() + bar.get_height() / 2,
            formats.number(value),
            va="center",
            fontsize=8,
            color=INK,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6},  # readable over the line
        )
    axes.axvline(threshold + 0.5, color=INK, linestyle="--", linewidth=1)
    axes.text(
        threshold + 0.6,
        len(data) - 0.4,
        f"urval: fler än {formats.number(threshold)}",
        fontsize=8,
        color=INK,
        va="bottom",
    )
    axes.set_xlabel("Inledda placeringar under perioden", color=INK)
    _swedish_ticks(axes, "x")
    count = int(selected.sum())
    alt = (
        f"Liggande stapeldiagram över inledda placeringar per verksamhet för de {len(data)} "
        f"verksamheter som hade flest. {count} verksamheter hade fler än {threshold} placeringar "
        + (
            f"och ingår i urvalet; flest hade {per_unit.iloc[0]['verksamhet']} med "
            f"{formats.number(per_unit.iloc[0]['placeringar'])}."
            if len(per_unit)
            else "och ingår i urvalet."
        )
    )
    return Chart(figure, alt, per_unit.head(top)[["verksamhet", "placeringar"]])


def warm_up() -> None:
    """Draws and encodes one small chart, so fonts and glyph caches are loaded.

    Called once in the kernel zygote (``insyn.kernels``): every forked kernel then starts with
    matplotlib ready instead of paying for its first figure.
    """
    import pandas as pd

    sample = pd.DataFrame({"verksamhet": ["Åby", "Ösby"], "placeringar": [3, 1]})
    placements_chart(sample, threshold=2).png()
