"""Pandoc-style citations in Markdown pages: `[@key]`, `[@a; @b]`, `[see @key, p. 8]`.

Citations inside fenced code, code spans, HTML comments and pymdownx.snippets
lines (`--8<--`) are left alone, and so is an escaped bracket (`\\[@key]`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from field_guide.bibliography import author_year_labels
from field_guide.markdown_text import text, url
from field_guide.references import Reference
from field_guide.references_page import render_cited_works

REFERENCES_FILE = "data/references.yml"

# Pandoc's key syntax: starts and ends with a letter, digit or underscore, with
# punctuation such as - : . / allowed inside. Keys of data/references.yml are a
# subset; the wider form lets a mistyped key reach the "unknown key" error.
_KEY = r"\w(?:[\w:.#$%&+?<>~/-]*\w)?"

# A bracketed group that contains an @ and is not the text of a link or a link
# reference definition, which a following ( [ or : would make it.
_GROUP = re.compile(r"(?<!\\)\[(?P<body>[^\[\]]*@[^\[\]]*)\](?![(\[:])")

# One item of a group: optional prefix text ending in a space, @key, optional locator after a comma.
_ITEM = re.compile(rf"\s*(?:(?P<prefix>[^@]*?)\s+)?@(?P<key>{_KEY})\s*(?:,\s*(?P<locator>[^@]*?))?\s*", re.DOTALL)

_FENCE = re.compile(r"^[ \t>]*(?P<fence>`{3,}|~{3,})")
_SNIPPET_LINE = re.compile(r"^\s*-{1,}8<-{1,}")
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class Citation:
    """One cited work inside a citation group."""

    key: str
    prefix: str | None = None
    """Text before the key, such as "see"."""
    locator: str | None = None
    """Place inside the work, such as "p. 8" or "sec. 3"."""


@dataclass(frozen=True)
class CitationGroup:
    """A bracketed citation, such as `[@devlin2019; @brown2020]`, and where it is in the page."""

    citations: tuple[Citation, ...]
    start: int
    """Offset of the opening bracket in the Markdown text."""
    end: int
    """Offset just after the closing bracket."""
    line: int
    """1-based line of the opening bracket in the Markdown text."""


class UnknownReferenceKeyError(ValueError):
    """Raised when a page cites keys that data/references.yml does not have; one line per citation."""


@dataclass
class CitationRegistry:
    """Reference keys cited by each page, collected while the pages are converted."""

    pages_by_key: dict[str, list[str]] = field(default_factory=dict)

    def record(self, page: str, keys: list[str]) -> None:
        """Store that `page` cites each of `keys`."""
        for key in keys:
            citing = self.pages_by_key.setdefault(key, [])
            if page not in citing:
                citing.append(page)

    def pages_citing(self, key: str) -> list[str]:
        """Return the pages that cite `key`, in the order they were recorded."""
        return self.pages_by_key.get(key, [])


@dataclass(frozen=True)
class CitedPage:
    """A page's Markdown with its citations rendered, and the keys it cites."""

    markdown: str
    keys: list[str]


def cite_page(markdown: str, references: list[Reference], *, source_path: str, first_line: int, references_url: str) -> CitedPage:
    """Render the citations of one page and end it with a "References" section listing the cited works.

    Raise UnknownReferenceKeyError when the page cites a key that `references`
    does not have. `source_path` and `first_line` place the error, as in
    check_keys; `references_url` is the References page relative to this page.
    """
    groups = find_citations(markdown)
    if not groups:
        return CitedPage(markdown=markdown, keys=[])

    by_key = {reference.key: reference for reference in references}
    check_keys(groups, set(by_key), source_path, first_line)
    labels = author_year_labels(references)
    keys = cited_keys(groups)
    rendered = render_citations(markdown, groups, by_key, labels, references_url)
    return CitedPage(markdown=f"{rendered.rstrip()}\n\n{render_cited_works(keys, references, references_url)}", keys=keys)


def markdown_start_line(source: str, markdown: str) -> int:
    """Return the line of `source` on which `markdown`, the page text after any front matter, starts.

    Return 1 when `markdown` is not the end of `source`, as happens when
    another plugin changed it; line numbers are then counted from its start.
    """
    if not markdown or not source.endswith(markdown):
        return 1
    return source.count("\n", 0, len(source) - len(markdown)) + 1


