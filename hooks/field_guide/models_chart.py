"""Render the chart of /models/: parameters against training tokens, as an inline SVG figure."""

from __future__ import annotations

import html
import io
import math
from dataclasses import dataclass

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from field_guide.chart_labels import Point, place_labels
from field_guide.model_rows import ModelRow
from field_guide.quantities import format_count
from field_guide.svg_markup import inline_svg

TITLE = "Parameters against training tokens"
ELEMENT_ID = "field-guide-models-chart"

# matplotlib accepts only concrete colours, so the figure is drawn with these
# placeholders. inline_svg swaps each for a CSS value that follows the page's
# light or dark scheme. The variables are set in docs/stylesheets/field-guide.css.
_INK = "#010203"
_PUBLISHED = "#010204"
_ILLUSTRATIVE = "#010205"
COLOURS = {
    _INK: "currentColor",
    _PUBLISHED: "var(--field-guide-chart-published, #1f5fbf)",
    _ILLUSTRATIVE: "var(--field-guide-chart-illustrative, #a34f00)",
}

# SVG user units are points, so a figure at 72 dpi measures text in the same
# units that the SVG is written in.
_DPI = 72
_SIZE_INCHES = (7.5, 4.6)
_MARKER_SIZE = 7.0

_RC = {
    # A fixed salt makes the clip-path and marker ids, and so the whole file, the same on every build.
    "svg.hashsalt": "field-guide-models-chart",
    # Text stays text: screen readers and search can read it, and it takes the page's font.
    "svg.fonttype": "none",
    "font.size": 10,
    "font.family": "sans-serif",
    "axes.edgecolor": _INK,
    "axes.labelcolor": _INK,
    "xtick.color": _INK,
    "ytick.color": _INK,
    "text.color": _INK,
}


@dataclass(frozen=True)
class ChartPoint:
    """One model that the chart can place: its training data is counted in tokens."""

    name: str
    parameters: int
    tokens: int
    illustrative: bool
    lower_bound: bool
    """True when the source gives only a minimum token count."""

    @property
    def label(self) -> str:
        return f"{self.name} (over {format_count(self.tokens)} tokens)" if self.lower_bound else self.name


def chart_points(rows: list[ModelRow]) -> tuple[list[ChartPoint], list[ModelRow]]:
    """Split `rows` into the points the chart draws and the rows it leaves out for lack of a token count."""
    points: list[ChartPoint] = []
    left_out: list[ModelRow] = []
    for row in rows:
        if row.training_data.unit != "tokens":
            left_out.append(row)
            continue
        points.append(
            ChartPoint(
                name=row.name,
                parameters=row.parameters,
                tokens=row.training_data.amount,
                illustrative=row.illustrative,
                lower_bound=row.training_data.lower_bound,
            )
        )
    return points, left_out


def render_models_chart(rows: list[ModelRow]) -> str:
    """Render the chart of `rows` as an HTML figure holding an inline SVG and a caption."""
    points, left_out = chart_points(rows)
    if not points:
        raise ValueError(
            "data/models.yml: no row counts its training data in tokens, so the chart on /models/ would be empty; "
            "give at least one row 'training_data.unit: tokens'"
        )
    svg = inline_svg(_draw(points), element_id=ELEMENT_ID, title=TITLE, description=describe(points, left_out), colours=COLOURS)
    caption = html.escape(_caption(left_out))
    return f'<figure class="field-guide-chart">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>\n'


def describe(points: list[ChartPoint], left_out: list[ModelRow]) -> str:
    """Return the chart's text description for screen readers: its axes and every point."""
    published = [point for point in points if not point.illustrative]
    illustrative = [point for point in points if point.illustrative]
    sentences = [
        "Scatter plot on logarithmic axes: training tokens across, parameters up.",
        *_point_sentence("Published models, filled circles", published),
        *_point_sentence("Illustrative rows from the original article, hollow squares", illustrative),
    ]
    if left_out:
        sentences.append(f"Not shown, because their sources count training data in another unit: {_names(left_out)}.")
    return " ".join(sentences)


def _point_sentence(group: str, points: list[ChartPoint]) -> list[str]:
    if not points:
        return []
    items = "; ".join(
        f"{point.name}, {format_count(point.parameters)} parameters, "
        f"{'over ' if point.lower_bound else ''}{format_count(point.tokens)} tokens"
        for point in points
    )
    return [f"{group}: {items}."]


def _caption(left_out: list[ModelRow]) -> str:
    caption = (
        "Parameters against training tokens, both on logarithmic scales. Filled circles are published models; "
        "hollow squares are the illustrative rows of the original article. An arrow marks a token count that "
        "the source gives only as a minimum."
    )
    if left_out:
        caption += f" Not shown: {_names(left_out)}, whose sources count training data in words or gigabytes of text."
    return caption


def _names(rows: list[ModelRow]) -> str:
    names = [row.name for row in rows]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _draw(points: list[ChartPoint]) -> str:
    """Draw the scatter plot and return matplotlib's SVG document."""
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=_SIZE_INCHES, dpi=_DPI)
        canvas = FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_facecolor("none")
        axes.set_xlabel("Training tokens")
        axes.set_ylabel("Parameters")
        # The x axis leaves room on the right for the arrow and label of a minimum.
        axes.set_xlim(*_limits([point.tokens for point in points], above=12))
        axes.set_ylim(*_limits([point.parameters for point in points], above=4))
        for axis in (axes.xaxis, axes.yaxis):
            low, high = axis.get_view_interval()
            decades = range(math.ceil(math.log10(low)), math.floor(math.log10(high)) + 1)
            axis.set_major_locator(FixedLocator([10.0**power for power in decades]))
            axis.set_minor_locator(NullLocator())
            axis.set_major_formatter(FuncFormatter(lambda value, _position: format_count(round(value))))
        axes.grid(visible=True, color=_INK, alpha=0.15, linewidth=0.6)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)

        for illustrative, colour, marker, legend in (
            (False, _PUBLISHED, "o", "Published model"),
            (True, _ILLUSTRATIVE, "s", "Illustrative row (original article)"),
        ):
            group = [point for point in points if point.illustrative == illustrative]
            if not group:
                continue
            axes.plot(
                [point.tokens for point in group],
                [point.parameters for point in group],
                linestyle="none",
                marker=marker,
                markersize=_MARKER_SIZE,
                markeredgewidth=1.5,
                markeredgecolor=colour,
                markerfacecolor="none" if illustrative else colour,
                label=legend,
            )

        # A minimum is drawn as an arrow from the point towards larger token counts.
        arrows = [
            axes.annotate(
                "",
                xy=(point.tokens * 2.5, point.parameters),
                xytext=(point.tokens, point.parameters),
                arrowprops={"arrowstyle": "->", "color": _INK, "linewidth": 1, "shrinkA": 5, "shrinkB": 0},
            )
            for point in points
            if point.lower_bound
        ]

        legend = axes.legend(loc="upper left", frameon=False)
        figure.tight_layout()
        renderer = canvas.get_renderer()
        place_labels(
            axes,
            renderer,
            [Point(x=point.tokens, y=point.parameters, label=point.label) for point in points],
            marker_radius=_MARKER_SIZE / 2 + 1,
            colour=_INK,
            obstacles=[legend.get_window_extent(renderer)] + [arrow.get_window_extent(renderer) for arrow in arrows],
        )

        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", transparent=True, metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _limits(values: list[int], above: float) -> tuple[float, float]:
    """Return axis limits from a third of the smallest value to `above` times the largest."""
    return min(values) / 3, max(values) * above
