"""Turn pydantic validation errors into a message and a fix that an author can act on."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from field_guide.fields import PATTERN_HINTS
from field_guide.yaml_source import InvalidDate

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

_BOUNDS = {
    "greater_than_equal": ("ge", "of at least"),
    "greater_than": ("gt", "above"),
    "less_than_equal": ("le", "of at most"),
    "less_than": ("lt", "below"),
}



def explain(detail: ErrorDetails, field_path: tuple[str | int, ...], written: str) -> tuple[str, str]:
    """Return (message, fix) for one error of `ValidationError.errors()`; the message names what was expected and what was received.

    `written` is the value as it appears in the file, which for `1.10` differs
    from the number 1.1 that YAML read.
    """
    kind = detail["type"]
    received = detail.get("input")
    context: dict[str, Any] = dict(detail.get("ctx") or {})
    names = [part for part in field_path if isinstance(part, str)]
    name = names[-1] if names else "value"

    if isinstance(received, InvalidDate):
        return f"invalid date {received.text} ({received.reason})", "write a real date as YYYY-MM-DD"
    if kind == "missing":
        return "missing required field", f"add '{name}: ...'"
    if kind == "extra_forbidden":
        return "unknown field", "remove it or correct its spelling"
    if received is None and kind.endswith("_type"):
        return "empty value", f"write a value after '{name}:' or remove the line"

    if kind == "string_type":
        if isinstance(received, (bool, int, float, dt.date)):
            as_written = written or yaml_text(received)
            return (
                f"expected text, got {describe(received)} (YAML reads the unquoted {as_written} as {_yaml_kind(received)})",
                f'quote the value: {name}: "{as_written}"',
            )
        return f"expected text, got {describe(received)}", f"write a single value: {name}: ..."
    if kind == "string_pattern_mismatch":
        expected, fix = PATTERN_HINTS.get(context.get("pattern", ""), (f"text matching {context.get('pattern')}", f"correct '{name}'"))
        return f"expected {expected}, got {received!r}", fix
    if kind == "string_too_short":
        return "empty text", f"write a value after '{name}:' or remove the line"
    if kind in ("date_type", "date_from_datetime_inexact"):
        return f"expected a date, got {describe(received)}", "write the date unquoted as YYYY-MM-DD"
    if kind == "bool_type":
        return f"expected true or false, got {describe(received)}", f"write {name}: true or {name}: false"
    if kind in ("int_type", "float_type"):
        noun = "a whole number" if kind == "int_type" else "a number"
        return f"expected {noun}, got {describe(received)}", "write the number unquoted"
    if kind in _BOUNDS:
        bound, words = _BOUNDS[kind]
        return f"expected a number {words} {context.get(bound)}, got {received!r}", f"correct '{name}'"
    if kind == "list_type":
        return f"expected a list, got {describe(received)}", f"write {name}: [a, b] or one '- item' per line"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping, got {describe(received)}", f"write 'key: value' lines under '{name}:'"
    if kind == "too_short":
        return "expected at least one item, got none", f"add an item to '{name}'"
    if kind == "literal_error":
        return f"expected one of {context.get('expected', '')}, got {received!r}", "use one of the listed values"
    if kind == "value_error":
        # The field types in field_guide.fields write "what is wrong; how to fix it".
        reason = str(context.get("error", detail["msg"]))
        message, _, fix = reason.partition("; ")
        return message, fix or f"correct '{name}'"
    return f"{detail['msg'].lower()}, got {received!r}", f"correct '{name}'"


def describe(value: Any) -> str:
    """Name the YAML kind of `value` and show it, as in `int 12` or `a list`."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return f"bool {str(value).lower()}"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    if isinstance(value, str):
        return f"text {value!r}"
    return f"{type(value).__name__} {value!r}"


def yaml_text(value: Any) -> str:
    """Write a scalar as YAML shows it: `true`, `2026-06-03`, `1.1`."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _yaml_kind(value: bool | float | dt.date) -> str:
    if isinstance(value, bool):
        return "a bool"
    if isinstance(value, dt.date):
        return "a date"
    return "a number"
