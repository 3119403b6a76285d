"""Horizontal bar charts as geometry for a server-rendered SVG (no script, no inline style).

The template ``reporting/includes/bar_chart.html`` draws what this computes; colours come from
classes in ``knutepunkt.css``, so the page keeps CSP ``'self'``. The same numbers are always in
the table beside the chart: the chart is a picture of the table, not the only place a number is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats

WIDTH = 640
LABEL_WIDTH = 280
BAR_START = LABEL_WIDTH + 10
BAR_SPACE = 270  # leaves room after the longest bar for its value
BAR_HEIGHT = 16
BAR_GAP = 2
ROW_GAP = 10
LEGEND_HEIGHT = 28
LONGEST_LABEL = 40


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    series: int
    text: str
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Label:
    text: str
    x: int
    y: int


@dataclass(frozen=True)
class LegendEntry:
    name: str
    series: int
    x: int
    text_x: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    labels: tuple[Label, ...]
    legend: tuple[LegendEntry, ...]
    legend_y: int


def _short(label: str) -> str:
    return label if len(label) <= LONGEST_LABEL else label[: LONGEST_LABEL - 1] + "…"


def _number(value: float) -> str:
    if value == int(value):
        return formats.number_format(int(value), use_l10n=True, force_grouping=True)
    return formats.number_format(value, decimal_pos=1, use_l10n=True)


def bar_chart(
    *, labels: Sequence[str], series_names: Sequence[str], values: Sequence[Sequence[float | None]]
) -> BarChart:
    """One group of bars per label, one bar per series; a missing value (withheld or not
    known) draws no bar and says so with a dash."""
    series_count = len(series_names)
    largest = max((v for row in values for v in row if v is not None), default=0.0) or 1.0
    top = LEGEND_HEIGHT if series_count > 1 else 4
    row_height = series_count * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    bars: list[Bar] = []
    chart_labels: list[Label] = []
    for index, (label, row) in enumerate(zip(labels, values, strict=True)):
        y = top + index * row_height
        group_height = series_count * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        chart_labels.append(Label(_short(label), LABEL_WIDTH, y + group_height // 2 + 4))
        for series, value in enumerate(row):
            bar_y = y + series * (BAR_HEIGHT + BAR_GAP)
            width = 0 if value is None else max(1, round(BAR_SPACE * value / largest)) if value else 0
            bars.append(
                Bar(
                    x=BAR_START,
                    y=bar_y,
                    width=width,
                    height=BAR_HEIGHT,
                    series=series,
                    text="–" if value is None else _number(value),
                    text_x=BAR_START + width + 6,
                    text_y=bar_y + BAR_HEIGHT - 4,
                )
            )
    legend = tuple(
        LegendEntry(
            name=name, series=series, x=BAR_START + series * 170, text_x=BAR_START + series * 170 + 20
        )
        for series, name in enumerate(series_names)
    )
    height = top + len(labels) * row_height
    return BarChart(
        width=WIDTH,
        height=height,
        bars=tuple(bars),
        labels=tuple(chart_labels),
        legend=legend if series_count > 1 else (),
        legend_y=6,
    )
