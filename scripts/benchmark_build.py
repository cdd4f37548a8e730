"""Time site builds with snippet execution off, from a cold cache and from a warm cache.

Every build runs `mkdocs build --strict` in a copy of the project in a
temporary folder, so the cold builds start from an empty cache without
touching the one in the project. Off and warm builds alternate, so that a
change in the machine's load affects both alike. The script prints the
median, minimum and maximum wall-clock time of each kind, the differences
from the builds with execution off, and whether the targets are met:

- a warm build costs at most 0.2 s more than a build with execution off;
- a cold build with the bundled all-MiniLM-L6-v2 checkpoint takes at most 60 s.

It also times the hooks' snippet step alone, in this process, which a
busy machine disturbs far less than whole builds.

Usage: .venv/bin/python scripts/benchmark_build.py [--runs N] [--cold-runs N]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("docs", "data", "hooks", "snippets", "mkdocs.yml")
WARM_OVERHEAD_TARGET = 0.2
"""Seconds a warm build may take beyond a build with execution off."""
COLD_TARGET = 60.0
"""Seconds a cold build may take."""
SUMMARY_LINE = re.compile(r"\d+ snippets? ran, \d+ from the cache[^\n]*")


@dataclass
class Timings:
    """Wall-clock and CPU seconds of the builds of one kind."""

    label: str
    seconds: list[float]
    cpu_seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_seconds)

    def add(self, seconds: float, cpu_seconds: float) -> None:
        self.seconds.append(seconds)
        self.cpu_seconds.append(cpu_seconds)

    def row(self) -> str:
        return (
            f"{self.label:<32} {self.median:8.2f} {min(self.seconds):8.2f} {max(self.seconds):8.2f} "
            f"{self.cpu_median:8.2f} {len(self.seconds):5d}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the builds, print the table and return 0 when both targets are met, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options = [
        ("--runs", 5, "builds with execution off, and as many warm builds"),
        ("--cold-runs", 3, "builds from an empty cache"),
        ("--step-runs", 20, "timings of the snippet step alone"),
    ]
    for flag, default, meaning in options:
        parser.add_argument(flag, type=int, default=default, help=f"{meaning} (default: %(default)s)")
    args = parser.parse_args(argv)

    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, {_cores()} CPU cores usable")
    print(f"Load average at start: {_load()}")
    with tempfile.TemporaryDirectory(prefix="field-guide-bench-") as folder:
        project = Path(folder) / "project"
        _copy_project(project)

        cold = Timings("cold (execution, empty cache)", [], [])
        snippet_seconds: list[float] = []
        for run in range(args.cold_runs):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            site_dir = Path(folder) / f"cold-{run}"
            seconds, cpu_seconds, output = _build(project, site_dir, "1 snippet ran, 0 from the cache")
            cold.add(seconds, cpu_seconds)
            snippet_seconds += [float(value) for value in re.findall(r"Time taken: (\d+\.\d+) s", output)]
            print(f"  cold build {run + 1}: {seconds:.2f} s")

        # Fills the cache when there were no cold runs, and is not counted.
        _build(project, Path(folder) / "warm-up", "from the cache")
        off = Timings("execution off", [], [])
        warm = Timings("warm (execution, from cache)", [], [])
        for run in range(args.runs):
            off.add(*_build(project, Path(folder) / f"off-{run}", "execution is off")[:2])
            warm.add(*_build(project, Path(folder) / f"warm-{run}", "0 snippets ran, 1 from the cache")[:2])
            print(f"  execution off {off.seconds[-1]:.2f} s, warm {warm.seconds[-1]:.2f} s")

        step_off, step_warm = _time_snippet_step(project, args.step_runs)

    print(f"Load average at end: {_load()}")
    print()
    print(f"{'build (seconds)':<32} {'median':>8} {'min':>8} {'max':>8} {'CPU med':>8} {'runs':>5}")
    for timings in (off, warm, cold):
        if timings.seconds:
            print(timings.row())
    print()
    warm_overhead = warm.median - off.median
    print(f"warm - off (median):   {warm_overhead:+.2f} s (target: at most +{WARM_OVERHEAD_TARGET} s)")
    print(f"warm / off (median):   {warm.median / off.median:.2f}")
    print(f"warm - off, CPU time:  {warm.cpu_median - off.cpu_median:+.2f} s (median)")
    step_overhead = statistics.median(step_warm) - statistics.median(step_off)
    print(
        f"snippet step alone:    off {statistics.median(step_off) * 1000:.1f} ms, "
        f"warm {statistics.median(step_warm) * 1000:.1f} ms, difference {step_overhead * 1000:+.1f} ms "
        f"(median of {len(step_warm)})"
    )
    met = warm_overhead <= WARM_OVERHEAD_TARGET
    if cold.seconds:
        print(f"cold - off (median):   {cold.median - off.median:+.2f} s")
        print(f"cold / warm (median):  {cold.median / warm.median:.1f}")
        print(f"cold build (median):   {cold.median:.2f} s (target: at most {COLD_TARGET:.0f} s)")
        if snippet_seconds:
            print(f"snippet's own run time, from its output (median): {statistics.median(snippet_seconds):.1f} s")
        met = met and cold.median <= COLD_TARGET
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


def _copy_project(target: Path) -> None:
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _build(project: Path, site_dir: Path, expected_summary: str) -> tuple[float, float, str]:
    """Run one strict build; return its wall-clock seconds, CPU seconds and the Architecture page it built.

    CPU time counts the build and its kernel, and varies less than wall-clock
    time when other programs share the machine.

    `expected_summary` is text that the build's snippet summary must contain,
    such as "0 snippets ran, 1 from the cache" for a build that starts no
    kernel; "execution is off" builds with FIELD_GUIDE_EXECUTE=false.
    """
    execute = expected_summary != "execution is off"
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "NO_MKDOCS_2_WARNING": "1",
        "FIELD_GUIDE_EXECUTE": "true" if execute else "false",
    }
    mkdocs = Path(sys.executable).with_name("mkdocs")
    cpu_before = _children_cpu_seconds()
    start = time.perf_counter()
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    cpu_seconds = _children_cpu_seconds() - cpu_before
    if result.returncode != 0:
        raise SystemExit(f"benchmark_build.py: error: the build failed:\n{result.stderr[-3000:]}")

    summary = SUMMARY_LINE.search(result.stderr)
    if summary is None or expected_summary not in summary.group():
        found = summary.group() if summary else "none"
        raise SystemExit(
            f"benchmark_build.py: error: expected a snippet summary containing {expected_summary!r}, found {found}"
        )
    article = (site_dir / "architecture" / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(site_dir)
    return seconds, cpu_seconds, article


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time_snippet_step(project: Path, runs: int) -> tuple[list[float], list[float]]:
    """Time the hooks' snippet step in this process, with execution off and from the warm cache."""
    sys.path.insert(0, str(project / "hooks"))
    from field_guide.executed_snippets import ExecutionSettings, fine_tuning_snippet, run_snippets

    def timed(step: Callable[[], object]) -> float:
        start = time.perf_counter()
        step()
        return time.perf_counter() - start

    off, warm = [], []
    settings_off, settings_on = ExecutionSettings(enabled=False), ExecutionSettings()
    for _ in range(runs):
        off.append(timed(lambda: run_snippets(project, [fine_tuning_snippet(os.environ)], settings_off)))
        warm.append(timed(lambda: run_snippets(project, [fine_tuning_snippet(os.environ)], settings_on)))
    return off, warm


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg()) + " (1, 5, 15 min)"


if __name__ == "__main__":
    sys.exit(main())
