"""Every text field reaches the page as text: property tests over arbitrary Unicode, and one real build.

The property tests render each data page's Markdown with the Python-Markdown
extensions that mkdocs.yml configures, which is what a build does for the
page body, at a fraction of the cost. One real `mkdocs build` with hostile
values then checks the finished pages.
"""

import copy
import datetime as dt
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from field_guide.conferences import Conference
from field_guide.event_pages import render_event_page, render_events_list
from field_guide.json_schema import file_schema
from field_guide.markdown_text import text
from field_guide.model_rows import ModelRow
from field_guide.models_table import render_models_table
from field_guide.references import Reference
from field_guide.references_page import render_references
from field_guide.site_address import SiteAddress
from site_builds import copy_project, mkdocs_build

ROOT = Path(__file__).resolve().parents[1]

# Values that are syntax somewhere in the Markdown or HTML pipeline.
HOSTILE = [
    "a | b",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "# Heading",
    "Name ##",
    "??? note",
    "!!! warning",
    "- item",
    "1. item",
    "> quote",
    "*bold* _em_ **strong**",
    "[link](https://example.org)",
    "[^1]",
    "*[HTML]: abbreviation",
    "{: .injected onclick=x }",
    '--8<-- "mkdocs.yml"',
    "`code` ``more``",
    "```python",
    "&amp; &lt;b&gt; &#60;",
    "back\\slash \\*",
    "<!-- comment -->",
    "<div markdown>x</div>",
    "line\nbreak   and\ttab",
    "~~strike~~ ==mark== ^^sup^^",
    "https://example.org/<tag>",
    "\u202eright-to-left override",
    "emoji 🦙 and CJK 大模型",
]

TEXT_VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Co")), min_size=1, max_size=40),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map(" ".join),
)

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)

BASE_RECORDS: dict[str, dict[str, Any]] = {
    "data/models.yml": {
        "id": "test-model",
        "name": "Test Model",
        "parameters": "1.5B",
        "parameters_note": "a note",
        "training_data": {"amount": "300B", "unit": "tokens", "note": "a note"},
        "performance": {"value": 43.9, "metric": "accuracy", "benchmark": "MMLU", "source": "brown2020", "note": "n"},
        "performance_note": "why none",
        "source": "brown2020",
    },
    "data/conferences.yml": {
        "id": "test-2026",
        "name": "Test Conference",
        "full_name": "The Test Conference",
        "start": "2026-06-03",
        "end": "2026-06-05",
        "schedule": "all day",
        "city": "Denver",
        "country": "US",
        "venue": "A Hall",
        "timezone": "America/Denver",
        "kind": "academic",
        "topics": ["testing"],
        "verified": False,
        "unverified_reason": "no official page",
        "checked": "2026-12-04",
        "correction": "none",
        "deadlines": [{"name": "Paper submission", "due": "2026-03-01T23:59", "timezone": "AoE"}],
    },
    "data/references.yml": {
        "key": "test2026",
        "type": "preprint",
        "title": "A Test",
        "authors": ["Ada Lovelace"],
        "year": 2026,
        "venue": "Somewhere",
        "pages": "1-2",
        "institution": "An Institute",
        "note": "a note",
    },
}

# A field the page shows only when another one is absent.
SHOWN_WITHOUT = {
    ("data/models.yml", "performance_note"): "performance",
    ("data/references.yml", "institution"): "venue",
}


def render_models(record: dict[str, Any]) -> str:
    return render_models_table([ModelRow.model_validate(record, strict=False)], references_url="references.md")


# Any fixed day and address will do: the checks concern how text is shown, not the event status.
RENDER_DAY = dt.date(2026, 12, 4)
RENDER_SITE = SiteAddress.from_site_url("https://llm-field-guide.github.io/")


def render_conference(record: dict[str, Any]) -> str:
    event = Conference.model_validate(record, strict=False)
    return render_events_list([event], RENDER_DAY) + "\n" + render_event_page(event, RENDER_DAY, RENDER_SITE)


def render_reference(record: dict[str, Any]) -> str:
    return render_references([Reference.model_validate(record, strict=False)], used_on={})


RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "data/models.yml": render_models,
    "data/conferences.yml": render_conference,
    "data/references.yml": render_reference,
}


