"""The conference watch in a real `mkdocs build --strict`, at two fixed build dates."""

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from field_guide.site_data import load_site_data
from site_builds import mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
EVENT_IDS = ["ai-world-congress-2026", "cvpr-2026", "generative-ai-summit-2026", "iclr-2026", "world-summit-ai-2026"]

# 2026-06-05T12:00:00Z, during CVPR 2026, and 2026-12-04T12:00:00Z, after every event.
DURING_CVPR = 1780660800
AFTER_ALL = 1796385600


def build(site_dir: Path, epoch: int) -> Path:
    """Build the site without running the notebook, with SOURCE_DATE_EPOCH set to `epoch`."""
    result = mkdocs_build(ROOT, site_dir, execute=False, extra_env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr[-5000:]}"
    return site_dir


@pytest.fixture(scope="module")
def during(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("during-cvpr"), DURING_CVPR)


@pytest.fixture(scope="module")
def after(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("after-all"), AFTER_ALL)


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def group_ids(site: Path) -> dict[str, list[str]]:
    """Return the event ids listed in each group of the built /events/ page, in page order."""
    return group_ids_in((site / "events" / "index.html").read_text(encoding="utf-8"))


def group_ids_in(html: str) -> dict[str, list[str]]:
    listing = BeautifulSoup(html, "html.parser")
    return {
        group["data-status"]: [label["data-event"] for label in group.select(".fg-when")]
        for group in listing.select(".fg-event-group")
    }


def test_groups_follow_build_date(during: Path, after: Path) -> None:
    assert group_ids(during) == {
        "upcoming": ["ai-world-congress-2026", "world-summit-ai-2026"],
        "happening-now": ["cvpr-2026"],
        "past": ["iclr-2026", "generative-ai-summit-2026"],
    }
    assert group_ids(after) == {
        "upcoming": [],
        "happening-now": [],
        "past": [
            "world-summit-ai-2026",
            "ai-world-congress-2026",
            "cvpr-2026",
            "iclr-2026",
            "generative-ai-summit-2026",
        ],
    }


def test_labels_follow_build_date(during: Path, after: Path) -> None:
    labels = {label["data-event"]: label.get_text() for label in page(during, "events/index.html").select(".fg-when")}
    assert labels["cvpr-2026"] == "ends in 2 days"
    assert labels["ai-world-congress-2026"] == "in 2 weeks"
    assert labels["iclr-2026"] == "ended 5 weeks ago"
    empty = page(after, "events/index.html").select_one('[data-status="upcoming"] .fg-empty')
    assert empty.get_text() == "None as of 4 December 2026."


def test_calendars_identical_across_dates(during: Path, after: Path) -> None:
    for name in [*(f"{event_id}.ics" for event_id in EVENT_IDS), "calendar.ics"]:
        assert (during / "events" / name).read_bytes() == (after / "events" / name).read_bytes(), name


def test_feed_holds_every_event(after: Path) -> None:
    feed = (after / "events" / "calendar.ics").read_bytes()
    entries = {str(entry["UID"]): entry for entry in icalendar.Calendar.from_ical(feed).walk("VEVENT")}
    assert sorted(entries) == [f"{event_id}@llm-field-guide.github.io" for event_id in EVENT_IDS]
    for event in load_site_data(ROOT).conferences:
        entry = entries[f"{event.id}@llm-field-guide.github.io"]
        assert entry.decoded("DTSTART") == event.start
        assert entry.decoded("DTEND") == event.end + dt.timedelta(days=1)


def test_iclr_file_inclusive(after: Path) -> None:
    # A calendar app shows an all-day entry until the day before DTEND, so ICLR covers 23 to 27 April.
    entry = vobject.readOne((after / "events" / "iclr-2026.ics").read_text(encoding="utf-8")).vevent
    assert entry.dtstart.value == dt.date(2026, 4, 23)
    assert entry.dtend.value == dt.date(2026, 4, 28)
    assert entry.summary.value == "ICLR 2026"


def test_event_page_links_calendar(after: Path) -> None:
    button = page(after, "events/iclr-2026/index.html").select_one("article a.md-button")
    assert button.get_text() == "Add to calendar"
    assert button["href"] == "../iclr-2026.ics"
    assert button["download"] == "iclr-2026.ics"


def test_event_page_neighbours(after: Path) -> None:
    links = {a.get_text(): a["href"] for a in page(after, "events/iclr-2026/index.html").select("article p a")}
    assert links["Generative AI Summit"] == "../generative-ai-summit-2026/"
    assert links["CVPR 2026"] == "../cvpr-2026/"
    assert links["All events"] == "../"


