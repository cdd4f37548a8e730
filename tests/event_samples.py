"""Events built in tests, independent of data/conferences.yml."""

from __future__ import annotations

import datetime as dt
from typing import Any

from field_guide.conferences import Conference
from field_guide.site_address import SiteAddress

SITE = SiteAddress.from_site_url("https://guide.example.org/")


def make_event(event_id: str, start: dt.date, end: dt.date, **fields: Any) -> Conference:
    """Return a valid verified event with `fields` replacing the defaults."""
    values: dict[str, Any] = {
        "id": event_id,
        "name": event_id.upper(),
        "start": start,
        "end": end,
        "city": "Vienna",
        "country": "AT",
        "timezone": "Europe/Vienna",
        "kind": "academic",
        "verified": True,
        "sources": ["https://conference.example.org/"],
        "checked": dt.date(2026, 12, 4),
    }
    values.update(fields)
    return Conference.model_validate(values)


def spread_events() -> list[Conference]:
    """Return events around 1 June 2026: two ahead, two under way, three over, two of them ending the same day."""
    return [
        make_event("far", dt.date(2026, 9, 1), dt.date(2026, 9, 3)),
        make_event("near", dt.date(2026, 6, 10), dt.date(2026, 6, 12)),
        make_event("long-running", dt.date(2026, 5, 1), dt.date(2026, 6, 30)),
        make_event("ending", dt.date(2026, 5, 30), dt.date(2026, 6, 2)),
        make_event("old", dt.date(2026, 1, 5), dt.date(2026, 1, 6)),
        make_event("recent", dt.date(2026, 4, 1), dt.date(2026, 5, 20)),
        make_event("also-recent", dt.date(2026, 5, 19), dt.date(2026, 5, 20)),
    ]
