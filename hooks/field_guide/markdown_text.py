"""Put data values into Markdown so that they always render as plain text."""

from __future__ import annotations

import re
from urllib.parse import quote

# Characters that inline Markdown, its extensions or HTML could read as syntax.
# Each becomes a numeric character reference, which every Markdown extension
# passes through and the browser shows as the character itself.
# `#` is escaped everywhere, because a heading drops the hashes that end it.
_INLINE_SYNTAX = re.compile(r"[\\`*_{}\[\]!|~^=<>&#]")

# Starts of a line that would open a list, heading, quote or collapsible
# block (`???` of pymdownx.details) when the value begins a line, as it
# does inside an admonition.
_MARKER_START = re.compile(r"[-+>?]")
_NUMBERED_START = re.compile(r"\d+(?=[.)])")

# Characters kept as they are in a link target; the rest are percent-encoded,
# so a target can close neither the link nor the surrounding HTML attribute.
_URL_SAFE = ":/?#@!$&*+,;=%~-._"


def text(value: str) -> str:
    """Escape `value` so that Markdown shows it verbatim on one line and HTML cannot be injected."""
    one_line = " ".join(value.split())
    escaped = _INLINE_SYNTAX.sub(lambda match: _reference(match.group()), one_line)

    # Escaping the marker of a list, heading or quote is enough to break it.
    if _MARKER_START.match(escaped):
        return _reference(escaped[0]) + escaped[1:]
    numbered = _NUMBERED_START.match(escaped)
    if numbered:
        cut = numbered.end()
        return escaped[:cut] + _reference(escaped[cut]) + escaped[cut + 1 :]
    return escaped


def url(value: str) -> str:
    """Percent-encode `value` for use as a Markdown link target."""
    return quote(value, safe=_URL_SAFE)


def link(label: str, target: str) -> str:
    """Return a Markdown link whose label shows as text and whose target cannot break out."""
    return f"[{text(label)}](<{url(target)}>)"


def _reference(character: str) -> str:
    return f"&#{ord(character)};"
