"""Whether an event is upcoming, happening now or past on a given day, and how far away it is.

docs/javascripts/events.js repeats these rules in the reader's browser. So a
page built months ago still groups and labels events by the reader's date.
tests/test_events_script.py checks that both give the same results.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from field_guide.conferences import Conference


class Status(Enum):
    """Position of an event relative to one day. The value is the HTML id of its group on /events/."""

    UPCOMING = "upcoming"
    HAPPENING = "happening-now"
    PAST = "past"

    @property
    def title(self) -> str:
        """Heading of the group on /events/."""
        return {Status.UPCOMING: "Upcoming", Status.HAPPENING: "Happening now", Status.PAST: "Past"}[self]


def status_on(start: dt.date, end: dt.date, today: dt.date) -> Status:
    """Return the status of an event held from `start` to `end`, both days included, on `today`."""
    if today < start:
        return Status.UPCOMING
    if today <= end:
        return Status.HAPPENING
    return Status.PAST


def group_events(events: list[Conference], today: dt.date) -> dict[Status, list[Conference]]:
    """Group events by status on `today`, every group present, each ordered nearest to `today` first.

    Upcoming events come by start day, events happening now by the day they end,
    and past events most recently ended first; the id breaks ties.
    """
    groups: dict[Status, list[Conference]] = {status: [] for status in Status}
    for event in events:
        groups[status_on(event.start, event.end, today)].append(event)

    groups[Status.UPCOMING].sort(key=lambda event: (event.start, event.id))
    groups[Status.HAPPENING].sort(key=lambda event: (event.end, event.id))
    groups[Status.PAST].sort(key=lambda event: (-event.end.toordinal(), event.id))
    return groups


def relative_label(start: dt.date, end: dt.date, today: dt.date) -> str:
    """Say how far `today` is from the event, as "in 12 days", "ends tomorrow" or "ended 3 weeks ago"."""
    status = status_on(start, end, today)
    if status is Status.UPCOMING:
        days = (start - today).days
        return "starts tomorrow" if days == 1 else f"in {_duration(days)}"
    if status is Status.HAPPENING:
        days = (end - today).days
        if days == 0:
            return "ends today"
        return "ends tomorrow" if days == 1 else f"ends in {_duration(days)}"
    days = (today - end).days
    return "ended yesterday" if days == 1 else f"ended {_duration(days)} ago"


def _duration(days: int) -> str:
    """Round a span of 2 or more days down to days, weeks, months (30 days) or years (365 days)."""
    if days < 14:
        return f"{days} days"
    if days < 60:
        return f"{days // 7} weeks"
    if days < 365:
        return f"{days // 30} months"
    years = days // 365
    return "1 year" if years == 1 else f"{years} years"
