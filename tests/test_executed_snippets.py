"""Running snippets during the build: the cache key, the cache entries, and failures reported by line."""

import dataclasses
import logging
import os
import platform
import re
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jupytext
import nbformat
import pytest

import fine_tune
from field_guide import executed_snippets
from field_guide.atomic_files import write_text_atomically
from field_guide.executed_snippets import (
    ExecutionSettings,
    Model,
    SettingsError,
    Snippet,
    SnippetRun,
    fine_tuning_snippet,
    key_parts,
    load_settings,
    render_run_output,
    run_snippets,
)
from field_guide.execution_cache import FileDigests
from field_guide.notebook_execution import SnippetError, cell_start_lines

ROOT = Path(__file__).resolve().parents[1]

# Cells of a small snippet for the tests that need no kernel.
DEMO_SCRIPT = """\
# %% [markdown]
# # Demo

# %%
# --8<-- [start:setup]
from pathlib import Path
# --8<-- [end:setup]

# %%
# --8<-- [start:run]
print(Path("input.txt").name)
# --8<-- [end:run]
"""

# A snippet for a real kernel: it counts its runs in the file named by $DEMO_COUNTER.
KERNEL_SCRIPT = """\
# %%
# --8<-- [start:setup]
import os


def count_run():
    with open(os.environ["DEMO_COUNTER"], "a", encoding="utf-8") as file:
        file.write("ran\\n")


def divide(numerator, denominator):
    return numerator / denominator
# --8<-- [end:setup]

# %%
# --8<-- [start:run]
count_run()
print("three:", divide(6, 2))
# --8<-- [end:run]
"""


