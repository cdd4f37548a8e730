"""Place a text label beside each point of a matplotlib scatter plot without overlaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from matplotlib.transforms import Bbox

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Annotation


@dataclass(frozen=True)
class _Offset:
    """Position of a label relative to its point, in points, and the side of the text anchored there."""

    dx: float
    dy: float
    horizontal: str
    vertical: str

    @property
    def distance(self) -> float:
        return max(abs(self.dx), abs(self.dy))


# Right of the point first, where a reader looks for a label, then above, below and left.
_DIRECTIONS = (
    (1.0, 0.0, "left", "center"),
    (0.0, 1.0, "center", "bottom"),
    (0.0, -1.0, "center", "top"),
    (-1.0, 0.0, "right", "center"),
    (0.7, 0.7, "left", "bottom"),
    (0.7, -0.7, "left", "top"),
    (-0.7, 0.7, "right", "bottom"),
    (-0.7, -0.7, "right", "top"),
)

# Offsets tried for each label, nearest ring first. From the second ring on, a
# thin leader line joins the label to its point.
_OFFSETS = tuple(
    _Offset(dx * distance, dy * distance, horizontal, vertical)
    for distance in (7.0, 16.0, 26.0)
    for dx, dy, horizontal, vertical in _DIRECTIONS
)
_LEADER_FROM = 10.0


@dataclass(frozen=True)
class Point:
    """A data point and the text to write beside it."""

    x: float
    y: float
    label: str


def place_labels(
    axes: Axes,
    renderer: RendererBase,
    points: list[Point],
    marker_radius: float,
    colour: str,
    obstacles: list[Bbox] | None = None,
) -> list[Annotation]:
    """Annotate each point, choosing for each label the nearest offset that overlaps nothing.

    Markers, labels placed earlier and `obstacles` (display coordinates, such
    as the legend) are avoided, and labels stay inside the axes. When every
    offset collides, the one with the least overlapping area is kept, so the
    result depends only on the input. Call after the layout is final: the
    positions are measured in display coordinates.
    """
    scale = renderer.points_to_pixels(1.0)
    centres = [axes.transData.transform((point.x, point.y)) for point in points]
    radius = marker_radius * scale
    blocked = [Bbox.from_extents(x - radius, y - radius, x + radius, y + radius) for x, y in centres]
    blocked += obstacles or []
    frame = axes.get_window_extent(renderer)

    labels: list[Annotation] = []
    for point in points:
        best: tuple[float, _Offset] | None = None
        for offset in _OFFSETS:
            trial = _annotate(axes, point, offset, colour, leader=None)
            cost = _overlap(trial.get_window_extent(renderer), blocked, frame)
            trial.remove()
            if best is None or cost < best[0]:
                best = (cost, offset)
            if cost == 0:
                break

        assert best is not None  # _OFFSETS is not empty
        offset = best[1]
        leader = marker_radius if offset.distance >= _LEADER_FROM else None
        label = _annotate(axes, point, offset, colour, leader)
        blocked.append(label.get_window_extent(renderer))
        labels.append(label)
    return labels


def _annotate(axes: Axes, point: Point, offset: _Offset, colour: str, leader: float | None) -> Annotation:
    """Write `point.label` at `offset`; with `leader`, also a line that stops that many points short of the point."""
    arrow = None if leader is None else {"arrowstyle": "-", "color": colour, "linewidth": 0.6, "shrinkA": 1, "shrinkB": leader}
    return axes.annotate(
        point.label,
        xy=(point.x, point.y),
        xytext=(offset.dx, offset.dy),
        textcoords="offset points",
        ha=offset.horizontal,
        va=offset.vertical,
        color=colour,
        fontsize=9,
        arrowprops=arrow,
    )


def _overlap(box: Bbox, blocked: list[Bbox], frame: Bbox) -> float:
    """Return the area of `box` that covers blocked boxes or lies outside `frame`."""
    area = sum(_intersection_area(box, other) for other in blocked)
    inside = _intersection_area(box, frame)
    return area + (box.width * box.height - inside) * 10


def _intersection_area(first: Bbox, second: Bbox) -> float:
    width = min(first.x1, second.x1) - max(first.x0, second.x0)
    height = min(first.y1, second.y1) - max(first.y0, second.y0)
    return max(width, 0.0) * max(height, 0.0)
