"""The .ics files: read back by icalendar and by vobject, an independent parser."""

import datetime as dt
import zoneinfo
from pathlib import Path

import icalendar
import pytest
import vobject
from event_samples import SITE, make_event

from field_guide.event_calendar import render_event_calendar, render_feed
from field_guide.site_data import load_site_data

ROOT = Path(__file__).resolve().parents[1]
UTC = dt.UTC

ICLR = make_event(
    "iclr-2026",
    dt.date(2026, 4, 23),
    dt.date(2026, 4, 27),
    name="ICLR 2026",
    venue="Riocentro, Barra da Tijuca",
    deadlines=[
        {"name": "Abstract submission", "due": "2025-09-19T23:59", "timezone": "AoE"},
        {"name": "Paper submission", "due": "2025-09-24T23:59", "timezone": "America/Los_Angeles"},
    ],
)
NEW_YEAR = make_event("new-year-2027", dt.date(2026, 12, 31), dt.date(2027, 1, 2), name="Year's End; Year's Start")
ONE_DAY = make_event(
    "one-day-2026",
    dt.date(2026, 6, 3),
    dt.date(2026, 6, 3),
    verified=False,
    sources=[],
    unverified_reason="listings disagree, and no official page was found",
)
EVENTS = [NEW_YEAR, ICLR, ONE_DAY]


@pytest.fixture(autouse=True)
def fresh_vobject_zones(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make vobject read each file's VTIMEZONE: it keeps the first one per TZID for the life of the process."""
    monkeypatch.setattr(vobject.icalendar, "__tzidMap", {"UTC": vobject.icalendar.utc})


@pytest.fixture(scope="module")
def feed() -> bytes:
    return render_feed(EVENTS, SITE)


def vobject_events(ics: bytes) -> dict[str, vobject.base.Component]:
    calendar = vobject.readOne(ics.decode("utf-8"))
    return {component.uid.value: component for component in calendar.vevent_list}


def icalendar_events(ics: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(ics)
    return {str(component["UID"]): component for component in calendar.walk("VEVENT")}


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: event.id)
def test_icalendar_reads_event_days(feed: bytes, event) -> None:
    entry = icalendar_events(feed)[f"{event.id}@guide.example.org"]
    start = entry.decoded("DTSTART")
    end = entry.decoded("DTEND")
    assert type(start) is dt.date
    assert start == event.start
    # DTEND is exclusive: the last day of the event is the day before it.
    assert end - dt.timedelta(days=1) == event.end


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: event.id)
def test_vobject_reads_event_days(feed: bytes, event) -> None:
    entry = vobject_events(feed)[f"{event.id}@guide.example.org"]
    assert type(entry.dtstart.value) is dt.date
    assert entry.dtstart.value == event.start
    assert entry.dtend.value == event.end + dt.timedelta(days=1)


def test_feed_lists_every_entry(feed: bytes) -> None:
    expected = {
        "new-year-2027@guide.example.org",
        "iclr-2026@guide.example.org",
        "iclr-2026-abstract-submission@guide.example.org",
        "iclr-2026-paper-submission@guide.example.org",
        "one-day-2026@guide.example.org",
    }
    assert set(icalendar_events(feed)) == expected
    assert set(vobject_events(feed)) == expected


def test_all_day_lines_verbatim(feed: bytes) -> None:
    lines = feed.decode("utf-8").split("\r\n")
    assert "DTSTART;VALUE=DATE:20260423" in lines
    assert "DTEND;VALUE=DATE:20260428" in lines
    assert "DTSTART;VALUE=DATE:20261231" in lines
    assert "DTEND;VALUE=DATE:20270103" in lines


def test_deadlines_keep_their_zone(feed: bytes) -> None:
    entries = vobject_events(feed)
    abstract = entries["iclr-2026-abstract-submission@guide.example.org"].dtstart.value
    paper = entries["iclr-2026-paper-submission@guide.example.org"].dtstart.value
    # 23:59 at UTC−12 is 11:59 UTC the next day; 23:59 in Los Angeles in September is PDT, UTC−7.
    assert abstract.astimezone(UTC) == dt.datetime(2025, 9, 20, 11, 59, tzinfo=UTC)
    assert paper.astimezone(UTC) == dt.datetime(2025, 9, 25, 6, 59, tzinfo=UTC)

    text = feed.decode("utf-8")
    assert "DTSTART;TZID=Etc/GMT+12:20250919T235900" in text
    assert "DTSTART;TZID=America/Los_Angeles:20250924T235900" in text


