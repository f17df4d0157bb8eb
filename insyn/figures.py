"""Matplotlib figures for reports: accessible palette, Swedish numbers, no global state.

Figures are built on ``matplotlib.figure.Figure`` directly (never pyplot), so nothing leaks between
cells and nothing is shown twice. Every figure starts from :func:`new_figure`, which sets the
Okabe–Ito palette (distinguishable with the common colour-vision deficiencies) as the colour
cycle, the report's ink colour and font sizes. Meaning is never carried by colour alone: bars
also carry their value as text, highlighted bars a hatch pattern, and the quality levels
(:data:`LEVELS`) a symbol and a pattern besides their colour.

A :class:`Chart` displays as two outputs: the PNG (fixed size, no version metadata, so the same
data gives the same bytes) and the numbers behind it as a Markdown table inside a
``figure-data`` div, which the renderer shows as a collapsed table under the figure in HTML and as
a table in the PDF.

Drawing and encoding a PNG is the slowest step of a report (≈ 0.4 s for the placements chart).
Since the same data gives the same bytes, a chart that names its ``recipe`` (the builder and its
options) is kept in Insyn's content-addressed cache (:mod:`insyn.cache`), keyed by the recipe, the
plotted numbers, matplotlib's version and Insyn's own source: a rebuild with unchanged numbers
reuses the image, and any changed number, option or line of code draws it afresh.
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display needed; the notebook shows the PNG we produce

import pandas as pd
from cycler import cycler
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from insyn import cache, formats, tables

# Okabe–Ito hues (distinguishable with protanopia, deuteranopia and tritanopia), in the order the
# colour cycle uses them. Each has at least 3:1 contrast on white (WCAG 1.4.11 for graphics):
# orange and sky blue are darkened for that, yellow is left out. Series beyond the first few
# should also differ by pattern (HATCHES) or marker, never by colour alone.
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
ORANGE = "#B06A00"
SKY = "#3A8AC0"
PALETTE = (BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY)
YELLOW = "#E69F00"  # Okabe–Ito orange; only for "Gul", always with an ink outline and a symbol
GREY = "#6B6B6B"
INK = "#1A1A1A"
DPI = 150
HATCHES = ("", "//", "..", "xx", "\\\\", "oo")
NO_DATA = "Figuren bygger inte på några uppgifter."


@dataclass(frozen=True)
class Level:
    """How a quality level looks in a figure: colour, and a symbol and pattern that say the same
    thing to a reader who cannot tell the colours apart (or prints in black and white)."""

    name: str
    colour: str
    symbol: str
    hatch: str
    marker: str


# Grön / Gul / Röd as in the municipalities' own assessment tables (seed 004).
LEVELS = {
    "Grön": Level("Grön", GREEN, "✓", "", "o"),
    "Gul": Level("Gul", YELLOW, "!", "..", "^"),
    "Röd": Level("Röd", VERMILLION, "✗", "xx", "s"),
}

STYLE = {
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.titlecolor": INK,
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "font.size": 9,
}


def new_figure(width: float, height: float) -> Figure:
    """An empty report figure (inches) whose axes use the accessible palette and ink colour."""
    with matplotlib.rc_context(STYLE):
        # no layout engine: savefig(bbox_inches="tight") trims the margins without a second pass
        figure = Figure(figsize=(width, height))
    return figure


def level_label(level: str) -> str:
    """A quality level as text that does not rely on colour: ``✓ Grön``, ``! Gul``, ``✗ Röd``."""
    known = LEVELS.get(level.strip().capitalize())
    return f"{known.symbol} {known.name}" if known else level


@dataclass
class Chart:
    """A figure with its alt text and the numbers behind it.

    ``drawing`` is the figure, or a function that draws it: then it is drawn only when its
    image is not in the cache. ``columns`` says how the numbers are shown as a table (labels
    and Swedish formats); without them every column of ``data`` is shown as text under its own
    name.
    """

    drawing: Figure | Callable[[], Figure]
    alt: str
    data: pd.DataFrame
    columns: Sequence[tables.Column] = field(default_factory=tuple)
    recipe: Sequence[Any] = ()  # the builder and options that, with ``data``, fix the image

    @property
    def figure(self) -> Figure:
        if callable(self.drawing):
            self.drawing = self.drawing()
        return self.drawing

    def png(self) -> bytes:
        """The figure as PNG bytes, from the cache when the same recipe drew the same numbers."""
        digest = self.cache_key()
        cached = cache.get(digest) if digest else None
        if isinstance(cached, bytes):
            return cached
        buffer = io.BytesIO()
        self.figure.savefig(
            buffer, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight"
        )
        if digest:
            cache.put(digest, buffer.getvalue())
        return buffer.getvalue()

    def cache_key(self) -> str:
        """The image's cache key; empty (no caching) for a chart without a recipe."""
        if not self.recipe:
            return ""
        request = {
            "figure": [str(part) for part in self.recipe],
            "data": self.data.to_csv(index=False),
            "matplotlib": matplotlib.__version__,
            "dpi": DPI,
        }
        return cache.key({}, request)

    def data_table(self) -> tables.Table:
        """The figure's numbers as a presentation table."""
        columns = list(self.columns) or [tables.text_column(c, str(c)) for c in self.data.columns]
        return tables.build(self.data, columns, empty_text=NO_DATA)

    def data_markdown(self) -> str:
        """The data table inside the ``figure-data`` div the renderer recognises."""
        return f"::: {{.figure-data}}\n{self.data_table().to_markdown().strip()}\n:::\n"

    def outputs(self) -> list[dict[str, Any]]:
        """The cell outputs as (data) mime bundles: the image, then its numbers."""
        return [
            {"image/png": base64.b64encode(self.png()).decode("ascii"), "text/plain": self.alt},
            {"text/markdown": self.data_markdown(), "text/plain": self.data_table().to_markdown()},
        ]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for bundle in self.outputs():
            display(bundle, raw=True)

    def _repr_png_(self) -> bytes:
        return self.png()


