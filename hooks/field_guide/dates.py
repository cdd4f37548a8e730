"""Dates as the site shows them ("23–27 April 2026"), and the day a build treats as today."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from field_guide.conferences import Deadline

# Minus sign, not a hyphen, in offsets such as UTC−12:00.
_MINUS = "\N{MINUS SIGN}"


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """Return the day this build treats as today: the UTC day of SOURCE_DATE_EPOCH when set, else the local date.

    Reproducible builds and tests set SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC)
    so that the same sources give the same site on any day.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today()
    try:
        seconds = int(epoch)
    except ValueError:
        raise ValueError(
            f"SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01 UTC, got {epoch!r}; "
            "set it to a number such as 1780000000, or unset it to use the current date"
        ) from None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()


def format_day(day: dt.date) -> str:
    """Format a date as "3 June 2026"."""
    return f"{day.day} {day:%B} {day.year}"


def format_date_range(start: dt.date, end: dt.date) -> str:
    """Format an inclusive range, naming the month and year only once when they are shared."""
    if start == end:
        return format_day(start)
    if start.year != end.year:
        return f"{format_day(start)} – {format_day(end)}"
    if start.month != end.month:
        return f"{start.day} {start:%B} – {end.day} {end:%B} {end.year}"
    return f"{start.day}–{end.day} {end:%B} {end.year}"


def format_deadline(deadline: Deadline) -> str:
    """Format a deadline in its own zone, as "23 January 2026, 23:59 AoE (UTC−12:00)"."""
    due = deadline.due_at
    return f"{format_day(due.date())}, {due:%H:%M} {deadline.timezone} ({format_utc_offset(due)})"


def format_utc_offset(moment: dt.datetime) -> str:
    """Format the UTC offset of an aware date-time as "UTC+02:00", "UTC−12:00" or "UTC"."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else _MINUS
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"
