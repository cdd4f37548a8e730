"""Finding, checking and rendering pandoc-style citations in Markdown pages."""

from pathlib import Path

import pytest

from field_guide.citations import (
    Citation,
    CitationRegistry,
    UnknownReferenceKeyError,
    check_keys,
    cite_page,
    find_citations,
    markdown_start_line,
    pages_using,
)
from field_guide.site_data import load_site_data

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def references():
    return load_site_data(ROOT).references


def citations_in(markdown: str) -> list[tuple[Citation, ...]]:
    return [group.citations for group in find_citations(markdown)]


def test_single_citation() -> None:
    assert citations_in("Transformers [@vaswani2017].") == [(Citation("vaswani2017"),)]


def test_several_citations() -> None:
    assert citations_in("[@devlin2019; @brown2020]") == [(Citation("devlin2019"), Citation("brown2020"))]


def test_locator_and_prefix() -> None:
    found = citations_in("[@brown2020, p. 8] and [see @vaswani2017, sec. 3.2; @dai2019]")
    assert found == [
        (Citation("brown2020", locator="p. 8"),),
        (Citation("vaswani2017", prefix="see", locator="sec. 3.2"), Citation("dai2019")),
    ]


def test_citation_across_lines() -> None:
    found = find_citations("first line\nsecond [@kaplan2020,\n  sec. 3] end")
    assert [group.citations for group in found] == [(Citation("kaplan2020", locator="sec. 3"),)]
    assert found[0].line == 2


@pytest.mark.parametrize("key", ["gpt-2", "touvron2023llama2", "a1-b2_c3", "x2020:v2"])
def test_keys_with_digits_and_dashes(key: str) -> None:
    assert citations_in(f"[@{key}]") == [(Citation(key),)]


@pytest.mark.parametrize(
    "markdown",
    [
        "`[@vaswani2017]`",
        "``code with a ` and [@vaswani2017]``",
        "```python\nx = '[@vaswani2017]'\n```",
        "~~~~\n[@vaswani2017]\n~~~\n~~~~",
        "- item\n\n    ```\n    [@vaswani2017]\n    ```",
        '--8<-- "snippets/[@vaswani2017].py"',
        "<!-- [@vaswani2017] -->",
        r"\[@vaswani2017]",
        "[@vaswani2017](https://example.org)",
        "[@vaswani2017]: https://example.org",
        "mail [me@example.org]",
    ],
)
def test_not_a_citation(markdown: str) -> None:
    assert citations_in(markdown) == []


def test_text_after_code_block_cited() -> None:
    found = find_citations("```\n[@a]\n```\nafter [@dai2019]")
    assert [group.citations for group in found] == [(Citation("dai2019"),)]
    assert found[0].line == 4


def test_unknown_key_message() -> None:
    groups = find_citations("line one\nline two [@vaswani2071]")
    with pytest.raises(UnknownReferenceKeyError) as caught:
        check_keys(groups, {"vaswani2017", "dai2019"}, "docs/architecture.md", first_line=41)
    assert str(caught.value) == "docs/architecture.md:42: unknown reference key 'vaswani2071'; did you mean 'vaswani2017'?"


def test_unknown_key_without_match() -> None:
    groups = find_citations("[@zzz]")
    with pytest.raises(UnknownReferenceKeyError) as caught:
        check_keys(groups, {"vaswani2017"}, "docs/index.md")
    assert str(caught.value) == (
        "docs/index.md:1: unknown reference key 'zzz'; add it to data/references.yml or cite one of the keys there"
    )


def test_rendered_link_and_section(references) -> None:
    cited = cite_page(
        "Intro [@vaswani2017].\n\nMore [see @touvron2023llama, p. 2; @touvron2023llama2].\n",
        references,
        source_path="docs/events/index.md",
        first_line=1,
        references_url="../references.md",
    )
    assert cited.keys == ["vaswani2017", "touvron2023llama", "touvron2023llama2"]
    assert '([Vaswani et al., 2017](../references.md#ref-vaswani2017 "Attention Is All You Need"))' in cited.markdown
    assert "(see [Touvron et al., 2023a](../references.md#ref-touvron2023llama " in cited.markdown
    assert "), p. 2; [Touvron et al., 2023b](../references.md#ref-touvron2023llama2 " in cited.markdown
    section = cited.markdown.split("## References\n", 1)[1]
    assert section.count("\n- ") == 3
    assert "- [Vaswani et al., 2017](../references.md#ref-vaswani2017): Ashish Vaswani, " in section
    assert "Łukasz Kaiser" in section


def test_page_without_citations_unchanged(references) -> None:
    markdown = "No citations, only `[@code]`.\n"
    cited = cite_page(markdown, references, source_path="docs/x.md", first_line=1, references_url="references.md")
    assert cited.markdown == markdown
    assert cited.keys == []


def test_start_line_after_front_matter() -> None:
    source = "---\ntitle: X\n---\n\n# X\n"
    assert markdown_start_line(source, "# X\n") == 5
    assert markdown_start_line(source, "changed by a plugin") == 1


def test_pages_using_counts_data_rows(references) -> None:
    registry = CitationRegistry()
    registry.record("index.md", ["vaswani2017", "brown2020"])
    registry.record("architecture.md", ["vaswani2017"])
    registry.record("models.md", ["hendrycks2021"])
    usage = pages_using(references, registry, {"brown2020", "hendrycks2021", "meta2024llama3"}, data_page="models.md")
    assert usage["vaswani2017"] == ["index.md", "architecture.md"]
    assert usage["brown2020"] == ["index.md", "models.md"]
    assert usage["hendrycks2021"] == ["models.md"]
    assert usage["meta2024llama3"] == ["models.md"]
    assert usage["dai2019"] == []
    assert list(usage) == sorted(reference.key for reference in references)
