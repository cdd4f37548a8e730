"""Execute a snippet's notebook in a Jupyter kernel, and report its failures by line of the snippet."""

from __future__ import annotations

import logging
import math
import re
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import nbformat

log = logging.getLogger("mkdocs.plugins.field_guide.notebook_execution")

# nbclient logs each start at INFO, but a build logs at most one INFO line, so only its warnings and errors pass.
# Its report of a timeout names the time left for the cell. SnippetError names the limit of the whole run instead.
_nbclient_log = logging.getLogger("mkdocs.plugins.field_guide.notebook_execution.nbclient")
_nbclient_log.setLevel(logging.WARNING)
_nbclient_log.addFilter(lambda record: not record.getMessage().startswith("Timeout waiting for execute reply"))

TAIL_LINES = 25
"""How many of the last lines of output a failure message quotes."""

_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# IPython 8 and later name the frames of notebook code "Cell In[<execution count>], line <n>".
_CELL_FRAME = re.compile(r"Cell In\[(\d+)\], line (\d+)")
_TRACEBACK_HEADER = "Traceback (most recent call last)"


class SnippetError(Exception):
    """Raised when a snippet fails to run; the message starts with `path:line:` and quotes its output."""


@dataclass(frozen=True)
class Script:
    """The source of a snippet, as messages name it."""

    path: str
    """Path relative to the project, such as snippets/fine_tune.py."""
    text: str


def execute_notebook(
    notebook: nbformat.NotebookNode,
    script: Script,
    kernel_name: str,
    timeout_seconds: int,
    cwd: Path,
    env: Mapping[str, str],
) -> nbformat.NotebookNode:
    """Run every code cell of `notebook`, converted from `script`, in a new kernel and return it with outputs.

    The kernel starts in `cwd` with the environment `env`. The whole run may
    take `timeout_seconds`; a cell still running then is stopped. Any error,
    a timeout or a traceback in the output raises SnippetError, and the kernel
    is shut down in every case.
    """
    # Imported here: a build served from the cache needs neither, and they take a while to import.
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    deadline = time.monotonic() + timeout_seconds
    running: list[int] = []

    def seconds_left(_cell: nbformat.NotebookNode) -> int:
        # nbclient limits each cell; giving each the time left makes the limit hold for the whole run.
        return max(1, math.ceil(deadline - time.monotonic()))

    def note_cell(cell: nbformat.NotebookNode, cell_index: int) -> None:
        running.append(cell_index)

    client = NotebookClient(
        notebook,
        kernel_name=kernel_name,
        timeout_func=seconds_left,
        allow_errors=False,
        # Also stop at cells tagged "raises-exception", so that no traceback reaches a page.
        force_raise_errors=True,
        resources={"metadata": {"path": str(cwd)}},
        on_cell_execute=note_cell,
        log=_nbclient_log,
    )
    lines = cell_start_lines(notebook, script.text)
    # The kernel's own messages, such as its warning about unencrypted local ports, stay out of the build's
    # output. A failure message quotes them only when the kernel dies.
    kernel_log = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
    try:
        client.execute(env=dict(env), stdout=kernel_log, stderr=kernel_log)
    except NoSuchKernel as error:
        raise SnippetError(
            f"{script.path}: the Jupyter kernel {kernel_name!r} is not installed; run `make site`, which installs it, "
            f"or `.venv/bin/python -m ipykernel install --sys-prefix --name {kernel_name}`"
        ) from error
    except (CellTimeoutError, DeadKernelError, CellExecutionError) as error:
        index = running[-1] if running else None
        if isinstance(error, CellTimeoutError):
            summary = (
                f"{_location(script, lines, index)}: stopped after the execution limit of {timeout_seconds} s, while "
                "the cell starting at this line was running; make the snippet faster, or raise "
                "extra.snippet_execution.timeout in mkdocs.yml"
            )
        elif isinstance(error, DeadKernelError):
            summary = (
                f"{_location(script, lines, index)}: the kernel died while the cell starting at this line was running, "
                f"for example because it ran out of memory. {_kernel_messages(kernel_log)}"
            )
        else:
            summary = (
                f"{_error_location(notebook, script, lines, index)}: {error.ename}: {error.evalue}\n"
                "The build stopped at this error and published nothing; fix the snippet, or build a preview "
                "without running it with FIELD_GUIDE_EXECUTE=false."
            )
        raise SnippetError(f"{summary}\n{_tail(notebook, running)}") from error
    except RuntimeError as error:
        # nbclient raises a plain RuntimeError when the kernel does not start within its startup timeout.
        raise SnippetError(
            f"{script.path}: the Jupyter kernel {kernel_name!r} failed: {error}. {_kernel_messages(kernel_log)}"
        ) from error
    finally:
        kernel_log.close()

    _reject_tracebacks(notebook, script, lines)
    return notebook


