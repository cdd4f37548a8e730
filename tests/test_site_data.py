"""Loading the data files into typed rows, and the errors that bad data produces."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from field_guide.problems import DataError
from field_guide.site_data import load_site_data

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data():
    return load_site_data(ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Copy the real data files into a temporary project that a test may break."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """Return the 1-based number of the first line of `path` that contains `text`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not found in {path}")


def errors_of(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_site_data(project)
    return [str(problem) for problem in caught.value.problems]


def test_models_rows_normalised(data) -> None:
    rows = {row.id: row for row in data.models}
    assert [row.name for row in data.models][:3] == ["LLM-1", "LLM-2", "LLM-3"]
    assert len(rows) == 10
    assert rows["llm-1"].illustrative
    assert rows["llm-1"].parameters == 100_000_000
    assert rows["llm-1"].training_data.amount == 1_000_000_000
    assert rows["llm-1"].performance.value == 90
    assert rows["llm-1"].performance.benchmark is None
    assert rows["gpt-2"].parameters == 1_500_000_000
    assert rows["gpt-2"].training_data.unit == "gigabytes"
    assert rows["chinchilla"].training_data.amount == 1_400_000_000_000
    assert rows["llama-65b"].parameters == 65_200_000_000
    assert rows["llama-3-70b"].training_data.lower_bound
    assert rows["gpt-3"].performance.source == "hendrycks2021"
    assert rows["bert-base"].performance is None


def test_published_rows_name_sources(data) -> None:
    keys = {reference.key for reference in data.references}
    for row in data.models:
        if row.illustrative:
            assert row.source is None, row.id
        else:
            assert row.source in keys, row.id


def test_conferences_normalised(data) -> None:
    events = {event.id: event for event in data.conferences}
    assert len(events) == 5
    cvpr = events["cvpr-2026"]
    assert cvpr.city == "Denver"
    assert cvpr.country == "US"
    assert (cvpr.start, cvpr.end) == (dt.date(2026, 6, 3), dt.date(2026, 6, 7))
    assert cvpr.timezone == "America/Denver"
    assert cvpr.verified
    assert not events["generative-ai-summit-2026"].verified
    assert not events["ai-world-congress-2026"].verified
    assert not events["world-summit-ai-2026"].verified
    assert events["iclr-2026"].country_name == "Brazil"


def test_references_keyed(data) -> None:
    keys = [reference.key for reference in data.references]
    assert sorted(keys) == sorted(
        [
            "brown2020",
            "dai2019",
            "devlin2019",
            "vaswani2017",
            "hoffmann2022",
            "touvron2023llama",
            "touvron2023llama2",
            "hendrycks2021",
            "kaplan2020",
            "radford2019",
            "meta2024llama3",
        ]
    )
    vaswani = data.reference("vaswani2017")
    assert "Łukasz Kaiser" in vaswani.authors
    assert vaswani.arxiv == "1706.03762"
    assert len(data.reference("brown2020").authors) == 31


def test_end_before_start(project: Path) -> None:
    path = project / "data/conferences.yml"
    replace_in(path, "  end: 2026-06-07", "  end: 2026-06-02")
    line = line_of(path, "end: 2026-06-02")
    assert errors_of(project) == [
        f"data/conferences.yml:{line}:8: cvpr-2026.end: 2026-06-02 is before start 2026-06-03; set end on or after start"
    ]


def test_unquoted_country_no(project: Path) -> None:
    path = project / "data/conferences.yml"
    replace_in(path, "  country: NL", "  country: 12")
    [message] = errors_of(project)
    line = line_of(path, "country: 12")
    assert message.startswith(f"data/conferences.yml:{line}:12: world-summit-ai-2026.country: expected text, got int 12")
    assert message.endswith('quote the value: country: "12"')


def test_bad_count_and_unknown_key(project: Path) -> None:
    path = project / "data/models.yml"
    replace_in(path, "parameters: 175B", "parameters: 175X")
    replace_in(path, "source: devlin2019", "source: devlin2091")
    messages = errors_of(project)
    assert len(messages) == 2
    assert messages[0].startswith(f"data/models.yml:{line_of(path, '175X')}:15: gpt-3.parameters: expected a count, got '175X'")
    assert messages[1] == (
        f"data/models.yml:{line_of(path, 'devlin2091')}:11: bert-base.source: unknown reference key 'devlin2091'; "
        "add it to data/references.yml or use one of its keys"
    )


def test_duplicate_yaml_key(project: Path) -> None:
    path = project / "data/references.yml"
    replace_in(path, "  year: 2017\n", "  year: 2017\n  year: 2018\n")
    [message] = errors_of(project)
    assert message.startswith(f"data/references.yml:{line_of(path, 'year: 2018')}:")
    assert "invalid YAML" in message
    assert "duplicate key" in message


def test_top_level_not_list(project: Path) -> None:
    (project / "data/models.yml").write_text("name: LLM-1\n", encoding="utf-8")
    assert errors_of(project) == [
        "data/models.yml:1:1: expected a list of records at the top level, got a mapping; start each record with '- ' at column 1"
    ]


def test_missing_file(project: Path) -> None:
    (project / "data/references.yml").unlink()
    messages = errors_of(project)
    assert messages[0] == "data/references.yml:1:1: file not found; create it or restore it from git"
