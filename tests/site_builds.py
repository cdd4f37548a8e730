"""Real `mkdocs build` runs for the tests, of the project or of a copy that a test may break."""

import os
import shutil
import subprocess
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


def mkdocs_build(
    project: Path, site_dir: Path, *, execute: bool, extra_env: dict[str, str] | None = None, timeout: int = 900
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` in `project` into `site_dir`, offline, and return the finished process.

    `execute` runs the notebook (or takes it from the cache) as `make site`
    does; checks that do not need its output skip it and take seconds.
    """
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "NO_MKDOCS_2_WARNING": "1",
        "FIELD_GUIDE_EXECUTE": "true" if execute else "false",
        **(extra_env or {}),
    }
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
