"""What a failed build leaves behind: `make site` keeps the old site, `mkdocs serve` keeps serving it.

Both tests run the real tools in a copy of the project, without executing the
notebook (FIELD_GUIDE_EXECUTE=false), so each takes seconds, not minutes.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_builds import copy_project

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "FIELD_GUIDE_EXECUTE": "false", "HF_HUB_OFFLINE": "1", "NO_MKDOCS_2_WARNING": "1"}
GOOD_END = "  end: 2026-06-07"
BAD_END = "  end: 2026-06-02"
BAD_END_MESSAGE = "data/conferences.yml:67:8: cvpr-2026.end: 2026-06-02 is before start 2026-06-03; set end on or after start"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Copy what a build reads into a temporary project that a test may break."""
    return copy_project(tmp_path)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_site(project: Path) -> subprocess.CompletedProcess[str]:
    # -o: the linked .venv and node_modules are installed already; their markers may look older.
    return subprocess.run(
        ["make", "-o", ".venv/.installed", "-o", "node_modules/.package-lock.json", "site", "FIELD_GUIDE_EXECUTE=false"],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_make_site_keeps_old_site(project: Path) -> None:
    first = make_site(project)
    assert first.returncode == 0, first.stderr[-3000:]
    page = project / "site" / "events" / "cvpr-2026" / "index.html"
    published = page.read_text(encoding="utf-8")
    (project / "site" / "from-last-build.txt").write_text("kept", encoding="utf-8")

    replace_in(project / "data" / "conferences.yml", GOOD_END, BAD_END)
    failed = make_site(project)

    assert failed.returncode != 0
    assert BAD_END_MESSAGE in failed.stderr
    assert "Traceback" not in failed.stderr
    assert page.read_text(encoding="utf-8") == published
    assert (project / "site" / "from-last-build.txt").read_text(encoding="utf-8") == "kept"
    assert not (project / ".site-build").exists() or not (project / ".site-build" / "index.html").exists()


def test_make_site_replaces_on_success(project: Path) -> None:
    assert make_site(project).returncode == 0
    (project / "site" / "stale.txt").write_text("from an older build", encoding="utf-8")
    replace_in(project / "data" / "conferences.yml", "city: Denver", "city: Boulder")

    result = make_site(project)

    assert result.returncode == 0, result.stderr[-3000:]
    assert "Boulder" in (project / "site" / "events" / "cvpr-2026" / "index.html").read_text(encoding="utf-8")
    assert not (project / "site" / "stale.txt").exists()
    assert not (project / ".site-build").exists()
    assert not (project / ".site-previous").exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(project: Path) -> Iterator[tuple[Path, str, Path]]:
    """Run `mkdocs serve --strict` on a free local port; yield the project, the base URL and the log."""
    port = free_port()
    log_path = project / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_log(log_path, "Serving on", after=0)
        yield project, f"http://127.0.0.1:{port}", log_path
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for_log(log_path: Path, text: str, after: int, timeout: float = 120) -> int:
    """Wait until `text` appears in the log past offset `after`; return the offset just past it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = log_path.read_text(encoding="utf-8")
        found = content.find(text, after)
        if found >= 0:
            return found + len(text)
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear in the serve log:\n{log_path.read_text(encoding='utf-8')[-3000:]}")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (a local http URL built by the test)
        return response.read().decode("utf-8")


def test_serve_recovers_from_data_error(served: tuple[Path, str, Path]) -> None:
    project, base_url, log_path = served
    page_url = f"{base_url}/events/cvpr-2026/"
    assert "Denver" in fetch(page_url)
    data_file = project / "data" / "conferences.yml"

    offset = log_path.stat().st_size
    replace_in(data_file, GOOD_END, BAD_END)
    offset = wait_for_log(log_path, BAD_END_MESSAGE, after=offset)
    offset = wait_for_log(log_path, "still serving the last good site", after=offset)

    # MkDocs alone would hold this request until a rebuild succeeds.
    assert "Denver" in fetch(page_url)

    replace_in(data_file, BAD_END, GOOD_END)
    replace_in(data_file, "city: Denver", "city: Boulder")
    wait_for_log(log_path, "Documentation built", after=offset)
    assert "Boulder" in fetch(page_url)
    assert "Traceback" not in log_path.read_text(encoding="utf-8")


def test_strict_build_fails_on_gap(project: Path) -> None:
    """A warning from the data loader fails `mkdocs build --strict` and passes without --strict."""
    replace_in(project / "data" / "models.yml", "  source: brown2020\n", "")
    command = [str(BIN / "mkdocs"), "build", "--site-dir", str(project / "out")]

    strict = subprocess.run([*command, "--strict"], cwd=project, env=ENV, capture_output=True, text=True, timeout=300, check=False)
    assert strict.returncode == 1
    assert "gpt-3.source: missing source for a published row" in strict.stderr
    assert "Aborted with 1 warnings in strict mode!" in strict.stdout + strict.stderr

    # mkdocs.yml sets strict: true, so only the command-line flag can turn it off.
    lenient = subprocess.run([*command, "--no-strict"], cwd=project, env=ENV, capture_output=True, text=True, timeout=300, check=False)
    assert lenient.returncode == 0, lenient.stderr[-3000:]
