"""Turn the fine-tuning snippet into a notebook file readers can download."""

from __future__ import annotations

from pathlib import Path

import jupytext


def notebook_json(script: Path) -> str:
    """Convert a jupytext percent-format script to the text of an .ipynb notebook, without outputs."""
    notebook = jupytext.read(script, fmt="py:percent")
    return jupytext.writes(notebook, fmt="ipynb")