def text_fields(data_file: str) -> list[tuple[str, ...]]:
    """Return the path of every free-text field of a data file, found in its JSON Schema.

    Free text is a string with a minimum length and no pattern, format or
    enum; a list of such strings counts too. Reading the schema means a new
    text field is tested without a change here.
    """
    schema = file_schema(data_file)
    definitions = schema["$defs"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        options = [option for option in node.get("anyOf", []) if option.get("type") != "null"]
        node = options[0] if len(options) == 1 else node
        return definitions[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node

    def walk(record: dict[str, Any], prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = []
        for name, field in record["properties"].items():
            node = resolve(field)
            if node.get("type") == "array":
                node = resolve(node["items"])
            if node.get("type") == "object":
                found.extend(walk(node, (*prefix, name)))
            elif node.get("type") == "string" and "minLength" in node and not {"pattern", "format", "enum"} & node.keys():
                found.append((*prefix, name))
        return found

    return walk(resolve(schema["items"]), ())


TEXT_FIELDS = [(data_file, path) for data_file in BASE_RECORDS for path in text_fields(data_file)]


@functools.cache
def site_markdown() -> markdown.Markdown:
    """Return a Markdown converter with the extensions and settings of mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"), hooks=[], plugins=[])
    extension_configs = copy.deepcopy(dict(config.mdx_configs))
    if "pymdownx.snippets" in extension_configs:
        extension_configs["pymdownx.snippets"]["base_path"] = [str(ROOT)]
    return markdown.Markdown(extensions=list(config.markdown_extensions), extension_configs=extension_configs)


def to_html(source: str) -> BeautifulSoup:
    converter = site_markdown()
    converter.reset()
    return BeautifulSoup(converter.convert(source), "html.parser")


def record_with(data_file: str, path: tuple[str, ...], value: str) -> dict[str, Any]:
    record = copy.deepcopy(BASE_RECORDS[data_file])
    hidden_by = SHOWN_WITHOUT.get((data_file, path[-1]))
    if hidden_by:
        del record[hidden_by]
    target = record
    for part in path[:-1]:
        target = target[part]
        # A list of records, such as deadlines: the value goes into the first one.
        if isinstance(target, list):
            target = target[0]
    target[path[-1]] = [value] if isinstance(target[path[-1]], list) else value
    return record


def structure(page: BeautifulSoup) -> list[tuple[str, tuple[str, ...]]]:
    """Return every element as (tag name, sorted attribute names), in document order."""
    return [(element.name, tuple(sorted(element.attrs))) for element in page.find_all(True)]


def assert_shown_as_text(data_file: str, path: tuple[str, ...], value: str) -> None:
    rendered = RENDERERS[data_file](record_with(data_file, path, value))
    placeholder = RENDERERS[data_file](record_with(data_file, path, "placeholder"))
    page, reference = to_html(rendered), to_html(placeholder)

    # The value must appear verbatim everywhere the placeholder does, such as
    # in both the events list and the event page's heading.
    # The BibTeX block shows the value in LaTeX form, and the label an author's
    # family name alone; the bibliography tests check those. Here, the value
    # must appear verbatim in the formatted entry itself.
    for block in (*page.select("details"), *reference.select("details")):
        block.decompose()
    shown = " ".join(value.split())
    expected = " ".join(reference.get_text().split()).count("placeholder")
    if data_file == "data/references.yml":
        # pybtex's style leaves out some fields for some work types, such as the pages of a preprint.
        expected = min(expected, 1)
    else:
        assert expected >= 1
    assert " ".join(page.get_text().split()).count(shown) >= expected, f"{path} value not shown verbatim"
    assert structure(page) == structure(reference), f"{path} value changed the page structure"
    for table in page.select("table"):
        header = len(table.select("thead th"))
        for row in table.select("tbody tr"):
            assert len(row.select("td")) == header


def test_text_fields_found() -> None:
    names = {".".join(path) for _file, path in TEXT_FIELDS}
    assert {"name", "training_data.note", "performance.benchmark", "city", "topics", "authors", "title"} <= names


@pytest.mark.parametrize(("data_file", "path"), TEXT_FIELDS, ids=lambda item: ".".join(item) if isinstance(item, tuple) else item)
@PROPERTY_SETTINGS
@given(value=TEXT_VALUES)
@example(value="<script>alert(1)</script>")
@example(value="Name ##")
@example(value="??? note")
def test_text_field_stays_text(data_file: str, path: tuple[str, ...], value: str) -> None:
    if not value.strip():
        return  # the schema rejects blank text, so it never reaches a page
    assert_shown_as_text(data_file, path, value)


@PROPERTY_SETTINGS
@given(value=TEXT_VALUES)
def test_text_is_one_line(value: str) -> None:
    assert "\n" not in text(value)


def test_real_build_with_hostile_values(tmp_path: Path) -> None:
    """Build the real site with hostile names and check the published pages."""
    copy_project(tmp_path)

    hostile = {
        "data/conferences.yml": ("  name: CVPR 2026\n", "name", '<img src=x onerror="alert(1)"> | CVPR ## ??? *x*'),
        "data/models.yml": ("  name: GPT-3\n", "name", "<script>alert(1)</script> | GPT-3 [^1] {: .x }"),
        # The bibliography style sets titles in sentence case, so this one has no capital letter.
        "data/references.yml": ("  title: Attention Is All You Need\n", "title", "# attention | <b>is</b> `all` --8<-- \"x\""),
    }
    for data_file, (old, field, value) in hostile.items():
        path = tmp_path / data_file
        content = path.read_text(encoding="utf-8")
        assert old in content
        path.write_text(content.replace(old, f"  {field}: {json.dumps(value)}\n", 1), encoding="utf-8")

    site = tmp_path / "site"
    result = mkdocs_build(tmp_path, site, execute=False)
    assert result.returncode == 0, result.stderr[-3000:]

    pages = {
        "data/conferences.yml": ["events/index.html", "events/cvpr-2026/index.html"],
        "data/models.yml": ["models/index.html"],
        "data/references.yml": ["references/index.html"],
    }
    for data_file, (_old, _field, value) in hostile.items():
        for page_path in pages[data_file]:
            article = BeautifulSoup((site / page_path).read_text(encoding="utf-8"), "html.parser").select_one("article")
            assert value in " ".join(article.get_text().split()), page_path
            # The only script allowed is the event's JSON-LD, and it must carry the value as data.
            assert article.select("script:not([type='application/ld+json']), img, b, sup.footnote-ref") == [], page_path
            for structured in article.select("script[type='application/ld+json']"):
                assert json.loads(structured.string)["name"] == value, page_path
            assert not any(attribute.startswith("on") for element in article.find_all(True) for attribute in element.attrs)
            for table in article.select("table"):
                header = len(table.select("thead th"))
                assert all(len(row.select("td")) == header for row in table.select("tbody tr")), page_path