def literal(text) -> str:
    """Text from data as matplotlib shows it literally: ``$…$`` would otherwise be read as math
    (and an unknown command in it stops the figure)."""
    return str(text).replace("$", r"\$")


def _style(figure: Figure):
    with matplotlib.rc_context(STYLE):
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
    data = per_unit.head(top)[["verksamhet", "placeringar"]]
    count = int((data["placeringar"] > threshold).sum())
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
    columns = [
        tables.text_column("verksamhet", "Verksamhet"),
        tables.number_column("placeringar", "Inledda placeringar"),
    ]
    return Chart(
        functools.partial(_draw_placements, data, threshold),
        alt,
        data,
        columns,
        recipe=("placements", threshold, top),
    )


def _draw_placements(data: pd.DataFrame, threshold: int) -> Figure:
    shown = data.iloc[::-1]
    figure = new_figure(7.5, 1.2 + 0.28 * len(shown))
    axes = _style(figure)
    selected = shown["placeringar"] > threshold
    bars = axes.barh(
        [literal(name) for name in shown["verksamhet"]],
        shown["placeringar"],
        color=[BLUE if s else GREY for s in selected],
        hatch=["//" if s else "" for s in selected],
        edgecolor="white",
    )
    for bar, value in zip(bars, shown["placeringar"], strict=True):
        axes.text(
            bar.get_width() + 0.15,
            bar.get_y() + bar.get_height() / 2,
            formats.number(value),
            va="center",
            fontsize=8,
            color=INK,
            # a white backing keeps the number readable where it crosses the threshold line
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6},
        )
    axes.axvline(threshold + 0.5, color=INK, linestyle="--", linewidth=1)
    axes.text(
        threshold + 0.6,
        len(shown) - 0.4,
        f"urval: fler än {formats.number(threshold)}",
        fontsize=8,
        color=INK,
        va="bottom",
    )
    axes.set_xlabel("Inledda placeringar under perioden", color=INK)
    _swedish_ticks(axes, "x")
    return figure


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
    alt = _yearly_counts_alt(panels, year, previous_year)
    data = pd.concat({title: frame for title, frame in panels.items()}, names=["slag"])
    columns = [
        tables.text_column("slag", "Slag"),
        tables.text_column("verksamhet", "Verksamhet"),
        tables.number_column("i_år", str(year)),
    ]
    if previous_year is not None:
        columns.append(tables.number_column("föregående", str(previous_year)))
    recipe = ("yearly_counts", year, previous_year)
    draw = functools.partial(_draw_yearly_counts, panels, year, previous_year)
    return Chart(draw, alt, data.reset_index(level=0), columns, recipe=recipe)


def _draw_yearly_counts(
    panels: dict[str, pd.DataFrame], year: int, previous_year: int | None
) -> Figure:
    heights = [max(len(frame), 1) for frame in panels.values()]
    figure = new_figure(7.5, 0.8 + 0.42 * sum(heights) + 0.6 * len(panels))
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
        axes.set_yticks(rows, [_wrap(literal(v)) for v in frame["verksamhet"]])
        axes.set_xlim(0, peak * 1.15)
        axes.set_title(title, loc="left", fontsize=10, color=INK)
        _swedish_ticks(axes, "x")
        if index == 0:
            axes.legend(
                loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, fontsize=8, frameon=False
            )
    figure.subplots_adjust(left=0.34, right=0.97, top=0.96, bottom=0.04)
    return figure


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
    chart = placements_chart(sample, threshold=2)
    chart.recipe = ()  # drawn for its side effects: never answered from the cache
    chart.png()
