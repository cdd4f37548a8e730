"""The BibTeX export, read back by an independent parser (pybtex) and LaTeX decoder (pylatexenc)."""

from pathlib import Path

import pytest
from pybtex.database import BibliographyData, Person, parse_string
from pylatexenc.latex2text import LatexNodes2Text

from field_guide.bibtex import render_bibtex, render_bibtex_entry
from field_guide.references import Reference
from field_guide.site_data import load_site_data

ROOT = Path(__file__).resolve().parents[1]
DECODER = LatexNodes2Text()

VENUE_FIELDS = {"inproceedings": "booktitle", "article": "journal", "techreport": "type", "misc": "howpublished"}


@pytest.fixture(scope="module")
def references() -> list[Reference]:
    return load_site_data(ROOT).references


@pytest.fixture(scope="module")
def parsed(references) -> BibliographyData:
    return parse_string(render_bibtex(references), "bibtex")


def decode(latex: str) -> str:
    return DECODER.latex_to_text(latex)


def full_name(person: Person) -> str:
    parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    return decode(" ".join(parts))


def expected_fields(reference: Reference, entry_type: str) -> dict[str, str]:
    """Return the fields an entry must have, by their meaning in data/references.yml."""
    fields = {"title": reference.title, "year": str(reference.year)}
    if reference.venue:
        fields[VENUE_FIELDS[entry_type]] = reference.venue
    if reference.institution:
        fields["institution" if entry_type == "techreport" else "organization"] = reference.institution
    if reference.pages:
        fields["pages"] = reference.pages
    if reference.arxiv:
        fields["eprint"] = reference.arxiv
        fields["archiveprefix"] = "arXiv"
    if reference.doi:
        fields["doi"] = reference.doi
    if reference.url:
        fields["url"] = reference.url
    if reference.note:
        fields["note"] = reference.note
    return fields


def assert_round_trip(reference: Reference, parsed: BibliographyData) -> None:
    entry = parsed.entries[reference.key]
    assert [full_name(person) for person in entry.persons["author"]] == reference.authors
    expected = expected_fields(reference, entry.type)
    verbatim = {"eprint", "archiveprefix", "doi", "url"}
    actual = {
        name.lower(): value if name.lower() in verbatim else decode(value) for name, value in entry.fields.items()
    }
    assert actual == expected


def test_every_entry_round_trips(references, parsed) -> None:
    assert sorted(parsed.entries.keys()) == sorted(reference.key for reference in references)
    for reference in references:
        assert_round_trip(reference, parsed)


def test_accented_names_survive(parsed) -> None:
    names = {full_name(person) for entry in parsed.entries.values() for person in entry.persons["author"]}
    assert {"Łukasz Kaiser", "Timothée Lacroix", "Baptiste Rozière"} <= names


def test_file_is_ascii(references) -> None:
    render_bibtex(references).encode("ascii")


def test_special_characters_survive() -> None:
    reference = Reference(
        key="special2020",
        type="journal-article",
        title="Costs of 50% & $5 in a_b {sets} #1 ~2: \"quoted\" GPT-3",
        authors=["Łukasz Kaiser", "Timothée Lacroix", "Baptiste Rozière", "Diego de Las Casas"],
        year=2020,
        venue="Journal of A & B",
        pages="1–20",
        url="https://example.org/a_b%20c?x=1&y=2",
        note="100% _tested_ {really}",
    )
    assert_round_trip(reference, parse_string(render_bibtex([reference]), "bibtex"))


def test_capitals_protected(parsed) -> None:
    assert parsed.entries["devlin2019"].fields["title"].startswith("{BERT}: Pre-training")
    assert parsed.entries["touvron2023llama"].fields["title"].startswith("{LLaMA}: Open")
    assert parsed.entries["dai2019"].fields["title"].startswith("{Transformer-XL}: Attentive")
    assert "{Few-Shot}" not in parsed.entries["brown2020"].fields["title"]


def test_corporate_author_one_name(parsed) -> None:
    (author,) = parsed.entries["meta2024llama3"].persons["author"]
    assert author.first_names == []
    assert author.last_names == ["{Meta AI}"]


@pytest.mark.parametrize(
    ("key", "entry_type"),
    [
        ("vaswani2017", "inproceedings"),
        ("devlin2019", "inproceedings"),
        ("kaplan2020", "misc"),
        ("touvron2023llama", "misc"),
        ("radford2019", "techreport"),
        ("meta2024llama3", "misc"),
    ],
)
def test_entry_types(parsed, key: str, entry_type: str) -> None:
    assert parsed.entries[key].type == entry_type


def test_preprint_has_eprint(parsed) -> None:
    fields = parsed.entries["kaplan2020"].fields
    assert fields["eprint"] == "2001.08361"
    assert fields["archivePrefix"] == "arXiv"


def test_single_entry_matches_file(references) -> None:
    by_key = {reference.key: reference for reference in references}
    assert render_bibtex_entry(by_key["dai2019"]) in render_bibtex(references)
