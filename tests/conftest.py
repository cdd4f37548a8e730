"""Shared pytest setup for the project's tests."""

import os
import sys
from pathlib import Path

import pytest

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
