"""The page script docs/javascripts/events.js, run under Node, agrees with the build-time rules."""

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from event_samples import spread_events

from field_guide.event_status import group_events, relative_label, status_on

SCRIPT = Path(__file__).resolve().parents[1] / "docs" / "javascripts" / "events.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    NODE is None, reason="Node.js is not installed, and the page script needs it to run outside a browser"
)

# Reads {"script", "labels": [[start, end, today]...], "groups": [{"events", "today"}...]} on stdin.
DRIVER = """
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const events = require(input.script);
const day = events.dayNumber;
const labels = input.labels.map(([start, end, today]) => [
  events.statusOn(day(start), day(end), day(today)),
  events.relativeLabel(day(start), day(end), day(today)),
]);
const groups = input.groups.map(({ events: rows, today }) => {
  const days = rows.map((row) => ({ id: row.id, start: day(row.start), end: day(row.end) }));
  const grouped = events.groupEvents(days, day(today));
  return Object.fromEntries(Object.entries(grouped).map(([status, list]) => [status, list.map((row) => row.id)]));
});
process.stdout.write(JSON.stringify({ labels, groups }));
"""

SPANS = [
    (dt.date(2026, 4, 23), dt.date(2026, 4, 27)),
    (dt.date(2026, 6, 3), dt.date(2026, 6, 3)),
    (dt.date(2026, 12, 31), dt.date(2027, 1, 2)),
    (dt.date(2028, 2, 28), dt.date(2028, 3, 1)),
]


def run_script(payload: dict) -> dict:
    result = subprocess.run(
        [NODE, "-e", DRIVER],
        input=json.dumps({"script": str(SCRIPT), **payload}),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_labels_match_python() -> None:
    cases = []
    for start, end in SPANS:
        for offset in range(-800, 801):
            cases.append((start, end, start + dt.timedelta(days=offset)))
    labels = [[start.isoformat(), end.isoformat(), today.isoformat()] for start, end, today in cases]
    output = run_script({"labels": labels, "groups": []})

    assert len(output["labels"]) == len(cases)
    for (start, end, today), (status, label) in zip(cases, output["labels"], strict=True):
        assert status == status_on(start, end, today).value, (start, end, today)
        assert label == relative_label(start, end, today), (start, end, today)


def test_groups_match_python() -> None:
    events = spread_events()
    rows = [{"id": event.id, "start": event.start.isoformat(), "end": event.end.isoformat()} for event in events]
    days = [dt.date(2025, 12, 1), dt.date(2026, 5, 20), dt.date(2026, 6, 1), dt.date(2026, 6, 12), dt.date(2026, 12, 1)]
    output = run_script({"labels": [], "groups": [{"events": rows, "today": day.isoformat()} for day in days]})

    for day, grouped in zip(days, output["groups"], strict=True):
        expected = {status.value: [event.id for event in group] for status, group in group_events(events, day).items()}
        assert grouped == expected, day