def cell_start_lines(notebook: nbformat.NotebookNode, script_text: str) -> dict[int, int]:
    """Map the index of each code cell to the 1-based line of the script where its source starts.

    jupytext copies the code of a percent-format cell verbatim, so each cell's
    source is found in the script, in order, at the start of a line. A cell
    that is not found, such as one whose magics jupytext rewrote, is left out.
    """
    starts: dict[int, int] = {}
    cursor = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        found = script_text.find(cell.source, cursor)
        while found > 0 and script_text[found - 1] != "\n":
            found = script_text.find(cell.source, found + 1)
        if found < 0:
            continue
        starts[index] = script_text.count("\n", 0, found) + 1
        cursor = found + len(cell.source)
    return starts


def _error_location(
    notebook: nbformat.NotebookNode, script: Script, lines: dict[int, int], index: int | None
) -> str:
    """Return `path:line` of the deepest frame of snippet code in the error's traceback."""
    if index is None:
        return script.path
    traceback = "\n".join(
        _plain(line)
        for output in notebook.cells[index].get("outputs", [])
        if output.output_type == "error"
        for line in output.traceback
    )
    frames = _CELL_FRAME.findall(traceback)
    if frames:
        execution_count, line_in_cell = (int(number) for number in frames[-1])
        cells = [i for i, cell in enumerate(notebook.cells) if cell.get("execution_count") == execution_count]
        if cells and cells[0] in lines:
            return f"{script.path}:{lines[cells[0]] + line_in_cell - 1}"
    return _location(script, lines, index)


def _location(script: Script, lines: dict[int, int], index: int | None) -> str:
    if index is None or index not in lines:
        return script.path
    return f"{script.path}:{lines[index]}"


def _reject_tracebacks(notebook: nbformat.NotebookNode, script: Script, lines: dict[int, int]) -> None:
    """Raise SnippetError when an output shows a traceback, even one that the code caught and printed."""
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error" or _TRACEBACK_HEADER in _output_text(output):
                raise SnippetError(
                    f"{_location(script, lines, index)}: the output of the cell starting at this line contains a "
                    f"traceback, and the site never publishes one; fix its cause, or stop printing it\n"
                    f"{_tail(notebook, [index])}"
                )


def _kernel_messages(kernel_log: IO[str]) -> str:
    """Return the last lines that the kernel process wrote to its stdout and stderr, indented for a message."""
    kernel_log.seek(0)
    lines = kernel_log.read().splitlines()[-TAIL_LINES:]
    return "The kernel's last messages:\n" + ("\n".join(f"    {line}" for line in lines) or "    (none)")


def _tail(notebook: nbformat.NotebookNode, cell_indexes: list[int]) -> str:
    """Return the last lines of output of the cells that ran, tracebacks included, indented for a message."""
    text: list[str] = []
    for index in sorted(set(cell_indexes)):
        for output in notebook.cells[index].get("outputs", []):
            text.extend(_output_text(output).splitlines())
    tail = text[-TAIL_LINES:]
    if not tail:
        return "The snippet printed nothing before it stopped."
    return f"Last {len(tail)} lines of its output:\n" + "\n".join(f"    {line}" for line in tail)


def _output_text(output: nbformat.NotebookNode) -> str:
    if output.output_type == "stream":
        return _plain(output.text)
    if output.output_type == "error":
        return "\n".join(_plain(line) for line in output.traceback)
    return _plain(str(output.get("data", {}).get("text/plain", "")))


def _plain(text: str) -> str:
    """Remove the ANSI colour codes that IPython puts into tracebacks."""
    return _ANSI_ESCAPE.sub("", text)
