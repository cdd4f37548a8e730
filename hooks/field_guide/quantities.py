"""Exact parsing and short formatting of large counts such as `100M` or `1.4T`."""

from __future__ import annotations

import re
from decimal import Decimal

SUFFIXES: dict[str, int] = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_COUNT = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?P<suffix>[KMBT])?", re.ASCII)

COUNT_PATTERN = r"^\d+(\.\d+)?[KMBT]?$"
"""JSON Schema form of the counts that parse_count accepts."""

COUNT_FIX = "write a whole number, or one with a capital K, M, B or T suffix, such as 100M or 1.4T"


def parse_count(text: str) -> int:
    """Parse a positive count written with an optional K, M, B or T suffix.

    Decimal arithmetic keeps `1.5B` at exactly 1,500,000,000. Raises
    ValueError for anything else, including a fraction of one unit (`1.5`).
    """
    match = _COUNT.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"expected a count, got {text!r}; {COUNT_FIX}")
    value = Decimal(match["number"]) * SUFFIXES.get(match["suffix"] or "", 1)
    if value != value.to_integral_value():
        raise ValueError(f"expected a whole number, got {text!r}; use a smaller suffix or drop the fraction")
    if value <= 0:
        raise ValueError(f"expected a positive count, got {text!r}; {COUNT_FIX}")
    return int(value)


def format_count(value: int) -> str:
    """Format a count with the largest suffix that keeps it at 1 or more: 65200000000 -> `65.2B`."""
    for suffix, scale in sorted(SUFFIXES.items(), key=lambda item: -item[1]):
        if value >= scale:
            number = Decimal(value) / scale
            return f"{_plain_decimal(number)}{suffix}"
    return str(value)


def _plain_decimal(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text
