"""Schema.org `Event` structured data (JSON-LD) for an event's page."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from field_guide.event_calendar import page_path

if TYPE_CHECKING:
    from field_guide.conferences import Conference
    from field_guide.site_address import SiteAddress

# Escapes that keep the JSON inside its <script> element: "</script>" or "<!--" in a value cannot end it.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def event_json_ld(event: Conference, site: SiteAddress) -> dict[str, Any]:
    """Return the schema.org Event of `event` as a JSON-ready dict."""
    address = {"@type": "PostalAddress", "addressLocality": event.city, "addressCountry": event.country}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.name,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": event.venue or event.city, "address": address},
        "url": site.url(page_path(event)),
    }
    if event.full_name:
        data["alternateName"] = event.full_name
    if event.website:
        data["sameAs"] = event.website
    if event.topics:
        data["keywords"] = ", ".join(event.topics)
    return data


def render_json_ld(event: Conference, site: SiteAddress) -> str:
    """Return a <script type="application/ld+json"> element holding the event's structured data."""
    payload = json.dumps(event_json_ld(event, site), ensure_ascii=False, indent=2, sort_keys=True)
    payload = payload.translate(_SCRIPT_SAFE)
    return f'<script type="application/ld+json">\n{payload}\n</script>'
