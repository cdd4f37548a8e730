"""Shared by the browser tests and their fixtures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LOCAL_HOST = "127.0.0.1"
PROJECT = Path(__file__).resolve().parents[2]
# Under test-results/, which git ignores.
SCREENSHOTS = PROJECT / "test-results" / "screenshots"
AXE_SCRIPT = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


@dataclass
class Traffic:
    """The requests a test's browser context sent to other hosts (all aborted) and its console errors."""

    third_party: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def expect(self, url: str) -> None:
        """Allow one recorded request to `url`; fail when none was made."""
        assert url in self.third_party, f"no request to {url}; requests to other hosts: {self.third_party}"
        self.expected.append(url)

    def unexpected(self) -> list[str]:
        return [url for url in self.third_party if url not in self.expected]
