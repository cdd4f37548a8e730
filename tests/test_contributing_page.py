"""The field reference of /contributing/: generated from the schemas, every field listed, examples from the data."""

from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from field_guide.contributing_page import field_reference
from field_guide.json_schema import DATA_SCHEMAS

ROOT = Path(__file__).resolve().parents[1]


def field_paths(model: type, prefix: str = "") -> list[str]:
    """Return the dotted path of every field of a pydantic model, nested models included."""
    paths = []
    for name, info in model.model_fields.items():
        paths.append(prefix + name)
        for candidate in (info.annotation, *getattr(info.annotation, "__args__", ())):
            if isinstance(candidate, type) and hasattr(candidate, "model_fields"):
                paths.extend(field_paths(candidate, f"{prefix}{name}."))
    return paths


def tables() -> list[BeautifulSoup]:
    html = markdown.markdown(field_reference(ROOT), extensions=["tables"])
    return BeautifulSoup(html, "html.parser").select("table")


def test_every_field_listed() -> None:
    rendered = tables()
    assert len(rendered) == len(DATA_SCHEMAS)
    for table, (record, _description) in zip(rendered, DATA_SCHEMAS.values(), strict=True):
        listed = [row.select("td")[0].get_text() for row in table.select("tbody tr")]
        assert listed == field_paths(record)


def test_rows_have_five_cells() -> None:
    for table in tables():
        for row in table.select("tbody tr"):
            assert len(row.select("td")) == 5


def test_types_and_examples() -> None:
    rows = {}
    for table in tables():
        for row in table.select("tbody tr"):
            cells = [cell.get_text() for cell in row.select("td")]
            rows.setdefault(cells[0], cells)
    assert rows["parameters"][1].startswith("count")
    assert rows["parameters"][4] == "100M"
    assert rows["performance.value"][1] == "percentage (0 to 100)"
    assert rows["start"][1] == "date (YYYY-MM-DD)"
    assert rows["start"][2] == "yes"
    assert rows["website"][1] == "URL (http or https)"
    assert rows["end"][3] == "Last day of the event, included."
    assert rows["kind"][1] == "one of academic, industry"
    assert rows["year"][1] == "whole number (1900 to 2100)"
    assert rows["arxiv"][3].startswith("Written as the pattern")
