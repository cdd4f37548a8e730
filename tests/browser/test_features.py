"""What a reader does on the site, in Chromium: search, sort, switch the colour scheme, download, play."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from browsing import Traffic
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

VIDEO_ID = "zjkBMFhNj_g"
PLAYER_URL = f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}?autoplay=1"


def search(page: Page, base_url: str, query: str) -> list[str]:
    """Type `query` into the site search and return the addresses of the results."""
    page.goto(base_url, wait_until="load")
    field = page.locator("input.md-search__input")
    field.click()
    # Material reads the query on key events, which fill() does not send.
    field.press_sequentially(query)
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    return [href for href in results.evaluate_all("links => links.map(link => link.href)")]


def test_search_attention(page: Page, base_url: str) -> None:
    results = search(page, base_url, "attention")
    assert any(url.startswith(f"{base_url}architecture/") for url in results), results


def test_search_iclr(page: Page, base_url: str) -> None:
    results = search(page, base_url, "ICLR")
    assert any(url.startswith(f"{base_url}events/iclr-2026/") for url in results), results


def model_names(page: Page) -> list[str]:
    return page.locator("article table[data-field-guide-sortable] tbody tr td:first-child").all_inner_texts()


def test_sort_models_by_parameters(page: Page, traffic: Traffic, base_url: str) -> None:
    page.goto(f"{base_url}models/", wait_until="load")
    heading = page.locator("article table[data-field-guide-sortable] th", has_text="Parameters")

    heading.click()
    expect(heading).to_have_attribute("aria-sort", "ascending")
    ascending = model_names(page)
    assert ascending[0] == "LLM-1 (illustrative)"
    assert ascending[1] == "BERT-base"
    assert ascending[-1] == "GPT-3"

    # Enter on the focused heading sorts too, and a second sort reverses the order.
    heading.focus()
    page.keyboard.press("Enter")
    expect(heading).to_have_attribute("aria-sort", "descending")
    assert model_names(page)[0] == "GPT-3"
    assert traffic.console_errors == []


def test_dark_mode_persists(page: Page, base_url: str) -> None:
    page.goto(base_url, wait_until="load")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")

    page.get_by_title("Switch to dark mode").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")

    page.locator("nav.md-nav--primary a", has_text="Architecture").first.click()
    page.wait_for_url(f"{base_url}architecture/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(f"{base_url}events/", wait_until="load")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_calendar_link_downloads(page: Page, site: Path, base_url: str) -> None:
    built = BeautifulSoup((site / "events" / "iclr-2026" / "index.html").read_text(encoding="utf-8"), "html.parser")
    if built.select_one('article a[href$=".ics"]') is None:
        pytest.skip("the event pages have no calendar link yet: the .ics files come from another branch")

    page.goto(f"{base_url}events/iclr-2026/", wait_until="load")
    with page.expect_download() as download_info:
        page.locator('article a[href$=".ics"]').first.click()
    content = Path(download_info.value.path()).read_bytes()
    calendar = icalendar.Calendar.from_ical(content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert "ICLR" in str(events[0]["SUMMARY"])


def test_video_loads_on_click(page: Page, traffic: Traffic, base_url: str) -> None:
    page.goto(f"{base_url}video/", wait_until="load")
    placeholder = page.locator("[data-field-guide-video]")
    expect(placeholder).to_contain_text("Intro to Large Language Models")
    expect(placeholder).to_contain_text("Andrej Karpathy")
    expect(placeholder).to_contain_text("59 min 48 s")
    expect(page.locator(f'article a[href="https://www.youtube.com/watch?v={VIDEO_ID}"]').first).to_be_visible()
    assert page.locator("iframe").count() == 0
    assert traffic.third_party == []

    # The route aborts the player's request, as it does every request to another host.
    # The click should cause exactly that request and the console error of its failure.
    with page.expect_request(PLAYER_URL):
        placeholder.get_by_role("button", name="Play the video here").click()
    player = page.locator("article iframe")
    expect(player).to_have_attribute("src", PLAYER_URL)
    expect(player).to_have_attribute("title", "[1hr Talk] Intro to Large Language Models")
    traffic.expect(PLAYER_URL)
    assert traffic.unexpected() == []
    assert [error for error in traffic.console_errors if "youtube-nocookie.com" not in error] == []
