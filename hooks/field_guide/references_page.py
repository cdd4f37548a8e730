"""Render the bibliography of /references/ as Markdown."""

from __future__ import annotations

from field_guide.markdown_text import link, text
from field_guide.references import Reference


def render_references(references: list[Reference]) -> str:
    """Render every reference with a stable `ref-<key>` anchor, sorted by key."""
    blocks = [_entry(reference) for reference in sorted(references, key=lambda reference: reference.key)]
    return "\n".join(blocks)


def _entry(reference: Reference) -> str:
    parts = [f"{', '.join(text(author) for author in reference.authors)} ({reference.year}).", f"**{text(reference.title)}**."]
    if reference.venue:
        parts.append(f"*{text(reference.venue)}*.")
    elif reference.institution:
        parts.append(f"{text(reference.institution)}.")
    if reference.pages:
        parts.append(f"Pages {text(reference.pages)}.")
    if reference.note:
        parts.append(text(reference.note))

    links = []
    if reference.arxiv_url:
        links.append(link(f"arXiv:{reference.arxiv}", reference.arxiv_url))
    if reference.doi_url:
        links.append(link(f"doi:{reference.doi}", reference.doi_url))
    if reference.url:
        links.append(link("publisher page" if reference.type != "model-card" else "model card", reference.url))
    if links:
        parts.append(" · ".join(links))

    return (
        f'<div class="field-guide-reference" id="ref-{reference.key}" markdown>\n'
        f"`{reference.key}` — {' '.join(parts)}\n"
        "</div>\n"
    )
