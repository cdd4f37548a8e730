"""Render the model comparison table of /models/ as a sortable HTML table with Markdown cells."""

from __future__ import annotations

from dataclasses import dataclass

from field_guide.markdown_text import text
from field_guide.model_rows import ModelRow, Performance, TrainingData
from field_guide.quantities import format_count

UNIT_LABELS = {"tokens": "tokens", "words": "words", "gigabytes": "GB of text"}

# The sort script (tablesort) compares the `data-sort` keys of a column as
# text. Counts are zero-padded to this many digits so that text order is
# numeric order: 100M sorts before 1.5B.
SORT_KEY_DIGITS = 20

# Training data in different units cannot be compared, so the column sorts by
# unit first (in this order) and by amount within a unit.
_UNIT_ORDER = {"tokens": 0, "words": 1, "gigabytes": 2}


@dataclass(frozen=True)
class _Column:
    heading: str
    align_right: bool = False


COLUMNS = (
    _Column("Model"),
    _Column("Parameters", align_right=True),
    _Column("Training data"),
    _Column("Performance"),
    _Column("Source"),
)


def render_models_table(rows: list[ModelRow], references_url: str) -> str:
    """Render `rows` as a sortable HTML table followed by its notes.

    Each cell's content is Markdown (md_in_html parses it, so MkDocs still
    resolves the links), and each numeric cell carries a `data-sort` key for
    the sort script. `references_url` is the References page relative to the
    page the table is on; each source cell links to an entry anchor there.
    """
    lines = ['<table data-field-guide-sortable markdown="1">', "<thead>", "<tr>"]
    lines += [f"<th{_align(column)}>{column.heading}</th>" for column in COLUMNS]
    lines += ["</tr>", "</thead>", '<tbody markdown="1">']
    for row in rows:
        name = text(row.name) + (" *(illustrative)*" if row.illustrative else "")
        cells = [
            (name, None),
            (_parameters(row), count_sort_key(row.parameters)),
            (_training_data(row.training_data), _training_data_sort_key(row.training_data)),
            (_performance(row, references_url), _performance_sort_key(row.performance)),
            (_source(row, references_url), None),
        ]
        lines.append('<tr markdown="1">')
        for column, (content, sort_key) in zip(COLUMNS, cells, strict=True):
            sort_attribute = "" if sort_key is None else f' data-sort="{sort_key}"'
            lines.append(f'<td{_align(column)}{sort_attribute} markdown="span">{content}</td>')
        lines.append("</tr>")
    lines += ["</tbody>", "</table>"]

    lines.append("")
    lines.append(
        "*Illustrative* rows come from the original article and name no benchmark: they show the shape of "
        "the comparison, not measured results. Every other row gives its source; MMLU figures come from "
        "different evaluation setups, so small differences between sources are expected."
    )
    return "\n".join(lines) + "\n"


def count_sort_key(value: int) -> str:
    """Return the sort key of a count: its digits, zero-padded so that text order is numeric order."""
    digits = str(value)
    if len(digits) > SORT_KEY_DIGITS:
        raise ValueError(f"count {value} has more than {SORT_KEY_DIGITS} digits; raise SORT_KEY_DIGITS")
    return digits.zfill(SORT_KEY_DIGITS)


def _training_data_sort_key(data: TrainingData) -> str:
    return f"{_UNIT_ORDER[data.unit]}-{count_sort_key(data.amount)}"


def _performance_sort_key(performance: Performance | None) -> str:
    # An empty key sorts before every score, so rows without one come first in ascending order.
    return "" if performance is None else f"{performance.value:08.3f}"


def _align(column: _Column) -> str:
    # The same attribute that Python-Markdown's tables extension writes for `---:`.
    return ' style="text-align: right;"' if column.align_right else ""


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