def test_json_ld_in_built_page(after: Path) -> None:
    scripts = page(after, "events/iclr-2026/index.html").select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "Event"
    assert (data["startDate"], data["endDate"]) == ("2026-04-23", "2026-04-27")
    assert data["location"]["address"]["addressLocality"] == "Rio de Janeiro"
    assert data["url"] == "https://llm-field-guide.github.io/events/iclr-2026/"


def test_nav_lists_section_only(after: Path) -> None:
    for path in ["events/index.html", "events/cvpr-2026/index.html"]:
        sidebar = page(after, path).select_one("nav.md-nav--primary")
        hrefs = [a["href"] for a in sidebar.select("a[href]")]
        assert not any(event_id in href for href in hrefs for event_id in EVENT_IDS), (path, hrefs)


def test_event_pages_searchable(after: Path) -> None:
    index = json.loads((after / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {entry["location"] for entry in index["docs"]}
    for event_id in EVENT_IDS:
        assert f"events/{event_id}/" in locations
    assert not any("schema.org" in entry["text"] for entry in index["docs"])


def test_page_script_shipped(after: Path) -> None:
    assert (after / "javascripts" / "events.js").is_file()
    sources = [script.get("src", "") for script in page(after, "events/index.html").select("script[src]")]
    assert "../javascripts/events.js" in sources
    assert all(not source.startswith(("http:", "https:", "//")) for source in sources), sources


# --- The page script in a real browser (Chromium through Playwright) ---


def browser_groups(page) -> dict[str, list[str]]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(".fg-event-group")].map((group) => [
            group.dataset.status, [...group.querySelectorAll(".fg-when")].map((label) => label.dataset.event)]))"""
    )


def test_script_regroups_by_reader_date(browser, after: Path, during: Path) -> None:
    page = browser.new_context(timezone_id="America/Denver").new_page()
    page.clock.set_fixed_time(dt.datetime(2026, 6, 5, 18, tzinfo=dt.UTC))
    page.goto((after / "events" / "index.html").as_uri())

    # A site built after every event, read on 5 June 2026, shows what a build on that day shows.
    assert browser_groups(page) == group_ids(during)
    assert page.inner_text('.fg-when[data-event="cvpr-2026"]') == "ends in 2 days"
    assert page.inner_text('[data-status="past"] .fg-when[data-event="iclr-2026"]') == "ended 5 weeks ago"
    assert page.locator(".fg-empty").count() == 0
    assert page.inner_text(".fg-as-of") == "Grouped by today's date in your browser."


def test_script_uses_reader_time_zone(browser, after: Path) -> None:
    # At 03:00 UTC on 3 June it is still 2 June in Denver, the day before CVPR starts.
    page = browser.new_context(timezone_id="America/Denver").new_page()
    page.clock.set_fixed_time(dt.datetime(2026, 6, 3, 3, tzinfo=dt.UTC))
    page.goto((after / "events" / "index.html").as_uri())
    assert page.inner_text('.fg-when[data-event="cvpr-2026"]') == "starts tomorrow"
    assert browser_groups(page)["happening-now"] == []


def test_page_without_javascript(browser, after: Path) -> None:
    page = browser.new_context(java_script_enabled=False).new_page()
    page.clock.set_fixed_time(dt.datetime(2026, 6, 5, 18, tzinfo=dt.UTC))
    page.goto((after / "events" / "index.html").as_uri())

    # The groups and labels of the build stay, whatever the reader's date.
    assert group_ids_in(page.content()) == group_ids(after)
    assert page.inner_text('.fg-when[data-event="cvpr-2026"]') == "ended 6 months ago"
    assert page.inner_text(".fg-as-of").startswith("Grouped as of 4 December 2026, the day this page was built.")


def test_deadline_in_reader_time_zone(browser, tmp_path: Path) -> None:
    script = ROOT / "docs" / "javascripts" / "events.js"
    html = tmp_path / "deadline.html"
    html.write_text(
        '<p><time class="fg-deadline" datetime="2026-09-20T11:59:00Z">'
        "19 September 2026, 23:59 AoE (UTC−12:00)</time></p>"
        f'<script src="{script.as_uri()}"></script>',
        encoding="utf-8",
    )
    page = browser.new_context(timezone_id="Asia/Tokyo").new_page()
    page.goto(html.as_uri())
    assert page.inner_text("p") == (
        "20 September 2026 at 20:59 GMT+9 your time, which is 19 September 2026, 23:59 AoE (UTC−12:00)"
    )
