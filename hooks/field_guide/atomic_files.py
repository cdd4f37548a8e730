"""Atomic file writes: neither a reader nor a second build writing the same file gets half of it."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path


def write_text_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` as UTF-8 through a temporary file in the same folder and a rename.

    The rename replaces the file in one step, so a reader sees either the old
    content or the new one. Each writer gets a temporary file of its own, so
    two builds writing the same path at once cannot mix their content.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        # mkstemp creates the file readable by its owner only; give it the permissions of an ordinary file.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
