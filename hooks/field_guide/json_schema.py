"""JSON Schema files of the data files, generated from the pydantic schemas.

Editors that run yaml-language-server read them through the first line of each
data file and check and complete fields as authors type. Regenerate them with
`make schemas` (`python -m field_guide.json_schema` with `hooks` on the path);
`--check` exits with 1 when a committed file differs from the code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from field_guide.conferences import Conference
from field_guide.model_rows import ModelRow
from field_guide.references import Reference
from field_guide.site_data import CONFERENCES_FILE, MODELS_FILE, REFERENCES_FILE

SCHEMA_DIR = "data/schema"

DATA_SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    MODELS_FILE: (ModelRow, "Rows of the model comparison table on /models/."),
    CONFERENCES_FILE: (Conference, "Events listed on /events/, each with a page of its own."),
    REFERENCES_FILE: (Reference, "Works cited on the site, listed on /references/."),
}
"""Each data file with the schema of one record and what the file is for."""


def schema_path(data_file: str) -> str:
    """Return the project-relative path of the JSON Schema of `data_file`, such as data/schema/models.schema.json."""
    return f"{SCHEMA_DIR}/{Path(data_file).stem}.schema.json"


def language_server_line(data_file: str) -> str:
    """Return the comment that points yaml-language-server from `data_file` to its schema."""
    relative = Path(schema_path(data_file)).relative_to(Path(data_file).parent)
    return f"# yaml-language-server: $schema={relative.as_posix()}"


def file_schema(data_file: str) -> dict[str, Any]:
    """Return the JSON Schema of a whole data file: a list of records."""
    record, description = DATA_SCHEMAS[data_file]
    schema = TypeAdapter(list[record]).json_schema()
    _describe_plain_types(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": data_file,
        "description": f"{description} Generated from field_guide.{record.__module__.rsplit('.', 1)[-1]}.{record.__name__}; "
        "do not edit, run make schemas.",
        **schema,
    }


# Descriptions for the types that pydantic leaves undescribed, shown by editors on hover.
_PLAIN_TYPE_DESCRIPTIONS = {
    ("string", "date"): "Date as YYYY-MM-DD, unquoted.",
    ("boolean", None): "true or false, unquoted.",
    ("integer", None): "Whole number, unquoted.",
}


def _describe_plain_types(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _describe_plain_types(item)
        return
    if not isinstance(node, dict):
        return
    # In a "properties" mapping, "type" can be a field's name and hold a schema.
    kind = node.get("type")
    description = _PLAIN_TYPE_DESCRIPTIONS.get((kind, node.get("format"))) if isinstance(kind, str) else None
    if description and "description" not in node:
        node["description"] = description
    for value in node.values():
        _describe_plain_types(value)


def render(data_file: str) -> str:
    """Return the text of the schema file of `data_file`, as committed."""
    return json.dumps(file_schema(data_file), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write every schema file under the project root, or with --check report the ones that differ."""
    parser = argparse.ArgumentParser(prog="python -m field_guide.json_schema", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder that contains data/ (default: the current folder)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit with 1 when a schema file is out of date")
    arguments = parser.parse_args(argv)

    stale = []
    for data_file in DATA_SCHEMAS:
        target = arguments.root / schema_path(data_file)
        content = render(data_file)
        if target.is_file() and target.read_text(encoding="utf-8") == content:
            continue
        if arguments.check:
            stale.append(schema_path(data_file))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        print(f"wrote {schema_path(data_file)}", file=sys.stderr)
    for path in stale:
        print(f"{path}: out of date with the schemas in hooks/field_guide; run make schemas and commit the result", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
