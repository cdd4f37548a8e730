"""Render the conference list of /events/ and one page per event, as Markdown."""

from __future__ import annotations

from field_guide.conferences import Conference
from field_guide.dates import format_date_range, format_day
from field_guide.markdown_text import link, text


def event_page_path(event: Conference) -> str:
    """Return the source path of an event's generated page, relative to the docs folder."""
    return f"events/{event.id}.md"


def render_events_list(events: list[Conference]) -> str:
    """Render the events as a Markdown table, soonest first, linking each event's page."""
    lines = [
        "| Event | Dates | Place | Status |",
        "|---|---|---|---|",
    ]
    for event in sorted(events, key=lambda event: (event.start, event.id)):
        cells = [
            f"[{text(event.name)}]({event.id}.md)",
            format_date_range(event.start, event.end),
            f"{text(event.city)}, {text(event.country_name)}",
            "confirmed" if event.verified else "**unverified**",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_event_page(event: Conference) -> str:
    """Render the Markdown page of one event."""
    lines = [f"# {text(event.name)}", ""]
    if event.full_name:
        lines += [f"*{text(event.full_name)}*", ""]

    if not event.verified:
        lines += [
            '!!! warning "Unverified"',
            "",
            f"    No official source confirms these details: {text(event.unverified_reason or '')}. "
            "The dates and place come from the original article.",
            "",
        ]
    if event.correction:
        lines += ['!!! note "Correction"', "", f"    {text(event.correction)}", ""]

    facts = [
        ("Dates", format_date_range(event.start, event.end)),
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

    lines += ["## Sources", ""]
    if event.sources:
        lines += [f"- {link(source, source)}" for source in event.sources]
    else:
        lines.append("- None found: the dates come from the original article.")
    lines += ["", f"Last checked on {format_day(event.checked)}.", "", "[All events](index.md)", ""]
    return "\n".join(lines)
