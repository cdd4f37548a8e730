"""Markers in authors' pages that the build replaces with rendered data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Marker:
    """A comment line that stands for generated content on one page."""

    page: str
    """Source path of the page, relative to the docs folder."""
    comment: str


MODELS_TABLE = Marker(page="models.md", comment="<!-- field-guide:models-table -->")
MODELS_CHART = Marker(page="models.md", comment="<!-- field-guide:models-chart -->")
EVENTS_LIST = Marker(page="events/index.md", comment="<!-- field-guide:events-list -->")
REFERENCES = Marker(page="references.md", comment="<!-- field-guide:references -->")
DATA_FIELDS = Marker(page="contributing.md", comment="<!-- field-guide:data-fields -->")
ALL = (MODELS_TABLE, MODELS_CHART, EVENTS_LIST, REFERENCES, DATA_FIELDS)


class MarkerMissingError(ValueError):
    """Raised when a page that must show generated content lacks its marker."""


def replace_marker(markdown: str, marker: Marker, content: str) -> str:
    """Replace the marker's line in `markdown` with `content`; raise when it is absent or repeated."""
    count = markdown.count(marker.comment)
    if count != 1:
        found = "is missing" if count == 0 else f"appears {count} times"
        raise MarkerMissingError(
            f"docs/{marker.page}: the marker {marker.comment} {found}; put it once, alone on a line, where the content belongs"
        )
    return markdown.replace(marker.comment, content.rstrip("\n"))
