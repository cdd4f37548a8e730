"""Shared pytest setup for the project's tests."""

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright
from site_builds import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]

# Model hubs are unreachable from the build and CI machines. huggingface_hub reads this
# variable when it is first imported, so it must be set before any test imports transformers.
os.environ["HF_HUB_OFFLINE"] = "1"


# --- Snippets (snippets/*.py): notebook examples that tests import as plain modules ---

SNIPPETS = ROOT / "snippets"
if str(SNIPPETS) not in sys.path:
    sys.path.insert(0, str(SNIPPETS))


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers that the tests use."""
    config.addinivalue_line("markers", "slow: trains a real pretrained model; deselect with -m 'not slow'")


# --- The built site, shared by the build checks and the browser tests ---


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once per test session, exactly as `make site` does, into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir, execute=True)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr[-5000:]}"
    return site_dir


# --- Debian's Chromium, driven by Playwright, shared by every browser test ---

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    # One driver per session: Playwright's sync API refuses a second one while the first runs.
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Launch Debian's Chromium once; Playwright gives it a fresh, temporary profile."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found; install Debian's chromium (`apt-get install chromium`, as .ci/run does)")
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield launched
    launched.close()
