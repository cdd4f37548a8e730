"""Events of the conference watch (`data/conferences.yml`)."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints

from field_guide.fields import CountryCode, Slug, Text, TimeZoneName, Url, country_names

ANYWHERE_ON_EARTH = "AoE"
"""Zone name that call-for-papers pages use for UTC−12, so that a deadline is open until its day ends everywhere."""

# IANA spells UTC−12 with the POSIX sign convention, reversed.
_ANYWHERE_ON_EARTH_ZONE = "Etc/GMT+12"


def _deadline_zone(value: str) -> str:
    if value != ANYWHERE_ON_EARTH and value not in zoneinfo.available_timezones():
        raise ValueError(
            f"{value!r} is neither an IANA time zone, such as Europe/London, nor {ANYWHERE_ON_EARTH!r} (UTC−12)"
        )
    return value


DeadlineZone = Annotated[str, StringConstraints(strict=True), AfterValidator(_deadline_zone)]


def _local_time(value: Any) -> Any:
    # YAML reads 2026-01-23 as a date, which would silently become midnight.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        example = f"{value.isoformat()}T23:59"
        raise ValueError(f"{value.isoformat()} has no time of day; write the date and time, such as {example}")
    return value


def _no_offset(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        raise ValueError(
            f"{value.isoformat()} carries a UTC offset; write the local time alone and put the zone in 'timezone'"
        )
    return value


LocalDateTime = Annotated[dt.datetime, BeforeValidator(_local_time), AfterValidator(_no_offset)]


class Deadline(BaseModel):
    """A submission or notification date of an event, at a time of day in a named zone."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    """Item due, such as "Abstract submission" or "Author notification"."""
    due: LocalDateTime
    """Wall-clock time in `timezone`, without an offset."""
    timezone: DeadlineZone

    @property
    def slug(self) -> str:
        """Return the name in lower case with dashes, as used in calendar UIDs."""
        return "-".join(re.findall(r"[a-z0-9]+", self.name.lower()))

    @property
    def zone_key(self) -> str:
        """IANA name of the deadline's zone: `timezone` itself, or Etc/GMT+12 for AoE."""
        return _ANYWHERE_ON_EARTH_ZONE if self.timezone == ANYWHERE_ON_EARTH else self.timezone

    @property
    def due_at(self) -> dt.datetime:
        """Return the deadline as an aware date-time in its own zone."""
        return self.due.replace(tzinfo=zoneinfo.ZoneInfo(self.zone_key))


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
    deadlines: list[Deadline] = []

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
    # Calendar UIDs contain the slug, so two names with the same slug would clash.
    named: dict[str, str] = {}
    for deadline in event.deadlines:
        if not deadline.slug:
            message = f"deadline name {deadline.name!r} has no letter or digit"
            problems.append((("deadlines",), message, "name what is due, such as 'Paper submission'"))
        elif deadline.slug in named:
            first = named[deadline.slug]
            message = (
                f"deadline names {first!r} and {deadline.name!r} are the same once case and punctuation are ignored"
            )
            problems.append((("deadlines",), message, "give each deadline its own name"))
        else:
            named[deadline.slug] = deadline.name
    return problems
