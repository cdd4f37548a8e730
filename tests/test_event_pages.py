"""Event pages and the grouped /events/ list, rendered from sample events."""

import datetime as dt
import re

from event_samples import SITE, make_event

from field_guide.dates import format_deadline
from field_guide.event_pages import generated_event_files, render_event_page, render_events_list

WITH_DEADLINES = make_event(
    "iclr-2027",
    dt.date(2027, 4, 22),
    dt.date(2027, 4, 26),
    name="ICLR 2027",
    deadlines=[
        {"name": "Paper submission", "due": "2026-09-24T23:59", "timezone": "AoE"},
        {"name": "Abstract submission", "due": "2026-09-19T23:59", "timezone": "AoE"},
        {"name": "Author notification", "due": "2027-01-22T12:00", "timezone": "Europe/Vienna"},
    ],
)


def section(markdown: str, heading: str) -> str:
    """Return the lines after `## heading`, up to the next heading."""
    match = re.search(rf"^## {heading}\b.*?\n(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, f"no section {heading!r} in:\n{markdown}"
    return match.group(1)


def test_deadline_formats() -> None:
    deadlines = {deadline.name: deadline for deadline in WITH_DEADLINES.deadlines}
    assert format_deadline(deadlines["Paper submission"]) == "24 September 2026, 23:59 AoE (UTC−12:00)"
    assert format_deadline(deadlines["Author notification"]) == "22 January 2027, 12:00 Europe/Vienna (UTC+01:00)"


def test_deadlines_listed_in_order() -> None:
    lines = section(render_event_page(WITH_DEADLINES, dt.date(2026, 9, 1), SITE), "Deadlines").strip().splitlines()
    assert lines == [
        '- **Abstract submission:** <time class="fg-deadline" datetime="2026-09-20T11:59:00Z">'
        "19 September 2026, 23:59 AoE (UTC−12:00)</time>",
        '- **Paper submission:** <time class="fg-deadline" datetime="2026-09-25T11:59:00Z">'
        "24 September 2026, 23:59 AoE (UTC−12:00)</time>",
        '- **Author notification:** <time class="fg-deadline" datetime="2027-01-22T11:00:00Z">'
        "22 January 2027, 12:00 Europe/Vienna (UTC+01:00)</time>",
    ]


def test_no_deadlines_no_section() -> None:
    page = render_event_page(make_event("plain", dt.date(2027, 1, 5), dt.date(2027, 1, 6)), dt.date(2026, 9, 1), SITE)
    assert "## Deadlines" not in page


def test_page_links_calendar_and_neighbours() -> None:
    before = make_event("before", dt.date(2027, 1, 5), dt.date(2027, 1, 6), name="Before")
    after = make_event("after", dt.date(2027, 6, 5), dt.date(2027, 6, 6), name="After")
    page = render_event_page(WITH_DEADLINES, dt.date(2026, 9, 1), SITE, previous=before, following=after)
    assert "[Add to calendar](iclr-2027.ics){ .md-button" in page
    assert "Previous by date: [Before](before.md) · Next by date: [After](after.md) · [All events](index.md)" in page


def test_unverified_page_badge() -> None:
    event = make_event(
        "rumoured",
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 6),
        verified=False,
        sources=[],
        unverified_reason="no page found",
    )
    page = render_event_page(event, dt.date(2026, 9, 1), SITE)
    assert '<span class="fg-badge fg-badge--unverified">unverified</span>' in page
    assert "No official source confirms these details: no page found." in page
    assert "- None found: the dates come from the original article." in page


def test_list_groups_on_build_day() -> None:
    events = [
        make_event("cvpr-2026", dt.date(2026, 6, 3), dt.date(2026, 6, 7)),
        make_event("iclr-2026", dt.date(2026, 4, 23), dt.date(2026, 4, 27)),
        make_event("summit-2026", dt.date(2026, 10, 7), dt.date(2026, 10, 8)),
    ]
    listing = render_events_list(events, dt.date(2026, 6, 7))
    assert "(cvpr-2026.md)" in section(listing, "Happening now")
    assert ">ends today</span>" in section(listing, "Happening now")
    assert "(summit-2026.md)" in section(listing, "Upcoming")
    assert ">in 4 months</span>" in section(listing, "Upcoming")
    assert "(iclr-2026.md)" in section(listing, "Past")
    assert ">ended 5 weeks ago</span>" in section(listing, "Past")
    assert "fg-empty" not in listing


def test_list_empty_group_says_so() -> None:
    listing = render_events_list([make_event("old", dt.date(2026, 1, 5), dt.date(2026, 1, 6))], dt.date(2026, 6, 7))
    assert '<p class="fg-empty">None as of 7 June 2026.</p>' in section(listing, "Upcoming")
    assert '<p class="fg-empty">None as of 7 June 2026.</p>' in section(listing, "Happening now")


def test_generated_files_per_event() -> None:
    events = [WITH_DEADLINES, make_event("earlier", dt.date(2027, 1, 5), dt.date(2027, 1, 6), name="Earlier")]
    files = {generated.path: generated for generated in generated_event_files(events, dt.date(2026, 9, 1), SITE)}
    assert sorted(files) == [
        "events/calendar.ics",
        "events/earlier.ics",
        "events/earlier.md",
        "events/iclr-2027.ics",
        "events/iclr-2027.md",
    ]
    assert files["events/iclr-2027.md"].is_page
    assert not files["events/calendar.ics"].is_page
    assert "Previous by date: [Earlier](earlier.md)" in files["events/iclr-2027.md"].content
    assert b"iclr-2027-paper-submission@guide.example.org" in files["events/calendar.ics"].content
