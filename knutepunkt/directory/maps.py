"""The service map as a picture: the child in the middle, each service around it, coloured by
status. Pure geometry for the template's SVG; colours go in SVG attributes, since the page's
CSP allows no inline styles. Status is also written in each box, never told by colour alone."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from knutepunkt.directory.models import ChildService, ServiceStatus

WIDTH = 760
BOX_WIDTH = 180
BOX_HEIGHT = 52
LABEL_CHARS = 24

# (fill, border) per status; border colours keep 3:1 against white, text is near-black.
COLOURS: dict[str, tuple[str, str]] = {
    ServiceStatus.RECEIVED: ("#e3f4e8", "#1e7a3c"),
    ServiceStatus.WAITING: ("#fff3d1", "#9a5b00"),
    ServiceStatus.NEEDED: ("#fde7e7", "#c0262d"),
    ServiceStatus.ENDED: ("#eeeeee", "#6b6b6b"),
}


@dataclass(frozen=True)
class MapNode:
    service: ChildService
    x: float  # top-left corner of the box
    y: float
    cx: float  # centre, where the line from the child ends
    cy: float
    fill: str
    stroke: str
    dashed: bool
    title: str
    subtitle: str


@dataclass(frozen=True)
class MapPicture:
    width: int
    height: int
    cx: float
    cy: float
    nodes: list[MapNode]
    legend: list[tuple[str, str, str]]  # status value, fill, border


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def layout(services: Sequence[ChildService]) -> MapPicture:
    count = len(services)
    height = 460 if count <= 8 else 560
    cx, cy = WIDTH / 2, height / 2
    rx, ry = WIDTH / 2 - BOX_WIDTH / 2 - 8, height / 2 - BOX_HEIGHT / 2 - 8
    nodes = []
    for index, service in enumerate(services):
        angle = -math.pi / 2 + 2 * math.pi * index / max(count, 1)
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        fill, stroke = COLOURS[service.status]
        provider = service.agency.name if service.agency else str(service.get_status_display())
        nodes.append(
            MapNode(
                service=service,
                x=round(x - BOX_WIDTH / 2, 1),
                y=round(y - BOX_HEIGHT / 2, 1),
                cx=round(x, 1),
                cy=round(y, 1),
                fill=fill,
                stroke=stroke,
                dashed=service.is_gap,
                title=_short(service.service_type.label),
                subtitle=_short(provider if service.agency else ""),
            )
        )
    legend = [(status, *COLOURS[status]) for status in ServiceStatus.values]
    return MapPicture(width=WIDTH, height=height, cx=cx, cy=cy, nodes=nodes, legend=legend)