def pages_using(
    references: list[Reference], registry: CitationRegistry, data_keys: set[str], data_page: str
) -> dict[str, list[str]]:
    """Return, for each reference key in key order, the pages that cite it.

    A key in `data_keys`, which data rows name, is also used on `data_page`,
    the page that shows those rows. A key with no page is used nowhere.
    """
    usage = {}
    for reference in sorted(references, key=lambda reference: reference.key):
        pages = list(registry.pages_citing(reference.key))
        if reference.key in data_keys and data_page not in pages:
            pages.append(data_page)
        usage[reference.key] = pages
    return usage


def find_citations(markdown: str) -> list[CitationGroup]:
    """Return every citation group in `markdown` outside code, in text order."""
    searchable = _mask_code(markdown)
    groups = []
    for match in _GROUP.finditer(searchable):
        citations = _parse_group(markdown[match.start("body") : match.end("body")])
        if citations is None:
            continue
        line = markdown.count("\n", 0, match.start()) + 1
        groups.append(CitationGroup(citations=citations, start=match.start(), end=match.end(), line=line))
    return groups


def check_keys(groups: list[CitationGroup], known_keys: set[str], source_path: str, first_line: int = 1) -> None:
    """Raise UnknownReferenceKeyError listing each cited key that is not in `known_keys`.

    `first_line` is the line of the source file where the Markdown text
    starts, which is after the front matter, if the page has any.
    """
    problems = []
    for group in groups:
        for citation in group.citations:
            if citation.key in known_keys:
                continue
            line = first_line + group.line - 1
            problems.append(f"{source_path}:{line}: unknown reference key {citation.key!r}; {_suggestion(citation.key, known_keys)}")
    if problems:
        raise UnknownReferenceKeyError("\n".join(problems))


def render_citations(
    markdown: str, groups: list[CitationGroup], references: Mapping[str, Reference], labels: Mapping[str, str], references_url: str
) -> str:
    """Replace each citation group with author-year links to the entries on the References page.

    `references_url` is the References page relative to the page being
    rendered; every key in `groups` must be in `references` and `labels`.
    """
    parts = []
    position = 0
    for group in groups:
        parts.append(markdown[position : group.start])
        items = [_render_citation(citation, references[citation.key], labels[citation.key], references_url) for citation in group.citations]
        parts.append(f"({'; '.join(items)})")
        position = group.end
    parts.append(markdown[position:])
    return "".join(parts)


def cited_keys(groups: list[CitationGroup]) -> list[str]:
    """Return the keys cited in `groups`, each once, in order of first citation."""
    return list(dict.fromkeys(citation.key for group in groups for citation in group.citations))


def _render_citation(citation: Citation, reference: Reference, label: str, references_url: str) -> str:
    # The title attribute shows the full title on hover; a double quote would end it.
    title = reference.title.replace('"', "&quot;")
    linked = f'[{text(label)}]({url(references_url)}#ref-{citation.key} "{title}")'
    if citation.prefix:
        linked = f"{text(citation.prefix)} {linked}"
    if citation.locator:
        linked = f"{linked}, {text(citation.locator)}"
    return linked


def _parse_group(body: str) -> tuple[Citation, ...] | None:
    """Return the citations of a bracket's text, or None when it is not a citation group."""
    citations = []
    for item in body.split(";"):
        match = _ITEM.fullmatch(item)
        if match is None:
            return None
        citations.append(Citation(key=match["key"], prefix=_clean(match["prefix"]), locator=_clean(match["locator"])))
    return tuple(citations)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    joined = " ".join(value.split())
    return joined or None


def _mask_code(markdown: str) -> str:
    """Return `markdown` with code and comments blanked out, keeping every offset and line break."""
    lines = markdown.splitlines(keepends=True)
    masked = []
    fence: str | None = None
    for line in lines:
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening["fence"]
            masked.append(_blank(line))
        elif fence is not None:
            # A fence closes with the same character, at least as long as the one that opened it.
            if opening and opening["fence"][0] == fence[0] and len(opening["fence"]) >= len(fence):
                fence = None
            masked.append(_blank(line))
        elif _SNIPPET_LINE.match(line):
            masked.append(_blank(line))
        else:
            masked.append(line)

    # NOTE: indented code blocks (four spaces) are not masked, because list
    # items continue with the same indentation; use fenced code for examples.
    text_only = "".join(masked)
    for pattern in (_HTML_COMMENT, _CODE_SPAN):
        text_only = pattern.sub(lambda match: _blank(match.group()), text_only)
    return text_only


def _blank(value: str) -> str:
    return re.sub(r"[^\n]", " ", value)


def _suggestion(key: str, known_keys: set[str]) -> str:
    close = difflib.get_close_matches(key, sorted(known_keys), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"add it to {REFERENCES_FILE} or cite one of the keys there"
