"""Read a data file as a list of YAML mappings that keep the line and column of each value."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from field_guide.problems import Problem


@dataclass(frozen=True)
class Record:
    """One top-level mapping of a data file, with its positions kept for messages."""

    node: CommentedMap
    index: int

    def plain(self) -> dict[str, Any]:
        """Return the mapping as plain dicts and lists, for schema validation."""
        return _to_plain(self.node)


@dataclass(frozen=True)
class SourceFile:
    """A data file: its path relative to the project and its top-level records."""

    path: str
    records: list[Record]

    def position(self, record: Record, field_path: tuple[str | int, ...]) -> tuple[int, int]:
        """Return the 1-based line and column of the value at `field_path` in `record`.

        A path that does not exist (a missing field) points at the deepest
        mapping that does, so the message still leads the author to the spot.
        """
        node: Any = record.node
        line, column = node.lc.line, node.lc.col
        for part in field_path:
            if isinstance(node, CommentedMap) and part in node:
                line, column = node.lc.value(part)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line, column = node.lc.item(part)
                node = node[part]
            else:
                break
        return line + 1, column + 1


def load_records(root: Path, relative_path: str) -> tuple[SourceFile | None, list[Problem]]:
    """Parse `relative_path` under `root` into records, or return the problems that prevent it."""
    path = root / relative_path
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [_file_problem(relative_path, 1, 1, "file not found", "create it or restore it from git")]
    except UnicodeDecodeError as error:
        return None, [_file_problem(relative_path, 1, 1, f"not valid UTF-8 ({error.reason})", "save the file as UTF-8")]

    try:
        document = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        reason = error.problem or error.context or "invalid YAML"
        fix = "keep one of the two entries" if "duplicate key" in reason else "fix the syntax at this spot"
        return None, [_file_problem(relative_path, line, column, f"invalid YAML: {reason}", fix)]

    if not isinstance(document, CommentedSeq):
        return None, [
            _file_problem(relative_path, 1, 1, "the top level is not a list", "start each record with '- ' at column 1")
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
                relative_path, line + 1, column + 1, f"item {index + 1} is not a mapping", "write each record as 'key: value' lines"
            )
        )
    return SourceFile(path=relative_path, records=records), problems


def _file_problem(path: str, line: int, column: int, message: str, fix: str) -> Problem:
    return Problem(path=path, line=line, column=column, record=None, field=None, message=message, fix=fix)


def _to_plain(node: Any) -> Any:
    if isinstance(node, CommentedMap):
        return {str(key): _to_plain(value) for key, value in node.items()}
    if isinstance(node, CommentedSeq):
        return [_to_plain(value) for value in node]
    if isinstance(node, str):
        # ruamel returns str subclasses for quoted scalars; schema checks want plain str.
        return str(node)
    return node
