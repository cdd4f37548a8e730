"""Events of the conference watch (`data/conferences.yml`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from field_guide.fields import CountryCode, Slug, Text, TimeZoneName, Url, country_names


class Conference(BaseModel):
    """One event: where and when it takes place, and how sure we are of that."""

    # strict: a YAML 1 or "yes" is no bool, and "2026-06-03" in quotes is text, not a date.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)

    id: Slug
    name: Text
    full_name: Text | None = None
    start: dt.date
    end: dt.date
    """Last day of the event, included."""
    schedule: Text | None = None
    city: Text
    country: CountryCode
    venue: Text | None = None
    timezone: TimeZoneName
    website: Url | None = None
    kind: Literal["academic", "industry"]
    topics: list[Text] = []
    verified: bool
    unverified_reason: Text | None = None
    sources: list[Url] = []
    checked: dt.date
    """When the dates and place were last checked against the sources."""
    correction: Text | None = None

    @property
    def country_name(self) -> str:
        """English name of the country, from the CLDR data."""
        return country_names()[self.country]


def check_conference(event: Conference) -> list[tuple[tuple[str, ...], str, str]]:
    """Return the cross-field errors of an event as (field path, message, fix).

    Missing sources are editorial gaps, checked as warnings in field_guide.editorial.
    """
    problems: list[tuple[tuple[str, ...], str, str]] = []
    if event.end < event.start:
        problems.append(
            (("end",), f"{event.end.isoformat()} is before start {event.start.isoformat()}", "set end on or after start")
        )
    return problems
