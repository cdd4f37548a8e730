"""Render the bibliography of /references/ and the "References" section that ends each citing page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from field_guide.bibliography import author_year_labels, format_entry
from field_guide.bibtex import render_bibtex_entry
from field_guide.markdown_text import text, url
from field_guide.references import Reference


@dataclass(frozen=True)
class PageLink:
    """A page that uses a reference, as the References page links to it."""

    title: str
    target: str
    """Path of the page's Markdown source relative to the References page, such as `architecture.md`."""


def render_references(references: list[Reference], used_on: Mapping[str, list[PageLink]]) -> str:
    """Render every reference, sorted by key, with its `ref-<key>` anchor, its BibTeX and the pages that use it."""
    labels = author_year_labels(references)
    blocks = [_entry(reference, labels[reference.key], used_on.get(reference.key, [])) for reference in _sorted(references)]
    return "\n".join(blocks)


def render_cited_works(keys: list[str], references: list[Reference], references_url: str) -> str:
    """Render the "References" section of a page that cites `keys`, each entry linking to its full entry.

    `references_url` is the References page relative to the citing page.
    """
    labels = author_year_labels(references)
    cited = [reference for reference in _sorted(references) if reference.key in keys]
    lines = ["## References", ""]
    for reference in cited:
        label = f"[{text(labels[reference.key])}]({url(references_url)}#ref-{reference.key})"
        lines.append(f"- {label}: {format_entry(reference)}")
    return "\n".join(lines) + "\n"


def _entry(reference: Reference, label: str, used_on: list[PageLink]) -> str:
    lines = [
        f'<div class="field-guide-reference" id="ref-{reference.key}" markdown>',
        f"**{text(label)}** · `{reference.key}`  ",
        format_entry(reference),
        "",
    ]
    if used_on:
        links = ", ".join(f"[{text(page.title)}]({url(page.target)})" for page in used_on)
        lines.extend([f"Cited on: {links}", ""])

    # A collapsed block, so that the list stays readable; the code block has a copy button.
    bibtex = render_bibtex_entry(reference).rstrip("\n").replace("\n", "\n    ")
    lines.extend(['??? note "BibTeX"', "", "    ```bibtex", f"    {bibtex}", "    ```", "", "</div>", ""])
    return "\n".join(lines)


def _sorted(references: list[Reference]) -> list[Reference]:
    return sorted(references, key=lambda reference: reference.key)
