"""Executed notebooks stored under a key that covers everything their output depends on."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat
import nbformat.reader

from field_guide.atomic_files import write_text_atomically

log = logging.getLogger("mkdocs.plugins.field_guide.execution_cache")

_CHUNK_BYTES = 1 << 20
_SETTLED_NS = 1_000_000_000


def cache_key(parts: Mapping[str, Any]) -> str:
    """Return the SHA-256 of `parts` written as canonical JSON, as 64 hex digits."""
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


class FileDigests:
    """SHA-256 digests of files, remembered between builds by size and modification time.

    Reading the 90 MB checkpoint on every build would take longer than the
    rest of a build served from the cache, so a file is read again only when
    its size or modification time changes.
    """

    # NOTE: like make and git, this misses an edit that keeps both the size and the modification time,
    # such as a file copied back with its old time. `rm -r .cache/field-guide` makes the next build read every file.

    def __init__(self, memo: Path) -> None:
        self._memo = memo
        self._entries = self._load()
        self._changed = False

    def digest(self, path: Path) -> str:
        """Return the SHA-256 of the file at `path`, as 64 hex digits."""
        status = path.stat()
        stamp = [status.st_size, status.st_mtime_ns]
        name = str(path.resolve())
        known = self._entries.get(name)
        if isinstance(known, list) and known[:2] == stamp:
            return str(known[2])

        hasher = hashlib.sha256()
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK_BYTES):
                hasher.update(chunk)
        # File times tick in steps of a few milliseconds, so a file written within the last second could
        # change again without changing its size or time. Such a file is not remembered, and is read again next time.
        if time.time_ns() - status.st_mtime_ns > _SETTLED_NS:
            self._entries[name] = [*stamp, hasher.hexdigest()]
            self._changed = True
        return hasher.hexdigest()

    def save(self) -> None:
        """Store the digests for the next build, if any was computed in this one."""
        if self._changed:
            write_text_atomically(self._memo, json.dumps(self._entries, indent=0, sort_keys=True))
            self._changed = False

    def _load(self) -> dict[str, Any]:
        try:
            entries = json.loads(self._memo.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            # Only a speed-up: without it every file is read again.
            log.debug("ignoring unreadable digest memo %s: %s", self._memo, error)
            return {}
        return entries if isinstance(entries, dict) else {}


class ExecutionCache:
    """Executed notebooks, one folder per cache key, each containing the notebook and the parts of its key."""

    # NOTE: entries are never evicted. Each is about 30 KB; `rm -r .cache/field-guide` removes them all.

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def entry_folder(self, key: str) -> Path:
        """Return the folder of the entry for `key`, which is also where its kernel runs."""
        return self.folder / key

    def notebook_path(self, key: str, name: str) -> Path:
        """Return where the entry for `key` stores the notebook called `name`."""
        return self.entry_folder(key) / name

    def load(self, key: str, name: str) -> nbformat.NotebookNode | None:
        """Return the stored notebook for `key`, or None when there is none.

        An entry that cannot be read, is not a valid notebook or was stored
        under another key is deleted with a warning, and None is returned so
        that the caller runs the snippet again.
        """
        path = self.notebook_path(key, name)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            return self._discard(path, f"it cannot be read: {error}")

        try:
            if not isinstance(json.loads(text), dict):
                raise ValueError("the top level is not a JSON object")
            notebook = nbformat.reader.reads(text)
            nbformat.validate(notebook)
        except (ValueError, nbformat.ValidationError) as error:
            # JSONDecodeError and nbformat's NotJSONError and NBFormatError are ValueErrors.
            first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
            return self._discard(path, f"it is not a valid notebook: {first_line}")

        stored_key = notebook.metadata.get("field_guide", {}).get("cache_key")
        if stored_key != key:
            return self._discard(path, f"it records the cache key {stored_key!r} instead of its folder's name")
        return notebook

    def store(self, key: str, name: str, notebook: nbformat.NotebookNode, parts: Mapping[str, Any]) -> Path:
        """Store an executed notebook under `key`, with the parts of the key beside it, and return its path."""
        notebook.metadata["field_guide"] = {"cache_key": key}
        folder = self.entry_folder(key)
        # The parts are for people who want to know why a build ran a snippet again.
        write_text_atomically(folder / "key.json", json.dumps(parts, indent=2, sort_keys=True) + "\n")
        path = self.notebook_path(key, name)
        write_text_atomically(path, nbformat.writes(notebook))
        return path

    def _discard(self, path: Path, reason: str) -> None:
        log.warning("%s: discarded a corrupt cache entry, because %s; the snippet runs again", path, reason)
        path.unlink(missing_ok=True)
        return None
