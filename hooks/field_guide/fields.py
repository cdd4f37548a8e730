"""Field types shared by the data schemas: text, ids, counts, URLs, countries, time zones."""

from __future__ import annotations

import re
import zoneinfo
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from babel import Locale
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from field_guide.quantities import parse_count

# Strict: YAML turns `NO` or `1.10` into a bool or a number, which must not
# silently become the text "False" or "1.1".
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]

Slug = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
ReferenceKey = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")]


def _count(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a count")
    if isinstance(value, int):
        if value <= 0:
            raise ValueError(f"{value} is not positive")
        return value
    if isinstance(value, str):
        return parse_count(value)
    raise ValueError(f"{value!r} is not a count; write a whole number or one with a suffix, such as 100M or 1.4T")


Count = Annotated[int, BeforeValidator(_count)]

Percentage = Annotated[float, Field(ge=0, le=100, strict=False)]


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value!r} is not an absolute http or https URL")
    return value


Url = Annotated[str, StringConstraints(strict=True), AfterValidator(_url)]


# CLDR territories with two-letter codes that are groupings or placeholders, not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "ZZ"})


@cache
def country_names() -> dict[str, str]:
    """Return ISO 3166-1 alpha-2 codes mapped to English names, from the CLDR data babel ships."""
    territories = Locale("en").territories
    return {
        code: name
        for code, name in territories.items()
        if re.fullmatch(r"[A-Z]{2}", code) and code not in _NOT_COUNTRIES
    }


def _country(value: str) -> str:
    if value not in country_names():
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code, such as GB or US")
    return value


CountryCode = Annotated[str, StringConstraints(strict=True), AfterValidator(_country)]


def _time_zone(value: str) -> str:
    if value not in zoneinfo.available_timezones():
        raise ValueError(f"{value!r} is not an IANA time zone, such as Europe/London")
    return value


TimeZoneName = Annotated[str, StringConstraints(strict=True), AfterValidator(_time_zone)]
