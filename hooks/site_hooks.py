"""MkDocs hooks of the LLM Field Guide.

Each function routes one MkDocs event to the plain `field_guide` package,
which knows nothing of MkDocs; keep logic there, not here.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

# `mkdocs serve` runs this file again on every rebuild, but Python would keep
# the package it imported the first time. Dropping it makes edits under hooks/
# take effect on the next rebuild.
for _name in [name for name in sys.modules if name == "field_guide" or name.startswith("field_guide.")]:
    del sys.modules[_name]

from field_guide import markers  # noqa: E402 (the package must be imported after the purge above)
from field_guide.event_pages import event_page_path, render_event_page, render_events_list  # noqa: E402
from field_guide.executed_snippets import RUN_OUTPUT, SettingsError, SnippetRun, render_run_output  # noqa: E402
from field_guide.executed_snippets import fine_tuning_snippet, load_settings, run_snippets  # noqa: E402
from field_guide.models_table import render_models_table  # noqa: E402
from field_guide.notebook_execution import SnippetError  # noqa: E402
from field_guide.problems import DataError  # noqa: E402
from field_guide.references_page import render_references  # noqa: E402
from field_guide.site_data import SiteData, load_site_data  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.field_guide.hooks")

_site_data: SiteData | None = None
_fine_tuning_run: SnippetRun | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the data files before anything is built."""
    global _site_data
    try:
        _site_data = load_site_data(_project_root(config))
    except DataError as error:
        raise PluginError(str(error)) from error
    return config


@event_priority(50)  # before mkdocs-jupyter, so that it sees the notebook page added here
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the pages that do not come from docs/: one per event, and the notebook page."""
    root = _project_root(config)
    for event in _data().conferences:
        # Reachable from the events list and search; listing every event would bloat the navigation.
        page = File.generated(
            config, event_page_path(event), content=render_event_page(event), inclusion=InclusionLevel.NOT_IN_NAV
        )
        files.append(page)

    files.append(_notebook_page(root, config))
    log.debug("added %d event pages and the notebook page", len(_data().conferences))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Replace a page's marker with the content rendered from the data files or the fine-tuning run."""
    if page.file.src_uri == RUN_OUTPUT.page:
        markdown = _with_run_output(markdown)

    data = _data()
    rendered = {
        markers.MODELS_TABLE.page: lambda: render_models_table(data.models, references_url="references.md"),
        markers.EVENTS_LIST.page: lambda: render_events_list(data.conferences),
        markers.REFERENCES.page: lambda: render_references(data.references),
    }
    for marker in markers.ALL:
        if page.file.src_uri != marker.page:
            continue
        try:
            return markers.replace_marker(markdown, marker, rendered[marker.page]())
        except markers.MarkerMissingError as error:
            raise PluginError(str(error)) from error
    return markdown


def _notebook_page(root: Path, config: MkDocsConfig) -> File:
    """Run the fine-tuning snippet, or take it from the cache, and return its notebook as the page /fine-tuning/.

    mkdocs-jupyter 0.26 cannot render a File.generated backed by a path: its
    wrapper loses `abs_src_path`. So the page's source folder is the one that
    contains the notebook, under .cache/ and outside docs/; mkdocs-jupyter also
    publishes that file for download beside the page.
    """
    global _fine_tuning_run
    try:
        settings = load_settings(config.extra)
        (_fine_tuning_run,) = run_snippets(root, [fine_tuning_snippet(os.environ)], settings)
    except (SettingsError, SnippetError) as error:
        raise PluginError(str(error)) from error
    notebook = _fine_tuning_run.notebook
    return File(
        notebook.name,
        src_dir=str(notebook.parent),
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
    )


def _with_run_output(markdown: str) -> str:
    """Show the output of the fine-tuning run that on_files prepared at the article's marker."""
    if _fine_tuning_run is None:
        raise PluginError("the fine-tuning snippet was not prepared; on_files of hooks/site_hooks.py did not run")
    try:
        return markers.replace_marker(markdown, RUN_OUTPUT, render_run_output(_fine_tuning_run))
    except markers.MarkerMissingError as error:
        raise PluginError(str(error)) from error


def _data() -> SiteData:
    if _site_data is None:
        raise PluginError("the data files were not loaded; on_config of hooks/site_hooks.py did not run")
    return _site_data


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent
