"""Format references for readers: author-year labels and full entries in a pybtex style."""

from __future__ import annotations

import string
from collections import defaultdict

from pybtex.database import Entry, Person
from pybtex.plugin import find_plugin

from field_guide.bibtex import ENTRY_TYPES, VENUE_FIELDS, needs_protection, split_punctuation
from field_guide.references import Reference

# unsrt keeps the order it is given and lists every author; the labels in the
# text are where long author lists are shortened.
_STYLE = find_plugin("pybtex.style.formatting", "unsrt")()
_MARKDOWN = find_plugin("pybtex.backends", "markdown")()


def author_year_labels(references: list[Reference]) -> dict[str, str]:
    """Return the in-text label of each reference by key, such as "Vaswani et al., 2017".

    Works whose labels would be equal get a letter after the year, in key
    order ("Touvron et al., 2023a" and "2023b"), so that each label names one work.
    """
    by_label: dict[str, list[str]] = defaultdict(list)
    for reference in sorted(references, key=lambda reference: reference.key):
        by_label[f"{_short_authors(reference)}, {reference.year}"].append(reference.key)

    labels = {}
    for label, keys in by_label.items():
        if len(keys) == 1:
            labels[keys[0]] = label
            continue
        for letter, key in zip(string.ascii_lowercase, keys, strict=False):
            labels[key] = f"{label}{letter}"
    return labels


def format_entry(reference: Reference) -> str:
    """Return the full entry of `reference` as one line of Markdown, formatted by pybtex's unsrt style."""
    formatted = next(iter(_STYLE.format_entries([_display_entry(reference)])))
    return " ".join(formatted.text.render(_MARKDOWN).split("\n"))


def _short_authors(reference: Reference) -> str:
    names = [_family_name(name, reference.corporate_author) for name in reference.authors]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def _family_name(name: str, corporate: bool) -> str:
    if corporate:
        return name
    person = Person(name)
    return " ".join([*person.prelast_names, *person.last_names])


def _display_entry(reference: Reference) -> Entry:
    """Return a pybtex entry with the fields as Unicode text, which the style formats directly.

    NOTE: pybtex reads field values as LaTeX. A percent sign is escaped here
    because it would start a comment, but a literal brace, backslash or tilde
    would still be shown wrongly: pybtex renders none of their escapes.
    """
    entry_type = ENTRY_TYPES[reference.type]
    fields = {"title": _protected_title(_escape_percent(reference.title)), "year": str(reference.year)}
    if reference.venue:
        fields[VENUE_FIELDS[entry_type]] = _escape_percent(reference.venue)
    if reference.institution and entry_type == "techreport":
        fields["institution"] = _escape_percent(reference.institution)
    if reference.pages:
        fields["pages"] = _escape_percent(reference.pages)
    if reference.arxiv:
        fields["eprint"] = reference.arxiv
    if reference.doi:
        fields["doi"] = reference.doi
    if reference.url:
        fields["url"] = reference.url
    if reference.note:
        fields["note"] = _escape_percent(reference.note)
    authors = [Person(f"{{{name}}}" if reference.corporate_author else name) for name in reference.authors]
    return Entry(entry_type, fields=fields, persons={"author": authors})


def _protected_title(title: str) -> str:
    words = []
    for word in title.split(" "):
        lead, core, trail = split_punctuation(word)
        words.append(f"{lead}{{{core}}}{trail}" if needs_protection(core) else word)
    return " ".join(words)


def _escape_percent(value: str) -> str:
    return value.replace("%", r"\%")
