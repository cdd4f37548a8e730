"""Parsing and formatting of counts such as 100M and 1.4T."""

import pytest

from field_guide.quantities import format_count, parse_count


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("100M", 100_000_000),
        ("1.5B", 1_500_000_000),
        ("65.2B", 65_200_000_000),
        ("1.4T", 1_400_000_000_000),
        ("2.0T", 2_000_000_000_000),
        ("40", 40),
        ("3K", 3_000),
    ],
)
def test_parse_count_exact(written: str, expected: int) -> None:
    assert parse_count(written) == expected


@pytest.mark.parametrize("written", ["", "M", "1.5", "100m", "1,000", "-5M", "0", "1.2345K", "1e9"])
def test_parse_count_rejects(written: str) -> None:
    with pytest.raises(ValueError, match="expected a (count|whole number|positive count)"):
        parse_count(written)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100_000_000, "100M"),
        (1_542_000_000, "1.542B"),
        (65_200_000_000, "65.2B"),
        (15_000_000_000_000, "15T"),
        (999, "999"),
    ],
)
def test_format_count_shortest(value: int, expected: str) -> None:
    assert format_count(value) == expected


def test_format_parse_round_trip() -> None:
    for value in (110_000_000, 1_500_000_000, 70_000_000_000, 1_400_000_000_000):
        assert parse_count(format_count(value)) == value
