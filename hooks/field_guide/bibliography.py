"""Format references for readers: author-year labels and full entries in a pybtex style."""

from __future__ import annotations

import string
from collections import defaultdict

from pybtex.database import Entry, Person
from pybtex.plugin import find_plugin

from field_guide.bibtex import ENTRY_TYPES, VENUE_FIELDS, protect_title
from field_guide.references import Reference

# unsrt keeps the order it is given and lists every author; the labels in the
# text are where long author lists are shortened.
_STYLE = find_plugin("pybtex.style.formatting", "unsrt")()
_MARKDOWN = find_plugin("pybtex.backends", "markdown")()

# pybtex reads field values as LaTeX (braces group, a tilde is a no-break space,
# "--" is a dash, `` and '' are quotes) and its Markdown output leaves HTML as it is. These characters
# pass through it as private-use characters, which the data schema never lets
# in, and come out as character references that Markdown shows verbatim.
_SHIELDED = {
    "{": "\ue000",
    "}": "\ue001",
    "\\": "\ue002",
    "~": "\ue003",
    "<": "\ue004",
    ">": "\ue005",
    "&": "\ue006",
    "-": "\ue007",
    "`": "\ue008",
    "'": "\ue009",
}
_SHIELD = str.maketrans(_SHIELDED)
_UNSHIELD_TO_MARKDOWN = {shielded: f"&#{ord(character)};" for character, shielded in _SHIELDED.items()}
_UNSHIELD_TO_TEXT = str.maketrans({shielded: character for character, shielded in _SHIELDED.items()})


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
    rendered = " ".join(formatted.text.render(_MARKDOWN).split("\n"))
    for shielded, markdown in _UNSHIELD_TO_MARKDOWN.items():
        rendered = rendered.replace(shielded, markdown)
    return rendered


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
    person = Person(name.translate(_SHIELD))
    return " ".join([*person.prelast_names, *person.last_names]).translate(_UNSHIELD_TO_TEXT)


def _display_entry(reference: Reference) -> Entry:
    """Return a pybtex entry with the fields as Unicode text, which the style formats directly.

    pybtex reads field values as LaTeX: a percent sign is escaped because it
    would start a comment, and the characters in `_SHIELDED` are shielded.
    """
    entry_type = ENTRY_TYPES[reference.type]
    fields = {"title": protect_title(reference.title, encode=_literal), "year": str(reference.year)}
    if reference.venue:
        fields[VENUE_FIELDS[entry_type]] = _literal(reference.venue)
    if reference.institution and entry_type == "techreport":
        fields["institution"] = _literal(reference.institution)
    if reference.pages:
        # Hyphens stay, so that the style turns a page range into an en dash.
        fields["pages"] = _literal(reference.pages).replace(_SHIELDED["-"], "-")
    if reference.arxiv:
        fields["eprint"] = reference.arxiv
    if reference.doi:
        fields["doi"] = reference.doi
    if reference.url:
        fields["url"] = reference.url
    if reference.note:
        fields["note"] = _literal(reference.note)
    names = [_literal(name) for name in reference.authors]
    authors = [Person(f"{{{name}}}" if reference.corporate_author else name) for name in names]
    return Entry(entry_type, fields=fields, persons={"author": authors})


def _literal(value: str) -> str:
    """Return `value` as pybtex must receive it to show every character as written."""
    return value.translate(_SHIELD).replace("%", r"\%")
