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
        data["verksamhet"],
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
        f"och ingår i urvalet; flest hade {per_unit.iloc[0]['verksamhet']} med "
        f"{formats.number(per_unit.iloc[0]['placeringar'])}."
    )
    return Chart(figure, alt, per_unit.head(top)[["verksamhet", "placeringar"]])


def _wrap(label: str, width: int = 30) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


def yearly_counts_chart(
    panels: dict[str, pd.DataFrame], year: int, previous_year: int | None
) -> Chart:
    """One panel per kind of count (``panels``: title → a table with ``verksamhet``, ``i_år``
    and ``föregående``), stacked: horizontal bars per verksamhet for this year (blue, solid)
    and last year (grey, hatched), each bar labelled with its number. ``previous_year`` None
    draws this year only. A missing count draws no bar and is labelled "–"."""
    heights = [max(len(frame), 1) for frame in panels.values()]
    figure = Figure(figsize=(7.5, 0.8 + 0.42 * sum(heights) + 0.6 * len(panels)), dpi=DPI)
    grid = figure.add_gridspec(len(panels), 1, height_ratios=heights, hspace=0.55)
    bar = 0.38 if previous_year is not None else 0.6
    series = [("i_år", str(year), BLUE, "")]
    if previous_year is not None:
        series.append(("föregående", str(previous_year), GREY, "///"))
    for index, (title, frame) in enumerate(panels.items()):
        axes = figure.add_subplot(grid[index])
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.tick_params(colors=INK, labelsize=8)
        rows = list(range(len(frame)))[::-1]
        counts = [v for s in series for v in frame[s[0]] if not formats.is_missing(v)]
        peak = max([float(v) for v in counts] + [1.0])
        for offset, (column, label, colour, hatch) in enumerate(series):
            shift = (0.5 - offset) * bar if len(series) == 2 else 0
            for row, value in zip(rows, frame[column], strict=True):
                width = 0.0 if formats.is_missing(value) else float(value)
                axes.barh(
                    row + shift,
                    width,
                    height=bar,
                    color=colour,
                    hatch=hatch,
                    edgecolor="white",
                    label=label if row == rows[0] else None,
                )
                axes.text(
                    width + peak * 0.01,
                    row + shift,
                    formats.number(value),
                    va="center",
                    fontsize=7,
                    color=INK,
                )
        axes.set_yticks(rows, [_wrap(v) for v in frame["verksamhet"]])
        axes.set_xlim(0, peak * 1.15)
        axes.set_title(title, loc="left", fontsize=10, color=INK)
        _swedish_ticks(axes, "x")
        if index == 0:
            axes.legend(
                loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, fontsize=8, frameon=False
            )
    figure.subplots_adjust(left=0.34, right=0.97, top=0.96, bottom=0.04)
    alt = _yearly_counts_alt(panels, year, previous_year)
    data = pd.concat({title: frame for title, frame in panels.items()}, names=["slag"])
    return Chart(figure, alt, data.reset_index(level=0))


def _yearly_counts_alt(panels: dict[str, pd.DataFrame], year: int, previous: int | None) -> str:
    parts = []
    for title, frame in panels.items():
        part = f"{title} {formats.number(total_of(frame['i_år']))} år {year}"
        if previous is not None:
            part += f" och {formats.number(total_of(frame['föregående']))} år {previous}"
        parts.append(part)
    years = f"{year} och {previous}" if previous is not None else str(year)
    return (
        f"Liggande stapeldiagram i {len(panels)} delar med antal per verksamhet {years}, "
        "varje stapel med sitt antal utskrivet. Totalt: " + "; ".join(parts) + "."
    )


def total_of(values) -> int:
    return sum(int(v) for v in values if not formats.is_missing(v))


def warm_up() -> None:
    """Draws and encodes one small chart, so fonts and glyph caches are loaded.

    Called once in the kernel zygote (``insyn.kernels``): every forked kernel then starts with
    matplotlib ready instead of paying for its first figure.
    """
    import pandas as pd

    sample = pd.DataFrame({"verksamhet": ["Åby", "Ösby"], "placeringar": [3, 1]})
    placements_chart(sample, threshold=2).png()
