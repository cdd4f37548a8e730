"""Readable date ranges such as "23–27 April 2026"."""

from __future__ import annotations

import datetime as dt


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
