"""Grouping events as upcoming, happening now or past, and the "in 12 days" labels."""

import datetime as dt

import pytest
from event_samples import make_event, spread_events

from field_guide.dates import build_date
from field_guide.event_status import Status, group_events, relative_label, status_on

START = dt.date(2026, 4, 23)
END = dt.date(2026, 4, 27)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 4, 22), Status.UPCOMING),
        (dt.date(2026, 4, 23), Status.HAPPENING),
        (dt.date(2026, 4, 25), Status.HAPPENING),
        (dt.date(2026, 4, 27), Status.HAPPENING),
        (dt.date(2026, 4, 28), Status.PAST),
    ],
)
def test_status_at_boundaries(today: dt.date, expected: Status) -> None:
    assert status_on(START, END, today) is expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 12, 30), Status.UPCOMING),
        (dt.date(2026, 12, 31), Status.HAPPENING),
        (dt.date(2027, 1, 1), Status.HAPPENING),
        (dt.date(2027, 1, 2), Status.HAPPENING),
        (dt.date(2027, 1, 3), Status.PAST),
    ],
)
def test_status_across_new_year(today: dt.date, expected: Status) -> None:
    assert status_on(dt.date(2026, 12, 31), dt.date(2027, 1, 2), today) is expected


def test_one_day_event_status() -> None:
    day = dt.date(2026, 6, 3)
    assert status_on(day, day, day - dt.timedelta(days=1)) is Status.UPCOMING
    assert status_on(day, day, day) is Status.HAPPENING
    assert status_on(day, day, day + dt.timedelta(days=1)) is Status.PAST


def test_groups_nearest_first() -> None:
    today = dt.date(2026, 6, 1)
    groups = group_events(spread_events(), today)
    assert list(groups) == [Status.UPCOMING, Status.HAPPENING, Status.PAST]
    assert [event.id for event in groups[Status.UPCOMING]] == ["near", "far"]
    assert [event.id for event in groups[Status.HAPPENING]] == ["ending", "long-running"]
    assert [event.id for event in groups[Status.PAST]] == ["also-recent", "recent", "old"]


def test_empty_groups_present() -> None:
    groups = group_events([make_event("only", dt.date(2026, 1, 5), dt.date(2026, 1, 6))], dt.date(2026, 6, 1))
    assert groups[Status.UPCOMING] == []
    assert groups[Status.HAPPENING] == []
    assert len(groups[Status.PAST]) == 1


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2025, 4, 23), "in 1 year"),
        (dt.date(2024, 4, 22), "in 2 years"),
        (dt.date(2026, 2, 22), "in 2 months"),
        (dt.date(2026, 2, 23), "in 8 weeks"),
        (dt.date(2026, 4, 2), "in 3 weeks"),
        (dt.date(2026, 4, 9), "in 2 weeks"),
        (dt.date(2026, 4, 10), "in 13 days"),
        (dt.date(2026, 4, 11), "in 12 days"),
        (dt.date(2026, 4, 21), "in 2 days"),
        (dt.date(2026, 4, 22), "starts tomorrow"),
        (dt.date(2026, 4, 23), "ends in 4 days"),
        (dt.date(2026, 4, 26), "ends tomorrow"),
        (dt.date(2026, 4, 27), "ends today"),
        (dt.date(2026, 4, 28), "ended yesterday"),
        (dt.date(2026, 4, 29), "ended 2 days ago"),
        (dt.date(2026, 5, 18), "ended 3 weeks ago"),
        (dt.date(2026, 12, 4), "ended 7 months ago"),
        (dt.date(2027, 4, 27), "ended 1 year ago"),
    ],
)
def test_relative_labels(today: dt.date, expected: str) -> None:
    assert relative_label(START, END, today) == expected


def test_build_date_from_epoch() -> None:
    # 1777334400 is 2026-04-28T00:00:00Z; one second earlier is still 27 April.
    assert build_date({"SOURCE_DATE_EPOCH": "1777334400"}) == dt.date(2026, 4, 28)
    assert build_date({"SOURCE_DATE_EPOCH": "1777334399"}) == dt.date(2026, 4, 27)


def test_build_date_without_epoch() -> None:
    assert build_date({}) == dt.date.today()
    assert build_date({"SOURCE_DATE_EPOCH": ""}) == dt.date.today()


def test_build_date_invalid_epoch() -> None:
    with pytest.raises(ValueError, match=r"SOURCE_DATE_EPOCH: expected whole seconds .* got '2026-04-28'"):
        build_date({"SOURCE_DATE_EPOCH": "2026-04-28"})
