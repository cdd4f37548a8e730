"""Every page of the built site in Chromium: it loads, it is accessible, and it is photographed."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from browsing import AXE_SCRIPT, SCREENSHOTS, Traffic
from playwright.sync_api import Page

FAILING_IMPACTS = {"serious", "critical"}

# Links that the crawl follows: pages of the site, not the files it offers for download.
_DOWNLOADS = (".ipynb", ".ics", ".svg", ".json", ".xml", ".txt", ".zip")


def test_crawl_reaches_every_page(page: Page, traffic: Traffic, base_url: str, page_paths: list[str]) -> None:
    pending = [base_url]
    visited: set[str] = set()
    statuses: dict[str, int] = {}
    while pending:
        url = pending.pop(0)
        if url in visited:
            continue
        visited.add(url)
        response = page.goto(url, wait_until="load")
        assert response is not None, url
        statuses[url] = response.status
        for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))"):
            target = urldefrag(urljoin(url, href)).url
            if target.startswith(base_url) and not target.endswith(_DOWNLOADS) and target not in visited:
                pending.append(target)

    assert {url: status for url, status in statuses.items() if status != 200} == {}
    assert traffic.console_errors == []
    crawled = {urlsplit(url).path.lstrip("/") for url in visited}
    assert set(page_paths) <= crawled, "pages that no link reaches"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_pass_axe(request: pytest.FixtureRequest, scheme: str, traffic: Traffic, base_url: str, page_paths: list[str]) -> None:
    page: Page = request.getfixturevalue("page" if scheme == "light" else "dark_page")
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} not found; run `npm ci` in the project folder")
    problems = []
    for path in page_paths:
        page.goto(base_url + path, wait_until="load")
        page.add_script_tag(path=str(AXE_SCRIPT))
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        for violation in results["violations"]:
            if violation["impact"] not in FAILING_IMPACTS:
                continue
            targets = [" ".join(node["target"]) for node in violation["nodes"]][:5]
            problems.append(f"/{path}: {violation['id']} ({violation['impact']}): {violation['help']}; {targets}")
    assert problems == [], "\n".join(problems)
    assert traffic.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(request: pytest.FixtureRequest, scheme: str, base_url: str, page_paths: list[str]) -> None:
    page: Page = request.getfixturevalue("page" if scheme == "light" else "dark_page")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    expected = "default" if scheme == "light" else "slate"
    for path in page_paths:
        page.goto(base_url + path, wait_until="load")
        assert page.get_attribute("body", "data-md-color-scheme") == expected, path
        name = path.strip("/").replace("/", "-") or "home"
        target = SCREENSHOTS / f"{name}-{scheme}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0
