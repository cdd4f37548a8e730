"""Editorial gaps in valid records: facts that lack a source, or a score without its benchmark.

A gap is a warning, not an error: the record is well formed and the page can
be built, but `mkdocs build --strict` (and `make check`) fail on it. A record
that states openly what it lacks raises no warning: an event marked
`verified: false` with an `unverified_reason`, or a model row marked
`illustrative: true`.
"""

from __future__ import annotations

from field_guide.conferences import Conference
from field_guide.model_rows import ModelRow

FieldProblem = tuple[tuple[str, ...], str, str]


def conference_gaps(event: Conference) -> list[FieldProblem]:
    """Return the editorial gaps of an event as (field path, message, fix)."""
    if event.verified and not event.sources:
        return [(("sources",), "missing sources for a verified event", "list the official pages, or set 'verified: false'")]
    if not event.verified and event.unverified_reason is None:
        return [(("unverified_reason",), "missing reason for an unverified event", "say why the event could not be confirmed")]
    return []


def model_row_gaps(row: ModelRow) -> list[FieldProblem]:
    """Return the editorial gaps of a model row as (field path, message, fix)."""
    gaps: list[FieldProblem] = []
    if not row.illustrative and row.source is None:
        gaps.append((("source",), "missing source for a published row", "add 'source: <reference key>' or set 'illustrative: true'"))
    if row.performance is None and row.performance_note is None:
        gaps.append((("performance",), "missing performance", "add 'performance' or a 'performance_note' saying why there is none"))
    if row.performance is not None and row.performance.benchmark is None and not row.illustrative:
        gaps.append(
            (("performance", "benchmark"), "missing benchmark for a published score", "name the benchmark, such as 'MMLU 5-shot'")
        )
    return gaps
