"""iCalendar files of the conference watch: one per event and one feed of every event."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from copy import deepcopy
from typing import TYPE_CHECKING

import icalendar

from field_guide.dates import format_date_range, format_day, format_deadline

if TYPE_CHECKING:
    from field_guide.conferences import Conference, Deadline
    from field_guide.site_address import SiteAddress

PRODUCT_ID = "-//LLM Field Guide//Conference watch//EN"
FEED_PATH = "events/calendar.ics"
FEED_NAME = "LLM Field Guide: conferences"

# Calendar apps that subscribe to the feed check it again after this long.
REFRESH_INTERVAL = dt.timedelta(days=1)


def calendar_path(event: Conference) -> str:
    """Return the path of an event's .ics file, relative to the docs folder."""
    return f"events/{event.id}.ics"


def page_path(event: Conference) -> str:
    """Return the URL path of an event's page, relative to the site root."""
    return f"events/{event.id}/"


def render_event_calendar(event: Conference, site: SiteAddress) -> bytes:
    """Return the .ics file of one event: the event itself and one timed entry per deadline."""
    calendar = _calendar()
    _add_time_zones(calendar, event.deadlines)
    for component in _components(event, site):
        calendar.add_component(component)
    return calendar.to_ical()


def render_feed(events: list[Conference], site: SiteAddress) -> bytes:
    """Return the subscribable feed of every event and deadline, ordered by start day."""
    calendar = _calendar()
    calendar.add("name", FEED_NAME)
    calendar.add("x-wr-calname", FEED_NAME)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    # The same interval for apps that predate REFRESH-INTERVAL (RFC 7986).
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    ordered = sorted(events, key=lambda event: (event.start, event.id))
    _add_time_zones(calendar, [deadline for event in ordered for deadline in event.deadlines])
    for event in ordered:
        for component in _components(event, site):
            calendar.add_component(component)
    return calendar.to_ical()


def _calendar() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def _add_time_zones(calendar: icalendar.Calendar, deadlines: list[Deadline]) -> None:
    """Add a VTIMEZONE for each zone the deadlines use, covering the calendar years they fall in."""
    moments: dict[str, list[dt.datetime]] = {}
    for deadline in deadlines:
        moments.setdefault(deadline.zone_key, []).append(deadline.due_at)
    for key, times in sorted(moments.items()):
        first_day = dt.date(min(times).year, 1, 1)
        last_day = dt.date(max(times).year + 1, 1, 1)
        zone = icalendar.Timezone.from_tzinfo(
            zoneinfo.ZoneInfo(key), tzid=key, first_date=first_day, last_date=last_day
        )
        calendar.add_component(_one_onset_each(zone))


def _one_onset_each(zone: icalendar.Timezone) -> icalendar.Timezone:
    """Rewrite each STANDARD or DAYLIGHT part that lists more onsets in RDATE as one part per onset.

    Both forms are valid RFC 5545, but vobject 0.9.9, and software built on it
    such as the Radicale CalDAV server, reads only the first value of an RDATE list.
    """
    parts: list[icalendar.cal.Component] = []
    for part in zone.subcomponents:
        rdates = part.pop("RDATE", None)
        parts.append(part)
        if rdates is None:
            continue
        # icalendar returns one RDATE property, or a list of them when the part has several.
        rdate_lists = rdates if isinstance(rdates, list) else [rdates]
        for rdate_list in rdate_lists:
            for onset in rdate_list.dts:
                copy = deepcopy(part)
                copy.pop("DTSTART")
                copy.add("dtstart", onset.dt)
                parts.append(copy)
    zone.subcomponents = sorted(parts, key=lambda part: part.decoded("DTSTART"))
    return zone


def _components(event: Conference, site: SiteAddress) -> list[icalendar.Event]:
    return [_event_entry(event, site)] + [_deadline_entry(event, deadline, site) for deadline in event.deadlines]


def _event_entry(event: Conference, site: SiteAddress) -> icalendar.Event:
    """Return the all-day entry of an event; DTEND is the day after the last day, as RFC 5545 requires."""
    entry = icalendar.Event()
    entry.add("uid", f"{event.id}@{site.host}")
    entry.add("dtstamp", _stamp(event))
    entry.add("dtstart", event.start)
    entry.add("dtend", event.end + dt.timedelta(days=1))
    entry.add("summary", event.name if event.verified else f"{event.name} (unverified)")
    entry.add("location", ", ".join(part for part in (event.venue, event.city, event.country_name) if part))
    entry.add("url", site.url(page_path(event)))
    entry.add("description", _event_description(event, site))
    entry.add("status", "CONFIRMED" if event.verified else "TENTATIVE")
    # A conference on the calendar should not mark every day of it as busy.
    entry.add("transp", "TRANSPARENT")
    if event.topics:
        entry.add("categories", list(event.topics))
    return entry


def _deadline_entry(event: Conference, deadline: Deadline, site: SiteAddress) -> icalendar.Event:
    """Return a deadline as a timed entry in its own zone; with no DTEND it lasts no time, per RFC 5545."""
    entry = icalendar.Event()
    entry.add("uid", f"{event.id}-{deadline.slug}@{site.host}")
    entry.add("dtstamp", _stamp(event))
    entry.add("dtstart", deadline.due_at)
    entry.add("summary", f"{event.name}: {deadline.name}")
    entry.add("url", site.url(page_path(event)))
    entry.add("description", f"{deadline.name} for {event.name}, due {format_deadline(deadline)}.")
    entry.add("transp", "TRANSPARENT")
    return entry


def _event_description(event: Conference, site: SiteAddress) -> str:
    lines = [event.full_name or event.name, format_date_range(event.start, event.end)]
    if event.schedule:
        lines.append(f"Schedule: {event.schedule}")
    if event.website:
        lines.append(f"Website: {event.website}")
    if event.verified:
        lines.append(f"Checked against its sources on {format_day(event.checked)}.")
    else:
        lines.append(f"Unverified: {event.unverified_reason}.")
    lines.append(f"Details: {site.url(page_path(event))}")
    return "\n".join(lines)


def _stamp(event: Conference) -> dt.datetime:
    """Return DTSTAMP from the day the facts were checked, so that the same data gives the same file."""
    return dt.datetime.combine(event.checked, dt.time(), tzinfo=dt.UTC)