class CountingExecutor:
    """Stands in for the kernel: counts its calls and gives the run cell a line of output."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, notebook: nbformat.NotebookNode, *args: object, **kwargs: object) -> nbformat.NotebookNode:
        self.calls += 1
        for cell in notebook.cells:
            if "[start:run]" in cell.source:
                cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"run {self.calls}\n")]
        return notebook


@dataclasses.dataclass
class Project:
    """A project folder with one snippet, its data file, a local model and an installed package."""

    root: Path
    snippet: Snippet
    settings: ExecutionSettings
    site_packages: Path

    def run(self, execute: Callable[..., nbformat.NotebookNode]) -> SnippetRun:
        (run,) = run_snippets(self.root, [self.snippet], self.settings, execute=execute)
        return run


def install_distribution(site_packages: Path, version: str) -> None:
    """Install the metadata of a package called demo-dependency at `version`, replacing any other version."""
    for old in site_packages.glob("demo_dependency-*.dist-info"):
        shutil.rmtree(old)
    info = site_packages / f"demo_dependency-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: demo-dependency\nVersion: {version}\n")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    root = tmp_path / "project"
    (root / "snippets" / "data").mkdir(parents=True)
    (root / "snippets" / "demo.py").write_text(DEMO_SCRIPT, encoding="utf-8")
    (root / "snippets" / "data" / "input.txt").write_text("first\n", encoding="utf-8")
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text('{"hidden_size": 32}', encoding="utf-8")
    site_packages = tmp_path / "site-packages"
    install_distribution(site_packages, "1.0")
    monkeypatch.syspath_prepend(str(site_packages))
    snippet = Snippet(
        script="snippets/demo.py",
        page="demo.ipynb",
        inputs=("snippets/data/**/*",),
        packages=("demo-dependency",),
        output_section="run",
        model=Model(name=str(model), folder=model),
    )
    return Project(root, snippet, ExecutionSettings(), site_packages)


# --- The cache key ---


def edit_script(project: Project) -> None:
    script = project.root / project.snippet.script
    script.write_text(script.read_text() + "\n# %%\nprint('one more cell')\n")


def edit_input(project: Project) -> None:
    (project.root / "snippets" / "data" / "input.txt").write_text("second, longer\n")


def edit_input_same_size(project: Project) -> None:
    # Same size, and written within the file system's timestamp step of the first version.
    (project.root / "snippets" / "data" / "input.txt").write_text("FIRST\n")


def add_input(project: Project) -> None:
    (project.root / "snippets" / "data" / "more" / "extra.csv").parent.mkdir()
    (project.root / "snippets" / "data" / "more" / "extra.csv").write_text("a,b\n")


def upgrade_package(project: Project) -> None:
    install_distribution(project.site_packages, "1.1")


def rename_model(project: Project) -> None:
    project.snippet = dataclasses.replace(project.snippet, model=Model(name="example-org/other-model"))


def edit_model_file(project: Project) -> None:
    assert project.snippet.model is not None and project.snippet.model.folder is not None
    (project.snippet.model.folder / "config.json").write_text('{"hidden_size": 64}')


def change_timeout(project: Project) -> None:
    project.settings = ExecutionSettings(timeout=601)


def change_kernel(project: Project) -> None:
    project.settings = ExecutionSettings(kernel="another-kernel")


@pytest.mark.parametrize(
    "change",
    [
        edit_script,
        edit_input,
        edit_input_same_size,
        add_input,
        upgrade_package,
        rename_model,
        edit_model_file,
        change_timeout,
        change_kernel,
    ],
)
def test_changed_key_part_runs_again(project: Project, change: Callable[[Project], None]) -> None:
    executor = CountingExecutor()
    first = project.run(executor)

    change(project)
    second = project.run(executor)

    assert executor.calls == 2
    assert (first.source, second.source) == ("ran", "ran")
    assert first.notebook != second.notebook


def test_new_python_runs_again(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    executor = CountingExecutor()
    project.run(executor)

    monkeypatch.setattr(platform, "python_version", lambda: "3.11.99")
    project.run(executor)

    assert executor.calls == 2


def test_unchanged_snippet_from_cache(project: Project) -> None:
    executor = CountingExecutor()
    first = project.run(executor)

    second = project.run(executor)

    assert executor.calls == 1
    assert second.source == "cache"
    assert second.notebook == first.notebook
    assert second.output == first.output == "run 1"


def test_summary_logged_once_per_build(project: Project, caplog: pytest.LogCaptureFixture) -> None:
    executor = CountingExecutor()
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.field_guide")

    project.run(executor)
    project.run(executor)

    summaries = [record.getMessage() for record in caplog.records if record.levelno == logging.INFO]
    assert summaries == ["1 snippet ran, 0 from the cache", "0 snippets ran, 1 from the cache"]


def test_execution_off_starts_nothing(project: Project, caplog: pytest.LogCaptureFixture) -> None:
    executor = CountingExecutor()
    project.settings = ExecutionSettings(enabled=False)
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.field_guide")

    run = project.run(executor)

    assert executor.calls == 0
    assert run.source == "not run"
    assert run.output is None
    assert all(not cell.get("outputs") for cell in nbformat.read(run.notebook, as_version=4).cells)
    assert "0 snippets ran" in caplog.text
    assert "FIELD_GUIDE_EXECUTE=false" in caplog.text


def test_fine_tuning_key_covers_inputs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FIELD_GUIDE_MODEL", raising=False)
    snippet = fine_tuning_snippet({})

    parts = key_parts(ROOT, snippet, ExecutionSettings(), FileDigests(tmp_path / "digests.json"))

    assert list(parts["script"]) == ["snippets/fine_tune.py"]
    assert "snippets/data/reviews.csv" in parts["inputs"]
    assert {"torch", "transformers"} <= set(parts["packages"])
    assert all(parts["packages"].values()), parts["packages"]
    assert parts["model"]["name"] == str(fine_tune.bundled_checkpoint().resolve())
    assert {"config.json", "model.safetensors", "tokenizer.json"} <= set(parts["model"]["files"])
    assert parts["settings"] == {"kernel": "field-guide", "timeout": 600}


def test_fine_tuning_model_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "checkpoint").mkdir()
    monkeypatch.chdir(tmp_path)

    hub = fine_tuning_snippet({"FIELD_GUIDE_MODEL": "example-org/model", "HF_HUB_CACHE": str(tmp_path / "hub")})
    local = fine_tuning_snippet({"FIELD_GUIDE_MODEL": "checkpoint"})

    assert hub.model == Model(name="example-org/model", folder=None, revision=None)
    assert hub.environment is None
    assert local.model == Model(name="checkpoint", folder=tmp_path / "checkpoint")
    # The kernel starts in another folder, so it receives the absolute path.
    assert local.environment == {"FIELD_GUIDE_MODEL": str(tmp_path / "checkpoint")}


def test_hub_model_revision_from_cache(tmp_path: Path) -> None:
    reference = tmp_path / "hub" / "models--example-org--model" / "refs" / "main"
    reference.parent.mkdir(parents=True)
    reference.write_text("0123abcd\n")

    snippet = fine_tuning_snippet({"FIELD_GUIDE_MODEL": "example-org/model", "HF_HUB_CACHE": str(tmp_path / "hub")})

    assert snippet.model is not None
    assert snippet.model.revision == "0123abcd"


def test_digest_memo_reads_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkpoint = tmp_path / "weights.bin"
    checkpoint.write_bytes(b"\x00" * 1000)
    settled = time.time_ns() - 10_000_000_000
    os.utime(checkpoint, ns=(settled, settled))
    first = FileDigests(tmp_path / "digests.json")
    digest = first.digest(checkpoint)
    first.save()

    opened: list[Path] = []
    original_open = Path.open

    def recording_open(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return original_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", recording_open)
    second = FileDigests(tmp_path / "digests.json")

    assert second.digest(checkpoint) == digest
    assert checkpoint not in opened


# --- Cache entries ---


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.write_text('{"cells": [', encoding="utf-8"), id="truncated"),
        pytest.param(lambda path: path.write_text("[]", encoding="utf-8"), id="not-an-object"),
        pytest.param(lambda path: path.write_bytes(b"\xff\xfe\x00"), id="not-utf8"),
        pytest.param(
            lambda path: path.write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8"),
            id="other-key",
        ),
    ],
)
def test_corrupt_entry_discarded_and_run_again(
    project: Project, damage: Callable[[Path], object], caplog: pytest.LogCaptureFixture
) -> None:
    executor = CountingExecutor()
    first = project.run(executor)
    damage(first.notebook)

    second = project.run(executor)

    assert executor.calls == 2
    assert second.source == "ran"
    assert second.output == "run 2"
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{first.notebook}: discarded a corrupt cache entry")
    stored = nbformat.read(second.notebook, as_version=4)
    assert stored.metadata["field_guide"]["cache_key"] == second.notebook.parent.name


def test_section_without_output_not_cached(project: Project) -> None:
    def silent(notebook: nbformat.NotebookNode, *args: object, **kwargs: object) -> nbformat.NotebookNode:
        return notebook

    with pytest.raises(SnippetError, match=r"^snippets/demo\.py: the cell of section 'run' printed nothing"):
        project.run(silent)
    assert not list((project.root / ".cache").rglob("demo.ipynb"))


def test_atomic_writes_never_mix(tmp_path: Path) -> None:
    target = tmp_path / "entry.ipynb"
    contents = ["a" * 200_000, "b" * 300_000]
    seen: set[str] = set()

    def write(content: str) -> None:
        for _ in range(20):
            write_text_atomically(target, content)

    writers = [threading.Thread(target=write, args=(content,)) for content in contents]
    for writer in writers:
        writer.start()
    while any(writer.is_alive() for writer in writers):
        if target.exists():
            seen.add(target.read_text())
    for writer in writers:
        writer.join()

    assert seen <= set(contents)
    assert target.read_text() in contents
    assert [path.name for path in tmp_path.iterdir()] == ["entry.ipynb"]


# --- Settings and rendering ---


def test_settings_defaults() -> None:
    assert load_settings({}) == ExecutionSettings(enabled=True, timeout=600, kernel="field-guide")
    assert load_settings({"snippet_execution": {"enabled": False}}).enabled is False


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"timeout": 0}, r"^mkdocs\.yml: extra\.snippet_execution\.timeout: input should be greater than 0, got 0;"),
        ({"timeout": "soon"}, r"^mkdocs\.yml: extra\.snippet_execution\.timeout: .*, got 'soon';"),
        ({"enabled": "sometimes"}, r"^mkdocs\.yml: extra\.snippet_execution\.enabled: .*, got 'sometimes';"),
        ({"limit": 5}, r"^mkdocs\.yml: extra\.snippet_execution\.limit: extra inputs are not permitted, got 5;"),
    ],
)
def test_settings_rejected(raw: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings({"snippet_execution": raw})


def test_run_output_escaped(project: Project) -> None:
    run = SnippetRun(project.snippet, project.root / "demo.ipynb", "cache", "accuracy < 1 & <b>bold</b>")

    html = render_run_output(run)

    assert "<pre><code>accuracy &lt; 1 &amp; &lt;b&gt;bold&lt;/b&gt;</code></pre>" in html
    assert 'class="field-guide-run-output"' in html


def test_run_output_note_when_not_run(project: Project) -> None:
    run = SnippetRun(project.snippet, project.root / "demo.ipynb", "not run", None)

    assert "did not run the code" in render_run_output(run)
    assert "<pre>" not in render_run_output(run)


def test_cell_lines_of_fine_tune() -> None:
    text = Path(fine_tune.__file__).read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt="py:percent")

    starts = cell_start_lines(notebook, text)

    code_cells = [index for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
    assert sorted(starts) == code_cells
    lines = text.splitlines()
    for index, line in starts.items():
        assert lines[line - 1] == notebook.cells[index].source.splitlines()[0]


# --- A real kernel ---


@pytest.fixture
def kernel_project(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The project with a snippet that a real kernel runs; $DEMO_COUNTER counts the runs."""
    (project.root / project.snippet.script).write_text(KERNEL_SCRIPT, encoding="utf-8")
    monkeypatch.setenv("DEMO_COUNTER", str(tmp_path / "runs.txt"))
    project.settings = ExecutionSettings(timeout=120)
    return project


