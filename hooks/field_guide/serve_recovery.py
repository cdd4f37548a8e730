"""Keep `mkdocs serve` serving the last good site while a rebuild fails.

MkDocs 1.6 (mkdocs/livereload/__init__.py) blocks every page request until a
rebuild succeeds, so after one failed rebuild the browser hangs. Wrapping the
server's builder lets a failed rebuild end normally: the error is logged, the
site folder is put back as the last good build left it, and the server goes
on serving it. The next change to a watched file rebuilds as usual.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger("mkdocs.plugins.field_guide.serve_recovery")


def keep_last_good_site(builder: Callable[[], None], site_dir: Path) -> Callable[[], None]:
    """Return a builder that restores `site_dir` and logs instead of raising when `builder` fails."""

    def rebuild() -> None:
        with tempfile.TemporaryDirectory(prefix="field-guide-last-good-") as backup:
            # A build that fails after MkDocs cleaned the folder would
            # otherwise leave a partial site behind.
            last_good = Path(backup) / "site"
            if site_dir.is_dir():
                shutil.copytree(site_dir, last_good, symlinks=True)
            try:
                builder()
            except Exception as error:  # noqa: BLE001 (any failure of a rebuild must leave the server running)
                _restore(last_good, site_dir)
                log.error(
                    "rebuild failed (%s); still serving the last good site. Fix the error and save: the site rebuilds then",
                    str(error).splitlines()[0] if str(error) else type(error).__name__,
                )

    return rebuild


def _restore(last_good: Path, site_dir: Path) -> None:
    if not last_good.is_dir():
        return
    shutil.rmtree(site_dir, ignore_errors=True)
    shutil.copytree(last_good, site_dir, symlinks=True)