def test_deadline_zones_defined(feed: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(feed)
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"Etc/GMT+12", "America/Los_Angeles"}
    deadline = icalendar_events(feed)["iclr-2026-paper-submission@guide.example.org"].decoded("DTSTART")
    assert deadline == dt.datetime(2025, 9, 24, 23, 59, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"))


def test_text_escaped_and_folded(feed: bytes) -> None:
    raw = feed.decode("utf-8")
    assert "SUMMARY:Year's End\\; Year's Start" in raw
    assert "LOCATION:Riocentro\\, Barra da Tijuca\\, Vienna\\, Austria" in raw
    assert all(len(line.encode("utf-8")) <= 75 for line in raw.split("\r\n"))
    entry = vobject_events(feed)["iclr-2026@guide.example.org"]
    assert entry.location.value == "Riocentro, Barra da Tijuca, Vienna, Austria"
    assert entry.description.value.splitlines()[1] == "23–27 April 2026"


def test_unverified_event_tentative(feed: bytes) -> None:
    entry = vobject_events(feed)["one-day-2026@guide.example.org"]
    assert entry.status.value == "TENTATIVE"
    assert entry.summary.value == "ONE-DAY-2026 (unverified)"
    assert "Unverified: listings disagree" in entry.description.value


def test_feed_byte_identical() -> None:
    first = render_feed(EVENTS, SITE)
    assert render_feed(list(reversed(EVENTS)), SITE) == first
    assert b"DTSTAMP:20261204T000000Z" in first


def test_stamp_from_checked_date() -> None:
    event = make_event("stamped", dt.date(2026, 6, 3), dt.date(2026, 6, 4), checked=dt.date(2026, 5, 1))
    entry = vobject_events(render_event_calendar(event, SITE))["stamped@guide.example.org"]
    assert entry.dtstamp.value == dt.datetime(2026, 5, 1, tzinfo=UTC)


def test_single_event_file() -> None:
    entries = vobject_events(render_event_calendar(ICLR, SITE))
    assert set(entries) == {
        "iclr-2026@guide.example.org",
        "iclr-2026-abstract-submission@guide.example.org",
        "iclr-2026-paper-submission@guide.example.org",
    }
    assert entries["iclr-2026@guide.example.org"].url.value == "https://guide.example.org/events/iclr-2026/"


def test_real_feed_iclr_inclusive() -> None:
    events = load_site_data(ROOT).conferences
    feed = render_feed(events, SITE)
    entries = vobject_events(feed)
    assert len(entries) == len(events)
    iclr = entries["iclr-2026@guide.example.org"]
    assert iclr.dtstart.value == dt.date(2026, 4, 23)
    # A calendar app shows an all-day event up to the day before DTEND: 27 April.
    assert iclr.dtend.value == dt.date(2026, 4, 28)
    assert icalendar_events(feed)["iclr-2026@guide.example.org"].decoded("DTEND") == dt.date(2026, 4, 28)


def test_deadlines_across_clock_changes() -> None:
    # Los Angeles is on UTC−8 in winter and UTC−7 from March to early November.
    due = {
        "winter-2025": ("2025-02-20T12:00", dt.datetime(2025, 2, 20, 20, 0, tzinfo=UTC)),
        "summer-2025": ("2025-07-20T12:00", dt.datetime(2025, 7, 20, 19, 0, tzinfo=UTC)),
        "winter-2026": ("2026-02-20T12:00", dt.datetime(2026, 2, 20, 20, 0, tzinfo=UTC)),
        "summer-2026": ("2026-07-20T12:00", dt.datetime(2026, 7, 20, 19, 0, tzinfo=UTC)),
    }
    event = make_event(
        "long-2026",
        dt.date(2026, 9, 1),
        dt.date(2026, 9, 3),
        deadlines=[{"name": name, "due": local, "timezone": "America/Los_Angeles"} for name, (local, _) in due.items()],
    )
    ics = render_event_calendar(event, SITE)
    entries = vobject_events(ics)
    for name, (_, expected) in due.items():
        assert entries[f"long-2026-{name}@guide.example.org"].dtstart.value.astimezone(UTC) == expected, name
    assert b"RDATE" not in ics


def test_no_time_zone_without_deadlines(feed: bytes) -> None:
    ics = render_event_calendar(NEW_YEAR, SITE)
    assert b"VTIMEZONE" not in ics
    assert b"TZID" not in ics
