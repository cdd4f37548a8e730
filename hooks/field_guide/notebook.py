"""Turn the fine-tuning snippet into the notebook that the walkthrough page renders."""

from __future__ import annotations

from pathlib import Path

import jupytext


def notebook_json(script: Path) -> str:
    """Convert a jupytext percent-format script to the text of an .ipynb notebook, without outputs."""
    notebook = jupytext.read(script, fmt="py:percent")
    return jupytext.writes(notebook, fmt="ipynb")


def write_notebook(script: Path, target: Path) -> None:
    """Write the notebook of `script` to `target`, unless `target` already has that content.

    Leaving an unchanged file alone keeps its modification time, so file
    watchers and caches do not see a change that did not happen. The file is
    written under another name and renamed, so a reader never sees half of it.
    """
    content = notebook_json(script)
    if target.is_file() and target.read_text(encoding="utf-8") == content:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(content, encoding="utf-8")
    temporary.replace(target)
