"""Load every data file into typed rows, checking each record and the links between files."""

from __future__ import annotations

import difflib
import logging
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from field_guide.conferences import Conference, check_conference
from field_guide.editorial import conference_gaps, model_row_gaps
from field_guide.model_rows import ModelRow, check_model_row
from field_guide.problems import DataError, Problem
from field_guide.references import Reference
from field_guide.validation_messages import explain
from field_guide.yaml_source import MAX_FILE_BYTES, Record, SourceFile, load_records

log = logging.getLogger("mkdocs.plugins.field_guide.site_data")

MODELS_FILE = "data/models.yml"
CONFERENCES_FILE = "data/conferences.yml"
REFERENCES_FILE = "data/references.yml"

Row = TypeVar("Row", bound=BaseModel)
FieldProblem = tuple[tuple[str, ...], str, str]


@dataclass(frozen=True)
class SiteData:
    """Every row of every data file, in file order."""

    models: list[ModelRow]
    conferences: list[Conference]
    references: list[Reference]

    def reference(self, key: str) -> Reference:
        """Return the reference with `key`; KeyError when there is none."""
        return {reference.key: reference for reference in self.references}[key]


def load_site_data(root: Path, max_file_bytes: int = MAX_FILE_BYTES) -> SiteData:
    """Load and check `data/*.yml` under `root`, logging editorial gaps as warnings.

    Every problem in every file is collected first. Then DataError is raised
    once with all the errors, so an author fixes a whole batch per build.
    """
    data, problems = check_site_data(root, max_file_bytes)
    for problem in problems:
        if problem.severity == "warning":
            log.warning("%s", problem)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors or data is None:
        raise DataError(errors)

    log.debug(
        "loaded %d models, %d conferences, %d references", len(data.models), len(data.conferences), len(data.references)
    )
    return data


def check_site_data(root: Path, max_file_bytes: int = MAX_FILE_BYTES) -> tuple[SiteData | None, list[Problem]]:
    """Check `data/*.yml` under `root` and return the data with every problem, errors and warnings.

    The data is None when there is at least one error.
    """
    problems: list[Problem] = []
    models = _load_rows(root, MODELS_FILE, ModelRow, "id", check_model_row, model_row_gaps, max_file_bytes, problems)
    conferences = _load_rows(
        root, CONFERENCES_FILE, Conference, "id", check_conference, conference_gaps, max_file_bytes, problems
    )
    references = _load_rows(root, REFERENCES_FILE, Reference, "key", _no_problems, _no_problems, max_file_bytes, problems)

    # Unless the references file parsed, every key would look unknown.
    known_keys = {reference.key for reference in references.rows}
    for row, (source, record) in zip(models.rows, models.records, strict=True):
        for field_path, key in row.reference_keys():
            if key in known_keys or not references.parsed:
                continue
            line, column = source.position(record, field_path)
            problems.append(
                Problem(
                    path=source.path,
                    line=line,
                    column=column,
                    record=row.id,
                    field=".".join(field_path),
                    message=f"unknown reference key {key!r}",
                    fix=f"add it to {REFERENCES_FILE} or use one of its keys",
                )
            )

    if any(problem.severity == "error" for problem in problems):
        return None, problems
    return SiteData(models=models.rows, conferences=conferences.rows, references=references.rows), problems


def _no_problems(_row: BaseModel) -> list[FieldProblem]:
    return []


@dataclass(frozen=True)
class _LoadedRows(Generic[Row]):
    """The valid rows of one file, each with the record it came from."""

    rows: list[Row]
    records: list[tuple[SourceFile, Record]]
    parsed: bool
    """False when the file could not be read or parsed at all."""


def _load_rows(
    root: Path,
    relative_path: str,
    schema: type[Row],
    id_field: str,
    check: Callable[[Row], list[FieldProblem]],
    gaps: Callable[[Row], list[FieldProblem]],
    max_file_bytes: int,
    problems: list[Problem],
) -> _LoadedRows[Row]:
    """Validate each record of one file; append problems and return the valid rows with their records."""
    source, file_problems = load_records(root, relative_path, max_file_bytes)
    problems.extend(file_problems)
    if source is None:
        return _LoadedRows(rows=[], records=[], parsed=False)

    rows: list[Row] = []
    kept: list[tuple[SourceFile, Record]] = []
    seen: dict[str, int] = {}
    for record in source.records:
        plain = record.plain()
        record_id = _record_id(plain, id_field, record.index)
        try:
            row = schema.model_validate(plain)
        except ValidationError as error:
            problems.extend(_schema_problems(source, record, record_id, schema, error))
            continue

        for field_path, message, fix in check(row):
            line, column = source.position(record, field_path)
            problems.append(Problem(source.path, line, column, record_id, ".".join(field_path), message, fix))
        for field_path, message, fix in gaps(row):
            line, column = source.position(record, field_path)
            problems.append(
                Problem(source.path, line, column, record_id, ".".join(field_path), message, fix, severity="warning")
            )

        if record_id in seen:
            line, column = source.position(record, (id_field,))
            problems.append(
                Problem(
                    source.path,
                    line,
                    column,
                    record_id,
                    id_field,
                    f"duplicate {id_field}, first used on line {seen[record_id]}",
                    f"give each record its own {id_field}",
                )
            )
            continue
        seen[record_id] = source.position(record, (id_field,))[0]
        rows.append(row)
        kept.append((source, record))
    return _LoadedRows(rows=rows, records=kept, parsed=True)


def _record_id(plain: dict[str, Any], id_field: str, index: int) -> str:
    value = plain.get(id_field)
    return value if isinstance(value, str) and value else f"record {index + 1}"


def _schema_problems(
    source: SourceFile, record: Record, record_id: str, schema: type[BaseModel], error: ValidationError
) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        field_path = tuple(part for part in detail["loc"] if isinstance(part, (str, int)))
        line, column = source.position(record, field_path, at_key=detail["type"] == "extra_forbidden")
        message, fix = explain(detail, field_path, source.written(line, column))
        if detail["type"] == "extra_forbidden" and field_path:
            close = difflib.get_close_matches(str(field_path[-1]), _field_names(schema, field_path[:-1]), n=1)
            if close:
                fix = f"did you mean '{close[0]}'? Otherwise remove it"
        field = ".".join(str(part) for part in field_path)
        problems.append(Problem(source.path, line, column, record_id, field or None, message, fix))
    return problems


def _field_names(schema: type[BaseModel], parent_path: tuple[str | int, ...]) -> list[str]:
    """Return the field names of the mapping at `parent_path` in `schema`, or [] when it is not a model."""
    model: Any = schema
    for part in parent_path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return []
        model = _model_in(field.annotation)
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _model_in(annotation: Any) -> Any:
    """Return the pydantic model inside `annotation`, unwrapping `X | None` and `list[X]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        model = _model_in(argument)
        if model is not None:
            return model
    return None
