"""Fixtures of the browser tests: the built site served on 127.0.0.1, and Debian's Chromium driven by Playwright.

Every request to a host other than 127.0.0.1 is aborted and recorded, and
each test fails at teardown if one was made that the test did not expect.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browsing import LOCAL_HOST, Traffic
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the name is the base class's)
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """Serve the built site on a free port of 127.0.0.1 for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield f"http://{LOCAL_HOST}:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


def _context(browser: Browser, traffic: Traffic, color_scheme: str) -> BrowserContext:
    context = browser.new_context(color_scheme=color_scheme, viewport={"width": 1280, "height": 900}, accept_downloads=True)

    def route(route: Route) -> None:
        if urlsplit(route.request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            traffic.third_party.append(route.request.url)
            route.abort("blockedbyclient")

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            traffic.console_errors.append(f"{message.text} ({message.location.get('url')})")

    context.route("**/*", route)
    context.on("console", console)
    context.on("weberror", lambda error: traffic.console_errors.append(str(error.error)))
    return context


def _open_tab(browser: Browser, traffic: Traffic, color_scheme: str) -> Iterator[Page]:
    context = _context(browser, traffic, color_scheme)
    yield context.new_page()
    context.close()
    assert traffic.unexpected() == [], "requests to hosts other than 127.0.0.1"


@pytest.fixture
def page(browser: Browser, traffic: Traffic) -> Iterator[Page]:
    """A tab in a fresh context (light scheme); fails the test on any request to another host."""
    yield from _open_tab(browser, traffic, "light")


@pytest.fixture
def dark_page(browser: Browser, traffic: Traffic) -> Iterator[Page]:
    """Like `page`, in a context whose system preference is the dark colour scheme."""
    yield from _open_tab(browser, traffic, "dark")


@pytest.fixture(scope="session")
def page_paths(site: Path) -> list[str]:
    """Return the URL path of every HTML page of the built site, such as `models/`."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        folder = index.parent.relative_to(site).as_posix()
        paths.append("" if folder == "." else f"{folder}/")
    return paths
