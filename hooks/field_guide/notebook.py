"""Turn the fine-tuning snippet into the notebook that the walkthrough page renders."""

from __future__ import annotations

from pathlib import Path

import jupytext

from field_guide.atomic_files import write_text_atomically


def notebook_json(script: Path) -> str:
    """Convert a jupytext percent-format script to the text of an .ipynb notebook, without outputs."""
    notebook = jupytext.read(script, fmt="py:percent")
    return jupytext.writes(notebook, fmt="ipynb")


def write_notebook(script: Path, target: Path) -> None:
    """Write the notebook of `script` to `target`, unless `target` already has that content.

    Leaving an unchanged file alone keeps its modification time, so file
    watchers and caches do not see a change that did not happen. The file is
    written under a temporary name of its own and renamed, so neither a reader
    nor a second build writing at the same time sees half of it.
    """
    content = notebook_json(script)
    if target.is_file() and target.read_text(encoding="utf-8") == content:
        return
    write_text_atomically(target, content)
