"""Field types shared by the data schemas: text, ids, counts, URLs, countries, time zones.

Each type carries a JSON Schema description and example, which the committed
schema files and the /contributing/ page show to authors.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import zoneinfo
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from babel import Locale
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema

from field_guide.quantities import COUNT_FIX, COUNT_PATTERN, parse_count


def _plain_text(value: str) -> str:
    # Control characters never belong in prose, and Python-Markdown uses
    # \x02 and \x03 to delimit its stash of raw HTML, so they must not pass.
    for character in value:
        if unicodedata.category(character) == "Cc" and character not in "\t\n\r":
            raise ValueError(f"control character U+{ord(character):04X} in {value!r}; remove it")
        # Private-use characters have no agreed meaning to show, and the
        # bibliography formatter uses some of them internally.
        if unicodedata.category(character) == "Co":
            raise ValueError(f"private-use character U+{ord(character):04X} in {value!r}; remove it")
    return value


# Strict: YAML turns `true` or `1.10` into a bool or a number, which must not
# silently become the text "True" or "1.1".
Text = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1),
    AfterValidator(_plain_text),
    Field(description="Text, shown on the site exactly as written."),
]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
REFERENCE_KEY_PATTERN = r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(strict=True, pattern=SLUG_PATTERN),
    Field(description="Id: lowercase letters and digits in words joined by single hyphens.", examples=["cvpr-2026"]),
]
ReferenceKey = Annotated[
    str,
    StringConstraints(strict=True, pattern=REFERENCE_KEY_PATTERN),
    Field(
        description="Reference key of data/references.yml: a lowercase letter, then letters, digits, '-' or '_'.",
        examples=["vaswani2017"],
    ),
]

PATTERN_HINTS: dict[str, tuple[str, str]] = {
    SLUG_PATTERN: ("a lowercase slug such as 'cvpr-2026'", "use lowercase letters and digits, with single hyphens between words"),
    REFERENCE_KEY_PATTERN: (
        "a reference key such as 'vaswani2017'",
        "start with a lowercase letter and use only lowercase letters, digits, '-' and '_'",
    ),
}
"""Meaning of each pattern and how to meet it, for error messages."""


def _count(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"expected a count, got bool {str(value).lower()}; {COUNT_FIX}")
    if isinstance(value, int):
        if value <= 0:
            raise ValueError(f"expected a positive count, got {value}; {COUNT_FIX}")
        return value
    if isinstance(value, str):
        return parse_count(value)
    raise ValueError(f"expected a count, got {type(value).__name__} {value!r}; {COUNT_FIX}")


Count = Annotated[
    int,
    BeforeValidator(_count),
    WithJsonSchema(
        {
            "anyOf": [{"type": "integer", "exclusiveMinimum": 0}, {"type": "string", "pattern": COUNT_PATTERN}],
            "description": "Positive whole number; a K, M, B or T suffix multiplies by a thousand, "
            "million, billion or trillion, exactly (1.5B is 1500000000).",
            "examples": ["1.5B", 40],
        }
    ),
]


def _percentage(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            f"expected a percentage from 0 to 100, got {type(value).__name__} {value!r}; write the number unquoted, without a % sign"
        )
    if not 0 <= value <= 100:
        raise ValueError(f"expected a percentage from 0 to 100, got {value:g}; correct the score or its unit")
    return float(value)


Percentage = Annotated[
    float,
    BeforeValidator(_percentage),
    WithJsonSchema(
        {"type": "number", "minimum": 0, "maximum": 100, "description": "Percentage from 0 to 100, without the % sign.", "examples": [43.9]}
    ),
]


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(character.isspace() for character in value):
        raise ValueError(f"expected an absolute http or https URL, got {value!r}; write the full address, starting with https://")
    return value


Url = Annotated[
    str,
    StringConstraints(strict=True),
    AfterValidator(_url),
    WithJsonSchema(
        {
            "type": "string",
            "format": "uri",
            "pattern": r"^https?://\S+$",
            "description": "Absolute http or https URL.",
            "examples": ["https://iclr.cc/Conferences/2026"],
        }
    ),
]


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
        raise ValueError(f"expected an ISO 3166-1 alpha-2 country code, got {value!r}; use a code in capitals, such as GB or US")
    return value


CountryCode = Annotated[
    str,
    StringConstraints(strict=True),
    AfterValidator(_country),
    Field(
        description="ISO 3166-1 alpha-2 country code, in capitals.",
        examples=["GB"],
        json_schema_extra={"pattern": "^[A-Z]{2}$"},
    ),
]


@cache
def _time_zones() -> frozenset[str]:
    # available_timezones() walks the tz database on every call.
    return frozenset(zoneinfo.available_timezones())


def _time_zone(value: str) -> str:
    if value not in _time_zones():
        close = difflib.get_close_matches(value, sorted(_time_zones()), n=1)
        fix = f"did you mean {close[0]}?" if close else "use a tz database name, such as Europe/London"
        raise ValueError(f"expected an IANA time zone, got {value!r}; {fix}")
    return value


# The list of zones depends on the installed tz database, so the JSON Schema
# names no enum: it would differ between machines.
TimeZoneName = Annotated[
    str,
    StringConstraints(strict=True),
    AfterValidator(_time_zone),
    Field(description="IANA time zone name.", examples=["Europe/London"]),
]
