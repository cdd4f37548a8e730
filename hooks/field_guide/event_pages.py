"""Render the grouped conference list of /events/, one page per event and the files beside them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from field_guide.conferences import Conference
from field_guide.dates import format_date_range, format_day, format_deadline
from field_guide.event_calendar import FEED_PATH, calendar_path, render_event_calendar, render_feed
from field_guide.event_schema import render_json_ld
from field_guide.event_status import Status, group_events, relative_label
from field_guide.markdown_text import link, text
from field_guide.site_address import SiteAddress


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the site made from the data, relative to the docs folder."""

    path: str
    content: str | bytes
    is_page: bool


def event_page_path(event: Conference) -> str:
    """Return the source path of an event's generated page, relative to the docs folder."""
    return f"events/{event.id}.md"


def generated_event_files(events: list[Conference], today: dt.date, site: SiteAddress) -> list[GeneratedFile]:
    """Return every event's page and .ics file, then the feed of all events."""
    by_date = sorted(events, key=lambda event: (event.start, event.id))
    files: list[GeneratedFile] = []
    for index, event in enumerate(by_date):
        previous = by_date[index - 1] if index > 0 else None
        following = by_date[index + 1] if index + 1 < len(by_date) else None
        page = render_event_page(event, today, site, previous=previous, following=following)
        files.append(GeneratedFile(event_page_path(event), page, is_page=True))
        files.append(GeneratedFile(calendar_path(event), render_event_calendar(event, site), is_page=False))
    files.append(GeneratedFile(FEED_PATH, render_feed(events, site), is_page=False))
    return files


def render_events_list(events: list[Conference], today: dt.date) -> str:
    """Render the events as Upcoming, Happening now and Past, each a table linking the events' pages.

    Groups and labels are those of `today`. docs/javascripts/events.js regroups
    the rows by the reader's date and finds them by the classes and data
    attributes set here.
    """
    lines = [
        f'<p class="fg-as-of">Grouped as of {format_day(today)}, the day this page was built. '
        "With JavaScript on, your browser regroups the events by your own date.</p>",
        "",
    ]
    for status, group in group_events(events, today).items():
        lines += [f"## {status.title} {{ #{status.value} }}", ""]
        lines += [f'<div class="fg-event-group" data-status="{status.value}" markdown>', ""]
        if group:
            lines += _events_table(group, today)
        else:
            lines.append(f'<p class="fg-empty">None as of {format_day(today)}.</p>')
        lines += ["", "</div>", ""]
    return "\n".join(lines)


def _events_table(events: list[Conference], today: dt.date) -> list[str]:
    lines = [
        "| Event | Dates | Place | When | Source |",
        "|---|---|---|---|---|",
    ]
    for event in events:
        cells = [
            f"[{text(event.name)}]({event.id}.md)",
            format_date_range(event.start, event.end),
            f"{text(event.city)}, {text(event.country_name)}",
            _when(event, today),
            "confirmed" if event.verified else "**unverified**",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _when(event: Conference, today: dt.date) -> str:
    """Return the relative label in a span whose data attributes let the page script compute it again."""
    return (
        f'<span class="fg-when" data-event="{event.id}" data-start="{event.start.isoformat()}" '
        f'data-end="{event.end.isoformat()}">{relative_label(event.start, event.end, today)}</span>'
    )


def render_event_page(
    event: Conference,
    today: dt.date,
    site: SiteAddress,
    *,
    previous: Conference | None = None,
    following: Conference | None = None,
) -> str:
    """Render the Markdown page of one event, linking the events before and after it by date."""
    lines = [f"# {text(event.name)}", ""]
    if event.full_name:
        lines += [f"*{text(event.full_name)}*", ""]

    if not event.verified:
        lines += [
            '<p><span class="fg-badge fg-badge--unverified">unverified</span></p>',
            "",
            '!!! warning "Unverified"',
            "",
            f"    No official source confirms these details: {text(event.unverified_reason or '')}. "
            "The dates and place come from the original article.",
            "",
        ]
    if event.correction:
        lines += ['!!! note "Correction"', "", f"    {text(event.correction)}", ""]

    facts = [
        ("Dates", f"{format_date_range(event.start, event.end)} ({_when(event, today)})"),
        ("Schedule", text(event.schedule) if event.schedule else None),
        ("City", f"{text(event.city)}, {text(event.country_name)}"),
        ("Venue", text(event.venue) if event.venue else None),
        ("Time zone", text(event.timezone)),
        ("Kind", event.kind),
        ("Topics", ", ".join(text(topic) for topic in event.topics) if event.topics else None),
        ("Website", link(event.website, event.website) if event.website else None),
    ]
    lines += [f"- **{label}:** {value}" for label, value in facts if value]
    lines.append("")

    calendar_file = calendar_path(event).removeprefix("events/")
    lines += [
        f'[Add to calendar]({calendar_file}){{ .md-button .md-button--primary download="{calendar_file}" type="text/calendar" }} '
        "downloads an .ics file that calendar apps open.",
        "",
    ]

    if event.deadlines:
        lines += _deadlines(event)

    lines += ["## Sources", ""]
    if event.sources:
        lines += [f"- {link(source, source)}" for source in event.sources]
    else:
        lines.append("- None found: the dates come from the original article.")
    lines += ["", f"Last checked on {format_day(event.checked)}.", ""]

    neighbours = []
    if previous:
        neighbours.append(f"Previous by date: [{text(previous.name)}]({previous.id}.md)")
    if following:
        neighbours.append(f"Next by date: [{text(following.name)}]({following.id}.md)")
    neighbours.append("[All events](index.md)")
    lines += [" · ".join(neighbours), ""]

    # Search engines would show unconfirmed dates as facts, so only confirmed events get structured data.
    if event.verified:
        lines += [render_json_ld(event, site), ""]
    return "\n".join(lines)


def _deadlines(event: Conference) -> list[str]:
    """Render the deadlines in their own zones; the page script adds the reader's local time."""
    lines = ["## Deadlines", ""]
    for deadline in sorted(event.deadlines, key=lambda deadline: deadline.due_at):
        instant = deadline.due_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(
            f'- **{text(deadline.name)}:** <time class="fg-deadline" datetime="{instant}">'
            f"{text(format_deadline(deadline))}</time>"
        )
    return [*lines, ""]
