"""Problems found in data files, and the error that reports all of them at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem at one place in a data file.

    `line` and `column` are 1-based, as editors show them. `record` is the id or
    key of the record the problem is in, `field` a dotted path inside it.
    """

    path: str
    line: int
    column: int
    record: str | None
    field: str | None
    message: str
    fix: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = ".".join(part for part in (self.record, self.field) if part)
        subject = f"{where}: " if where else ""
        return f"{self.path}:{self.line}:{self.column}: {subject}{self.message}; {self.fix}"


class DataError(Exception):
    """Raised once after every data file was checked, listing every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [str(problem) for problem in problems]
        super().__init__("\n".join([*lines, summary(len(problems), 0, strict=False)]))


def summary(errors: int, warnings: int, *, strict: bool) -> str:
    """Return the closing line of a report, such as `2 errors, 1 warning in data files; fix them and build again`."""
    counts = [_plural(errors, "error")] if errors else []
    if warnings:
        counts.append(_plural(warnings, "warning") + (" (failures under --strict)" if strict else ""))
    return f"{', '.join(counts)} in data files; fix them and build again"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
