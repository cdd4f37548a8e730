"""A copy of the project that a test may break, for builds that must not touch the real tree."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COPIED_FOLDERS = ("data", "docs", "hooks", "snippets")
COPIED_FILES = ("mkdocs.yml", "Makefile", "package.json", "package-lock.json")


def copy_project(destination: Path) -> Path:
    """Copy what a build reads into `destination` and return it.

    The installed environments are linked, not copied: `.venv` (the one running
    the tests) and `node_modules`, from which the build copies pinned browser
    packages.
    """
    for name in COPIED_FOLDERS:
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in COPIED_FILES:
        shutil.copyfile(ROOT / name, destination / name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (destination / ".venv").symlink_to(Path(sys.executable).parent.parent, target_is_directory=True)
    return destination
