"""Turn a matplotlib SVG document into an accessible element to place inside an HTML page."""

from __future__ import annotations

import html
import re

_PROLOGUE = re.compile(r"\A\s*<\?xml[^>]*\?>\s*(?:<!DOCTYPE[^>]*>\s*)?")
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
# matplotlib's `*{stroke-linejoin: ...}` rule would apply to the whole HTML page once inlined.
_GLOBAL_STYLE = re.compile(r"\s*<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>")
_ROOT = re.compile(r"<svg\b[^>]*>")
_SIZE_ATTRIBUTE = re.compile(r'\s(?:width|height)="[^"]*"')
_FONT_FAMILY = re.compile(r"font-family:[^;\"]*")


def inline_svg(document: str, element_id: str, title: str, description: str, colours: dict[str, str]) -> str:
    """Return `document` as an `<svg role="img">` element named by its own `<title>` and `<desc>`.

    Drops the XML prologue, metadata and page-wide style rule; replaces each
    placeholder colour of `colours` with its CSS value; lets text take the
    page's font; and removes the fixed size so that CSS scales the drawing.
    Raises ValueError when `document` has no root `<svg>` element or a
    placeholder colour does not occur, which means the drawing changed.
    """
    svg = _PROLOGUE.sub("", document)
    svg = _METADATA.sub("", svg, count=1)
    svg = _GLOBAL_STYLE.sub("", svg, count=1)

    for placeholder, css_value in colours.items():
        if placeholder not in svg:
            raise ValueError(f"placeholder colour {placeholder} does not occur in the SVG; update the colours passed in")
        svg = svg.replace(placeholder, css_value)
    svg = _FONT_FAMILY.sub("font-family: inherit", svg)

    root = _ROOT.search(svg)
    if root is None:
        raise ValueError("the document has no <svg> root element")
    title_id = f"{element_id}-title"
    description_id = f"{element_id}-desc"
    opening = _SIZE_ATTRIBUTE.sub("", root.group()).removesuffix(">")
    opening += f' id="{element_id}" role="img" aria-labelledby="{title_id} {description_id}">'
    accessible_name = (
        f'\n <title id="{title_id}">{html.escape(title)}</title>'
        f'\n <desc id="{description_id}">{html.escape(description)}</desc>'
    )
    return svg[: root.start()] + opening + accessible_name + svg[root.end() :].rstrip("\n")
