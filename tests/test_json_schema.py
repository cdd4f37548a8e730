"""The committed JSON Schema files: in step with the code, linked from the data files, and agreeing with the loader."""

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from field_guide.json_schema import DATA_SCHEMAS, language_server_line, main, render, schema_path

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "data_errors"


def as_editor_sees(value: Any) -> Any:
    """Return YAML data as yaml-language-server validates it: dates are strings there."""
    if isinstance(value, dict):
        return {str(key): as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator(data_file: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / schema_path(data_file)).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("data_file", list(DATA_SCHEMAS))
def test_schema_file_current(data_file: str) -> None:
    committed = (ROOT / schema_path(data_file)).read_text(encoding="utf-8")
    assert committed == render(data_file), f"{schema_path(data_file)} is out of date; run make schemas"


def test_check_reports_drift(tmp_path: Path) -> None:
    (tmp_path / "data" / "schema").mkdir(parents=True)
    for data_file in DATA_SCHEMAS:
        (tmp_path / schema_path(data_file)).write_text(render(data_file), encoding="utf-8")
    assert main(["--root", str(tmp_path), "--check"]) == 0

    stale = tmp_path / schema_path("data/models.yml")
    stale.write_text(render("data/models.yml").replace('"minimum": 0', '"minimum": 1'), encoding="utf-8")
    assert main(["--root", str(tmp_path), "--check"]) == 1


@pytest.mark.parametrize("data_file", list(DATA_SCHEMAS))
def test_data_file_names_schema(data_file: str) -> None:
    first_line = (ROOT / data_file).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == language_server_line(data_file)
    schema_file = (ROOT / data_file).parent / first_line.split("$schema=", 1)[1]
    assert schema_file.is_file()


@pytest.mark.parametrize("data_file", list(DATA_SCHEMAS))
def test_real_data_matches_schema(data_file: str) -> None:
    records = as_editor_sees(YAML(typ="safe").load((ROOT / data_file).read_text(encoding="utf-8")))
    errors = [error.message for error in validator(data_file).iter_errors(records)]
    assert errors == []


@pytest.mark.parametrize(
    "case",
    [
        "conferences/unknown-kind",
        "conferences/unknown-field",
        "conferences/id-uppercase",
        "conferences/url-javascript",
        "conferences/country-number",
        "models/count-lowercase-suffix",
        "models/percentage-over-100",
        "references/no-authors",
    ],
)
def test_editor_flags_bad_case(case: str) -> None:
    """The editor's schema rejects what the loader rejects, for rules a JSON Schema can state."""
    path = CASES / f"{case}.yml"
    records = as_editor_sees(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    assert list(validator(f"data/{path.parent.name}.yml").iter_errors(records)), case
