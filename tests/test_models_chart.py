"""The chart of /models/: which rows it draws, and the SVG it writes."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from field_guide.model_rows import ModelRow
from field_guide.models_chart import chart_points, render_models_chart
from field_guide.site_data import load_site_data
from field_guide.svg_markup import inline_svg

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def rows() -> list[ModelRow]:
    return load_site_data(ROOT).models


@pytest.fixture(scope="module")
def figure(rows: list[ModelRow]) -> ET.Element:
    return ET.fromstring(render_models_chart(rows))


def test_points_are_token_rows(rows: list[ModelRow]) -> None:
    points, left_out = chart_points(rows)
    assert [point.name for point in points] == [
        "LLM-1", "LLM-2", "LLM-3", "GPT-3", "Chinchilla", "LLaMA-65B", "Llama 2 70B", "Llama 3 70B",
    ]
    assert [row.name for row in left_out] == ["BERT-base", "GPT-2"]
    assert [point.name for point in points if point.illustrative] == ["LLM-1", "LLM-2", "LLM-3"]
    assert [point.label for point in points if point.lower_bound] == ["Llama 3 70B (over 15T tokens)"]


def test_svg_named_for_screen_readers(figure: ET.Element) -> None:
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    assert svg.get("role") == "img"
    title_id, description_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}title").text == "Parameters against training tokens"
    description = svg.find(f"{SVG}desc")
    assert description.get("id") == description_id
    assert "GPT-3, 175B parameters, 300B tokens" in description.text
    assert "LLM-1, 100M parameters, 1B tokens" in description.text
    assert "BERT-base and GPT-2" in description.text


def test_every_point_labelled(figure: ET.Element, rows: list[ModelRow]) -> None:
    texts = {"".join(element.itertext()) for element in figure.iter(f"{SVG}text")}
    points, _ = chart_points(rows)
    for point in points:
        assert point.label in texts
    assert "Training tokens" in texts
    assert "Parameters" in texts
    assert {"1B", "10B", "100B", "1T", "10T"} <= texts


def test_colours_follow_page(figure: ET.Element) -> None:
    markup = ET.tostring(figure, encoding="unicode")
    assert "currentColor" in markup
    assert "var(--field-guide-chart-published" in markup
    assert "var(--field-guide-chart-illustrative" in markup
    # No fixed ink colour and no background: the page's colours show through in either scheme.
    assert "#000000" not in markup
    assert "#ffffff" not in markup
    assert "DejaVu" not in markup
    svg = figure.find(f"{SVG}svg")
    assert svg.get("width") is None
    assert svg.get("viewBox")


def test_chart_is_deterministic(rows: list[ModelRow]) -> None:
    assert render_models_chart(rows) == render_models_chart(rows)


def test_chart_without_token_rows(rows: list[ModelRow]) -> None:
    no_tokens = [row for row in rows if row.training_data.unit != "tokens"]
    with pytest.raises(ValueError, match=r"^data/models\.yml: no row counts its training data in tokens"):
        render_models_chart(no_tokens)


def test_inline_svg_rejects_missing_colour() -> None:
    document = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10pt"><path style="fill: #000000"/></svg>'
    with pytest.raises(ValueError, match="placeholder colour #010203 does not occur"):
        inline_svg(document, element_id="x", title="T", description="D", colours={"#010203": "currentColor"})


def test_inline_svg_escapes_title() -> None:
    document = '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt"><path style="fill: #010203"/></svg>'
    svg = inline_svg(document, element_id="x", title="A < B & C", description="D", colours={"#010203": "currentColor"})
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "A < B & C"
    assert root.get("width") is None
    assert root.get("id") == "x"


def test_labels_do_not_overlap() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from field_guide.chart_labels import Point, place_labels

    figure = Figure(figsize=(4, 3), dpi=72)
    canvas = FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_xlim(0, 10)
    axes.set_ylim(0, 10)
    # Three points almost on top of each other, as Chinchilla, LLaMA-65B and Llama 2 70B are.
    points = [Point(5.0, 5.0, "first label"), Point(5.05, 5.05, "second label"), Point(5.3, 5.0, "third label")]
    renderer = canvas.get_renderer()
    labels = place_labels(axes, renderer, points, marker_radius=4, colour="black")

    boxes = [label.get_window_extent(renderer) for label in labels]
    frame = axes.get_window_extent(renderer)
    for index, box in enumerate(boxes):
        assert frame.contains(box.x0, box.y0), points[index].label
        assert frame.contains(box.x1, box.y1), points[index].label
        for other in boxes[index + 1 :]:
            assert not box.overlaps(other), points[index].label
