"""Read a data file as a list of YAML mappings that keep the line and column of each value.

Loading is strict on purpose: the files are edited by hand, so anything that
YAML allows but an author rarely means (duplicate keys, anchors and aliases,
tags, merge keys, tabs in indentation) is reported with its line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, ScalarEvent

from field_guide.problems import Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Default size limit of one data file; the largest real file is far below it."""

MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted; records need three levels."""

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_LEADING_WHITESPACE = re.compile(r"[ \t]*")
# End of a plain scalar: a comment, or the next item of a flow collection.
_PLAIN_SCALAR_END = re.compile(r"\s#|,|\]|\}")


@dataclass(frozen=True)
class InvalidDate:
    """A value written like a date that is not one, such as 2026-02-30.

    The schema rejects it as "not a date", with the reason kept here, so one
    bad date does not stop the other records of the file from being checked.
    """

    text: str
    reason: str


@dataclass(frozen=True)
class Record:
    """One top-level mapping of a data file, with its positions kept for messages."""

    node: CommentedMap
    index: int

    def plain(self) -> dict[str, Any]:
        """Return the mapping as plain dicts, lists and scalars, for schema validation."""
        return _to_plain(self.node)


@dataclass(frozen=True)
class SourceFile:
    """A data file: its path relative to the project and its top-level records."""

    path: str
    records: list[Record]
    lines: list[str]

    def written(self, line: int, column: int) -> str:
        """Return the plain scalar as written at the 1-based `line` and `column`, such as `1.10` for 1.1."""
        text = self.lines[line - 1][column - 1 :] if 0 < line <= len(self.lines) else ""
        return _PLAIN_SCALAR_END.split(text, maxsplit=1)[0].strip()

    def position(self, record: Record, field_path: tuple[str | int, ...], *, at_key: bool = False) -> tuple[int, int]:
        """Return the 1-based line and column of the value at `field_path` in `record`, or of its key.

        A path that does not exist (a missing field) points at the deepest
        mapping that does, so the message still leads the author to the spot.
        """
        node: Any = record.node
        line, column = node.lc.line, node.lc.col
        for index, part in enumerate(field_path):
            if isinstance(node, CommentedMap) and part in node:
                last = index == len(field_path) - 1
                line, column = node.lc.key(part) if at_key and last else node.lc.value(part)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line, column = node.lc.item(part)
                node = node[part]
            else:
                break
        return line + 1, column + 1


class _PlainComposer(Composer):
    """Composer that rejects anchors, aliases, merge keys and tags before building any node.

    Rejecting the first anchor is what makes an alias bomb (a billion laughs)
    fail at once instead of expanding in memory.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise ComposerError(None, None, f"alias *{event.anchor} is not allowed", event.start_mark)
        if event.anchor is not None:
            raise ComposerError(None, None, f"anchor &{event.anchor} is not allowed", event.start_mark)
        tag = getattr(event, "tag", None)
        if tag is not None:
            written = str(tag).replace("tag:yaml.org,2002:", "!!", 1)
            raise ComposerError(None, None, f"tag {written} is not allowed", event.start_mark)
        if isinstance(event, ScalarEvent) and event.value == "<<" and not event.style:
            raise ComposerError(None, None, "merge key << is not allowed", event.start_mark)
        return super().compose_node(parent, index)


