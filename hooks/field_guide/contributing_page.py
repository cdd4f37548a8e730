"""Render the field reference of /contributing/ from the JSON Schemas of the data files.

Each data file gets a table: field, type and unit, whether it is required,
what it means, and an example taken from the real data, so the page can
neither drift from the schemas nor show an example that does not load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from field_guide.json_schema import DATA_SCHEMAS, file_schema
from field_guide.markdown_text import text
from field_guide.validation_messages import yaml_text
from field_guide.yaml_source import Record, load_records

if TYPE_CHECKING:
    from pathlib import Path

Schema = dict[str, Any]

_EXAMPLE_LENGTH = 60
"""Maximum length of an example shown in full; longer ones are cut to keep the table readable."""


def field_reference(root: Path) -> str:
    """Render the field reference of every data file, with examples read from the data under `root`."""
    records = {}
    for data_file in DATA_SCHEMAS:
        source, _problems = load_records(root, data_file)
        records[data_file] = source.records if source else []
    return render_field_reference({data_file: file_schema(data_file) for data_file in DATA_SCHEMAS}, records)


def render_field_reference(file_schemas: dict[str, Schema], records: dict[str, list[Record]]) -> str:
    """Render one section per data file with a table of its fields, nested fields as `parent.child`.

    `file_schemas` maps each data file to its JSON Schema, `records` to its
    records, which supply the examples.
    """
    sections = []
    for data_file, schema in file_schemas.items():
        definitions = schema.get("$defs", {})
        record = _resolve(schema["items"], definitions)
        lines = [
            f"### `{data_file}`",
            "",
            text(schema["description"].split(" Generated from", 1)[0]),
            "",
            "| Field | Type and unit | Required | Meaning | Example |",
            "|---|---|---|---|---|",
        ]
        plain_records = [item.plain() for item in records.get(data_file, [])]
        for path, field, required in _fields(record, definitions, ()):
            example = _example(plain_records, path)
            cells = [
                f"`{'.'.join(path)}`",
                _type_label(field, definitions),
                "yes" if required else "no",
                text(_description(field, definitions)),
                text(example) if example is not None else "—",
            ]
            lines.append("| " + " | ".join(cells) + " |")
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"


def _fields(record: Schema, definitions: Schema, prefix: tuple[str, ...]) -> list[tuple[tuple[str, ...], Schema, bool]]:
    """Return (path, schema, required) for every field of `record`, followed by the fields of nested records."""
    fields = []
    required = set(record.get("required", []))
    for name, field in record.get("properties", {}).items():
        path = (*prefix, name)
        fields.append((path, field, name in required))
        nested = _nested_record(field, definitions)
        if nested is not None:
            fields.extend(_fields(nested, definitions, path))
    return fields


def _resolve(node: Schema, definitions: Schema) -> Schema:
    if "$ref" in node:
        return definitions[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _without_null(node: Schema) -> Schema:
    options = [option for option in node.get("anyOf", []) if option.get("type") != "null"]
    if len(options) == 1 and len(node["anyOf"]) == 2:
        return options[0]
    return node


def _nested_record(field: Schema, definitions: Schema) -> Schema | None:
    node = _resolve(_without_null(field), definitions)
    # A list of records, such as an event's deadlines, lists the fields of one item.
    if node.get("type") == "array" and "items" in node:
        node = _resolve(node["items"], definitions)
    return node if node.get("type") == "object" and "properties" in node else None


def _type_label(field: Schema, definitions: Schema) -> str:
    node = _resolve(_without_null(field), definitions)
    options = node.get("anyOf", [])
    kinds = {option.get("type") for option in options}
    if kinds == {"integer", "string"}:
        return "count (whole number, or with K, M, B or T: `1.5B`)"
    kind = node.get("type")
    if kind == "array":
        return f"list of {_type_label(node.get('items', {}), definitions)}"
    if "enum" in node or "const" in node:
        values = node.get("enum", [node.get("const")])
        return "one of " + ", ".join(f"`{value}`" for value in values)
    if kind == "object":
        return "mapping (fields below)"
    if node.get("format") == "date":
        return "date (`YYYY-MM-DD`)"
    if node.get("format") == "uri":
        return "URL (`http` or `https`)"
    if kind == "number" and node.get("maximum") == 100:
        return "percentage (0 to 100)"
    if kind == "integer":
        bounds = [str(node[key]) for key in ("minimum", "maximum") if key in node]
        return "whole number" + (f" ({' to '.join(bounds)})" if len(bounds) == 2 else "")
    if kind == "boolean":
        return "`true` or `false`"
    if "pattern" in node:
        return "id or code (form in Meaning)"
    return "text"


def _description(field: Schema, definitions: Schema) -> str:
    if "description" in field:
        return str(field["description"])
    node = _resolve(_without_null(field), definitions)
    if node.get("type") == "array":
        node = _resolve(node.get("items", {}), definitions)
    if "description" not in node and "pattern" in node:
        return f"Written as the pattern {node['pattern']}"
    return str(node.get("description", "—"))


def _example(records: list[dict[str, Any]], path: tuple[str, ...]) -> str | None:
    """Return the value at `path` in the first record that has one, written as in YAML."""
    for record in records:
        value: Any = record
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None or isinstance(value, dict):
            continue
        if isinstance(value, list):
            if not value:
                continue
            value = value[0]
        written = yaml_text(value)
        return written if len(written) <= _EXAMPLE_LENGTH else written[: _EXAMPLE_LENGTH - 1] + "…"
    return None

