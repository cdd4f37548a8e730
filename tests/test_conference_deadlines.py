"""Deadlines in data/conferences.yml: what loads, and the errors for bad values."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from field_guide.problems import DataError
from field_guide.site_data import load_site_data

ROOT = Path(__file__).resolve().parents[1]
ANCHOR = "  checked: 2026-12-04\n  correction: The original article placed CVPR 2026"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Copy the real data files into a temporary project that a test may change."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def add_deadlines(project: Path, yaml_lines: str) -> int:
    """Add a deadlines field to cvpr-2026; return the line number of its first deadline."""
    path = project / "data" / "conferences.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(ANCHOR) == 1
    before = text[: text.index(ANCHOR)]
    path.write_text(text.replace(ANCHOR, f"  deadlines:\n{yaml_lines}{ANCHOR}"), encoding="utf-8")
    return before.count("\n") + 2


def errors_of(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_site_data(project)
    return [str(problem) for problem in caught.value.problems]


def test_deadlines_load(project: Path) -> None:
    add_deadlines(
        project,
        "    - name: Paper submission\n"
        "      due: 2025-11-14T23:59\n"
        "      timezone: AoE\n"
        "    - name: Author notification\n"
        "      due: 2026-02-20 12:00:00\n"
        "      timezone: America/Denver\n",
    )
    cvpr = {event.id: event for event in load_site_data(project).conferences}["cvpr-2026"]
    paper, notification = cvpr.deadlines
    assert paper.due == dt.datetime(2025, 11, 14, 23, 59)
    assert paper.due_at.utcoffset() == dt.timedelta(hours=-12)
    assert paper.slug == "paper-submission"
    assert notification.due_at.astimezone(dt.UTC) == dt.datetime(2026, 2, 20, 19, 0, tzinfo=dt.UTC)


def test_deadline_unknown_zone(project: Path) -> None:
    line = add_deadlines(project, "    - name: Paper\n      due: 2025-11-14T23:59\n      timezone: Mars/Olympus\n")
    assert errors_of(project) == [
        f"data/conferences.yml:{line + 2}:17: cvpr-2026.deadlines.0.timezone: 'Mars/Olympus' is neither an IANA time "
        "zone, such as Europe/London, nor 'AoE' (UTC−12); correct 'timezone'"
    ]


def test_deadline_without_time(project: Path) -> None:
    line = add_deadlines(project, "    - name: Paper\n      due: 2025-11-14\n      timezone: AoE\n")
    assert errors_of(project) == [
        f"data/conferences.yml:{line + 1}:12: cvpr-2026.deadlines.0.due: 2025-11-14 has no time of day; write the date "
        "and time, such as 2025-11-14T23:59"
    ]


def test_deadline_with_offset(project: Path) -> None:
    line = add_deadlines(project, "    - name: Paper\n      due: 2025-11-14T23:59:00-12:00\n      timezone: AoE\n")
    [error] = errors_of(project)
    assert error.startswith(f"data/conferences.yml:{line + 1}:12: cvpr-2026.deadlines.0.due: 2025-11-14T")
    assert "carries a UTC offset; write the local time alone and put the zone in 'timezone'" in error


def test_deadline_names_repeated(project: Path) -> None:
    line = add_deadlines(
        project,
        "    - name: Paper\n      due: 2025-11-14T23:59\n      timezone: AoE\n"
        "    - name: paper\n      due: 2025-11-21T23:59\n      timezone: AoE\n",
    )
    assert errors_of(project) == [
        f"data/conferences.yml:{line}:5: cvpr-2026.deadlines: deadline names 'Paper' and 'paper' are "
        "the same once case and punctuation are ignored; give each deadline its own name"
    ]


def test_deadline_name_without_letters(project: Path) -> None:
    line = add_deadlines(project, '    - name: "***"\n      due: 2025-11-14T23:59\n      timezone: AoE\n')
    assert errors_of(project) == [
        f"data/conferences.yml:{line}:5: cvpr-2026.deadlines: deadline name '***' has no letter or digit; "
        "name what is due, such as 'Paper submission'"
    ]
