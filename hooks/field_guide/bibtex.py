"""Turn references into BibTeX entries: the /references.bib file and the copy-ready block of each entry."""

from __future__ import annotations

import re
from collections.abc import Callable

import bibtexparser
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat
from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

from field_guide.references import Reference

ENTRY_TYPES = {
    "conference-paper": "inproceedings",
    "journal-article": "article",
    "preprint": "misc",
    "report": "techreport",
    "model-card": "misc",
}

# The BibTeX field that contains `venue`, by entry type.
VENUE_FIELDS = {"inproceedings": "booktitle", "article": "journal", "techreport": "type", "misc": "howpublished"}

# Every value is written inside braces, where a double quote is an ordinary
# character; pylatexenc's default would turn it into a closing typographic quote.
_KEEP_QUOTES = UnicodeToLatexConversionRule(rule_type=RULE_DICT, rule={ord('"'): '"'})

# ASCII output with accents in braces ({\L}ukasz, Rozi{\`e}re): classic BibTeX
# reads bytes, so UTF-8 names would be split mid-character when it abbreviates them.
# A character with no LaTeX form (a CJK name, say) is kept as UTF-8, which biber
# and bibtex8 read, rather than failing the build.
_ENCODER = UnicodeToLatexEncoder(
    conversion_rules=[_KEEP_QUOTES, "defaults"],
    non_ascii_only=False,
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)

# A word with a capital after the first letter of one of its hyphenated parts
# (BERT, LLaMA, Transformer-XL, but not Few-Shot) is an acronym or a name that
# styles which lowercase titles must leave alone.
_NEEDS_PROTECTION = re.compile(r"(?:^|-)\w[a-z0-9]*[A-Z]")

_WORD_PARTS = re.compile(r"(\W*)(.*?)(\W*)", re.DOTALL)

_FORMAT = BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.block_separator = "\n"


def render_bibtex(references: list[Reference]) -> str:
    """Return a BibTeX file with one entry per reference, sorted by key."""
    entries = [bibtex_entry(reference) for reference in sorted(references, key=lambda reference: reference.key)]
    return bibtexparser.write_string(bibtexparser.Library(entries), bibtex_format=_FORMAT)


def render_bibtex_entry(reference: Reference) -> str:
    """Return the BibTeX entry of one reference, as a reader would paste it into a .bib file."""
    return bibtexparser.write_string(bibtexparser.Library([bibtex_entry(reference)]), bibtex_format=_FORMAT).strip() + "\n"


def bibtex_entry(reference: Reference) -> Entry:
    """Return the BibTeX entry of `reference`, with text fields encoded as LaTeX."""
    entry_type = ENTRY_TYPES[reference.type]
    fields = [
        Field("author", " and ".join(_author(name, reference.corporate_author) for name in reference.authors)),
        Field("title", protect_title(reference.title)),
        Field("year", str(reference.year)),
    ]
    if reference.venue:
        fields.append(Field(VENUE_FIELDS[entry_type], encode_text(reference.venue)))
    if reference.institution:
        # Only @techreport has an institution; the other types call the publishing body an organization.
        fields.append(Field("institution" if entry_type == "techreport" else "organization", encode_text(reference.institution)))
    if reference.pages:
        fields.append(Field("pages", encode_pages(reference.pages)))
    if reference.arxiv:
        fields.extend([Field("eprint", reference.arxiv), Field("archivePrefix", "arXiv")])
    if reference.doi:
        fields.append(Field("doi", reference.doi))
    if reference.url:
        # URLs stay as they are: biblatex and the url package read the field verbatim.
        fields.append(Field("url", reference.url))
    if reference.note:
        fields.append(Field("note", encode_text(reference.note)))
    return Entry(entry_type, reference.key, fields)


def encode_text(value: str) -> str:
    """Encode `value` as LaTeX: special characters escaped, non-ASCII letters as accent commands."""
    return _ENCODER.unicode_to_latex(value)


def protect_title(title: str, encode: Callable[[str], str] = encode_text) -> str:
    """Encode `title` with `encode`, with braces around words whose capitals a style must not lowercase."""
    words = []
    for word in title.split(" "):
        # Punctuation around the word ("BERT:") stays outside the braces.
        lead, core, trail = split_punctuation(word)
        if needs_protection(core):
            words.append(f"{encode(lead)}{{{encode(core)}}}{encode(trail)}")
        else:
            words.append(encode(word))
    return " ".join(words)


def needs_protection(word: str) -> bool:
    """Return whether `word` has capitals that a style which lowercases titles must keep."""
    return _NEEDS_PROTECTION.search(word) is not None


def split_punctuation(word: str) -> tuple[str, str, str]:
    """Split `word` into leading punctuation, the word itself and trailing punctuation."""
    lead, core, trail = _WORD_PARTS.fullmatch(word).groups()
    return lead, core, trail


def encode_pages(pages: str) -> str:
    """Encode a page range with the `--` that BibTeX uses for an en dash."""
    return "--".join(encode_text(part.strip()) for part in re.split(r"[–-]+", pages))


def _author(name: str, corporate: bool) -> str:
    encoded = encode_text(name)
    # Braces make BibTeX read an organization as one family name, not as given and family names.
    return f"{{{encoded}}}" if corporate else encoded
