"""MkDocs hooks of the LLM Field Guide.

Each function routes one MkDocs event to the plain `field_guide` package,
which knows nothing of MkDocs; keep logic there, not here.
"""

from __future__ import annotations

import logging
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
from field_guide.contributing_page import field_reference  # noqa: E402
from field_guide.event_pages import event_page_path, render_event_page, render_events_list  # noqa: E402
from field_guide.models_table import render_models_table  # noqa: E402
from field_guide.notebook import write_notebook  # noqa: E402
from field_guide.problems import DataError  # noqa: E402
from field_guide.references_page import render_references  # noqa: E402
from field_guide.serve_recovery import keep_last_good_site  # noqa: E402
from field_guide.site_data import SiteData, load_site_data  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.field_guide.hooks")

FINE_TUNING_SCRIPT = "snippets/fine_tune.py"
FINE_TUNING_PAGE = "fine-tuning.ipynb"
NOTEBOOK_SOURCE_DIR = ".cache/field-guide/notebook-page"

_site_data: SiteData | None = None


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

    script = root / FINE_TUNING_SCRIPT
    if not script.is_file():
        raise PluginError(f"{FINE_TUNING_SCRIPT}: file not found; the page {FINE_TUNING_PAGE} is built from it, so restore it")
    files.append(_notebook_page(root, script, config))
    log.debug("added %d event pages and the notebook page", len(_data().conferences))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Replace a data page's marker with the content rendered from the data files."""
    data = _data()
    rendered = {
        markers.MODELS_TABLE.page: lambda: render_models_table(data.models, references_url="references.md"),
        markers.EVENTS_LIST.page: lambda: render_events_list(data.conferences),
        markers.REFERENCES.page: lambda: render_references(data.references),
        markers.DATA_FIELDS.page: lambda: field_reference(_project_root(config)),
    }
    for marker in markers.ALL:
        if page.file.src_uri != marker.page:
            continue
        try:
            return markers.replace_marker(markdown, marker, rendered[marker.page]())
        except markers.MarkerMissingError as error:
            raise PluginError(str(error)) from error
    return None


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]) -> LiveReloadServer:
    """Keep serving the last good site when a rebuild fails, instead of holding every request."""
    server.builder = keep_last_good_site(server.builder, Path(config.site_dir))
    return server


def _notebook_page(root: Path, script: Path, config: MkDocsConfig) -> File:
    """Return the notebook page as a File that mkdocs-jupyter renders at /fine-tuning/.

    mkdocs-jupyter 0.26 cannot render a File.generated backed by a path: its
    wrapper loses `abs_src_path`. So the page gets a source folder of its own
    under .cache/, outside docs/, holding the snippet converted to a notebook;
    mkdocs-jupyter also publishes that file for download beside the page.
    """
    page_source = root / NOTEBOOK_SOURCE_DIR / FINE_TUNING_PAGE
    write_notebook(script, page_source)
    return File(
        FINE_TUNING_PAGE,
        src_dir=str(page_source.parent),
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
    )


def _data() -> SiteData:
    if _site_data is None:
        raise PluginError("the data files were not loaded; on_config of hooks/site_hooks.py did not run")
    return _site_data


def _project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent
