"""Rendering the data pages: golden Markdown, date ranges and escaping."""

import datetime as dt
import os
from pathlib import Path

import pytest

from field_guide.dates import format_date_range
from field_guide.event_pages import render_event_page, render_events_list
from field_guide.markdown_text import link, text
from field_guide.models_table import SORT_KEY_DIGITS, count_sort_key, render_models_table
from field_guide.references_page import PageLink, render_references
from field_guide.site_address import SiteAddress
from field_guide.site_data import load_site_data

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"

# The day the event facts were checked; the events' status labels are rendered as of that day.
EVENTS_TODAY = dt.date(2026, 12, 4)
SITE = SiteAddress.from_site_url("https://guide.example.org/")


@pytest.fixture(scope="module")
def data():
    return load_site_data(ROOT)


def assert_golden(name: str, rendered: str) -> None:
    """Compare with tests/golden/NAME; with UPDATE_GOLDEN=1, rewrite the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8"), f"{name} differs; review and rerun with UPDATE_GOLDEN=1"


def test_models_table_golden(data) -> None:
    assert_golden("models_table.md", render_models_table(data.models, references_url="references.md"))


def test_models_table_sort_keys(data) -> None:
    from bs4 import BeautifulSoup

    table = BeautifulSoup(render_models_table(data.models, references_url="references.md"), "html.parser")
    rows = {row.td.get_text(): [cell.get("data-sort") for cell in row.find_all("td")] for row in table.select("tbody tr")}
    parameters = sorted(rows, key=lambda name: rows[name][1])
    assert parameters[:2] == ["LLM-1 *(illustrative)*", "BERT-base"]
    assert parameters[-1] == "GPT-3"
    # 1.5B sorts after 100M and 1B although "1.5B" < "100M" as text.
    assert parameters.index("GPT-2") > parameters.index("LLM-2 *(illustrative)*")
    training = sorted(rows, key=lambda name: rows[name][2])
    assert training[-3:] == ["Llama 3 70B", "BERT-base", "GPT-2"]
    performance = sorted(rows, key=lambda name: rows[name][3])
    assert performance[:2] == ["BERT-base", "GPT-2"]
    assert performance[2] == "GPT-3"
    assert performance[-1] == "LLM-3 *(illustrative)*"


def test_count_sort_key_width() -> None:
    assert count_sort_key(100_000_000) < count_sort_key(1_500_000_000)
    assert len(count_sort_key(1)) == SORT_KEY_DIGITS
    with pytest.raises(ValueError, match="has more than"):
        count_sort_key(10**SORT_KEY_DIGITS)


def test_events_list_golden(data) -> None:
    assert_golden("events_list.md", render_events_list(data.conferences, EVENTS_TODAY))


def test_event_page_golden(data) -> None:
    events = {event.id: event for event in data.conferences}
    cvpr = render_event_page(events["cvpr-2026"], EVENTS_TODAY, SITE, previous=events["iclr-2026"])
    assert_golden("event_cvpr-2026.md", cvpr)
    summit = render_event_page(events["generative-ai-summit-2026"], EVENTS_TODAY, SITE, following=events["iclr-2026"])
    assert_golden("event_generative-ai-summit-2026.md", summit)


def test_references_golden(data) -> None:
    used_on = {"vaswani2017": [PageLink("Introduction", "index.md"), PageLink("Architecture", "architecture.md")]}
    assert_golden("references.md", render_references(data.references, used_on))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2026, 4, 23), dt.date(2026, 4, 27), "23–27 April 2026"),
        (dt.date(2026, 6, 3), dt.date(2026, 6, 3), "3 June 2026"),
        (dt.date(2026, 6, 29), dt.date(2026, 7, 2), "29 June – 2 July 2026"),
        (dt.date(2026, 12, 30), dt.date(2027, 1, 2), "30 December 2026 – 2 January 2027"),
    ],
)
def test_date_range_forms(start: dt.date, end: dt.date, expected: str) -> None:
    assert format_date_range(start, end) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a | b", "a &#124; b"),
        ("<script>alert(1)</script>", "&#60;script&#62;alert(1)&#60;/script&#62;"),
        ("*bold* _em_ [x](y)", "&#42;bold&#42; &#95;em&#95; &#91;x&#93;(y)"),
        ("- not a list", "&#45; not a list"),
        ("1. not a list", "1&#46; not a list"),
        ("two\nlines", "two lines"),
        ("GPT-2, 1.5B", "GPT-2, 1.5B"),
    ],
)
def test_text_escapes_syntax(value: str, expected: str) -> None:
    assert text(value) == expected


def test_link_target_cannot_break_out() -> None:
    assert link("x", "https://example.org/a b)<c>") == "[x](<https://example.org/a%20b%29%3Cc%3E>)"
