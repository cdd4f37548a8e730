"""Schema.org Event structured data on event pages."""

import datetime as dt
import json
import re

from event_samples import SITE, make_event

from field_guide.event_pages import render_event_page
from field_guide.event_schema import event_json_ld, render_json_ld

EVENT = make_event(
    "cvpr-2026",
    dt.date(2026, 6, 3),
    dt.date(2026, 6, 7),
    name="CVPR 2026",
    full_name="IEEE/CVF Conference on Computer Vision and Pattern Recognition",
    city="Denver",
    country="US",
    venue="Colorado Convention Center",
    website="https://cvpr.thecvf.com/Conferences/2026",
)
SCRIPT = re.compile(r'<script type="application/ld\+json">\n(.*?)\n</script>', re.DOTALL)


def parsed(markup: str) -> dict:
    found = SCRIPT.findall(markup)
    assert len(found) == 1, markup
    return json.loads(found[0])


def test_json_ld_fields() -> None:
    data = parsed(render_json_ld(EVENT, SITE))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "CVPR 2026"
    assert data["startDate"] == "2026-06-03"
    assert data["endDate"] == "2026-06-07"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["url"] == "https://guide.example.org/events/cvpr-2026/"
    assert data["sameAs"] == "https://cvpr.thecvf.com/Conferences/2026"


def test_json_ld_location() -> None:
    location = parsed(render_json_ld(EVENT, SITE))["location"]
    assert location["@type"] == "Place"
    assert location["name"] == "Colorado Convention Center"
    assert location["address"] == {"@type": "PostalAddress", "addressLocality": "Denver", "addressCountry": "US"}


def test_json_ld_place_without_venue() -> None:
    event = make_event("no-venue", dt.date(2026, 6, 3), dt.date(2026, 6, 4))
    assert event_json_ld(event, SITE)["location"]["name"] == "Vienna"


def test_json_ld_cannot_close_script() -> None:
    event = make_event("tricky", dt.date(2026, 6, 3), dt.date(2026, 6, 4), name="A </script><b>&amp;")
    markup = render_json_ld(event, SITE)
    assert markup.count("</script>") == 1
    assert "<b>" not in markup
    assert parsed(markup)["name"] == "A </script><b>&amp;"


def test_page_carries_json_ld() -> None:
    page = render_event_page(EVENT, dt.date(2026, 5, 1), SITE)
    assert parsed(page)["name"] == "CVPR 2026"


def test_unverified_page_has_none() -> None:
    event = make_event(
        "rumoured", dt.date(2026, 6, 3), dt.date(2026, 6, 4), verified=False, sources=[], unverified_reason="no page"
    )
    assert SCRIPT.findall(render_event_page(event, dt.date(2026, 5, 1), SITE)) == []