class _DataConstructor(RoundTripConstructor):
    """Round-trip constructor that turns an impossible date into InvalidDate instead of raising."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as error:
            return InvalidDate(text=str(node.value), reason=str(error))


_DataConstructor.add_constructor(_TIMESTAMP_TAG, _DataConstructor.construct_yaml_timestamp)


def load_records(
    root: Path, relative_path: str, max_bytes: int = MAX_FILE_BYTES
) -> tuple[SourceFile | None, list[Problem]]:
    """Parse `relative_path` under `root` into records, or return the problems that prevent it."""
    path = root / relative_path
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None, [_file_problem(relative_path, 1, 1, "file not found", "create it or restore it from git")]
    if size > max_bytes:
        return None, [
            _file_problem(
                relative_path,
                1,
                1,
                f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                "split the data or remove what the site does not show",
            )
        ]

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        return None, [
            _file_problem(
                relative_path, line, column, f"invalid UTF-8: byte 0x{raw[error.start]:02x} ({error.reason})", "save the file as UTF-8"
            )
        ]

    tab_problems = _tab_problems(relative_path, text)
    if tab_problems:
        return None, tab_problems

    try:
        document = _yaml().load(text)
    except MarkedYAMLError as error:
        return None, [_syntax_problem(relative_path, error)]
    except YAMLError as error:
        # The reader's errors carry a character offset instead of a mark.
        offset = getattr(error, "position", 0)
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        reason = str(error).splitlines()[0]
        return None, [_file_problem(relative_path, line, column, f"invalid YAML: {reason}", "remove the character or write it as an escape in double quotes")]

    if document is None:
        return None, [_file_problem(relative_path, 1, 1, "the file has no records", "add records as a list, each starting with '- ' at column 1")]
    if not isinstance(document, CommentedSeq):
        line, column = (document.lc.line + 1, document.lc.col + 1) if isinstance(document, CommentedMap) else (1, 1)
        return None, [
            _file_problem(
                relative_path,
                line,
                column,
                f"expected a list of records at the top level, got {_yaml_kind(document)}",
                "start each record with '- ' at column 1",
            )
        ]

    records: list[Record] = []
    problems: list[Problem] = []
    for index, item in enumerate(document):
        if isinstance(item, CommentedMap):
            records.append(Record(node=item, index=index))
            continue
        line, column = document.lc.item(index)
        problems.append(
            _file_problem(
                relative_path,
                line + 1,
                column + 1,
                f"record {index + 1} is {_yaml_kind(item)}, not a mapping",
                "write each record as 'key: value' lines under its '- '",
            )
        )
    return SourceFile(path=relative_path, records=records, lines=text.splitlines()), problems


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Composer = _PlainComposer
    yaml.Constructor = _DataConstructor
    yaml.max_depth = MAX_DEPTH
    return yaml


def _syntax_problem(relative_path: str, error: MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    if error.context_mark and "end of stream" in (error.problem or ""):
        # An unclosed quote or bracket fails at the end of the file; the
        # place to fix is where it opened.
        mark = error.context_mark
        error.problem = f"{error.problem} {error.context}"
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    reason = (error.problem or error.context or "invalid YAML").strip()
    if "duplicate key" in reason:
        # ruamel's text spans several lines and ends with advice on its own API.
        reason = reason.splitlines()[0].rstrip(" .")
        fix = "keep one of the two entries"
    elif "merge key" in reason:
        fix = "write the merged keys out in the record itself"
    elif "alias" in reason or "anchor" in reason:
        fix = "write the value out in full; data files do not use anchors or aliases"
    elif "tag" in reason:
        fix = "remove the tag, and quote the value if it must be text"
    elif "quoted scalar" in reason:
        fix = "close the quote on the same value"
    elif "maximum depth" in reason:
        reason = f"nesting deeper than {MAX_DEPTH} levels"
        fix = "flatten the value; records need no more than three levels"
    else:
        fix = "fix the syntax at this spot"
    return _file_problem(relative_path, line, column, f"invalid YAML: {reason}", fix)


def _tab_problems(relative_path: str, text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indentation = _LEADING_WHITESPACE.match(line)
        if indentation and "\t" in indentation.group():
            column = indentation.group().index("\t") + 1
            problems.append(_file_problem(relative_path, number, column, "tab in indentation", "indent with spaces only"))
    return problems


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _yaml_kind(value: Any) -> str:
    if isinstance(value, CommentedMap):
        return "a mapping"
    if isinstance(value, CommentedSeq):
        return "a list"
    if value is None:
        return "an empty value"
    return f"{type(value).__name__} {value!r}" if not isinstance(value, str) else f"text {str(value)!r}"


def _file_problem(path: str, line: int, column: int, message: str, fix: str) -> Problem:
    return Problem(path=path, line=line, column=column, record=None, field=None, message=message, fix=fix)


def _to_plain(node: Any) -> Any:
    if isinstance(node, CommentedMap):
        return {str(key): _to_plain(value) for key, value in node.items()}
    if isinstance(node, CommentedSeq):
        return [_to_plain(value) for value in node]

    # ruamel returns subclasses that keep the written style (quoted text, 1.10
    # as written); the schemas check exact types, so hand them the base type.
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return dt.datetime.fromisoformat(node.isoformat())
    return node
