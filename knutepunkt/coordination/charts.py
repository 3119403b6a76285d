"""A bar chart of caseloads as plain numbers for the template's SVG (no inline styles)."""

from __future__ import annotations

from dataclasses import dataclass

from knutepunkt.coordination.selectors import CoordinatorLoad

BAR_AREA = 340
ROW = 30


@dataclass(frozen=True)
class Bar:
    name: str
    value: int
    y: int
    width: int
    label_x: int


def caseload_bars(loads: list[CoordinatorLoad]) -> tuple[list[Bar], int]:
    """One bar per coordinator, scaled to the largest caseload; returns the bars and the height."""
    largest = max((load.families for load in loads), default=0) or 1
    bars = []
    for index, load in enumerate(loads):
        width = round(BAR_AREA * load.families / largest)
        name = load.coordinator.get_full_name() or load.coordinator.username
        bars.append(Bar(name=name[:26], value=load.families, y=index * ROW, width=width, label_x=206 + width))
    return bars, max(ROW, len(loads) * ROW)
