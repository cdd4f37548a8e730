"""Rows of the model comparison table (`data/models.yml`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from field_guide.fields import Count, Percentage, ReferenceKey, Slug, Text

DataUnit = Literal["tokens", "words", "gigabytes"]


class _Schema(BaseModel):
    # strict: a YAML 1 or "yes" is no bool, and "2026-06-03" in quotes is text, not a date.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


class TrainingData(_Schema):
    """How much text a model was trained on, in the unit its source reports."""

    amount: Count
    unit: DataUnit
    lower_bound: bool = False
    """True when the source gives only a minimum ("over 15T tokens")."""
    note: Text | None = None


class Performance(_Schema):
    """A published score: a percentage on a named benchmark."""

    value: Percentage
    metric: Literal["accuracy"]
    benchmark: Text | None = None
    """None for the article's illustrative rows, which name no benchmark."""
    source: ReferenceKey | None = None
    """Reference key of the score when it comes from another work than the row's source."""
    note: Text | None = None


class ModelRow(_Schema):
    """One language model with its size, training data and a benchmark score."""

    id: Slug
    name: Text
    illustrative: bool = False
    """True for the original article's made-up rows, which are kept but labelled."""
    parameters: Count
    parameters_note: Text | None = None
    training_data: TrainingData
    performance: Performance | None = None
    performance_note: Text | None = None
    """Reason that no score is given, shown in place of one."""
    source: ReferenceKey | None = None

    def reference_keys(self) -> list[tuple[tuple[str, ...], str]]:
        """Return each reference key this row names, with the field path that names it."""
        keys: list[tuple[tuple[str, ...], str]] = []
        if self.source:
            keys.append((("source",), self.source))
        if self.performance and self.performance.source:
            keys.append((("performance", "source"), self.performance.source))
        return keys


def check_model_row(row: ModelRow) -> list[tuple[tuple[str, ...], str, str]]:
    """Return the cross-field errors of a row as (field path, message, fix).

    A row has none today; missing sources and scores are editorial gaps,
    checked as warnings in field_guide.editorial.
    """
    return []
