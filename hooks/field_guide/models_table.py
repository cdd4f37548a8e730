"""Render the model comparison table of /models/ as Markdown."""

from __future__ import annotations

from field_guide.markdown_text import text
from field_guide.model_rows import ModelRow, Performance, TrainingData
from field_guide.quantities import format_count

UNIT_LABELS = {"tokens": "tokens", "words": "words", "gigabytes": "GB of text"}


def render_models_table(rows: list[ModelRow], references_url: str) -> str:
    """Render `rows` as a Markdown table followed by its notes.

    `references_url` is the References page relative to the page the table
    is on; each source cell links to an entry anchor there.
    """
    lines = [
        "| Model | Parameters | Training data | Performance | Source |",
        "|---|---:|---|---|---|",
    ]
    for row in rows:
        name = text(row.name) + (" *(illustrative)*" if row.illustrative else "")
        cells = [
            name,
            _parameters(row),
            _training_data(row.training_data),
            _performance(row, references_url),
            _source(row, references_url),
        ]
        lines.append("| " + " | ".join(cells) + " |")

    lines.append("")
    lines.append(
        "*Illustrative* rows come from the original article and name no benchmark: they show the shape of "
        "the comparison, not measured results. Every other row gives its source; MMLU figures come from "
        "different evaluation setups, so small differences between sources are expected."
    )
    return "\n".join(lines) + "\n"


def _parameters(row: ModelRow) -> str:
    value = format_count(row.parameters)
    return f"{value} ({text(row.parameters_note)})" if row.parameters_note else value


def _training_data(data: TrainingData) -> str:
    amount = format_count(data.amount)
    described = f"{'over ' if data.lower_bound else ''}{amount} {UNIT_LABELS[data.unit]}"
    return f"{described} ({text(data.note)})" if data.note else described


def _performance(row: ModelRow, references_url: str) -> str:
    if row.performance is None:
        return f"— ({text(row.performance_note)})" if row.performance_note else "—"
    score = _score(row.performance)
    if row.performance.source:
        score += f" ({_reference_link(row.performance.source, references_url)})"
    return score


def _score(performance: Performance) -> str:
    value = f"{performance.value:g}% {performance.metric}"
    benchmark = text(performance.benchmark) if performance.benchmark else "benchmark not named"
    details = benchmark if performance.note is None else f"{benchmark}, {text(performance.note)}"
    return f"{value} ({details})"


def _source(row: ModelRow, references_url: str) -> str:
    if row.source is None:
        return "original article"
    return _reference_link(row.source, references_url)


def _reference_link(key: str, references_url: str) -> str:
    return f"[{key}]({references_url}#ref-{key})"