def replace_run_cell(project: Project, code: str) -> str:
    """Put `code` in the run section of the kernel snippet and return the new script."""
    script = project.root / project.snippet.script
    run_section = re.compile(r"(?s)(\[start:run\]\n).*?(\n# --8<-- \[end:run\])")
    text = run_section.sub(lambda match: match[1] + code + match[2], script.read_text())
    script.write_text(text)
    return text


def line_of(text: str, fragment: str) -> int:
    (number,) = [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return number


def test_kernel_runs_once_then_cache(kernel_project: Project, tmp_path: Path) -> None:
    first = kernel_project.run(executed_snippets.execute_notebook)
    second = kernel_project.run(executed_snippets.execute_notebook)

    assert (tmp_path / "runs.txt").read_text() == "ran\n"
    assert (first.source, second.source) == ("ran", "cache")
    assert first.output == second.output == "three: 3.0"


def test_raising_snippet_names_line(kernel_project: Project) -> None:
    text = replace_run_cell(kernel_project, 'print("about to divide")\ndivide(1, 0)')

    with pytest.raises(SnippetError) as raised:
        kernel_project.run(executed_snippets.execute_notebook)

    message = str(raised.value)
    first_line = message.splitlines()[0]
    line = line_of(text, "return numerator / denominator")
    assert first_line == f"snippets/demo.py:{line}: ZeroDivisionError: division by zero"
    assert "about to divide" in message
    assert "Traceback" in message
    assert not list((kernel_project.root / ".cache").rglob("demo.ipynb"))


def test_slow_snippet_stopped(kernel_project: Project) -> None:
    kernel_project.settings = ExecutionSettings(timeout=3)
    text = replace_run_cell(kernel_project, 'import time\nprint("sleeping", flush=True)\ntime.sleep(120)')
    start = time.monotonic()

    with pytest.raises(SnippetError) as raised:
        kernel_project.run(executed_snippets.execute_notebook)

    message = str(raised.value)
    line = line_of(text, "[start:run]")
    assert message.startswith(f"snippets/demo.py:{line}: stopped after the execution limit of 3 s")
    assert "extra.snippet_execution.timeout" in message
    assert time.monotonic() - start < 60
    assert not list((kernel_project.root / ".cache").rglob("demo.ipynb"))


def test_printed_traceback_rejected(kernel_project: Project) -> None:
    code = "import traceback\ntry:\n    divide(1, 0)\nexcept ZeroDivisionError:\n    traceback.print_exc()\n"
    text = replace_run_cell(kernel_project, code)

    with pytest.raises(SnippetError, match=r"contains a traceback") as raised:
        kernel_project.run(executed_snippets.execute_notebook)

    assert str(raised.value).startswith(f"snippets/demo.py:{line_of(text, '[start:run]')}: ")


def test_missing_kernel_explained(kernel_project: Project) -> None:
    kernel_project.settings = ExecutionSettings(kernel="no-such-kernel")

    with pytest.raises(SnippetError, match=r"^snippets/demo\.py: the Jupyter kernel 'no-such-kernel' is not installed"):
        kernel_project.run(executed_snippets.execute_notebook)


def test_dead_kernel_quotes_its_messages(kernel_project: Project) -> None:
    text = replace_run_cell(kernel_project, 'import os\nos.write(2, b"fatal: out of memory\\n")\nos._exit(3)')

    with pytest.raises(SnippetError) as raised:
        kernel_project.run(executed_snippets.execute_notebook)

    message = str(raised.value)
    assert message.startswith(f"snippets/demo.py:{line_of(text, '[start:run]')}: the kernel died")
    assert "fatal: out of memory" in message
