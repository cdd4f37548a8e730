"""The bad-input corpus: each file under tests/data_errors/ and the exact report it must produce.

`data_errors/<file>/<case>.yml` replaces `data/<file>.yml` in a copy of the
real data; `<case>.expected` contains the lines that `python -m field_guide.check
--strict` prints for it, before the closing count. A references case also
empties data/models.yml, whose rows would otherwise name keys the case lacks.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from field_guide.check import main
from field_guide.site_data import load_site_data

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "data_errors"
CASE_FILES = sorted(CASES.glob("*/*.yml"))


def project_with(case: Path, tmp_path: Path) -> Path:
    """Copy the real data into `tmp_path` and put `case` in place of the data file it names."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    target = case.parent.name
    shutil.copyfile(case, tmp_path / "data" / f"{target}.yml")
    if target == "references":
        (tmp_path / "data" / "models.yml").write_text("[]\n", encoding="utf-8")
    return tmp_path


def run_check(root: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, list[str]]:
    status = main(["--root", str(root), *options])
    return status, capsys.readouterr().err.splitlines()


def test_corpus_size() -> None:
    assert len(CASE_FILES) >= 40
    for case in CASE_FILES:
        assert case.with_suffix(".expected").is_file(), f"{case.name} has no .expected file"


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda case: f"{case.parent.name}/{case.stem}")
def test_case_reported_exactly(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    status, lines = run_check(project_with(case, tmp_path), capsys, "--strict")

    assert lines[:-1] == expected
    assert status == 1
    errors = sum(not line.startswith("warning: ") for line in expected)
    warnings = len(expected) - errors
    assert lines[-1].startswith(f"{errors} error" if errors else f"{warnings} warning")
    assert lines[-1].endswith("in data files; fix them and build again")


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda case: f"{case.parent.name}/{case.stem}")
def test_case_location_exists(case: Path) -> None:
    """Each expected line points at a line and column that exist in the case file."""
    size = len(case.read_bytes().splitlines())
    for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        location = line.removeprefix("warning: ").split(": ", 1)[0]
        path, row, column = location.split(":")
        assert path == f"data/{case.parent.name}.yml"
        assert 1 <= int(row) <= max(size, 1)
        assert int(column) >= 1


def test_warnings_pass_without_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES / "models" / "missing-source.yml"
    status, lines = run_check(project_with(case, tmp_path), capsys)
    assert status == 0
    assert lines[0].startswith("warning: data/models.yml:1:3: test-model.source: missing source")


def test_file_over_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    size = (tmp_path / "data" / "models.yml").stat().st_size
    status, lines = run_check(tmp_path, capsys, "--max-bytes", "1000")
    assert status == 1
    assert f"data/models.yml:1:1: file is {size:,} bytes, over the limit of 1,000; split the data or remove what the site does not show" in lines


def test_alias_bomb_fails_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.perf_counter()
    status, _ = run_check(project_with(CASES / "conferences" / "alias-bomb.yml", tmp_path), capsys)
    assert status == 1
    assert time.perf_counter() - started < 5


def test_real_data_passes(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines = run_check(ROOT, capsys, "--strict")
    assert status == 0
    assert lines == ["data files OK: 10 models, 5 conferences, 11 references"]


def test_command_exit_status(tmp_path: Path) -> None:
    """The module runs as `make check` runs it: a bad file gives status 1 and no traceback."""
    project = project_with(CASES / "conferences" / "end-before-start.yml", tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    result = subprocess.run(
        [sys.executable, "-m", "field_guide.check", "--root", str(project), "--strict"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "data/conferences.yml:4:8: test-2026.end: 2026-06-02 is before start 2026-06-03; set end on or after start",
        "1 error in data files; fix them and build again",
    ]


def test_gap_logged_under_mkdocs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """An editorial gap is a warning on a logger that `mkdocs build --strict` counts, not an error."""
    project = project_with(CASES / "models" / "missing-source.yml", tmp_path)
    with caplog.at_level("WARNING"):
        load_site_data(project)
    [record] = caplog.records
    assert record.name.startswith("mkdocs.plugins.field_guide.")
    assert record.levelname == "WARNING"
    assert record.getMessage().startswith("data/models.yml:1:3: test-model.source: missing source")


def test_marked_records_raise_no_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """An event marked unverified with a reason, and an illustrative row, are not editorial gaps."""
    with caplog.at_level("WARNING"):
        data = load_site_data(ROOT)
    assert caplog.records == []
    assert any(not event.verified for event in data.conferences)
    assert any(row.illustrative and row.source is None for row in data.models)
